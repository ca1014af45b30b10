"""One claim, many reports: which rows of a claims table tell the same claim.

A row of the claims table is a **report**: one source's statement in one
article. A **claim** (an *assertion*) is what several reports share:

- the same claimant, after :func:`flows.claimants.canonical` ("Russia's
  Foreign Intelligence Service" and "SVR" are one body);
- the same stance: a denial is never the claim it denies;
- the same origin and destination, and the same *set* of intermediaries
  (order and chains aside: "through Poland then Slovakia" and "through
  Slovakia and Poland" name the same places). A report that states no
  intermediary joins the claim that names some when, among the reports of its
  claimant, stance, origin and destination close in time, exactly one set of
  intermediaries is named; with two or more it cannot tell which, and is a
  claim of its own;
- report dates close together: reports sorted by date join while each is at
  most :data:`WINDOW_DAYS` after the one before. A report's date is its
  claim date when that is a day, else the day it was published, else the
  first day of its claim date's month or year. Undated reports are one claim
  per claimant, stance and route.

Register records are one claim each (:data:`flows.vocabulary.IMPORT_METHOD`).

**Wire copies.** Within a claim, rows are one report (one ``report_id``, its
URLs listed together) when they come from the same article, or when their
evidence is near-identical: the same agency story carried by several sites.
Near-identical is decided on the evidence text: lower-case words, shingles of
:data:`SHINGLE_WORDS` words, Jaccard similarity at least
:data:`COPY_JACCARD`. The claims table holds no agency credit, so text alone
decides. On the fixtures (``tests/fixtures/corroborate/``) outlets retelling
an allegation in their own words share 0.03-0.27 of their three-word runs,
even when they open with the same phrase, while copies of one wire story
trimmed or edited for a house style keep 0.63-0.71 (verbatim copies 1.0):
0.5 lies between with room on both sides.

Ids are stable hashes, never counters: ``assertion_id`` hashes the claim's
claimant, stance, route and the date of its first report, ``report_id`` the
claim and the first ``claim_id`` of the report. The same table always gets the
same ids; a new report later than a claim's first keeps its id, an earlier one
moves it (the claim then starts earlier).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from flows.claimants import canonical
from flows.models import text_hash
from flows.route import ROUTE_SEPARATOR, Route
from flows.vocabulary import IMPORT_METHOD

# A news cycle: the wire on the day, retellings, weeklies and follow-ups over
# the next days. Reports more than this apart start a new claim: the same body
# saying the same thing a month later has made a new statement.
WINDOW_DAYS = 7
SHINGLE_WORDS = 3
COPY_JACCARD = 0.5

REPORT_ID, ASSERTION_ID = "report_id", "assertion_id"

# The claims-level table: one row per claim (see :func:`claims_of`).
CLAIM_LEVEL_COLUMNS: tuple[str, ...] = (
    ASSERTION_ID,
    "claimant",
    "claimant_country",
    "stance",
    "origin",
    "via",
    "destination",
    "first_report",
    "last_report",
    "reports",
    "rows",
    "outlets",
    "sources",
    "urls",
)

_WORD = re.compile(r"\w+")
_UNDATED = np.int64(-(2**62))  # sorts before every date; never within a window of one


def canonical_claimants(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with each ``claimant`` by its body's one name; the name it had kept in ``claimant_text``.

    A row whose ``claimant_text`` already holds the source's words keeps
    them. Unknown names stay as they are. ``claim_id`` is not touched: it
    remains the id the row was given.
    """
    names = frame["claimant"].astype(str)
    lookup = {name: canonical(name) for name in names.unique()}
    renamed = names.map(lookup)
    changed = (renamed != names).to_numpy()
    if not changed.any():
        return frame
    out = frame.copy()
    raw = out["claimant_text"].astype(str)
    out["claimant_text"] = np.where(changed & (raw == "").to_numpy(), names.to_numpy(), raw.to_numpy()).astype(object)
    out["claimant"] = renamed.to_numpy().astype(object)
    return out


def _via_text(cell: object) -> str:
    if isinstance(cell, str):
        return cell
    if cell is None or (isinstance(cell, float) and np.isnan(cell)):
        return ""
    return ROUTE_SEPARATOR.join(str(part) for part in cell)  # type: ignore[attr-defined]  # a list of chains


