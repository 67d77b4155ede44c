"""A request to leave the role: to step out of it, to work for the seller, or to say whether the buyer is a program."""
from __future__ import annotations

import re

# asking whether the persona is a program ("are you an AI?", "what model are you running on?"): a question about the
# simulator, not about the business, so the buyer stays in role ("are you using AI for route planning?" is business)
_AI = r"(?:ai|a\.i\.|bot|chatbot|robot|language model|llm|gpt|chatgpt|claude|qwen|computer program|simulat\w*|machine)"
_ARE_YOU_AI = (r"\b(?:are|r) (?:you|u) (?:just |really |actually |even )?(?:an? )?" + _AI + r"(?=\s*(?:[?.!,]|$|or\b|things?\b))|"
               r"\byou(?:'re| are) (?:just |not |really |actually )*(?:one of those )?(?:an? )?" + _AI +
               r"(?=\s*(?:[?.!,]|$|or\b|things?\b|admit))|"
               r"\bis (?:this|that|there) (?:actually |really |just |even )?(?:an? |one of those )?(?:" + _AI[3:-1] +
               r"|real person|human)(?=\s*(?:[?.!,]|$|or\b|typing|talking|simulators?\b|things?\b))|"
               r"\b(?:what|which) (?:ai|llm|(?:language )?model)(?: are you| is this)? (?:running|based|built|powered)\b|"
               r"\b(?:what|which) (?:ai|llm|language model) are you\b|\b(?:what|which) company (?:made|built|created) you\b|"
               r"\bwho (?:made|built|programmed|trained|created) you\b")
_ROLE_BREAK = re.compile(r"\b(?:step|get|come|break) out of (?:the |your |this |that )?(?:role|character|persona)\b|\bbreak "
                         r"(?:the )?character\b|\bout of character\b|\b(?:you|please|just)\b[^.?!]{0,40}\b(?:be|act as|play) my "
                         r"(?:assistant|coach|helper|secretary|tutor|copywriter)\b|\byou\b[^.?!]{0,60}\bas my (?:coach|assistant|tutor)\b|"
                         r"\b(?:drop|quit|stop) (?:your|the|this) (?:role|act|persona)\b(?! of)|" + _ARE_YOU_AI, re.I)


def role_break(clean: str) -> bool:
    """The seller asks the persona to leave its role or work for them."""
    return bool(_ROLE_BREAK.search(clean))
