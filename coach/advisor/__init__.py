"""The pre-call advisor: resolve the meeting, rank situated cases by the culture-pair gap."""
from coach.advisor.resolve import Resolver
from coach.advisor.service import Advice, AdviceInputError, Advisor, Mistake

__all__ = ["Advice", "AdviceInputError", "Advisor", "Mistake", "Resolver"]
