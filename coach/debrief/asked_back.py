"""Asking something back in words the trade reading missed: what a skilled seller says when he moves on a term.

Read on the development pairs' seller turns that the debrief had scored as a concession "without asking anything back"
(thirty-seven skilled sellers' turns; never on the held-out splits):

- a condition named as such: "That's conditional on net 45 instead of 60";
- the ask said outright: "Then I need something back: the steel clause", "Then I need something else to bring to
  purchasing", "Let me trade instead";
- the other figure tied to its absence: "If it's 260, I need a services credit. Otherwise 290." / "Without either, I
  need 288.";
- part of the figure held back against a step: "three hundred, with sixty held back until they clear the review",
  "two-thirty now, and the remaining forty only if purchasing puts the quote on the table";
- the buyer's side doing something as the condition: "If Hengjiang can do ninety days after acceptance, I can look at
  392,000";
- a commitment from the buyer as what the figure is for: "With 50 percent tooling and a firm nomination at 480,000 a
  year, I can go to 5.98", "for a three-plus-two exclusivity with this volume ladder, I can come to 2,250", "For
  three years and five hundred seats, I can come to 88,000";
- the other term priced beside it: "Net 60 takes me to 176. Net 45 keeps 174.", "If net 60 is a must, 165.", "Four
  percent I can ask my deal desk for, but then I need net 45", "Ninety days, and for that I keep six-ten";
- options laid side by side: "Let me put it side by side", "Option A: … Option B: …".

A plea, a deadline or "if it helps" is no ask ("if that helps, I can do 160"; "2,100 if you sign this month" is read
as a deadline before this reading is asked).
"""
from __future__ import annotations

import re

_NUM = (r"(?:\d[\d,.]*k?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|sixty|"
        r"seventy|eighty|ninety|hundred)")
# what is asked is only speed: "but then I need the signed contract by the end of February" (a deadline, not a trade)
_NOT_A_DEADLINE = (r"(?![^.?!]{0,60}\b(?:today|tonight|soon|right now|this (?:week|month|quarter|year)|by (?:the )?end|by (?:monday|"
                   r"tuesday|wednesday|thursday|friday)|before (?:the )?(?:end|weekend|holidays?|monday|tuesday|wednesday|thursday|"
                   r"friday))\b)")
