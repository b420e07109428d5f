"""The PDF and EPUB volume: Sphinx's LaTeX and EPUB builders configured from the data.

- the PDF's root is ``volume``, a page of ``proc:volume`` parts (volume/directive.py):
  per event a proceedings volume with its front matter, papers and abstracts,
  references and author index; the EPUB's root is ``ebook``, the book's pages
  in a tree (book/pages.py);
- ``latex_documents``, authors (the organizers), XeLaTeX with fonts for accented
  and CJK names, the PDF's metadata and the volume's macros are derived from
  the data unless ``conf.py`` sets them;
- post-transforms for these builders only: remote images (speaker photos) are
  dropped, links to files of the published site become absolute URLs, and each
  bibliography stays where the HTML shows it (Sphinx's LaTeX writer would move
  every citation to the end of the book).
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urljoin, urlsplit
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.latex.nodes import thebibliography
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import texescape

from sphinx_proceedings.book.builders import builds_volume, is_volume_builder
from sphinx_proceedings.book.config import read_config, site_url
from sphinx_proceedings.book.pages import EBOOK, VOLUME, VOLUME_CLASS, write_pages
from sphinx_proceedings.book.state import _pending, get_index, load_for_build
from sphinx_proceedings.data.index import ProceedingsIndex
from sphinx_proceedings.volume.directive import VolumeDirective
from sphinx_proceedings.volume.ebook import setup_ebook
from sphinx_proceedings.volume.front import editors as volume_editors
from sphinx_proceedings.volume.papers import setup_papers
from sphinx_proceedings.volume.tex import PREAMBLE, tex

VOLUME_TEX = "proceedings.tex"  # latexmk makes proceedings.pdf of it (Read the Docs names it by -jobname)
CANONICAL_URL_ENV = "READTHEDOCS_CANONICAL_URL"
BIB_GROUP = "proc_bibliography_group"
_former_roots: WeakKeyDictionary[Sphinx, str] = WeakKeyDictionary()  # EPUB builds: the project's own root

# FreeSerif/FreeSans/FreeMono (Sphinx's XeLaTeX default, Debian's fonts-freefont-otf) cover Latin with
# accents, Greek and Cyrillic; xeCJK sets Chinese, Japanese and Korean in Noto CJK (fonts-noto-cjk).
CJK_FONTS = r"""
\usepackage{xeCJK}
\setCJKmainfont{Noto Serif CJK SC}[AutoFakeSlant]
\setCJKsansfont{Noto Sans CJK SC}[AutoFakeSlant]
\setCJKmonofont{Noto Sans Mono CJK SC}[AutoFakeSlant]
% Western quotes, dashes and ellipses stay in the text font.
\xeCJKDeclareCharClass{Default}{"2013 -> "201F, "2026}
"""
# Page anchors are numbered absolutely: each event's part numbers its pages from 1 again.
HYPERREF = r"""
\usepackage[hypertexnames=false]{hyperref}
\usepackage{hypcap}
\urlstyle{same}
"""
# The stamp on a paper's own pages: the event and the paper's pages on the left, the page number on the right.
PAPER_PAGES = r"""
\newcommand{\procstamp}{}
\fancypagestyle{procpaper}{\fancyhf{}\renewcommand{\headrulewidth}{0pt}\renewcommand{\footrulewidth}{0pt}%
  \fancyfoot[L]{\small\procstamp}\fancyfoot[R]{\small\thepage}}
"""
# Bibliographies stay where the pages put them: a list without the chapter heading of thebibliography.
BIBLIOGRAPHY_IN_PLACE = r"""
\makeatletter
\renewenvironment{sphinxthebibliography}[1]
  {\let\chapter\@gobbletwo\let\@mkboth\@gobbletwo\begin{thebibliography}{#1}}
  {\end{thebibliography}}
\makeatother
"""


def setup_latex(app: Sphinx) -> None:
    app.connect("config-inited", _site_url_from_environment, priority=440)
    app.connect("config-inited", _configure_volume, priority=500)
    app.connect("builder-inited", _write_volume, priority=600)
    app.connect("builder-inited", _epub_settings, priority=400)
    app.connect("env-updated", _former_root_is_orphan)
    app.add_directive_to_domain("proc", "volume", VolumeDirective)
    setup_papers(app)
    setup_ebook(app)
    app.add_transform(NestVolumeToctrees)
    app.add_post_transform(DropRemoteImages)
    app.add_post_transform(AbsoluteLinks)
    app.add_post_transform(MarkBibliographies)
    app.add_post_transform(RestoreBibliographies)


def _raw(config: Config) -> dict[str, Any]:
    return getattr(config, "_raw_config", {})


def _site_url_from_environment(app: Sphinx, config: Config) -> None:
    """On Read the Docs the published site's URL comes from READTHEDOCS_CANONICAL_URL."""
    canonical = os.environ.get(CANONICAL_URL_ENV, "")
    if canonical and "proceedings_site_url" not in _raw(config):
        config.proceedings_site_url = canonical
    site = str(config.proceedings_site_url)
    if site and "html_baseurl" not in _raw(config):
        config.html_baseurl = site


# --- configuration ------------------------------------------------------------


def _configure_volume(app: Sphinx, config: Config) -> None:
    index = _pending.get(app) or load_for_build(app)  # loaded at priority 450 (book/extension.py)
    raw = _raw(config)
    generated = read_config(config).generated_dir
    engine = config.latex_engine = raw.get("latex_engine", "xelatex")
    texescape.init()
    title = volume_title(index, config)
    editors = volume_editors(index, index.proceedings.events)
    if "latex_documents" not in raw:
        config.latex_documents = [
            (
                f"{generated}/{VOLUME}",
                VOLUME_TEX,
                texescape.escape(title, engine),
                r" \and ".join(texescape.escape(name, engine) for name in editors),
                "manual",
            )
        ]
    defaults = {
        "latex_use_xindy": False,  # the author index is sorted in Python (volume/contents.py)
        "latex_toplevel_sectioning": "section",  # pages the volume includes (references) sit inside an event
        "latex_show_urls": "footnote",  # the links of abstracts and bios are printed
        "latex_domain_indices": False,
    }
    for name, value in defaults.items():
        if name not in raw:
            setattr(config, name, value)
    derived = {
        "extraclassoptions": "openany,oneside",
        "fontpkg": _default_fontpkg(engine) + (CJK_FONTS if engine == "xelatex" else ""),
        "fncychap": "",
        "hyperref": HYPERREF,
        "preamble": BIBLIOGRAPHY_IN_PLACE + PREAMBLE + PAPER_PAGES + pdf_metadata(index, title, editors, engine),
        "maketitle": "",  # the volume sets its own title pages, contents and index (volume/directive.py)
        "tableofcontents": "",
        "makeindex": "",
        "printindex": "",
    }
    config.latex_elements = {**derived, **(config.latex_elements or {})}
    if "epub_title" not in raw:
        config.epub_title = title
    if "epub_author" not in raw and editors:
        config.epub_author = ", ".join(editors)


def _default_fontpkg(engine: str) -> str:
    from sphinx.builders.latex.constants import ADDITIONAL_SETTINGS, DEFAULT_SETTINGS

    return str(ADDITIONAL_SETTINGS.get(engine, {}).get("fontpkg", DEFAULT_SETTINGS["fontpkg"]))


def volume_title(index: ProceedingsIndex, config: Config) -> str:
    """The project's name if conf.py gives one, else the series', else the events' titles."""
    if "project" in _raw(config):
        return str(config.project)
    series = index.proceedings.series
    if series is not None:
        return series.title
    return " · ".join(e.event.title for e in index.proceedings.events) or str(config.project)


def pdf_metadata(index: ProceedingsIndex, title: str, editors: list[str], engine: str) -> str:
    """Title, Author (the editors), Subject, Keywords and language of the PDF; hyperxmp writes them as XMP too."""
    events = index.proceedings.events
    subject = "Proceedings of " + "; ".join(e.event.title for e in events)
    keywords = dict.fromkeys(k for e in events for c in e.contributions for k in c.keywords)
    language = events[0].event.language if events else "en"
    # hyperxmp splits pdfauthor at commas: a name with a comma in it is braced.
    authors = ", ".join("{" + tex(n) + "}" if "," in n else tex(n) for n in editors)
    setup = (
        rf"\hypersetup{{pdftitle={{{tex(title)}}},pdfauthor={{{authors}}},pdfsubject={{{tex(subject)}}},"
        rf"pdfkeywords={{{tex(', '.join(keywords))}}},pdflang={{{tex(language)}}}}}"
    )
    if engine == "xelatex":
        # hyperxmp (TeX Live 2022) keeps authors and keywords in the XMP but drops them from the document
        # information that pdfinfo and most readers show: xdvipdfmx is given them as UTF-16 strings.
        info = {"Author": ", ".join(editors), "Keywords": ", ".join(keywords)}
        entries = "".join(
            f"/{key} <FEFF{value.encode('utf-16-be').hex().upper()}>" for key, value in info.items() if value
        )
        if entries:
            setup += rf"\special{{pdf:docinfo <<{entries}>>}}"
    # hyperxmp reads the metadata when the document begins.
    return rf"\AtBeginDocument{{{setup}}}" + "\n"


def _write_volume(app: Sphinx) -> None:
    """For the PDF and EPUB: the volume pages (after book/extension.py wrote the HTML ones)."""
    if is_volume_builder(app):
        settings = read_config(app.config)
        write_pages(get_index(app.env), app.srcdir / settings.generated_dir, app.verbosity, volume=True)


def _epub_settings(app: Sphinx) -> None:
    """The EPUB is rooted in the volume; EPUB3 wants a version and a copyright line (checked at priority 500)."""
    if not is_volume_builder(app) or app.builder.format == "latex":
        return
    raw = _raw(app.config)
    index = _pending.get(app) or load_for_build(app)  # bound to the environment only at priority 500
    if "root_doc" not in raw:
        _former_roots[app] = app.config.root_doc
        app.config.root_doc = f"{read_config(app.config).generated_dir}/{EBOOK}"
    if "epub_tocscope" not in raw:
        # With the "default" scope Sphinx writes nav.xhtml and toc.ncx links relative to the root document,
        # which sits in the generated folder, so every link missed that folder. "includehidden" reuses the
        # spine's links, which Sphinx does make relative to the EPUB's top; the volume's toctrees are all
        # visible (book/pages.py), so the entries are the same.
        app.config.epub_tocscope = "includehidden"
    years = sorted({e.event.start.year for e in index.proceedings.events if e.event.start})
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else "".join(map(str, years))
    if not app.config.version and span:
        app.config.version = span
    if not app.config.epub_copyright and not app.config.copyright:
        holder = (
            str(app.config.author) if "author" in raw else ", ".join(volume_editors(index, index.proceedings.events))
        )
        app.config.epub_copyright = ", ".join(part for part in (span, holder) if part)


def _former_root_is_orphan(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The project's own root page is not part of the EPUB volume, which is rooted in ``volume``."""
    former = _former_roots.get(app)
    if former and former in env.metadata:
        env.metadata[former]["orphan"] = True
    return []


# --- transforms ---------------------------------------------------------------


class NestVolumeToctrees(SphinxTransform):
    """Put a volume toctree inside the page's section, so that its pages nest under it in the book."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        for wrapper in list(self.document.findall(nodes.compound)):
            if VOLUME_CLASS not in wrapper["classes"] or wrapper.parent is not self.document:
                continue
            at = self.document.index(wrapper)
            sections = [n for n in self.document.children[:at] if isinstance(n, nodes.section)]
            if sections:
                self.document.remove(wrapper)
                sections[-1] += wrapper


class VolumePostTransform(SphinxPostTransform):
    @property
    def builder(self) -> Builder | type[Builder]:
        """The builder (Sphinx 9 deprecates a transform's ``app``; before 9 there is no ``_builder_cls``)."""
        return getattr(self.env, "_builder_cls", None) or self.app.builder

    def is_supported(self) -> bool:
        return builds_volume(self.builder)


class DropRemoteImages(VolumePostTransform):
    """Speaker photos on other sites cannot go into the PDF or EPUB (the HTML keeps them)."""

    default_priority = 90  # before Sphinx's ImageDownloader (100)

    def run(self, **kwargs: Any) -> None:
        if self.builder.supported_remote_images:
            return
        for image in list(self.document.findall(nodes.image)):
            if urlsplit(image["uri"]).scheme:
                image.parent.remove(image)


class AbsoluteLinks(VolumePostTransform):
    """Links to files of the site (slides, downloads, calendars) point at the published site."""

    default_priority = 20

    def run(self, **kwargs: Any) -> None:
        site = site_url(self.config)
        for download in list(self.document.findall(addnodes.download_reference)):
            if site and download.get("filename"):
                url = urljoin(site, f"_downloads/{download['filename']}")
                download.replace_self(nodes.reference("", "", *download.children, refuri=url))
        for ref in list(self.document.findall(nodes.reference)):
            uri = ref.get("refuri", "")
            if not uri or ref.get("internal") or uri.startswith(("#", "%")) or urlsplit(uri).scheme:
                continue
            if site:
                ref["refuri"] = urljoin(urljoin(site, self.docname_of(ref) + ".html"), uri)
            else:
                ref.replace_self(nodes.inline("", "", *ref.children))

    def docname_of(self, node: nodes.Node | None) -> str:
        """The page a node comes from; in the LaTeX builder's one big tree its sections carry it."""
        while node is not None:
            if isinstance(node, nodes.Element) and node.get("docname"):
                return str(node["docname"])
            node = node.parent
        return self.env.docname


class MarkBibliographies(SphinxPostTransform):
    """Before Sphinx gathers citations at the end (priority 750): leave a placeholder where each list was."""

    default_priority = 740
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        group = 0
        for citation in list(self.document.findall(nodes.citation)):
            parent = citation.parent
            at = parent.index(citation)
            previous = parent[at - 1] if at else None
            if not isinstance(previous, nodes.citation):
                group += 1
                bibliography = thebibliography()
                bibliography[BIB_GROUP] = group
                parent.insert(at, bibliography)
            citation[BIB_GROUP] = group


class RestoreBibliographies(SphinxPostTransform):
    """After Sphinx gathered the citations: move each back into its placeholder."""

    default_priority = 760
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        places = {n[BIB_GROUP]: n for n in self.document.findall(thebibliography) if BIB_GROUP in n}
        for citation in list(self.document.findall(nodes.citation)):
            place = places.get(citation.get(BIB_GROUP))
            if place is not None:
                citation.parent.remove(citation)
                place += citation
        for node in list(self.document.findall(thebibliography)):
            if not node.children:
                node.parent.remove(node)
