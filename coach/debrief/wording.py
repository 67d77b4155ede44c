"""How a seller's sentence is worded, for the debrief: a flat no, a dated ask for the buyer's decision, a trade
marker, a price against a term, a promise with no date, room on price shown before anything is asked back.

Regular expressions over one turn's text (English); what the turn does comes from the understanding layer.
"""
from __future__ import annotations

import re

from coach.debrief.asked_back import asks_back
from coach.debrief.reshape import conditional_terms
from coach.understanding.concessions import TRADE_FORMS
from coach.understanding.sentences import split_sentences

_BLUNT = re.compile(r"(^\s*no\b(?![^.?!]{0,40},\s*(?:agreed|understood|of course)\b)|\bno, (no|that|this|we|it)\b|\byou('re| are) wrong|that'?s (not true|wrong|nonsense|ridiculous)|unacceptable|ridiculous|"
                    r"nonsense|you must|you have to|frankly your|that makes no sense|i don'?t think (that'?s|this is|that is) "
                    r"(correct|right|true)|that'?s (not correct|incorrect))", re.I)
# a flat no to what the buyer asked ("…is not possible for us", "Eight weeks is not necessary"), said as a statement
_FLAT_NO = re.compile(r"\b(?:(?:is|are|'s|'re) (?:simply |just )?not|isn'?t|aren'?t) (?:possible|necessary|needed|realistic)\b|"
                      r"\bthe logic is simple\b", re.I)
_HEARD = re.compile(r"\bi (?:hear|understand|see|know) (?:that|why|how|you)\b|\bfor you\b", re.I)
# asking for the buyer's answer by a date is pushing, however politely it is put ("Can I expect your answer by Friday?")
_ANSWER_BY = re.compile(r"\b(your|an?|the) (clear |final |firm |definite |quick )?(answer|decision|reply|confirmation|signature|go-ahead|approval)\b[^.?!]{0,30}?"
                        r"\b(by|before|until|today|tomorrow|this (week|month))\b", re.I)
_DATED = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|today|this (afternoon|evening)|"
                    r"next week|by (noon|the \d|(the )?end of)|end of (the )?(day|week|month)|eod|cob|before the weekend|"
                    r"(calendar )?week \d{1,2}|(before|after|by) (christmas|the holidays|golden week|chuseok|eid|ramadan|diwali|"
                    r"carnival|new year)|within (\d+|one|two|three|a) (hours?|days?|weeks?)|(the |on )\d{1,2}(st|nd|rd|th)(?! (draft|version|edition|round|revision|batch|quarter|time))|"
                    r"\d{1,2}(st|nd|rd|th) (of )?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d{1,2}[./]\d{1,2}(?![\d%])|"
                    r"january|february|march|april|may(?= \d)|\d{1,2} may|june|july|august|september|october|november|december)\b",
                    re.I)
# a next step the seller promises with no date: "I'll send everything soon", "…in due course", "As soon as possible."
_VAGUE_TIME = (r"(?:(?<!as )(?:very )?soon(?! as| after)|shortly(?! after)|in due course|as soon as (?:possible|we can|i can)|"
               r"asap|at the earliest|(?:at the )?soonest|in the (?:coming|next|following) (?:few )?(?:days|weeks)|"
               r"in the near future|at some point|when(?:ever)? (?:we|i) can)")
_PROMISE_VERB = (r"(?:send(?:ing)?|get back|come back|revert|follow up|contact|call you|ring|e-?mail|forward|prepare|share|provide|"
                 r"deliver|pull|let you know|confirm|update you|be in touch|answer|reply|write|give you|get you|"
                 r"get (?:it|them|this|that|the (?:[\w-]+ ){1,2}?)(?:over|to you)|have (?:it|them|the [\w-]+) (?:ready|to you|over))")
_GAP = r"(?:[^.?!]|\.(?=\d)){0,50}?"  # up to the vague time, across "2.5%"
_UNDATED = re.compile(
    r"(?:\b(?:i|we|our team|my (?:colleague|team|office)|our (?:office|engineers?|colleagues?))"
    r"(?:'ll| will| shall|(?: am|'m| are|'re) going to| promise to)(?! not\b)(?:(?: (?!you\b|not\b)[\w-]+){0,4}?) "
    + _PROMISE_VERB + r"\b" + _GAP + r"|^\W*(?:noted,? )?will " + _PROMISE_VERB + r"\b" + _GAP + r"|"
    r"\byou(?:'ll| will) (?:hear from (?:us|me)|receive|get|have)\b" + _GAP + r"|\bexpect (?:our|my|the) \w+ |"
    r"^\W*(?=as soon as possible|asap|in due course))\b" + _VAGUE_TIME + r"(?!\w)", re.I)
