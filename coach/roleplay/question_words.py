"""What a question asks by its own words: the question word (who, when, how many), what weighs most, whether the buyer
decides alone, a quantity or days of payment it names. Read in the sentences that are questions; the answer matcher
adds WH_WEIGHT to these topics (coach.roleplay.answers)."""
from __future__ import annotations

import re

from coach.understanding.figures import CURRENCY
from coach.understanding.practical import questions
from coach.understanding.titles import TITLE_DOT

# the question word and the topics it asks about, read in the sentences that end with a question mark; only a word
# that opens the question or a clause of it asks ("how fast ... when the shuttles stop?" does not ask when)
_AT_CLAUSE = r"(?:^|[,;:\u2014\u2013(]\s*|\s-\s|\b(?:and|or|so|but|then|also|just)\s+)\s*"
_WH: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(_AT_CLAUSE + r"who(m|se)?\b", re.I), ("decision_process", "people")),
    # "who else are you talking to?", "anyone else in the running?": the competition, not the buyer's people
    (re.compile(_AT_CLAUSE + r"((who|anyone|anybody) else\b[^?.]{0,30}\b(talk|speak|bid|consider|evaluat|compet|quot|"
                r"short-?list|running|race|looking at|in the mix|pitch)|which other (suppliers?|vendors?|brands?|"
                r"companies|manufacturers?)\b)", re.I), ("competitors",)),
    (re.compile(_AT_CLAUSE + r"(when|how soon|by when|how long until)\b", re.I), ("timeline",)),
    (re.compile(_AT_CLAUSE + r"(how many|how much volume)\b", re.I), ("volumes",)),
    # what weighs most for the buyer, whoever it names ("What do you need most to convince Mr. Kapoor — a lower price,
    # or the ROI numbers?", "How important is that for you?"); not a choice between two named things ("would you
    # rather have it in commit … or in best case?", "what matters more: landing it this quarter, or …?"): the head
    # reads those by what they name, and the buyer's general priorities would not choose
    (re.compile(_AT_CLAUSE + r"(how important\b|(what|which)\b[^?.]{0,40}\bmost important\b(?! (date|day|deadline|milestone))|"
                r"what (do|does|would) "
                r"[\w.' -]{1,30}? (need|want|value|care about) (the )?most\b|what (matters|counts)( to you)? (the )?most\b|"
                r"which[^?.]{0,40}\b(least|most) convincing\b|what(['\u2019]s| is| are) (your|the) (biggest|main) "
                r"(concern|worry|pain|headache|problem|priority|priorities)\b)", re.I),
     ("priorities",)),
    # whether the buyer decides alone ("is that something you decide yourself, or would Seu Antônio want to look at it
    # as well?", "does the three-year term need Tom's sign-off, or is it within your authority?"), whatever it names
    (re.compile(r"\b(decide|approve|sign (it|this|that|off|the \w+))\b[^?.]{0,25}\b(yourself|alone|on your own)\b|\b(within|"
                r"inside|under) your (own )?(authority|mandate|delegation|sign-?off)\b|\bneeds? (\w+['\u2019]s )?sign-?off\b|"
                r"\bneeds? (board|management|committee|(the )?(board|management|committee|chairman|director)['\u2019]s|his|her|"
                r"their) approval\b|\bsomething (that )?you (can )?decide\b|\bwho else (needs|has) to (say yes|sign|approve|"
                r"agree)\b|\bthe (mandate|authority) to (sign|decide|approve)\b|\b(have|has) the final (say|word)\b", re.I),
     ("decision_process",)),
)


# a quantity in a line that names no currency ("is the 360,000 a year the total…", "the 1,800 seats"): the question is
# about volumes ("$1.5 million a year", "EUR 120 000 a year", "Rs 40 per unit" are prices)
_QUANTITY = re.compile(r"(?<![\d,.])\d[\d,.]*\s*(?:k|thousand|million)?\s+(?:(?:a|per) (?:year|month|week|quarter)\b|"
                       r"annually\b|(?:units|pieces|pcs|modules|sets|seats|users|kits|licen[cs]es|meters|metres|brackets|"
                       r"pumps|components|parts|containers|pallets|tons|tonnes)\b)", re.I)


# a question that names the days a payment may wait, with a word of paying ("what terms does she normally agree,
# ninety days, or more?", "what do your finance people work with for software vendors — sixty, ninety?") asks about
# payment, whatever person or price it names; days of delivery, a pilot or a notice are something else
_NET = re.compile(r"\bnet\s*\d{2,3}\b", re.I)  # "net 60" is always a payment term
_N_DAYS = r"(?:30|45|60|75|90|120|150|180|thirty|forty-five|sixty|seventy-five|ninety)"
# days said, or a bare list of them ("sixty, ninety?"): "60 licences", "120 units" are no days
_DAYS = re.compile(r"\b" + _N_DAYS + r"(?:\s*-?\s*days?\b|\s*(?:,|/|or)\s*" + _N_DAYS + r"\b)", re.I)
_PAYING = re.compile(r"\b(?:terms?|pay\w*|paid|finance|financ\w+|invoic\w*|credit|receivables?|cash)\b", re.I)
_NOT_PAYING = re.compile(r"\b(?:deliver\w*|lead[ -]?times?|ship\w*|arriv\w*|dispatch\w*|warrant\w*|valid\w*|notice|"
                         r"trial|pilot|stock|response)\b", re.I)


# a title's stop ends no question ("What do you need most to convince Mr. Kapoor — …?"), as for the rules; an ellipsis
# still may ("We can't sign alone either... what's your timeline?")
_NO_STOP = re.compile(TITLE_DOT)


def wh_topics(text: str) -> set[str]:
    """The topics a question's own question word (or a quantity, or days of payment, it names) asks about."""
    asked = questions(_NO_STOP.sub(r"\1", text))
    out = {t for rx, topics in _WH for q in asked if rx.search(q) for t in topics}
    quantity = not CURRENCY.search(text) and any(_QUANTITY.search(q) for q in asked)
    paying = any(_NET.search(q) or (_DAYS.search(q) and _PAYING.search(q) and not _NOT_PAYING.search(q)) for q in asked)
    return out | ({"volumes"} if quantity else set()) | ({"payment"} if paying else set())
