"""A seller's line that reads the buyer's signal as a yes: said as a fact, taken for granted, or reported onward.

Regular expressions over one turn's text (English); the debrief asks them after a buyer's postponement, silence or
soft no, and a promise made on such a yes earns no credit.
"""
from __future__ import annotations

import re

from coach.understanding.concessions import grants_the_point
from coach.understanding.rules import clean_text
from coach.understanding.sentences import split_sentences

_YES_READ = re.compile(r"\b(great,? so (we have|it'?s) a deal|so that'?s a yes|i'?ll take that as a yes|"
                       r"perfect,? (then )?we (are|'re) agreed|(can|may) i take it (that )?we('re| are| have) (a deal|an agreement|your approval|the order|the nomination|the preferred|selected|"
                       r"chosen)|(i'?ll|i will|let me) (consider|take|count) (it|that|this) (as )?(agreed|settled|a deal)|so we('re| are) (good|agreed)|so we can (proceed|go ahead|sign)|"
                       r"(then|so|glad|happy|great|good),? (that )?(i think )?we('re| are) (aligned|on the same page|all set)(?! on\b)|"
                       # "so we're on track", "on track to sign this quarter" (not "on track with the pilot installation")
                       r"(then|so|glad|happy|great|good|perfect),? (that )?(i think )?we('re| are) on track(?=\s*(then\b|now\b|[.!,;]|$)"
                       r"|\s+(to (sign|close)|for (the )?(signature|po|order|contract|award))\b)|"
                       r"^\W*we('re| are) on track,? (then|now)\b|"
                       r"we('re| are) moving forward|we('re| are) (basically|practically|pretty much|as good as) (done|there|agreed|closed)(?! (on|with|for)\b)|(?<!think )(?<!if )(?<!do )we(?: have|'ve got) an? (deal|agreement)(?! (yet|with|on)\b)|"
                       r"(we have|that'?s) an agreement in principle|i'?ll (tell|inform|let) ((my |our )?(headquarters|hq|head office)|my (boss|team|manager|"
                       r"director)) (know )?(that )?(we have|we'?ve got) (a|an|the) (deal|agreement|yes|nomination|order|contract|"
                       r"go-ahead|green light)(?=\s*[.!,;]|\s*$)|(tell|inform|let) (my|our) (ceo|boss|manager|director|management|"
                       r"headquarters|hq) (know )?(that )?we('re| are) (close(?! to)|almost there|nearly there|on track\b(?! to)|the preferred (supplier|vendor|"
                       r"partner)|selected|chosen)\b|"
                       # "thank you for your positive response", "I will inform headquarters that Al Naseem has confirmed"
                       r"(thank you|thanks)[^.?!]{0,25}\b(your|the|this) (positive|favou?rable) (response|answer|decision)|"
                       r"(tell|inform|let) (headquarters|hq|head office|my (boss|team|manager|management|director)) (know )?that "
                       r"([\w-]+ ){1,3}(has|have|'s|'ve) (confirmed|agreed|accepted|said yes)(?=\s*[.,;!]|\s*$| (the|our|this) "
                       r"(deal|terms|offer|price|contract))|"
                       r"(?<!once )(?<!when )(?<!after )(?<!if )(?<!once the committee has decided, )"
                       r"(i'?ll|i will|we'?ll|we will) send (you )?the (contract|agreement|order|po) for (your |his |her )?signature(?! (once|when|after|if)\b)|"
                       r"(tell|inform|let) (headquarters|hq|head office|my (boss|team|manager|management|director)) (know )?"
                       r"(that )?(it'?s|it is|this is|the answer is) (positive|a yes|good news|agreed))\b", re.I)


