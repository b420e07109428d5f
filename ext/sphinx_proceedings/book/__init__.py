"""The Sphinx extension that renders the HTML book: config, the ``proc`` domain, directives, generated pages."""
