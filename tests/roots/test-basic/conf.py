project = "Demo Proceedings"
extensions = ["sphinx_proceedings"]
