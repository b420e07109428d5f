"""A failed TeX run is reported with its errors quoted, never with a pointer to a log that is gone."""

from __future__ import annotations

from pathlib import Path

from sphinx_proceedings.volume.texlog import MAX_ERRORS, failure_message, tex_errors

# The end of a real XeLaTeX log of a photo too large to print.
LOG = r"""This is XeTeX, Version 3.141592653-2.6-0.999995 (TeX Live 2023/Debian) (preloaded format=xelatex)
(./proceedings.tex
LaTeX2e <2023-11-01> patch level 1
File: huge.png Graphic file (type bmp)
<huge.png>

! Dimension too large.
<to be read again>
                   \relax
l.842 ...ics[width=3cm]{huge.png}

I can't work with sizes bigger than about 19 feet.
Continue and I'll use the largest value I can.

! Emergency stop.
<*> proceedings.tex

*** (job aborted, no legal \end found)
"""


def test_errors_are_quoted_with_their_line(tmp_path: Path) -> None:
    log = tmp_path / "proceedings.log"
    log.write_text(LOG, encoding="utf-8")
    assert tex_errors(log) == ["Dimension too large. (l.842 ...ics[width=3cm]{huge.png})", "Emergency stop."]
    message = failure_message("latexmk failed", log)
    assert message.startswith("latexmk failed: TeX: Dimension too large.")
    assert ".log" not in message and str(tmp_path) not in message


def test_a_missing_log_says_so_without_naming_it(tmp_path: Path) -> None:
    message = failure_message("latexmk failed", tmp_path / "gone.log")
    assert message == "latexmk failed; TeX wrote no error line"


def test_at_most_a_few_errors_are_quoted(tmp_path: Path) -> None:
    log = tmp_path / "proceedings.log"
    log.write_text("".join(f"! Undefined control sequence {i}.\nl.{i} \\oops\n" for i in range(50)), encoding="utf-8")
    assert len(tex_errors(log)) == MAX_ERRORS
