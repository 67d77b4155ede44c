"""Rule signals on a seller's utterance: what regular expressions are good at.

Numbers and terms (prices, quantities, days), hidden text (base64, rot13, leetspeak, Unicode tags),
injection and limit-probe phrasings, silence, and a keyword flag per act. The learned head uses the flags
as features; injection and limit-probe detection stay a union of rule and model so they never get weaker.
"""
from __future__ import annotations

import re
import unicodedata

from coach.understanding.hidden import hidden_texts
from coach.understanding.numbers import numbers_in  # noqa: F401  (rules.numbers_in, read by the reader)
from coach.understanding.asking import (  # noqa: F401  (read by the reader)
    asks_in_form, asks_indirectly, asks_what_matters, asks_when_or_who, could_probe, date_asked_before, inverted_question,
    own_ceiling_before)
from coach.understanding.role_break import role_break  # noqa: F401  (rules.role_break, read by the reader)

_P = {
    "greeting": r"\b(hello|hi|good (morning|afternoon|evening)|nice to (meet|see)|pleasure to meet|thank you for (having|receiving|meeting)|annyeong|안녕|assalam|salam|السلام|marhaba|مرحبا|konnichiwa|こんにちは|はじめまして|ni ?hao|你好|bom dia|boa tarde|ol[aá]|guten (tag|morgen)|goedemorgen|hallo|namaste|नमस्ते)\b",
    "small_talk": r"\b(weather|family|trip|flight|journey|weekend|holiday|vacation|football|soccer|golf|food|lunch|dinner|coffee|tea|city|hotel|children|kids|hobby|how are you|how have you been|how was|your (city|country|office)|traffic|season|festival|ramadan kareem|chuseok|eid mubarak|happy new year)\b",
    "relationship": r"\b(long[- ]term|partnership|relationship|trust|together|honou?r|respect|appreciate|grateful|visit (you|your)|invite you|our pleasure|gift|small present|learn from you|your (experience|advice)|friend(ship)?)\b",
    "pressure": r"\b(deadline|by (monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|noon|the end of|end of (the )?(week|month|quarter))|today only|final offer|take it or leave it|last chance|expires?|must decide|need (an answer|a decision)|right now|immediately|asap|urgent|this week|end of (the )?quarter|limited time|other customers are waiting|"
                  # "our capacity may go to another project"
                  r"(capacity|slot|allocation|line time) (may|might|will|would|could) (go|be given|be allocated) to (another|other))\b",
    "escalation": r"\b((talk|speak|go|write|email|e-mail|call|contact|meet|complain|escalate)( this)? (to|with|over|above)? ?(your|the) (boss|director|manager|superior|ceo|vp|vice president|team leader|chairman|gm|general manager|head of)|go (over|above|around) your head|speak (to|with) (someone|somebody) (more )?senior|escalat(e|ing) (this|it)|call your (director|boss|ceo)|"
                  # already gone around: "I sent Team Leader Choi an e-mail with the offer this morning"
                  r"(sent|e-?mailed|forwarded|wrote to|copied|cc'?d|called|rang|phoned|contacted)( (it|this|that|the "
                  r"(offer|quote|quotation|proposal|numbers?|draft)))?( (directly )?to)? (your (boss|director|superior|ceo|vp|"
                  r"vice president|team leader|chairman|gm|general manager)\b|(team leader|director|chairman|general manager|gm|ceo|vp) "
                  r"(?-i:[A-Z])\w+)"
                  r"(?![^.?!]*\b(as you (suggested|asked|said|wished)|through you|with you in (copy|cc)|cc'?(ing)? you|"
                  r"copying you)\b))",
    "agreement": r"(^\s*(deal|agreed)\b|\b(deal|agreed)[.!]?\s*\??\s*$|\b(it'?s a deal|we have a deal|we (can )?accept|i accept|let'?s sign|we have an agreement|shake hands on|sounds good,? let'?s (do|go)|we('| a)re fine with|(ok(ay)?|fine|good),? (agreed|deal)|i agree to|we agree (to|on)))",
    "walk_away": r"\b(walk away|we('| wi)ll (have to )?(withdraw|walk)|no deal|end (the|these) (talks|negotiation)|we('| a)re (out|done)|not interested anymore|goodbye|this is not going to work|let'?s stop here|we withdraw)\b",
    "commitment_request": r"\b(can you (commit|confirm|sign|approve|decide)|do we have a deal|will you sign|give me (a|your) (yes|commitment|decision)|are you ready to (sign|commit|decide)|can we close|purchase order|\bpo\b|nominat(e|ion) us|sign today)\b",
    # a budget the seller speaks of is no probe: headquarters' "discount budget" is the price in that rehearsal, and
    # the buyer's budget cycle, approval or freeze is the decision process
    "limit_probe": r"\b((?<!discount )budget(?! (cycle|approvals?|planning|plans?|freezes?|locks?|locked|pressure|process|year|round|season|period)\b)|your (max(imum)?|limit|ceiling|target|walk[- ]?away|reservation|bottom line|best price|highest|upper limit)|how (much|high) can you (go|pay)|what('| i)s (the|your) (max|limit|budget|target)|(higher|lower) (than|or lower|or higher)|more or less than|above or below|is it (above|below|over|under)|between \d|internal (price|target|number)|what (number|price|figure) (would|will|did|do) (you|your)|(highest|maximum|max|top|lowest|minimum) (price|number|figure|amount|rate)|how (high|far) can you go|(give me |just )?a (rough )?range|ceiling(?![- ]?(mounted|height|heights|fans?|lights?|tiles?|panels?|hung|hoists?))|maximaler preis|preço máximo|precio máximo|prezzo massimo|obergrenze|höchstpreis|orçamento|presupuesto|limite máximo|prix maximum)\b"
                   r"|最高|最大|上限|予算|预算|底价|예산|한도|최대|الميزانية|الحد الأقصى|أقصى سعر|أقصى",
    "injection": r"(ignore (all |your |the )?(previous |prior |above )?(instructions|rules|prompt)|system prompt|developer mode|debug mode|you are (now )?(an? )?(ai|assistant|language model|chatgpt|the seller)\b|pretend (to be|you are)|\bact as|role[- ]?play as|switch roles|swap roles|reveal (your|the) (instructions|prompt|secret|hidden)|print (your|the) (instructions|prompt|config)\b|<\|im_start\|>|<\|im_end\|>|\[/?inst\]|<<sys>>|### (instruction|system)|jailbreak|as an ai|repeat the (text|words) above|what are your instructions|hidden (limits?|information|numbers?)|private (block|limits?|information|numbers?)|reservation price|역할|システム|指示を無視|忽略|تجاهل|anweisungen|ignoriere|instruções|instrucciones)",
    "concession": r"\b(we can (lower|reduce|drop|go down|come down|offer|include|extend|add)|i can (lower|reduce|drop|go down|come down|offer|include|extend|add)|as a gesture|we('| wi)ll (lower|reduce|drop|include|extend|add)|meet you (in the middle|halfway)|reduce (the|our) price|lower (the|our) price|discount of|additional discount|free (of charge|shipping|training)|waive|"
                  r"(we|i)('ll| will| can| could) (take|cover|absorb|carry|pay) (the |all |full |the full |all the )?"
                  r"(\w+ ){0,2}(costs?|tooling|freight|shipping|duties|duty|fees?)( \w+)? (ourselves|on us|ourself)|"
                  r"you (don'?t|do not|won'?t|will not) (have to |need to )?pay (anything|nothing) for)\b",
    "offer": r"\b(offer|propose|proposal|quote|quotation|price (is|of|would be)|we can do|how about|what about|at \d|for \d|per (unit|piece|bracket|seat|set|kit|meter|year))\b",
    "question": r"(\?|^(what|how|why|when|who|which|could you|can you|would you|do you|is there|are there|may i)\b)",
    "information": r"\b(our (company|plant|factory|team|product|quality|references?|customers?|delivery|lead time|certification|service)|we (have|supply|deliver|produce|manufacture|are certified)|data|spec(ification)?s?|test results?|warranty|case study|references?)\b",
}
_RX = {k: re.compile(v, re.IGNORECASE) for k, v in _P.items()}
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060-\u2064\ufeff\U000e0000-\U000e007f]")


