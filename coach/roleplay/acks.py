"""Which act of the seller's line the reply registers first, and which moves already react to it themselves."""
from __future__ import annotations

import re

from coach.roleplay.policy import Move
from coach.understanding.visits import fitting_kind  # noqa: F401 - the acknowledgement that fits a site visit
from coach.understanding import Understanding
from coach.understanding.sentences import split_sentences

# moves that already react to a price on the table
PRICE_MOVES = {"counter", "concede", "hold_firm", "conditional_accept", "accept", "direct_refusal", "indirect_refusal"}
# acts that make a question without a business topic personal talk
PERSONAL = {"small_talk", "relationship", "compliment", "invitation", "greeting", "apology"}
# which seller act asks for which acknowledgement, most important first
ACK_ORDER: tuple[tuple[str, str], ...] = (
    ("walk_away", "walk_away"), ("escalation", "escalation"), ("apology", "apology"), ("compliment", "compliment"), ("invitation", "invitation"),
    ("trade_proposal", "trade"), ("concession", "concession"), ("offer", "offer"),
    ("own_commitment", "commitment"), ("agreement", "agreement"), ("agreement", "commitment"), ("pressure", "pressure"), ("greeting", "greeting"), ("small_talk", "small_talk"),
    ("relationship", "small_talk"), ("question", "question"), ("information", "information"),
)
# reactions that stay first even before an agreement the line opens with
ACK_FIRST = {"walk_away", "escalation", "apology", "compliment", "invitation", "visit"}
# moves whose line is itself the reaction to these acts (no separate acknowledgement)
ALREADY_REACTS = {
    "greeting": {"greet"}, "small_talk": {"small_talk", "hospitality"}, "offer": PRICE_MOVES,
    "question": set(), "information": {"ask", "request_detail"}, "pressure": set(),
}


# acts a weak reading of which, in a line that asks, is not registered: "Is that negotiable or a fixed policy" agrees to
# nothing, and "did your engineers have a chance to review the report?" pays no compliment (on the development splits'
# rejected replies: "Then we are agreed on that point." and "Our engineers deserve the credit." before the answer)
WEAK_BESIDE_A_QUESTION = frozenset({"offer", "agreement", "compliment"})
# an answer that opens by turning the idea down ("No, please, not my father. Write to me…", "Only to me, please."): a
# permitting acknowledgement before it ("You are free to go to my father…") would contradict it, and the refusal is
# itself the reaction to going over the buyer's head
_REFUSES = re.compile(r"^\W*(?:no\b(?![\s,]+(?:problem|worries|worry|doubt|need)\b)(?!,? of course)|only (?:to|through|via) me\b|please,? (?:not|don['\u2019]t)\b|i am afraid not\b|"
                      r"no,? i am afraid\b)", re.I)


def refuses(parts: list) -> bool:
    """One of the answer parts opens by turning down what the seller proposed."""
    return any(_REFUSES.search(p.text) for p in parts)


def _presses(und: Understanding) -> bool:
    """A deadline or pressure read surely, and surer than a promise of the seller's own."""
    c = und.confidence
    return "pressure" in und.acts and c.get("pressure", 1.0) >= 0.6 and c.get("pressure", 1.0) > c.get("own_commitment", 0.0)


