"""The default proceedings book: four ML-systems workshops, 2017–2020."""

project = "ML Systems Workshops 2017–2020"
author = "The workshop organizers"
extensions = ["sphinx_proceedings"]
html_theme = "sphinx_book_theme"
html_title = "ML Systems Workshops 2017–2020"
exclude_patterns = ["_build", "README.md", "SOURCES.md"]

# The data keeps a few disagreements between its sources visible on purpose (README, SOURCES.md);
# `proceedings check proceedings` lists them, the book build does not repeat them.
suppress_warnings = ["proceedings.dates", "proceedings.schedule", "proceedings.names"]
