"""A person's page, the people list and the author index entries."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util import logging

from sphinx_proceedings.book.directives.base import ROLE_LABELS, ProcDirective, RecordDirective
from sphinx_proceedings.book.render import (
    initials,
    joined,
    para,
    section,
    subsection,
    title_xref,
    xref,
)
from sphinx_proceedings.data.index import ProceedingsIndex
from sphinx_proceedings.data.model import (
    Person,
    PersonName,
)
from sphinx_proceedings.data.richtext import (
    render_markdown,
)

logger = logging.getLogger(__name__)


class PersonDirective(RecordDirective[Person]):
    kind = "person"

    def look_up(self, rid: str) -> Person | None:
        return self.index.people.get(rid)

    def render_record(self, pid: str, person: Person) -> list[nodes.Node]:
        self.note(f"person:{pid}")
        sec = section(
            self.state.document,
            person.name,
            f"person-{pid}",
            classes=["proc-person-page"],
        )
        self.define("person", pid, f"person-{pid}", person.name)
        sec += author_index(self.index, [pid], f"person-{pid}")
        header = nodes.container(classes=["proc-person-header"])
        if person.photo and not self.photo_withheld(person.photo):
            origin = next(
                (
                    o
                    for (scope, p), o in self.index.origins.people.items()
                    if p == pid and o.doc.data[o.loc[0]].get("photo") == person.photo
                ),
                None,
            )
            header += self.photo(person.photo, person.name, origin.path if origin else None)
        else:
            header += nodes.inline(initials(person.name), initials(person.name), classes=["proc-avatar"])
        facts = nodes.container(classes=["proc-person-facts"])
        affiliations = self.index.proceedings.affiliations.get(pid, {})
        if affiliations:
            lines = nodes.bullet_list(classes=["proc-affiliations"])
            for eid, aff in affiliations.items():
                data = self.index.event(eid)
                label = data.event.name if data else eid
                lines += nodes.list_item("", para(aff, " (", xref("event", eid, label), ")"))
            facts += lines
        elif person.affiliation:
            facts += para(person.affiliation, classes=["proc-affiliation"])
        links: list[nodes.Node] = []
        if person.homepage:
            links.append(self.link(person.homepage, "Homepage", None))
        if person.orcid:
            links.append(
                nodes.reference(
                    f"ORCID {person.orcid}",
                    f"ORCID {person.orcid}",
                    refuri=f"https://orcid.org/{person.orcid}",
                )
            )
        for name, url in sorted(person.social.items()):
            links.append(nodes.reference(name.capitalize(), name.capitalize(), refuri=url))
        if links:
            facts += para(*joined(links, " · "), classes=["proc-person-links"])
        header += facts
        sec += header
        if person.bio:
            sub = subsection("Biography", f"{pid}-bio")
            sub += render_markdown(person.bio)
            sec += sub
        roles = self.index.roles.get(pid, [])
        if roles:
            sub = subsection("Roles", f"{pid}-roles")
            sub += self.role_list(roles)
            sec += sub
        return [sec]

    def photo_withheld(self, value: str) -> bool:
        """A photo on another site, shown as initials unless ``proceedings_remote_photos = "link"``."""
        return "://" in value and self.config.proceedings_remote_photos != "link"

    def photo(self, value: str, name: str, data_file: Path | None) -> nodes.Node:
        from urllib.parse import urlsplit

        if urlsplit(value).scheme:
            uri = value
        else:
            target = ((data_file.parent if data_file else Path(self.env.srcdir)) / value).resolve()
            uri = "/" + target.relative_to(Path(self.env.srcdir).resolve()).as_posix()
        return nodes.image(uri=uri, alt=f"Photo of {name}", classes=["proc-photo"])

    def role_list(self, roles: list) -> nodes.bullet_list:  # type: ignore[type-arg]
        items = nodes.bullet_list(classes=["proc-roles"])
        for role in roles:
            data = self.index.event(role.event_id)
            event_label = data.event.name if data else role.event_id
            entry = para(nodes.strong(ROLE_LABELS[role.kind], ROLE_LABELS[role.kind]), ": ")
            if role.kind == "author":
                c = self.index.contributions[role.target]
                self.note(f"contribution:{c.id}")
                entry += title_xref("contribution", c.id, c.title)
                entry += nodes.Text(f" ({c.kind.label.lower()}, ")
            elif role.kind in ("chair", "slot"):
                found = self.index.sessions.get(role.target)
                title = (found[2].title if found else None) or role.detail or "Session"
                if found and self.index.session_contributions(found[2]):
                    entry += xref("session", role.target, title)
                else:
                    entry += nodes.Text(title)
                entry += nodes.Text(" (")
            else:
                entry += nodes.Text(f"{role.detail} (" if role.detail else "(")
            entry += xref("event", role.event_id, event_label)
            entry += nodes.Text(")")
            self.note(f"event:{role.event_id}", f"schedule:{role.event_id}")
            items += nodes.list_item("", entry)
        return items


class PeopleDirective(ProcDirective):
    """Everyone in the series, or one event's speakers, organizers or committee."""

    optional_arguments = 0
    option_spec: ClassVar = {
        "event": directives.unchanged,
        "role": directives.unchanged,
    }

    def render(self) -> list[nodes.Node]:
        people = self.index.people
        self.note(
            "members:people",
            *(f"schedule:{e.event.id}" for e in self.index.proceedings.events),
            *(f"members:{e.event.id}" for e in self.index.proceedings.events),
        )
        event = self.options.get("event")
        role = self.options.get("role")
        wanted = sorted(people, key=lambda p: _sort_key(self.index, p))
        if event or role:
            kinds = {
                "speakers": "author",
                "organizers": "organizer",
                "committee": "committee",
                "chairs": "chair",
            }
            kind = kinds.get(role or "")
            if role and kind is None:
                logger.warning(
                    "unknown people role '%s' (use one of %s)",
                    role,
                    ", ".join(kinds),
                    location=self.get_location(),
                    type="proceedings",
                    subtype="unknown_ref",
                )
            wanted = [
                p
                for p in wanted
                if any(
                    (not event or r.event_id == event) and (not kind or r.kind == kind)
                    for r in self.index.roles.get(p, [])
                )
            ]
        generated = not self.options and self.env.docname.endswith("people/index")
        out: list[nodes.Node] = []
        target: nodes.Element
        if generated:
            target = section(self.state.document, "People", "people-index", classes=["proc-people"])
            out.append(target)
        else:
            target = nodes.container(classes=["proc-people"])
            out.append(target)
        items = nodes.bullet_list(classes=["proc-people-list"])
        for pid in wanted:
            self.note(f"person:{pid}")
            person = people[pid]
            entry = para(xref("person", pid, person.name))
            affs = sorted(set(self.index.proceedings.affiliations.get(pid, {}).values()))
            if not affs and person.affiliation:
                affs = [person.affiliation]
            if affs:
                entry += nodes.inline(
                    f" — {'; '.join(affs)}",
                    f" — {'; '.join(affs)}",
                    classes=["proc-affiliation"],
                )
            items += nodes.list_item("", entry)
        target.append(items)
        return out


def author_index(index: ProceedingsIndex, person_ids: list[str], target: str) -> addnodes.index:
    """Entries of the general index (the PDF's author index): 'Family, Given' pointing at ``target``."""
    entries = []
    for pid in person_ids:
        person = index.people.get(pid)
        if person is not None:
            entries.append(("single", index_name(person), target, "", None))
    return addnodes.index(entries=entries)


def index_name(person: Person) -> str:
    """'Merriënboer, Bart van'; names written without spaces (as in CJK scripts) stay as written."""
    if not person.family or " " not in person.name.strip():
        return person.name
    return PersonName(
        given=person.given,
        particle=person.particle,
        family=person.family,
        suffix=person.suffix,
    ).index_form


def _sort_key(index: ProceedingsIndex, pid: str) -> str:
    person = index.people[pid]
    return f"{person.family or person.name} {person.given or ''}".casefold()
