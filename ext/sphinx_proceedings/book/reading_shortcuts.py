"""Reading work Sphinx repeats for every document, skipped or shared where that changes no byte of the book.

A generated page (book/pages.py) holds nothing but calls of the extension's directives, toctrees and
bibliographies, and every node the directives return is marked ``support_smartquotes = False``
(directives/base.py): the bibliographies are nested inside them and filled in after reading, toctrees
hold no text. Sphinx's SmartQuotes transform still walks every text node of such a page and finds each
one excluded; with the document's ``smart_quotes`` setting off (what ``SphinxSmartQuotes.is_available``
checks first) it returns at once. Pages written by hand keep smart quotes as configured, and so do
generated pages when ``rst_prolog`` or ``rst_epilog`` adds text of the project's to every page.

Sphinx also builds each document's docutils settings from scratch: a new optparse parser of every
option of the reader and the parser, and the docutils configuration files read again. The result
depends only on those components, Sphinx's defaults and the configuration files, so it is built once
per combination and each document gets its own copy (as docutils' own copies are made).

And Sphinx's reST parser builds a new docutils state machine for every document: fifteen states, each
compiling its transitions, a third of the time it takes to parse a generated page. docutils runs one
machine over many inputs one after the other (its nested parsers keep theirs for reuse, and ``run``
starts afresh each time), so generated pages share machines that are not in use. That includes the
machine a run of explicit markup (the marker comment, then the page's directive) is parsed with, which
docutils builds anew each time too. Both are let go when the build finishes: a later build of the process
starts afresh (a changed ``docutils.conf``, another application).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, cast

from docutils import nodes
from docutils.frontend import Values
from docutils.parsers.rst import states
from docutils.statemachine import StringList, string2lines
from sphinx.application import Sphinx
from sphinx.parsers import RSTParser
from sphinx.transforms import SphinxTransform
from sphinx.util import docutils as sphinx_docutils

from sphinx_proceedings.book.pages import MARKER_LINE

GENERATED_PAGE = "proceedings_generated_page"  # set in the data of the document being read when it is one


def setup_reading_shortcuts(app: Sphinx) -> None:
    app.connect("source-read", _note_generated_page)
    app.add_transform(GeneratedPageQuotes)
    if app.registry.source_parsers.get("restructuredtext") in (None, RSTParser):  # not another extension's
        app.add_source_parser(GeneratedPageParser, override=True)
    _share_document_settings()
    app.connect("build-finished", _let_go_of_the_build)


def _let_go_of_the_build(app: Sphinx, exception: BaseException | None) -> None:
    GeneratedPageParser.idle.clear()
    if isinstance(sphinx_docutils._get_settings, SharedSettings):
        sphinx_docutils._get_settings.built.clear()  # its defaults hold the environment, which holds the app


def is_generated_source(source: str) -> bool:
    """Whether ``source`` is a page book/pages.py wrote (those start with the marker)."""
    return source.startswith(MARKER_LINE)


def _note_generated_page(app: Sphinx, docname: str, source: list[str]) -> None:
    # The source is looked at, not the folder: a page someone put in the generated folder by hand is theirs.
    if is_generated_source(source[0]):
        app.env.current_document[GENERATED_PAGE] = True


class GeneratedPageQuotes(SphinxTransform):
    """Switch smart quotes off for a generated page before SmartQuotes (priority 750) looks at the setting."""

    default_priority = 100  # any time after parsing, which the source-read listener precedes

    def apply(self, **kwargs: Any) -> None:
        if self.env.current_document.get(GENERATED_PAGE) and not (self.config.rst_prolog or self.config.rst_epilog):
            self.document.settings.smart_quotes = False


class GeneratedPageParser(RSTParser):
    """Sphinx's reST parser; a generated page is parsed by a state machine kept from an earlier page."""

    # Idle machines by what they were built with; one is taken out while it parses, so a parse that
    # starts another (a directive reading a page) builds its own.
    idle: ClassVar[dict[tuple[Any, ...], list[states.RSTStateMachine]]] = {}

    def parse(self, inputstring: str | StringList, document: nodes.document) -> None:
        env = getattr(document.settings, "env", None)
        if env is None or not env.current_document.get(GENERATED_PAGE) or not isinstance(inputstring, str):
            super().parse(inputstring, document)
            return
        # As RSTParser.parse does, with the machine taken from the idle ones.
        self.setup_parse(inputstring, document)
        state_classes = tuple(Body if c is states.Body else c for c in self.state_classes)
        key = (state_classes, self.initial_state, document.reporter.debug_flag)
        idle = self.idle.setdefault(key, [])
        machine = idle.pop() if idle else None
        if machine is None:
            machine = states.RSTStateMachine(state_classes, self.initial_state, debug=key[2])
        self.statemachine = machine
        lines = string2lines(inputstring, tab_width=document.settings.tab_width, convert_whitespace=True)
        inputlines = StringList(lines, document.current_source)
        self.decorate(inputlines)
        machine.run(inputlines, document, inliner=self.inliner)
        idle.append(machine)  # only after a run that finished: a failed one may have left it midway
        self.finish_parse()