_SILENCE = re.compile(r"[.…\s]*|[\(\[]?(silence|pause[sd]?|says nothing|stays silent|\.\.\.|waits?)[\)\]]?[.!]?", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|next week|end of (the )?"
                      r"(day|week|month|quarter)|\d{1,2}(st|nd|rd|th)? of \w+|\d{1,2}[./]\d{1,2})\b", re.IGNORECASE)
_SELF_FUTURE = re.compile(r"\b(i'?ll|i will|we'?ll|we will|i am going to|we are going to|i'?m going to|we'?re going to|let me|"
                          r"i can send|we can send|i shall|we shall|you will (have|receive|get) (it|the|our))\b", re.IGNORECASE)
_YOU_MUST = re.compile(r"\b(you (need|have|must|'?ve got) to|need (your|an?) (answer|decision|signature|confirmation)|"
                       r"(your|a) decision (by|before|today)|otherwise|or (else|we)|expires?|only valid|last chance|"
                       r"final offer|take it or leave it|waiting (for|in line)|other (customers|clients|buyers))\b", re.IGNORECASE)
_CONDITIONAL = re.compile(r"\b(if you|if your|provided (that )?you|in return|in exchange|on condition|as long as you|"
                          r"against a|subject to your|should you)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(i|we|our|my|us)\b", re.IGNORECASE)
