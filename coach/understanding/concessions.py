"""A seller who moves on a term other than the price: a concession the head often reads as an offer or a trade.

"We can commit to three hours on-site response instead of four", "We can extend the warranty from five to
seven years", "We can accept the ten percent quality retention": the training hands label such lines
concession (with offer), but in a longer line or after a buyer's complaint the head reads them as a bare offer,
as a trade, or not at all. The forms here are narrow: a statement (no question), with no condition, no demand on
the buyer, no refusal and no correction or bad news ("we counted 42 instead of 48", "due to the shortage, 12 weeks
instead of 8").
"""
from __future__ import annotations

import re

from coach.understanding.numbers import _TENS, _UNITS
from coach.understanding.sentences import split_sentences

_NUM = (r"(?:\d[\d.,]*%?|net \d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|"
        r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a half|half)(?:-\w+)?")
_MODAL = (r"(?: can| could| will|'ll| would|'d| are able to| am able to| are willing to| am willing to|'re willing to|"
          r"'m willing to|'re able to|'m able to)")
_NOT_A_TIME = r"(?!\s*(?:pm|am|p\.m|a\.m|o'?clock|:\d))"
_PRICE_WORDS = r"(?:the |our |my )?(?:price|prices|rate|fee|fees|cost|costs|list)\b"
_MOVES_ON_A_TERM = (
    # "three hours instead of four", "6.10 instead of 6.40"
    re.compile(rf"\binstead of (?:the |a |an |just |only |our |your )?{_NUM}\b{_NOT_A_TIME}", re.I),
    # "extend the warranty from five to seven years", "shorten the lead time from 12 to 10 weeks" (raising the price
    # is no concession)
    re.compile(rf"\b(?:extend|lengthen|improve|shorten|cut|reduce|lower|bring|(?:increase|raise)(?! {_PRICE_WORDS}))\w*\b"
               rf"[^.?!;]{{0,40}}?\bfrom (?:the )?{_NUM}\b[^.?!;]{{0,30}}?\bto {_NUM}\b", re.I),
    # "we can accept the retention", "I can accept 45 days" (not an invitation, a point or a concern)
    re.compile(rf"\b(?:we|i){_MODAL}? (?:also |now |then |still )?(?:accept|live with)\b(?! (?:\w+ ){{0,3}}"
               r"(?:invitation|invite|hospitality|apolog\w*|gift|kindness|coffee|tea|dinner|lunch|offer of|help|advice|"
               r"point|concern|argument|view|feedback|criticism|comment|thanks)\b)", re.I),
    # "we'll go to net 60", "we can move to ninety days" (not "move to 3 pm")
    re.compile(rf"\b(?:we|i){_MODAL} (?:also |now |then )?(?:go|move|stretch|come) (?:up |down )?to {_NUM}\b{_NOT_A_TIME}",
               re.I),
)
# said before the give, these turn it into a refusal, a demand of the seller's own or a hedge
_REFUSAL_BEFORE = re.compile(r"\b(?:not|never|no way|no longer|cannot|can't|won't|don't|doesn't|didn't|couldn't|"
                             r"wouldn't|unable|impossible|(?:we|i)(?:'d| would)? (?:need|require|must|have to|expect|want)|"
                             r"you (?:need|must|have) to)\b", re.I)
# anywhere in the sentence: a question, a correction, bad news, a hedge
_NOT_GIVING = re.compile(r"\?|\b(?:sorry|apolog\w*|mistake|wrong|error|typo|counted|correction|misspoke|i meant|due to|"
                         r"because of|unfortunately|sadly|afraid|check with|confirm with|from your (?:side|point of view|"
                         r"perspective)|i (?:understand|see|hear) (?:that|why))\b", re.I)