_ASKS_BUYER = re.compile(r"\bplease\b|\byou (?:to|must|should)\b", re.I)


# the seller shows there is more room on price before anything is asked back: "we are very flexible", "tell me the
# price you need and we will make an effort", "maybe a little more on the price, just tell me"
_PRICE_WORD = r"(?:price|prices|pricing|discount|rates?|fees?|costs?|quote|commercial)"
_ROOM = re.compile(
    r"\b(?:we are|we're|i am|i'm|we can be|i can be)(?: \w+ly| very| quite| super| so| really)* flexible\b(?P<on>\s+(?:on|about|with|"
    r"regarding|in|for)\b(?=(?:(?!\bbut\b|\bnot\b)[^.?!,]){0,20}\b" + _PRICE_WORD + r"\b))?|"
    r"\b(?:some|a little|a bit of|any|much) (?:flexibility|room)(?: to move)? (?:on|in|with) (?:the |our )?(?:price|pricing)\b|"
    r"\broom to move on (?:the )?price\b|\b(?:price|pricing) is (?:negotiable|flexible|not fixed|not a problem)\b(?!:)|"
    r"\b(?:flexibility|room|margin) (?:in|on) (?:the |our )?(?:price|pricing)\b|\bdon'?t worry about (?:the )?price\b|"
    r"\bprice is too high,? just (?:tell|ask|let me know)\b|"
    r"\bwe can (?:certainly |always |surely )?(?:do|go) (?:a bit |a little |something )?(?:better|lower) on (?:the )?price\b|"
    r"\b(?:(?:tell|give|show) me|let me know) (?:(?:the|your) (?:price|number|target)(?! date| go-live| of| range)|"
    r"what you (?:want|can afford|need) to pay|the number you need)\b[^.?!]{0,40}?\b(?:we|i)(?:'ll| will| can)\b[^.?!]{0,20}?"
    r"\b(?:effort|see what|do (?:my|our) best|make it work|get there|adjust|lower|match it|meet it|reach it)|"
    r"\bwhatever (?:price|number|target) you (?:need|want|have in mind)\b|\bname your price\b(?! range)|"
    r"\b(?:more|lower|better|too high)\b[^.?!]{0,25}?\b(?:price|discount)\b[^.?!]{0,25}?\bjust (?:tell|ask|let me know)\b|"
    r"\b(?:a little|a bit) more (?:discount|off) is possible\b|"
    # "there's a little more flexibility if you need it" (in a turn about price)
    r"\b(?:there'?s|there is|we have|we've got|i have|(?:we|i) can (?:give|offer|find)) (?:still )?(?:a little|a bit|some|even) "
    r"more (?P<more>flexibility|room)\b(?![^.]*\?)", re.I)
_PRICE_NEAR = re.compile(r"\b" + _PRICE_WORD + r"\b", re.I)
_NOT_A_TRADE = re.compile(r"\bif (?:you (?:need|tell|want|would like|like|have any|wish|think)|the price|it helps|needed)\b|"
                          r"\bas long as you(?:'re| are) happy\b", re.I)
_ROOM_TRADE = re.compile(r"\bif\b|\bprovided\b|\bbut (?:we|i) (?:need|want|would need|require|ask)\b", re.I)


def shows_room(text: str, priced: bool = False) -> bool:
    """The seller offers more room on price in general, without a trade ("we are very flexible", "tell me your number");
    a bare "we are flexible" counts only in a turn about price (a price word, or `priced`: a price was read in it)."""
    m = _ROOM.search(text)
    if m is None:
        return False
    if m.group(0).lower().rstrip().endswith("flexible") and not m.group("on") and not (priced or _PRICE_NEAR.search(text)):
        return False
    if m.group("more") and not (priced or _PRICE_NEAR.search(text) or re.search(r"\blist\b", text)):
        return False  # "more flexibility" counts in a turn about the price (a figure, the list)
    if re.match(r"(?:we|i)\b", m.group(0), re.I) and not m.group("on") \
            and re.search(r"flexible\s+(?:on|about|with|regarding|in|for)\b", text[m.start():m.end() + 12], re.I):
        return False  # flexible on something other than price
    rest = _NOT_A_TRADE.sub("", text)
    return not _ROOM_TRADE.search(rest) and not trade_in_words(rest)


# a date said with a hedge: "Probably early next week, if that's all right", "maybe by Friday"
_HEDGE = re.compile(r"\b(?:probably|maybe|perhaps|hopefully|possibly|ideally)\b,?(?:[^.?!,;]{0,20}?)$", re.I)


