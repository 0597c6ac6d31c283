"""Search across journal entries: a small query language, in-memory matching, snippets.

Query language (what a person types into the search box):

    walk sister          both words must appear (in the title or the body), in any order
    "went for a walk"    the words in this order, with only spaces or punctuation between
    "art"                a quoted word matches only that whole word (not "artist")
    tag:work             the entry has the tag ``work``; tag:"slept well" for tags with spaces

Matching ignores case and accents ("cafe" finds "Café", "ANGST" finds "Angst") and
typographic apostrophes. A word matches at the start of a word, so ``run`` finds
"running" but ``art`` does not find "start". Everything runs on decrypted entries in
memory; each entry's folded text is computed once per version and cached.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_TOKEN = re.compile(r'tag:"([^"]*)"?|tag:(\S*)|"([^"]*)"?|(\S+)', re.IGNORECASE)
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lowercase without accents, for comparing: "Café Ünïcode" -> "cafe unicode"."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold())).translate(_QUOTES)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return fold(ch)


def fold_with_map(text: str) -> tuple[str, list[int] | None]:
    """``fold(text)`` and, for each folded character, the index of the original it came from.

    The map is None when folding kept every position (plain ASCII text).
    """
    if text.isascii():
        return text.lower(), None
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        out.append(folded)
        where.extend([i] * len(folded))
    return "".join(out), where


# -- the query -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """A parsed query. Words and phrases are folded and split into word tokens."""

    terms: tuple[tuple[str, ...], ...] = ()  # each: one word, or a phrase of several
    phrases: frozenset[int] = frozenset()  # indexes into terms that were quoted
    tags: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.terms and not self.tags

    @property
    def words(self) -> tuple[str, ...]:
        """Every folded word the query looks for (for a quick substring check)."""
        return tuple(w for term in self.terms for w in term)


def parse(text: str) -> Query:
    """Parse what was typed. Never fails: an unclosed quote runs to the end, stray symbols are ignored."""
    terms: list[tuple[str, ...]] = []
    phrases: set[int] = set()
    tags: list[str] = []
    for m in _TOKEN.finditer(text.translate(_QUOTES)):
        quoted_tag, bare_tag, phrase, word = m.groups()
        tag = quoted_tag if quoted_tag is not None else bare_tag
        if tag is not None:
            tag = " ".join(fold(tag).lstrip("#@").split())
            if tag and tag not in tags:
                tags.append(tag)
            continue
        raw = phrase if phrase is not None else word
        tokens = tuple(_WORD.findall(fold(raw)))
        if not tokens or tokens in terms:
            continue
        if phrase is not None:
            phrases.add(len(terms))  # quoted: whole words only, in this order
        terms.append(tokens)
    return Query(tuple(terms), frozenset(phrases), tuple(tags))


class Matcher:
    """A compiled query: decides whether folded text matches and where."""

    def __init__(self, query: Query) -> None:
        self.query = query
        # Each pattern starts with its first word as a literal (so the regex engine can jump
        # to candidates quickly); the look-behind after it says the word starts a word.
        self.patterns = [
            re.compile(
                re.escape(term[0]) + r"(?<!\w" + re.escape(term[0]) + ")"
                + "".join(r"\W+" + re.escape(w) for w in term[1:])
                + (r"(?!\w)" if i in query.phrases else "")
            )
            for i, term in enumerate(query.terms)
        ]
        # The most selective pattern first: the one whose first word is longest.
        self.patterns.sort(key=lambda p: -len(p.pattern.split("(?<!", 1)[0]))
        self.tags = frozenset(query.tags)

    def matches(self, folded: str, folded_tags: frozenset[str]) -> bool:
        return self.tags <= folded_tags and all(p.search(folded) for p in self.patterns)

    def spans(self, folded: str, limit: int = 200) -> list[tuple[int, int]]:
        """Where the words and phrases occur in ``folded`` (sorted, non-overlapping)."""
        found: list[tuple[int, int]] = []
        for pattern in self.patterns:
            for n, m in enumerate(pattern.finditer(folded)):
                if n >= limit:
                    break
                found.append(m.span())
        found.sort()
        merged: list[tuple[int, int]] = []
        for start, end in found:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged


# -- matching entries ----------------------------------------------------------------------


class Searchable(Protocol):
    """What the index reads of an entry (read-only: entries are frozen)."""

    @property
    def id(self) -> str: ...

    @property
    def version(self) -> int: ...

    @property
    def title(self) -> str: ...

    @property
    def body(self) -> str: ...

    @property
    def tags(self) -> tuple[str, ...]: ...


class _Corpus:
    """Every entry's folded text in one string, so a search runs in the regex engine, not in
    a Python loop over entries: each pattern jumps from one matching entry to the next."""

    SEPARATOR = "\x00"

    def __init__(self, key: tuple, texts: list[str], tags: list[frozenset[str]]) -> None:
        self.key = key
        self.text = self.SEPARATOR.join(texts)
        self.starts: list[int] = []
        pos = 0
        for t in texts:
            self.starts.append(pos)
            pos += len(t) + 1
        self.ends = [s + len(t) for s, t in zip(self.starts, texts)]
        self.tags = tags

    def match(self, matcher: Matcher) -> list[int]:
        """Indexes of the entries matching every pattern and tag, in order."""
        n = len(self.starts)
        if matcher.tags:
            candidates = [i for i in range(n) if matcher.tags <= self.tags[i]]
        else:
            candidates = None
        patterns = matcher.patterns
        if not patterns:
            return candidates if candidates is not None else list(range(n))
        if candidates is None:
            candidates = self._scan(patterns[0])
            patterns = patterns[1:]
        text, starts, ends = self.text, self.starts, self.ends
        for pattern in patterns:
            search = pattern.search
            candidates = [i for i in candidates if search(text, starts[i], ends[i])]
        return candidates

    def _scan(self, pattern: re.Pattern[str]) -> list[int]:
        text, starts, ends = self.text, self.starts, self.ends
        found: list[int] = []
        pos = 0
        search = pattern.search
        while True:
            m = search(text, pos)
            if m is None:
                return found
            i = bisect_right(starts, m.start()) - 1
            if m.end() <= ends[i]:
                found.append(i)
                pos = ends[i] + 1  # on to the next entry
            elif search(text, m.start() + 1, ends[i]):  # ran into the next entry: look again inside
                found.append(i)
                pos = ends[i] + 1
            else:
                pos = ends[i] + 1


class SearchIndex:
    """Folded text of each entry, cached by (id, version) so a search never folds twice."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[int, str, frozenset[str]]] = {}
        self._corpus: _Corpus | None = None

    def folded(self, entry: Searchable) -> tuple[str, frozenset[str]]:
        hit = self._cache.get(entry.id)
        if hit is None or hit[0] != entry.version:
            hit = (entry.version, fold(entry.title + "\n" + entry.body), frozenset(fold(t) for t in entry.tags))
            self._cache[entry.id] = hit
        return hit[1], hit[2]

    def forget(self, entry_id: str) -> None:
        self._cache.pop(entry_id, None)

    def warm(self, entries: Sequence[Searchable]) -> None:
        """Fold every entry and build the combined text now (e.g. in a worker), not on the first search."""
        self._corpus_for(entries)

    def search(self, query: Query | str, entries: Sequence[Searchable]) -> list:
        """The entries that match, in the order given.

        Pass the same (whole) list each time: the combined text is rebuilt only when the
        list's ids or versions change.
        """
        if isinstance(query, str):
            query = parse(query)
        if query.empty:
            return list(entries)
        corpus = self._corpus_for(entries)
        return [entries[i] for i in corpus.match(Matcher(query))]

    def _corpus_for(self, entries: Sequence[Searchable]) -> _Corpus:
        key = tuple((e.id, e.version) for e in entries)
        if self._corpus is None or self._corpus.key != key:
            folded = [self.folded(e) for e in entries]
            self._corpus = _Corpus(key, [f[0] for f in folded], [f[1] for f in folded])
        return self._corpus