# a yes reported onward or taken for granted: presumed even when asked ("So can I tell my boss we're on track for the
# award?", "can I take it that we're the preferred supplier?"); other yes-readings asked as a question only check
_PRESUMED = re.compile(r"\b(?:tell|inform|let|take it)\b", re.I)
# the deal called done in an idiom ("I'll tell my boss it's in the bag", "I'll put Bertolini down as confirmed", "a note
# to say you're on board"), not when negated, made conditional or checked ("I wouldn't say it's in the bag", "I'll put
# it down as confirmed once you sign", "can I tell my boss it's done, or do you need more time?")
_YES_IDIOM = re.compile(r"\b(?:it'?s|it is|this is|that'?s|we'?re|we are) (?:basically |practically |pretty much |as good as )?"
                        r"(?:in the bag|a done deal)\b|"
                        r"\bput (?:you|us|it|[\w-]+) down as (?:confirmed|a yes|committed)\b|"
                        # "so I can tell my boss it's done?": the deal reported onward as done
                        r"\b(?:tell|inform|let) (?:(?:my|our) (?:boss|manager|director|ceo|hq|headquarters|head office|team|management|"
                        r"people|office|factory|board)|europe|the (?:office|factory|board|team|boss)|everyone|everybody|home)"
                        r" (?:know )?(?:that )?(?:it'?s|it is|we'?re|we are|it'?s all|things are) (?:done|settled|signed|closed|a go|confirmed|in good shape|"
                        r"looking good|positive|as good as done|on the way)\b(?! for (?:today|now|the day)| to (?:the|your|our)\b)|"
                        # "I'll tell my headquarters we close this quarter"
                        r"\b(?:tell|inform) (?:my|our) (?:ceo|boss|manager|director|management|headquarters|hq|head office) (?:that )?"
                        r"we(?:'ll| will| are)? (?:close|closing|sign|book it|have (?:the (?:deal|order|contract)|your (?:agreement|yes)))"
                        r"(?=\s*(?:[.!,;]|$|this|next|by|in (?:may|june|\w+ (?:days|weeks))|before|it\b|the deal|the order))|"
                        # "a note to Kapoor sir to say you're on board": the buyer's yes reported to his superior
                        r"\b(?:to say|saying|i'?ll tell (?:him|her|them)|let (?:him|her|them) know|confirming) (?:that )?"
                        r"(?:you'?re|you are|you'?ve|you have) (?:on board|agreed|signed off|said yes)\b|"
                        # "Excellent - then I think we have it!", "Then I am very happy we have an understanding.", "I will
                        # inform my headquarters that Wusta is going with us"
                        r"(?:\bthen|\bso|excellent|great|wonderful|perfect)\W+(?:i think |it (?:looks|sounds) like )?we(?:'ve| have) "
                        r"(?:got )?it\b(?=\s*[.!]|\s*$)|"
                        r"\b(?:then|so|happy|glad|great|excellent|good)\b[^.?!]{0,30}\bwe(?:'ve| have) (?:an|a (?:clear|common|shared)) "
                        r"understanding\b(?!\s+(?:of|on|about|for|that)\b)|"
                        r"\b(?:tell|inform|let) (?:(?:my|our) )?(?:headquarters|hq|head office|boss|manager|director|management|ceo) "
                        r"(?:know )?(?:that )?[\w-]+(?: [\w-]+)? (?:is|are|will be) (?:going|moving|proceeding) (?:ahead )?with us\b", re.I)
_NOT_YET = re.compile(r"\b(?:not|never|until|once|only|if|unless|when|before|but|or|after|still|at the earliest)\b|n't\b|"
                      r"\bi'?d love to\b", re.I)


def reads_a_yes(text: str) -> bool:
    """The seller's line reads the buyer's signal as a yes: a sentence that says so as a fact, or reports it onward even
    as a question."""
    for s in split_sentences(text.replace("\u2019", "'")):
        m = _YES_READ.search(s)
        if m and (not s.rstrip().endswith("?") or _PRESUMED.search(s[:m.end()])):
            return True
        if _YES_IDIOM.search(s) and not _NOT_YET.search(s):
            return True
    return False


def takes_the_point(text: str) -> bool:
    """"You're right, sorry, that was a brochure answer. Four hours guaranteed": the seller grants the buyer's criticism,
    which agrees with the buyer without reading a yes into a refusal."""
    clean = clean_text(text)
    return (grants_the_point(clean) or bool(_GRANTS_MORE.search(clean))) and not _GOES_AHEAD.search(clean)


# more ways to grant a criticism, and what turns a grant into going ahead ("Exactly, so we go ahead with the order.")
_GRANTS_MORE = re.compile(r"^\W*(?:(?:sorry|ok(?:ay)?|yes|yeah|true)[,.!\u2014-]*\s*)?(?:you are (?:absolutely |totally |quite )?right|"
                          r"you['\u2019]re (?:totally |quite |completely |absolutely )?right|good point|point taken|true|right,? sorry|fair enough|"
                          r"guilty as charged|indeed)\b", re.I)
