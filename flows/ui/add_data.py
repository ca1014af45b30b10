"""The Add data page: articles to review, register files, and claims tables.

Articles go through :mod:`flows.pipeline`; the proposals it returns are
reviewed in an editable table, and the person's decisions become what
:mod:`flows.review` says to save.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from flows import pipeline, table
from flows.importers import ImportFileError, import_bytes
from flows.messages import shown
from flows.review import DECISIONS, EDITABLE, fresh_proposals, review
from flows.route import Route
from flows.store import Store
from flows.ui import data
from flows.ui.safety import SAVED_MESSAGE, guarded, md_escape
from flows.vocabulary import CATEGORIES, STANCES

PROPOSALS = "_proposals"  # session key: the claims proposed, their articles, and the person's edits so far
PROPOSAL_MESSAGE = "_proposal_message"  # session key: what the last extraction found
READ_PROBLEMS = "_read_problems"  # session key: what went wrong reading the last inputs, shown until the next
UPLOADS_READ = "_uploads_read"  # session key: the uploaded files already read (names and sizes)
EDITOR = "proposal-editor"  # the proposals editor's widget key


def add_data_page() -> None:
    st.title("Add data")
    st.caption("What you save here appears on the Explore page at once, with where it came from.")
    store = data.open_store(data.store_location())
    if store is None:
        return
    articles_tab, registers_tab, csv_tab = st.tabs(["Articles", "Register files", "Claims CSV"])
    with articles_tab, guarded("reading the articles"):
        add_articles(store)
    with registers_tab, guarded("importing the register file"):
        add_register(store)
    with csv_tab, guarded("reading the claims CSV"):
        add_claims_csv(store)


def add_articles(store: Store) -> None:
    st.markdown(
        "Upload articles (`.txt`, `.html`, `.jsonl`) or paste one. The extractor proposes "
        "claims; accept, correct or reject each before it is saved."
    )
    files = st.file_uploader(
        "Article files", type=["txt", "html", "htm", "jsonl"], accept_multiple_files=True, key="article-files"
    )
    # Files are read as soon as they are uploaded (once per set of files), not by the paste form's button.
    uploads = [(upload.name, upload.getvalue()) for upload in files or []]
    signature = [(name, len(content)) for name, content in uploads]
    if uploads and st.session_state.get(UPLOADS_READ) != signature:
        st.session_state[UPLOADS_READ] = signature
        propose(store, pipeline.Inputs(uploads=uploads))
    elif not uploads:
        st.session_state.pop(UPLOADS_READ, None)
    with st.form("paste", clear_on_submit=False, border=True):
        text = st.text_area("…or paste an article", height=180, key="paste-text")
        c1, c2, c3 = st.columns(3)
        published = c1.date_input(
            "Published", value=None, key="paste-published", help="Dates like 'last week' are read against it."
        )
        source = c2.text_input("Source (outlet)", key="paste-source")
        url = c3.text_input("URL (optional)", key="paste-url")
        title = st.text_input("Title (optional)", key="paste-title")
        submitted = st.form_submit_button("Extract claims", type="primary", icon=":material/auto_awesome:")
    if submitted:
        if text.strip():
            pasted = pipeline.Inputs(
                text=text, title=title, url=url,
                published=published.isoformat() if isinstance(published, date) else None,
                source=source or None,
            )  # fmt: skip
            propose(store, pasted)
        else:
            st.warning("Nothing to read: paste some text first.")
    for severity, message in st.session_state.get(READ_PROBLEMS, []):
        (st.error if severity == "error" else st.warning)(md_escape(message))
    proposals_editor(store)


def propose(store: Store, inputs: pipeline.Inputs) -> None:
    """Read the inputs, extract their claims and keep the fresh ones for review.

    What went wrong reading is kept to show until the next inputs: an empty,
    binary or too large file is its own message, and nothing else.
    """
    ingested = pipeline.read(inputs)
    problems = [(problem.severity, str(problem)) for problem in ingested.problems]
    st.session_state[READ_PROBLEMS] = problems
    if not ingested.articles:
        if not problems:
            st.warning("Nothing to read: upload a file or paste some text.")
        return
    bar = st.progress(0.0, text="Extracting…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / total, text=f"Article {done} of {total}")

    extraction = pipeline.extract(ingested.articles, progress=progress)
    bar.empty()
    problems.extend(("error", str(problem)) for problem in extraction.problems)
    fresh = fresh_proposals(extraction.claims, store.suppressed_keys())
    skipped = len(extraction.claims) - len(fresh)
    st.session_state.pop(EDITOR, None)
    st.session_state[PROPOSALS] = {"claims": fresh, "articles": ingested.articles, "edits": None}
    message = f"{len(ingested.articles)} article(s) read, {len(fresh)} claim(s) proposed."
    if skipped:
        message += f" {skipped} left out: rejected, deleted or corrected before."
    st.session_state[PROPOSAL_MESSAGE] = message


def _editor_frame(claims: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame({"decision": ["accept"] * len(claims)})
    for column in EDITABLE:
        if column == "via":  # edited as text: "Poland>Slovakia;Romania"
            frame[column] = [Route.parse(v).format() for v in claims["via"]]
        else:
            frame[column] = claims[column].to_numpy()
    frame["evidence"] = claims["evidence"].to_numpy()
    frame["confidence"] = claims["confidence"].to_numpy()
    return frame


def proposals_editor(store: Store) -> None:
    pending = st.session_state.get(PROPOSALS)
    if not pending:
        return
    message = st.session_state.get(PROPOSAL_MESSAGE)
    if message:
        (st.warning if pending.get("edits") is not None else st.info)(md_escape(message))
    claims: pd.DataFrame = pending["claims"]
    if claims.empty:
        st.warning("The extractor found no new claim in this text.")
        return
    st.subheader("Proposed claims", anchor=False)
    st.caption(
        "Edit a cell to correct a claim (countries by name or ISO code; routes as `Poland>Slovakia;Romania`). "
        "Set 'decision' to reject to keep a proposal out for good."
    )
    # After a save that left rows out, the editor starts from the person's edits, with why beside each row.
    edits: pd.DataFrame | None = pending.get("edits")
    edited = st.data_editor(
        _editor_frame(claims) if edits is None else edits,
        key=EDITOR,
        hide_index=True,
        width="stretch",
        num_rows="fixed",
        disabled=["problem", "evidence", "confidence"],
        column_config={
            "decision": st.column_config.SelectboxColumn("decision", options=list(DECISIONS), required=True),
            "problem": st.column_config.TextColumn("problem", width="large"),
            "stance": st.column_config.SelectboxColumn("stance", options=list(STANCES)),
            "category": st.column_config.SelectboxColumn("category", options=list(CATEGORIES)),
            "evidence": st.column_config.TextColumn("evidence", width="large"),
            "confidence": st.column_config.NumberColumn("confidence", format="%.2f"),
        },
    )
    save, discard = st.columns([1, 4])
    if save.button("Save decisions", type="primary", key="save-proposals", icon=":material/save:"):
        result = review(claims, edited, list(edited["decision"]))
        store.add_articles(pending["articles"])
        report = store.save(result.save, result.corrects)
        rejected = store.reject(result.rejected)
        st.session_state.pop(EDITOR, None)  # the next editor starts from what was kept, not these deltas
        summary = f"{report}; {rejected} rejected."
        if result.failed:
            kept = edited.iloc[result.failed].reset_index(drop=True)
            kept.insert(1, "problem", ["; ".join(result.problems[position]) for position in result.failed])
            st.session_state[PROPOSALS] = {
                "claims": claims.iloc[result.failed].reset_index(drop=True),
                "articles": pending["articles"],
                "edits": kept,
            }
            st.session_state[PROPOSAL_MESSAGE] = (
                f"{summary} {len(result.failed)} not saved: fix the problem beside each row and save again."
            )
        else:
            st.session_state.pop(PROPOSALS, None)
            st.session_state[SAVED_MESSAGE] = summary
        st.rerun()
    if discard.button("Discard", key="discard-proposals"):
        st.session_state.pop(PROPOSALS, None)
        st.rerun()


def add_register(store: Store) -> None:
    st.markdown(
        "Upload a register export: SIPRI trade register, Kiel Ukraine Support Tracker, "
        "CAAT brokering licences. The format is recognised from the file."
    )
    upload = st.file_uploader("Register file", type=["csv", "txt"], key="register-file")
    if upload is None:
        return
    try:
        result = import_bytes(upload.getvalue(), upload.name)
    except ImportFileError as error:
        st.error(md_escape(error))
        return
    st.write(
        f"{result.format}: {result.rows_read:,} rows read, {len(result.claims):,} records, "
        f"{len(result.problems):,} problem(s)."
    )
    if result.problems:
        st.dataframe(pd.DataFrame({"problem": [shown(p) for p in result.problems]}), hide_index=True, width="stretch")
    if len(result.claims) and st.button(
        f"Save {len(result.claims):,} register records", type="primary", key="save-register"
    ):
        report = store.save(result.claims)
        st.success(str(report))


def add_claims_csv(store: Store) -> None:
    st.markdown(
        "Upload a claims table (CSV with the contract's columns, as downloaded from the "
        "dashboard or written by `flows`). Every bad row is reported; valid rows can be saved."
    )
    upload = st.file_uploader("Claims CSV", type=["csv"], key="claims-csv")
    if upload is None:
        return
    try:
        result = table.read_claims_csv(upload.getvalue(), upload.name)
    except table.TableError as error:
        st.error(md_escape(error))
        return
    st.write(f"{result.rows_read:,} rows read: {len(result.claims):,} valid, {result.rows_rejected:,} rejected.")
    if result.unknown_columns:
        st.caption(
            f"Columns not in the claims table, shown in no figure: {md_escape(', '.join(result.unknown_columns))}."
        )
    if result.problems:
        st.dataframe(
            pd.DataFrame(
                {
                    "record": [p.record for p in result.problems],
                    "line": [p.row for p in result.problems],
                    "column": [p.column for p in result.problems],
                    "problem": [shown(p.message) for p in result.problems],
                    "value": [shown(p.value) for p in result.problems],
                }
            ),
            hide_index=True,
            width="stretch",
        )
    if len(result.claims) and st.button(f"Save {len(result.claims):,} valid claims", type="primary", key="save-csv"):
        report = store.save(result.claims)
        st.success(str(report))
