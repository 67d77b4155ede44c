"""An invitation to see a site (the seller's plant, a reference customer's installation, the test centre) is not an
invitation to dinner: the buyer's reaction differs ("Seeing it run would help our engineers" against "while you are
here, you are our guest"). The understanding layer reads both as an invitation (a site visit also when it is put as a question); this tells
them apart for the reply.
"""
from __future__ import annotations

import re

# a place where something is made, tested, run or shown
_SITE = re.compile(
    r"\b(?:plants?|factor(?:y|ies)|facilit(?:y|ies)|sites?|manufacturing (?:units?|sites?)|production(?: lines?)?|assembly lines?|lines? in action|"
    r"installations?|reference (?:customers?|sites?|clients?|plants?|install\w*)|customers? sites?|"
    r"headquarters|HQ|head office|test (?:centre|center|bench|lab|field|track|site)|testing (?:centre|center)|labs?|"
    r"laborator(?:y|ies)|showrooms?|demo (?:centre|center|site|farm|room)|warehouses?|workshops?|campus|mills?|"
    r"shop floor|refiner(?:y|ies)|farms?|stores?|mines?|depots?|"
    r"r&d (?:centre|center)|innovation (?:centre|center)|training (?:centre|center)|"
    r"field trials?|pilot (?:site|plant|line))\b", re.I)
# coming to see it ("visit", "tour", "come and see", "host you at", "show you around")
_COMING = re.compile(
    r"\b(?:visit\w*|tour\w*|come (?:and |to )?(?:see|look|watch)|see (?:it|them|the \w+) (?:run|running|in action|work)|"
    r"host(?:ing)? (?:you|your|him|her|them)|welcome (?:you|your|him|her|them)|show (?:you|your|him|her|them)\b.{0,20}?"
    r"\baround|have (?:you|your \w+|them|him|her) over|fly (?:you|your \w+|them|him|her) (?:over|out|in)|"
    r"come (?:over )?to (?:our|their|the)|come over|(?:is|are) (?:always |most )?welcome (?:at|in|to)|"
    r"come with (?:me|us) to|bring (?:you|them|your(?: \w+){1,2}) (?:to|over)|pop (?:in|by|over)|"
    r"take (?:you|them|your(?: \w+){1,2}) to (?:see|our|the|a|one))\b", re.I)
# not an invitation: a visit that happened, or the seller asking to come to the buyer's site
_NOT_AN_INVITATION = re.compile(
    r"\b(?:visited|toured|came to|coming to|last (?:week|month|year|time)|thanks? (?:again )?for (?:coming|the (?:visit|tour)))\b|"
    r"\b(?:can|could|may|might) (?:we|i) (?:visit|come|see|tour|drop by)\b|\b(?:visit|tour|see) your\b|"
    r"\bduring the (?:\w+ )?(?:tour|visit)\b|\bthe (?:\w+ )?(?:tour|visit) (?:with|made|was|went|yesterday)\b|"  # one that happened
    r"\b(?:he|she|we|i|they)(?: \w+)? (?:will|would|shall|is going to|are going to) (?:visit|drop by) (?!us\b)|"  # the seller's side going
    r"\b(?:at|to|in) your (?:site|plant|factor\w+|warehouse|facilit\w+|premises|office|DC)\b", re.I)
# the invitation is to something social (then the meal and hospitality lines fit)
_SOCIAL = re.compile(
    r"\b(?:dinner|lunch|breakfast|brunch|meals?|drinks?|coffee|tea|restaurant|golf|games?|match|concert|party|"
    r"barbecue|bbq|churrasco|braai|karaoke|iftar|suhoor|majlis|festival|wedding|celebration|evening out|night out|"
    r"our guest|my guest|my home|our home|my house|cocktails?|reception|take (?:you|them) (?:out|for))\b", re.I)


def is_site_visit(text: str) -> bool:
    """The seller invites the buyer to come and see a site, with nothing social in the same line."""
    return bool(_SITE.search(text) and _COMING.search(text) and not _SOCIAL.search(text)
                and not _NOT_AN_INVITATION.search(text))


def fitting_kind(kind: str, text: str, kinds: set[str]) -> str:
    """The acknowledgement kind that fits the seller's line: a site visit gets the persona's visit lines (when it
    has them) rather than the invitation lines, which are written for meals."""
    if kind == "invitation" and "visit" in kinds and is_site_visit(text):
        return "visit"
    return kind


def read_into(conf: dict[str, float], clean: str) -> None:
    """An invitation to see a site is an invitation however it is put ("Would a visit to one of our installations at
    a refinery be useful for Chief Engineer Liu?"; the head read some such questions as questions only)."""
    if is_site_visit(clean):
        conf["invitation"] = max(conf.get("invitation", 0.0), 0.6)