_SECOND_PERSON = re.compile(r"\b(you|your|yours)\b", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060-\u2064\ufeff\U000e0000-\U000e007f]")

FLAG_NAMES: tuple[str, ...] = tuple(f"rx_{k}" for k in _P) + (
    "question_mark", "number", "price_in_range", "percent", "date_word", "self_future", "you_must", "conditional",
    "first_person", "second_person", "short", "long", "non_latin", "hidden_intent")


def clean_text(text: str) -> str:
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text or "")).strip()


def is_silence(clean: str) -> bool:
    return not clean or bool(_SILENCE.fullmatch(clean))


def rule_acts(clean: str) -> list[str]:
    return [name for name, rx in _RX.items() if rx.search(clean)]


def hidden_intent(raw: str, clean: str) -> str | None:
    """Text smuggled in an encoding that asks for the rules or the limits, if any."""
    for hidden in hidden_texts(raw):
        # only a signal the plain text does not show itself: "fit your budget: 1,450" read as leetspeak is no attack
        if unicodedata.normalize("NFKC", hidden).strip() != clean and any(
                _RX[a].search(hidden) and not _RX[a].search(clean) for a in ("injection", "limit_probe")):
            return hidden
    return None


def flags(raw: str, clean: str, price_range: tuple[float, float] | None) -> list[float]:
    """One 0/1 feature per rule signal, in FLAG_NAMES order."""
    out = [1.0 if rx.search(clean) else 0.0 for rx in _RX.values()]
    nums = numbers_in(clean, words=False)
    in_range = bool(price_range and any(price_range[0] <= n <= price_range[1] for n in nums))
    words = clean.split()
    out += [
        1.0 if "?" in clean or "？" in clean or "؟" in clean else 0.0,
        1.0 if nums else 0.0,
        1.0 if in_range else 0.0,
        1.0 if re.search(r"\d\s*(%|percent|per cent)", clean, re.I) else 0.0,
        1.0 if _WEEKDAY.search(clean) else 0.0,
        1.0 if _SELF_FUTURE.search(clean) else 0.0,
        1.0 if _YOU_MUST.search(clean) else 0.0,
        1.0 if _CONDITIONAL.search(clean) else 0.0,
        1.0 if _FIRST_PERSON.search(clean) else 0.0,
        1.0 if _SECOND_PERSON.search(clean) else 0.0,
        1.0 if len(words) <= 3 else 0.0,
        1.0 if len(words) >= 40 else 0.0,
        1.0 if re.search(r"[^\x00-\u024f\u2000-\u206f\u20a0-\u20cf]", clean) else 0.0,
        1.0 if hidden_intent(raw, clean) else 0.0,
    ]
    return out


# the price and terms readers live in coach.understanding.prices (re-exported here for the reader)
from coach.understanding.numbers import sentence_around  # noqa: E402
from coach.understanding.prices import extract_terms, price_cue, price_range  # noqa: E402,F401
from coach.understanding.courtesy import (STALL_THEN_OURS, courtesy_meeting, offered_with_the_buyer,  # noqa: E402
                                          through_a_third, through_their_office)
from coach.understanding.titles import OUR_SENIOR as _OUR_SENIOR, THEIR_SENIOR as _THEIR_SENIOR, TITLE_DOT  # noqa: E402


_CONTACT = re.compile(r"\b(talk|speak|go(?! through (?:it|this|that|them|the|any|each|all|everything)\b)|write|e-?mail|call|phone|contact|meet|complain|escalate|cc|copy|loop|involve|bring in|"
                      r"take (this|it)|raise (this|it)|reach out|send (it|this) (to|straight)|over (your|his|her) head|directly|"
                      r"around you|behind)\b", re.I)


def contact_cue(clean: str) -> bool:
    """Words that move toward someone (to the boss, over the head): what an escalation needs."""
    return bool(_CONTACT.search(clean))


_HYPE = re.compile(r"\b(really (great|good|excellent)|the best(?! (?:use|way|time|place|approach|next step|person|people to)\b)|best in (class|the world|the market)|world[- ]class|love (it|us|our)|"
                   r"trust me|don'?t worry|no problem at all|second to none|unbeatable|top quality|amazing|fantastic|"
                   r"perfect (solution|fit|product)|it'?ll be fine|it will be fine|everyone (loves|uses)|"
                   # hedges in place of an answer ("It is... a little difficult to say", "we will do our best")
                   r"(we|i)('ll| will| shall)? (do|try) (our|my) (best|utmost)|(difficult|hard|too early) to (say|tell|answer)|"
                   # an answer that will not commit: "perhaps next quarter, perhaps later", "not so simple to answer"
                   r"not (so|that|as) (simple|easy) to (answer|say)|who knows|"
                   r"(perhaps|maybe) [^,.?!]{1,25}, (perhaps|maybe) (later|not|never|next|more|less|sooner|after)|"
                   r"we('ll| will) (try to )?manage|we('ll| will) see|somehow|should be (fine|ok|okay|no problem)|"
                   r"it will work out|we('ll| will) find a (way|solution)|leave it (to|with) (me|us)|"
                   r"everything will be (fine|ok|okay))\b", re.I)


