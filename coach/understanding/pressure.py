"""Pressure is put on the buyer; a promise of the seller's own next step is not pressure.

The head reads "The first one goes out this Friday … I flag it the same day, not at quarter end" as a deadline
as well as a commitment: dates and urgency words are shared by both. Pressure needs something the buyer must do,
decide or lose (an answer by a date, an offer that expires, capacity that goes to others); without it, a line
the head also reads as the seller's own commitment is that commitment alone.
"""
from __future__ import annotations

import re

from coach.understanding.sentences import split_sentences

_ON_THE_BUYER = re.compile(
    r"\b(?:you|your (?:team|side|company|management|boss))\b[^.?!]{0,40}?\b(?:need|needs|must|should|have to|has to|got to)\b"
    r"|\b(?:need|want|expect|require|waiting for|wait for)\b[^.?!]{0,25}?\b(?:your|an?|the) (?:clear |final |firm |quick )?"
    r"(?:answer|decision|reply|confirmation|signature|commitment|go-ahead|approval|po|order|yes)\b"
    r"|\b(?:otherwise|or else|expires?|expiring|only valid|valid (?:only )?(?:until|till|through)|only (?:until|till)|"
    r"last chance|final offer|take it or leave it|other (?:customers|clients|buyers|projects)|(?:price|prices) (?:goes|go|will go) up|"
    r"(?:can'?t|cannot|won'?t be able to) (?:hold|guarantee|keep|reserve)|hurry|quickly|asap|as soon as possible|"
    r"before (?:it'?s|it is) too late|(?:is|are) filling up|running out|too late|final|disappear\w*|is gone|walks|"
    r"(?:nearly|almost) full|rising|(?:will be|goes|go) higher|your call|(?:must|need to) know|waiting|no movement|"
    r"now,? or|or i'?m out|(?:other|another) (?:\w+ ){0,2}(?:customers?|groups?|makers?|utilities|suppliers?|buyers?|"
    r"clients?|dealers?|distributors?)|hold\w* (?:only )?(?:until|till|for)|only (?:holds?|good)|good (?:until|till)|"
    r"after that|vanish\w*|kicks? in|please answer|(?:is|are) interested|yes or no|or not\?|drags? on|"
    r"(?<!\bno )(?<!n['\u2019]t )(?<!not )(?:need|want)\b[^.?!]{0,30}?\b(?:by|before|this week|today|tonight))"
    r"|\bif (?:you|we) (?:don'?t|do not|can'?t|cannot|won'?t)\b"
    r"|\b(?:hold|keep|reserve)\w*\b[^.?!]{0,30}?\b(?:until|till|through|open)\b|\bdeadline\b|\bends? (?:on|by|at|with)\b"
    r"|\b(?:must|have to|need to) (?:have|get|receive)\b[^.?!]{0,20}?\b(?:your|an?|the)\b"
    r"|\b(?:can'?t|cannot|won'?t be able to|will not be able to) (?:offer|give|hold|keep)\b", re.I)
# a decision by a date, unless the seller's side takes it: "sign by Friday" is on the buyer, "I can get the deal desk
# to approve it by thursday" is the seller's own step ("the committee has time before Ramadan": "commit" is no "committee")
_DECIDE_BY = re.compile(r"\b(?:sign\w*|decide\w*|confirm\w*|commit(?:s|ted|ting|ment)?|order\w*|approve\w*)\b[^.?!]{0,20}?"
                        r"\b(?:by|before|until|today|tonight|this (?:week|month|quarter))\b", re.I)
_OUR_SIDE_DOES = re.compile(r"\b(?:i|we|our(?: [\w-]+){1,2})(?:['\u2019]ll| will| can| could| shall| am going to| are going to)? (?:get|have|make)? ?"
                            r"(?:our |my |the )?(?:(?!you\b|your\b|u\b)[\w-]+ ){0,3}(?:to )?$", re.I)


def on_the_buyer(clean: str) -> bool:
    """The line asks the buyer to act by a time, or threatens a loss if he does not (a clause saying it is not asked,
    "Nothing to sign today", "You don't have to decide before the committee meets", is left out)."""
    clean = _NOT_ASKED.sub(" ", clean)
    if _ON_THE_BUYER.search(clean):
        return True
    return any(not _OUR_SIDE_DOES.search(clean[max(0, m.start() - 50):m.start()]) for m in _DECIDE_BY.finditer(clean))


