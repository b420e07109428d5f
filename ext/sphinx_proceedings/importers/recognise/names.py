"""Telling a person's name from an institution or a talk title by what the words are, not where they stand."""

from __future__ import annotations

import re

# Words that make a phrase an organisation or a place ('Preferred Networks', 'Chancery Pavilion Hotel').
ORGANISATION_WORDS = frozenset(
    """
    university universities univ universität universitat université universite università universidad universidade
    universiteit uniwersytet politecnico polytechnic polytechnique hochschule ecole école institute institut instituto
    istituto institution college school faculty department dept academy laboratory laboratories lab labs research
    center centre centers inc inc. corp corp. corporation company ltd ltd. llc gmbh plc limited group
    networks network systems technologies technology tech software hardware computing solutions services foundation
    brain cloud healthcare health medical hospital clinic bank capital ventures partners consulting analytics
    studios studio media press society association consortium council agency ministry national federal government
    hotel pavilion room ballroom auditorium theatre theater building campus tower plaza palace convention
    conference centre resort inn lounge arena stadium museum library
    """.split()  # noqa: SIM905
)
# Lower-case words a name may hold ('Bart van Merriënboer', 'Guido van Rossum', 'Ricardo dos Santos').
PARTICLES = frozenset(
    "van von der den de del della di da dos das du la le ter ten zu bin binti al el st. mac ibn y".split()  # noqa: SIM905
)
# Capitalised words that belong to titles and programme items, never to a name (and the systems and ML
# nouns titles are made of: 'Self-Driving Databases' is a talk, not a person).
TITLE_WORDS = frozenset(
    """
    the a an of for and or to in on at by with from into via towards toward using beyond without is are be
    how what why when where which who don't can not our your we it its this that these those
    opening remarks welcome closing break lunch coffee breakfast dinner reception poster posters session sessions
    panel discussion keynote talk talks invited contributed spotlight spotlights lightning tbd tba tbc award
    paper papers code data learning machine neural network model models training inference system
    transform transforms program programs programming optimization optimizing scalable efficient distributed
    announcements announcement introduction overview tutorial demo demos chair chairs moderator speaker speakers
    professor prof scientist engineer director manager researcher student candidate fellow president vice head
    principal senior staff assistant associate postdoc founder cto ceo vp chief member
    database databases compiler compilers accelerator accelerators scheduling scheduler serving query queries
    graph graphs kernel kernels cluster clusters sparse sparsity quantization quantized federated attention
    transformer transformers agents language languages scaling optimizer optimizers benchmark benchmarks learned
    index indexes indices
    """.split()  # noqa: SIM905
)
_INITIAL = re.compile(r"^(?:[A-Z]\.?|(?:[A-Z]\.-?)+[A-Z]?\.?)$")  # 'K.', 'J', 'H.T.', 'J.-P.'
_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.-]*$")
_MARKERS = " *†‡§¶#"
_ROMAN = frozenset(["II", "III", "IV"])
_NICKNAME = re.compile(r"\s*\([A-Z][a-z]+\)\s+(?=\S)")  # 'Zhaoxia (Summer) Deng', not 'Tri Dao (Princeton)'


def clean(text: str) -> str:
    """A name as written, without footnote and equal-contribution markers or stray spaces."""
    text = re.sub(r"\s+", " ", text).strip(_MARKERS + " ,;.")
    return re.sub(r"(?<=\w)[*†‡§¶]+", "", text).strip()


def words_of(text: str) -> list[str]:
    return clean(text).split()


