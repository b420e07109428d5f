"""The page's own table of contents ("On this page"), made without BeautifulSoup where Sphinx's HTML is plain.

pydata-sphinx-theme's ``generate_toc_html`` parses Sphinx's HTML of the page's table of contents
(``toc`` in the page's context) with BeautifulSoup, adds its classes and hands the result to three
templates per page, which print it: the print view, the check whether the secondary sidebar is empty,
the sidebar itself. For a book of generated pages that is about 4 % of a build. Where that HTML holds
only what Sphinx writes for section titles of plain text (nested lists of internal links), this module
takes the theme's steps on a small tree of its own and prints, once, the bytes BeautifulSoup prints.
Anything else (markup in a title, a form of HTML this module does not know) goes to the theme's
function, and so does any use of the result beyond printing it, measuring it and testing it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

THEME_TOC_KIND = "html"  # the kind that returns what the templates print (the other returns the whole soup)

# What Sphinx writes for the table of contents of plain titles. docutils escapes & < > " and @ in text
# (``HTMLTranslator.special_characters``); any other tag, attribute or entity leaves the theme to parse it.
_TOKENS = re.compile(
    r'<(?P<open>ul|li)>|<a class="reference internal" href="(?P<href>#[A-Za-z0-9_.:-]*)">'
    r"|</(?P<close>ul|li|a)>|(?P<text>[^<&]+)|(?P<entity>&(?:amp|lt|gt|quot|#64);)|(?P<other>.)",
    re.DOTALL,
)
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#64;": "@"}
_ESCAPED = re.compile("[&<>]")  # what BeautifulSoup's "minimal" formatter escapes in text
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ASCII_SPACES = " \n\t\x0c\r"


def printed_once(theirs: Callable[..., Any], context: dict[str, Any]) -> Callable[..., Any]:
    """A ``generate_toc_html`` for the page's context that answers plain tables of contents itself."""

    @cache
    def generate_toc_html(*args: Any, **kwargs: Any) -> Any:
        # Any other call (another kind, arguments the theme's function does not take) is the theme's.
        kind = _kind_asked_for(args, kwargs)
        tree = _parse(context["toc"]) if kind == THEME_TOC_KIND and "toc" in context else None
        if tree is None:
            return theirs(*args, **kwargs)  # called as ours was: the theme remembers its answer by arguments
        shown = _theme_selection(tree, context["theme_show_toc_level"])
        if shown is None:
            return ""
        return PrintedToc(_print(shown), len(shown.children), lambda: theirs(*args, **kwargs))

    return generate_toc_html


def _kind_asked_for(args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """The ``kind`` of a call as the theme's ``generate_toc_html(kind="html")`` takes it; None for any other."""
    if not args and not kwargs:
        return THEME_TOC_KIND
    if len(args) == 1 and not kwargs:
        return args[0]
    return kwargs["kind"] if not args and set(kwargs) == {"kind"} else None


class PrintedToc:
    """What the theme's function returns, as its templates use it: printed, measured, tested for truth.

    Any other use (a project's own template calling BeautifulSoup's methods on it) gets the theme's
    own result.
    """

    __slots__ = ("_html", "_length", "_theirs")

    def __init__(self, html: str, length: int, theirs: Callable[[], Any]) -> None:
        self._html, self._length, self._theirs = html, length, theirs

    def __str__(self) -> str:  # no __html__: escaped where a template escapes, as a BeautifulSoup tag is
        return self._html

    def __len__(self) -> int:  # a BeautifulSoup tag's length: its children
        return self._length

    def __bool__(self) -> bool:  # a BeautifulSoup tag is true, even an empty one
        return True

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in self.__slots__:  # copy and pickle look before the slots are set
            raise AttributeError(name)
        return getattr(self._theirs(), name)


@dataclass
class _Element:
    tag: str  # "ul", "li", "a"; "" for the document around them
    href: str | None = None
    classes: list[str] = field(default_factory=list)
    children: list[_Element | str] = field(default_factory=list)

    def descendants(self) -> Iterator[_Element]:  # elements in document order, as BeautifulSoup walks them
        for child in self.children:
            if isinstance(child, _Element):
                yield child
                yield from child.descendants()

    def child_elements(self, tag: str) -> list[_Element]:
        return [child for child in self.children if isinstance(child, _Element) and child.tag == tag]

    def find(self, tag: str) -> _Element | None:
        return next((e for e in self.descendants() if e.tag == tag), None)

    def with_class(self, name: str) -> list[_Element]:
        return [e for e in self.descendants() if name in e.classes]


def _parse(html: str) -> _Element | None:
    """The tree of a plain table of contents, or None when the HTML holds anything else."""
    document = _Element("")
    open_elements = [document]
    for token in _TOKENS.finditer(html):
        parent = open_elements[-1]
        if token["open"] or token["href"] is not None:
            element = (
                _Element(token["open"]) if token["open"] else _Element("a", token["href"], ["reference", "internal"])
            )
            parent.children.append(element)
            open_elements.append(element)
        elif token["close"]:
            if parent.tag != token["close"]:
                return None
            open_elements.pop()
        elif token["other"] is not None:
            return None
        else:
            text = token["text"] or _ENTITIES[token["entity"]]
            if parent.children and isinstance(parent.children[-1], str):  # one string, as the parser makes it
                parent.children[-1] += text
            else:
                parent.children.append(text)
    return document if len(open_elements) == 1 else None


def _theme_selection(document: _Element, show_toc_level: int) -> _Element | None:
    """pydata-sphinx-theme's steps (``generate_toc_html``): its classes, then the part it shows (None: nothing)."""

    def add_header_level(ul: _Element | None, level: int) -> None:
        if ul is None:
            return
        if level <= show_toc_level + 1:
            ul.classes.append("pst-show_toc_level")
        for li in ul.child_elements("li"):
            li.classes.append(f"toc-h{level}")
            add_header_level(next(iter(li.child_elements("ul")), None), level + 1)

    add_header_level(document.find("ul"), 1)
    for element in document.descendants():
        if element.tag == "ul":
            element.classes += ["nav", "section-nav", "flex-column"]
    for li in [e for e in document.descendants() if e.tag == "li"]:
        li.classes += ["nav-item", "toc-entry"]
        link = li.find("a")
        if link is not None:
            link.classes.append("nav-link")
    # One h1 is the page's title: the theme shows the list below it, or nothing without subsections.
    titles = document.with_class("toc-h1")
    if len(titles) != 1:
        return document
    return titles[0].find("ul") if titles[0].with_class("toc-h2") else None


def _print(node: _Element | str) -> str:
    """As BeautifulSoup prints it (attributes in alphabetical order); the document as its children."""
    if isinstance(node, str):
        if not node.strip(_ASCII_SPACES):  # BeautifulSoup keeps a string of ASCII spaces as one space or newline
            return "\n" if "\n" in node else " "
        return _ESCAPED.sub(lambda m: _ESCAPES[m[0]], node)
    inside = "".join(_print(child) for child in node.children)
    if not node.tag:
        return inside
    attributes = f' class="{" ".join(node.classes)}"' if node.classes else ""
    if node.href is not None:
        attributes += f' href="{node.href}"'
    return f"<{node.tag}{attributes}>{inside}</{node.tag}>"
