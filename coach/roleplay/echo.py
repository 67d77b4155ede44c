"""Lines that open by echoing what the seller said ("Budget? Let us not go there.", "Kyoto? It is beautiful…").

An echo of a word the seller never said reads as a non sequitur: the buyer answers a remark nobody made. Such a line
is still usable (a close paraphrase: "the weather" for "is November always this pleasant?"), but it needs to be
clearly closer to what was said than a line without the echo: its closeness is lowered by ECHO_PENALTY.
"""
from __future__ import annotations

import re

ECHO_PENALTY = 0.15  # a first value, checked (not searched) on the development splits of the responsiveness eval
_ECHO = re.compile(r"(?:^|[.!?]\s+)((?:my |your |our |the |a |an )?[^\W\d_][\w'-]*(?: [\w'-]+){0,2})\?(?=\s|$)")
# a question echoed in the buyer's words ("Where I grew up?") or a reaction ("Really?"), not a subject
_NOT_A_SUBJECT = re.compile(r"^(?:where|how|what|when|why|who|which|whom|whose|is|are|do|does|did|can|could|would|will|"
                            r"shall|should|may|have|has|always|from|really|honestly|seriously|sure|right|okay|next)\b", re.I)
_PLAIN = frozenset("your their this that good with from".split())
# a subject the seller named in other words: the budget is what the buyer can pay at most
_SAID_AS = {"budget": ("ceiling", "maximum", "afford", "spend", "most you"), "deadline": ("deadline", "by the", "until"),
            "commute": ("traffic", "drive$", "driving", "road$", "roads", "train$", "trains", "taxi", "metro", "subway", "bus$"),
            "traffic": ("commute", "drive$", "driving", "road$", "roads", "jam$", "jams", "taxi")}  # "$": the whole word


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]{4,}", text.lower()) if w not in _PLAIN}


def unsaid_echo(line: str, said: str) -> bool:
    """Does the line open (in its first two sentences) by echoing a subject none of whose words the seller used?"""
    words = _words(said)
    for m in _ECHO.finditer(line[:90]):
        echo = m.group(1)
        if _NOT_A_SUBJECT.match(echo):
            continue
        subject = _words(echo)
        if subject and not any(a.startswith(b[:5]) or b.startswith(a[:5]) for a in subject for b in words):
            if not any(re.search(rf"\b{re.escape(alias.rstrip('$'))}" + (r"\b" if alias.endswith("$") else ""), said, re.I)
                       for a in subject for alias in _SAID_AS.get(a.rstrip("s"), ())):
                return True
    return False


def penalised(lines: list[str], closeness: list[float], said: str) -> list[float]:
    """The closeness of each line, lowered for a line that echoes what was not said."""
    return [c - ECHO_PENALTY if unsaid_echo(t, said) else c for t, c in zip(lines, closeness)]


# A line that opens with a yes or a no ("No, that I cannot do.", "Yes, once.", "Not long.") answers a yes/no question;
# after "when does legal need the redlines?" it answers something nobody asked. Such a line counts as less close.
POLAR_PENALTY = 0.15  # the same step as an unsaid echo; checked (not searched) on the development splits
_POLAR = re.compile(r"^\W*(?:yes|yeah|no|not(?! only)|never|of course|absolutely|sure|certainly|possible, yes)\b", re.I)
_WH_ASK = re.compile(r"(?:^|[,;:\u2014\u2013(]\s*|\s-\s|\b(?:and|so|but|then)\s+)\s*(?:when|what|who|whom|whose|which|"
                     r"where|why|how)\b", re.I)
_YES_NO = re.compile(r"(?:^|[,;:\u2014\u2013]\s*|\b(?:and|or|so|but)\s+)\s*(?:is|are|was|were|do|does|did|can|could|would|will|"
                     r"shall|should|have|has|may|might|must)\s+(?:you|it|that|this|there|they|we|he|she|the|your|our|i)\b", re.I)
_ASKED = re.compile(r"[^.!?\uff1f\u061f]*[?\uff1f\u061f]")
# a choice between two things ("a signed action plan, or just your sign-off?"): no yes or no answers it
_EITHER = re.compile(r"\S\s*,?\s+or\s+(?!not\b|so\b|two\b|three\b|more\b|less\b)\w", re.I)


def open_question(said: str) -> bool:
    """Is everything the seller asked an open question (when, what, who…), none a yes/no one?"""
    asked = [q for q in _ASKED.findall(said) if q.strip(" ?")]
    return bool(asked) and all((_WH_ASK.search(q) and not _YES_NO.search(q)) or _EITHER.search(q) for q in asked)


def polar_opening(line: str) -> bool:
    """Does the line open with a yes or a no?"""
    return bool(_POLAR.match(line))
