"""What reading gives back: articles, and a problem for every input that went wrong.

Problems never stop a batch: each names its file (and line or record) and the
other inputs still go through.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flows.models import Article


@dataclass(frozen=True)
class IngestProblem:
    """One thing wrong with one input, named by path and (when known) line."""

    path: str
    line: int | None
    message: str
    severity: str  # "error" (input or part of it skipped) | "warning" (read, but check it)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


@dataclass
class IngestResult:
    """Articles read, in input order without duplicates, and what went wrong."""

    articles: list[Article] = field(default_factory=list)
    problems: list[IngestProblem] = field(default_factory=list)
    duplicates_skipped: int = 0
    inputs: list[str] = field(default_factory=list)  # every input, as problems name it, in the order read
    bytes_read: int = 0  # of the files read (what a progress bar counts)

    def in_input_order(self, problems: list[IngestProblem]) -> list[IngestProblem]:
        """``problems`` (this batch's and later ones, e.g. the extractor's) by input, then line.

        A problem of the whole input (no line) comes before those of its lines.
        """
        position = {name: index for index, name in reversed(list(enumerate(self.inputs)))}
        return sorted(problems, key=lambda p: (position.get(p.path, len(position)), p.line or 0))

    @property
    def errors(self) -> list[IngestProblem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[IngestProblem]:
        return [p for p in self.problems if p.severity == "warning"]


@dataclass
class Part:
    """What one input yielded, before the batch drops duplicates.

    A missing-date warning is kept apart, by article index, so that it is
    reported only for an article the batch keeps.
    """

    articles: list[Article] = field(default_factory=list)
    problems: list[IngestProblem] = field(default_factory=list)
    undated: dict[int, IngestProblem] = field(default_factory=dict)


class IngestError(ValueError):
    """An input (or one record of it) that yields no article; reported as an error problem."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
