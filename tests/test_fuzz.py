"""Adversarial input, by property: every reader takes anything and answers only with its documented errors.

Random bytes, random Unicode with bidi and control characters, deeply nested
JSON, huge single lines, HTML of thousands of nested tags, CSV with quotes and
embedded line breaks go through ``read_paths``/``read_bytes``/``read_text``,
the extractor, every importer and the claims-table reader. What may come out:

* ingest: an :class:`~flows.ingest.IngestResult` (problems, never an exception);
* importers: an ``ImportResult`` or :class:`~flows.importers.ImportFileError`;
* the claims-table reader: a ``LoadResult`` or :class:`~flows.table.TableError`;
* the extractor: a list of claims.

And every message that reaches a person carries no raw control character
(:func:`flows.messages.shown`). Example counts are bounded so CI stays fast;
time per MB for each reader is measured by ``bench/fuzz.py``, not here.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flows import ingest, table
from flows.cli import cli
from flows.extract import get_extractor
from flows.importers import FORMATS, ImportFileError, import_bytes
from flows.messages import problem_line, shown
from flows.models import Article
from flows.ui.safety import md_escape

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Raw control characters and bidi controls a message must never carry (tab and newline included: one line each).
UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\ufeff\u2028\u2029]")

HOSTILE = ["\u202e", "\u2066", "\u2069", "\u200f", "\x1b[31m", "\x1b]0;title\x07", "\x00", "\r", "\x0b", "\x85",
           "\ufeff", "\u2028", '"', ",", "\n", "<", "&", "=cmd|' /C calc'!A0"]  # fmt: skip
HOSTILE_TEXT = st.lists(
    st.one_of(st.text(max_size=30), st.sampled_from(HOSTILE), st.sampled_from(["Iran", "sent", "drones", "Russia"])),
    max_size=30,
).map("".join)


def _safe(message: str) -> bool:
    return not UNSAFE.search(message)


def _check_ingest(result: ingest.IngestResult, name: str) -> None:
    assert isinstance(result, ingest.IngestResult)
    for problem in result.problems:
        assert problem.severity in ("error", "warning")
        assert _safe(problem_line(problem.path, problem.line, problem.message, problem.severity))
    for article in result.articles:
        assert article.text.strip()
        assert not ingest.decoding.CONTROL_CHARS.search(article.full_text)


# --------------------------------------------------------------------------- ingest


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(ingest.SUFFIXES))
def test_random_bytes_through_read_bytes(data: bytes, suffix: str) -> None:
    _check_ingest(ingest.read_bytes(data, f"upload{suffix}"), f"upload{suffix}")


@FUZZ
@given(HOSTILE_TEXT, st.sampled_from(ingest.SUFFIXES), st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_hostile_unicode_through_read_paths(text: str, suffix: str, encoding: str) -> None:
    data = text.encode(encoding, errors="replace")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"in\u202eput\x1b[1m{suffix}"  # the file name is hostile too
        path.write_bytes(data)
        _check_ingest(ingest.read_paths([path, Path(folder)]), str(path))


@FUZZ
@given(HOSTILE_TEXT, HOSTILE_TEXT)
def test_hostile_pasted_text_and_title(text: str, title: str) -> None:
    _check_ingest(ingest.read_text(text, title=title, name="pasted text"), "pasted text")


@pytest.mark.parametrize("depth", [50, 5_000, 200_000])
@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_deeply_nested_json_is_an_error_not_a_crash(depth: int, suffix: str) -> None:
    data = ("[" * depth + "]" * depth).encode() if depth < 100 else ('{"text": ' * depth + "1" + "}" * depth).encode()
    result = ingest.read_bytes(data, f"deep{suffix}")
    _check_ingest(result, f"deep{suffix}")
    assert not result.articles and result.errors


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".json", ".jsonl"])
def test_a_huge_single_line_is_read(suffix: str) -> None:
    line = "Iran sent drones to Russia, the Pentagon said. " * 40_000  # ~1.9 MB, no line break
    body = json.dumps({"text": line}) if suffix in (".json", ".jsonl") else line
    result = ingest.read_bytes(body.encode(), f"long{suffix}", published="2025-06-23")
    _check_ingest(result, f"long{suffix}")
    assert result.articles


@pytest.mark.parametrize("depth", [5_000, 50_000])
def test_html_of_thousands_of_nested_tags_is_read(depth: int) -> None:
    page = "<html><body>" + "<div><span>" * depth + "Iran sent drones to Russia." + "</span></div>" * depth
    result = ingest.read_bytes((page + "</body></html>").encode(), "nested.html", published="2025-06-23")
    _check_ingest(result, "nested.html")
    assert result.articles or result.errors


# --------------------------------------------------------------------------- the extractor


@FUZZ
@given(HOSTILE_TEXT, st.sampled_from(["", "2025-06-23"]))
def test_the_extractor_takes_any_text(text: str, published: str) -> None:
    extractor = get_extractor("rules")
    claims = extractor.extract(Article(text=text or "x", published=published))
    assert isinstance(claims, list)


def test_the_extractor_takes_a_huge_line_and_nested_markup_text() -> None:
    extractor = get_extractor("rules")
    for text in ("Iran sent drones to Russia, " * 5_000, "<div>" * 10_000 + "Iran sent drones to Russia."):
        assert isinstance(extractor.extract(Article(text=text, published="2025-06-23")), list)


# --------------------------------------------------------------------------- importers

CSV_CELLS = st.one_of(
    st.sampled_from(["", '"', '""', '"a,b"', '"line\nbreak"', "2010", "DE", "Germany", "issued", "ML4", "?", ";",
                     "Hezbollah (Lebanon)*", "\r", "\x00"]),
    HOSTILE_TEXT,
)  # fmt: skip
CSV_ROWS = st.lists(st.lists(CSV_CELLS, max_size=18).map(",".join), max_size=12).map("\n".join)


def _check_import(data: bytes, fmt: str | None) -> None:
    try:
        result = import_bytes(data, "fuzz\u202e.csv", fmt)
    except ImportFileError as error:
        assert _safe(shown(error))
        return
    rejected = {p.row for p in result.problems if p.severity == "error"}
    assert len(result.claims) <= result.rows_read + 1 and len(rejected) <= result.rows_read
    for problem in result.problems:
        assert _safe(problem_line("fuzz.csv", problem.row, problem.text, problem.severity))
    assert not table.validate(result.claims).problems  # what an importer gives always loads


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from([None, *FORMATS]))
def test_random_bytes_through_every_importer(data: bytes, fmt: str | None) -> None:
    _check_import(data, fmt)


HEADS = {
    "sipri": "Data generated: 1 Jan 2026\nSIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament "
    "category,Order date,Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,"
    "Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production;\n",
    "sipri-legacy": "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
    "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,"
    "SIPRI TIV of delivered weapons\n",
    "kiel": "donor,iso,month,military_aid\n",
    "kiel-weapons": "donor,iso,category,number,value\n",
    "caat-broker": "2010,DE,Germany,issued,CA,Canada,1,1000.0,ML4,5,,RU,Russia\n",
    "caat-mission": "2010,DE,Germany,AF,Afghanistan,ISAF,Rifles\n",
}


@FUZZ
@given(st.sampled_from(sorted(HEADS)), CSV_ROWS)
def test_quoted_csv_with_line_breaks_under_a_real_header(fmt: str, rows: str) -> None:
    _check_import((HEADS[fmt] + rows).encode("utf-8"), fmt)


# --------------------------------------------------------------------------- the claims-table reader


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["csv", "jsonl", "parquet"]))
def test_random_bytes_through_the_claims_reader(data: bytes, fmt: str) -> None:
    try:
        result = table.read_claims_bytes(data, fmt, "fuzz")
    except table.TableError as error:
        assert _safe(shown(error))
        return
    assert not table.validate(result.claims).problems


@FUZZ
@given(CSV_ROWS, st.sampled_from(["csv", "jsonl"]))
def test_claims_files_with_quotes_and_line_breaks(rows: str, fmt: str) -> None:
    header = ",".join(table.CLAIM_COLUMNS)
    if fmt == "csv":
        data = (header + "\n" + rows).encode("utf-8", errors="replace")
    else:
        data = "\n".join(json.dumps(dict(zip(table.CLAIM_COLUMNS, r.split(","), strict=False))) for r in rows.split("\n")).encode()
    try:
        result = table.read_claims_bytes(data, fmt, "fuzz")
    except table.TableError as error:
        assert _safe(shown(error))
        return
    assert len(result.claims) + result.rows_rejected <= result.rows_read
    for problem in result.problems:
        assert _safe(problem_line("fuzz", problem.row, problem.text, problem.severity))


def test_deeply_nested_json_lines_in_a_claims_file() -> None:
    data = ('{"claim_id": ' * 100_000 + "1" + "}" * 100_000 + "\n").encode()
    result = table.read_claims_bytes(data, "jsonl", "deep.jsonl")
    assert result.claims.empty and result.rows_rejected == 1


# --------------------------------------------------------------------------- what reaches the terminal and the page


def test_no_raw_control_character_reaches_the_terminal(tmp_path: Path) -> None:
    hostile = tmp_path / "bad\x1b[31mname\u202e.jsonl"
    hostile.write_text('{"text": "x", "published": "\x1b[2Jsoon\u202e"}\n{not json\x07\n', encoding="utf-8")
    claims = tmp_path / "claims.csv"
    claims.write_text(",".join(table.CLAIM_COLUMNS) + ",no\x1btes\n" + "x," * 5 + "al\x1b[5mleged\u202e" + ",\n", encoding="utf-8")
    register = tmp_path / "reg\x1b.csv"
    register.write_text("Data generated: 1 Jan 2026\nSIPRI AT Database ID,Supplier\x1b[31m,Recipient\u202e\n", encoding="utf-8")
    runner = CliRunner()
    for args in (["extract", str(hostile)], ["validate", str(claims)], ["legs", str(claims)],
                 ["import", str(register)], ["extract", str(tmp_path / "none\x1b[0m.txt")],
                 ["extract", str(hostile), "--published", "\x1b[31mtomorrow"]):  # fmt: skip
        result = runner.invoke(cli, args)
        assert result.exit_code != 0
        assert result.stderr.strip(), args
        for line in result.stderr.splitlines():
            assert _safe(line), (args, line)


def test_markdown_for_the_page_carries_no_raw_control_character() -> None:
    message = md_escape("bad\x1b[31m.txt:\u202e2: not valid JSON\x07")
    assert _safe(message)
    assert "\\\\x1b" in message or "x1b" in message
