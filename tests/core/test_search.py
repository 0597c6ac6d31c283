"""The search query language, folding, matching and snippets (pure functions, no vault)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from companion_tui.core.journal.search import Query, SearchIndex, find_spans, fold, fold_with_map, parse, snippet


@dataclass(frozen=True)
class Doc:
    id: str
    version: int
    title: str
    body: str
    tags: tuple[str, ...] = ()


def hits(query: str, *docs: Doc) -> list[str]:
    return [d.id for d in SearchIndex().search(query, list(docs))]


# -- folding -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Hello World", "hello world"),
        ("Café crème", "cafe creme"),
        ("ÜBER straße", "uber strasse"),
        ("can’t", "can't"),
        ("e\u0301tude", "etude"),  # decomposed accent
        ("ﬁne", "fine"),
    ],
)
def test_fold(text, folded) -> None:
    assert fold(text) == folded


def test_fold_with_map_points_back_to_the_original() -> None:
    text = "Straße café"
    folded, where = fold_with_map(text)
    assert folded == fold(text) == "strasse cafe"
    assert [text[i] for i in where[4:7]] == ["ß", "ß", "e"]
    assert fold_with_map("plain") == ("plain", None)


# -- parsing -----------------------------------------------------------------------------


def test_parse_words_phrases_and_tags() -> None:
    q = parse('Walk  "went for a WALK" tag:Work tag:"slept well" sister')
    assert q.terms == (("walk",), ("went", "for", "a", "walk"), ("sister",))
    assert q.phrases == frozenset({1})
    assert q.tags == ("work", "slept well")
    assert not q.empty


@pytest.mark.parametrize("text", ["", "   ", '""', "tag:", "!!! ?", "“”"])
def test_parse_empty_queries(text) -> None:
    assert parse(text).empty


def test_parse_is_forgiving() -> None:
    assert parse('"unclosed phrase here').terms == (("unclosed", "phrase", "here"),)
    assert parse("anxious, tired.").terms == (("anxious",), ("tired",))
    assert parse("walk walk WALK").terms == (("walk",),)  # duplicates once
    assert parse("tag:#work tag:@home").tags == ("work", "home")
    assert parse("“smart quotes”").phrases == frozenset({0})
    assert parse("can't").terms == (("can", "t"),)


# -- matching ----------------------------------------------------------------------------

A = Doc("a", 1, "Sunday", "Went for a walk with my sister by the river.", ("outside", "family"))
B = Doc("b", 1, "Work", "The meeting ran late. Walked home in the rain; felt restless.", ("work",))
C = Doc("c", 1, "Café", "Crème brûlée at the CAFÉ with Zoë. I can’t stop smiling.", ("slept well",))


def test_all_words_must_match_in_any_order() -> None:
    assert hits("walk", A, B, C) == ["a", "b"]  # "walk" starts "walked"
    assert hits("sister walk", A, B, C) == ["a"]
    assert hits("walk sister rain", A, B, C) == []


def test_case_and_accent_insensitive_both_ways() -> None:
    assert hits("cafe", A, B, C) == ["c"]
    assert hits("CRÈME BRULEE", A, B, C) == ["c"]
    assert hits("zoe", A, B, C) == ["c"]
    assert hits("café", Doc("d", 1, "", "cafe without accent")) == ["d"]


def test_words_match_at_the_start_of_a_word() -> None:
    assert hits("art", Doc("d", 1, "", "a fresh start")) == []
    assert hits("start", Doc("d", 1, "", "a fresh start")) == ["d"]
    assert hits("rest", A, B, C) == ["b"]  # restless
    assert hits("less", A, B, C) == []


def test_quoted_phrases_need_the_words_in_order() -> None:
    assert hits('"walk with my sister"', A, B, C) == ["a"]
    assert hits('"sister with my walk"', A, B, C) == []
    assert hits('"ran late walked"', A, B, C) == ["b"]  # punctuation between words is fine
    assert hits('"can\'t stop"', A, B, C) == ["c"]  # typographic apostrophe in the text
    assert hits('"walk with my sis"', A, B, C) == []  # a phrase's last word is whole


def test_title_is_searched_too() -> None:
    assert hits("sunday", A, B, C) == ["a"]


def test_tags() -> None:
    assert hits("tag:work", A, B, C) == ["b"]
    assert hits("tag:WORK walked", A, B, C) == ["b"]
    assert hits("tag:work river", A, B, C) == []
    assert hits('tag:"slept well"', A, B, C) == ["c"]
    assert hits("tag:wor", A, B, C) == []  # tags match whole
    assert hits("tag:outside tag:family", A, B, C) == ["a"]


def test_empty_query_returns_everything_in_order() -> None:
    assert hits("", C, A, B) == ["c", "a", "b"]


def test_index_refolds_a_new_version_only() -> None:
    index = SearchIndex()
    old = Doc("x", 1, "", "before")
    assert index.search("before", [old]) == [old]
    new = Doc("x", 2, "", "after")
    assert index.search("before", [new]) == []
    assert index.search("after", [new]) == [new]


# -- highlighting ------------------------------------------------------------------------


def test_find_spans_in_original_text() -> None:
    text = "Crème brûlée at the CAFÉ. Café again."
    spans = find_spans(text, "cafe creme")
    assert [text[a:b] for a, b in spans] == ["Crème", "CAFÉ", "Café"]


def test_find_spans_keeps_decomposed_accents_with_their_letter() -> None:
    text = "Cafe\u0301 time"
    [(a, b)] = find_spans(text, "cafe")
    assert text[a:b] == "Cafe\u0301"


def test_snippet_centres_on_the_first_match_and_flattens_lines() -> None:
    body = ("Filler words here. " * 20) + "Then\n\nthe   walk by the river\nwas lovely. " + ("More after. " * 20)
    s = snippet(body, "river walk", width=80)
    assert s.text.startswith("…") and s.text.endswith("…")
    assert "\n" not in s.text and "  " not in s.text
    assert [s.text[a:b] for a, b in s.spans] == ["walk", "river"]
    assert len(s.text) <= 82


def test_snippet_of_a_short_text_starts_at_its_beginning() -> None:
    s = snippet("Went for a walk with my sister.", "sister")
    assert s.text == "Went for a walk with my sister."
    assert [s.text[a:b] for a, b in s.spans] == ["sister"]


def test_snippet_highlights_a_phrase_across_a_line_break() -> None:
    s = snippet("we went for a\nwalk today", '"for a walk"')
    assert [s.text[a:b] for a, b in s.spans] == ["for a walk"]


def test_snippet_without_match_is_the_start() -> None:
    s = snippet("First line\nsecond line " + "x " * 200, "zzz", width=40)
    assert s.text.startswith("First line second line")
    assert s.spans == ()


def test_query_words_property() -> None:
    assert Query((("a",), ("b", "c"))).words == ("a", "b", "c")


def test_snippet_in_a_long_accented_text_maps_back_exactly() -> None:
    body = ("Crème brûlée, déjà vu. " * 2000) + "Then Zoë walked to the café." + (" Ünïcode after." * 2000)
    s = snippet(body, "zoe cafe", width=60)
    assert [s.text[a:b] for a, b in s.spans] == ["Zoë", "café"]


def test_a_phrase_never_spans_two_entries() -> None:
    a = Doc("a", 1, "", "we went for a")
    b = Doc("b", 1, "", "walk in the park")
    c = Doc("c", 1, "", "ended with for a. Later: for a walk")
    assert hits('"for a walk"', a, b, c) == ["c"]
    assert hits('"for a walk"', a, b) == []
    assert hits("park walk", a, b, c) == ["b"]


def test_many_entries_with_repeated_words_and_tags() -> None:
    docs = [Doc(str(i), 1, "", ("walk " * (i % 3)) + f"entry number{i}", ("even",) if i % 2 == 0 else ())
            for i in range(300)]
    assert hits("walk", *docs) == [str(i) for i in range(300) if i % 3]
    assert hits("walk tag:even", *docs) == [str(i) for i in range(300) if i % 3 and i % 2 == 0]
    assert hits("number29", *docs) == ["29"] + [str(i) for i in range(290, 300)]
    assert hits('"number29"', *docs) == ["29"]


def test_snippet_near_the_end_shows_the_words_before_the_match() -> None:
    text = "Filler. " * 40 + "Walked by the river with Zoë; the café was warm."
    s = snippet(text, "zoe", width=46)
    assert s.text.startswith("…") and "river with Zoë; the café was warm." in s.text
    assert [s.text[a:b] for a, b in s.spans] == ["Zoë"]