# a price for a volume ("For 500 seats on three years I can go to 88,000"; not "for 500 seats the list is 96,000")
FOR_A_VOLUME = (r"(?:^|[.;:,]\s*|\b(?:and|but|so)\s+)for (?:[\d,.]+k?|\d{1,3}(?: \d{3})+|ten|twenty|thirty|forty|fifty|"
                r"hundred|[a-z]+ hundred) (?:units|seats|sets|kits|pieces|pumps|users|licen[cs]es|tons?|tonnes?)\b"
                r"(?![^.;]*\b(?:list|as quoted|last year)\b)")
# the buyer asked to act, and the figure that follows ("Sign the three-year framework and we go to 395,000", "Give us
# the case study and 395,000 is yours"; not "Take the 380,000 and we have a deal")
DO_THIS_AND = (r"(?:^|[.;:!]\s+)(?:give|sign|commit to|take|order|confirm|agree to|publish|share|book)\b[^.?!]{3,80}?"
               r"\band\b[^.?!\d]{0,25}\d")
# trade shapes both readings of a trade share (this module's and the debrief's, coach.debrief.wording.TRADE)
TRADE_FORMS = "|".join((FOR_A_VOLUME, DO_THIS_AND, r"\bon (?:(?:one|a|this) )?condition\b",
                        r"\bwith an? (?:[\w-]+ ){0,2}(?:contract|framework|term|commitment|order of)\b"))
# the shape of a trade: something asked of the buyer against the move ("if that helps" is no condition)
_TRADE_MARK = re.compile(TRADE_FORMS + r"|\b(?:if(?! (?:that|it|this) (?:helps|works)| you (?:like|prefer|wish|want)| i (?:understood|"
                         r"understand|heard|may))|assuming|provided|as long as|in return|in exchange|against|"
                         r"subject to|should you|when you|once you|only with|tied to|linked to|in turn|for (?:a|an|the|your) "
                         r"(?:longer|firm|bigger|larger|fixed|multi\w*|\w+-year)|with (?:that|this|these|those)|"
                         r"you (?:commit|sign|give|take|agree|accept|pay|order)|but (?:then|in that case)|"
                         r"but (?:we|i)(?:'d| would)? (?:need|require|ask)|(?:price|it) (?:goes|would go|will go|moves) "
                         r"(?:to|up))\b", re.I)


def _sentences(clean: str) -> list[str]:
    """Sentences (no split after an abbreviation such as "Mr."), and the parts a dash sets apart."""
    return [p for s in split_sentences(clean) for p in re.split(r"\s+[\u2014\u2013]\s+", s) if p.strip()]


def _gives(rx: re.Pattern[str], s: str) -> bool:
    m = rx.search(s)
    return m is not None and not _REFUSAL_BEFORE.search(s[:m.start()]) and not _NOT_GIVING.search(s)


def moves_on_a_term(clean: str) -> bool:
    """One sentence of the line gives ground on a term, plainly and without asking anything in return."""
    if _TRADE_MARK.search(clean):
        return False
    return any(_gives(rx, s) for s in _sentences(clean) for rx in _MOVES_ON_A_TERM)


def asks_something_back(clean: str) -> bool:
    """The line has the shape of a trade (a condition, something the buyer does in return)."""
    return bool(_TRADE_MARK.search(clean))


def given_alone(clean: str) -> bool:
    """One sentence that gives ground and asks nothing back: no trade, whatever the head reads. A longer line may
    make its package across sentences ("82,000 for three years, 500 seats. On payment I can go to 60."), so the
    head's reading of a trade stands there."""
    return len(_sentences(clean)) == 1 and not asks_something_back(clean)


# the wording of a step from an earlier position ("I can go down to 300k", "6.10 instead of 6.40")
# ("We can go to 380,000 per set. It is a very big effort for us", "399,000, a reduction of 21,000"); a figure that
# counts something else ("go to 3 sessions", "a reduction of 2 weeks in lead time", "5% lower failure rate") is no step
_CUR = r"(?:[\u20ac$\u00a3\u00a5]\s*|(?:eur|usd|rmb|cny|chf|inr|krw|jpy|sar|aed|brl)\s+)?"
_NOT_MONEY = (r"(?![\d.,]*\s+(?:units?|sessions?|deliveries|visits?|sites?|people|days?|weeks?|months?|years?|hours?|"
              r"sets? of)\b)")
