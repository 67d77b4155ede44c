"""Does a bank line fit the moment: the subjects it names are on the table, it does not say the opposite of what the
seller just said, and it does not go over what the reply already says."""
from __future__ import annotations

import re
from typing import Any

# words that tie a bank line to a topic; such a line is used only when its topic is on the table
_NAMES: dict[str, re.Pattern[str]] = {
    "payment": re.compile(r"\b(payment|pay|invoice|letter of credit|advance)\b", re.I),
    "contract": re.compile(r"\b(clause|contract|exclusiv\w*|penalt\w*|escalation|liabilit\w*|warrant\w*)\b", re.I),
    "quality": re.compile(r"\b(certif\w*|audit\w*|quality|sample\w*|test\w*|specification\w*)\b", re.I),
    "delivery": re.compile(r"\b(deliver\w*|logistic\w*|warehouse|stock|lead time|shipping|freight)\b", re.I),
    "volumes": re.compile(r"\b(volume\w*|forecast\w*|quantit\w*|call-offs?)\b", re.I),
    "timeline": re.compile(r"\b(launch\w*|schedule\w*|deadline\w*|start of production)\b", re.I),
    "competitors": re.compile(r"\b(competitor\w*|other suppliers?|domestic supplier|alternative suppliers?)\b", re.I),
    "gift": re.compile(r"\b(gifts?|souvenirs?|omiyage)\b", re.I),
    # "your cost structure is your problem" answers a seller who pleaded costs, not a deadline
    "cost": re.compile(r"\b(cost (?:structure|breakdown|calculation)|understand your costs|(?:our|my) costs?|"
                       r"costs? (?:went|go|are going|have gone|increase\w*|ris\w*))\b", re.I),
}


def named_topics(text: str) -> set[str]:
    """The subjects the seller's own words name (a clause, a delivery, a gift): on the table from now on."""
    return {topic for topic, rx in _NAMES.items() if rx.search(text)}


# what the seller just said, and the bank lines that would contradict it ("Sorry I'm late" / "Good, you're on time")
_CONTRADICTIONS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"\b(?:late|delay(?:ed)?|traffic|stuck|missed (?:my|the) (?:train|flight)|kept you waiting)\b", re.I),
     re.compile(r"\b(?:on time|punctual\w*)\b", re.I)),
    # a deadline put on the buyer is no idea to weigh ("valid only till Friday" / "That is a good idea, but…")
    (re.compile(r"\b(?:valid (?:only )?(?:till|until|through)|only (?:till|until|through)|holds? (?:only )?(?:till|until|"
                r"through)|expir\w*|ultimatum|need (?:your |a |an |the )?(?:decision|signature|answer)(?!-)|"
                r"(?:quarter|month|year) ends|(?:sign|decide|decision|answer)\w* (?:by|before) (?:this|the end|monday|"
                r"tuesday|wednesday|thursday|friday|tomorrow)|otherwise (?:our|the|we|it|this)\b)", re.I),
     re.compile(r"\b(?:(?:good|interesting|nice|great) idea|your idea|that idea|an idea)\b", re.I)),
    # a seller who has been here before is not asked whether it is the first time ("Last time I came in October")
    (re.compile(r"\b(?:last time I (?:came|was)|(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) (?:time|visit)|"
                r"(?:came|been) (?:here )?(?:before|many times|often)|back (?:in|here|again))\b", re.I),
     re.compile(r"\bfirst (?:time|visit)\b", re.I)),
    # a seller who ends the talks sends no offer ("better we stop here" / "I look forward to your written offer")
    (re.compile(r"\b(?:stop here|end (?:it|this|the talks?) here|walk away|no deal|can(?:not|'t) do business|"
                r"(?:talk|speak) (?:with|to) other (?:dealers|distributors|customers|partners)|not (?:the )?right (?:time|fit))\b",
                re.I),
     re.compile(r"\b(?:look forward to|wait(?:ing)? for|expect) your (?:written |revised |new |final )?(?:offer|proposal|"
                r"quotation|quote)\b", re.I)),
)


def contradicts(line: str, seller_text: str) -> bool:
    """The line says the opposite of what the seller just told the buyer."""
    return any(said.search(seller_text) and rx.search(line) for said, rx in _CONTRADICTIONS)


def off_topic(line: str, on_table: set[str]) -> bool:
    """The line names something (a clause, a certification, a launch date) nobody has brought up."""
    return any(rx.search(line) and topic not in on_table for topic, rx in _NAMES.items())


