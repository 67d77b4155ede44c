"""Meeting the buyer's people with the buyer, not around him: a courtesy the head can read as an escalation.

"If Dr. Khalid would like to meet our CEO, we can arrange it. Only if you think it is useful." and "Gladly. And it gives
me a chance to ask him about the thermal profile directly." (after the buyer said "Herr Vogt can find us there") are no
threat to go over the buyer's head: the first leaves the meeting to the buyer's side, the second turns to someone the
buyer brought in. The seller's senior proposing to meet theirs (`_PEER`, read by `rules.peer_meeting`) is the third
form, unless a sentence says it is for speed or it is held out as what follows if the talks stall (`STALL_THEN_OURS`).
"""
from __future__ import annotations

import re

from coach.understanding.titles import OUR_SENIOR, THEIR_SENIOR

_SENIOR = OUR_SENIOR + r"|director|board"
# their side asks for the meeting: "if Dr. Khalid would like to meet our CEO", "should the Chairman wish to receive our MD"
_THEY_ASK = re.compile(r"\b(?:would|might|should|does|do|if)\b[^.?!]{0,40}\b(?:like|wish|want|care|be glad|be happy)s? to "
                       r"(?:meet|see|receive|welcome|host) (?:with )?our (?:[a-z]+ ){0,2}(?:" + _SENIOR + r")\b", re.I)
# ... unless the seller is the one who wants it, or it is put negatively ("if you don't want to meet our CEO, I will …")
_NOT_THEIRS = re.compile(r"\b(?:I|we)\b|\b(?:not|never)\b|n['\u2019]t\b", re.I)
# the buyer brings someone in: "Herr Vogt can find us there", "you can ask Mr. Kapoor", "I'll bring our engineer"
_NOT_A_NAME = (r"(?!(?:We|I|You|They|He|She|It|This|That|These|Those|The|Our|My|Your|Their|His|Her|Who|What|Someone|Nobody|"
               r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
               r"August|September|October|November|December)\b)")
_NAME = r"(?:(?:Herr|Frau|Mr|Mrs|Ms|Dr|Eng)\.? )?" + _NOT_A_NAME + r"[A-Z][\w'\u2019-]+"
_NEGATED = re.compile(r"\b(?:not|never|nobody|no one|none)\b|n['\u2019]t\b", re.I)
_BRINGS_IN = re.compile(r"\b(" + _NAME + r"|[A-Z][\w'\u2019-]+-san|(?i:our) (?:engineer|expert|specialist|colleague|chief engineer|"
                        r"quality|team)\w*)\b[^.?!]{0,20}\b(?:can|will|could|would|may) (?:find|join|meet|see|tell|show|walk|"
                        r"answer|explain|help|take|talk to|speak (?:to|with)|call) (?:us|you)\b|\b(?i:you) (?:can|could|may|might|"
                        r"should)(?: also)? (?:ask|talk to|speak (?:to|with)|meet|call|contact|write to|e-?mail) (" + _NAME + r")")
# the seller's line turns to that person: by a pronoun, or the name's last word
_PRONOUN = re.compile(r"\b(?:him|her|them|he|she|they)\b", re.I)
# a senior of the buyer's named in the seller's line: no longer only the person brought in
_THEIR_SENIOR = re.compile(r"\byour (?:" + THEIR_SENIOR + r"|manager|head)\b", re.I)
# the move still goes around when it is for speed or instead of the buyer
_AROUND = re.compile(r"\b(?:faster|quicker|speed|speeds|save (?:you )?(?:the )?(?:time|trouble|work)|instead|without you|"
                     r"over your head|skip|signs?|approves?|settles?|escalat\w*|complain\w*|(?:call|write to|e-?mail|phone|ring) "
                     r"(?:him|her|them) myself)\b", re.I)


def _brought_in(clean: str, before: str | None) -> bool:
    """The buyer's line offered someone as a contact, and the seller's line turns to that person, no senior of theirs."""
    m = _BRINGS_IN.search(before or "")
    if m is None or _NEGATED.search(m.group(0)) or _THEIR_SENIOR.search(clean):
        return False
    who = (m.group(1) or m.group(2) or "").split()[-1].split("-")[0].lower()
    return bool(_PRONOUN.search(clean)) or (bool(who) and who in clean.lower())


