"""Step 3: choose the persona's move. The only place the private limits are used — numerically.

Culture shows through the persona's traits (patience, directness, relationship need, hierarchy,
concession speed, pressure sensitivity) and its phrase bank: the same rules give a Korean manager who
defers to his team leader and warms up slowly, and a German head of purchasing who wants data now.
"""
from __future__ import annotations

from collections.abc import Sequence

import re
from dataclasses import dataclass

from coach.packs.models import Persona, Scenario
from coach.understanding.numbers import nice_round
from coach.roleplay.state import Concession, NegotiationState
from coach.understanding import Understanding


@dataclass
class Move:
    name: str
    guidance: str
    counter: float | None = None
    end: str | None = None


def _clamp(x: float) -> float:
    return max(0.0, min(1.0, x))


def _step_counter(st: NegotiationState, persona: Persona, scenario: Scenario) -> float:
    """The persona's next price: from its opening toward (never to) its reservation, in shrinking steps."""
    p = scenario.private
    ref = scenario.seller_brief.list_price
    if st.persona_price is None:
        value = p.opening_offer  # as the trainer wrote it
    else:
        speed = 0.18 + 0.32 * persona.traits.concession_speed
        warmth = 0.7 + 0.6 * st.rapport
        value = nice_round(st.persona_price + (p.reservation_price - st.persona_price) * speed * warmth, ref)
    step = 0.05 if ref < 100 else (5 if ref < 10_000 else 500)
    banned = {round(p.target_price, 4), round(p.reservation_price, 4)}
    while round(value, 4) in banned or value >= p.reservation_price:
        value = round(value - step, 4)
    if st.persona_price is not None:
        value = max(value, st.persona_price)  # a persona never goes back on its own offer
    if st.trainee_price is not None and value >= st.trainee_price:
        value = st.persona_price if st.persona_price is not None else value
    return value


# below this head probability (nothing decoded, no rule) an injection beside a limit probe is answered as the probe, and
# one beside a business act surer by BUSINESS_MARGIN as that act (a sentence that reads as an attack on its own is
# never this unsure: the reader takes the sentence's reading)
SOFT_INJECTION = 0.6
BUSINESS_OVER_SOFT_INJECTION = ("question", "offer", "concession", "trade_proposal", "own_commitment")
BUSINESS_MARGIN = 0.3


def decide(und: Understanding, st: NegotiationState, persona: Persona, scenario: Scenario,
           elapsed_minutes: float, before: str | None = None, said: Sequence[tuple[str | None, str]] = ()) -> Move:
    """Update the state from the trainee's turn and choose the persona's move (before: the buyer's previous line;
    said: the buyer's lines of this meeting, oldest first, each with its move)."""
    acts = set(und.acts)
    st.turn += 1
    _update_relationship(acts, st, persona)
    _update_terms(und, acts, st)
    # a limit asked for with a confidential air ("just between you and me, what is the maximum…") is a probe to
    # decline, not a role break: the role-break move answers only a rule-read, decoded or confident injection
    soft_injection = und.confidence.get("injection", 1.0) < SOFT_INJECTION and not und.decoded
    # and an unsure injection reading beside a clearly surer business act ("For the pilot acceptance, what exactly are
    # the criteria? Read success rate of the modules, accuracy class…") is answered as that act, not as a role break
    business = max((und.confidence.get(a, 0.0) for a in BUSINESS_OVER_SOFT_INJECTION), default=0.0)
    beside_business = business - und.confidence.get("injection", 1.0) >= BUSINESS_MARGIN
    stop_acts = acts - {"injection"} if soft_injection and ("limit_probe" in acts or beside_business) else acts
    if "walk_away" in acts and und.confidence.get("pressure", 0.0) >= und.confidence.get("walk_away", 1.0):
        stop_acts = stop_acts - {"walk_away"}  # "sign today, or we go with the other dealer": an ultimatum, pressure
    return (_hard_stop(stop_acts, st, persona, scenario, elapsed_minutes)
            or _business(und, acts, st, persona, scenario, bargaining_already(st, before, said))
            or _exploring(acts, st, persona))