# a plea or a wait is no ask: "then I need my boss's approval, so ok, 260", "then we need a little more time"
_NOT_A_PLEA = r"(?!\s+(?:to\b|my\b|our\b|a (?:little|bit)\b|more time\b|time\b|approval\b|some time\b))"
ASKED_BACK = re.compile(
    r"\b(?:conditional (?:on|upon)|contingent (?:on|upon))\b"
    r"|\b(?:i|we)(?: need| want| would need|'d need) something (?:back|in return|else)\b"
    r"|\blet(?: me|['\u2019]s| us) trade\b"
    r"|\b(?:otherwise|without (?:either|that|those|it|this|them|both))\b,?\s+(?:(?:i|we)(?: need| stay at| remain at| are at|"
    r"'m at| am at|'re at| would need|'d need)\s+|it(?:['\u2019]s| is| stays at)\s+)?(?:[$€£¥]\s*)?" + _NUM +
    r"\b(?!\s+(?:of|other|more|competitors?|people|companies|times)\b)"
    r"|\b(?:tied|linked) to (?:those|these)\b"
    r"|\b(?:held|hold|holding|kept|keep|keeping) back (?:until|till|against|for when)\b"
    r"|\bthe (?:remaining|rest|last)\b[^.?!]{0,25}\bonly (?:if|when|once|after)\b"
    r"|\bif (?!(?:i|we|it|that|this|you need|you like|you want|you prefer)\b)[\w'\u2019-]+(?: [\w'\u2019-]+){0,3} "
    r"(?:can|could) (?:do|accept|live with|give|take|commit|confirm|pay|cover|move)\b"
    + _NOT_A_DEADLINE +
    r"|\b(?:with|against|for)\b[^.?!]{0,40}?\b(?:a |an |the |your )?(?:firm|fixed|binding|signed|committed|confirmed) "
    r"(?:nomination|order|volume|commitment|forecast|term)\b(?! of (?:our|my)\b)"
    r"|\bfor (?:a|an|the) (?:[\w-]+ ){0,2}exclusivity\b[^.?!]{0,60}\b(?:i|we) can\b"
    # not loyalty ("our partner for ten years, I can do 260", "for ten years we have been your partner, …")
    r"|(?<!partner )(?<!partners )(?<!customer )(?<!client )(?<!been )(?<!worked )(?<!known you )\bfor (?:[\w-]+ ){0,3}" + _NUM +
    r"[- ](?:years?|seats|units|kits|committed)\b"
    r"(?!,?\s+(?:we|you|i|they|our|your)\b)[^.?!]{0,40}?"
    r"(?:(?<!\d),\s+(?:[$€£¥]\s*)?" + _NUM + r"\b|\b(?:i|we) can (?:go|come|do|offer|be|move)\b)"
    # the other term priced beside it: "Net 60 takes me to 176. Net 45 keeps 174.", "If net 60 is a must, 165."
    r"|\b(?:net \d+|\d+ days|[\w-]+ days|[\w-]+ months?(?: warranty)?|[\w-]+ weeks?|the (?:cap|index|clause|exclusivity))"
    r" (?:takes|brings) (?:me|us|the price) (?:up |down )?to (?:[$€£¥]\s*)?" + _NUM + r"\b"
    r"|\bif [^.?!,]{0,20}(?:\d|\b(?:thirty|forty|forty-five|sixty|ninety|hundred)\b)[^.?!,]{0,15} (?:is|are) "
    r"(?:a must|necessary|needed|essential|required)\s*,\s*(?:[$€£¥]\s*)?" + _NUM + r"\b"
    r"|\bthen (?:i|we)(?: need| want| would need|'d need)" + _NOT_A_PLEA + _NOT_A_DEADLINE +
    r"|\bfor that,? (?:i|we)(?: need| want| would need|'d need| keep| stay at)" + _NOT_A_PLEA + _NOT_A_DEADLINE +
    r"|\bat a minimum of\b[^.?!]{0,30},\s*(?:[$€£¥]\s*)?" + _NUM + r"\b"
    # the buyer's preference granted against an ask: "If you prefer 60 days, we need a two-year contract", "If you prefer
    # 60 days we'll need two years contract" (not "If you prefer, I need a day to check")
    r"|\bif you(?:['\u2019]d| would)? (?:prefer|rather)\b[^.?!]{0,60}?\b(?:then )?(?:i|we)(?:['\u2019]ll| will|['\u2019]d| would| must)? "
    r"(?:need|want|require|ask(?: for)?)\b(?!\s+(?:to\b|a (?:day|week|moment|little|bit)\b|more time\b|time\b|some time\b|approval\b))"
    # ... or priced in the clause after it: "If you prefer 60 days, then the price goes to 2,350", "…, 1,460", "…, there
    # will be a premium of 3%" (not "If you prefer, we can meet on Monday, 12 March", "If you prefer 5,000 units per call-off,
    # we can deliver monthly", "If you prefer 60 days: fine, 1,420 stays")
    r"|\bif you(?:['\u2019]d| would)? (?:prefer|rather)\b[^.?!,;:\u2014]{0,60}?(?<!\d)[,;:\u2014]\s*(?:then )?(?:(?:the )?price\b|"
    r"(?:it|that)(?:['\u2019]s| is| goes| would be| becomes| moves| will be) (?:up |down )?(?:to )?(?:[$€£¥]\s*)?" + _NUM + r"\b|"
    r"(?:[$€£¥]\s*)?" + _NUM + r"\b(?![\d,.]*\s+(?:stays|remains|is unchanged|january|february|march|april|may|june|july|august|"
    r"september|october|november|december)\b)|there (?:is|will be|would be) a (?:premium|surcharge)|we add)"
    # terms laid side by side as the buyer's choice
    r"|\bside by side\b|\boption (?:a|1|one)\b.{0,400}\boption (?:b|2|two)\b",
    re.I)


# the buyer's side named as paying its share ("Then let us share it: Haneul pays fifty percent, in two parts"); case
# matters: a name or "you", not "we" (two letters) or a lower-case noun ("our company pays")
_BUYER_PAYS = re.compile(r"\b(?!(?:This|That|It|Which|What|Who)\b)(?:[Yy]ou|[A-Z][a-z]{2,}) pays? (?:\w+ ){0,2}?(?:half\b|(?:fifty|"
                         r"\d+)\s*(?:%|percent\b|per cent\b))(?!\s*(?:less|more|below|above|cheaper)\b)"
                         r"|(?:\b[Aa]nd\b|,)[^.?!]{0,60}\bto balance (?:it|that|this)\b")  # "Five. And net 45 to balance it."


def asks_back(text: str) -> bool:
    """The turn asks something back for what it gives, in one of the forms above."""
    text = text.replace("\u2019", "'")
    return bool(ASKED_BACK.search(text) or _BUYER_PAYS.search(text))