# someone brought to the buyer himself: "let me bring their general manager to meet you next week", "I can introduce
# our plant manager to you", "he will come to see you in Riyadh" (no senior of the buyer's named: then it goes around)
_TO_THE_BUYER = re.compile(r"\b(?:bring|introduce|send|fly)\b[^.?!]{0,60}?\b(?:to (?:meet|see|visit) you|to you)\b|"
                           r"\b(?:come|fly (?:in|over)) to (?:see|meet|visit) you\b", re.I)


def courtesy_meeting(clean: str, before: str | None = None) -> bool:
    """The meeting is left to the buyer's side, made with someone the buyer brought in, or brought to the buyer
    himself, and not for speed."""
    if _AROUND.search(clean):
        return False
    if _TO_THE_BUYER.search(clean) and not _THEIR_SENIOR.search(clean):
        return True
    asked = _THEY_ASK.search(clean)
    if asked and not _NOT_THEIRS.search(asked.group(0)) and not _NOT_THEIRS.search(clean[max(0, asked.start() - 4):asked.start()]):
        return True  # "… would like to meet our CEO", not "I would like to …"
    return _brought_in(clean, before)


# the seller's senior proposes to meet theirs (`rules.peer_meeting`), and what makes that no courtesy
_PEER = re.compile(r"\bour (?:[a-z]+ ){0,2}(?:" + OUR_SENIOR + r")\b.{0,60}\b(?:meet|visit|see|pay (?:his|her|their) "
                   r"respects|come|fly|host|call on|join|accompany|attend|support you|write to|send (?:him|her|them) a letter)\b"
                   r"(?![^.?!]{0,40}\b(?:take over|explain why|instead of you|without you))", re.I)
# for speed or around the buyer (also said in the sentence before the offer)
_SPEED_WORDS = r"directly|faster|quicker|speed|speeds|skip|over your head|without you"
# (or booked through the senior's office: "I've already asked our office to reach out to GM Zhao's secretary for a slot")
_BYPASS = re.compile(r"\b(?:" + _SPEED_WORDS + r"|settle|rather than|instead|just call|sort (?:it|this) out|contact|complain\w*|"
                     r"reach(?:ed|es|ing)? out to|secretary|assistant|(?:his|her) (?:office|diary|calendar)|"
                     r"escalat\w*|how (?:this|it) (?:has been|was) handled|"
                     r"no (?:other )?choice but|(?:i|we)(?: will|'ll| would|'d| may| might)? have to (?:go|ask|involve|escalate|"
                     r"take|bring|raise|call|contact|talk|speak|write))\b", re.I)
# the buyer goes too: "Could I come back with our managing director, and we present it to him together with you?"
_WITH_THE_BUYER = re.compile(r"\b(?:together with you|with you (?:there|present|in the room|beside us)|the three of us|"
                             r"(?:if|when) you (?:can |could )?join us|with your (?:blessing|agreement|permission))", re.I)
# our senior held out as what follows if the talks stall: "otherwise our managing director will visit your CEO", "if we
# cannot find agreement, I will have to ask our CEO to write to the Vice President"; a threat says what WILL happen
# (not "would be glad to"), and to the buyer's senior (not "our CEO will come to you", "I'll speak to our CEO")
_STALL = (r"(?:\bif (?:we|you|this|it|that|things|nothing)\b[^.?!]{0,40}?\b(?:(?:cannot|can['\u2019]t|can not|could not|"
          r"couldn['\u2019]t|don['\u2019]t|do not|doesn['\u2019]t|does not|won['\u2019]t|will not)(?: \w+)? (?:find|reach|agree|move|"
          r"settle|close|resolve|sort)\w*|fail\w*|stall\w*|refuse\w*|reject\w*|say no|goes? nowhere|(?:are|is|stay|remain)s? stuck)\b|"
          r"\bif (?:there is|we see) no (?:progress|movement|agreement)\b|\b(?:otherwise|or else|unless)\b)")
