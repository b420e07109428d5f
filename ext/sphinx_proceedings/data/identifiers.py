"""Persistent identifiers in the data: DOIs, ORCID iDs and ROR ids, each checked as its registry defines it.

An identifier may be written bare or as its resolver URL (``https://orcid.org/…``,
``https://ror.org/…``, ``https://doi.org/…``); the model keeps the bare form.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S{1,200}$")  # Crossref's doi_t allows 200 characters after the prefix
DOI_PREFIX_PATTERN = re.compile(r"^10\.\d{4,9}$")
ORCID_PATTERN = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
# ROR: '0', six characters of Crockford's base32 (no i, l, o, u), a two-digit checksum.
ROR_PATTERN = re.compile(r"^0[0-9a-hjkmnp-tv-z]{6}\d{2}$")
CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
RESOLVERS = {
    "doi": ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"),
    "orcid": ("https://orcid.org/", "http://orcid.org/"),
    "ror": ("https://ror.org/", "http://ror.org/"),
}


def bare(value: object, kind: str) -> object:
    """``value`` without its resolver prefix (other values pass through for the type checks)."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    for prefix in RESOLVERS[kind]:
        if text.lower().startswith(prefix):
            return text[len(prefix) :]
    return text


def orcid_check_digit(base: str) -> str:
    """ISO 7064 MOD 11-2 check character of the first 15 digits of an ORCID iD."""
    total = 0
    for digit in base:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def ror_checksum(body: str) -> str:
    """ISO 7064 MOD 97-10 checksum of a ROR id's first seven characters, as ROR computes it."""
    number = 0
    for char in body:
        number = number * 32 + CROCKFORD.index(char)
    return f"{98 - (number * 100) % 97:02d}"


def check_doi(value: str) -> str:
    if not DOI_PATTERN.match(value):
        raise ValueError(f"'{value[:80]}' is not a DOI (10.NNNN/suffix, e.g. 10.5555/demo.2024.1)")
    return value


def check_orcid(value: str) -> str:
    if not ORCID_PATTERN.match(value):
        raise ValueError(f"'{value[:80]}' is not an ORCID iD (NNNN-NNNN-NNNN-NNNX)")
    digits = value.replace("-", "")
    expected = orcid_check_digit(digits[:15])
    if digits[15] != expected:
        raise ValueError(f"ORCID iD {value} has a wrong check digit (expected {expected}); check for a typo")
    return value


def check_ror(value: str) -> str:
    lowered = value.lower()
    if not ROR_PATTERN.match(lowered):
        raise ValueError(f"'{value[:80]}' is not a ROR id ('0', six letters or digits, two check digits)")
    expected = ror_checksum(lowered[:7])
    if lowered[7:] != expected:
        raise ValueError(f"ROR id {value} has a wrong checksum (expected {expected}); check for a typo")
    return lowered


# The identifiers as the model's field types: written bare or as their URL, stored bare, checked.
Doi = Annotated[
    str,
    BeforeValidator(lambda v: bare(v, "doi")),
    AfterValidator(check_doi),
    WithJsonSchema(
        {"type": "string", "pattern": r"^(https://doi\.org/)?10\.\d{4,9}/\S+$", "examples": ["10.5555/x.1"]}
    ),
    Field(description="A DOI, bare (10.5555/x) or as https://doi.org/10.5555/x."),
]
Orcid = Annotated[
    str,
    BeforeValidator(lambda v: bare(v, "orcid")),
    AfterValidator(check_orcid),
    WithJsonSchema({"type": "string", "pattern": r"^(https://orcid\.org/)?\d{4}-\d{4}-\d{4}-\d{3}[\dX]$"}),
    Field(description="An ORCID iD; its check digit (ISO 7064 MOD 11-2) is verified."),
]
Ror = Annotated[
    str,
    BeforeValidator(lambda v: bare(v, "ror")),
    AfterValidator(check_ror),
    WithJsonSchema({"type": "string", "pattern": r"^(https://ror\.org/)?0[0-9a-z]{6}\d{2}$"}),
    Field(description="ROR id of the affiliation (https://ror.org/…); its checksum is verified."),
]