def _hedged(sentence: str) -> bool:
    m = _DATED.search(sentence)
    return bool(m and _HEDGE.search(sentence[max(0, m.start() - 30):m.start()]))


def hedged_date(text: str, said: list[str] | None = None) -> bool:
    """The seller promises something back and names its date only with a hedge ("I'll pull something together.
    Probably early next week"), nowhere firmly ("We will send the offer by Thursday. Perhaps we talk on Friday").
    `said`: the text's sentences, when the caller has split it already."""
    said = split_sentences(text) if said is None else said
    firm = any(_PROMISES.search(s) and _DATED.search(s) and not _hedged(s) for s in said)
    own = any(_hedged(s) and (_PROMISES.search(s) or (i > 0 and _PROMISES.search(said[i - 1]) and not _DATED.search(said[i - 1])))
              for i, s in enumerate(said))
    return own and not firm


def undated_promise(text: str) -> bool:
    """A sentence that promises something back with a vague time and names no date or weekday (or names one only with
    a hedge: "I'll pull something together. Probably early next week, if that's all right")."""
    said = split_sentences(text)
    return any(_UNDATED.search(s) and not _DATED.search(s) and not (_ASKS_BUYER.search(s) and not re.search(r"\b(?:i|we)\b", s, re.I))
               for s in said) or hedged_date(text, said)


# a promise of something back, whatever its time
_PROMISES = re.compile(r"\b(?:i|we)(?:'ll| will| shall|(?: am|'m| are|'re) going to)(?! not\b)(?: [\w-]+){0,4}? "
                       + _PROMISE_VERB + r"\b", re.I)


TRADE = re.compile(r"\b(if you(?! (need|like|want|wish|prefer|would like) (it|anything|more|help|any)\b| have any (questions|concerns)\b"
                   r"|(?:'d| would)? (?:prefer|rather)\b)|"  # "we can drop it if you prefer fixed prices": the buyer's taste
                   r"provided (that )?you|in return|in exchange|on condition|as long as you)\b"
                   r"|\bif\b[^.?!]{0,40}\b(pay|pays|commit|commits|sign|signs|confirm|confirms|order|orders|take|takes|"
                   r"agree|agrees|accept|accepts|give|gives|share|shares|extend|extends|cover|covers)\b"
                   r"|\bat ([\d,.]+k?|\d{1,3}( \d{3})+|([a-z]+[- ])?[a-z]+ (thousand|hundred)|\d+ (thousand|hundred)) (units|seats|kits|pieces|users|licen[cs]es|tons?|tonnes?)\b|\bwith ([\d,.]+k?|\d{1,3}( \d{3})+|([a-z]+[- ])?[a-z]+ (thousand|hundred)|\d+ (thousand|hundred)) (units|seats|kits|pieces|users|licen[cs]es|tons?|tonnes?)( (committed|guaranteed|confirmed|firm|a year|per year))?[\s,;:\u2014\u2013-]{1,4}(i|we|then|\d|one|two|three|four|five|six|seven|eight|nine|ten|a hundred)\b|\band you (place|commit|sign|order|"
                   r"confirm|book|guarantee|pay (\d|the (rest|balance|tooling)|upfront|in advance)|give us|take (all|at least))\b"  # "102, and you place the order by January"
                   r"|\bif we\b[^.?!]{0,60}\btogether\b|\b(tied|linked) to (a|an|the|your|that)\b"
                   r"|(?<!not )\bonly (against|in return for|in exchange for)\b"
                   r"|\b(two|three|2|3) options\b(?=.{0,200}(\b\w+-year\b|\b(year|term) (commitment|contract|deal)\b|"
                   r"\bcommit\w*|\b(one|two|three|five|\d)[- ]years? (term|at)\b|\b\w+-year term\b))"
                   r"|\bagainst an? ([\w-]+ ){0,2}(contract|framework|term|commitment|order of)\b"
                   # part of it held back against a condition: "the remaining forty released only if purchasing puts the
                   # quote on the table", "I release the last 60 only after the review"
                   r"|\b(releas(e|es|ed|ing)|unlock(s|ed)?)\b[^.?!\d]{0,20}?\b(\d[\d,.]*k?|the (last|remaining|rest)\b[^.?!]{0,15})"
                   r"[^.?!]{0,20}?\bonly (if|when|once|after)\b"
                   r"|\b(of (that|it)|the (rest|remainder)) (released|paid|unlocked) only (if|when|once|after)\b"
                   # "For 500 seats on three years I can go to 88,000", "if the hours saved go into a case study, 84,000"
                   r"|" + TRADE_FORMS +
                   r"|(?<!even )\b(if|when|once) (?!(that|it|this) (helps|works|would help|is helpful)|you (need|like|prefer|wish|"
                   r"want|allow|look|compare)|i\b|i'm\b|we are honest|necessary|needed|possible|the price is)"
                   r"(?=[^.?!,]{0,80}\b(you|your|pilot|order|volume|contract|team|together|case study|reference)\b)"
                   r"[^.?!,]{3,80}(?<!\d),\s*(then )?\d", re.I)
