"""Fast regular expressions for long lists of literal words.

Python's ``re`` tries the branches of an alternation one by one at every
position, so ``Serbia|Serbian|Senegal|...`` over a thousand names is slow.
The same alternation written as a trie (``Se(?:rbian?|negal)``) fails after a
character or two at most places, which makes scanning several times faster.
The longest word still wins at a given place, as with a longest-first list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""


def trie_pattern(words: Iterable[str]) -> str:
    """A regex fragment matching exactly the given words, longest first."""
    trie: dict[str, dict] = {}
    for word in words:
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _render(trie)


def _render(node: dict[str, dict]) -> str:
    ends_here = _END in node
    branches = [re.escape(char) + _render(child) for char, child in sorted(node.items()) if char != _END]
    if not branches:
        return ""
    # Longer continuations first; the empty branch (the word ends here) last.
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return "(?:" + body + ")?"
    return body
