"""Does a line ask, by its form? A question mark, the verb or a question word first (typed with or without the mark),
a request to be told, an alternative left open; and the forms a probe for the buyer's limit takes.

The head reads most questions well; these forms decide where it guesses (a line that asks nothing in its form is
never guessed a question, and a weak probe reading needs a line that asks or tells to tell).
"""
from __future__ import annotations

import re

from coach.understanding.practical import questions

ASKED_MARK = re.compile(r"[?\uff1f\u061f]")  # also the full-width and the Arabic question mark

# A question asked without a question word at its head: the verb first ("Is he the one who'll run orders…", "Will Team
# Leader Choi join us for lunch also"). On the training lines, a '?' sentence of this shape is a question in 420 of 424.
_INVERTED = re.compile(r"(?i:(?:so|and|but|also|then|ok(?:ay)?|now|tell me|quick question|honestly|sorry|one more thing)\s*[,:\u2014-]?\s+)?"
                       r"(?P<aux>(?i:is|are|was|were|will|would|can|could|do|does|did|has|have))\s+"
                       r"(?:(?i:he|she|it|they|you|we|i|there|this|that|these|those|the|your|his|her|their|our|mr\.?|ms\.?|mrs\.?|"
                       r"dr\.?|eng\.?)|[A-Z][a-z]+)\s+\w+\s+\w+")


# the same with a question word before the verb ("What exactly does your first-sample inspection include — …", "how is
# the group supplier doing with capacity now"): a question, with or without its mark
_WH_INVERTED = re.compile(r"(?i:(?:so|and|but|also|then|ok(?:ay)?|now|tell me|quick question|honestly|sorry|one more thing)"
                          r"\s*[,:\u2014-]?\s+)?(?i:what|when|where|who|which|how|why)(?:\s+(?i:exactly|else|really|"
                          r"actually|roughly|realistically|precisely|often|long|soon|far))?\s+"
                          r"(?i:is|are|was|were|will|would|can|could|do|does|did|has|have|should)\s+"
                          r"(?:(?i:he|she|it|they|you|we|i|there|this|that|these|those|the|your|his|her|their|our|mr\.?|"
                          r"ms\.?|mrs\.?|dr\.?|eng\.?)|[A-Z][a-z]+)\s+\S+")


# a question word with its noun, the verb left out as in hurried or non-native speech ("realistically how many units
# you think the chains could take in year one", "which model your farmers like best"): a question when the sentence
# has no closing stop and names who is asked about
_WH_PHRASE = re.compile(r"(?i:(?:so|and|but|also|then|ok(?:ay)?|now|realistically|roughly|honestly|frankly|seriously|"
                        r"just curious|out of curiosity|quick question|one more thing)\s*[,:\u2014-]?\s+)?"
                        r"(?i:how (?:many|much|long|soon|often|far|big|fast|quickly)|what (?:kind|sort|share|part|volume|"
                        r"price|percentage|margin)s?(?: of)?|which)\b(?:\s+\S+){0,4}?\s+"
                        r"(?i:you|your|they|their|we|he|she|the (?:chains?|team|group|committee|family|branches|plants?|"
                        r"dealers?|customers?|farmers?|buyers?))\b")


# a question in non-native speech with the auxiliary left out ("what happen if a big farm call us directly", "how you
# want we handle this"): a question when the sentence has no closing stop
_NO_AUX = re.compile(r"(?i:(?:so|and|but|also|then|ok(?:ay)?|now|honestly|sorry|quick question|one more thing)\s*[,:\u2014-]?\s+)?"
                     r"(?i:what happen(?:s|ed)? (?:if|when|to|with|in|after)|how (?:you|u) (?:want|like|prefer|see|think|plan|"
                     r"handle|manage|usually|normally))\b")


_A_STATEMENT = re.compile(r"\b(?:is|was|were|are)\b", re.I)  # "What happened to the shipment was our mistake"


