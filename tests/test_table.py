"""The claims-table contract: file round trips, the formula guard, legs, validation, atomic writes.

Round trips are hypothesis properties over random valid claims whose text
fields are hostile: spreadsheet formula starts (= + - @ tab CR, after OWASP's
"CSV Injection" page), quotes, separators, newlines, a bare carriage return,
NUL and any unicode. They run in memory (a file's bytes, read back as the file
would be); writing files is tested on its own below. The single-example tests named after a defect pin down
bugs this file once found in ``flows/table.py`` (fixed in 4c1e8a5).
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows import countries, table
from flows.dates import date_start, precision_of
from flows.models import Claim, Evidence
from flows.route import CHAIN_SEPARATOR
from flows.vocabulary import CATEGORIES, SOURCE_KINDS, STANCES, source_kind
from flows.table import CLAIM_COLUMNS, LEG_COLUMNS, TableError

# What a spreadsheet runs as a formula when a cell starts with it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

HOSTILE_SAMPLES = [
    "=HYPERLINK(\"http://x\",\"y\")",
    "+1",
    "-1+2",
    "@SUM(A1)",
    "\tcmd",
    "\r\nnext",
    "a,b;c",
    "\"quoted\"",
    "line one\nline two",
    "Côte d’Ivoire — 炮弹 ✈",
    "  padded  ",
    "'already quoted",
    "'=quote then formula",
    "'",
    "bare\rreturn",
    "nul\x00inside",
    "nan",
    "None",
    "",
]

CODES = sorted(countries.known_codes())


HOSTILE_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(HOSTILE_SAMPLES),
    st.builds(
        lambda start, rest: start + rest, st.sampled_from((*FORMULA_STARTS, "'", "''")), st.text(max_size=10)
    ),
)


def _iso(day: date, precision: str) -> str:
    return {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4], "": ""}[precision]


@st.composite
def claims(draw: st.DrawFn) -> Claim:
    text = HOSTILE_TEXT
    code = st.sampled_from(CODES)
    chain = st.lists(code, min_size=1, max_size=3).map(CHAIN_SEPARATOR.join)
    precision = draw(st.sampled_from(["day", "month", "year", ""]))
    day = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
    published = draw(st.one_of(st.just(""), st.dates().map(date.isoformat)))
    number = st.floats(allow_nan=False, allow_infinity=False)
    return Claim(
        claimant=draw(text),
        stance=draw(st.sampled_from(STANCES)),
        origin=draw(code),
        destination=draw(code),
        via=tuple(draw(st.lists(chain, max_size=3))),
        claimant_country=draw(st.one_of(st.just(""), code)),
        claim_date=_iso(day, precision),
        date_precision=precision,
        origin_actor=draw(text),
        destination_actor=draw(text),
        items=draw(text),
        category=draw(st.one_of(st.sampled_from(CATEGORIES), text)),
        quantity=draw(st.one_of(st.none(), st.floats(min_value=0, allow_nan=False, allow_infinity=False))),
        value=draw(st.one_of(st.none(), number)),
        value_unit=draw(text),
        evidence=tuple(Evidence(t, 0, len(t)) for t in draw(st.lists(text, max_size=2))),
        source=draw(text),
        url=draw(text),
        published=published,
        article_id=draw(text),
        method=draw(text),
        confidence=draw(st.floats(min_value=0, max_value=1)),
    )


FRAMES = st.lists(claims(), max_size=6).map(table.claims_to_frame)


FILE_FORMATS = ("csv", "jsonl", "parquet")


def _round_trip(frame: pd.DataFrame, fmt: str = "csv") -> table.LoadResult:
    return table.read_claims_bytes(table.table_bytes(frame, fmt), fmt)


# --------------------------------------------------------------------------- round trips


@settings(deadline=None, max_examples=60)
@given(frame=FRAMES)
def test_csv_jsonl_and_parquet_round_trips_are_lossless(frame: pd.DataFrame) -> None:
    # Each drawn table goes through every format: 60 tables each, one draw for all three.
    for fmt in FILE_FORMATS:
        result = _round_trip(frame, fmt)
        assert result.problems == [], fmt
        pd.testing.assert_frame_equal(result.claims, frame, obj=f"{fmt} round trip")


def test_claims_to_frame_has_the_contract_columns_and_dtypes() -> None:
    claim = Claim(claimant="Kyiv Independent", stance="reported", origin="SRB", destination="UKR", via=("POL>SVK",))
    frame = table.claims_to_frame([claim, claim])
    assert tuple(frame.columns) == CLAIM_COLUMNS
    assert len(frame) == 1  # deduplicated by claim_id
    assert frame.loc[0, "via"] == ["POL>SVK"]
    assert frame.loc[0, "claim_id"] == claim.claim_id
    assert math.isnan(frame.loc[0, "quantity"])
    for column in table.NUMERIC_COLUMNS:
        assert frame[column].dtype == "float64"
    for column in table.TEXT_COLUMNS:  # Python str cells, not pandas' string dtype
        assert frame[column].dtype == object
    assert tuple(table.empty_claims().columns) == CLAIM_COLUMNS
    assert tuple(table.empty_claims().dtypes) == tuple(frame.dtypes)


def _claim(**fields: object) -> Claim:
    base: dict[str, object] = {"claimant": "someone", "stance": "reported", "origin": "SRB", "destination": "UKR"}
    base.update(fields)
    return Claim(**base)  # type: ignore[arg-type]


def test_csv_keeps_a_bare_carriage_return() -> None:
    frame = table.claims_to_frame([_claim(items="155mm\rshells")])
    result = _round_trip(frame)
    assert result.claims["items"].tolist() == ["155mm\rshells"]


def test_csv_keeps_a_leading_quote_before_a_formula_character() -> None:
    frame = table.claims_to_frame([_claim(claimant="'=not a formula")])
    result = _round_trip(frame)
    assert result.claims["claimant"].tolist() == ["'=not a formula"]


def test_csv_keeps_a_nul_in_text() -> None:
    frame = table.claims_to_frame([_claim(evidence=(Evidence("a\x00b", 0, 3),))])
    result = _round_trip(frame)
    assert result.claims["evidence"].tolist() == ["a\x00b"]


# --------------------------------------------------------------------------- formula guard


def _csv_cells(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


@settings(deadline=None, max_examples=60)
@given(frame=FRAMES)
def test_no_guarded_csv_cell_starts_like_a_formula(frame: pd.DataFrame) -> None:
    for record in _csv_cells(table.to_csv_bytes(frame)):
        for column, cell in record.items():
            if column in table.NUMERIC_COLUMNS:
                assert cell == "" or not math.isnan(float(cell))  # a number, written as one
            else:
                assert not cell.startswith(FORMULA_STARTS), (column, cell)


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_guard_cell_quotes_formula_starts(value: str) -> None:
    guarded = table.guard_cell(value)
    assert guarded == "'" + value
    assert table.unguard_cell(guarded) == value


@given(st.one_of(st.text(), HOSTILE_TEXT))
def test_unguard_undoes_guard(value: str) -> None:
    assert table.unguard_cell(table.guard_cell(value)) == value


def test_negative_number_is_written_as_a_number() -> None:
    frame = table.claims_to_frame([_claim(value=-2.5, quantity=3.0)])
    (record,) = _csv_cells(table.to_csv_bytes(frame))
    assert (record["value"], record["quantity"]) == ("-2.5", "3")


# --------------------------------------------------------------------------- legs


def _one_claim_frame(origin: str, via: list[str], destination: str) -> pd.DataFrame:
    return table.claims_to_frame([_claim(origin=origin, via=tuple(via), destination=destination)])


def test_legs_of_a_direct_claim() -> None:
    legs = table.legs(_one_claim_frame("SRB", [], "UKR"))
    assert tuple(legs.columns) == LEG_COLUMNS
    assert legs[["leg", "from", "to", "from_role", "to_role", "weight"]].values.tolist() == [
        [1, "SRB", "UKR", "origin", "destination", 1.0]
    ]


def test_a_chain_gives_three_legs_of_full_weight() -> None:
    legs = table.legs(_one_claim_frame("CZE", ["POL>SVK"], "UKR"))
    assert legs[["leg", "from", "to", "from_role", "to_role", "weight"]].values.tolist() == [
        [1, "CZE", "POL", "origin", "intermediary", 1.0],
        [2, "POL", "SVK", "intermediary", "intermediary", 1.0],
        [3, "SVK", "UKR", "intermediary", "destination", 1.0],
    ]


def test_parallel_routes_share_the_weight() -> None:
    legs = table.legs(_one_claim_frame("SRB", ["POL", "ROU"], "UKR"))
    assert legs[["leg", "from", "to", "weight"]].values.tolist() == [
        [1, "SRB", "POL", 0.5],
        [2, "POL", "UKR", 0.5],
        [1, "SRB", "ROU", 0.5],
        [2, "ROU", "UKR", 0.5],
    ]


@settings(deadline=None, max_examples=60)
@given(frame=FRAMES)
def test_each_claim_weighs_one_at_its_destination(frame: pd.DataFrame) -> None:
    legs = table.legs(frame)
    arriving = legs[legs["to_role"] == "destination"].groupby("claim_id")["weight"].sum()
    assert set(arriving.index) == set(frame["claim_id"])
    assert all(math.isclose(weight, 1.0) for weight in arriving)
    expected_legs = sum(
        sum(entry.count(CHAIN_SEPARATOR) + 2 for entry in via) if via else 1 for via in frame["via"]
    )
    assert len(legs) == expected_legs
    assert set(legs["from"]) | set(legs["to"]) <= countries.known_codes()


def test_legs_of_no_claims_is_an_empty_legs_table() -> None:
    legs = table.legs(table.empty_claims())
    assert tuple(legs.columns) == LEG_COLUMNS
    assert legs.empty


def test_legs_of_a_spaced_chain_are_codes() -> None:
    frame = _one_claim_frame("CZE", ["POL > SVK"], "UKR")
    assert table.validate(frame).problems == []
    legs = table.legs(frame)
    assert set(legs["from"]) | set(legs["to"]) <= countries.known_codes()


# --------------------------------------------------------------------------- validation


def _csv_of(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(CLAIM_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in CLAIM_COLUMNS})
    return out.getvalue().encode("utf-8")


def _row(claim_id: str, **cells: str) -> dict[str, str]:
    return {"claim_id": claim_id, "stance": "reported", "origin": "SRB", "destination": "UKR", **cells}


def test_bad_rows_are_reported_by_line_and_column_and_good_rows_load() -> None:
    data = _csv_of(
        [
            _row("good-1", evidence="first line\nsecond line"),  # lines 2-3
            _row("bad-origin", origin="ZZZ"),  # line 4
            _row("bad-date", claim_date="2024-02-30", date_precision="day"),  # line 5
            _row("bad-number", quantity="lots"),  # line 6
            _row("bad-stance", stance="rumoured"),  # line 7
            _row("bad-precision", claim_date="2024-05", date_precision="day"),  # line 8
            _row("bad-via", via="POL;XYZ>SVK"),  # line 9
            _row("bad-published", published="2024-05"),  # line 10
            _row("bad-confidence", confidence="1.5"),  # line 11
            _row("good-2", via="POL>SVK;ROU", claim_date="2024", date_precision="year"),  # line 12
            _row("good-1"),  # line 13: duplicate id
        ]
    )
    result = table.read_claims_csv(data)
    assert result.claims["claim_id"].tolist() == ["good-1", "good-2"]
    assert result.claims.loc[1, "via"] == ["POL>SVK", "ROU"]
    assert [(p.row, p.column) for p in result.problems] == [
        (4, "origin"),
        (5, "claim_date"),
        (6, "quantity"),
        (7, "stance"),
        (8, "date_precision"),
        (9, "via"),
        (10, "published"),
        (11, "confidence"),
        (13, "claim_id"),
    ]
    assert result.rows_read == 11
    assert result.rows_rejected == 9
    assert str(result.problems[0]) == "record 2 (line 4), column origin: is not a known ISO 3166-1 alpha-3 code ('ZZZ')"


def test_a_record_with_the_wrong_number_of_cells_is_reported() -> None:
    data = _csv_of([_row("good")]) + b"only,three,cells\n"
    result = table.read_claims_csv(data)
    assert result.claims["claim_id"].tolist() == ["good"]
    assert [(p.row, p.column) for p in result.problems] == [(3, "*")]


def test_jsonl_wrong_types_are_reported(tmp_path: Path) -> None:
    good = _row("good")
    lines = [
        json.dumps(good),
        json.dumps({**good, "claim_id": "numeric-origin", "origin": 643}),
        json.dumps({**good, "claim_id": "text-quantity", "quantity": "many"}),
        "not json",
        json.dumps(["a", "list"]),
        json.dumps({**good, "claim_id": "infinite", "value": math.inf}),
    ]
    path = tmp_path / "claims.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = table.read_claims(path)
    assert result.claims["claim_id"].tolist() == ["good"]
    assert sorted((p.row, p.column) for p in result.problems) == [
        (2, "origin"),
        (3, "quantity"),
        (4, "*"),
        (5, "*"),
        (6, "value"),
    ]


def test_jsonl_via_of_the_wrong_type_is_a_row_problem(tmp_path: Path) -> None:
    path = tmp_path / "claims.jsonl"
    path.write_text(json.dumps({**_row("bad-via"), "via": 5}) + "\n", encoding="utf-8")
    result = table.read_claims(path)
    assert [(p.row, p.column) for p in result.problems] == [(1, "via")]


@pytest.mark.parametrize(("column", "value"), [("claimant", ["a", "b"]), ("quantity", True)])
def test_jsonl_values_of_the_wrong_json_type_are_reported(tmp_path: Path, column: str, value: object) -> None:
    path = tmp_path / "claims.jsonl"
    path.write_text(json.dumps({**_row("typed"), column: value}) + "\n", encoding="utf-8")
    result = table.read_claims(path)
    assert [(p.row, p.column) for p in result.problems] == [(1, column)]


def test_missing_columns_are_a_table_error(tmp_path: Path) -> None:
    partial = table.empty_claims().drop(columns=["origin", "destination"])
    with pytest.raises(TableError, match="origin, destination"):
        table.validate(partial)
    header = ",".join(c for c in CLAIM_COLUMNS if c != "origin")
    with pytest.raises(TableError, match="missing columns: origin$"):
        table.read_claims_csv(header.encode() + b"\n")
    path = tmp_path / "partial.parquet"
    partial.to_parquet(path)
    with pytest.raises(TableError, match="origin"):
        table.read_claims(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "empty file"),
        ("binary.csv", b"PK\x03\x04\x00\x00", "binary"),
        ("latin1.csv", "claim_id\nCôte".encode("latin-1"), "not UTF-8"),
        ("broken.parquet", b"not parquet at all", "not a readable Parquet"),
        ("claims.xlsx", b"", "unknown claims file type"),
    ],
)
def test_unreadable_files_are_table_errors(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(TableError, match=message):
        table.read_claims(path)


def test_a_missing_file_is_a_table_error(tmp_path: Path) -> None:
    with pytest.raises(TableError):
        table.read_claims(tmp_path / "absent.csv")


@pytest.mark.parametrize(
    ("claim_date", "start", "precision"),
    [
        ("2024-05-17", date(2024, 5, 17), "day"),
        ("2024-05", date(2024, 5, 1), "month"),
        ("2024", date(2024, 1, 1), "year"),
        ("2024-02-30", None, "day"),
        ("2024-13", None, "month"),
        ("17 May 2024", None, ""),
        ("", None, ""),
    ],
)
def test_date_start_and_precision(claim_date: str, start: date | None, precision: str) -> None:
    assert date_start(claim_date) == start
    assert precision_of(claim_date) == precision


# --------------------------------------------------------------------------- writing


def _files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failing_write_leaves_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = tmp_path / "claims.csv"
    table.write_table(table.claims_to_frame([_claim()]), path)
    before = path.read_bytes()

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(table.TableError, match="claims.csv: cannot write: No space left on device"):
        table.write_table(table.claims_to_frame([_claim(), _claim(claimant="other")]), path)
    assert path.read_bytes() == before
    assert _files_in(tmp_path) == ["claims.csv"]  # no temp file left behind


def test_write_refuses_a_missing_folder_and_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "claims.jsonl"
    with pytest.raises(table.TableError, match="the folder .*er does not exist; create it first"):
        table.write_table(table.claims_to_frame([_claim()]), path)
    assert _files_in(tmp_path) == []


def test_legs_table_writes_as_csv(tmp_path: Path) -> None:
    legs = table.legs(_one_claim_frame("CZE", ["POL>SVK"], "UKR"))
    path = tmp_path / "legs.csv"
    table.write_table(legs, path)
    written = pd.read_csv(path)
    assert list(written.columns) == list(LEG_COLUMNS)
    assert written["leg"].tolist() == [1, 2, 3]


# --------------------------------------------------------------------------- merge and provenance


def test_merge_keeps_existing_claims_and_adds_new_ones() -> None:
    first, second, third = _claim(claimant="a"), _claim(claimant="b"), _claim(claimant="c")
    existing = table.claims_to_frame([first, second])
    changed_second = _claim(claimant="b", items="changed")  # same claim_id as second
    assert changed_second.claim_id == second.claim_id
    merged = table.merge_claims(existing, table.claims_to_frame([changed_second, third]))
    assert merged["claim_id"].tolist() == [first.claim_id, second.claim_id, third.claim_id]
    assert merged.loc[1, "items"] == ""
    assert table.merge_claims(table.empty_claims(), existing)["claim_id"].tolist() == existing["claim_id"].tolist()


@pytest.mark.parametrize(
    ("method", "kind"),
    [("rules 0.3", "news"), ("import:sipri 1", "register"), ("manual", "manual"), ("manual correction", "manual")],
)
def test_source_kind(method: str, kind: str) -> None:
    assert source_kind(method) == kind
    assert kind in SOURCE_KINDS