# a decision said not to be asked, to the end of its clause: "Nothing to sign today.", "no need to decide before the
# committee sits", "you don't have to sign anything today", "we don't need an answer before Friday"
_NOT_ASKED = re.compile(r"\b(?:nothing to|no need(?: for (?:you|anyone|a|an|the|your) [\w ]{0,20}?)?(?: to)?|no pressure to|no rush to|"
                        r"no obligation to|not (?:asking|expecting) (?:you|anyone|anybody)|(?<!if )(?<!unless )(?:you|we|i) (?:(?:don['\u2019]?t|do not|"
                        r"won['\u2019]?t) (?:need|have)(?: to)?|needn['\u2019]?t)|(?:there is|there['\u2019]s) no need)\b"
                        r"[^.;!?]*?(?=[.;!?]|\bbut\b|$)", re.I)


# an offer or a capacity that expires is pressure whatever else the line does: "I'll get the quote to you today, it's
# valid until the 30th only", "the demo kits are reserved for you until Agrishow, not longer", "the container space we
# can hold only two weeks"
_EXPIRES = re.compile(r"\b(?:valid (?:only )?(?:until|till|through|for)|only valid|expires?\b|reserved (?:for you )?(?:until|till)|"
                      r"(?:until|till) [^.?!,]{1,30}, not longer|(?:can|could) (?:hold|keep|reserve) [^.?!]{0,20}?only|"
                      r"(?:hold|keep|reserve) (?:it|this|them|the \w+) (?:only )?for (?:one|two|three|\d+) (?:days?|weeks?))\b",
                      re.I)


# a rival buyer held over the buyer: "there's another dealer group sniffing around", "another dealer group also
# contacted us about the kits", "two other utilities are interested in the same slot" (not "other customers asked for
# the same discount and we said no", nor "other customers in Europe are interested in our new line")
_RIVAL_BUYER = re.compile(
    r"\b(?:another|other|two other|several other|a few other|other interested)\s+(?:[\w-]+\s+){0,2}(?:customers?|clients?|"
    r"buyers?|dealers?|distributors?|groups?|utilities|companies|importers?|partners?|parties|players?|oems?|makers?)\b"
    r"[^.?!]{0,40}?\b(?:sniff\w*|interested in (?:it|them|this|that|the same)|keen|asking for (?:it|them|the same|this|that)|"
    r"asked for (?:it|them|this|that)|contacted us about (?:it|them|this|that|the)|knocking|waiting|lined up|in line|"
    r"approached|want(?:s|ed)? (?:it|them|the|this|our))\b", re.I)


def rival_leverage(clean: str) -> bool:
    """A rival buyer is held over the buyer, said (not asked: "Have other buyers asked you for this?")."""
    return any(_RIVAL_BUYER.search(s) and not s.rstrip().endswith("?") for s in split_sentences(clean))


# time given, not taken: "let's not rush anything before Ramadan — our offer stays valid for a hundred and twenty days,
# through Eid" (unless a threat is made beside it: "no rush, but it is only valid until Friday")
_RELIEVES = re.compile(r"\b(?:let['\u2019]?s not rush|(?:there['\u2019]?s |there is )?no (?:rush|hurry|pressure)|(?:don['\u2019]t|do not|"
                       r"need not|needn['\u2019]t) (?:rush|hurry)|take (?:all )?(?:the |your )?time|(?:stays?|remains?) valid|"
                       r"(?:keep|hold) (?:it|the offer|our offer|this) open (?:for you )?(?:as long as|until you)|whenever (?:you|it|he|she|they|"
                       r"the (?:committee|board|team)|your (?:committee|board|team))(?: is| are|['\u2019]re|['\u2019]s) ready|"
                       r"(?:can|may) (?:sit|meet|decide) whenever|not (?:yours|your problem)|nothing to (?:sign|decide|confirm))\b",
                       re.I)
_STILL_A_THREAT = re.compile(r"\b(?:only (?:valid|until|till|through|good|holds?|for (?:one|two|three|a few|\d+))|valid only|"
                             r"final|otherwise|or else|last chance|take it or leave it|expires?|not longer|goes up|go up|off the table|"
                             r"rises?|increases?|(?:by|before) (?:the )?(?:end of|monday|tuesday|wednesday|thursday|friday|"
                             r"saturday|sunday|tomorrow|today|tonight|next week|\d)|if you (?:don['\u2019]t|do not|can['\u2019]t|"
                             r"cannot|won['\u2019]t))\b", re.I)


