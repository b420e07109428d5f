"""Directives that render the model: used by the generated pages and by authors' own pages.

Each directive takes an id (or filter options), renders standard docutils
nodes from the model, registers the objects it defines with the ``proc``
domain and records the fingerprints of the records it showed, so that a data
edit re-reads exactly the pages that show the edited record.
"""

from __future__ import annotations

from sphinx.util.docutils import SphinxDirective

from sphinx_proceedings.book.directives.contributions import (
    AcceptedDirective,
    CitedDirective,
    ContributionDirective,
    ContributionListDirective,
    ReferencesDirective,
)
from sphinx_proceedings.book.directives.events import (
    EventDirective,
    EventListDirective,
    SeriesTocTree,
)
from sphinx_proceedings.book.directives.people import PeopleDirective, PersonDirective
from sphinx_proceedings.book.directives.schedule import (
    ScheduleDirective,
    SessionDirective,
)

DIRECTIVES: dict[str, type[SphinxDirective]] = {
    "event": EventDirective,
    "event-list": EventListDirective,
    "toctree": SeriesTocTree,
    "schedule": ScheduleDirective,
    "session": SessionDirective,
    "contribution": ContributionDirective,
    "contributions": ContributionListDirective,
    "accepted": AcceptedDirective,
    "references": ReferencesDirective,
    "cited": CitedDirective,
    "person": PersonDirective,
    "people": PeopleDirective,
}
