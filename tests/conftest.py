"""What several test files share: one claim factory, and stores to save claims in.

Fixtures rather than imports: a test asks for ``make_claim`` or a store by
naming it, as pytest's own factory-fixture pattern does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from flows.models import Article, Claim, Evidence
from flows.store import ENV_VAR, SEEDED, Store
from flows.table import claims_to_frame

ClaimFactory = Callable[..., Claim]
StoreFiller = Callable[[Path, Sequence[Claim]], Store]


def _shells_claim(n: int = 1, **fields: object) -> Claim:
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


@pytest.fixture(scope="session")
def make_claim() -> ClaimFactory:
    """``make_claim(n, **fields)``: claim number ``n``, a North Korea -> Russia shells claim
    from article ``article<n>`` unless ``fields`` say otherwise."""
    return _shells_claim


@pytest.fixture(scope="session")
def article() -> Article:
    """A one-sentence wire article: Kyiv says Pyongyang sent shells to Russia."""
    return Article(text="Pyongyang sent shells to Russia, Kyiv said.", title="Shells", source="Wire",
                   published="2023-10-05", url="https://example.org/a")  # fmt: skip


@pytest.fixture
def claim(make_claim: ClaimFactory, article: Article) -> ClaimFactory:
    """``claim(**fields)``: ``article``'s claim, 1,000 shells from North Korea via China to Russia,
    with its two evidence sentences, unless ``fields`` say otherwise."""

    def build(**fields: object) -> Claim:
        base: dict[str, object] = dict(
            via=("CHN",),
            items="shells",
            quantity=1000.0,
            evidence=(Evidence("Pyongyang sent shells to Russia.", 7, 40), Evidence("Kyiv said.", 41, 51)),
            url=article.url,
            published=article.published,
            article_id=article.article_id,
            confidence=0.7,
        )
        base.update(fields)
        return make_claim(1, **base)

    return build


def _fill(location: Path, claims: Sequence[Claim], note: str = "test claims") -> Store:
    store = Store(location)
    store.save(claims_to_frame(claims))
    store.set_meta(SEEDED, note)  # so the app does not fill it from the sample corpus
    return store


@pytest.fixture(scope="session")
def fill_store() -> StoreFiller:
    """``fill_store(path, claims)``: a store file holding ``claims``, marked as already seeded."""
    return _fill


@pytest.fixture
def app_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Sequence[Claim]], Store]]:
    """``app_store(claims)``: a seeded store holding ``claims`` where the app looks (``ARMS_FLOWS_DB``)."""
    location = tmp_path / "claims.sqlite"
    monkeypatch.setenv(ENV_VAR, str(location))
    yield lambda claims: _fill(location, claims)


@pytest.fixture(params=["sqlite3", "sqlalchemy"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    """An empty store, through the stdlib driver (a path) and through SQLAlchemy (a database URL).

    SQLAlchemy is a test dependency: without it the database-URL store fails
    with its StoreError, not a skip.
    """
    path = tmp_path / "nested" / "claims.sqlite"
    if request.param == "sqlalchemy":
        path.parent.mkdir(parents=True)
        return Store(f"sqlite+pysqlite:///{path}")
    return Store(path)