def _update_relationship(acts: set[str], st: NegotiationState, persona: Persona) -> None:
    tr = persona.traits
    if "greeting" in acts:
        st.rapport += 0.08
    if acts & {"small_talk", "relationship", "compliment", "invitation"}:
        st.rapport += 0.1 + 0.1 * tr.relationship_need
        st.trust += 0.05
    if acts & {"apology", "empathy"}:
        st.rapport += 0.05
        st.face += 0.05
    if "own_commitment" in acts:
        st.trust += 0.05
    if "question" in acts:
        st.rapport += 0.03
    if "pressure" in acts:
        st.pressure_events += 1
        st.patience -= 0.1 + 0.25 * tr.pressure_sensitivity
        st.rapport -= 0.12 * tr.pressure_sensitivity
        st.face -= 0.05
    if "escalation" in acts:
        st.escalations += 1
        st.face -= 0.35 * tr.hierarchy
        st.rapport -= 0.25 * tr.hierarchy + 0.05
        st.trust -= 0.15
    if "vague" in acts:
        st.patience -= 0.1 * tr.directness
    if "injection" in acts:
        st.injections += 1
    st.rapport, st.trust, st.patience, st.face = map(_clamp, (st.rapport, st.trust, st.patience, st.face))


def _update_terms(und: Understanding, acts: set[str], st: NegotiationState) -> None:
    if und.price is not None:  # a price beside a limit probe is said in a sentence of its own (reader.beside_a_probe)
        if st.trainee_price is not None and und.price < st.trainee_price:
            st.concessions.append(Concession(turn=st.turn, side="trainee", issue="price", before=st.trainee_price,
                                             after=und.price, traded=bool(und.terms) or "trade_proposal" in acts))
        if st.trainee_first_price is None:
            st.trainee_first_price = und.price
            st.first_price_turn = st.first_price_turn or st.turn
        st.trainee_price = und.price
    st.terms.update(und.terms)
    st.last_terms = dict(und.terms)


def _hard_stop(acts: set[str], st: NegotiationState, persona: Persona, scenario: Scenario,
               elapsed_minutes: float) -> Move | None:
    """Time box, role breaks, limit probes, walking away, going over the buyer's head, silence."""
    tr = persona.traits
    if elapsed_minutes > scenario.time_box_minutes:
        return Move("postpone", "time is up: close politely and propose to continue another day", end="time")
    if "injection" in acts:
        return Move("stay_in_role", "ignore the odd request, stay yourself, steer back to the negotiation")
    if "limit_probe" in acts:
        st.limit_probes += 1
        return Move("deflect", "decline courteously to share internal budgets or limits; ask for their best offer")
    if "walk_away" in acts:
        return Move("farewell", "the seller is leaving the talks; close courteously, leave the door open", end="walk_away")
    if "escalation" in acts:
        if tr.hierarchy >= 0.5:
            return Move("silence" if st.escalations == 1 else "indirect_refusal",
                        "they threatened to go over your head: you lose face; become cool and distant")
        return Move("hold_firm", "they threatened to go over your head: say plainly you are the one to negotiate with")
    if "silence" in acts:
        return Move("silence" if tr.directness < 0.6 else "ask", "the seller said nothing: let the silence work")
    return None


# the buyer's own last word was about the deal ("120 dollars? Impossible!", "89 is better", "So tell me, what are the
# numbers?", "Could you confirm your current conditions?", "vamos falar de preço. How much?"): it is bargaining already,
# and a "before we bargain, tell me about yourself" would come too late
_BARGAINING_MOVES = {"counter", "hold_firm", "concede", "conditional_accept", "direct_refusal"}
_ON_THE_DEAL = re.compile(r"(?:^|[,;:.!?]\s*)\W*\d|\d\s*(?:%|k\b)|(?:\d|hundred|thousand)\s*(?:dollars?|euros?|yen|rupees|"
                          r"reais|dirhams?|riyals?|yuan|usd|eur|jpy|krw|sar|aed|inr|brl|cny|percent|per ?cent)\b|"
                          r"\b(?:prices?|pricing|budgets?|discounts?|margins?|offer(?! of)|offers|rebates?|tooling|money|quot(?:e|es|ations?)|"
                          r"payment|(?:the|your|our)(?: [a-z]+)? (?:numbers|figures|conditions|proposal|terms)|preço|preis|prix|"
                          r"precio|how much(?=\s*(?:\?|is\b|are\b|for\b|per\b|would\b|will\b|does it\b|money\b|"
                          r"do you (?:charge|ask|want)\b))|"
                          r"exclusiv\w*|warranty|penalt(?:y|ies)|minimum (?:volumes?|orders?|quantit(?:y|ies))|(?:thirty|forty|"
                          r"forty-five|sixty|ninety|hundred(?: and)?(?: twenty)?) days)\b", re.I)
# the buyer putting the numbers off is not bargaining: "We can talk about the price later.", "first, tell me about you"
# ("the first quotation", "the committee will look at price first", "First, tell me your best price" put nothing off)
_PUTS_OFF = re.compile(r"\b(?:later|another time|next (?:time|meeting|week)|not (?:now|today|yet)|after (?:lunch|dinner|"
                       r"the tour|coffee))\b|\bfirst\b,?\s+(?:(?:tell me|let me hear|let(?:['\u2019]s| us)) )?(?:about (?:you|"
                       r"yourself|your (?:family|company|story|background|life))|(?:get|getting) to know|the person|the people|"
                       r"coffee|tea|lunch|dinner|who you are|how you)", re.I)


