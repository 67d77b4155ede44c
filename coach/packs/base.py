"""The building blocks every pack schema shares: strict models, ids, bounded text."""
from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

# Ids are lower-case slugs: letters, digits and hyphens; never a path, never empty.
PackId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,79}$")]
MarketCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000, strip_whitespace=True)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=400, strip_whitespace=True)]

_SLOT = re.compile(r"\{([^{}]*)\}")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