def is_organisation(text: str) -> bool:
    """'Stanford University', 'Preferred Networks, Inc.', 'UCSD', 'IBM Research' (not 'Ion Stoica')."""
    words = [w.strip("(),.;:") for w in clean(text).split()]
    words = [w for w in words if w]
    parts = [p.lower() for w in words if "-" in w for p in w.split("-") if len(p) >= 4]  # 'Hardware-Aware'
    if any(p in ORGANISATION_WORDS for p in parts):
        return True
    if not words:
        return False
    if any(w.lower() in ORGANISATION_WORDS or w.lower().rstrip(".") in ORGANISATION_WORDS for w in words):
        return True
    if any(w.lower().startswith(("universit", "institut")) for w in words):
        return True
    # acronyms ('MIT', 'UC Berkeley', 'EECS at UC Berkeley') name institutions, not people
    acronyms = [w for w in words if len(w) >= 2 and w.isupper() and w.isalpha() and not _INITIAL.match(w)]
    named = [w for w in words if w[0].isupper() and not w.isupper()]
    if acronyms == [words[-1]] and len(words[-1]) >= 4 and len(named) >= 2:
        return False  # 'Fatima Zohra BENHAMIDA': a family name in capitals
    return any(w not in _ROMAN for w in acronyms)


VENUE_WORDS = frozenset(["hall", "room", "ballroom", "auditorium", "foyer", "lobby", "atrium", "terrace", "suite"])


def is_venue(text: str) -> bool:
    """'Symphony Hall', 'Room 101A', 'Ballroom B' — where something happens, in parentheses after it."""
    return any(w.lower().strip(".,") in VENUE_WORDS for w in clean(text).split())


def is_person(text: str, lenient: bool = False) -> bool:
    """A personal name: 2–4 capitalised words (initials and particles allowed), no organisation or title word.

    ``lenient`` also accepts names written in lower case ('minmin sun'), for places where a
    name is expected (an author list), and a single capitalised word is still refused.
    """
    name = _NICKNAME.sub(" ", clean(text)).strip()
    if not name or any(c in name for c in ':()[]{}&/@?!"“”<>=+|') or any(ch.isdigit() for ch in name):
        return False
    words = name.split()
    core = [w for i, w in enumerate(words) if w.lower() not in PARTICLES or (i == 0 and w[0].isupper())]  # 'Bin Li'
    if not 2 <= len(words) <= 5 or not 2 <= len(core) <= 4:
        return False
    if is_organisation(name):
        return False
    if any(w.lower().strip(".,") in TITLE_WORDS for w in words if not _INITIAL.match(w)):
        return False
    if words[0] in ("A", "I") and len(words) > 1:
        return False  # 'A Crash Course': an article, not an initial
    if words[0].lower() in PARTICLES and words[0].islower() and not lenient:
        return False
    for w in words:
        if w.lower() in PARTICLES and w not in core:
            continue
        if _INITIAL.match(w) or _WORD.match(w):
            continue
        if lenient and re.match(r"^[a-zà-ÿ][\w'’-]*$", w):
            continue
        return False
    return not all(_INITIAL.match(w) for w in core)


def strip_roles(text: str) -> str:
    """'Prof. Ada Lovelace' -> 'Ada Lovelace'; honorifics are not part of a name."""
    return re.sub(r"^(?:prof(?:essor)?\.?|dr\.?|mr\.?|ms\.?|mrs\.?|sir)\s+", "", clean(text), flags=re.IGNORECASE)


LONGEST_AFFILIATION = 300  # longer is a paragraph about someone, not where they work


def person_and_affiliation(text: str) -> tuple[str, str | None] | None:
    """'Farinaz Koushanfar - UCSD', 'Ion Stoica, UC Berkeley', 'Eric Xing (Professor, CMU)' -> (name, affiliation)."""
    text = clean(text)
    if len(text) > LONGEST_AFFILIATION + 100:
        return None
    m = re.match(r"^(?P<name>[^()]+?(?:\s*\([A-Z][a-z]+\)\s*[^()]+)?)\s*\((?P<aff>[^()]*)\)$", text)
    if m and is_person(strip_roles(m["name"])):
        return strip_roles(m["name"]), m["aff"].strip() or None
    for sep in (" - ", " – ", " — ", ", ", " @ ", " at "):
        head, found, tail = text.partition(sep)
        if found and is_person(strip_roles(head)) and tail.strip():
            if sep in (" @ ", " at ") and not is_organisation(tail):
                continue  # 'Learned Indexes at Scale' is a title; 'Ion Stoica at UC Berkeley' a person
            return strip_roles(head), tail.strip(" ,") or None
    if is_person(strip_roles(text)):
        return strip_roles(text), None
    return None