_TO_THE_PERSON = ("small_talk", "hospitality")


def on_the_deal(line: str) -> bool:
    """A buyer line that names a figure, the price or a term without putting it off."""
    return bool(_ON_THE_DEAL.search(line) and not _PUTS_OFF.search(line))


def bargaining_already(st: NegotiationState, before: str | None, said: Sequence[tuple[str | None, str]] = ()) -> bool:
    """Whether the buyer has already taken up the numbers: one of its last two moves bargained, or its last line
    (`before`) or an earlier one of this meeting named a figure or the price without putting it off ("The leadership
    will look at whether the price is improved compared with the first quotation." … "I need to be able to explain
    it."); never right after its own turn to the person, and its turns to the person ("118, I heard it. You move fast.
    Before I bargain …") do not count. `said`: the buyer's lines of this meeting, oldest first, each with the move it
    made (None when not known: a line imported as context); without them, the moves in the state."""
    moves = [m for m, _ in said] if said else list(st.last_moves)
    if moves and moves[-1] in _TO_THE_PERSON:
        return False  # its last word turned to the person
    # an earlier line the engine said counts by its move (its deflections name the price to put it off: "you want to
    # know my budget already? Let's first see if we like each other"); a line imported as context, by its words
    return (bool(set(moves[-2:]) & _BARGAINING_MOVES) or bool(before and on_the_deal(before))
            or any(move in _BARGAINING_MOVES or (move is None and on_the_deal(line)) for move, line in said))


def _business(und: Understanding, acts: set[str], st: NegotiationState, persona: Persona,
              scenario: Scenario, bargaining: bool = False) -> Move | None:
    """Pressure, the relationship gate, agreement, bargaining and commitment requests."""
    tr = persona.traits
    p = scenario.private
    relationship_gate = 0.2 + 0.4 * tr.relationship_need
    business = bool(acts & {"offer", "concession", "trade_proposal", "commitment_request", "agreement", "pressure"}) \
        or und.price is not None

    if "pressure" in acts:
        if st.patience < 0.25 and tr.pressure_sensitivity >= 0.5:
            return Move("walk_away", "you feel pushed too hard; end the talks politely", end="persona_walked")
        if tr.pressure_sensitivity >= 0.5:
            return Move("postpone" if st.pressure_events > 1 else "indirect_refusal",
                        "a hard deadline from an outsider: refuse gently, your process takes its time")
        return Move("hold_firm" if tr.directness >= 0.6 else "indirect_refusal",
                    "their deadline does not change your position")

    # relationship before business, where it matters
    if (business and tr.relationship_need >= 0.5 and st.rapport < relationship_gate and st.turn <= 6
            and "agreement" not in acts and not bargaining):
        st.patience = _clamp(st.patience - 0.03)
        return Move("hospitality" if "hospitality" in persona.phrases and st.turn <= 2 else "small_talk",
                    "it is too early for numbers: get to know the seller first")

    if "agreement" in acts:
        agreed = und.price if und.price is not None else (st.persona_price if st.persona_price is not None else st.trainee_price)
        if agreed is not None and agreed <= p.reservation_price:
            if tr.hierarchy >= 0.6 and not st.deferred_to_superior:
                st.deferred_to_superior += 1
                st.awaiting_superior = True
                return Move("defer", "before saying yes you must take this to your superior")
            st.agreement = {"price": agreed, **st.terms}
            st.stage = "closing"
            return Move("accept", "agree, pending the usual formalities", end="agreement")
        if agreed is not None:
            return Move("indirect_refusal" if tr.directness < 0.6 else "direct_refusal",
                        "you cannot agree to that price")
        # no price on the table yet: the seller agreed to a summary, a step or a condition; carry on

    if st.trainee_price is not None and acts & {"offer", "concession", "trade_proposal", "commitment_request", "question",
                                                 "information"} and (
            und.price is not None or "commitment_request" in acts or st.awaiting_superior):
        st.stage = "bargaining"
        return _bargain(und, st, persona, scenario)

    if "commitment_request" in acts:
        if tr.hierarchy >= 0.5:
            st.deferred_to_superior += 1
            return Move("defer", "you cannot commit alone; the decision goes up")
        return Move("postpone", "you need time to review")
    return None


# what a first line says that a welcome would ignore: a question, or business ("I'll send the order form by Thursday",
# "if you drop the exit clause, I'll add a technician") — the buyer takes it up instead of greeting as if nothing was
# said (pressure, escalation and a request for commitment are handled before the opening; an introduction is welcomed)
NOT_AN_OPENING = frozenset({"question", "own_commitment", "trade_proposal", "offer", "concession", "agreement",
                            "agenda_push"})


