"""Citations of the proceedings: BibTeX entries, RIS and CSL-JSON, and the book's bibliography style."""