class Body(states.Body):
    """The body state of a generated page's machine: it keeps the machine explicit markup is parsed with.

    Named as docutils' own: a state machine finds its states by class name.
    """

    explicit_machine: states.NestedStateMachine | None = None

    def explicit_list(self, blank_finish: bool) -> None:
        # As Body.explicit_list, with the nested machine taken out while it runs and kept for the next page.
        machine, self.explicit_machine = self.explicit_machine, None
        if machine is None:
            kwargs = {**self.nested_sm_kwargs, "initial_state": "Explicit"}
            machine = self.nested_sm(debug=self.debug, parent_state_machine=self.state_machine, **kwargs)
        explicit: Any = machine.states["Explicit"]  # an Explicit state, which has blank_finish
        explicit.blank_finish = blank_finish
        lines = cast(StringList, self.state_machine.input_lines)  # set while the machine runs
        offset = self.state_machine.line_offset + 1  # the next line
        input_offset = self.state_machine.abs_line_offset() + 1
        machine.run(lines[offset:], input_offset, self.memo, self.parent, match_titles=False)
        blank_finish, newline_offset = explicit.blank_finish, machine.abs_line_offset()
        _forget_page(machine)
        self.explicit_machine = machine
        self.goto_line(newline_offset)
        if not blank_finish:
            self.parent += self.unindent_warning("Explicit markup")


def _forget_page(machine: Any) -> None:
    """Let go of the page a kept nested machine last parsed (docutils leaves it referenced)."""
    machine.memo = machine.document = machine.node = None


def _share_document_settings() -> None:
    """Wrap the function Sphinx reads every document's settings with (once per process)."""
    build = getattr(sphinx_docutils, "_get_settings", None)
    if build is None or isinstance(build, SharedSettings):  # another Sphinx, or wrapped already
        return
    sphinx_docutils._get_settings = SharedSettings(build)


class SharedSettings:
    """docutils settings built once per components, defaults and configuration files; a copy per call."""

    def __init__(self, build: Callable[..., Values]) -> None:
        self.build = build
        self.built: dict[object, tuple[list[tuple[type, Any]], dict[str, Any], Values]] = {}

    def __call__(self, *components: Any, defaults: Mapping[str, Any], read_config_files: bool = False) -> Values:
        specs: list[tuple[type, Any]] = [
            (c if isinstance(c, type) else type(c), getattr(c, "settings_spec", None)) for c in components
        ]
        # The configuration files docutils reads: named by DOCUTILSCONFIG or relative to the working folder.
        try:
            here = os.getcwd()
        except OSError:  # the working folder is gone: build as Sphinx does
            return self.build(*components, defaults=defaults, read_config_files=read_config_files)
        key = (read_config_files, here, os.environ.get("DOCUTILSCONFIG"), tuple(t for t, _ in specs))
        known = self.built.get(key)
        if known is None or known[0] != specs or known[1] != defaults:
            values = self.build(*components, defaults=defaults, read_config_files=read_config_files)
            self.built[key] = (specs, dict(defaults), values)
            return _copy(values)
        return _copy(known[2])


def _copy(values: Values) -> Values:
    """A copy with its own (empty) dependency list, as every freshly built settings object has."""
    fields = {name: value for name, value in vars(values).items() if name != "record_dependencies"}
    with warnings.catch_warnings(action="ignore", category=DeprecationWarning):  # docutils 2 drops Values
        return Values(fields)