# "162, for a term commitment", "162 for a three year term": a price against a commitment (not "thanks for…")
_FOR_A_TERM = re.compile(r"\bfor (?:a|an|the) (?:[\w-]+ ){0,2}(?:term|commitment|contract)\b", re.I)
_NOT_AN_ASK = re.compile(r"\b(?:thank\w*|known|grateful|appreciate\w*)\b[^.;!?]*$", re.I)
# a condition that is only a deadline ("2,100 if we sign this month") buys speed, not value: an exploding offer
DEADLINE_ONLY = re.compile(r"\bif (you|we|he|they|the committee|your (?:committee|board|management|team)) (can |could )?(get (it|this|that|the (deal|contract|order)) )?(sign|confirm|order|close|decide|agree|"
                           r"commit)\w*\b[^.?!,;\d]{0,12}?\b(today|now|by then|"
                           r"tonight|soon|quickly|fast|right away|asap|(by|before) the \d{1,2}(st|nd|rd|th)|"
                           r"this (week|month|quarter|year)|by (monday|tuesday|wednesday|thursday|friday|the end)|before (the )?end|"
                           r"before (golden week|chuseok|ramadan|eid|christmas|new year|the new year|spring festival|"
                           r"chinese new year|diwali|carnival|the holidays?)|"
                           r"end of (the )?(week|month|quarter|year)|before (that|then|our quarter|the quarter|quarter[- ]end|"
                           r"we close))\b"
                           # "a special quarter-end price", "valid only until Friday", "if the PO is in by the 30th"
                           r"|\b(special )?(quarter|month|year)[- ]end (special|price|pricing|discount|deal|offer)\b"
                           r"|\b(valid|good|available|on the table|(?<!question )(?<!point )(?<!issue )(?<!topic )open)( only)? (until|till|through|to) (the end of (the )?"
                           r"(week|month|quarter|year)|(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight)|"
                           r"the \d{1,2}(st|nd|rd|th)?|our quarter[- ]end|quarter[- ]end|month[- ]end)\b"
                           r"|\bif (the|your) (po|order|purchase order|contract|signature|signed contract) (is |comes |lands |arrives )?"
                           r"(in |signed |placed |here )?(by|before) (the \d{1,2}(st|nd|rd|th)?|the end of (the )?(week|month|quarter)|"
                           r"(monday|tuesday|wednesday|thursday|friday)|our quarter[- ]end|quarter[- ]end|month[- ]end)\b"
                           r"|\b(offer|price|it) (expires|lapses|ends)\b[^.?!,;]{0,25}|\b(q[1-4]|end-of-(quarter|month|year)|ramadan|"
                           r"year[- ]end|fiscal year[- ]end) (special|price|pricing|offer)\b|\bvalid (only )?for (one|two|three|\d) weeks?\b"
                           r"|\bif (you|we) (can )?(sign|confirm|order)\w* (by|before) (the \d{1,2}(st|nd|rd|th)?|\d{1,2} [a-z]+|"
                           r"(ramadan|eid|chuseok|golden week|christmas|diwali|carnival))\b", re.I)
# what a deadline's condition may still ask beside it: "if your order is in by Friday and covers 50,000 units"
_ASKS_TOO = re.compile(r"\b(and|plus)\s+(you\s+)?(covers?|commit\w*|take|takes|order|orders|include|includes|give|"
                       r"need|i need|sign for|for (one|two|three|four|five|\d) years?)\b", re.I)


def trade_in_words(text: str, proposal: bool = False) -> bool:
    """Does the turn ask something back for what it gives (`proposal`: the understanding layer read a trade)?"""
    rest = DEADLINE_ONLY.sub(" ", text)
    if rest != text:  # a deadline is the condition: a trade only if something else is asked too
        return (bool(TRADE.search(rest)) or _for_a_term(rest) or bool(_ASKS_TOO.search(rest)) or conditional_terms(rest)
                or asks_back(rest))
    return proposal or bool(TRADE.search(text)) or _for_a_term(text) or conditional_terms(text) or asks_back(text)


