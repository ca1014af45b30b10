"""Articles in: files, folders, globs, stdin, uploads and pasted text -> :class:`~flows.models.Article`.

Every input goes through the same steps, one module each:

1. :mod:`~flows.ingest.inputs`: paths, folders, globs and stdin, size limits,
   and the batch (one of each article, a problem per failed input);
2. :mod:`~flows.ingest.decoding`: bytes -> clean text (UTF-8 first, then what
   the file declares, then a guessed legacy encoding, with a warning);
3. documents by format: :mod:`~flows.ingest.html` (trafilatura, never
   fetching), :mod:`~flows.ingest.records` (JSON, JSON Lines),
   :mod:`~flows.ingest.markdown`; plain text is one document;
4. :mod:`~flows.ingest.documents`: a document -> its articles
   (:mod:`~flows.ingest.pages` cuts a saved page at its stamps, dropping the
   furniture that :mod:`~flows.ingest.boilerplate` lists as ordered rules),
   each dated from the file's metadata, the ``published`` option, or the
   date at its top (:mod:`~flows.ingest.datelines`).

Nothing here fetches anything. Problems never stop a batch: each becomes an
:class:`IngestProblem` naming the file (and line or record).
"""

from __future__ import annotations

from flows.dates import normalise_date
from flows.ingest.decoding import clean_text, decode_bytes
from flows.ingest.inputs import (
    MAX_FILE_BYTES,
    SUFFIXES,
    combine,
    expand_paths,
    iter_paths,
    read_bytes,
    read_paths,
    read_text,
)
from flows.ingest.pages import split
from flows.ingest.records import article_from_record
from flows.ingest.results import IngestError, IngestProblem, IngestResult
from flows.models import Article


def split_page(text: str) -> list[Article]:
    """Cut a page of text into its articles, dropping site boilerplate.

    The first line is the first article's title when it looks like a headline.
    Each later article starts at an "N minutes ago" stamp, with its outlet line
    around the stamp and its title on the next line.
    """
    return [piece.article for piece in split(clean_text(text), title="")]


__all__ = [
    "MAX_FILE_BYTES",
    "SUFFIXES",
    "IngestError",
    "IngestProblem",
    "IngestResult",
    "article_from_record",
    "clean_text",
    "combine",
    "decode_bytes",
    "expand_paths",
    "iter_paths",
    "normalise_date",
    "read_bytes",
    "read_paths",
    "read_text",
    "split_page",
]