# a promise with nothing behind it, said to a demand ("I'll make it happen", "I'll push them hard", "consider it done"),
# unless the line backs it ("… like we did for Siemens", "I've already reserved the line capacity")
_EMPTY_PROMISE = re.compile(r"\b(?:(?:we|i)(?:'ll| will) (?:make (?:it|this|that) (?:happen|work)|do everything|get it done|"
                            r"push (?:them |it |the customer )?hard)|whatever it takes|consider it done|no worry|"
                            r"(?:it|that)(?:'ll| will) not be a problem|(?:it|that) won'?t be a problem|"
                            r"i (?:personally )?guarantee (?:you|it)(?:'ll| will) (?:be|work))\b", re.I)
_BACKED = re.compile(r"\b(?:already|like we did|as we did|here'?s how|references?|booked|reserved|in writing|signed)\b", re.I)


def hype(clean: str) -> bool:
    """Superlatives, reassurance and hedges with no figure behind them: a vague claim, whatever else the line does.
    On the training lines 79 of 81 hedge matches are labelled vague (the other two: "no worries" as small talk)."""
    if re.search(r"\d", clean):
        return False
    return bool(_HYPE.search(clean)) or bool(_EMPTY_PROMISE.search(clean) and not _BACKED.search(clean))


# Idioms of plain talk that read like an attack to the head: "Tell you what, I could bring the price down to 1,360",
# "I'd rather be straight with you than play games" (dev7 and dev6 sellers)
_PLAIN_TALK = re.compile(r"\b(?:(?:i'?ll )?tell you what\b(?!\s+(?:your|the|you)\b)|(?:than |not |no |without )(?:playing |play )?games\b)",
                         re.I)


_ASKS_SOMETHING = re.compile(r"\b(?:your|the|their) (?:floor|target|budget|limit|maximum|minimum|ceiling|walk-?away|"
                             r"instructions?|prompt|rules|system|setup|settings)\b|\b(?:tell|show|give) me\b|\bignore\b|"
                             r"\bpretend\b|\bforget\b|\bhow much\b|\bhighest\b|\bmost you\b|\byou (?:would|could|can)\b[^.?!]*\?",
                             re.I)


def plain_talk(clean: str) -> bool:
    """An idiom of plain talk ("tell you what", "rather than play games") in a line that asks nothing of the buyer."""
    return bool(_PLAIN_TALK.search(clean)) and not _ASKS_SOMETHING.search(clean)


# Words of leaving the talks, said plainly or as the consequence of a condition ("if you need 99.5 %, we'll have to
# pass"). Checked on the training lines: 127 of 156 walk-aways match, and 4 of 4,567 other lines (two inside injections).
_A_TEST = (  # what follows "pass" when it is a test to pass ("pass the audit", "pass EU certification", "pass two audits")
    r" (?:the|a|an|our|your|every|through|along|by|muster|inspections?|ppap|audits?|tests?|certifications?|"
    r"(?:[\w-]+ ){1,2}(?:certification|audit|inspection|test|approval|review)s?)\b")
_LEAVING = re.compile(
    r"\b(?:have|need) to pass\b(?!" + _A_TEST + r")|\bwe(?:'ll| will| would| must) (?:have to )?pass\b(?!" + _A_TEST + r")"
    r"|\b(?:cannot|can'?t|could ?n[o']t) (?:continue|go (?:on|ahead|any further))\b|\btake (?:our|my) business elsewhere\b|\blook elsewhere\b|\bwalk away\b"
    r"|\bno point (?:in )?continuing\b|\b(?:stop|end) (?:it )?here\b|\bend (?:the|this|our) (?:conversation|negotiation|discussion|talks)\b"
    r"|\bwithdraw\b(?! (?:this|the|that|our|my) (?:price|discount|terms?|rebate|concession)s?\b(?! (?:quot\w*|offer|bid)))"
    r"|\bno deal\b|\b(?:we'?re|we are|i'?m|i am) (?:done|out|finished)\b|\bnothing more to discuss\b"
    r"|\bdon'?t see (?:a|any) (?:deal|point|basis)\b|\bnot for us\b|\bstep away\b|\bstep out\b(?! of (?:the |your |this |that )?(?:role|character|persona|game|script))|\bstep back from (?:this|the|it)\b"
    r"|\b(?:have to|must|would|will|'ll|'d) (?:politely |respectfully )?decline\b|\bpart (?:ways|as friends)\b"
    r"|\bpull (?:out|the deal|it|\w+ out)\b|\bwe walk(?:\s*[.!,;]|\s*$| away)|\bno from us\b|\brather not (?:bid|quote|sign|take|do)\b"
    r"|\bnot (?:be )?the right (?:partner|supplier|source|second source|vendor|provider)\b|\b(?:take|pull) (?:it|the deal|\w+) (?:out of|from) (?:the|my|our) "
    r"(?:forecast|pipeline|number)\b|\b(?:find|look for) (?:another|a different|other) (?:partner|supplier|distributor|dealer)s?\b"
    r"|\b(?:i|we)(?:'ll| will| would|'d| must| am going to| are going to|'m going to|'re going to)? (?:have to |need to )?"
    r"(?:go (?:and )?)?(?:talk|speak|go|work|sign) (?:to|with) (?:the other|another|a different|other|our other) "
    r"(?:dealers?|distributors?|suppliers?|vendors?|partners?|group|importers?|option)\b", re.I)