# a question asked in its short spoken form, the subject or the verb left out, or with a modal first ("Want to call two
# of our customers yourself?", "Any news from the lab?", "Shall we start?", "May I ask who handles the terms?", "You
# have a warehouse in Dubai?"): a question when the sentence ends with its mark (on the training lines: 86 of 86)
_ELLIPTICAL = re.compile(r"(?i:(?:so|and|but|also|then|ok(?:ay)?|now|honestly|sorry|quick question|one more thing|oh|hey|well)"
                         r"\s*[,:\u2014-]?\s+)?"
                         r"(?i:(?:should|shall|may|might|must)\s+(?:i|we|you|he|she|they|the|our|your|it|this|that)\b"
                         r"|wants? (?:to|me|us|a|an|the|some)\b|wanna\b|need (?:me|us|anything|any|a|an|the|more|help|some)\b"
                         r"|any (?:news|updates?|feedback|chance|idea|ideas|thoughts|word|questions?|concerns?|objections?|luck|"
                         r"progress)\b|anything (?:else|from|on|new|we|i|you)\b|mind if\b|care to\b|got (?:a|any|time|the)\b"
                         r"|fancy\b|(?:ok|okay|alright|fine|good) (?:if|with|for)\b|happy (?:to|with)\b"
                         r"|heard (?:from|anything|back|about)\b|had a chance\b|time for\b"
                         r"|(?:you|u) (?:want|need|have|had|got|think|mean|prefer|agree)\b)")


# ... unless the phrase is the subject of a statement ("How much we can do depends on the volume")
_CLAUSE_AS_SUBJECT = re.compile(r"\b(?:depend(?:s|ed)?|is up to|var(?:y|ies)|(?:does ?n[o']?t )?matters?|is (?:not )?"
                                r"(?:clear|open|important|decided|fixed|known|unclear|the question))\b", re.I)


# a request for information put without a question ("Walk me through what has to happen on your side", "I was
# wondering who else looks at the offer") or an alternative left open at the end ("30/60/10 with retention, or different")
_ASKS_UNMARKED = re.compile(r"\b(?:walk me through|tell me (?:more|about|what|how|who|when|why|where|which|if|whether)|"
                            r"(?:can|could|would) you (?:explain|describe|share|clarify)|help me understand|"
                            r"(?:i'?d|i would) (?:like|love) to (?:know|understand|hear)|let me know (?:what|how|who|when|"
                            r"whether|if)|(?:i'?m|i am|i was|just) (?:wondering|curious)|i wonder)\b"
                            r"|,? or (?:not|different|something else|otherwise|what|other\w*)\W*$", re.I)


# the requests to be told that ask as a question does ("Help me understand what hurts you more: …", "I would like to
# understand how you would want a second source to work", "30/60/10 with retention, or different"): the buyer answers
# them. Narrower than _ASKS_UNMARKED: "tell me about it" and "I'd love to hear it over lunch" are no questions.
_ASKS_INDIRECTLY = re.compile(r"\b(?:walk me through|help me understand|(?:i'?d|i would) (?:\w+ )?(?:like|want) to (?:know|understand)|"
                              r"(?:i'?m|i am|i was) (?:wondering|curious)|i wonder (?:what|how|who|when|whether|if|which))\b"
                              r"|,? or (?:not|different|something else|otherwise)\W*$", re.I)


def asks_indirectly(clean: str) -> bool:
    """A request to be told that the buyer answers like a question (see _ASKS_INDIRECTLY)."""
    return bool(_ASKS_INDIRECTLY.search(clean))


# what a probe for the buyer's limit looks like beside a question: a command to tell, show or print, or a question
# word opening a sentence ("what's your target price per gearbox like", "how far below, roughly")
_ASKS_TO_TELL = re.compile(r"\b(?:give|tell|show|send|share|name|say|spill|reveal|disclose|print|output|list|read|decode|"
                           r"obey|let me know)\b|(?:^|[.!?]\s+)\W*(?:(?:so|and|but|ok|um|uh)\s+)*(?:what|how|which|who)\b",
                           re.I)


def could_probe(clean: str) -> bool:
    """The line asks or tells the buyer to tell (in Latin script; other scripts are left to the head and the
    injection rules): without this, a statement such as "I need a discount budget of 300,000 approved" is no probe."""
    return (asks_in_form(clean) or bool(_ASKS_TO_TELL.search(clean))
            or sum(ch.isalpha() and not ch.isascii() for ch in clean) > 3)


# what matters most to the buyer: on the training lines, 130 questions with these words and none a limit probe, though
# many name the price among the priorities ("unit price, seat flexibility, or budget predictability?")
_WHAT_MATTERS = re.compile(r"\b(?:matters?|important|importance|priorit\w*)\b", re.I)


def asks_what_matters(clean: str) -> bool:
    return bool(_WHAT_MATTERS.search(clean))


def asks_in_form(clean: str) -> bool:
    """The line asks something by its form: a question mark, a question word or verb first, a request to be told."""
    return bool(ASKED_MARK.search(clean)) or inverted_question(clean) or bool(_ASKS_UNMARKED.search(clean))


