project = "Authoring"
extensions = ["sphinx_proceedings"]
# The data comes from tests/roots/test-basic (the fixture copies it in).