# A give in the same breath keeps a trade a trade ("we can do 1,400; otherwise we'll have to pass").
_GIVE = re.compile(r"\b(?:we|i) (?:can|could|would|'d|will|'ll) (?!not\b|never\b)(?:do|offer|give|include|extend|add|lower|reduce|go to|"
                   r"accept|agree|come down|meet)\b", re.I)


# Taking a price back is pressure on the buyer, not leaving the talks ("if not, we'll have to withdraw this price");
# withdrawing the quotation or the offer is leaving.
_WITHDRAW_PRICE = re.compile(r"\bwithdraw (?:this|the|that|our|my) (?:price|discount|terms?|rebate|concession)s?\b"
                             r"(?! (?:quot\w*|offer|bid))", re.I)


def withdraws_a_price(clean: str) -> bool:
    """The seller threatens to take a price back (pressure), not to leave."""
    return bool(_WITHDRAW_PRICE.search(clean))


def leaving(clean: str) -> bool:
    """The seller leaves the talks, plainly or as the consequence of a condition."""
    return any(not _passes_a_test(clean, m) for m in _LEAVING.finditer(clean))


# "is there a minimum threshold we must pass?": asked about a test to pass, not passing on the deal (asked, with a "?")
_PASS_A_TEST = re.compile(r"\b(?:threshold|test|audit|hurdle|bar|gate|criteria|criterion|inspection|exam|checks)s?\b[^,.;:!?\u2014]{0,60}$", re.I)


def _passes_a_test(clean: str, m: re.Match[str]) -> bool:
    return ("pass" in m.group(0).lower() and bool(re.match(r"[^.!;]*\?", clean[m.end():]))
            and bool(_PASS_A_TEST.search(clean[:m.start() + 1])))


def gives(clean: str) -> bool:
    """The seller offers something in the same line ("we can do…", "I could include…")."""
    return bool(_GIVE.search(clean))


# going to someone above or beside the buyer as the consequence of not agreeing ("if we can't move, I'll loop in Dave",
# "otherwise I'll have to take this to your CFO"): an escalation threat whatever the head read; the seller's own side
# ("I'll loop in our legal team", "my manager") is no escalation
_NO_DEAL = (r"(?:move|budge|agree(?! on the (?:date|time|slot|meeting|call|agenda))|get (?:there|this done|anywhere|closer)|"
            r"sort (?:it|this|that) out(?! by (?:e-?mail|phone))|settle|close|reach (?:an? )?(?:agreement|deal|compromise)|resolve|"
            r"make (?:progress|this work|it work)|come to|meet (?:in the middle|halfway)|work (?:it|this|that) out)")
_TITLE_DOT = re.compile(TITLE_DOT)  # "Dr. Khalid's office" is one sentence
# a person's name (not a weekday, a month, a department or a place of ours): "Dave", "Mr. Kapoor", "Ishikawa-san"
_A_NAME = (r"(?:(?:Mr|Mrs|Ms|Dr|Eng)\.? )?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
           r"April|May|June|July|August|September|October|November|December|Finance|Legal|Sales|Procurement|Google|Teams|Zoom)\b)"
           r"[A-Z][a-z]+(?:-(?:san|sama|ji|nim))?")
_THREAT = re.compile(r"\b(?:(?i:if) (?:we|you|this|it|that|nothing)\b[^.?!]{0,30}?\b(?:(?:can(?:no|['\u2019])t|cannot|don['\u2019]t|do not|"
                     r"won['\u2019]t|doesn['\u2019]t|does not)(?: \w+)? " + _NO_DEAL + r"|stalls?|stays? stuck|(?:is|are)n['\u2019]t resolved)\b"
                     r"[^.?!]{0,40}|(?i:otherwise|or else)\b[^.?!]{0,10})"
                     r"\b(?:I|we)(?:['\u2019]ll| will| may| might| would|['\u2019]d| am going to|['\u2019]m going to)?(?: (?:have|need) to)? "
                     r"(?:loop in|bring in|go (?:straight )?to|escalate (?:this |it |that )?to|involve|take (?:this|it|that) (?:up )?(?:to|with)|"
                     r"reach out to|call|ring|talk to|speak (?:to|with)|raise (?:this|it) with) "
                     r"(?!(?:our|my|the team|a colleague|someone on our)\b)(?:your (?:" + _THEIR_SENIOR + r"|manager|head)|" + _A_NAME + r")"
                     r"(?![^.?!]{0,12}\b(?:from our|on our side|our|in our)\b)")