_A_STEP = re.compile(rf"\b(?:go|come|move|drop|bring (?:it|that|this|the price)) down to\b|\binstead of {_NUM}|"
                     r"\b(?:lower|reduce|cut|sharpen)\w* (?:the|our|my) (?:price|offer|quote|quotation|rate|fee)s?\b|"
                     rf"(?:\b(?:can|could|will|would|able to)|'ll|'d) (?:go|come|move) (?:to|till|until) {_CUR}{_NUM}{_NOT_MONEY}|"
                     rf"\b(?:reduction|discount|rebate) of {_CUR}{_NUM}{_NOT_MONEY}(?!\S*\s+in\b)|"
                     rf"\b{_CUR}{_NUM}k? (?:percent |per cent )?(?:off|lower|less|reduction|discount)\b"
                     r"(?![-\s]+(?:\w+\s+)?(?:rate|energy|costs?|consumption|season|time|noise|emissions|downtime)\b)|"
                     r"\b(?:is|'s|makes?|making|made|represents?) (?:a |an |our )?(?:very |really )?(?:big|special|real|great|"
                     r"huge|extra|last|final|exceptional) (?:effort|sacrifice)\b(?!\s+(?:to|in|on)\b)|"
                     rf"\b(?:reduce|lower|drop)(?:d|ped)? (?:it |that |the price )?to {_CUR}{_NUM}{_NOT_MONEY}|\bas low as\b|"
                     rf"\bmeet you at {_CUR}{_NUM}|\bbelow (?:the |our )?list\b|\bminus {_NUM}|\bspecial discount\b|"
                     rf"\bgo down {_NUM}", re.I)
# splitting the difference ("let us be practical and meet in the middle — 1,365"), not a place or a time ("meet in the
# middle of next week", "halfway between your plant and ours") nor talk about it ("splitting the difference is not how we
# work", "if we split the difference, that would be 1,380, which I cannot approve")
_SPLITS = re.compile(r"\b(?:meet|meeting)(?: you| each other)? (?:(?:somewhere )?in the middle|half[- ]?way)\b(?!\s+(?:of|between)\b)|"
                     r"\bsplit(?:ting)? the difference\b|\bmiddle ground\b", re.I)
_NOT_SPLITTING = re.compile(r"\b(?:not|never|difficult|hard|cannot|can['\u2019]t|won['\u2019]t|ask(?:s|ed)? us|would be|"
                            r"many|some|other|buyers|customers|if)\b", re.I)
# a sentence about someone else's or a standard discount, a refusal or a raise is no step of the seller's
_NOT_A_STEP = re.compile(r"\b(?:not possible|impossible|out of the question|no chance|others?|competitors?|competition|"
                         r"standard|went up|increase\w*|higher)\b", re.I)


def worded_as_step(clean: str) -> bool:
    """The seller's words present a figure as a step down, traded or not."""
    return any(_gives(_A_STEP, s) and not _NOT_A_STEP.search(s) or _SPLITS.search(s) and not _NOT_SPLITTING.search(s)
               and "?" not in s for s in _sentences(clean))


def marks_a_step(clean: str) -> bool:
    """The seller's words present the figure as a step down, even when it is the first one named in the session,
    and ask nothing back for it."""
    return not _TRADE_MARK.search(clean) and worded_as_step(clean)


# a line that opens by taking up what the buyer proposed: the agreement comes before what it gives
_AGREEING = re.compile(r"^\W*(?:(?:ok(?:ay)?|yes|fine|good),? )?(?:agreed|deal|accepted|it'?s a deal|we have a deal|"
                       r"that works(?! out)(?: for (?:us|me))?|yes,? (?:we|i) can (?:live with|accept|do) (?:that|this|it))"
                       r"\b(?!\s*\?)", re.I)