_OURS_WILL = (r"(?:\bour (?:[a-z]+ ){0,2}(?:" + OUR_SENIOR + r")\b (?:will|['\u2019]ll|is going to|shall)(?: have to)?(?: personally)?|"
              r"\b(?:ask|get|have) our (?:[a-z]+ ){0,2}(?:" + OUR_SENIOR + r")\b to) (?:meet|visit|see|call|ring|phone|write to|"
              r"contact|speak (?:to|with)|talk to|fly (?:in|over|out)(?: to (?:meet|see))?|come (?:to see|and see))\b"
              r"[^.?!]{0,40}?\b(?:(?:your|the) (?:[a-z]+ ){0,3}(?:" + THEIR_SENIOR + r")\b|(?:" + THEIR_SENIOR + r") (?-i:[A-Z]))")
STALL_THEN_OURS = re.compile(_STALL + r"[^.?!]{0,80}" + _OURS_WILL + "|" + _OURS_WILL + r"[^.?!]{0,40}\b(?:if (?:we|you) "
                             r"(?:cannot|can['\u2019]t|don['\u2019]t|do not|won['\u2019]t|refuse)|unless)\b", re.I)


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_SPEED = re.compile(r"\b(?:" + _SPEED_WORDS + r")\b", re.I)


def offered_with_the_buyer(clean: str) -> bool:
    """A sentence offers the peer meeting, and neither it nor the next one says it is to go faster or around the
    buyer, nor the one before it is for speed ("We need to speed this up. Our CEO will fly in"); other words there
    ("rather than spent across this table") are not about the meeting. `clean` with titles' dots removed."""
    parts = _SENTENCE_END.split(clean)
    return any((_PEER.search(p) or _WITH_THE_BUYER.search(p)) and not _BYPASS.search(" ".join(parts[i:i + 2]))
               and not (i and _SPEED.search(parts[i - 1])) for i, p in enumerate(parts))


# a slot booked through the office of a senior on the buyer's side ("I've already asked our office to reach out to GM
# Zhao's secretary for a slot"): around the buyer, whatever the meeting is called
_THROUGH_THEIR_OFFICE = re.compile(r"\b(?:reach(?:ed|es|ing)? out to|contact(?:ed|s|ing)?|call(?:ed|s|ing)?|writ(?:e|es|ing) to|"
                                   r"wrote to|e-?mail(?:ed|s|ing)?|book(?:ed|s|ing)?(?: it)? (?:with|through))\s+"
                                   r"(?:(?:the|your) )?(?:" + THEIR_SENIOR + r")(?-i:(?:\s+[A-Z][\w-]*){0,2})['\u2019]s "
                                   r"(?:secretary|assistant|office|PA|diary|calendar)\b", re.I)


# ... for a meeting (not "to get approval for this price" from our own headquarters)
_A_SLOT = re.compile(r"\b(?:slot|appointment|meeting|visit|audience|courtesy call|time with (?:him|her)|to (?:meet|see|visit|call on))\b",
                     re.I)
_OUR_SIDE = re.compile(r"\b(?:our|headquarters|HQ|head office|approval|exception)\b", re.I)


def through_their_office(clean: str) -> bool:
    """The seller's side books a meeting through the office of a senior on the buyer's side."""
    for s in _SENTENCE_END.split(clean):
        m = _THROUGH_THEIR_OFFICE.search(s)
        if m and _A_SLOT.search(s[m.end():]) and not _OUR_SIDE.search(s[m.start():]):
            return True
    return False


# someone else sent to the buyer's senior to push the deal through ("Maybe I should just get him to tell your CFO to
# approve the three-year deal at 165", "I'll have our VP ask your director to sign it off"): around the buyer
_THROUGH_A_THIRD = re.compile(r"\b(?:get|have|ask)\s+(?:him|her|them|(?:our|my)\s+(?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:to\s+)?"
                              r"(?:tell|call|ask|convince|talk to|speak (?:to|with)|push|lean on|phone|e-?mail|write to)\s+"
                              r"your\s+(?:" + THEIR_SENIOR + r")\b[^.?!]{0,60}\b(?:approv\w*|sign\w*|decid\w*|push|"
                              r"speed|faster|quick\w*|move|agree|accept|close)", re.I)


def through_a_third(clean: str) -> bool:
    """The seller has a third person press the buyer's senior to approve (see _THROUGH_A_THIRD)."""
    return bool(_THROUGH_A_THIRD.search(clean))