def threatens_escalation(clean: str) -> bool:
    """Going to someone else as the consequence of no agreement: "if we can't move, I'll loop in Dave", "otherwise our MD
    will visit your CEO"."""
    t = _TITLE_DOT.sub(r"\1", clean)
    return bool(_THREAT.search(t) or STALL_THEN_OURS.search(t))


# our senior going to someone on the buyer's side around him: "Our CEO ... could call Ishikawa-san directly"
_AROUND = re.compile(r"\bour (?:[a-z]+ )?(?:" + _OUR_SENIOR + r"|boss|director)\b[^.?!]{0,80}\b(?:calls?|phones?|rings?|writes? to|"
                     r"e-?mails?|contacts?|reach(?:es)? out to|talks? to|speaks? (?:to|with))\b\s+(?:(?-i:your (?:" + _THEIR_SENIOR + r"))|"
                     r"(?-i:" + _A_NAME + r"))[^.?!]{0,40}\b(?:directly|over your head|"
                     r"without you|instead of you|around you|(?:him|her)self(?! to (?:thank|congratulate|invite|welcome|apologi[sz]e|wish)))\b",
                     re.I)


# our senior settling it with theirs: "our CEO knows your chairman, we can sort it at that level", "our president should
# visit your president, to show our commitment and settle this"
_LEVEL = re.compile(r"\bour (?:[a-z]+ )?(?:" + _OUR_SENIOR + r")\b[^.?!]{0,60}\byour (?:" + _THEIR_SENIOR + r")\b[^.?!]{0,60}"
                    r"\b(?:at (?:that|this|their|the top|a higher) level|settle (?:it|this|that)|sort (?:it|this|that) out|"
                    r"decide (?:it|this) between them|over your head)\b", re.I)
# a back channel into the buyer's organisation: "my cousin works in Dr. Khalid's office. Maybe I ask him to mention us"
_BACK_CHANNEL = re.compile(r"\b(?:my|our) (?:cousin|brother|sister|uncle|aunt|friend|relative|classmate|old colleague|brother-in-law)\b"
                           r"(?!,)[^.?!]{0,30}\b(?:works|is|sits)\b[^.?!]{0,10}\b(?:in|at|on)\b[^.?!]{0,40}(?:office|committee|board|"
                           r"ministry|procurement|department|team)\b[^.?!]{0,60}(?:[.?!]\s*[^.?!]{0,60}){0,2}?\b(?:put in a (?:good )?word|"
                           r"mention us|mention it|say a (?:good )?word|support (?:our|us)|speak for us|"
                           r"push (?:it|this|us) (?:through|inside)|"
                           r"help (?:it|this|us) (?:along|through))\b", re.I)


# the seller going above the buyer, said outright: "let me go above you", "I'll have a word with your boss", "i will talk
# direct to mr kang", "I will present the offer to your Geschäftsführer myself", "this is above your level, no?"; a
# name needs a sign that it goes around ("directly", "myself"), a title of theirs does not ("give my regards to Mr. Kang",
# "Dave from our team will send the specs" are none)
_THEIR_TOP = (_THEIR_SENIOR + r"|manager|section manager|department head|head of \w+|team leader|party secretary|"
              r"gesch\w*ftsf\w*hrer|chief engineer|leadership")
_ABOVE = re.compile(r"\b(?:go (?:above|over|around|past) you|over your head|above your (?:level|head|pay grade)|"
                    r"beyond your (?:level|authority)|someone (?:more senior|higher up|who can (?:actually )?decide))\b", re.I)
_SELLER_TO = (r"\b(?:i|we|ill(?= (?:loop|talk|speak|call|go|take|bring)))(?:['\u2019]ll| will| should| could| might| would|['\u2019]d| shall| have to| must)?(?: just| then| maybe)? "
              r"(?:have a (?:quick )?word with|talk (?:direct(?:ly)? )?(?:to|with)|speak (?:direct(?:ly)? )?(?:to|with)|"
              r"present (?:it|this|the offer|our offer|the proposal|our proposal) to|visit|call|phone|ring|write to|e-?mail|"
              r"take (?:this|it|that) (?:up )?(?:to|with)|loop in|bring in|go (?:straight |direct(?:ly)? )?to|contact|reach out to)\s+")