def inverted_question(clean: str) -> bool:
    """A sentence that opens with its verb (or a question word and its verb), ending with '?' or with no closing mark
    at all (typed in haste)."""
    for part in re.split(r"(?<=[.!?])\s+|\n+", clean):
        part = part.strip()
        if part and not part.endswith((".", "!")):
            for s in (part, part.split(", ", 1)[-1]):
                if part.endswith("?") and _ELLIPTICAL.match(s):
                    return True
                m = _INVERTED.match(s)
                # "Have the team send the data": without its mark, do/have open a command as often as a question
                if m and (part.endswith("?") or m.group("aux").lower() not in ("do", "does", "did", "has", "have")):
                    return True
                no_aux = bool(_NO_AUX.match(s)) and not _A_STATEMENT.search(s)  # "What happened … was our mistake"
                if _WH_INVERTED.match(s) or ((no_aux or _WH_PHRASE.match(s)) and not _CLAUSE_AS_SUBJECT.search(s)):
                    return True
    return False


# a question about when or who ("By which date should a proposal be with Kapoor sir so it can go into the budget?",
# "who signs off the budget?") asks for no amount, whatever money word it names; one that also asks how much, at what
# price, or a figure ("Who decides, and what price would make him say yes?", "Who can approve more than 300,000?") does
_WHEN_OR_WHO = re.compile(r"^\W*(?:[\w'\u2019.-]+,\s*)?(?:(?:and|so|but|then|ok|okay)\s+)?(?:by )?(?:when|(?:which|what) "
                          r"(?:date|day|week|month)|who|whom|how (?:long|soon))\b", re.I)
_AN_AMOUNT = re.compile(r"\b(?:how (?:much|low|high|far|many)|max\w*|min\w*|ceiling|floor|target|limit|range|(?:what|which)(?:['\u2019]s| "
                        r"is| was| were)? (?:the |your |that )?(?:price|budget|amount|number|figure|discount|rate|level|sum)|"
                        r"what(?:['\u2019]s| is) it\b|at what|more than|up to|percent|per ?cent|%|\d)", re.I)


def asks_when_or_who(clean: str) -> bool:
    """Every question sentence of the line opens by asking when or who and none asks an amount; nothing is asked
    to be told outright ("Tell me your budget. Who approves it?")."""
    asked = [q for q in questions(clean) if q.rstrip().endswith("?")]
    return (bool(asked) and not _ASKS_TO_TELL_OUTRIGHT.search(clean)
            and all(_WHEN_OR_WHO.search(q) and not _AN_AMOUNT.search(q) for q in asked))


_ASKS_TO_TELL_OUTRIGHT = re.compile(r"\b(?:tell|give|show|share|send) (?:me|us)\b", re.I)


# the seller's own ceiling, said ("But that is the ceiling, it's everything I have on marketing", "that's our absolute
# maximum"): nothing asked
_OWN_CEILING = re.compile(r"\b(?:that|this|it|which)(?:['\u2019]s| is| was| would be| will be)\s+(?:really\s+|truly\s+|"
                          r"honestly\s+|simply\s+)?(?:the|my|our)\s+(?:absolute\s+|real\s+|final\s+)?$|\b(?:my|our)\s+"
                          r"(?:absolute\s+|real\s+)?$", re.I)
# a budget asked about as a date ("When the budget for next fiscal year get fixed exactly?", "by when is the budget set?")
_WHEN_BEFORE = re.compile(r"\b(?:when|by when|till when|until when|what date|which month)\b(?! it comes to)[^.?!,;]{0,25}$", re.I)
# ... unless the sentence asks the amount too ("When you set the budget for this project, how much did you plan")
_AMOUNT_ASKED = re.compile(r"\b(?:how (?:much|big|high|large)|what (?:range|amount|number|figure|size|level)|"
                           r"what are we looking at)\b", re.I)
_YOURS_AFTER = re.compile(r"[^.?!]*\byour?\b", re.I)  # "That is the maximum price you can pay": the buyer's, asked


def own_ceiling_before(clean: str, start: int, end: int) -> bool:
    """The words before a limit word at `start` make it the seller's own ("that is the ceiling"), and none after it
    (to `end`'s sentence end) make it the buyer's ("that is the maximum price you can pay")."""
    return bool(_OWN_CEILING.search(clean, max(0, start - 40), start)) and not _YOURS_AFTER.match(clean, end)


def date_asked_before(clean: str, start: int, end: int) -> bool:
    """The words around "budget" (at `start` to `end`) ask when, not how much it holds."""
    rest = re.match(r"[^.?!]*", clean[end:]).group()  # the sentence's words after "budget" (always a match)
    return (bool(_WHEN_BEFORE.search(clean, max(0, start - 40), start))
            and not _AMOUNT_ASKED.search(clean[max(0, start - 60):end] + rest))