# the seller grants the buyer's point ("Fair. Number first.", "That's right, yeah — fourteen hundred is what we see too"),
# not followed by a "but"
_GRANTS = re.compile(r"^\W*(?:(?:ok(?:ay)?|yes|yeah|sure),? )?(?:fair(?: enough| point)?|that'?s (?:right|true|fair|correct)|"
                     r"exactly|you'?re (?:absolutely )?right|(?:i|we) agree(?! to disagree))\b(?!\s*\?)(?![^.!?]{0,40}\bbut\b)", re.I)


def grants_the_point(clean: str) -> bool:
    """The line opens by granting the buyer's point (see _GRANTS)."""
    return bool(_GRANTS.search(clean))


def opens_agreeing(clean: str) -> bool:
    """"Agreed — 102, ninety days…", "Yes, we can live with that.": the seller takes up the buyer's proposal."""
    return bool(_AGREEING.search(clean))


# the seller says yes to what the buyer just asked for ("150 sounds reasonable", "we can do 180 days", "five years
# exclusive is fine"): giving what was demanded is a concession, however warmly it is worded
_YES_TO_IT = re.compile(rf"\b(?:is|are|sounds?|seems?) (?:fine|ok(?:ay)?|reasonable|acceptable|no problem|not a problem)\b|"
                        rf"\bno problem\b|\bworks? (?:for us|for me|fine)\b|\b(?:we|i) agree (?:to|on) {_NUM}|"
                        rf"\b(?:we|i){_MODAL} (?:also )?(?:do|give you|accept|take|manage) {_NUM}|"
                        rf"\b(?:we|i){_MODAL}? (?:also |then )?(?:offer|match|give you) {_NUM}|"
                        rf"\b(?:we|i){_MODAL} (?:also )?(?:do|accept|manage) (?:that|it|this)\b|"
                        # "I'm sure we'll get to 120 days", "let's say 8 percent", "100 it is", "won't be a problem"
                        rf"\b(?:we|i)(?:'ll| will| can) (?:surely |certainly )?get (?:you )?(?:to {_NUM}|there)\b|"
                        rf"\blet(?:'s| us) (?:say|make it|agree on) {_NUM}|(?:^|[,;:]\s*|\bthen )\W*{_NUM}(?: \w+)? it is\b|"
                        rf"\b(?:won't|will not|shouldn't|should not) be (?:a |any )?(?:problem|issue)\b", re.I)
# a term of the deal both lines name: a figure with its unit, or the name of a term
_TERM_WORDS = r"exclusiv\w*|warrant\w*|retention|advance|minimum|penalt\w*|discount|rebate|skonto|deposit"
_UNIT = r"(?:days?|years?|months?|weeks?|percent|kits?|units?|sets?|pieces|seats?|licen[cs]es|meters)\b|%"
_TERM = re.compile(rf"\b({_NUM})(?=[- ]?(?:{_UNIT})| (?:per|a|each) )|\b({_TERM_WORDS})\b|(\d[\d.,]*\d)", re.I)
# the buyer's line asks for something (not "your 12 weeks is too long", a complaint about the seller's own term)
_DEMAND = re.compile(r"\b(?:need|want|would like|'d like|prefer|require|ask|must|expect|standard|others? (?:offer|give)|"
                     r"maybe|how about|what about|can you|could you|please|insist|(?:would|will) be comfortable|"
                     r"(?:would|could) work for us)\b", re.I)

# number words as digits, from the number reader's own tables ("ninety days" and "90 days" name the same term)
_WORD_NUM = {w: str(n) for w, n in {**_UNITS, **_TENS, "hundred": 100}.items()}


def _terms(text: str) -> set[str]:
    """The terms a line names: figures (number words as digits) and the first letters of term names."""
    out = set()
    for m in _TERM.finditer(text):
        word = (m.group(1) or m.group(3) or m.group(2)[:6]).lower().replace(",", "").rstrip("%")
        out.add(_WORD_NUM.get(word, word))
    return out


