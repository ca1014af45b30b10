"""Score an extractor against articles a person has annotated (gold claims).

A gold file holds documents: an article and the claims a careful reader finds
in it, in the claims-table columns. :func:`score` matches each document's
predicted claims to its gold claims one-to-one and counts:

* **route** matches: equal origin, destination and *set* of intermediaries
  (every code of every ``via`` entry, chains split at ">"), so a chain read as
  parallel routes still matches, but a missed or extra intermediary does not;
* **endpoint** matches: equal origin and destination, intermediaries ignored.

Scores are micro-averaged over all documents. Among route-matched pairs it also
measures how often claimant country, stance and claim date agree (the date at
the gold claim's precision: gold "2024-05" accepts a predicted "2024-05-14").

**Full** matches are route matches whose stance and claimant country are right
too: the share of claims a reader can take from the table as they are.

A gold claim marked ``"required": false`` is one a reader may or may not
count (an outlet's background remark, an earlier claim mentioned in passing):
a prediction that matches it is neither a hit nor a false claim, and missing it
is not a miss.

Gold records follow ``ANNOTATION.md`` (``doc``, ``url``, ``outlet``,
``published``, ``claims``; ``null`` for an unknown country or date) or this
project's own layout (``id``, ``source``, the article's ``text``). A record
without its text names a page kept apart: ``<texts>/<doc>.txt``, read like any
saved page (:func:`flows.ingest.read_text`). Third parties' texts are never
committed, so a gold set may be scored with some texts missing: they are
listed, and the scores cover the documents present.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flows import countries, ingest
from flows.dates import precision_of
from flows.models import GOLD_FIELDS, Article, Claim, Extractor
from flows.route import Route
from flows.vocabulary import STANCES, is_date_precision, is_stance

RouteKey = tuple[str, frozenset[str], str]

# Scores a regression gate may hold a floor for, in report order.
SCORE_NAMES: tuple[str, ...] = (
    "route_precision",
    "route_recall",
    "route_f1",
    "endpoint_precision",
    "endpoint_recall",
    "endpoint_f1",
    "full_precision",
    "full_recall",
    "full_f1",
    "claimant_country_accuracy",
    "stance_accuracy",
    "date_accuracy",
)

# Scores compare as floats rounded in JSON; a gate allows this much slack.
GATE_TOLERANCE = 1e-6


class GoldError(ValueError):
    """A gold file that cannot be read, named by file and line."""


@dataclass(frozen=True, kw_only=True)
class GoldClaim(Claim):
    """One claim a person reads in an article: a :class:`Claim` stating the gold fields.

    A gold file gives the fields the contract marks as gold
    (:data:`flows.models.GOLD_FIELDS`); the others keep their defaults.
    """

    required: bool = True
    note: str = ""


@dataclass(frozen=True)
class GoldDocument:
    """An annotated page: its id in the gold file, its articles, its gold claims.

    A record with its text holds one article; a saved page read from a texts
    folder holds what the page splits into (its main article, related ones).
    """

    doc_id: str
    articles: tuple[Article, ...]
    claims: tuple[GoldClaim, ...]

    @property
    def title(self) -> str:
        return self.articles[0].title if self.articles else ""


@dataclass(frozen=True)
class GoldSet:
    """A gold file's documents, and those whose text is not on this machine."""

    name: str
    documents: tuple[GoldDocument, ...]
    missing: tuple[tuple[str, str], ...] = ()  # (doc id, why)


# --------------------------------------------------------------------------- reading gold


