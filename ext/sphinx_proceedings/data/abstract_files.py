"""An ``abstract_file`` read into the contribution's ``abstract``, and checked as an inline one is."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from sphinx_proceedings.data.link_checks import inside
from sphinx_proceedings.data.model import Contribution, first_control_character
from sphinx_proceedings.data.problems import Code, Problems, byte_place, message_of
from sphinx_proceedings.data.reading import Kind, read_or_report

if TYPE_CHECKING:
    from sphinx_proceedings.data.origins import Origin


def with_abstract_file(contribution: Contribution, origin: Origin, root: Path, problems: Problems) -> Contribution:
    """Read ``abstract_file`` (checked to stay in the project later) into ``abstract``.

    The text is validated as an inline abstract is, by the model (length, control characters).
    """
    if not contribution.abstract_file or "://" in contribution.abstract_file:
        return contribution
    where = origin.at("abstract_file")
    if contribution.abstract:
        problems.error(
            origin.path, where, Code.type, "both 'abstract' and 'abstract_file' are given", "keep one of them"
        )
        return contribution
    path = origin.path.parent / contribution.abstract_file
    if not inside(path, root) or not path.exists():
        return contribution  # link_checks.check_all_links reports it
    raw = read_or_report(path, Kind.abstract, problems, at=origin.path, where=where)
    if raw is None:
        return contribution
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.error(path, byte_place(raw, exc.start), Code.file, "file is not valid UTF-8", "save the file as UTF-8")
        return contribution
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        return Contribution.model_validate({**contribution.model_dump(exclude_defaults=True), "abstract": text})
    except ValidationError as exc:
        offset = first_control_character(text)
        for error in exc.errors():
            if offset is not None and "control characters" in error["msg"]:
                line = text.count("\n", 0, offset) + 1
                column = offset - text.rfind("\n", 0, offset)
                problems.error(path, (line, column), Code.type, message_of(error), "remove it")
            else:
                problems.error(origin.path, where, Code.type, f"abstract file '{path.name}': {message_of(error)}")
        return contribution