# "5 days is fine, you will have it": a promise to deliver what was asked, the seller's own commitment
_DELIVERS = re.compile(r"\b(?:send|sent|you(?:'ll| will) (?:have|receive))\b", re.I)


_COUNTER = re.compile(r"\b(?:instead of|rather than)\b", re.I)


def says_yes_to_a_demand(clean: str, before: str | None) -> bool:
    """A sentence of the line accepts a term of the deal the buyer's previous line asked for, with nothing asked
    back, no refusal, no hedge and no question in it."""
    if not before or not _DEMAND.search(before) or _TRADE_MARK.search(clean) or _DELIVERS.search(clean):
        return False
    asked = _terms(before)
    # "Let's say 90 days instead of 120": a counter, not a yes
    return bool(asked) and any(_gives(_YES_TO_IT, s) and _terms(s) & asked and not _COUNTER.search(s) for s in _sentences(clean))


# holding a price or a term gives nothing: "Our quote stands: 398,000 per set.", "not possible. same price, 6.20", "we
# cannot reduce further than 1,430", "i can not give more discount, already 10% given"
_HOLDS = re.compile(r"\b(?:stands|remains (?:our|my|the)|stays|is (?:the|our|my) (?:number|price)\b(?! now)|same price|"
                    r"(?:we|i) (?:stay|hold)(?: at)?\b|not possible|(?:can(?:no|['\u2019])?t|cannot|can not|won['\u2019]?t) "
                    r"(?:go|come|reduce|move|give|do)\b(?: it| any| you)?(?: (?:lower|below|under|further|down|more|better|less))|"
                    r"no (?:more|further) (?:discount|reduction|room)|already \d+ ?(?:%|percent) given)\b", re.I)
# the buyer asked for the offer: the first figure named answers it, no step down ("Please state your offer.")
_ASKS_FOR_OFFER = re.compile(r"\b(?:(?:state|tell me|give me|what is|what's|send me|start with) your (?:offer|price|proposal|quote)|"
                             r"what (?:are|do) you (?:propose|proposing|offer|offering|quote)|(?:give me|need) (?:a|your) "
                             r"(?:number|price))\b", re.I)
_WANTS_LESS = re.compile(r"\b(?:too|high|expensive|lower|better|more|reduce|discount|still|best|final|last|again|new)\b", re.I)


# a give on something other than the price: "we absorb half the tooling", "technician on site during peak, at our cost",
# "I'll throw in the training for free"
_GIVES_A_TERM = re.compile(r"\b(?:(?:for|at) (?:free|no (?:extra |additional )?(?:cost|charge))|free of charge|"
                           r"at our (?:own )?(?:cost|expense)|(?:we|i)(?:['\u2019]ll| will| can| could)? (?:absorb|throw in|"
                           r"cover (?:half|part|the cost)|pay for (?:half|part|the)|take over (?:half|part|the cost)))\b", re.I)