def _for_a_term(text: str) -> bool:
    m = _FOR_A_TERM.search(text)
    return m is not None and not _NOT_AN_ASK.search(text[:m.start()])


# friendly forms of the same words: "you must be Felipe", "you have to try the pão de queijo"
_FRIENDLY_MUST = re.compile(r"\b[Yy]ou must be (?=[A-Z][a-z])|\b[Yy]ou have to (?:try|taste) (?:the|our|this|some)\b")


def blunt(text: str) -> bool:
    """Blunt disagreement, or a flat no stated as such (not asked, not said while acknowledging the buyer's view)."""
    if _BLUNT.search(_FRIENDLY_MUST.sub(" ", text)):
        return True
    return any(_FLAT_NO.search(s) and "?" not in s and not _HEARD.search(s) for s in split_sentences(text))


# "no need for a final decision before…", "I'll get you a firm answer by Monday", "I do not expect an answer today": no
# push on the buyer
_NO_PUSH = re.compile(r"\b(?:no need|don'?t need|do not need|no rush|take your time|i'?ll get you|i will get you|"
                      r"(?:do not|don'?t|not) expect (?:an? |your |the |any )?(?:answer|decision|reply|confirmation)|"
                      r"i'?ll give you|you'?ll have|you will have)\b", re.I)


# "So when can we expect the nomination? Before Golden Week would be ideal": the question, then the date wished for
_WHEN_EXPECT = re.compile(r"\bwhen (?:can|could|will|may|might|should|do) (?:we|i) (?:expect|get|have|hear|receive|see)\b"
                          r"[^.?!]{0,40}\b(?:answer|decision|nomination|award|order|po|approval|go-ahead|green light|"
                          r"signature|contract|yes)\b[^.!]{0,4}[?.]\s*(?![^.?!]{0,60}\b(?:i|we)(?:'ll| will| shall)\b)"
                          r"[^.?!]{0,40}?\b(?:by|before|until|ideally|latest)\b", re.I)


def asks_for_an_answer_by(text: str) -> bool:
    """The seller asks for the buyer's answer or decision by a date."""
    if _WHEN_EXPECT.search(text):
        return True
    m = _ANSWER_BY.search(text)
    window = re.split(r"[.!?]\s", text[max(0, m.start() - 40):m.start()]) if m is not None else [""]
    return m is not None and not _NO_PUSH.search(window[-1] + m.group(0))


# the buyer invites: a meal, coffee, a visit ("You stay for lunch?", "Let's go to lunch", "Please join us tonight")
_HOSTED = re.compile(r"\b(?:lunch|dinner|churrasco|picanha|iftar|karaoke|golf|restaurant|majlis|meal|eat|the farm|our home|"
                     r"my home|coffee|gahwa|qahwa|tea|chai|cafezinho)\b", re.I)
_ASKED_ALONG = re.compile(r"\?|\blet'?s\b|\byou (?:stay|come|join|must|will)\b|\bjoin us\b|\bplease come\b|\bshall we\b|"
                          r"\bplease,? (?:the|have|take|some|try)\b", re.I)
# the seller declines it: "I'd love to, but I've got a two o'clock meeting", "I'll skip lunch", "No, thank you. I have a train"
# ("I'm afraid I'm a Stoke City man" declines nothing; "Yes please to the coffee" accepts)
_DECLINES = re.compile(r"\b(?:unfortunately|i(?:'d| would) love to,? but|i(?:'m| am) afraid (?:i|we) (?:can(?:'t|not)|could(?:n't| not)|won(?:'t)|(?:'ll |will )?have to|must|need to|don(?:'t))|i can(?:'t|not) (?:stay|make it|join|come)|"
                       r"(?:skip|pass on|miss) (?:the )?(?:lunch|dinner|meal|coffee)|no,? thank you|not this time|rain check|"
                       r"(?:have|got|catch|take) (?:a|an|another|the|my) (?:[\w'-]+ ){0,3}(?:meeting|flight|train|plane|appointment|ktx)|"
                       r"have to (?:leave|fly|go|run|rush|get back)|just (?:a )?(?:glass of )?water|no (?:coffee|tea) for me|"
                       r"cut(?:ting)? down on (?:coffee|tea|caffeine|sugar))\b", re.I)
_ACCEPTS_INVITE = re.compile(r"\b(?:with pleasure|i(?:'d| would) (?:love|like) (?:to|that)(?!,? but)|delighted|gladly|sounds (?:wonderful|great|good)|"
                      r"my pleasure|i would not miss|of course|happy to|yes,? please)\b", re.I)


