"""A person's review of proposals: decisions, corrections that keep their provenance, nothing revived."""

from __future__ import annotations

from flows.review import corrected, fresh_proposals, review
from flows.table import claims_to_frame
from flows.vocabulary import MANUAL_CORRECTION


def test_a_correction_replaces_its_proposal_and_survives_a_rerun(store, claim):
    proposal = claims_to_frame([claim()])
    store.save(proposal)
    edited = proposal.copy()
    edited.loc[0, "origin"] = "Iran"  # typed as a name
    result = review(proposal, edited, ["accept"])
    assert result.problems == {}
    store.save(result.save, result.corrects)
    saved = store.claims()
    assert list(saved["origin"]) == ["IRN"]
    assert list(saved["method"]) == [MANUAL_CORRECTION]
    # provenance of the proposal is kept
    row = saved.iloc[0]
    assert (row["article_id"], row["url"], row["evidence"]) == (
        proposal.loc[0, "article_id"], proposal.loc[0, "url"], proposal.loc[0, "evidence"])
    # the extractor runs again on the same article: the correction stays, the proposal stays out
    report = store.save(claims_to_frame([claim()]))
    assert report.suppressed == 1
    assert list(store.claims()["origin"]) == ["IRN"]


def test_review_decisions_and_invalid_edits_are_reported_by_row(store, claim):
    proposal = claims_to_frame([claim(), claim(stance="reported"), claim(stance="confirmed")])
    edited = proposal.copy()
    edited.loc[2, "destination"] = "Narnia"
    result = review(proposal, edited, ["accept", "reject", "accept"])
    assert list(result.save["claim_id"]) == [proposal.loc[0, "claim_id"]]
    assert list(result.rejected["claim_id"]) == [proposal.loc[1, "claim_id"]]
    assert result.problems == {2: ["column destination: is not a known ISO 3166-1 alpha-3 code ('Narnia')"]}
    assert result.failed == [2]


def test_corrected_is_none_without_a_change_and_parses_via_routes(claim):
    record = claims_to_frame([claim()]).to_dict("records")[0]
    assert corrected(record, dict(record)) is None
    fixed = corrected(record, {**record, "via": "Poland>Slovakia; ROU"})
    assert fixed is not None and fixed["via"] == ["POL>SVK", "ROU"]
    assert fixed["claim_id"] != record["claim_id"] and fixed["method"] == MANUAL_CORRECTION
    redated = corrected(record, {**record, "claim_date": "2023-10"})
    assert redated is not None and redated["date_precision"] == "month"


def test_suppressed_proposals_are_not_proposed_again(claim):
    proposals = claims_to_frame([claim(), claim(stance="reported")])
    kept = fresh_proposals(proposals, {proposals.loc[0, "claim_id"]: "rejected"})
    assert list(kept["claim_id"]) == [proposals.loc[1, "claim_id"]]
