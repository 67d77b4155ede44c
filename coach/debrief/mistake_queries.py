"""Each mistake the debrief names: the query that finds its case in the index, and words a case must contain
to be about that mistake (a price turn must not pull a holiday case)."""
from __future__ import annotations

# each mistake: the query that finds its case, and words a case must contain to be about that mistake
MISTAKE_QUERIES: dict[str, tuple[str, str]] = {
    "Price before relationship": ("talking price and business in the first minutes before any relationship or trust was built",
                                  r"price|deck|first meeting|too early|business first"),
    "Too much small talk for a task-based buyer": ("long personal small talk with a buyer who wants to start the agenda and the facts",
                                                   r"small talk|personal|agenda"),
    "Personal talk when the buyer wants the agenda": ("personal talk and stories after the buyer asked to start with the agenda",
                                                      r"small talk|personal|agenda"),
    "Going over the counterpart's head": ("going over the buyer's head to the boss, director or chairman",
                                          r"head|escalat|director|superior|boss|chairman"),
    "Answering a local request with a global policy": (
        "answering the buyer's request for an annual price reduction, local terms or exclusivity with company policy or a "
        "global price list the same in every market", r"polic|global|standard"),
    "Sidelining the buyer's own people": ("going around or talking down to the buyer's long-serving manager or expert to deal "
                                          "with the owner alone", r"manager|expert|colleague|around|gatekeeper|administrator"),
    "Pushing for a commitment before the superior is involved": (
        "asking the buyer to commit or sign before the superior and committee decide", r"commit|sign|approv|decid|yes"),
    "Vague claims to a data-driven buyer": ("vague claims and marketing superlatives instead of data, tests and specifics",
                                            r"vague|data|superlative|claim|evidence|method|test"),
    "Background before the bottom line": (
        "explaining the background, the method or the culture before the conclusion and the numbers the buyer asked for",
        r"conclusion|bottom line|results? first|before (?:showing|the numbers|any result)|principles|background|context"),
    "Waving away the buyer's concern": (
        "the seller calls the buyer's requirement a formality, a detail or paperwork (an audit, a change notice, a security "
        "review, local content, a tax) or says it is the culture, instead of answering the concern",
        r"formalit|paperwork|box[- ]tick|(?:it'?s|blam\w*|just) the culture|a (?:tax )?detail\b|side'?s problem|"
        r"dismiss|wav(?:e|ed|ing) (?:it |them |the \w+ )?away|brush"),
    "Coming without a mandate": (
        "the seller cannot decide anything in the meeting and sends every point back to headquarters for internal approval, "
        "so the buyer has nothing to report to his superior", r"mandate|authori[sz]|empower|(?:back to|check with|ask) (?:the )?(?:headquarters|\bhq\b|head office)"),
    "Declining the buyer's hospitality": ("declining the buyer's meal, coffee or invitation to save time or get to business",
                                          r"declin|optional|skip|turn(ed|ing)? down|refus"),
    "Disparaging a competitor": ("criticising or running down a competitor in front of the buyer", r"competitor|rival"),
    "Blunt disagreement with a high-context buyer": ("blunt contradiction that makes the buyer lose face in front of others",
                                                     r"face|correct|contradict|blunt|public"),
    "Hard deadline on the buyer": ("imposing a deadline or pressure to decide quickly on the buyer",
                                   r"deadline|pressure|rush|hurry|urgent|quick"),
    "Rushing to price": ("rushing to the price before the buyer is ready", r"rush|too early|price deck|first meeting"),
    "Filling the silence with a discount": ("filling a silence after an offer with a discount", r"silen|quiet|pause"),
    "Reading a postponement as a yes": ("taking a polite yes, a postponement or 'we will study it' as agreement",
                                        r"\byes\b|\bne\b|postpone|study|consider|agreement"),
    "Pushing after a courteous postponement": ("pushing for an answer after the buyer politely postponed",
                                               r"postpone|push|chase|follow"),
    "Opening with a deep discount": ("opening with a deep discount instead of anchoring at the list price",
                                     r"opening|anchor|first (offer|price)|final price"),
    "Conceding on price without asking anything in return": (
        "giving a price concession without asking for anything in return", r"concession|discount|in return|trade"),
    "Giving ground on terms without asking anything in return": (
        "giving longer payment terms, a longer warranty or exclusivity without asking for anything in return",
        r"concession|payment|warranty|exclusiv|terms|in return|trade"),
    "Discounting below your own floor price": ("discounting below the walk-away price to win the deal",
                                               r"discount|floor|walk|margin"),
    "Going back on an agreed price": ("raising or re-opening a price after the buyer had accepted it",
                                      r"agreed|re-?open|back on|trust|changed|number stays"),
    "Defending the offer after an indirect no": ("restating or defending the same offer after the buyer said it may be "
                                                 "difficult, instead of changing the proposal",
                                                 r"difficult|indirect|soft no|defend"),
    "Revealing your own floor": ("telling the buyer your own floor or bottom line, so every later offer is judged against it",
                                 r"floor|bottom|walk|limit|reveal|margin"),
}
