project = "Hostile Input Proceedings"
extensions = ["sphinx_proceedings"]
