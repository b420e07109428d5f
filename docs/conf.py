"""Sphinx configuration of sphinx-proceedings' own documentation (built with `sphinx-build -nW --keep-going`)."""

import sys
from pathlib import Path

from sphinx_proceedings import __version__

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinx-proceedings"
author = "The sphinx-proceedings contributors"
copyright = "2024–2025, the sphinx-proceedings contributors"
release = version = __version__

extensions = ["myst_parser", "schema_reference", "config_reference", "cli_reference"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# examples/ holds snippets that tests/test_docs.py builds inside a real project; the pages include them.
exclude_patterns = ["_build", "examples", "schemas", "README.md"]

html_theme = "sphinx_book_theme"
html_title = "sphinx-proceedings"
html_theme_options = {"path_to_docs": "docs"}