def invites(text: str) -> bool:
    """The buyer's line invites the seller to a meal, coffee or a visit."""
    return bool(_HOSTED.search(text) and _ASKED_ALONG.search(text))


def declines(text: str) -> bool:
    """The seller's reply turns the invitation down (and does not accept it in the same breath)."""
    return bool(_DECLINES.search(text)) and not _ACCEPTS_INVITE.search(re.sub(r"\bnext time\b[^.?!]*", "", text, flags=re.I))


# the seller makes light of the superior's part: "your father's approval is a formality", "no need to involve your boss"
_BELITTLES = re.compile(r"\b(?:approval|sign-?off|signature|blessing|ok|okay|agreement|review)\b[^.?!]{0,25}?\b(?:is|'s|will be) "
                        r"(?:just |only |really |simply |basically )*(?:a |an )?(?:formality|rubber[- ]stamp|technicality|box[- ]ticking)\b|"
                        r"\bno need to (?:involve|wait for|ask|bother|include|trouble)\b|\b(?:understand|understood|i see|sure|of course|ok(?:ay)?)\W{1,4}(?:just |only )?the (?:formalities|paperwork|bureaucracy)(?=\s*[.!;,]|\s*$)(?![^?]*\?)(?!.*\b(?:prepare|help|documents?|need from us|support)\b)|"
                        r"\b(?:you(?:'re| are) the (?:one who|real|actual) (?:decides|decision[- ]maker|boss))\b|"
                        r"\b(?:doesn'?t|does not|don'?t|do not) (?:really )?need to (?:be involved|approve|sign|see it|know)\b", re.I)


def belittles_superior(text: str) -> bool:
    """The seller treats the superior's or committee's say as a formality."""
    return bool(_BELITTLES.search(text))


# an imported buyer line that accepts, or leaves: the words must say so ("Okay. I will report." shares words with the
# bank's acceptance lines and accepts nothing; "this is important for Team Leader Choi" leaves nothing)
_ACCEPTS = re.compile(r"\b(?:agreed|(?:it'?s|we have|you have|then we have) a deal|deal\b(?!\w)|we (?:can )?accept|i (?:can )?accept|"
                      r"accepted|let'?s (?:do it|sign|go with|shake)|that works(?: for (?:us|me))?|we can (?:live with|sign|do) "
                      r"(?:that|this|it)|(?:fine|okay|ok|good|yes),? (?:then,? )?(?:we|i) (?:agree|accept|take it|sign)|"
                      r"we (?:will|'ll) (?:sign|take it|go with (?:you|your))|you(?: will|'ll)? have (?:the|our|a) (?:order|po|"
                      r"purchase order|nomination|contract|signature)|send (?:me |us )?(?:an|the) (?:order form|contract|"
                      r"agreement|purchase order) (?:and|for)|\d[\d.,]* and I (?:take|bring) it to)\b",
                      re.I)
_LEAVES = re.compile(r"\b(?:(?:we|i) (?:will|'ll|must|have to) (?:end|stop|close) (?:here|this|the (?:talks?|meeting|discussion))|"
                     r"(?:go|work|continue|stay) with (?:another|the other|our (?:current|existing|domestic)) (?:supplier|vendor|partner)|"
                     r"no (?:deal|agreement) (?:today|then|is possible)|this (?:meeting|discussion) is over|good ?bye|"
                     r"we (?:cannot|can'?t|will not|won'?t) (?:continue|work with you|do business))\b", re.I)


def says_it(move: str, text: str) -> bool:
    """A buyer line read as accepting or leaving must say so in words; other moves need no such words."""
    if move == "accept":
        return bool(_ACCEPTS.search(text))
    if move == "walk_away":
        return bool(_LEAVES.search(text))
    return True


