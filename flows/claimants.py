"""Who says so: the bodies and outlets the news quotes, one row each.

``flows/data/claimants.csv`` holds the canonical claimants (agencies,
ministries, armed forces, UN and multinational bodies, monitoring groups,
outlets and wire agencies) with the aliases articles write them by, their home
country, their kind and the domains outlets publish on. The extractor
recognises claimants by these aliases and gives an outlet its home country; the
claims table groups reports of one body under one name.

Kinds decide a claimant's stance when it speaks (ANNOTATION.md section 3):
outlets and wires *report*; a state's bodies *confirm* a transfer their state
is a party to and *allege* others; UN, multinational bodies and monitoring
groups *allege*.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from flows import countries

CLAIMANTS_FILE = "claimants.csv"

OUTLET_KINDS: frozenset[str] = frozenset({"outlet", "wire", "state media"})
STATE_KINDS: frozenset[str] = frozenset({"intelligence", "military", "government"})
# Bodies of several states: no claimant country (ANNOTATION.md section 4).
MULTINATIONAL_KINDS: frozenset[str] = frozenset({"un", "multinational"})
KINDS: frozenset[str] = OUTLET_KINDS | STATE_KINDS | MULTINATIONAL_KINDS | {"ngo"}
OUTLET, GOVERNMENT, UN, MULTINATIONAL, NGO = "outlet", "government", "un", "multinational", "ngo"
# The codes the country table gives organisations, and their kinds.
_ORGANISATION_KINDS = {"UNO": UN}


def multinational_kind(code: str) -> str:
    """The kind of body an organisation's code names: the UN, else a multinational body."""
    return _ORGANISATION_KINDS.get(code, MULTINATIONAL)


class ClaimantsError(ValueError):
    """A row of the claimants table that contradicts the rest (named by line)."""


@dataclass(frozen=True)
class Claimant:
    name: str
    kind: str
    country: str  # home country (alpha-3); "" for multinational bodies
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    source: str

    @property
    def is_outlet(self) -> bool:
        return self.kind in OUTLET_KINDS


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


@cache
def claimants() -> tuple[Claimant, ...]:
    """Every row of the bundled table (see :func:`parse_claimants`)."""
    return parse_claimants(resources.files("flows").joinpath("data", CLAIMANTS_FILE).read_text(encoding="utf-8"))


def parse_claimants(text: str) -> tuple[Claimant, ...]:
    """Rows of a claimants table, checked: known kinds and codes, no alias or domain twice."""
    rows: list[Claimant] = []
    seen_alias: dict[str, int] = {}
    seen_domain: dict[str, int] = {}
    problems = []
    for line, record in enumerate(csv.DictReader(text.splitlines()), start=2):
        claimant = Claimant(
            name=record["name"].strip(),
            kind=record["kind"].strip(),
            country=record["country"].strip(),
            aliases=_split(record["aliases"]),
            domains=tuple(d.lower() for d in _split(record["domains"])),
            source=record["source"].strip(),
        )
        if claimant.kind not in KINDS:
            problems.append(f"line {line}: unknown kind {claimant.kind!r}")
        if claimant.country and not countries.is_known_code(claimant.country):
            problems.append(f"line {line}: unknown country {claimant.country!r}")
        if claimant.kind in MULTINATIONAL_KINDS and claimant.country:
            problems.append(f"line {line}: a {claimant.kind} body has no home country")
        for alias in {claimant.name, *claimant.aliases}:
            if alias in seen_alias and seen_alias[alias] != line:
                problems.append(f"line {line}: alias {alias!r} is also on line {seen_alias[alias]}")
            seen_alias[alias] = line
        for domain in claimant.domains:
            if domain in seen_domain:
                problems.append(f"line {line}: domain {domain!r} is also on line {seen_domain[domain]}")
            seen_domain[domain] = line
        rows.append(claimant)
    if problems:
        raise ClaimantsError(f"{CLAIMANTS_FILE}: " + "; ".join(problems))
    return tuple(rows)


@cache
def _by_alias() -> dict[str, Claimant]:
    return {alias: c for c in claimants() for alias in (c.name, *c.aliases)}


@cache
def _by_domain() -> dict[str, Claimant]:
    return {domain: c for c in claimants() for domain in c.domains}


def by_alias(alias: str) -> Claimant | None:
    """The claimant written ``alias`` (as written: case counts), or None."""
    return _by_alias().get(alias.strip())


def _folded(name: str) -> str:
    """A name as compared for normalisation: any case, one space, straight quotes, no leading "the"."""
    folded = " ".join(name.replace("\u2019", "'").split()).casefold()
    return folded.removeprefix("the ")


def folded_index(rows: Iterable[Claimant]) -> dict[str, Claimant]:
    """Each body by its folded names; a folded spelling two bodies share names neither."""
    found: dict[str, Claimant | None] = {}
    for claimant in rows:
        for alias in (claimant.name, *claimant.aliases):
            key = _folded(alias)
            found[key] = claimant if found.get(key, claimant) is claimant else None
    return {key: claimant for key, claimant in found.items() if claimant is not None}


@cache
def _by_folded() -> dict[str, Claimant]:
    return folded_index(claimants())


def canonical(name: str) -> str:
    """The one name of the body ``name`` is an alias of ("Russia's Foreign Intelligence Service" -> "SVR").

    Matched as written first, then in any case and spacing, without a leading
    "the" ("the russian foreign intelligence service"), so a claims file typed
    by hand or made by another tool joins the bundled table's bodies. A name
    the table does not know comes back unchanged (stripped): a source is never
    merged into another by guesswork.
    """
    stripped = name.strip()
    found = _by_alias().get(stripped) or _by_folded().get(_folded(stripped))
    return found.name if found else stripped


def domain_of(url: str) -> str:
    """The host of ``url`` (or of a bare domain), lower-case, without "www."."""
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    return host.removeprefix("www.")


def by_domain(url: str) -> Claimant | None:
    """The outlet that publishes at ``url``'s host or a parent domain of it, or None."""
    host = domain_of(url)
    table = _by_domain()
    while host:
        if host in table:
            return table[host]
        _, _, host = host.partition(".")
    return None


def country_of_domain(url: str) -> str:
    """The country of ``url``'s country-code top-level domain ("thesundaily.my" -> MYS), or ""."""
    host = domain_of(url)
    suffix = host.rsplit(".", 1)[-1] if "." in host else ""
    if len(suffix) != 2 or suffix in _GENERIC_CCTLDS:
        return ""
    return countries.from_alpha2(_CCTLD_ALPHA2.get(suffix, suffix).upper()) or ""


# Country-code domains sold worldwide as generic names: they say nothing of where a site is.
_GENERIC_CCTLDS = frozenset({"io", "co", "tv", "me", "ai", "fm", "ly", "cc", "ws", "to", "gg", "nu", "eu", "su"})
# Country-code domains that are not the country's alpha-2 code.
_CCTLD_ALPHA2 = {"uk": "gb"}
