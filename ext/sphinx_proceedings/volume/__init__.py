"""The PDF and EPUB volume: Sphinx's LaTeX and EPUB builders configured from the data."""
