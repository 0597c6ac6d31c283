"""What works: pure statistics over practices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from companion_tui.core.skills.what_works import MIN_TO_SAY, helped_skills, series, suggest, what_works

T0 = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)


@dataclass(frozen=True)
class P:
    skill_id: str
    day: int
    before: int | None = None
    after: int | None = None
    helped: str | None = None

    @property
    def at(self) -> datetime:
        return T0 + timedelta(days=self.day)


def test_counts_drop_share_and_last() -> None:
    [s] = what_works([P("a", 1, 8, 4, "a_lot"), P("a", 3, 6, 5, "a_little"), P("a", 2, 7, None, "quite_a_bit"),
                      P("a", 4, None, 3), P("a", 5, 5, 5)])
    assert (s.practices, s.rated, s.answered, s.helped_much) == (5, 3, 3, 2)
    assert s.avg_drop == pytest.approx((4 + 1 + 0) / 3)
    assert s.helped_share == pytest.approx(2 / 3)
    assert s.last == T0 + timedelta(days=5)
    assert s.enough and s.score == pytest.approx(((5 / 3) / 10 + 2 / 3) / 2)
    assert s.verdict() == "5 practices — distress down 1.7 on average; helped quite a bit or a lot 2 of 3 times"


def test_too_few_to_say() -> None:
    [s] = what_works([P("a", 1, 9, 1, "a_lot"), P("a", 2, 9, 1, "a_lot")])
    assert MIN_TO_SAY == 3
    assert s.avg_drop == 8 and not s.enough and s.score is None
    assert s.verdict() == "2 practices — too few to say"
    [one] = what_works([P("b", 1)])
    assert one.verdict() == "1 practice — too few to say"
    [unrated] = what_works([P("c", d) for d in range(4)])
    assert unrated.avg_drop is None and unrated.helped_share is None
    assert "too few ratings to say" in unrated.verdict()


def test_only_the_measure_with_enough_answers_counts() -> None:
    # Three before/after pairs, but "helped" answered only once: the drop alone decides.
    [s] = what_works([P("a", 1, 6, 3, "not_at_all"), P("a", 2, 6, 3), P("a", 3, 6, 3)])
    assert s.drop_known and not s.share_known and s.score == pytest.approx(0.3)
    assert s.verdict() == "3 practices — distress down 3.0 on average"
    [worse] = what_works([P("w", d, 3, 5) for d in range(3)])
    assert worse.verdict() == "3 practices — distress up 2.0 on average" and worse.score < 0
    [same] = what_works([P("s", d, 4, 4) for d in range(3)])
    assert "about the same" in same.verdict()


def test_sorted_by_what_helps_most_with_too_few_last() -> None:
    practices = (
        [P("small", d, 5, 4, "a_little") for d in range(4)]  # score (0.1 + 0) / 2
        + [P("big", d, 8, 3, "a_lot") for d in range(3)]  # (0.5 + 1) / 2
        + [P("middle", d, 6, 2, "a_little") for d in range(5)]  # (0.4 + 0) / 2
        + [P("new", 9, 10, 0, "a_lot")]  # one practice: too few, however good
    )
    assert [s.skill_id for s in what_works(practices)] == ["big", "middle", "small", "new"]


def test_empty() -> None:
    assert what_works([]) == []
    assert series([], "a") == []


def test_series_oldest_first_skips_practices_without_ratings() -> None:
    points = series([P("a", 3, 7, 2), P("b", 1, 9, 9), P("a", 1, 5, None), P("a", 2), P("a", 0, None, 4)], "a")
    assert [(p.at.day, p.before, p.after) for p in points] == [(1, None, 4), (2, 5, None), (4, 7, 2)]


def test_suggest_least_recently_practised_among_helpful() -> None:
    practices = [P("a", 5, helped="a_lot"), P("b", 2, 7, 3), P("c", 1, helped="not_at_all"), P("b", 6),
                 P("d", 0, helped="quite_a_bit")]
    assert set(helped_skills(practices)) == {"a", "b", "d"}
    assert helped_skills(practices)["b"] == T0 + timedelta(days=6)  # last practised, not last helped
    assert suggest(practices, ["a", "b", "c", "d"]) == "d"
    assert suggest(practices, ["a", "b", "c"]) == "a"  # archived skills are not suggested


def test_suggest_without_history_rotates_through_the_catalogue() -> None:
    available = ["x", "y", "z"]
    day = date(2026, 3, 1)
    first = suggest([], available, day)
    assert first in available
    assert suggest([], available, day + timedelta(days=1)) != first
    assert suggest([P("x", 1, helped="not_at_all")], available) == "y"  # untried skills first
    assert suggest([], []) is None


def test_ten_years_of_practices_are_counted_once_each() -> None:
    """(How fast: the benchmark's figures, never a timed unit test.)"""
    practices = [P(f"s{i % 23}", i // 3, i % 11, (i * 7) % 11, ("a_lot", "a_little", None)[i % 3])
                 for i in range(1_600)]

    stats = what_works(practices)

    assert sum(s.practices for s in stats) == 1_600
    assert len(series(practices, "s1")) == sum(1 for p in practices if p.skill_id == "s1")
