"""Claims for tests, built the same way in every test file that needs them."""

from __future__ import annotations

from flows.models import Claim, Evidence


def make_claim(n: int, **fields: object) -> Claim:
    """Claim number ``n``: a North Korea -> Russia shells claim unless ``fields`` say otherwise."""
    base: dict[str, object] = dict(
        claimant="Ukraine's HUR",
        stance="alleged",
        origin="PRK",
        destination="RUS",
        claim_date="2023-10-05",
        date_precision="day",
        items="artillery shells",
        category="ammunition",
        evidence=(Evidence(f"Evidence sentence {n}.", 0, 10),),
        source="Wire",
        url=f"https://example.org/{n}",
        article_id=f"article{n}",
        method="rules 0.1",
        confidence=0.8,
    )
    base.update(fields)
    return Claim(**base)  # type: ignore[arg-type]