# said, not asked: the rest of the sentence holds no question mark
_SAID = r"[^?]*?(?:[.!]|$)"
# an ultimatum: a decision of the buyer's, or else a loss ("either we sign by end of February or the April start is just not
# possible", "either you confirm this week or the slot goes to another customer"); options offered are none ("either we
# sign for one year or for three, as you prefer")
_EITHER_OR = re.compile(r"\beither (?:you|we)\b[^.?!;]{0,30}?\b(?:sign\w*|decide\w*|confirm\w*|commit\w*|order\w*|accept\w*|"
                        r"agree\w*|close\w*|take (?:it|this|the offer))\b[^.?!]{0,60}?\bor\b[^.?!]{0,60}?\b(?:not|no longer|"
                        r"can['\u2019]?t|cannot|won['\u2019]t|lose|lost|gone|goes to|go to|too late|miss\w*|off the table)\b" + _SAID,
                        re.I)

# a signature wanted by a time: "my director really wants something signed today", "we need the contract signed by Friday"
# (asked is a request, not pressure: "could we have it signed by Friday?")
_SIGNED_BY = re.compile(r"\b(?:wants?|needs?|expects?|must have|has to have|have to have)\b[^.?!]{0,30}?\bsigned\b[^.?!]{0,20}?"
                        r"\b(?:today|tonight|now|this (?:week|month|quarter)|before (?!(?:a|the) notary)|by (?:then|the end|end of|tomorrow|tonight|"
                        r"noon|next|this|our|your|\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|"
                        r"july|august|september|october|november|december))" + _SAID, re.I)


# a forecast that the deal will not close by a date ("No. It won't close this quarter.", "not this quarter"): news about the
# timing, no deadline on anyone
_NOT_BY_THEN = re.compile(r"\b(?:won['\u2019]?t|will not|can(?:not|['\u2019]t)|doesn['\u2019]?t|does not|isn['\u2019]?t|is not|not going to) "
                          r"(?:close|happen|land|be (?:signed|closed|booked))\b[^.?!]{0,20}?\b(?:this|next) (?:quarter|month|week|year)\b|"
                          r"\bnot (?:in )?this (?:quarter|month|week|year)\b", re.I)


def read_into(conf: dict[str, float], clean: str) -> None:
    """Pressure read only where the line puts something on the buyer: a promise of the seller's own with a date ("the
    first update goes out this Friday") is none; an offer that expires, or a rival buyer held over him, is pressure."""
    if "pressure" in conf and "own_commitment" in conf and not on_the_buyer(clean):
        del conf["pressure"]
    if (_EXPIRES.search(clean) and "?" not in clean) or _EITHER_OR.search(clean) or _SIGNED_BY.search(clean):
        conf["pressure"] = max(conf.get("pressure", 0.0), 0.55)
    if ("pressure" in conf and _NOT_BY_THEN.search(clean) and not on_the_buyer(clean) and not _EXPIRES.search(clean)
            and not _STILL_A_THREAT.search(clean)):
        del conf["pressure"]  # the seller's forecast of the date, not a date put on the buyer
    rival = rival_leverage(clean)
    # (not on_the_buyer: "our price stays valid until the end of March, so there is no pressure" is relief, not a threat)
    relief = _RELIEVES.search(clean)  # "... not your problem, I know, but the discount disappears next month" is none
    if relief and not (_STILL_A_THREAT.search(clean) or rival or re.search(r"\bbut\b", clean[relief.end():].split(".")[0])):
        conf.pop("pressure", None)
    if rival:
        conf["pressure"] = max(conf.get("pressure", 0.0), 0.6)
    if "walk_away" in conf and "pressure" in conf and _IF_NOT_THEN_GONE.search(clean):
        conf["pressure"] = max(conf["pressure"], conf["walk_away"])  # an ultimatum: its condition is on the buyer


# leaving held out as what follows if the buyer does not act ("if I don't have the 360K by Friday … we're out", "unless
# you sign today, we go with the other dealer"): an ultimatum, answered as pressure, not as the seller leaving
_IF_NOT_THEN_GONE = re.compile(r"\b(?:if (?:you|we|i)\b[^.?!]{0,40}?\b(?:don['\u2019]t|do not|can['\u2019]t|cannot|won['\u2019]t|"
                               r"will not|doesn['\u2019]t|does not|haven['\u2019]t|no)\b|unless\b|otherwise\b|or else\b)", re.I)
