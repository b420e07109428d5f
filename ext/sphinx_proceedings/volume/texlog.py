"""The errors of a TeX run, quoted from its log, so that a failed build says why where it stops."""

from __future__ import annotations

from pathlib import Path

MAX_ERRORS = 5
_CONTEXT_LINES = 12  # how far below a "! ..." line TeX writes the "l.<line> ..." where it stopped


def tex_errors(log: Path) -> list[str]:
    """TeX's error lines (``! Dimension too large.``), each with the source line it stopped at."""
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    found: list[str] = []
    for i, line in enumerate(lines):
        if not line.startswith("! "):
            continue
        where = next((near for near in lines[i + 1 : i + _CONTEXT_LINES] if near.startswith("l.")), None)
        found.append(f"{line[2:].strip()} ({where.strip()[:160]})" if where else line[2:].strip())
        if len(found) == MAX_ERRORS:
            break
    return found


def failure_message(what: str, log: Path) -> str:
    """``what``, with the errors of ``log`` quoted (never a pointer to a log that will be gone)."""
    errors = tex_errors(log)
    if not errors:
        return f"{what}; TeX wrote no error line"
    return f"{what}: " + "; ".join(f"TeX: {error}" for error in errors)
