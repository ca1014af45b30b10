"""The Add data page loses nothing a person does (Streamlit's AppTest).

A correction that fails the checks stays, with its edits and the reason
beside it, while the valid rows are saved; decisions survive pasting the same
article again with another or no publication date; uploads are read at once
and an unreadable one is its own message; the upload limit is the reader's.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from flows.ingest import MAX_FILE_BYTES
from flows.store import Store
from flows.vocabulary import MANUAL_CORRECTION

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")

TWO_CLAIMS = (
    "Ukraine's military intelligence said on Monday that North Korea had sent 100 artillery shells "
    "to Russia through Belarus.\n\n"
    "The Pentagon said on Tuesday that Iran had shipped Shahed drones to Russia."
)


def _add_data_page() -> None:
    # AppTest cannot switch to a page given as a function; run that page on its own.
    from flows import ui

    ui.run_page(ui.add_data_page, "adding data")


@pytest.fixture
def store(app_store) -> Store:
    return app_store([])


def _page() -> AppTest:
    return AppTest.from_function(_add_data_page, default_timeout=60).run()


def _paste(at: AppTest, published: str | None) -> AppTest:
    at.text_area(key="paste-text").set_value(TWO_CLAIMS)
    at.text_input(key="paste-source").set_value("Test Wire")
    at.date_input(key="paste-published").set_value(pd.Timestamp(published).date() if published else None)
    next(b for b in at.button if b.label == "Extract claims").click()
    return at.run()


def _edit(at: AppTest, rows: dict[int, dict[str, str]]) -> None:
    at.session_state["proposal-editor"] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}


def _plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def _messages(at: AppTest) -> list[str]:
    return [_plain(m.value) for m in [*at.error, *at.warning, *at.info, *at.success]]


@pytest.mark.parametrize(
    ("column", "value", "problem"),
    [
        ("origin", "Narnia", "column origin: is not a known ISO 3166-1 alpha-3 code ('Narnia')"),
        ("claim_date", "yesterday", "column claim_date: is not an ISO 8601 date"),
        ("via", "Poland>>;;", "column via: is empty"),
    ],
)
def test_a_correction_that_fails_the_checks_is_kept_with_its_edit_and_why(
    store: Store, column: str, value: str, problem: str
) -> None:
    at = _paste(_page(), "2024-03-04")
    _edit(at, {0: {column: value}})
    at.button(key="save-proposals").click().run()
    assert not at.exception
    # The valid row is saved; the failing one is not lost.
    saved = store.claims()
    assert list(saved["origin"]) == ["IRN"]
    assert any("1 claim saved" in m and "1 not saved" in m for m in _messages(at))
    left = at.data_editor[0].value
    assert len(left) == 1
    assert left.loc[0, column] == value, "the person's edit is still there to fix"
    assert problem in left.loc[0, "problem"], "the reason stands beside the row"
    # Fixed, it saves as a correction of the proposal.
    _edit(at, {0: {column: {"origin": "Iran", "claim_date": "2024-03", "via": "Poland"}[column]}})
    at.button(key="save-proposals").click().run()
    assert not at.exception and not at.data_editor
    assert len(store.claims()) == 2
    assert MANUAL_CORRECTION in set(store.claims()["method"])


@pytest.mark.parametrize("second_date", [None, "2024-03-11"])
def test_decisions_survive_pasting_the_same_article_with_another_or_no_date(
    store: Store, second_date: str | None
) -> None:
    at = _paste(_page(), "2024-03-04")
    _edit(at, {0: {"origin": "China"}, 1: {"decision": "reject"}})
    at.button(key="save-proposals").click().run()
    assert not at.exception
    assert list(store.claims()["origin"]) == ["CHN"]  # the correction
    _paste(at, second_date)  # "on Monday" now resolves to another day, or to none
    assert not at.exception
    assert any("2 left out" in m for m in _messages(at))
    assert not at.data_editor, "neither the rejected nor the corrected proposal comes back"
    # Even a machine saving them directly (a re-run of the extractor) cannot revive them.
    from flows import pipeline

    again = pipeline.run(pipeline.Inputs(text=TWO_CLAIMS, published=second_date, source="Test Wire"))
    assert len(again.claims) == 2
    assert store.save(again.claims).suppressed == 2
    assert list(store.claims()["origin"]) == ["CHN"]


def _upload(at: AppTest, files: list[tuple[str, bytes]]) -> AppTest:
    uploader = next(u for u in at.file_uploader if u.label == "Article files")
    uploader.set_value([(name, data, "text/plain") for name, data in files])
    return at.run()


def test_uploaded_files_are_read_without_pressing_the_paste_button(store: Store) -> None:
    at = _upload(_page(), [("wire.txt", TWO_CLAIMS.encode())])
    assert not at.exception
    assert list(at.data_editor[0].value["origin"]) == ["PRK", "IRN"]
    at.run()  # another run (any widget) does not read the same files again
    assert any("2 claim(s) proposed" in m for m in _messages(at))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty.txt: empty file"),
        ("image.txt", b"\x89PNG\x00\x00\x01\x02" * 20, "image.txt: binary file"),
        ("huge.txt", b"a" * (MAX_FILE_BYTES + 1), "huge.txt: file too large (20 MB); the limit is 20 MB for one file"),
    ],
)
def test_an_unreadable_upload_is_its_own_message_and_nothing_else(
    store: Store, name: str, data: bytes, message: str
) -> None:
    at = _upload(_page(), [(name, data)])
    assert not at.exception
    shown = _messages(at)
    assert any(message in m for m in shown), shown
    assert not any("Nothing to read" in m for m in shown)


def test_the_upload_limit_is_the_readers() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == MAX_FILE_BYTES


def test_the_footer_shows_no_server_path(store: Store, tmp_path: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    footer = " ".join(_plain(c.value) for c in at.caption)
    assert "claims.sqlite (SQLite file)" in footer
    assert str(tmp_path) not in footer
