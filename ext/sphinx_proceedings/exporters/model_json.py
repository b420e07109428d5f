"""The whole model as JSON, for other tools: everything the data says, minus people's emails."""

from __future__ import annotations

import json
from typing import Any

from ..model import Proceedings

# Kept for the organisers, never published (see Person.email).
PRIVATE = {"people": {"__all__": {"email"}}}


def model_data(proceedings: Proceedings) -> dict[str, Any]:
    return proceedings.model_dump(mode="json", exclude=PRIVATE)


def model_json(proceedings: Proceedings) -> str:
    return json.dumps(model_data(proceedings), indent=2, ensure_ascii=False) + "\n"