# the seller names their own floor ("our floor is 372", "that's the floor from head office", "That is really our
# bottom", "seventy-five is genuinely our floor", "that's as low as we go"): every later offer is then judged against it
# (not "your floor", not "our minimum order quantity")
_OWN_FLOOR = re.compile(r"\b(?:our|my) (?:absolute |real |final |very )?(?:floor|bottom(?: line| price)?|walk[- ]?away(?: price)?|"
                        r"lowest (?:possible )?(?:price|number|figure)|minimum (?:price|margin))(?: price)? (?:is|would be|was)\s*"
                        r"(?:[$\u20ac\u00a3]|usd |eur |sar |inr )?\d|"
                        r"\b(?:that(?:'s| is)|this is|it(?:'s| is)|(?:the )?price is|\d[\d,.]*k? is|(?:[a-z]+-)?(?:one|two|three|"
                        r"four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|"
                        r"eighty|ninety|hundred|thousand) is) (?:really |simply |honestly |truly |genuinely |absolutely )?(?:our|my) "
                        r"(?:floor|bottom|bottom line|absolute minimum)(?! (?:space|manager|plan|tiles?)\b)|"
                        r"\bthe floor (?:from|set by) (?:head office|hq|headquarters)\b|"
                        # "That's as low as we go, honestly"
                        r"\b(?:that(?:'s| is)|this is|it(?:'s| is)) (?:really |simply |honestly |truly )?as low as (?:we|i) "
                        r"(?:can |could |will |'ll )?(?:ever )?go\b(?! on (?:the )?(?!price)\w)", re.I)


def tells_own_floor(text: str) -> bool:
    """The seller tells the buyer their own floor or bottom line."""
    return bool(_OWN_FLOOR.search(text))


# the first price called final ("I'll give you our best and final straight away", "take it or leave it"): nothing is
# left for the buyer to win, however low it is; not asked of the buyer ("is that your best and final?")
_FINAL_OFFER = re.compile(r"\b(?:(?:our|my) (?:best and final|final offer|last offer|final price)|best and final (?:is|price|offer)|"
                          r"take it or leave it|(?:this|that|it) is (?:our|my|the) final (?:offer|price|number)|"
                          r"[\d,.]+ is final)\b", re.I)


_NOT_BEFORE = re.compile(r"(?:\bnot|\bnever|n't)\b[^.?!,;:]{0,15}$|\bnot (?:a|an) $", re.I)
_LATER = re.compile(r"^[^.?!]{0,20}\b(?:will|depends?|after|once|next week|later|situation)\b", re.I)


def calls_it_final(text: str) -> bool:
    """The seller calls a price final in a statement ("not our final offer", "our final price will depend on volume"
    and "it's not a take it or leave it situation" call nothing final)."""
    for s in split_sentences(text.replace("\u2019", "'")):
        m = _FINAL_OFFER.search(s)
        if m and not s.rstrip().endswith("?") and not _NOT_BEFORE.search(s[:m.start()]) and not _LATER.search(s[m.end():]):
            return True
    return False


# the seller catches himself going to business and puts it off in the same turn ("I've got the trial results — actually,
# sorry, I'm getting ahead of myself. Let's do that properly first."); no figure follows the step back
_STEP_BACK = re.compile(r"\b(?:(?:i'?m|i am) getting ahead of myself|(?:business|the numbers|the figures|that|it|the rest|"
                        r"the slides|the deck) can wait|let'?s (?:do|have|start with|enjoy) (?:that|this|(?:the |a )?(?:coffee|tea|"
                        r"chai|lunch))(?: properly)? first)\b", re.I)


def steps_back(text: str) -> bool:
    """The seller puts business off in favour of the buyer's pace within the turn, and names no figure after it."""
    m = _STEP_BACK.search(text.replace("\u2019", "'"))
    return bool(m) and not text[m.end():m.end() + 1] == "?" and not re.search(
        r"\d|\b(?:price|offer|decision|order|sign|percent|hundred|thousand|fifty|sixty|seventy|eighty|ninety)\b",
        text[m.end():], re.I)


# going over the buyer's head is toward someone: a rank ("the EVP", "your Buchō", "Kapoor sir"), a title and name ("Mr.
# Ishikawa"), a person named after a move toward them ("loop in Dave"); "I asked my contact directly" goes over nobody
_ABOVE = re.compile(r"\b(?:(?:boss|director|manager|superior|ceo|cfo|coo|cto|cio|vp|evp|svp|vice[- ]president|chairman|"
                    r"chairwoman|chair|gm|general manager|head|president|founder|owner|md|managing director|father|uncle|"
                    r"team leader|section manager|department head|bujang|sangmu|kach[oō]|buch[oō])(?:e?s)?|board|"
                    r"leadership|management|dad|sir|sheikh|escalat\w*|over (?:your|his|her) head|around you|"
                    r"behind your back)\b|-(?:san|nim|ji)\b", re.I)
_NAMED = re.compile(r"\b(?:Mr|Ms|Mrs|Dr|Herr|Frau|Seu|Dona|Sheikh|Shaikh)\.?\s+[A-Z]|"
                    r"\b(?:loop in|cc|copy|call|phone|email|e-mail|contact|talk to|speak to|speak with|talk with|ask|go to|"
                    r"write to|reach out to|get|spoke (?:to|with)|met|meet(?: with)?)\s+[A-Z][a-z]+")