def gold_claim_from_record(record: Mapping[str, Any]) -> GoldClaim:
    """A :class:`GoldClaim` from one JSON object; raises ``ValueError`` on bad values."""
    # The claimant's name is not scored, so a gold claim may leave it out.
    missing = [key for key in ("stance", "origin", "destination") if not record.get(key)]
    if missing:
        raise ValueError(f"claim lacks {', '.join(missing)}")
    values: dict[str, Any] = {name: str(record.get(name) or "") for name in GOLD_FIELDS if name != "via"}
    via = Route.parse(record.get("via") or [])
    codes = [values["origin"], values["destination"], *(code for chain in via.chains() for code in chain)]
    codes += [values["claimant_country"]] if values["claimant_country"] else []
    unknown = [code for code in codes if not countries.is_known_code(code)]
    if unknown:
        raise ValueError(f"unknown country codes: {', '.join(unknown)}")
    if not is_stance(values["stance"]):
        raise ValueError(f"stance {values['stance']!r} is not one of {', '.join(STANCES)}")
    claim_date = values["claim_date"]
    precision = values["date_precision"] or precision_of(claim_date)
    if precision_of(claim_date) == "" and claim_date:
        raise ValueError(f"claim_date {claim_date!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    if not is_date_precision(precision) or precision != precision_of(claim_date):
        raise ValueError(f"date_precision {precision!r} does not fit claim_date {claim_date!r}")
    return GoldClaim(
        **{**values, "via": via, "date_precision": precision},
        required=bool(record.get("required", True)),
        note=str(record.get("note") or ""),
    )


def read_jsonl_records(text: str, name: str) -> list[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; a JSON array file also works."""
    if text.lstrip().startswith("["):
        try:
            array = json.loads(text)
        except json.JSONDecodeError as error:
            raise GoldError(f"{name}: invalid JSON: {error.msg} (line {error.lineno})") from error
        pairs = list(enumerate(array, start=1))
    else:
        pairs = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                pairs.append((number, json.loads(line)))
            except json.JSONDecodeError as error:
                raise GoldError(f"{name}:{number}: invalid JSON: {error.msg}") from error
    for number, record in pairs:
        if not isinstance(record, dict):
            raise GoldError(f"{name}:{number}: not a JSON object")
    return pairs


def _page_articles(record: Mapping[str, Any], doc_id: str, texts: Path) -> tuple[tuple[Article, ...], str]:
    """The articles of a page kept as ``<texts>/<doc>.txt``, or () and why not."""
    path = texts / f"{doc_id}.txt"
    try:
        page = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return (), "no text"
    except (OSError, UnicodeDecodeError) as error:
        return (), f"unreadable text: {error}"
    first_words = " ".join(str(record.get("first_words") or "").split())
    if first_words and first_words not in " ".join(page.split()):
        return (), "the text does not hold the record's first_words (another page?)"
    read = ingest.read_text(
        page,
        name=str(path),
        published=str(record.get("published") or "") or None,
        # The outlet as a site names itself: a wire the annotator added in brackets
        # ("The Defense Post (AFP)") is for the extractor to find in the text.
        source=re.sub(r"\s*\([^)]*\)\s*$", "", str(record.get("outlet") or record.get("source") or "")) or None,
        url=str(record.get("url") or ""),
    )
    if not read.articles:
        return (), "; ".join(str(problem) for problem in read.errors) or "no article in the text"
    return tuple(read.articles), ""


def gold_set_from_records(
    records: Iterable[tuple[int, Mapping[str, Any]]],
    name: str,
    articles: Mapping[str, Article] | None = None,
    texts: Path | None = None,
) -> GoldSet:
    """Gold documents from records ``{id|doc, claims, [title, text, published, source|outlet, url]}``.

    A record carries its article's text; or, when ``articles`` is given, its id
    names one of those (a gold file kept beside a corpus); or its text is the
    page ``<texts>/<id>.txt``. A record whose text is not there is listed in
    ``missing``, not scored.
    """
    documents: list[GoldDocument] = []
    missing: list[tuple[str, str]] = []
    seen: set[str] = set()
    for number, record in records:
        where = f"{name}:{number}"  # the line (JSON Lines) or the position (a JSON array)
        doc_id = str(record.get("id") or record.get("doc") or "")
        if not doc_id:
            raise GoldError(f"{where}: no id")
        if doc_id in seen:
            raise GoldError(f"{where}: id {doc_id!r} appears twice")
        seen.add(doc_id)
        raw_claims = record.get("claims")
        if not isinstance(raw_claims, list):
            raise GoldError(f"{where}: 'claims' must be a list (empty for an article without claims)")
        claims = []
        for index, raw in enumerate(raw_claims, start=1):
            try:
                claims.append(gold_claim_from_record(raw))
            except (ValueError, TypeError, AttributeError) as error:
                raise GoldError(f"{where} ({doc_id}), claim {index}: {error}") from error
        if "text" in record:
            try:
                found: tuple[Article, ...] = (ingest.article_from_record(record, path=f"{name}#{doc_id}"),)
            except ingest.IngestError as error:
                raise GoldError(f"{where} ({doc_id}): {error.message}") from error
        elif articles is not None and doc_id in articles:
            found = (articles[doc_id],)
        elif texts is not None:
            found, why = _page_articles(record, doc_id, texts)
            if not found:
                missing.append((doc_id, why))
                continue
        else:
            raise GoldError(f"{where}: no article text for id {doc_id!r}")
        documents.append(GoldDocument(doc_id=doc_id, articles=found, claims=tuple(claims)))
    return GoldSet(name=name, documents=tuple(documents), missing=tuple(missing))


def load_gold(path: str | Path, texts: str | Path | None = None) -> GoldSet:
    """Read a gold JSONL file; records without text are pages in ``texts`` (a folder)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise GoldError(f"{path}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise GoldError(f"{path}: not UTF-8 text ({error.reason})") from error
    folder = Path(texts) if texts is not None else None
    return gold_set_from_records(read_jsonl_records(text, str(path)), path.stem, texts=folder)


# --------------------------------------------------------------------------- matching


def intermediaries(via: Sequence[str]) -> frozenset[str]:
    """Every intermediary code of a claim: parallel routes and chain links alike."""
    return Route.parse(via).codes()


def route_key(claim: Claim) -> RouteKey:
    return (claim.origin, claim.via.codes(), claim.destination)


def endpoint_key(claim: Claim) -> RouteKey:
    return (claim.origin, frozenset(), claim.destination)


def date_agrees(gold: str, predicted: str) -> bool:
    """Equal at the gold date's precision; an undated gold claim wants an undated prediction."""
    if not gold:
        return not predicted
    return predicted[: len(gold)] == gold


def _agreement(gold: GoldClaim, predicted: Claim) -> int:
    return (
        (gold.stance == predicted.stance)
        + (gold.claimant_country == predicted.claimant_country)
        + date_agrees(gold.claim_date, predicted.claim_date)
    )


@dataclass(frozen=True)
class DocumentMatch:
    """How one document's predictions met its gold claims under one key."""

    pairs: tuple[tuple[GoldClaim, Claim], ...]  # required gold claims found
    misses: tuple[GoldClaim, ...]  # required gold claims not found
    false_claims: tuple[Claim, ...]  # predictions that match no gold claim
    optional_found: tuple[tuple[GoldClaim, Claim], ...] = ()


def match_claims(
    gold: Sequence[GoldClaim],
    predicted: Sequence[Claim],
    key: Callable[[Claim], RouteKey] = route_key,
) -> DocumentMatch:
    """Pair gold and predicted claims one-to-one on ``key``.

    Required gold claims are paired first, so an optional one never takes the
    prediction a required one needs. Among candidates with the same key the
    pairs that agree most on stance, claimant country and date are taken first,
    so the attribute scores do not depend on the order claims were listed in.
    """
    free = list(range(len(predicted)))
    results: dict[bool, list[tuple[GoldClaim, Claim]]] = {True: [], False: []}
    unpaired: list[GoldClaim] = []
    for required in (True, False):
        tier = [g for g in gold if g.required is required]
        candidates = sorted(
            (
                (-_agreement(g, predicted[p]), gi, p)
                for gi, g in enumerate(tier)
                for p in free
                if key(g) == key(predicted[p])
            ),
        )
        taken_gold: set[int] = set()
        taken_pred: set[int] = set()
        for _, gi, p in candidates:
            if gi in taken_gold or p in taken_pred:
                continue
            taken_gold.add(gi)
            taken_pred.add(p)
            results[required].append((tier[gi], predicted[p]))
        free = [p for p in free if p not in taken_pred]
        if required:
            unpaired = [g for gi, g in enumerate(tier) if gi not in taken_gold]
    return DocumentMatch(
        pairs=tuple(results[True]),
        misses=tuple(unpaired),
        false_claims=tuple(predicted[p] for p in free),
        optional_found=tuple(results[False]),
    )


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class PRF:
    """Counts and micro-averaged precision, recall and F1 for one key."""

    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        # Nothing claimed is nothing wrong: precision 1 with no predictions.
        claimed = self.true_positives + self.false_positives
        return self.true_positives / claimed if claimed else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _prf(matches: Iterable[DocumentMatch]) -> PRF:
    tp = fp = fn = 0
    for match in matches:
        tp += len(match.pairs)
        fp += len(match.false_claims)
        fn += len(match.misses)
    return PRF(tp, fp, fn)


@dataclass(frozen=True)
class DocumentResult:
    """One document's outcome: what was found, missed and wrongly claimed."""

    doc_id: str
    title: str
    gold_count: int
    predicted_count: int
    route: DocumentMatch
    endpoint: DocumentMatch


def _accuracy(pairs: Sequence[tuple[GoldClaim, Claim]], agrees: Callable[[GoldClaim, Claim], bool]) -> float | None:
    if not pairs:
        return None
    return sum(agrees(g, p) for g, p in pairs) / len(pairs)


def full_agreement(gold: GoldClaim, predicted: Claim) -> bool:
    """A route-matched claim a reader can take as it is: stance and claimant country right too."""
    return gold.stance == predicted.stance and gold.claimant_country == predicted.claimant_country


@dataclass(frozen=True)
class EvalReport:
    """Scores of one extractor over one gold set, and every document's mistakes."""

    gold_name: str
    extractor: str
    documents: tuple[DocumentResult, ...]
    missing: tuple[tuple[str, str], ...] = ()  # documents not scored: (id, why)
    route: PRF = field(init=False)
    endpoint: PRF = field(init=False)
    full: PRF = field(init=False)

    def __post_init__(self) -> None:
        route = _prf(d.route for d in self.documents)
        object.__setattr__(self, "route", route)
        object.__setattr__(self, "endpoint", _prf(d.endpoint for d in self.documents))
        right = sum(full_agreement(g, p) for g, p in self.matched_pairs)
        wrong = route.true_positives - right
        object.__setattr__(self, "full", PRF(right, route.false_positives + wrong, route.false_negatives + wrong))

    @property
    def matched_pairs(self) -> list[tuple[GoldClaim, Claim]]:
        return [pair for d in self.documents for pair in d.route.pairs]

    def scores(self) -> dict[str, float | None]:
        """Every score by name (:data:`SCORE_NAMES`); an accuracy with nothing matched is None."""
        pairs = self.matched_pairs
        return {
            "route_precision": self.route.precision,
            "route_recall": self.route.recall,
            "route_f1": self.route.f1,
            "endpoint_precision": self.endpoint.precision,
            "endpoint_recall": self.endpoint.recall,
            "endpoint_f1": self.endpoint.f1,
            "full_precision": self.full.precision,
            "full_recall": self.full.recall,
            "full_f1": self.full.f1,
            "claimant_country_accuracy": _accuracy(pairs, lambda g, p: g.claimant_country == p.claimant_country),
            "stance_accuracy": _accuracy(pairs, lambda g, p: g.stance == p.stance),
            "date_accuracy": _accuracy(pairs, lambda g, p: date_agrees(g.claim_date, p.claim_date)),
        }

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready summary: scores, counts and each document's misses and false claims."""
        return {
            "gold": self.gold_name,
            "extractor": self.extractor,
            "documents": len(self.documents),
            "missing": [{"id": doc_id, "why": why} for doc_id, why in self.missing],
            "scores": {k: (None if v is None else round(v, 4)) for k, v in self.scores().items()},
            "counts": {
                "gold_claims": self.route.true_positives + self.route.false_negatives,
                "predicted_claims": sum(d.predicted_count for d in self.documents),
                "route_matched": self.route.true_positives,
                "optional_matched": sum(len(d.route.optional_found) for d in self.documents),
                "route_false": self.route.false_positives,
                "route_missed": self.route.false_negatives,
                "endpoint_matched": self.endpoint.true_positives,
            },
            "per_document": [
                {
                    "id": d.doc_id,
                    "title": d.title,
                    "gold": d.gold_count,
                    "predicted": d.predicted_count,
                    "matched": len(d.route.pairs),
                    "misses": [_gold_json(g) for g in d.route.misses],
                    "false_claims": [_claim_json(c) for c in d.route.false_claims],
                    "attribute_errors": [error for g, p in d.route.pairs if (error := _attribute_error(g, p))],
                }
                for d in self.documents
            ],
        }

    def format_table(self) -> str:
        """A plain-text report: score table, then each document that went wrong."""
        lines = [
            f"gold: {self.gold_name}   extractor: {self.extractor}   documents: {len(self.documents)}",
            "",
            f"{'':<28}{'precision':>10}{'recall':>10}{'F1':>8}{'hits':>7}{'false':>7}{'missed':>8}",
        ]
        for label, prf in (
            ("route (with intermediaries)", self.route),
            ("route (endpoints only)", self.endpoint),
            ("full (+ stance, country)", self.full),
        ):
            lines.append(
                f"{label:<28}{prf.precision:>10.3f}{prf.recall:>10.3f}{prf.f1:>8.3f}"
                f"{prf.true_positives:>7}{prf.false_positives:>7}{prf.false_negatives:>8}"
            )
        lines.append("")
        scores = self.scores()
        matched = len(self.matched_pairs)
        for name, label in (
            ("claimant_country_accuracy", "claimant country"),
            ("stance_accuracy", "stance"),
            ("date_accuracy", "claim date"),
        ):
            value = scores[name]
            shown = "n/a" if value is None else f"{value:.3f}"
            lines.append(f"{label + ' accuracy':<28}{shown:>10}   (of {matched} matched)")
        if self.missing:
            lines += ["", f"not scored, {len(self.missing)} of {len(self.missing) + len(self.documents)} documents:"]
            lines += [f"  {doc_id}  {why}" for doc_id, why in self.missing]
        problems = [d for d in self.documents if d.route.misses or d.route.false_claims or _has_attribute_error(d)]
        if problems:
            lines += ["", "documents with mistakes:"]
        for d in problems:
            lines.append(f"  {d.doc_id}  {d.title[:70]}")
            lines += [f"    missed  {_describe(g)}" for g in d.route.misses]
            lines += [f"    false   {_describe(c)}" for c in d.route.false_claims]
            lines += [f"    wrong   {error}" for g, p in d.route.pairs if (error := _attribute_error(g, p))]
        return "\n".join(lines) + "\n"


def _has_attribute_error(document: DocumentResult) -> bool:
    return any(_attribute_error(g, p) for g, p in document.route.pairs)


def _route(claim: Claim) -> str:
    return f"{claim.origin}{' via ' + claim.via.format() if claim.via else ''} -> {claim.destination}"


def _describe(claim: Claim) -> str:
    return f"{_route(claim)}  [{claim.stance}] {claim.claimant} ({claim.claimant_country or '-'}) {claim.claim_date or 'undated'}"


def _attribute_error(gold: GoldClaim, predicted: Claim) -> str:
    """What a route-matched prediction got wrong, or "" when nothing."""
    wrong = []
    if gold.stance != predicted.stance:
        wrong.append(f"stance {predicted.stance!r} (gold {gold.stance!r})")
    if gold.claimant_country != predicted.claimant_country:
        wrong.append(f"claimant country {predicted.claimant_country!r} (gold {gold.claimant_country!r})")
    if not date_agrees(gold.claim_date, predicted.claim_date):
        wrong.append(f"date {predicted.claim_date!r} (gold {gold.claim_date!r})")
    if not wrong:
        return ""
    return f"{_route(gold)}: " + ", ".join(wrong)


def _gold_json(claim: Claim) -> dict[str, Any]:
    return {
        "claimant": claim.claimant,
        "claimant_country": claim.claimant_country,
        "claim_date": claim.claim_date,
        "stance": claim.stance,
        "origin": claim.origin,
        "via": list(claim.via),
        "destination": claim.destination,
        "items": claim.items,
    }


def _claim_json(claim: Claim) -> dict[str, Any]:
    return {**_gold_json(claim), "evidence": [e.text for e in claim.evidence]}


def score(
    documents: Sequence[GoldDocument],
    predictions: Mapping[str, Sequence[Claim]],
    *,
    gold_name: str = "",
    extractor: str = "",
    missing: Sequence[tuple[str, str]] = (),
) -> EvalReport:
    """Compare predictions (by document id; absent means none) with the gold claims."""
    results = []
    for document in documents:
        predicted = list(predictions.get(document.doc_id, ()))
        results.append(
            DocumentResult(
                doc_id=document.doc_id,
                title=document.title,
                gold_count=sum(g.required for g in document.claims),
                predicted_count=len(predicted),
                route=match_claims(document.claims, predicted, route_key),
                endpoint=match_claims(document.claims, predicted, endpoint_key),
            )
        )
    return EvalReport(gold_name=gold_name, extractor=extractor, documents=tuple(results), missing=tuple(missing))


def evaluate(
    documents: Sequence[GoldDocument] | GoldSet,
    reader: Extractor,
    *,
    gold_name: str = "",
    extractor: str = "",
) -> EvalReport:
    """Run ``reader`` over every gold document's articles and score what it claims."""
    missing: Sequence[tuple[str, str]] = ()
    if isinstance(documents, GoldSet):
        gold_name, missing, documents = gold_name or documents.name, documents.missing, documents.documents
    predictions = {d.doc_id: [claim for article in d.articles for claim in reader.extract(article)] for d in documents}
    return score(documents, predictions, gold_name=gold_name, extractor=extractor, missing=missing)


# --------------------------------------------------------------------------- regression gate


def gate_failures(scores: Mapping[str, float | None], floors: Mapping[str, float]) -> list[str]:
    """Each recorded floor the scores fall below, as a sentence; empty when all hold.

    A floor for a score that cannot be computed (an accuracy with nothing
    matched) counts as undercut, so a collapse to zero matches is never silent.
    """
    failures = []
    for name, floor in floors.items():
        if name not in SCORE_NAMES:
            failures.append(f"{name}: not a score this evaluator reports")
            continue
        value = scores.get(name)
        if value is None or value < floor - GATE_TOLERANCE:
            shown = "n/a" if value is None else f"{value:.4f}"
            failures.append(f"{name} {shown} is below the recorded {floor:.4f}")
    return failures


def read_gate(path: str | Path, gold_name: str) -> dict[str, float]:
    """The recorded floors for one gold set from a gate file ``{gold name: {score: floor}}``."""
    path = Path(path)
    try:
        recorded = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise GoldError(f"{path}: {error.strerror or error}") from error
    except json.JSONDecodeError as error:
        raise GoldError(f"{path}: invalid JSON: {error.msg}") from error
    floors = recorded.get(gold_name) if isinstance(recorded, dict) else None
    if not isinstance(floors, dict):
        raise GoldError(f"{path}: no recorded scores for {gold_name!r}")
    try:
        return {str(name): float(value) for name, value in floors.items() if not str(name).startswith("_")}
    except (TypeError, ValueError) as error:
        raise GoldError(f"{path}: scores for {gold_name!r} must be numbers") from error
