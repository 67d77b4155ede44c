"""A proposal reshaped after an indirect no is no discount into the signal.

After "that may be a little difficult" (an almost certain no where it is said), the skilled sellers of the development
pairs change the proposal: "let me make a different proposal: two percent from the second year, 1,450 to start and
four weeks of buffer stock", "maybe another shape, then", "at 90 days and half the tooling, 6.00; at 60 days, 5.90",
or they ask which part is the problem. The poor ones drop the figure and call it final ("OK, OK. 5.80 … my absolute
maximum", "1,380 yen if you confirm before Golden Week"). Both lower a figure; only the second fills the no with a
discount. Read on the development splits (six skilled sellers' turns against thirteen poor ones after an indirect
refusal); never on the held-out splits.
"""
from __future__ import annotations

import re

# the seller says the proposal takes another form, or lays out options
_RESHAPE = re.compile(r"\b(?:(?:a |another |a new |a different |other |two )(?:proposal|shape|structure|package|option|"
                      r"offer|combination|model)s?|change (?:the|my|our) (?:proposal|offer|structure|package|shape)|restructur\w*|"
                      r"options?\b|alternatives?\b|alternatively|instead of (?:a|the) (?:discount|lower price))", re.I)
# two priced alternatives: "At 90 days and half the tooling, 6.00. At 60 days, 5.90."
_PRICED_ALTERNATIVE = re.compile(r"\b(?:at|with|for)\s+[^.?!,;]{1,40},\s*(?:[$€£¥]\s*)?\d", re.I)
# what makes a lower figure a cave all the same: a last word, a deadline, or the wish to please
_CAVES = re.compile(r"\b(?:final|bottom|absolute|(?:very|our) best|really it|(?:our|my) limit|maximum|to make it easy|"
                    r"if you (?:sign|confirm|order|decide|commit)\w*|before (?:golden week|the end|friday|the weekend)|"
                    r"ok(?:ay)?,? ok(?:ay)?|sweeten|for you,? special)\b", re.I)
_COMMITS = {"commitment_request", "pressure", "escalation"}
# no reshaping at all: "I have no other option, 260 then", "there is no alternative"
_NO_OPTION = re.compile(r"\b(?:no|not (?:an?|any)|without (?:an?|any)) (?:other )?(?:option|alternative|choice)s?\b", re.I)


def reshapes(text: str, acts: list[str]) -> bool:
    """The turn changes the proposal's form (says so, lays out priced options, or asks which part is the problem)
    without a last word, a deadline or a plea around the lower figure."""
    return not _gives_in(text, acts) and (_new_form(text) or ("?" in text and "question" in acts))


def reshaped_package(text: str, acts: list[str]) -> bool:
    """A reshaped proposal that says it changes its form or lays out priced options (a question alone, "We can go to 260.
    Is that better for you?", is no new package: its lower figure is a concession)."""
    return not _gives_in(text, acts) and _new_form(text)


def _gives_in(text: str, acts: list[str]) -> bool:
    """A last word, a deadline, a plea or a push around the lower figure, or no other option: no new proposal."""
    return bool(_CAVES.search(text) or set(acts) & _COMMITS or _NO_OPTION.search(text))


def _new_form(text: str) -> bool:
    """The words of a new form: the proposal said to change shape, or two priced alternatives."""
    return bool(_RESHAPE.search(text) or len(_PRICED_ALTERNATIVE.findall(text)) >= 2)


# terms laid side by side as the buyer's choice: "Fourteen hundred twenty at sixty days. Fourteen hundred at thirty.",
# "At nine thousand I can be at one-oh-six. At eleven thousand, one-oh-one." (not test conditions: "at 20 °C … at 70 °C")
_NUMBER = (r"(?:[$€£¥]\s*)?(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
           r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b)")
_AT_A_FIGURE = re.compile(r"\bat " + _NUMBER + r"(?![\w,.-]*\s*(?:°|degrees?|percent of|% of|rpm|newton|nm\b|arc|hours? run))",
                          re.I)
_CLAUSES = re.compile(r"(?<=[.;!?])\s+|\s+[\u2014\u2013-]\s+")
# a give on a condition: "Net sixty I can do if the uplift cap is five", "Ninety days we can accept, if the unit price stays
# at 6.25" (not a deadline or a decision as the condition: "I can go to 285 if we have a decision before Ramadan")
_GIVE_IF = re.compile(r"\b(?:i|we) can (?:do|offer|accept|give|go to|live with|carry|hold)\b[^.?!]{0,30}\bif\b"
                      r"(?! (?:you|that|it|this)(?:['\u2019]d| would)? (?:need|want|like|helps?|works?|prefer|rather)\b)"
                      r"(?![^.?!]{0,40}\b(?:sign\w*|decision|decide\w*|confirm\w*|agree\w*)\b[^.?!]{0,25}\b(?:before|by|this|today|"
                      r"now|tonight|soon)\b)", re.I)


def conditional_terms(text: str) -> bool:
    """The turn lays out terms as options (a figure "at" each of two clauses) or gives one on a condition."""
    return sum(1 for c in _CLAUSES.split(text) if _AT_A_FIGURE.search(c)) >= 2 or bool(_GIVE_IF.search(text))


def article(label: str) -> str:
    """'an indirect refusal', 'a silence', 'a hold firm'."""
    return "an" if label[:1].lower() in "aeiou" else "a"
