"""sphinx-proceedings: turn workshop and conference data into a proceedings book."""

from __future__ import annotations

__version__ = "0.1.0"
