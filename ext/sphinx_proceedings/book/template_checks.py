"""The theme's emptiness check, skipped for templates that cannot render empty.

For every page pydata-sphinx-theme renders each template of the header, footer and sidebar sections
once to see whether it comes out empty (and drops it if so), then the page renders them again. A
template whose top level writes literal text cannot come out empty: its top level always runs, and that
text is printed whatever the context. Those are found once per build from the template's own syntax
tree (a template that extends another prints its parent instead and is always checked) and passed to
the theme as templates to keep unchecked; every other template is checked as before. So is a template
that calls, itself or in a template it includes or imports, a context function that counts its calls
(the theme's ``unique_html_id``): the check's render takes the first id, and the page's own render the
next. With
sphinx-book-theme that skips rendering the article's header buttons (the page's table of contents
among them) once more for every page.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, TemplateNotFound, TemplateSyntaxError, nodes
from sphinx.application import Sphinx

# Context functions whose every call changes what the next returns: the check must still call them.
COUNTING_FUNCTIONS = frozenset({"unique_html_id"})


def setup_template_checks(app: Sphinx) -> None:
    app.connect("builder-inited", _skip_needless_checks)
    app.connect("build-finished", _restore_the_theme_s_check)


def _skip_needless_checks(app: Sphinx) -> None:
    try:
        from pydata_sphinx_theme import utils
    except ImportError:  # another theme: nothing is checked
        return
    check = _the_theme_s_own(utils._update_and_remove_templates)  # an earlier build's may not have finished
    environment = _template_environment(app)
    if isinstance(environment, Environment):
        utils._update_and_remove_templates = SkippingNeedlessChecks(check, environment)
    else:
        utils._update_and_remove_templates = check


def _restore_the_theme_s_check(app: Sphinx, exception: BaseException | None) -> None:
    try:
        from pydata_sphinx_theme import utils
    except ImportError:
        return
    utils._update_and_remove_templates = _the_theme_s_own(utils._update_and_remove_templates)


def _the_theme_s_own(check: Callable[..., list[str]]) -> Callable[..., list[str]]:
    return check.check if isinstance(check, SkippingNeedlessChecks) else check


def _template_environment(app: Sphinx) -> Any:
    return getattr(getattr(app.builder, "templates", None), "environment", None)


class SkippingNeedlessChecks:
    """The theme's check, told to keep the templates that always print text without rendering them."""

    def __init__(self, check: Callable[..., list[str]], environment: Environment) -> None:
        self.check = check
        self.environment = environment
        self.prints_text: dict[str, bool] = {}  # by template name, for the build
        self.trees: dict[str, nodes.Template | None] = {}  # each parsed once, however many include it

    def __call__(
        self,
        app: Sphinx,
        context: dict[str, Any],
        templates: list[str] | str,
        section: str,
        templates_skip_empty_check: list[str] | None = None,
    ) -> list[str]:
        if _template_environment(app) is not self.environment:
            # A page of another application (this one's build has not put the theme's check back yet).
            return self.check(app, context, templates, section, templates_skip_empty_check=templates_skip_empty_check)
        names = [name.strip() for name in templates.split(",")] if isinstance(templates, str) else list(templates)
        suffixed = [name if os.path.splitext(name)[1] else f"{name}.html" for name in names]
        # The theme skips a template when its name ends with a listed one: list a name only when every
        # template of the section it would skip prints text.
        unchecked = [
            name
            for name in suffixed
            if all(self.always_prints_text(other) for other in suffixed if other.endswith(name))
        ]
        skip = [*(templates_skip_empty_check or []), *unchecked]
        return self.check(app, context, templates, section, templates_skip_empty_check=skip)

    def always_prints_text(self, name: str) -> bool:
        known = self.prints_text.get(name)
        if known is None:
            known = _top_level_prints_text(self.syntax_tree(name)) and not self.counts_calls(name, set())
            self.prints_text[name] = known
        return known

    def syntax_tree(self, name: str) -> nodes.Template | None:
        if name not in self.trees:
            self.trees[name] = _parse(self.environment, name)
        return self.trees[name]

    def counts_calls(self, name: str, seen: set[str]) -> bool:
        """Whether the template, or one it includes or imports, names a counting function (True when unknown)."""
        if name in seen:
            return False
        seen.add(name)
        tree = self.syntax_tree(name)
        if tree is None:
            return True
        if any(node.name in COUNTING_FUNCTIONS for node in tree.find_all(nodes.Name)):
            return True
        for node in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport)):
            template = getattr(node, "template", None)  # the three share the field, not a class that declares it
            if not (isinstance(template, nodes.Const) and isinstance(template.value, str)):
                return True  # a name known only when the page renders
            if self.counts_calls(template.value, seen):
                return True
        return False


def _parse(environment: Environment, name: str) -> nodes.Template | None:
    loader = environment.loader
    if loader is None:
        return None
    try:
        source, filename, _ = loader.get_source(environment, name)
        return environment.parse(source, name, filename)
    except (TemplateNotFound, TemplateSyntaxError):  # the theme's own check renders it and reports the error
        return None


def _top_level_prints_text(tree: nodes.Template | None) -> bool:
    """Whether the template's top level (which always runs) writes literal text other than whitespace."""
    if tree is None or tree.find(nodes.Extends) is not None:
        return False
    return any(
        isinstance(node, nodes.Output)
        and any(isinstance(part, nodes.TemplateData) and part.data.strip() for part in node.nodes)
        for node in tree.body
    )