_PLAIN = frozenset("""about there their these those which would should could still really thank think where other people
    every never always little maybe years first honestly before after dinner friend family children hamdu lillah""".split())


def _subjects(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{5,}", text.lower()) if w not in _PLAIN}


def repeats(line: str, said: str) -> bool:
    """Does the line go over what the reply already says (two shared subject words: 'old Dubai, the souks')?"""
    return len(_subjects(line) & _subjects(said)) >= 2


# a welcome that assumes a first meeting, and one that assumes the seller has been before
_FIRST_MEETING = re.compile(r"\b(?:I am|I'm|this is|you must be|(?:nice|good|great) to (?:finally )?meet|"
                            r"finally (?:we )?meet|meet you in person|put a face to the name|\{name\} here|"
                            r"finally get you)\b|\{name\} here", re.I)
_MET_BEFORE = re.compile(r"\b(?:again|welcome back|last (?:visit|time)|continued support|since (?:your|we) last)\b", re.I)
_SELLER_RETURNS = re.compile(r"\b(?:(?:inviting|having|receiving|seeing|meeting|meet) (?:me|us|you) again|(?:see|seeing) you again|back again|"
                             r"once again|here again|last time|welcome back|(?:good|nice|great) to see you|since (?:we|my|our) last|"
                             r"(?:my|our) last visit|back in|back here|as always)\b", re.I)
_SELLER_NEW = re.compile(r"\b(?:(?:nice|pleased|good|great|glad|honou?red) to (?:finally )?meet|first (?:time|visit|meeting)|"
                         r"finally meet|in person at last|my name is|let me introduce)\b", re.I)


def greets_wrongly(line: str, seller_text: str, buyer_name: str = "") -> bool:
    """A welcome that does not fit the seller's opening: an introduction or a first-meeting line to a seller who is back
    (or who already named the buyer), a welcome back to a seller meeting the buyer for the first time."""
    surname = [w for w in re.findall(r"[A-Z][a-z]{2,}", buyer_name) if w not in ("Mr", "Mrs", "Ms", "Dr")]
    named = any(re.search(rf"\b{re.escape(w)}\b", seller_text) for w in surname)
    if _FIRST_MEETING.search(line) and not _MET_BEFORE.search(line) and (_SELLER_RETURNS.search(seller_text) or (named and re.search(r"\bI am|I'm\b", line))):
        return True
    return bool(_MET_BEFORE.search(line) and _SELLER_NEW.search(seller_text))


def shares_subject(line: str, said: str) -> bool:
    """Does the line name a subject already said (one shared subject word: 'Diriyah', 'coffee'), or say again a
    sentence already said ("How is your family?")?"""
    norm = " ".join(re.findall(r"[a-z']+", said.lower()))
    again = any(len(w) >= 3 and " ".join(w) in norm for w in (re.findall(r"[a-z']+", x.lower())
                                                               for x in re.split(r"(?<=[.!?])\s+", line)))
    return again or bool(_subjects(line) & _subjects(said))


# what an echoed question answers: where the buyer is from, or how long with the company ("How's Columbus treating
# you?" is neither: "Always lived here? …" would answer a question nobody asked)
_ECHO_KINDS = ((re.compile(r"^(?:where|always|from)\b", re.I),
                re.compile(r"\b(?:from|grew up|grow up|originally|born|raised|home ?town|always lived|lived here all|"
                           r"local)\b", re.I)),
               (re.compile(r"^how long\b", re.I),
                re.compile(r"\bhow long\b[^?]{0,40}\b(?:been|worked|working|with|at|in)\b|\bhow many years\b", re.I)))


def echo_fits(line: str, said: str) -> bool:
    """The question the line echoes is the one the seller asked (an echo of another kind counts as fitting)."""
    return all(asks.search(said) for echo, asks in _ECHO_KINDS if echo.search(line))


# the people a seller threatens to go to, by title: a reply names the one the seller named, not another ("the CRO" /
# "Go to our CFO if you want", "Director Kang" / "Team Leader Choi already knows my view"); "your boss" names none in
# particular
_TITLES = re.compile(r"\b(?:c[efrot]o|chief \w+ officer|vp|vice[- ]president|president|chair(?:man|woman|person)?|board|"
                     r"general manager|gm|managing director|director|owner|father|founder|head office|headquarters|"
                     r"committee|minister|sheikh|partner|team leader|section manager|department head|buch(?:o|ō|ou)|kach(?:o|ō|ou))\b", re.I)


def _titles(text: str) -> set[str]:
    return {m.group(0).lower() for m in _TITLES.finditer(text)}


def names_another(line: str, seller_text: str) -> bool:
    """The line names someone by title and the seller named someone else (and not that one)."""
    mine, theirs = _titles(line), _titles(seller_text)
    return bool(mine and theirs and not mine & theirs)


# the seller takes the written record on himself ("I will send the minutes in English and Japanese by Thursday"): a line
# in which the buyer writes it ("I will put it in the minutes with your name next to it") claims his task
_SELLER_WRITES = re.compile(r"\b(?:i|we)(?:['\u2019]ll| will| can| shall)? (?:send|write|draft|share|circulate|prepare|do)\b[^.?!]{0,40}"
                            r"\b(?:minutes|recap|summary|protocol)\b", re.I)
_BUYER_WRITES = re.compile(r"\bi(?:['\u2019]ll| will)? (?:put|write|note|record|add)\b[^.?!]{0,30}\b(?:minutes|recap|protocol)\b", re.I)


def not_for(line: str, seller_text: str) -> bool:
    """The line does not fit what the seller said: it names someone else, or it claims the record the seller writes."""
    return names_another(line, seller_text) or bool(_SELLER_WRITES.search(seller_text) and _BUYER_WRITES.search(line))


def without_question_back(line: str) -> str:
    """The line without the question it ends on, where something is left to say ("…never found a reason to leave
    Brabant, so where are you from?" -> "…to leave Brabant."): a buyer steering back to business asks nothing back."""
    if not line.rstrip().endswith("?"):
        return line
    clause = re.sub(r",\s*(?:so|and|but|or)\s+[^,.!?]+\?\s*$", ".", line.rstrip())
    if not clause.endswith("?"):
        return clause
    sentences = re.split(r"(?<=[.!?])\s+", line.strip())
    kept = sentences[:-1]
    return " ".join(kept) if kept and not kept[-1].endswith("?") else line


def same_opening(line: str, before: str) -> bool:
    """Does the line open with the same three words as the text before it ("I hear you. … I hear you, but …")?"""
    a, b = re.findall(r"[a-z']+", line.lower())[:3], re.findall(r"[a-z']+", before.lower())[:3]
    return len(a) == 3 and a == b


# an interjection that opens a part of the reply ("Ah, …", "Okay, …", "Yes, …"), with its punctuation
_OPENER = re.compile(r"^\W*(ah|oh|okay|ok|well|hmm|look|yes|right|good)[,!.]\s+(?=\w)", re.I)


# a later part that opens by registering again ("Thank you for telling us. However, our process takes its time. I
# appreciate it very much. However, …"): the second "I appreciate it" goes, and so does a second "However"/"But"
_BARE_ACK = re.compile(r"^\W*(?:(?:yes|ok(?:ay)?|well|ah|hmm),?\s+)?(?:i see|i understand|understood|noted|i hear you|"
                       r"i appreciate (?:it|that|this)(?: very much)?|thank you(?: very much)?|thanks|accepted|of course)"
                       r"[.!]\s+(?=\w)", re.I)
_CONTRAST = re.compile(r"^\W*(but|however),?\s+(?=\w)", re.I)


def without_repeated_opener(parts: list[str], kinds: list[str] | None = None) -> list[str]:
    """The reply's parts, a later part's opening interjection dropped when an earlier part opened a sentence with it
    ("Ah, you ask the difficult questions. Ah, the budget …" reads as stitched), a later part's bare acknowledgement
    dropped after an earlier part (not from an acknowledgement: "Thanks! I'll take it." is one line; `kinds` gives each
    part's kind), and a second "But"/"However" at a part's start."""
    said: set[str] = set()
    out: list[str] = []
    for n, text in enumerate(parts):
        if out and (kinds is None or kinds[n] != "ack") and (m := _BARE_ACK.match(text)):
            text = _capital(text[m.end():])
        m = _OPENER.match(text)
        if m and m.group(1).lower() in said:
            text = _capital(text[m.end():])
        if (m := _CONTRAST.match(text)) and m.group(1).lower() in said:
            text = _capital(text[m.end():])
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            said |= {o.group(1).lower() for o in (_OPENER.match(sentence), _CONTRAST.match(sentence)) if o}
        out.append(text)
    return out


def spoken(parts: list[Any]) -> list[str]:
    """The texts of a reply's parts (each with .text and .kind) as the reply says them: one place for the plan's text
    and the engine's reply."""
    said = [p for p in parts if p.text]
    return without_repeated_opener([p.text for p in said], [p.kind for p in said])


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
