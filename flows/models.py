"""The things arms-flows passes around: articles in, claims out.

Every parsed value keeps the raw text it came from beside it (``*_text``
fields), so a claim can always be traced back to the words of its source.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

Stance = Literal["alleged", "reported", "confirmed", "denied"]
STANCES: tuple[str, ...] = ("alleged", "reported", "confirmed", "denied")

DatePrecision = Literal["day", "month", "year", ""]
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year", "")

# A chain of intermediaries inside one route is written with ">" (POL>SVK: via
# Poland, then Slovakia); parallel routes are separate entries of ``via``.
CHAIN_SEPARATOR = ">"


def text_hash(text: str, length: int = 16) -> str:
    """A short stable id for a piece of text (whitespace-normalised)."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True)
class Article:
    """One article, after ingest: plain text plus what we know about it."""

    text: str
    title: str = ""
    url: str = ""
    source: str = ""  # outlet, e.g. "Straits Times"
    agency: str = ""  # byline or wire agency, e.g. "REUTERS"
    published: str = ""  # ISO date (YYYY-MM-DD) or "" when unknown
    path: str = ""  # file it came from, for messages
    published_from: str = ""  # where the date came from: metadata, option, text, ""

    @property
    def article_id(self) -> str:
        return text_hash(self.title + "\n" + self.text)

    @property
    def full_text(self) -> str:
        """Title and body as one text; evidence offsets index into this."""
        return f"{self.title}\n{self.text}" if self.title else self.text


@dataclass(frozen=True)
class Evidence:
    """A sentence that supports a claim, with its offsets in ``Article.full_text``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Claim:
    """One claim that arms moved from an origin, maybe via intermediaries, to a destination."""

    claimant: str
    stance: str
    origin: str
    destination: str
    via: tuple[str, ...] = ()
    claimant_country: str = ""
    claim_date: str = ""
    date_precision: str = ""
    origin_actor: str = ""
    destination_actor: str = ""
    items: str = ""
    category: str = ""
    quantity: float | None = None
    value: float | None = None
    value_unit: str = ""
    evidence: tuple[Evidence, ...] = ()
    source: str = ""
    url: str = ""
    published: str = ""
    article_id: str = ""
    method: str = ""
    confidence: float = 0.0
    # Raw text behind the normalised values, for tracing and review.
    claimant_text: str = ""
    date_text: str = ""
    route_text: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def claim_id(self) -> str:
        """Stable id: the same claim from the same article always gets the same id."""
        key = "|".join(
            [
                self.article_id,
                self.claimant,
                self.stance,
                self.origin,
                ";".join(self.via),
                self.destination,
                self.claim_date,
                self.method.split(" ")[0],
                self.extra.get("key", ""),
            ]
        )
        return text_hash(key)
