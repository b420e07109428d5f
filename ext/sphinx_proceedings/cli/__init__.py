"""The ``proceedings`` command: one module per command family, and the build it runs."""