# a give or a figure conditioned on the buyer, in the forms that do not say "if you …, we can …": "unless you pay half the
# tooling", "for a 36-month term I'd sharpen to 171", "with 400 kits, I can go 2,150", "4 hours yes, but then 415k",
# "1,400 seats only works at 178", "we need a 3 year term for that price", "give me the committee date and I'll sharpen
# to 6.18", "we pay tooling, you pay 6.55", "Without the index clause the price would be 1,490, with it 1,440."
_CONDITION = re.compile(
    r"\bunless (?:you|u|your|the|we get)\b|\bonly (?:if|when|with|works)\b|\bif not\b(?=[^.?!]*\d)|"
    r"\bif (?:u|you|your|the (?:po|order|committee|leadership|pilot|contract|volume|framework|(?:unit )?price (?:stays|remains|"
    r"holds|is kept))|mr\.?|ms\.?|"
    r"we (?:pay|cover|take|give|include|absorb|add|(?:agree|can agree|write|sign|fix|lock|commit)\b(?=[^,.;?!]{0,40}(?:\d|"
    r"hundred|thousand|million|percent|per cent|units|kits|seats|sets|meters|pieces))))\b"
    r"(?! (?:need|like|want|wish|prefer|have any|would like)\b)|"
    r"\b(?:provided|as long as|assuming|on (?:the )?condition|in exchange for|in return for|suppose|supposing|should you|"
    r"when you (?:confirm|commit|sign|accept|agree|order|take))\b|"
    r"\b(?:for|with) (?:a |an |the )?(?:\d[\d,.]*k?|[a-z]+)[- ](?:months?|years?|weeks?|days?|kits|units|seats|sets|meters|"
    r"metres|pieces|pumps)\b(?=[^.?!]{0,40}\b(?:i|we)(?:['\u2019]d|['\u2019]ll| can| could| would| will)? (?:sharpen|go|do|come|"
    r"offer|give)\b|[^.?!]{0,30}\bprice (?:must|would|will|has to) (?:go|be)\b)|"
    r"\b(?:yes|ok(?:ay)?|fine|possible|is ok(?: for us)?)\b,? but (?:then|only)\b|"
    r"\bwe need (?:a|an|the) [^.?!]{0,30}\bfor (?:that|this|the) (?:price|discount|rate|number)\b|"
    r"\bgive me [^.?!]{0,50}(?:,| and) (?:i|we)(?:['\u2019]ll| will)? (?:give|do|sharpen|go|come|drop)\b|"
    r"\b(?:you give me|we pay|we take|we cover) [^.?!,]{1,30}, (?:i give you|you pay|you take|you give)\b|"
    r"\bwithout (?:the|that|this|an?) [^.?!]{0,40}\bwith (?:it|that|them)\b", re.I)
_A_FIGURE_OR_GIVE = re.compile(r"\d|\b(?:free|include|exclusivity|discount|price|stays?|hold|sharpen)\b", re.I)


def conditions_a_give(clean: str) -> bool:
    """The seller ties a give or a figure to something from the buyer, in a form the head does not know."""
    return any(_CONDITION.search(s) and _A_FIGURE_OR_GIVE.search(s) for s in _sentences(clean))


def holds(clean: str) -> bool:
    """The seller holds his price or term and words no step down."""
    return bool(_HOLDS.search(clean)) and not worded_as_step(clean)


def _drop_a_weak_give(conf: dict[str, float], clean: str, before: str | None) -> None:
    """A concession the head read into a line that holds, or into the first figure the buyer asked for, is none."""
    first = bool(before and _ASKS_FOR_OFFER.search(before) and not _WANTS_LESS.search(before))
    if conf.get("concession", 1.0) < 0.9 and (holds(clean) or (first and not worded_as_step(clean))):
        del conf["concession"]


def read_into(conf: dict[str, float], clean: str, before: str | None) -> None:
    """Add the concession these forms make to a reading (act -> confidence), and drop a trade the head read into a
    line that gives and asks nothing back."""
    _drop_a_weak_give(conf, clean, before)
    if _GIVES_A_TERM.search(clean) and "?" not in clean and not holds(clean):
        conf["concession"] = max(conf.get("concession", 0.0), 0.5)
    if conditions_a_give(clean):
        conf["trade_proposal"] = max(conf.get("trade_proposal", 0.0), 0.6)
    if says_yes_to_a_demand(clean, before):
        conf["concession"] = max(conf.get("concession", 0.0), 0.6)  # "180 days... OK, we can do 180 days."
        if given_alone(clean):
            conf.pop("trade_proposal", None)  # "We can do three years with a 3 percent cap": what was asked, as asked
    if moves_on_a_term(clean):
        conf["concession"] = max(conf.get("concession", 0.0), 0.6)  # "three hours on site instead of four"
        if conf.get("trade_proposal", 1.0) < conf["concession"] and given_alone(clean):
            del conf["trade_proposal"]  # "We can extend the warranty to seven years": nothing asked in return