_GOES_AHEAD = re.compile(r"\b(?:sign|signature|go ahead|move forward|proceed|contract|order|deal|agreed|confirm(?:ed)?|book)\b", re.I)


# pressing the buyer to decide alone, past his own process: "Come on, you're the operations manager — you can decide
# this yourself", "surely you don't need the committee for this"
_BODIES = r"(?:team|committee|board|boss|mt|management|manager|director|ceo|cfo|father|chairman|works council|legal)"
_DECIDE_ALONE = re.compile(r"\byou can (?:decide|sign|approve|do) (?:this|it|that)?\s*(?:yourself|alone|on your own)\b"
                           r"|\byou (?:don['\u2019]t|do not) (?:really )?need (?:the|your|to ask (?:the|your)) " + _BODIES +
                           r"(?:['\u2019]s)? (?:approval|sign-?off|ok|to (?:decide|sign|approve)|for (?:this|that|it|a (?:small|simple)))\b"
                           r"|\b(?:do you (?:really )?need|why wait for|skip) (?:the|your) " + _BODIES + r"\b[^.?!]{0,40}(?:\?|this time)"
                           r"|\bno need to (?:involve|ask|wait for) (?:the|your) " + _BODIES +
                           r"|\byou['\u2019]re the (?:boss|decision[- ]maker|one who decides)\b[^.?!]{0,30}\byou can (?:decide|sign|approve)"
                           r"|\b(?:surely you (?:can|have the authority|don['\u2019]t need)|can['\u2019]t you decide|just say yes|it['\u2019]s your decision)\b", re.I)


def presses_to_decide_alone(text: str) -> bool:
    """The seller presses the buyer to decide without the people his process needs."""
    return bool(_DECIDE_ALONE.search(text))


# the buyer's process keeps its own time: "the tender committee sits when it sits", "our process takes its time" (a
# deadline the seller set, put off without a word against the offer)
_OWN_PACE = re.compile(r"\b(\w+) (sits|decides|meets|moves|comes) when (it|he|she|they) (sits|decides|meets|moves|comes)\b|"
                       r"\b(?:our|the) (?:process|committee|board) (?:takes|has|needs) its (?:own )?(?:time|rhythm|pace|calendar)\b|"
                       r"\bcan(?:not|['\u2019]t) be rushed\b|\bin (?:its|our|his|their) own time\b", re.I)


def own_pace(text: str) -> bool:
    """The buyer says his side decides in its own time."""
    return bool(_OWN_PACE.search(text))


# a forecast of the buyer's decision asked for the seller's own side: "So can I tell my headquarters we have a good chance
# before Ramadan?" (a push for a commitment, not patience)
_FORECAST = re.compile(r"\b(?:can|could|may|shall) (?:i|we) (?:tell|say to|report(?: back)?(?: to)?|promise|assure) (?:my |our )?"
                       r"(?:[\w-]+ ){0,2}?(?:that )?(?:we|you)(?:['\u2019]ll| will| would| have| are| can)\b[^.?!]{0,30}?\b(?:chance|"
                       r"decid\w*|decision|sign\w*|order\w*|nominat\w*|award\w*|approv\w*|go ahead|yes|win|done)\b", re.I)


def asks_for_a_forecast(text: str) -> bool:
    """The seller asks the buyer for a forecast of his decision to report to the seller's own side."""
    return bool(_FORECAST.search(text))


# a buyer line that ends on a plain question ("CRM says this quarter, fifteen percent. Are we good?", "270 plus 30 gated. I
# can sell that upstairs. Why not 70?") asks; it puts nothing off. Soft words keep a question a signal ("Could you
# perhaps reconsider?", "Is this really your best price?")
_NOT_PLAIN = re.compile(r"\b(?:difficult|not easy|hard|reconsider|consider|study|perhaps|maybe|possible|best|final|really|"
                        r"serious|lower|better|cheaper|more|later|next (?:week|month|time|meeting|year)|we(?:['\u2019]ll| will) "
                        r"see|inshallah|insha['\u2019]?allah|think about|come back|check|discuss|internally|superior|boss|last|director|manager|"
                        r"headquarters|ask (?:my|our|the)|wait)\b", re.I)


