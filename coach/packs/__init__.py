"""Content packs: schemas, safe loading and validation. Imports nothing else from `coach`."""
from coach.packs.loader import PackError, PackFileError, PackRegistry, load_packs
from coach.packs.models import Case, HomeCulture, MarketProfile, Persona, Scenario

__all__ = [
    "Case", "HomeCulture", "MarketProfile", "PackError", "PackFileError", "PackRegistry",
    "Persona", "Scenario", "load_packs",
]