# -- highlighting --------------------------------------------------------------------------


@dataclass(frozen=True)
class Snippet:
    """A short, single-line piece of text and the [start, end) spans in it to highlight."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()


def find_spans(text: str, query: Query | str) -> list[tuple[int, int]]:
    """Where the query's words and phrases occur in ``text`` (original positions)."""
    if isinstance(query, str):
        query = parse(query)
    if not query.terms:
        return []
    folded, where = fold_with_map(text)
    spans = Matcher(query).spans(folded)
    if where is None:
        return spans
    out = []
    for start, end in spans:
        a, b = where[start], where[end - 1] + 1
        while b < len(text) and unicodedata.combining(text[b]):
            b += 1  # keep an accent with its letter
        out.append((a, b))
    return out


def snippet(text: str, query: Query | str, width: int = 120) -> Snippet:
    """About ``width`` characters of ``text`` around the first match, on one line, with its spans.

    With no match (or an empty query) it is the start of the text. Only a window around the
    first match is mapped back to the original, so long entries stay cheap.
    """
    if isinstance(query, str):
        query = parse(query)
    spans = _spans_near_first(text, query, width)
    start = 0
    if spans:
        first = spans[0][0]
        start = max(0, min(first - width // 4, len(text) - width))  # a short text shows from its start
        if start:
            space = text.find(" ", start - 1, first)  # begin at the next word
            start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", end - 15, end)
        end = space if space > start else end
    return _flatten(text, start, end, spans)


def _spans_near_first(text: str, query: Query, width: int) -> list[tuple[int, int]]:
    if text.isascii() or not query.terms:
        return find_spans(text, query)
    folded = fold(text)
    first = Matcher(query).spans(folded, limit=1)
    if not first:
        return []
    drift = abs(len(folded) - len(text))  # folding moves positions by at most this much
    a = max(0, first[0][0] - width - drift)
    b = first[0][1] + 2 * width + drift
    return [(x + a, y + a) for x, y in find_spans(text[a:b], query)]


def _flatten(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> Snippet:
    """text[start:end] with runs of whitespace collapsed to one space, spans moved to match."""
    out: list[str] = []
    new_pos: dict[int, int] = {}
    if start > 0:
        out.append("…")
    for i in range(start, end):
        new_pos[i] = len(out)
        ch = text[i]
        if ch.isspace():
            if out and out[-1] != " " and out[-1] != "…":
                out.append(" ")
        else:
            out.append(ch)
    new_pos[end] = len(out)
    while out and out[-1] == " ":
        out.pop()
    if end < len(text):
        out.append("…")
    result = "".join(out)
    moved = []
    for a, b in spans:
        if b <= start or a >= end:
            continue
        a2, b2 = new_pos[max(a, start)], new_pos[min(b, end)]
        b2 = min(b2, len(result))
        if b2 > a2:
            moved.append((a2, b2))
    return Snippet(result, tuple(moved))
