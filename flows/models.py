"""The things arms-flows passes around: articles in, claims out, and what reads one into the other.

:class:`Claim` is the claims contract, declared once: each of its fields,
in order, is a column of the claims table (after ``claim_id``, which is
derived), and says how the table holds it (:class:`Column`) and whether a gold
claim states it. :mod:`flows.table` takes the table's columns and dtypes from
here, :mod:`flows.evaluate` its gold claims.

Every parsed value keeps the raw text it came from beside it (``*_text``
fields, ``Article.published_from``), so a claim can always be traced back to
the words of its source.
"""

from __future__ import annotations

import hashlib
from dataclasses import MISSING, Field, dataclass, field, fields
from typing import Any, Literal, Protocol

from flows.route import Route
from flows.vocabulary import DatePrecision, Stance


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


# --------------------------------------------------------------------------- the contract

# How a field is held in the claims table: text ("" when empty), a number
# (NaN when empty), a route (a list of chain texts), the evidence sentences (one
# text, a sentence a line) or extra keys (a JSON object as text).
ColumnKind = Literal["text", "number", "route", "evidence", "extra"]


@dataclass(frozen=True)
class Column:
    """How one :class:`Claim` field is held in the claims table."""

    kind: ColumnKind = "text"
    gold: bool = False  # a gold claim (what a reader states about an article) has it too
    # Added to the table after files were first written: a file without it still
    # loads (the column reads as empty), so older claims files stay readable.
    optional: bool = False


def _column(
    kind: ColumnKind = "text",
    *,
    gold: bool = False,
    optional: bool = False,
    default: Any = MISSING,
    **options: Any,
) -> Any:
    return field(default=default, metadata={"column": Column(kind, gold, optional)}, **options)


@dataclass(frozen=True, kw_only=True)
class Claim:
    """One claim that arms moved from an origin, maybe via intermediaries, to a destination.

    Fields are in the claims table's column order; ``claimant``, ``stance``,
    ``origin`` and ``destination`` are required. ``via`` may be given as any
    shape :meth:`Route.parse` reads and is always held as a :class:`Route`.
    """

    claim_date: str = _column(gold=True, default="")  # ISO at its precision
    date_precision: DatePrecision = _column(gold=True, default="")
    claimant: str = _column(gold=True)
    claimant_country: str = _column(gold=True, default="")
    stance: Stance = _column(gold=True)
    origin: str = _column(gold=True)
    origin_actor: str = _column(default="")
    via: Route = _column("route", gold=True, default=Route())
    destination: str = _column(gold=True)
    destination_actor: str = _column(gold=True, default="")
    items: str = _column(gold=True, default="")
    category: str = _column(gold=True, default="")
    quantity: float | None = _column("number", default=None)
    value: float | None = _column("number", default=None)
    value_unit: str = _column(default="")
    evidence: tuple[Evidence, ...] = _column("evidence", default=())
    source: str = _column(default="")
    url: str = _column(default="")
    published: str = _column(default="")
    article_id: str = _column(default="")
    method: str = _column(default="")
    confidence: float = _column("number", default=0.0)
    # Raw text behind the normalised values, for tracing and review.
    claimant_text: str = _column(optional=True, default="")
    date_text: str = _column(optional=True, default="")
    route_text: str = _column(optional=True, default="")
    published_from: str = _column(optional=True, default="")  # Article.published_from
    # What a source adds to tell its claims apart (a register row's key); part of the id.
    extra: dict[str, str] = _column("extra", optional=True, default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "via", Route.parse(self.via))

    @property
    def claim_id(self) -> str:
        """Stable id: the same claim from the same article always gets the same id."""
        key = "|".join(
            [
                self.article_id,
                self.claimant,
                self.stance,
                self.origin,
                self.via.format(),
                self.destination,
                self.claim_date,
                self.method.split(" ")[0],
                self.extra.get("key", ""),
            ]
        )
        return text_hash(key)

    @property
    def flow_key(self) -> str:
        """What a person's decision about this claim follows (:func:`flow_key`)."""
        return flow_key(
            self.claim_id, self.article_id, self.claimant, self.stance, self.origin, self.via, self.destination
        )


def flow_key(
    claim_id: str, article_id: str, claimant: str, stance: str, origin: str, via: Route, destination: str
) -> str:
    """The claim as a person judges it: its article, who says so, how, and the flow.

    A rejection, a correction or a deletion follows this key, not the
    ``claim_id``: the id includes the claim date, which moves when the same
    article is read again with another (or no) publication date ("on Monday"
    resolves to another day, or to none). So one decision covers the claims
    of one article by one claimant, with one stance, of one route. A claim of
    no article (a register record) is its record: its key is its id.
    """
    if not article_id:
        return claim_id
    return text_hash("|".join(["flow", article_id, claimant, stance, origin, via.format(), destination]))


def column_of(claim_field: Field[Any]) -> Column:
    """The table column a :class:`Claim` field declares."""
    column: Column = claim_field.metadata["column"]
    return column


CLAIM_FIELDS: tuple[Field[Any], ...] = tuple(fields(Claim))
# The fields a gold claim states (flows.evaluate reads them from gold files).
GOLD_FIELDS: tuple[str, ...] = tuple(f.name for f in CLAIM_FIELDS if column_of(f).gold)


class Extractor(Protocol):
    """Anything that reads an article and returns the claims in it."""

    name: str
    version: str

    def extract(self, article: Article) -> list[Claim]: ...