def intermediaries_key(via: object) -> str:
    """The set of intermediaries of a route, sorted and ``;``-joined ("POL>SVK;ROU" -> "POL;ROU;SVK")."""
    return ROUTE_SEPARATOR.join(sorted(Route.parse(via).codes()))


def report_days(frame: pd.DataFrame) -> np.ndarray:
    """Each row's report date as days since 1970 (see the module's rule); undated rows a sentinel."""
    claim_date = frame["claim_date"].astype(str).to_numpy()
    published = frame["published"].astype(str).to_numpy()
    length = np.char.str_len(claim_date.astype(str))
    start = np.select(
        [length == 10, length == 7, length == 4],
        [claim_date, np.char.add(claim_date.astype(str), "-01"), np.char.add(claim_date.astype(str), "-01-01")],
        "",
    )
    chosen = np.where(length == 10, claim_date, np.where(published != "", published, start))
    parsed = pd.to_datetime(pd.Series(chosen, dtype=object), format="%Y-%m-%d", errors="coerce")
    days = parsed.to_numpy(dtype="datetime64[D]").astype("int64")
    days[parsed.isna().to_numpy()] = _UNDATED
    return days


def _runs(keys: np.ndarray, days: np.ndarray) -> np.ndarray:
    """A run number per row: rows of one key whose sorted days are at most WINDOW_DAYS apart share one."""
    order = np.lexsort((days, keys))
    sorted_keys, sorted_days = keys[order], days[order]
    new = np.ones(len(order), dtype=bool)
    if len(order) > 1:
        gap = np.diff(sorted_days)
        undated = sorted_days[1:] == _UNDATED
        new[1:] = (sorted_keys[1:] != sorted_keys[:-1]) | ((gap > WINDOW_DAYS) & ~undated)
        new[1:] |= (sorted_days[:-1] == _UNDATED) & ~undated  # the first dated row after undated ones
    runs = np.empty(len(order), dtype=np.int64)
    runs[order] = np.cumsum(new) - 1
    return runs


def _codes(values: pd.Series) -> np.ndarray:
    codes, _ = pd.factorize(values, sort=False)
    return np.asarray(codes, dtype=np.int64)


def assign(frame: pd.DataFrame) -> pd.DataFrame:
    """The claims table with ``report_id`` and ``assertion_id`` set on every row (see the module).

    The rows keep their order and every other cell; claimants are compared by
    their canonical names whatever the ``claimant`` column holds.
    """
    out = frame.reset_index(drop=True).copy()
    if out.empty:
        out[REPORT_ID] = pd.Series([], dtype=object)
        out[ASSERTION_ID] = pd.Series([], dtype=object)
        return out
    names = out["claimant"].astype(str)
    claimant = names.map({name: canonical(name) for name in names.unique()})
    via_text = out["via"].map(_via_text)
    via_key = via_text.map({text: intermediaries_key(text) for text in via_text.unique()})
    days = report_days(out)
    flow = claimant + "\x1f" + out["stance"].astype(str) + "\x1f" + out["origin"] + "\x1f" + out["destination"]
    register = out["method"].astype(str).str.startswith(IMPORT_METHOD)
    # A register record is a claim of its own: its key is its row.
    flow = flow.where(~register, "\x1e" + out["claim_id"].astype(str))
    # Pass 1: episodes of one flow; a report naming no intermediary takes the only set its episode names.
    episode = _runs(_codes(flow), days)
    named = via_key != ""
    sets = pd.DataFrame({"episode": episode[named.to_numpy()], "via": via_key[named].to_numpy()})
    per_episode = sets.drop_duplicates().groupby("episode")["via"]
    only = per_episode.first()[per_episode.size() == 1]
    filled = pd.Series(episode).map(only)
    via_key = via_key.where(named | filled.isna(), filled)
    # Pass 2: runs of one flow and one set of intermediaries.
    claim = _runs(_codes(flow + "\x1f" + via_key), days)
    first_day = pd.Series(days).groupby(claim).transform("min").to_numpy()
    claim_text = (flow + "\x1f" + via_key + "\x1f" + pd.Series(first_day).astype(str)).to_numpy()
    unique_claims, claim_index = np.unique(claim_text, return_inverse=True)
    assertion_ids = np.array([text_hash("assertion\x1f" + key) for key in unique_claims], dtype=object)
    out[ASSERTION_ID] = assertion_ids[claim_index]
    out[REPORT_ID] = _report_ids(out, out[ASSERTION_ID].to_numpy(), days)
    return out


