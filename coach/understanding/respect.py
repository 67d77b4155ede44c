"""Speaking well of a competitor is no running it down: "The other vendor is a decent tool. Where we differ is …".

Two skilled sellers of the development pairs were read as disparaging the competition for granting it its due before
their own case ("The domestic suppliers are serious companies, and their prices are good. Our difference shows over
the life of the unit."). A weak or strong head reading of it is dropped when the line grants the competitor a good word
and says nothing against it; "they are cheaper, but their seals fail" still runs it down.
"""
from __future__ import annotations

import re

_THEM = (r"(?:the |your )?(?:other (?:vendor|supplier|provider|tool|bidder)s?|domestic (?:suppliers?|pumps?|makers?|vendors?)|"
         r"local (?:competitor|supplier|vendor)s?|competitors?|competition|korean brands|they|their (?:product|tool|offer)s?)")
_GOOD_WORD = re.compile(r"\b" + _THEM + r"\b[^.?!]{0,25}\b(?:is|are|make|makes|have|has)\b[^.?!]{0,12}?\b(?:a |an )?(?:decent|serious|"
                        r"good|solid|respected|strong|reliable|capable|fine|professional)\b|\btheir prices are (?:good|fair|sharp)\b",
                        re.I)
_AGAINST = re.compile(r"\b(?:fail\w*|cut(?:ting)? corners|not (?:in the same class|comparable|accurate|the same)|problems?|"
                      r"late|miss(?:ed|es)|junk|poor|bad|worse|cheap because|everybody knows|everyone knows|pf+|no real|afterthought|"
                      r"(?:don|doesn)['\u2019]?t care|break\w*|broke|recycled|but (?:their|they|the|its|it)|"
                      # the good word denied: "is not reliable", "never a serious option", "no good after-sales"
                      r"(?:not|never|no|hardly|isn['\u2019]?t|aren['\u2019]?t)\s+(?:\w+\s+){0,2}?(?:decent|serious|good|solid|"
                      r"respected|strong|reliable|capable|fine|professional))\b", re.I)


def read_into(conf: dict[str, float], clean: str) -> None:
    """Drops a disparagement reading of a line that grants the competitor a good word and holds nothing against it."""
    if "competitor_disparagement" in conf and _GOOD_WORD.search(clean) and not _AGAINST.search(clean):
        del conf["competitor_disparagement"]
