"""The extension's configuration values, declared once with defaults, types and descriptions."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from sphinx_proceedings.data.volume_plan import LAYOUTS

REMOTE_PHOTOS = ("initials", "link")


@dataclass(frozen=True)
class ProceedingsConfig:
    data: str = field(default="data", metadata={"help": "The data folder, relative to the folder holding conf.py."})
    generated_dir: str = field(
        default="_proceedings",
        metadata={"help": "Where the generated page sources go, relative to the source folder (ignore it in git)."},
    )
    site_url: str = field(
        default="", metadata={"help": "The published site's base URL; absolute links in the PDF and metadata use it."}
    )
    bibtex_abstracts: bool = field(
        default=False,
        metadata={"help": "Whether the whole-volume proceedings.bib files carry abstracts (per-talk entries do)."},
    )
    volume_layout: str = field(
        default="auto",
        metadata={
            "help": "The printed volume: papers (the PDF of each paper, on numbered pages), abstracts (a book "
            "of abstracts, entries flowing) or auto (papers when any contribution has a local PDF)."
        },
    )
    remote_photos: str = field(
        default="initials",
        metadata={
            "help": "What a person's page shows for a photo on another site: initials (the default: readers' "
            "browsers contact no other site and offline builds need none; the URL stays in the data and the "
            "exports) or link (the page loads the photo from that site)."
        },
    )
    paper_pdfs: bool = field(
        default=False,
        metadata={
            "help": "Whether the PDF of each printed paper and of each event's volume, cut from the book's PDF, "
            "is published beside its page (set by proceedings build when it builds the PDF)."
        },
    )


def setup_config(app: Sphinx) -> None:
    for f in fields(ProceedingsConfig):
        app.add_config_value(
            f"proceedings_{f.name}",
            f.default,
            "env",
            types=frozenset({type(f.default)}),
            description=f.metadata["help"],
        )
    app.connect("config-inited", _check_config, priority=400)


def read_config(config: Config) -> ProceedingsConfig:
    return ProceedingsConfig(**{f.name: getattr(config, f"proceedings_{f.name}") for f in fields(ProceedingsConfig)})


def settings_of(values: dict[str, Any]) -> ProceedingsConfig:
    """The settings in a conf.py's values (as `eval_config_file` returns them), defaults for those not set."""
    given = {
        f.name: values[f"proceedings_{f.name}"] for f in fields(ProceedingsConfig) if f"proceedings_{f.name}" in values
    }
    return ProceedingsConfig(**{k: v for k, v in given.items() if isinstance(v, type(getattr(ProceedingsConfig, k)))})


def site_url(config: Config) -> str:
    """The published site's base URL, ending in '/' (or "" when neither it nor html_baseurl is set)."""
    site = read_config(config).site_url or str(config.html_baseurl or "")
    return site if not site or site.endswith("/") else site + "/"


def _check_config(app: Sphinx, config: Config) -> None:
    for f in fields(ProceedingsConfig):
        value: Any = getattr(config, f"proceedings_{f.name}")
        if not isinstance(value, type(f.default)):
            raise ConfigError(
                f"proceedings_{f.name} must be a {type(f.default).__name__}, not {type(value).__name__} "
                f"({f.metadata['help']})"
            )
    settings = read_config(config)
    if settings.volume_layout not in LAYOUTS:
        raise ConfigError(
            f"proceedings_volume_layout must be one of {', '.join(LAYOUTS)}, not {settings.volume_layout!r}"
        )
    if settings.remote_photos not in REMOTE_PHOTOS:
        raise ConfigError(
            f"proceedings_remote_photos must be one of {', '.join(REMOTE_PHOTOS)}, not {settings.remote_photos!r}"
        )
    if settings.generated_dir.startswith(("/", "..")) or not settings.generated_dir:
        raise ConfigError("proceedings_generated_dir must be a folder name inside the source folder")
    # Abstract files and the like in the data folder are not pages of the book.
    exclude = list(config.exclude_patterns)
    for pattern in (f"{settings.data}/**", "_build/**"):
        if pattern not in exclude:
            exclude.append(pattern)
    config.exclude_patterns = exclude
    # sphinx-book-theme unless the project chose a theme itself.
    if "html_theme" not in getattr(config, "_raw_config", {"html_theme": None}):
        config.html_theme = "sphinx_book_theme"
    # pydata-sphinx-theme logs a console error on a reader's first visit unless a mode is set.
    config.html_context = {"default_mode": "auto", **(config.html_context or {})}
