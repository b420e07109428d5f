# Added to the project's conf.py: a stylesheet of your own and the theme's options.
html_static_path = ["_static"]
html_css_files = ["custom.css"]
html_logo = "_static/logo.svg"
html_theme_options = {
    "repository_url": "https://github.com/YOU/my-workshop",
    "use_repository_button": True,
    "show_toc_level": 2,
}