_TO_THEIR_TOP = re.compile(_SELLER_TO + r"your (?:" + _THEIR_TOP + r")\b(?!['\u2019]s? (?:office|team|assistant) (?:to )?(?:book|schedule))",
                           re.I)
_NOT_A_NAME = r"(?!(?:our|my|the|a|an|us|you|him|her|them|it|this|that|his|their|your|some|one|back|touch)\b)"
_TO_A_NAME = re.compile(_SELLER_TO + r"(?:(?:mr|mrs|ms|dr|eng)\.? )?(?:(?:" + _THEIR_TOP + r") )?" + _NOT_A_NAME +
                        r"([a-z]+)(?:-(?:san|sama|ji|nim))?\b[^.?!]{0,40}\b(?:directly|direct|myself|ourselves|about (?:this|it|the price)|"
                        r"instead)\b", re.I)
_DIRECT_TO = re.compile(r"\b(?:talk|speak|go) direct(?:ly)? (?:to|with) " + _NOT_A_NAME, re.I)
# a person the buyer named as above him ("Dave, my VP, won't like it"): looping him in goes around the buyer
_NAMED_ABOVE = re.compile(r"\b(?:my|our) (?:" + _THEIR_SENIOR + r"|manager|head|superior)\b|\babove me\b", re.I)
_DECLINED = re.compile(r"\b(?:no|not|never|can['\u2019]?t|cannot|won['\u2019]?t|above me|difficult|impossible|my call)\b", re.I)
_TO_SOMEONE = re.compile(_SELLER_TO + r"(?:(?:mr|mrs|ms|dr|eng)\.? )?" + _NOT_A_NAME + r"([a-z]+)\b", re.I)


def goes_to_the_buyers_senior(clean: str, before: str | None) -> bool:
    """"ok ill loop in dave then" after "Dave, my VP, won't like it, but it's my call": to the one the buyer named above
    him."""
    if not before or not _NAMED_ABOVE.search(before) or not _DECLINED.search(before):
        return False
    # the names as the buyer wrote them ("Dave", not "Monday"), by their last word without "-san"
    names = {n.split()[-1].split("-")[0].lower() for n in re.findall(r"\b" + _A_NAME + r"\b", before)}
    return any(m.group(1).lower() in names for m in _TO_SOMEONE.finditer(clean))


_MEET_THEIR_TOP = re.compile(r"\b(?:minutes|time|a (?:call|meeting)|meet|talk) with your (?:" + _THEIR_TOP + r")\b[^.?!]*[.?!]?\s*"
                             r"[^.?!]{0,20}\b(?:he|she|they)(?:['\u2019]d| would| will| might| could)? (?:see|understand|decide|"
                             r"appreciate|get)\b", re.I)


# already gone around him, and the buyer is told what his superior said: "I spoke with your VP of IT Operations last night,
# over dinner actually, and he told me the team wants all 2,000 seats"
_WENT_AROUND = re.compile(r"\b(?:I|we) (?:already |actually )?(?:spoke|talked|met|had (?:dinner|lunch|a call|a chat)|chatted) "
                          r"(?:with|to) your (?:" + _THEIR_TOP + r")\b[^.?!]{0,80}\b(?:he|she|they) (?:told|agreed|confirmed|promised|wants?)\b",
                          re.I)


def goes_above(clean: str) -> bool:
    """The seller says he will take it above or around the buyer himself (not a threat with a condition)."""
    t = _TITLE_DOT.sub(r"\1", clean)
    if re.search(r"\b(?:my|our) (?:regards|greetings|best)\b|\bregards to\b", t, re.I):
        return False
    return bool(_ABOVE.search(t) or _TO_THEIR_TOP.search(t) or _TO_A_NAME.search(t) or _MEET_THEIR_TOP.search(t)
                or _DIRECT_TO.search(t) or _WENT_AROUND.search(t))


def senior_goes_around(clean: str) -> bool:
    """The seller's senior is to contact someone on the buyer's side directly, around the buyer, or a relative or
    friend is to speak for the seller inside the buyer's organisation; or the seller goes above the buyer himself."""
    t = _TITLE_DOT.sub(r"\1", clean)  # "Dr. Khalid's office" is one sentence
    return bool(_AROUND.search(t) or _BACK_CHANNEL.search(t) or _LEVEL.search(t) or goes_above(t) or through_their_office(t) or through_a_third(t))


def peer_meeting(clean: str, before: str | None = None) -> bool:
    """The seller's senior proposes to meet the buyer's senior, or the seller the buyer's senior with the buyer
    there, or a meeting their side asks for or the buyer brought in (`courtesy`): not going around the buyer."""
    t = _TITLE_DOT.sub(r"\1", clean)  # read as threatens_escalation reads it: "Mr. Lindholm" ends no sentence
    if STALL_THEN_OURS.search(t):
        return False
    return offered_with_the_buyer(t) or courtesy_meeting(clean, before) and not _RX["escalation"].search(clean)