def shingles(text: str, vocabulary: dict[str, int]) -> frozenset[int]:
    """The runs of SHINGLE_WORDS lower-case words of ``text`` (the whole text when shorter), each as one int.

    Words are numbered in ``vocabulary`` (shared by the texts compared, grown as
    needed), a run is its words' numbers side by side in 32 bits each: exactly
    one int per run, and sets of ints intersect several times faster than sets
    of word tuples.
    """
    words = [vocabulary.setdefault(word, len(vocabulary) + 1) for word in _WORD.findall(text.casefold())]
    if len(words) <= SHINGLE_WORDS:
        return frozenset({_run_number(words)}) if words else frozenset()
    if SHINGLE_WORDS == 3:  # the common case, without a call per run
        return frozenset((a << 64) | (b << 32) | c for a, b, c in zip(words, words[1:], words[2:], strict=False))
    return frozenset(_run_number(run) for run in zip(*(words[i:] for i in range(SHINGLE_WORDS)), strict=False))


def _run_number(numbers: Sequence[int]) -> int:
    """Word numbers (from 1) side by side: a shorter run is padded with 0s, so it is distinct."""
    value = 0
    for number in numbers:
        value = (value << 32) | number
    return value << (32 * (SHINGLE_WORDS - len(numbers)))


def jaccard(left: frozenset[int], right: frozenset[int]) -> float:
    """Shared shingles over all shingles: 1.0 for the same text, 0.0 for nothing shared (or nothing)."""
    shared = len(left & right)
    union = len(left) + len(right) - shared
    return shared / union if union else 0.0


def _report_ids(out: pd.DataFrame, assertion_ids: np.ndarray, days: np.ndarray) -> np.ndarray:
    """One id per report: rows of one claim and one article, or of one claim with near-identical evidence."""
    # Exact copies are found by the text as it is (a hash); copies differing in case
    # or spacing only are left to the shingles, which see no difference.
    evidence = out["evidence"].astype(str)
    text_code = _codes(evidence)
    article = out["article_id"].astype(str)
    # Rows of one article are one report whatever their words; a row of no article is its text's.
    unit_key = article.where(article != "", "\x1e" + evidence)
    work = pd.DataFrame(
        {
            "claim": _codes(pd.Series(assertion_ids)),
            "unit": _codes(unit_key),
            "day": days,
            "claim_id": out["claim_id"].astype(str).to_numpy(),
            "row": np.arange(len(out)),
        }
    ).sort_values(["claim", "day", "claim_id"], kind="stable")
    # Units numbered earliest first within their claim, so "first" below is the earliest.
    work["unit"] = work.groupby(["claim", "unit"], sort=False).ngroup().to_numpy()
    heads = work.drop_duplicates("unit").copy()
    heads["text"] = text_code[heads["row"].to_numpy()]
    # An exact copy joins the earliest unit of its claim with the same words.
    heads["report"] = heads.groupby(["claim", "text"], sort=False)["unit"].transform("first")
    distinct = heads.drop_duplicates("report")
    renamed = _near_copies(distinct, evidence.to_numpy()[distinct["row"].to_numpy()])
    if renamed:
        heads["report"] = heads["report"].map(lambda unit: renamed.get(unit, unit))
    units = int(work["unit"].max()) + 1
    report_of_unit = np.empty(units, dtype=np.int64)
    report_of_unit[heads["unit"].to_numpy()] = heads["report"].to_numpy()
    first_claim_id = np.empty(units, dtype=object)
    first_claim_id[heads["unit"].to_numpy()] = heads["claim_id"].to_numpy()
    rows = work["row"].to_numpy()
    keys = (
        assertion_ids[rows].astype(str) + "\x1f" + first_claim_id[report_of_unit[work["unit"].to_numpy()]].astype(str)
    )
    unique, inverse = np.unique(keys, return_inverse=True)
    hashed = np.array([text_hash("report\x1f" + key) for key in unique], dtype=object)
    result = np.empty(len(out), dtype=object)
    result[rows] = hashed[inverse]
    return result


