"""The one reader of the user's data files: regular files only, each kind of file with a size limit.

A FIFO, a device or a folder where a data file is expected would make a plain ``read_bytes`` hang
or fail with a traceback; it is opened without blocking and looked at (``fstat``) before anything
is read, and refused with a reason. The limits are far above any real proceedings' files and keep
one hostile file from costing hours or gigabytes (docs/explanation/security.md lists them).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sphinx_proceedings.data.problems import Code, Problems

MIB = 1024 * 1024


class Kind(StrEnum):
    """What a file is read as; each kind has its limit in ``LIMITS``."""

    yaml = "YAML data file"
    bibtex = "BibTeX file"
    abstract = "abstract file"
    csv = "CSV file"
    json = "JSON schedule"
    pdf = "PDF"
    image = "image"


LIMITS = {
    Kind.yaml: 20 * MIB,
    Kind.bibtex: 20 * MIB,
    Kind.abstract: 1 * MIB,  # ten times the longest abstract the model takes (100,000 characters)
    Kind.csv: 50 * MIB,
    Kind.json: 50 * MIB,
    Kind.pdf: 200 * MIB,
    Kind.image: 20 * MIB,
}
_TOO_LARGE_HINTS = {
    Kind.abstract: "an abstract is a few paragraphs; link the full text instead",
    Kind.pdf: "compress the PDF's images, or link a large PDF by an https:// URL",
    Kind.image: "scale the image down; 1000 pixels a side are plenty for a page",
}
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


@dataclass
class Refused(Exception):
    """Why a file was not read, as a sentence for the user, with a hint."""

    message: str
    hint: str | None = None

    def __str__(self) -> str:
        return self.message


def read_data(path: Path, kind: Kind) -> bytes:
    """The bytes of ``path``, a regular file no larger than the limit of ``kind``; else :class:`Refused`."""
    fd = _open(path)
    try:
        size = _checked_size(fd, kind)
        chunks: list[bytes] = []
        left = LIMITS[kind] + 1  # the file may grow while it is read
        while left > 0 and (chunk := os.read(fd, min(left, MIB))):
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise Refused(f"cannot read file: {exc.strerror}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > LIMITS[kind]:
        raise _too_large(max(size, len(data)), kind)
    return data


def check_data(path: Path, kind: Kind) -> int:
    """The size of ``path`` if :func:`read_data` would read it (nothing is read); else :class:`Refused`."""
    fd = _open(path)
    try:
        return _checked_size(fd, kind)
    finally:
        os.close(fd)


def read_or_report(
    path: Path,
    kind: Kind,
    problems: Problems,
    *,
    at: Path | None = None,
    where: tuple[int | None, int | None] = (None, None),
) -> bytes | None:
    """:func:`read_data`, a refusal recorded as an error at ``at:where`` (the file itself by default)."""
    try:
        return read_data(path, kind)
    except Refused as refused:
        named = f"{kind.value} '{path.name}': " if at is not None else ""
        problems.error(at or path, where, Code.file, named + refused.message, refused.hint)
        return None


def _open(path: Path) -> int:
    try:
        return os.open(path, _FLAGS)
    except OSError as exc:
        raise Refused(f"cannot read file: {exc.strerror}") from None


def _checked_size(fd: int, kind: Kind) -> int:
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        raise Refused(
            "is a folder, not a file; nothing was read from it", "data files are plain files; rename the folder"
        )
    if not stat.S_ISREG(info.st_mode):
        raise Refused(
            "is not a regular file (a FIFO, socket or device); nothing was read from it",
            "replace it with a plain file",
        )
    if info.st_size > LIMITS[kind]:
        raise _too_large(info.st_size, kind)
    return info.st_size


def _too_large(size: int, kind: Kind) -> Refused:
    return Refused(
        f"file is {size} bytes, more than the {LIMITS[kind]} allowed for {_article(kind.value)} {kind.value}",
        _TOO_LARGE_HINTS.get(kind, "split the data or remove what does not belong in it"),
    )


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"
