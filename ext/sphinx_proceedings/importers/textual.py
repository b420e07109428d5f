"""Reading facts out of one line of plain text: times, dates, names, kinds of slots and talks.

Regular expressions here only ever see a single line of text that a Markdown or HTML parser
has already extracted; markup is never matched with them.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

from sphinx_proceedings.data.model import ContributionKind, SlotKind

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept", "sepember"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_RE = re.compile(
    rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}}(?:st|nd|rd|th)?)?"
    rf"(?:,?\s+(?P<year>\d{{4}}))?\b",
    re.IGNORECASE,
)
_CLOCK = r"(\d{1,2})(?:[:.](\d{2}))?\s*([ap]\.?m\.?)?"
TIME_RANGE_RE = re.compile(rf"^\s*{_CLOCK}\s*(?:-|–|—|to)\s*{_CLOCK}\s*:?\s*", re.IGNORECASE)
TIME_RE = re.compile(rf"^\s*{_CLOCK}\s*:?\s*", re.IGNORECASE)


# '27 April 2024', '1st of May', and ISO '2024-04-27', beside 'April 27th, 2024'
DAY_FIRST_RE = re.compile(
    rf"(?<![\d:.])\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+(?:of\s+)?"
    rf"(?P<month>{_MONTH})\b\.?(?:,?\s+(?P<year>\d{{4}}))?\b",
    re.IGNORECASE,
)
ISO_DATE_RE = re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?![\d-])")


def find_dates(text: str, default_year: int | None = None) -> list[tuple[dt.date, bool, str]]:
    """Dates in ``text`` as (date, year given?, matched text), in the order written; impossible ones skipped."""
    matches = sorted(
        [m for pattern in (DATE_RE, DAY_FIRST_RE, ISO_DATE_RE) for m in pattern.finditer(text)],
        key=lambda m: (m.start(), -len(m[0])),
    )
    found = []
    end = -1
    for m in matches:
        if m.start() < end:  # a second reading of words already read ("May 3 2024" in "1 May 3 2024")
            continue
        year = int(m["year"]) if m["year"] else default_year
        if year is None or (m.re is DAY_FIRST_RE and m["month"].islower()):  # 'up to 4 may be accepted'
            continue
        month = int(m["month"]) if m["month"].isdigit() else MONTHS[m["month"].lower()]
        try:
            found.append((dt.date(year, month, int(m["day"])), bool(m["year"]), m.group(0)))
        except ValueError:
            continue
        end = m.end()
    return found


# 'December 13th or 14th', 'Dec 13 (TBD)': a date the page itself says is not settled yet.
_UNDECIDED_RE = re.compile(
    r"^\s*(?:or\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\b|\(?\s*(?:tbd|tba|tbc|to be (?:decided|determined|confirmed)|"
    r"tentative|provisional)\b)",
    re.IGNORECASE,
)


def undecided(text: str, matched: str) -> bool:
    """Whether the date ``matched`` (found in ``text``) is given as not settled ('13th or 14th', '(TBD)')."""
    at = text.find(matched)
    return at >= 0 and bool(_UNDECIDED_RE.match(text[at + len(matched) :]))


def _clock(hour: str, minute: str | None, meridiem: str | None) -> dt.time | None:
    h, mi = int(hour), int(minute or 0)
    if meridiem:
        pm = meridiem.lower().startswith("p")
        h = h % 12 + (12 if pm else 0)
    if not (0 <= h < 24 and 0 <= mi < 60):
        return None
    return dt.time(h, mi)


def time_range(text: str) -> tuple[dt.time | None, dt.time | None, str] | None:
    """'09:00 - 09:20  rest' -> (09:00, 09:20, 'rest'); a single '9:10 AM' gives no end."""
    m = TIME_RANGE_RE.match(text)
    if m and (m[2] or m[5] or m[3] or m[6]):
        end_meridiem = m[6]
        start = _clock(m[1], m[2], m[3] or end_meridiem)
        end = _clock(m[4], m[5], end_meridiem)
        if start and end and m[3] is None and end_meridiem and start > end:
            start = _clock(m[1], m[2], "am")  # '11:30-12:30 PM'
        if start and end:
            return start, end, text[m.end() :]
    m = TIME_RE.match(text)
    if m and (m[2] or m[3]):
        start = _clock(m[1], m[2], m[3])
        if start:
            return start, None, text[m.end() :]
    return None


_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|[a-z]{1,4}|[A-Z]\.?)$")
_NOT_NAMES = frozenset(
    ["and", "the", "of", "for", "in", "on", "with", "to", "a", "an", "at", "by", "from", "systems", "system"]
)


def looks_like_name(text: str) -> bool:
    """'Ion Stoica', 'Bart van Merriënboer', 'K. R. Jayaram' — not 'Posters & Coffee'."""
    words = text.split()
    if not 2 <= len(words) <= 5 or any(c in text for c in ':()[]&/@?!"') or any(ch.isdigit() for ch in text):
        return False
    if words[0][0].islower() or words[-1][0].islower():
        return False
    if any(w.lower() in _NOT_NAMES and w[0].isupper() for w in words):
        return False
    return all(_NAME_WORD.match(w) for w in words)


def split_people(text: str) -> list[str]:
    """'A, B and C' / 'A & B' / 'A; B' -> ['A', 'B', 'C']."""
    text = re.sub(r",?\s+(?:and|&)\s+", ", ", text.strip())
    return [p.strip(" .*†‡") for p in re.split(r"[,;]", text) if p.strip(" .*†‡")]


SLOT_WORDS: list[tuple[SlotKind, tuple[str, ...]]] = [
    (SlotKind.opening, ("opening", "welcome", "introduction")),
    (SlotKind.closing, ("closing", "concluding", "wrap-up", "wrap up")),
    (SlotKind.posters, ("poster",)),
    (SlotKind.meal, ("lunch", "breakfast", "dinner")),
    (SlotKind.social, ("reception", "happy hour", "social")),
    (SlotKind.break_, ("break", "coffee")),
]


def plain_slot_kind(title: str) -> SlotKind | None:
    """The kind of a slot that holds no contribution, if its title says so."""
    low = title.lower()
    for kind, words in SLOT_WORDS:
        if any(w in low for w in words):
            return kind
    return None


KIND_LABELS: list[tuple[tuple[str, ...], ContributionKind]] = [
    (("keynote",), ContributionKind.keynote),
    (("invited talk", "invited speaker", "invited"), ContributionKind.invited_talk),
    (("contributed talk", "contributed", "spotlight", "oral", "paper talk", "talk"), ContributionKind.contributed_talk),
    (("lightning",), ContributionKind.lightning_talk),
    (("panel",), ContributionKind.panel),
    (("tutorial",), ContributionKind.tutorial),
    (("demo",), ContributionKind.demo),
    (("poster",), ContributionKind.poster),
]


def kind_from_label(label: str) -> ContributionKind | None:
    """'Invited Talk', 'Contributed Talk 3', 'Keynote Speaker' -> a contribution kind."""
    low = re.sub(r"[\d#.]+", " ", label.lower()).strip()
    low = re.sub(r"\s+", " ", low)
    for words, kind in KIND_LABELS:
        if any(low == w or low.startswith(w + " ") or low.endswith(" " + w) for w in words):
            return kind
    return None


ARXIV_RE = re.compile(r"arxiv\.org/(?:abs|pdf)/(?P<id>(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7}))(?:v\d+)?")


def arxiv_id(url: str) -> str | None:
    m = ARXIV_RE.search(url)
    return m["id"] if m else None


def section_of(heading: str) -> str | None:
    """What a page section holds, from its heading."""
    low = heading.lower()
    for section, words in (
        ("cfp", ("call for",)),
        ("dates", ("important date", "dates", "deadline")),
        ("organizers", ("organiz", "organis")),
        ("committee", ("committee", "reviewer")),
        ("contact", ("contact",)),
        ("topics", ("topic",)),
        ("instructions", ("submission", "instruction", "format", "guideline")),
        ("accepted", ("accepted", "papers", "posters")),
        ("speakers", ("speaker", "panelist", "invited talk", "keynote")),
        ("schedule", ("schedule", "program", "agenda")),
        ("session", ("session",)),
        ("overview", ("overview", "about", "abstract", "description", "announcement")),
    ):
        if any(re.search(r"\b" + re.escape(w), low) for w in words):  # 'updates' holds no 'date'
            return section
    return None


def important_date(text: str, default_year: int | None) -> tuple[str, dt.date, str | None, bool] | None:
    """'Submission Deadline: EXTENDED October 25, 2017' -> (label, date, time, extended)."""
    dates = find_dates(text, default_year)
    if not dates:
        return None
    date, _, matched = dates[-1]
    first = text.find(dates[0][2])
    label = text[:first]
    label = re.sub(r"\b(?:extended|new|updated)\b", "", label, flags=re.IGNORECASE)
    label = label.strip(" :-–*~\t").strip()
    tail = text[text.rfind(matched) + len(matched) :].strip(" ,;()")
    time = tail if tail and any(ch.isdigit() for ch in tail) and len(tail) < 40 else None
    if not label:
        return None
    extended = bool(re.search(r"\bextended\b", text, re.IGNORECASE)) or len(dates) > 1
    return label, date, time, extended


VENUE_RE = re.compile(r"(?:in conjunction|co-?located) with (?P<venue>[A-Z][\w ]*?\d{4})", re.IGNORECASE)
LOCATION_RE = re.compile(r"\d{4},? in (?P<location>[A-Z][^.;]*?)(?:,?\s+(?:co-?located|in conjunction)\b|\.|$)")
# Words of a sentence that says when and where the event is, not a labelled date ('Deadline: May 1')
EVENT_WORDS = ("held", "conjunction with", "take place", "co-located", "colocated", "takes place")

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL_RE = re.compile(r"https?://[^\s<>()]+[^\s<>().,;:]")
OPEN_UNTIL_RE = re.compile(r"\b(?:open|accepted|accepting submissions)\s+(?:until|till|through)\b", re.IGNORECASE)
SUBMISSION_HOSTS = ("cmt3.research.microsoft.com", "easychair.org", "openreview.net", "softconf.com", "hotcrp.com")


def labelled(text: str) -> tuple[str, str] | None:
    """'Submission Website: https://…' -> ('submission website', 'https://…'); a short label before a colon."""
    label, sep, value = text.partition(":")
    if not sep or not value.strip() or not 1 <= len(label.split()) <= 4 or "//" in label:
        return None
    return label.strip(" *").lower(), value.strip()


def submission_field(label: str) -> str | None:
    """Which call-for-papers field a labelled line fills: 'submission_url' or 'instructions'."""
    if not any(w in label for w in ("submission", "submit", "paper", "poster", "abstract")):
        return None
    if any(w in label for w in ("website", "site", "link", "portal", "url", "system", "server")):
        return "submission_url"
    if any(w in label for w in ("detail", "instruction", "format", "guideline", "requirement")):
        return "instructions"
    return None


def is_submission_site(url: str) -> bool:
    try:
        host = urlparse(url).netloc.lower()
    except ValueError:  # 'http://[oops' is no submission site
        return False
    return any(host == h or host.endswith("." + h) for h in SUBMISSION_HOSTS)


_WEEKDAY_RE = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_PLACE_WORD_RE = re.compile(r"^(?:[A-ZÀ-Þ][\w'’.-]*|de|del|di|da|am|an|la|le|sur|upon)$")


def dateline(text: str, default_year: int | None = None) -> tuple[dt.date, str, str | None] | None:
    """'March 15, 2020, Lausanne, Switzerland' / 'Friday, Dec 8 2017 – Long Beach, CA' -> (date, matched, place).

    A line that is a date and at most a place, as a page's header states when and where the event is;
    a date followed by anything else ('March 1: Submission deadline') is no dateline.
    """
    body = _WEEKDAY_RE.sub("", text.strip(" *_"))
    dates = find_dates(body, default_year)
    if not dates or not body.startswith(dates[0][2]):
        return None
    date, _, matched = dates[0]
    rest = body[len(matched) :].strip(" ,;|-–—·.")
    if not rest:
        return date, matched, None
    words = rest.replace(",", " ").split()
    if len(words) > 6 or any(ch.isdigit() for ch in rest) or not all(_PLACE_WORD_RE.match(w) for w in words):
        return None
    if any(w.lower() in ("deadline", "submission", "notification", "due", "camera", "registration") for w in words):
        return None
    return date, matched, rest
