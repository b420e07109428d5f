project = "Demo Proceedings with DOIs"
extensions = ["sphinx_proceedings"]
proceedings_site_url = "https://proceedings.example.org/demo/"