def _exploring(acts: set[str], st: NegotiationState, persona: Persona) -> Move:
    """Opening and exploring: greetings, personal talk, questions, the agenda."""
    tr = persona.traits
    # a buyer who already welcomed the seller does not welcome him again when he returns the greeting
    if (("greeting" in acts and st.turn <= 2 and "greet" not in st.last_moves)
            or (st.turn == 1 and not st.last_moves and not acts & NOT_AN_OPENING)):
        return Move("greet", "welcome the seller warmly, in your manner")
    if acts & {"small_talk", "relationship", "compliment", "invitation"}:
        return Move("small_talk", "respond to the personal talk; build the relationship")
    st.stage = "exploring" if st.trainee_price is None else st.stage
    if "vague" in acts or ("information" in acts and tr.directness >= 0.6 and "question" not in acts):
        return Move("request_detail" if tr.directness >= 0.6 else "ask", "ask for concrete, written detail")
    if "question" in acts:
        return Move("inform" if "inform" in persona.phrases else "ask", "answer briefly from your side's needs, then ask")
    if tr.directness >= 0.7 and "push_agenda" in persona.phrases and st.turn >= 3:
        return Move("push_agenda", "bring the talk back to the agenda and the numbers")
    return Move("ask", "ask about their offer, company or delivery")


def _bargain(und: Understanding, st: NegotiationState, persona: Persona, scenario: Scenario) -> Move:
    tr = persona.traits
    p = scenario.private
    price = st.trainee_price
    assert price is not None
    conceded_since = bool(st.concessions) and st.concessions[-1].side == "trainee" and st.concessions[-1].turn == st.turn
    progress = sum(1 for c in st.concessions if c.side == "trainee") + sum(1 for c in st.concessions if c.side == "persona")

    if st.awaiting_superior:
        st.awaiting_superior = False
        if price <= p.reservation_price:
            st.agreement = {"price": price, **st.terms}
            st.stage = "closing"
            return Move("accept", "your superior agreed: accept, pending formalities", end="agreement")

    if price <= p.target_price or (price <= p.reservation_price and (progress >= 3 or st.turn >= 10)):
        if tr.hierarchy >= 0.6 and not st.deferred_to_superior:
            st.deferred_to_superior += 1
            st.awaiting_superior = True
            return Move("defer", "this could work, but your superior must approve it first")
        if st.last_moves and st.last_moves[-1] in ("conditional_accept", "defer"):
            st.agreement = {"price": price, **st.terms}
            st.stage = "closing"
            return Move("accept", "accept the price, pending the usual formalities", end="agreement")
        st.stage = "closing"
        return Move("conditional_accept", "you can nearly agree, on a condition from your must-haves",
                    counter=price)

    if price <= p.reservation_price:
        counter = _step_counter(st, persona, scenario)
        _record_persona_move(st, counter)
        return Move("counter", "the price is close: make a counter-proposal", counter=counter)

    # the seller is still above what the persona can ever accept
    if st.persona_price is None or conceded_since or (st.rapport > 0.6 and st.stalled_rounds >= 1):
        st.stalled_rounds = 0
        counter = _step_counter(st, persona, scenario)
        moved = st.persona_price is not None and counter > st.persona_price
        _record_persona_move(st, counter)
        return Move("concede" if moved else "counter",
                    "their price is well above yours: counter" + (", moving a little" if moved else ""), counter=counter)
    st.stalled_rounds += 1
    if st.stalled_rounds >= 4 and st.patience < 0.4:
        return Move("walk_away", "no movement for several rounds: end the talks politely", end="persona_walked")
    if st.stalled_rounds >= 3 and tr.hierarchy >= 0.5 and st.deferred_to_superior < 2:
        st.deferred_to_superior += 1
        return Move("defer", "no movement: you will have to report to your superior")
    if tr.directness >= 0.6:
        return Move("hold_firm" if st.stalled_rounds % 2 else "direct_refusal", "they did not move: neither do you",
                    counter=st.persona_price)
    return Move("indirect_refusal" if st.stalled_rounds % 2 else "hold_firm", "they did not move: refuse softly",
                counter=st.persona_price)


def _record_persona_move(st: NegotiationState, counter: float) -> None:
    if st.persona_price is not None and counter > st.persona_price:
        st.concessions.append(Concession(turn=st.turn, side="persona", issue="price", before=st.persona_price,
                                         after=counter, traded=False))
    if st.persona_first_price is None:
        st.persona_first_price = counter
    st.persona_price = counter
