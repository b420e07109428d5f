"""The whole model as JSON, for other tools: everything the data says, minus people's emails."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx_proceedings.data.index import ProceedingsIndex
from sphinx_proceedings.data.model import EventData, Proceedings
from sphinx_proceedings.data.origins import Origins

# Kept for the organisers, never published (see Person.email).
PRIVATE = {"people": {"__all__": {"email"}}}


def model_data(proceedings: Proceedings) -> dict[str, Any]:
    return proceedings.model_dump(mode="json", exclude=PRIVATE)


def one_event(proceedings: Proceedings, data: EventData) -> Proceedings:
    """The model as if `data` were the only event: its people, not the series' whole list."""
    alone = proceedings.model_copy(update={"events": (data,)})
    named = set(ProceedingsIndex(alone, Origins(), Path()).roles)
    return alone.model_copy(update={"people": {pid: p for pid, p in proceedings.people.items() if pid in named}})


def model_json(proceedings: Proceedings) -> str:
    return json.dumps(model_data(proceedings), indent=2, ensure_ascii=False) + "\n"