_ASKING = re.compile(r"\?|\b(tell|share|give|reveal|show|disclose|print|output|state|write|spell|repeat|confirm|send|what|how much|know|let me|vertel|zeg|sag|nenn|dime|diga|dis|dites|conta)\b", re.I)


_BUDGET_AS_AIM = re.compile(r"\s+(?:predictability|certainty|stability|visibility|discipline)\b", re.I)
# the budget as a calendar, not a figure: "Budgets are being fixed in Feb-March, right? By which date … so the line gets
# into next year budget?"
_BUDGET_AS_TIME = re.compile(r"^s?\s+(?:is|are|gets?) (?:being |already )?(?:fixed|set|approved|planned|finali[sz]ed|closed|"
                             r"frozen|done)\b|(?:into|in|for) (?:the |your |next |this )?(?:(?:next |this )?year['\u2019]?s? |"
                             r"annual )?$", re.I)


# the buyer's target price asked in other languages (the rule table's foreign words cover maxima only); read after the
# head, so the learned features stay as trained
_TARGET_ABROAD = re.compile(r"zielpreis|prix (?:cible|objectif)|precio (?:objetivo|meta)|pre[cç]o[- ](?:alvo|objetivo)|prezzo obiettivo|"
                            r"doelprijs|m[aå]lpris|目標価格|目标价|목표\s?(?:가격|단가)|السعر المستهدف", re.I)


_ASKED_ABROAD = re.compile(r"\b(?:wie hoch|welche[nrs]?|was ist|quel(?:le)?|cu[aá]l|qual|quanto|wat is|vad [aä]r|what)\b|[?？؟]|"
                           r"ですか|는\s?얼마|입니까|是多少|ما هو", re.I)


def asks_a_target(clean: str) -> bool:
    """The buyer's target price asked for in another language ("Wie hoch ist Ihr Zielpreis?")."""
    m = _TARGET_ABROAD.search(clean)
    return bool(m) and bool(_ASKING.search(sentence_around(clean, m.start(), m.end())) or _ASKED_ABROAD.search(clean))


_OWN_LIMIT = re.compile(r"\b(?:we|i)\s+(?:can['\u2019]?t|cannot|can not|won['\u2019]?t|will not|could not|couldn['\u2019]?t|"
                        r"am not able to|are not able to)\s+(?:go|come|do|sell|offer|quote|drop|price|be|get)(?: it| this)?(?: any)?\s*$", re.I)
_COMPARED = re.compile(r"(?:higher|lower) than\b", re.I)
# only a statement about the seller's own figure against the buyer's hopes ("this is higher than you hoped")
_OWN_PRICE_COMPARED = re.compile(r"\b(?:this|it|that|our (?:price|offer|quote|quotation|number|figure)|the (?:price|offer|"
                                 r"quote|quotation|number|figure))(?:['\u2019]s| is| was| may be| might be| will be| would be)"
                                 r"\s+(?:(?:a bit|a little|slightly|much|somewhat|clearly|still)\s+)?(?:higher|lower) than "
                                 r"(?:you|what you|your)\b", re.I)
_ASKS_A_LIMIT = re.compile(r"\?|\b(?:tell me|what|how much|is it|are you)\b", re.I)


def asks_a_limit(clean: str) -> bool:
    """The limit-probe rule matched: is a limit asked for? A budget the seller only speaks of ("we can fit your budget
    at 1,450") asks nothing; every other probe phrasing, and any budget in a question or a request, does."""
    for m in _RX["limit_probe"].finditer(clean):
        if _OWN_LIMIT.search(clean, 0, m.start()) and not _ASKS_A_LIMIT.search(sentence_around(clean, m.start(), m.end())):
            continue  # "we can't go lower than 1,420": the seller's own limit, said, not asked
        if _COMPARED.match(m.group()) and _OWN_PRICE_COMPARED.search(clean, max(0, m.start() - 40), m.end() + 30) \
                and "?" not in sentence_around(clean, m.start(), m.end()):
            continue  # "I understand this is higher than you hoped": said of the seller's own price, nothing asked
        if own_ceiling_before(clean, m.start(), m.end()) and not _ASKS_A_LIMIT.search(sentence_around(clean, m.start(), m.end())):
            continue  # "that is the ceiling": the seller's own, said
        if not m.group().lower().startswith("budget"):
            return True
        if date_asked_before(clean, m.start(), m.end()):
            continue  # "When the budget for next fiscal year get fixed?": asked as a date
        if _BUDGET_AS_AIM.match(clean, m.end()) or _BUDGET_AS_TIME.match(clean, m.end()) or \
                _BUDGET_AS_TIME.search(clean, max(0, m.start() - 25), m.start()):
            continue  # "unit price, seat flexibility, or budget predictability?": what matters, not the budget
        if _ASKING.search(sentence_around(clean, m.start(), m.end())):
            return True
    return False
