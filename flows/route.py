"""A claim's intermediaries: one type, one way to read it, one way to write it.

A claim says arms went from an origin to a destination, maybe through
intermediaries. Its :class:`Route` holds them as **parallel routes**, each a
**chain** of country codes: ``POL>SVK;ROU`` is "through Poland, then Slovakia,
or through Romania". In that text ``;`` separates parallel routes and ``>``
the links of a chain; it is how the CSV file, the store and the dashboard's
editor write a route.

A route is a tuple of its chains' texts (``("POL>SVK", "ROU")``): the shape of
``via`` in the claims table's lists (JSONL, Parquet) and in gold files.
:meth:`Route.parse` reads any of those shapes; :meth:`Route.format` writes the
text. Nothing else in arms-flows splits or joins a route.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable
from typing import Self

CHAIN_SEPARATOR = ">"
ROUTE_SEPARATOR = ";"


def _chain_text(chain: str) -> str:
    # Spaces around codes are a typing habit ("POL > SVK"), not part of a code.
    return CHAIN_SEPARATOR.join(code.strip() for code in chain.split(CHAIN_SEPARATOR))


class Route(tuple[str, ...]):
    """Parallel routes, each the text of a chain of codes ("POL>SVK").

    Built from chain texts (blank ones dropped, spaces around codes removed);
    an empty route means the claim names no intermediary.
    """

    def __new__(cls, chains: Iterable[str] = ()) -> Self:
        return super().__new__(cls, (_chain_text(chain) for chain in chains if chain.strip()))

    @classmethod
    def parse(cls, value: object) -> Route:
        """A route from its text (``"POL>SVK;ROU"``), a sequence of chain texts, or nothing.

        ``None``, NaN and "" are the empty route. Raises ``TypeError`` for
        anything else (a number, a list holding a non-text).
        """
        if isinstance(value, Route):
            return value
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return cls()
        if isinstance(value, str):
            return cls(value.split(ROUTE_SEPARATOR))
        if is_route_shaped(value):
            return cls(value)  # type: ignore[arg-type]  # checked by is_route_shaped
        raise TypeError(f"not a route: {value!r}"[:80])

    def format(self) -> str:
        """The route's text: chains joined by ";" (the inverse of :meth:`parse`)."""
        return ROUTE_SEPARATOR.join(self)

    def chains(self) -> tuple[tuple[str, ...], ...]:
        """Each parallel route as its codes, in order."""
        return tuple(tuple(chain.split(CHAIN_SEPARATOR)) for chain in self)

    def codes(self) -> frozenset[str]:
        """Every intermediary, on any route and at any link."""
        return frozenset(code for chain in self.chains() for code in chain if code)

    def paths(self, origin: str, destination: str) -> list[list[str]]:
        """[origin, *chain, destination] for each parallel route (one path when there is none)."""
        if not self:
            return [[origin, destination]]
        return [[origin, *chain, destination] for chain in self.chains()]

    def map_codes(self, rename: Callable[[str], str]) -> Route:
        """The same route with every code passed through ``rename`` (names typed -> codes)."""
        return Route(CHAIN_SEPARATOR.join(rename(code) for code in chain) for chain in self.chains())

    def avoiding(self, codes: Collection[str]) -> Route:
        """The parallel routes that pass through none of ``codes``."""
        return Route(text for text, chain in zip(self, self.chains(), strict=True) if not set(chain) & set(codes))

    @staticmethod
    def of_chain(codes: Iterable[str]) -> str:
        """The text of one chain through ``codes`` in order."""
        return CHAIN_SEPARATOR.join(codes)

    def describe(self, name: Callable[[str], str] = str) -> str:
        """The route for a person: "Poland › Slovakia / Romania" (names by ``name``)."""
        return " / ".join(" › ".join(name(code) for code in chain) for chain in self.chains())


def is_route_shaped(value: object) -> bool:
    """Whether a cell can be read as a route: text, nothing, or a list of texts."""
    if value is None or isinstance(value, str) or (isinstance(value, float) and math.isnan(value)):
        return True
    # numpy arrays come out of Parquet and pandas; they iterate like lists.
    if isinstance(value, (list, tuple)) or type(value).__name__ == "ndarray":
        return all(isinstance(part, str) for part in value)  # type: ignore[attr-defined]
    return False