_OWN_CONTACT = re.compile(r"\b(?:my|our) (?:contacts?|colleagues?|team|engineers?|people|partners?|counterparts?)\b", re.I)


def goes_over_nobody(text: str) -> bool:
    """The move the line makes is toward the seller's own contact or team ("I asked my contact directly"), and it names
    no one above the buyer (a rank, a title, a named person)."""
    return bool(_OWN_CONTACT.search(text)) and not _ABOVE.search(text) and not _NAMED.search(text)


# the buyer says the time is up ("I've got a hard stop", "we're at time", "I have to drop"), and the seller starts
# something new ("just one more thing — two minutes")
_TIME_UP = re.compile(r"\b(?:hard stop|(?:we'?re|we are) (?:at|out of) time|out of time|(?:have|need|got|must) to (?:drop|go|run|"
                      r"leave|jump)(?!\s+(?:with|through|back|over|for|to|ahead|the|on|into|along|beyond)\b)|must go now|"
                      r"time is up|(?:two|five|a few) minutes left|(?:glances|looks) at (?:the|his|her) (?:clock|watch)|"
                      r"(?:i'?m|i am) late for (?:my|a|another) (?:next )?meeting)\b", re.I)
_ONE_MORE = re.compile(r"\b(?:one more thing|one last thing|just (?:one|a) (?:more |last |quick )?(?:thing|slide|minute|second)|"
                       r"(?:two|five|a few|couple of) more minutes|(?:it'?ll|it will) (?:only )?take (?:two|five|a few) minutes|"
                       r"(?:really )?quickly,? (?:i|let me|show)|let me (?:just )?quickly show you|let me just show you)\b", re.I)


def time_up(text: str) -> bool:
    """The buyer's line says the meeting's time is up."""
    return bool(_TIME_UP.search(text))


def runs_on(text: str) -> bool:
    """The seller starts something more when the buyer has no time left."""
    return bool(_ONE_MORE.search(text))


# courteous, face-saving wording; a checkable fact or figure; a buyer's soft no in an imported transcript
_SOFT = re.compile(r"\b(perhaps|maybe|would it be possible|i understand|thank you|i appreciate|if i may|"
                    r"could we|might we|i wonder)\b", re.I)
_DATA = re.compile(r"\d|\b(data|test|report|specification|spec|certif|reference|case study|warranty|lead time|"
                   r"delivery|written|drawing|quality|ppm|audit|iso|tco|roi|cost breakdown)\b|"
                   # a figure said in words with its unit: "fifty-five percent", "eighteen weeks out" (not "in three weeks")
                   r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|"
                   r"sixty|seventy|eighty|ninety)(?:-\w+)? (?:percent|per cent)\b|"
                   r"(?<!for )\b(?:\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)? (?:weeks?|days?|"
                   r"months?)\b(?! (?:now|together|ago)\b)",
                   re.I)
# a buyer's soft no or postponement in an imported transcript (no recorded move)
_SOFT_NO = re.compile(r"\b(difficult|not easy|we will (study|consider|think|review|look at)|(need|have) to (discuss|check|consult|"
                      r"talk|review)|come back to you|not (possible|in a position)|take (some|more) time|later|next (meeting|month)|"
                      r"we('ll| will) see|maybe|perhaps|let us think)\b", re.I)
# the buyer's soft no is about the offer itself ("that may be a little difficult"), not a date put off ("maybe next week")
_DIFFICULT = re.compile(r"\b(?:difficult|not easy|hard for (?:us|me)|not possible|too (?:high|expensive|much)|"
                        r"can(?:not|['\u2019]t) accept)\b", re.I)
# the seller hands the silence back: "Please take your time, Director Wang." (patience, whatever act it reads as)
_GIVES_TIME = re.compile(r"\b(?:take (?:all )?(?:the |your )time|no (?:rush|hurry)|there(?:['\u2019]s| is) no (?:rush|hurry)|"
                         r"whenever you(?:['\u2019]re| are) ready|(?:i|we)(?:['\u2019]ll| will| can) wait)\b", re.I)


def gives_time(text: str) -> bool:
    return bool(_GIVES_TIME.search(text))


_NOW = re.compile(r"\b(?:today|tonight|right now|immediately|this (?:week|month|quarter)|by (?:monday|tuesday|wednesday|"
                  r"thursday|friday|the end of))\b", re.I)


def presses_now(text: str) -> bool:
    """A time put on the buyer's side of a trade ("if you sign today, 6.15")."""
    return bool(_NOW.search(text))