def ack_kind(und: Understanding, move: Move, answered: bool, lines_for: set[str], first_price: bool = False,
             price_dropped: bool = False, agreeing: bool = False, figures_asked: bool = False,
             refused: bool = False) -> str | None:
    """The one act the reply registers first (`agreeing`: the line opens by agreeing). `first_price`: the seller's price is the first one named in the talks,
    so it is an offer to register, whatever else the line reads as (nothing has been conceded yet); `price_dropped`:
    it is below the seller's previous price, a step to register however it was worded ("Okay... we can do 80,000");
    `figures_asked`: every figure in the line is inside a question ("Is 360,000 a year the full volume?"); `refused`:
    the answer turns the proposal down itself (then no escalation is acknowledged before it)."""
    acts = set(und.acts)
    if und.price is not None:
        acts.add("offer")
        if first_price:
            acts.discard("concession")
        elif price_dropped:
            acts.add("concession")
    order = ACK_ORDER
    if _presses(und):  # "if there is no decision by the end of the month, the price goes back to 320": the deadline first
        order = tuple(sorted(ACK_ORDER, key=lambda ak: ak[1] not in ACK_FIRST and ak[1] != "pressure"))
    if agreeing:  # "Agreed — 102, ninety days": the agreement is registered before what the line gives
        order = tuple(sorted(order, key=lambda ak: ak != ("agreement", "agreement") and ak[1] not in ACK_FIRST))
    for act, kind in order:
        if act not in acts:
            continue
        if move.name in ALREADY_REACTS.get(kind, set()):
            continue
        personal_q = bool(acts & PERSONAL) or not [t for t in und.topics if t != "other"]
        if kind == "question" and (answered or (personal_q and move.name in ("small_talk", "hospitality", "greet"))):
            continue  # answered, or a question the welcome or the small talk itself takes up ("Tudo bem?")
        if kind in ("offer", "trade", "concession") and (move.name in ("accept", "conditional_accept", "stay_in_role")
                                                          or (move.name == "deflect" and und.price is None)):
            continue  # accepted already, or a figure inside a probe: no price to thank for ("Warmer or colder: 410?")
        if act == "agreement" and (move.name in PRICE_MOVES or move.name == "defer"):
            continue  # the move itself answers an agreement on terms
        if (act in WEAK_BESIDE_A_QUESTION and "question" in acts and und.confidence.get(act, 1.0) < 0.5
                and not (act == "offer" and (und.price is not None or not figures_asked))
                and not (act == "agreement" and agreeing)):
            continue  # "Is 360,000 a year the full volume, or maybe 30 percent?" asks about figures, offers none
        if kind == "information" and answered and "question" in acts:
            continue  # "Good, now I understand better." before the answer: the answer takes up what was told and asked
        if kind == "walk_away" and move.name != "farewell":
            continue  # an ultimatum ("sign today, or we go with the other dealer"): its pressure is registered instead
        if kind == "escalation" and refused:
            continue  # "No, please, not my father." is the reaction; "You are free to go to him" before it contradicts it
        if kind in ("question", "small_talk", "information") and move.name == "stay_in_role":
            continue  # "That is not so simple to answer." before staying in role half-answers "are you an AI?"
        if kind not in lines_for:
            continue  # an optional acknowledgement this persona does not have
        return kind
    return None


# a social act registered first leaves what the line gives unregistered: "Sorry, my mistake. 118 is the correct offer"
# gets a word on the apology and one on the price, unless the move itself reacts to the price
SOCIAL_FIRST = frozenset({"apology", "compliment", "greeting"})
GIVES = (("trade_proposal", "trade"), ("concession", "concession"), ("offer", "offer"), ("own_commitment", "commitment"))


def second_ack(kind: str | None, und: Understanding, move: Move, lines_for: set[str]) -> str | None:
    """What the line gives, registered after the social act `kind` was (None when nothing is left to register)."""
    if kind not in SOCIAL_FIRST or move.name in PRICE_MOVES or move.name in ("stay_in_role", "deflect"):
        return None
    acts = set(und.acts) | ({"offer"} if und.price is not None else set())
    sure = {"offer"} if und.price is not None else set()  # a price read from the line is an offer, however the head scored it
    return next((k for a, k in GIVES if a in acts and k in lines_for and (a in sure or und.confidence.get(a, 1.0) >= 0.5)),
                None)


def talk_ack(kind: str | None, own: bool, answered: bool, standout: bool, steering: bool, move: Move, lines_for: set[str],
             und: Understanding, said: str) -> str | None:
    """The buyer's `own` word on the subject is the acknowledgement. When none of its own lines is on what the seller
    told (and nothing asked is answered), its small talk gets a word on it first ("Ah, is that so? How nice." before a
    story of its own); a line that only asks gets no "Thank you for telling me"."""
    if own and (kind == "small_talk" or (standout and kind == "question")):
        return None
    told = any(not s.rstrip().endswith(("?", "\uff1f", "\u061f")) and len(re.findall(r"\w+", s)) >= 4
               for s in split_sentences(said))  # "I hope good.", ":)" after a question tell nothing
    if (kind is None and not own and not answered and not steering and move.name == "small_talk" and told
            and "small_talk" in lines_for and set(und.acts) & {"small_talk", "relationship"}):
        return "small_talk"
    return kind