def asks_plainly(text: str) -> bool:
    """The buyer's line ends on a question and says nothing soft or firm beside it."""
    return text.rstrip().endswith(("?", "\uff1f", "\u061f")) and not _NOT_PLAIN.search(text)


# a courteous acknowledgement of a deferral, with the seller's own next step ("Understood. Today I'll send the pricing
# model with both options, and I'll check in with you on Wednesday", "Thank you, Rachel. Talk Wednesday."): the
# understanding layer reads "Understood" as agreement, but nothing about the deal is taken as agreed ("Perfect. And
# between us, I have kept a little room for procurement" after "Next Tuesday - I will check his calendar") (unlike "Sure.
# I'll block our onboarding engineers for the first of April then.", "Fine, whatever works.", "Sure. But remember —
# Friday.")
_ACK_OPENING = re.compile(r"^\W*(?:understood|of course|sure|certainly|absolutely|noted|thank(?:s| you)|ok(?:ay)?|i understand|"
                          r"makes sense|no problem|fine)\b", re.I)
# "Perfect.", "Great, thanks Rachel.": an acknowledgement too, when the line names no figure and goes ahead with nothing
# ("Perfect, 150 it is.", "Great, I will update the forecast with 165." take the deal as agreed)
_GLAD_OPENING = re.compile(r"^\W*(?:perfect|great|good|wonderful|excellent|sounds good|very good|lovely)\b", re.I)
_GOES_AHEAD_WITH = re.compile(r"\d|\b(?:it is|works?|proceed\w*|paperwork|forecast|prepare|draft|update)\b", re.I)
_DEAL_AGREED = re.compile(r"\b(?:agree[ds]?|deal|aligned|settled|done|approved|signed|sign|go ahead|green light|on board|we have|"
                          r"that['\u2019]s it|confirmed|confirm|contract|signature|order|po|purchase order|letter of intent|loi|"
                          r"reserve|book(?:ed)?|capacity|block|whatever works|remember|we(?:['\u2019]re| are) (?:all )?set)\b|"
                          r"\bthen\W*$", re.I)


def acknowledges_only(text: str) -> bool:
    """The line opens with an acknowledgement and takes nothing about the deal as agreed."""
    opens = bool(_ACK_OPENING.search(text)) or bool(_GLAD_OPENING.search(text) and not _GOES_AHEAD_WITH.search(text))
    return opens and not _DEAL_AGREED.search(text) and not reads_a_yes(text)


# the buyer asked to sign or decide by a date, or the close wished quick: "Could you sign before the end of the month, so
# we can order stock?", "so it would be great to close quickly" (not "no need to close quickly")
_WHEN = (r"(?:(?:by|before|until|latest) (?:(?:the )?end\b|(?:the )?\d\w*|mid|early|next|this|monday|tuesday|wednesday|thursday|"
         r"friday|saturday|sunday|tomorrow|tonight|today|noon|close of|eid|ramadan|christmas|golden week|chuseok|new year|"
         r"january|february|march|april|may|june|july|august|september|october|november|december)|today|tomorrow|"
         r"this (?:week|month|quarter))")
_CLOSE_BY = re.compile(r"(?:\b(?:can|could|would|will) (?:you|we) (?:please |maybe |perhaps )?|\bis it possible to |^\W*please )"
                       r"(?:sign|approve|commit|decide|place (?:the|an|your) (?:order|po)|"
                       r"confirm (?:the |your )?(?:order|deal|contract|award|nomination|po))\b[^.?!]{0,30}?\b" + _WHEN + r"\b|"
                       r"\b(?:would be (?:great|good|nice|ideal|best)|(?:we|i) (?:need|want|hope|would like)) to (?:close|sign|finali[sz]e|"
                       r"wrap (?:it|this) up|get (?:it|this) (?:signed|closed|done))\b[^.?!]{0,12}?\b(?:quickly|soon|fast|asap|"
                       r"this (?:week|month|quarter)|before|by)\b", re.I)
_NO_RUSH = re.compile(r"\b(?:no need|don['\u2019]?t need|do not need|no rush|not (?:necessary|expect))\b", re.I)


def presses_to_close(text: str) -> bool:
    """The seller asks the buyer to sign or decide by a date, or says he wants the close quick."""
    return any(_CLOSE_BY.search(s) and not _NO_RUSH.search(s) for s in split_sentences(text))