def _near_copies(heads: pd.DataFrame, texts: np.ndarray) -> dict[int, int]:
    """Units of one claim whose words are near-identical to an earlier unit's: unit -> the earlier.

    Plain lists, not a pandas group loop: most claims have a handful of
    distinct texts, and a million reports make hundreds of thousands of claims.
    """
    several = heads["claim"].duplicated(keep=False).to_numpy()
    claims = heads["claim"].to_numpy()[several]
    units = heads["report"].to_numpy()[several].tolist()
    renamed: dict[int, int] = {}
    kept: list[tuple[int, frozenset[int]]] = []  # of the current claim, earliest first
    vocabulary: dict[str, int] = {}
    for position, (unit, text) in enumerate(zip(units, texts[several].tolist(), strict=True)):
        if position == 0 or claims[position] != claims[position - 1]:
            kept = []
            vocabulary = {}
        own = shingles(text, vocabulary)
        for earlier, earlier_shingles in kept:
            # Jaccard is at most the smaller set over the larger: skip pairs that cannot reach it.
            small, large = sorted((len(own), len(earlier_shingles)))
            if small >= COPY_JACCARD * large and jaccard(own, earlier_shingles) >= COPY_JACCARD:
                renamed[int(unit)] = earlier
                break
        else:
            kept.append((int(unit), own))
    return renamed


def claims_of(reports: pd.DataFrame) -> pd.DataFrame:
    """One row per claim of an :func:`assign`-ed table (:data:`CLAIM_LEVEL_COLUMNS`), first reported first.

    ``reports`` counts distinct reports (wire copies once), ``rows`` the table's
    rows; ``outlets`` counts distinct sources, ``sources`` names them, ``urls``
    lists every address, one a line; ``first_report`` and ``last_report`` are the
    report dates (ISO days; empty when undated).
    """
    if reports.empty:
        return pd.DataFrame({c: [] for c in CLAIM_LEVEL_COLUMNS})
    names = reports["claimant"].astype(str)
    via_text = reports["via"].map(_via_text)
    work = pd.DataFrame(
        {
            "claim": _codes(reports[ASSERTION_ID].astype(str)),
            "day": report_days(reports),
            "claimant": names.map({name: canonical(name) for name in names.unique()}).to_numpy(),
            "via": via_text.map({text: intermediaries_key(text) for text in via_text.unique()}).to_numpy(),
            **{
                column: reports[column].astype(str).to_numpy()
                for column in (ASSERTION_ID, REPORT_ID, "claimant_country", "stance", "origin", "destination")
            },
            "source": reports["source"].astype(str).to_numpy(),
            "url": reports["url"].astype(str).to_numpy(),
        }
    ).sort_values(["claim", "day"], kind="stable")
    grouped = work.groupby("claim", sort=True)
    first = grouped[[ASSERTION_ID, "claimant", "stance", "origin", "destination"]].first()
    # Within a claim every report naming intermediaries names the same set (it is part of the key).
    summary = first.assign(
        claimant_country=_first_nonempty(work, "claimant_country", first.index),
        via=_first_nonempty(work, "via", first.index).map(lambda key: key.split(ROUTE_SEPARATOR) if key else []),
        first_report=grouped["day"].min().map(_iso_day),
        last_report=grouped["day"].max().map(_iso_day),
        reports=grouped[REPORT_ID].nunique(),
        rows=grouped.size(),
        outlets=_distinct_values(work, "source").map(len).reindex(first.index, fill_value=0),
        sources=_distinct_values(work, "source").map("; ".join).reindex(first.index, fill_value=""),
        urls=_distinct_values(work, "url").map("\n".join).reindex(first.index, fill_value=""),
    )
    summary = summary.sort_values(["first_report", ASSERTION_ID], kind="stable")
    return summary[list(CLAIM_LEVEL_COLUMNS)].reset_index(drop=True)


def _distinct_values(work: pd.DataFrame, column: str) -> pd.Series:
    """Each claim's distinct non-empty values of ``column``, in report order, as a list."""
    found = work[work[column] != ""].drop_duplicates(["claim", column])
    if found.empty:
        return pd.Series([], dtype=object)
    claims = found["claim"].to_numpy()
    starts = np.flatnonzero(np.r_[True, claims[1:] != claims[:-1]])
    values = found[column].tolist()
    ends = [*starts[1:].tolist(), len(values)]
    return pd.Series([values[a:b] for a, b in zip(starts.tolist(), ends, strict=True)], index=claims[starts])


def _first_nonempty(work: pd.DataFrame, column: str, index: pd.Index) -> pd.Series:
    found = work[work[column] != ""].groupby("claim", sort=True)[column].first()
    return found.reindex(index, fill_value="")


def _iso_day(day: np.int64) -> str:
    if day == _UNDATED:
        return ""
    return str(np.datetime64(int(day), "D"))
