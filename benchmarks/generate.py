"""Generate a synthetic multi-year vault through the project's own API.

    python -m benchmarks.generate --years 10 --out /tmp/v10 [--seed 1] [--kdf floor|default] [--end 2026-11-01]

The vault is created with ``LockedVault.create`` and filled through the core (check-ins
are built, validated with the same ``validate`` the app uses, and inserted with
``MoodLog.import_many`` in chunks of one transaction each). The same seed, years and end
date give the same records: ids, times and contents all derive from the seed, never from
the clock (only the encryption nonces and the key salt are random, as they must be).

Passphrase: COMPANION_PASSPHRASE, else the documented default ``"synthetic benchmark vault"``
(printed). ``--kdf floor`` (the default here) uses the lowest accepted Argon2id parameters
so benchmarks start fast; ``--kdf default`` uses what a real vault gets.

Record types are a registry: later issues append ``RecordType("journal", ...)`` etc.
Each type draws from its own ``random.Random(f"{seed}:{name}")``, so adding a type never
changes the records of the others.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from benchmarks import DEFAULT_END, DEFAULT_SEED, passphrase, passphrase_source
from benchmarks import text as texts
from benchmarks.life import Day, Life, end_moment
from companion_tui.core.kernel import assets
from companion_tui.core.moods import checkins as moods_mod
from companion_tui.core.moods.checkins import CheckIn, CheckInDraft
from companion_tui.core.workspace import LockedVault, Workspace
from companion_tui.paths import Paths
from companion_tui.vault import DEFAULT_PARAMS, FLOOR_PARAMS

KDF = {"floor": FLOOR_PARAMS, "default": DEFAULT_PARAMS}
CHUNK = 500
#: Bump when the generated data changes for the same seed (invalidates the benchmark cache).
GENERATOR_VERSION = 7  # 7: the 25-year size has ≈ 4 check-ins a day (other sizes as in 6)
#: Sizes whose person checks in more than the usual ≈ 2 a day: years → check-ins per day.
HEAVIER = {25.0: 4.0}


def checkins_per_day(years: float) -> float | None:
    """The check-ins a day for a size: 4 from 25 years on (a heavy user), else the usual (None)."""
    heavier = [per_day for at, per_day in sorted(HEAVIER.items()) if years >= at]
    return heavier[-1] if heavier else None


@dataclass(frozen=True)
class GenContext:
    """What every record generator gets: the seed, the shared life, and the end of time."""

    seed: int
    life: Life
    now: datetime  # the generator's "now": the evening of the last day, local time

    def rng(self, name: str) -> random.Random:
        return random.Random(f"{self.seed}:{name}")


@dataclass(frozen=True)
class RecordType:
    """One kind of record the generator writes, and how to read it back for digests."""

    name: str
    generate: Callable[[GenContext], Iterable[object]]
    insert: Callable[[Workspace, list], int]  # one chunk, one transaction
    dump: Callable[[Workspace], Iterable[tuple[str, int, dict]]]  # (id, version, payload) of every record


# -- check-ins -------------------------------------------------------------------------------

EMOTION_COUNTS = ((0, 0.14), (1, 0.30), (2, 0.30), (3, 0.18), (4, 0.08))
OWN_EMOTIONS = ("wistful", "homesick", "flat", "bittersweet")


def _weights(rng: random.Random, words: list[str]) -> list[float]:
    """A person's favourite words: a shuffled, Zipf-like preference over the vocabulary."""
    order = words[:]
    rng.shuffle(order)
    rank = {w: i for i, w in enumerate(order)}
    return [1.0 / (rank[w] + 1) ** 0.9 for w in words]


def _slots(rng: random.Random, day: Day) -> list[tuple[int, int]]:
    """Times of the day's check-ins (hour, minute), ascending; mornings later at weekends."""
    late = 1 if day.weekend else 0
    morning = (7 + late, 9 + late)
    windows = {
        1: [rng.choices([(19, 22), (12, 16), morning], weights=(0.7, 0.2, 0.1))[0]],
        2: [morning, (19, 22)],
        3: [morning, (12, 15), (19, 22)],
        4: [morning, (11, 13), (15, 17), (19, 22)],
        5: [morning, (10, 12), (13, 15), (16, 18), (20, 22)],
    }.get(day.checkins) or _spread(day.checkins, morning[0])
    return [(rng.randint(lo, hi), rng.randrange(60)) for lo, hi in windows]


def _spread(n: int, first_hour: int) -> list[tuple[int, int]]:
    """More than five a day (the 25-year size's heavy days): n windows from waking to 22:59."""
    width = (23 - first_hour) / n
    return [(first_hour + round(i * width), first_hour + max(round(i * width), round((i + 1) * width) - 1)) for i in range(n)]


def gen_checkins(ctx: GenContext) -> Iterator[CheckIn]:
    rng = ctx.rng("checkins")
    words_by_quadrant: dict[tuple[bool, str], list[str]] = {}
    for e in assets.emotions():
        words_by_quadrant.setdefault((e.pleasant, e.energy), []).append(e.word)
    preference = {q: _weights(rng, ws) for q, ws in words_by_quadrant.items()}
    counts, count_weights = zip(*EMOTION_COUNTS)
    utc = UTC

    for day in ctx.life.days:
        if not day.checkins:
            continue
        slots = _slots(rng, day)
        for n, (hour, minute) in enumerate(slots):
            evening = hour >= 18
            slot_effect = (-0.2 if hour < 10 and not day.weekend else 0.0) + (0.1 if evening else 0.0)
            score = max(1, min(10, round(day.mood + slot_effect + rng.gauss(0, 0.6))))
            energy: int | None = None
            if rng.random() < 0.85:
                e = day.energy + (0.2 if hour < 11 else -0.3 if hour < 17 else -0.4) + rng.gauss(0, 0.5)
                energy = max(1, min(5, round(e)))

            # Emotions: pleasant words on good check-ins, unpleasant on bad ones, mixed in between.
            emotions: list[str] = []
            p_pleasant = 1 / (1 + math.exp(-(score - 5.5) * 1.1))
            for _ in range(rng.choices(counts, count_weights)[0]):
                if rng.random() < 0.02:
                    emotions.append(rng.choice(OWN_EMOTIONS))
                    continue
                pleasant = rng.random() < p_pleasant
                high = rng.random() < (0.7 if (energy or 3) >= 4 else 0.3 if (energy or 3) <= 2 else 0.5)
                q = (pleasant, "high" if high else "low")
                emotions.append(rng.choices(words_by_quadrant[q], preference[q])[0])

            # Tags: morning check-ins mention little, the evening one most of the day.
            share = 0.25 if n < len(slots) - 1 else 0.75
            tags = [t for t in day.tags if rng.random() < share]

            trigger = response = ""
            if rng.random() < 0.10 + (0.25 if score <= 4 else 0.0) + (0.08 if score >= 9 else 0.0):
                trigger = texts.trigger(rng, score)
                if rng.random() < 0.7:
                    response = texts.response(rng, score)
            note = texts.note(rng, score, tuple(tags), texts.note_length(rng))

            at = day.at(hour, minute)
            draft = CheckInDraft(
                score=score,
                emotions=tuple(emotions),
                energy=energy,
                trigger=trigger,
                response=response,
                tags=tuple(tags),
                note=note,
                at=at,
            )
            fields = moods_mod.validate(draft, ctx.now)  # exactly what the app would accept
            created = min(ctx.now.astimezone(utc), at.astimezone(utc) + timedelta(seconds=rng.randrange(20, 240)))
            if rng.random() < 0.04:  # back-dated the next day
                created = min(ctx.now.astimezone(utc), created + timedelta(hours=rng.uniform(8, 30)))
            updated = created
            if rng.random() < 0.03:  # edited later
                updated = min(ctx.now.astimezone(utc), created + timedelta(minutes=rng.uniform(2, 3000)))
            yield CheckIn(
                id=f"{rng.getrandbits(128):032x}",
                version=1,
                created=created.replace(microsecond=0),
                updated=updated.replace(microsecond=0),
                **fields,
            )


def _dump_checkins(ws: Workspace) -> Iterable[tuple[str, int, dict]]:
    return ((c.id, c.version, c.to_payload()) for c in ws.moods.newest_first())


#: The registry. Later issues append journal entries, skill practices, goals, sessions.
GENERATORS: list[RecordType] = [
    RecordType("checkins", gen_checkins, lambda ws, chunk: ws.moods.import_many(chunk), _dump_checkins),
]

from benchmarks import gen_skills  # noqa: E402 - issue 6: own skills and ≈3 practices a week

GENERATORS += [RecordType(*spec) for spec in gen_skills.RECORD_TYPES]

from benchmarks import gen_journal  # noqa: E402 - issue 5: a journal entry about every two days

GENERATORS += [RecordType(*spec) for spec in gen_journal.RECORD_TYPES]

from benchmarks import gen_goals  # noqa: E402 - issue 7: goals changing over the years, ≈500 ticks a year

GENERATORS += [RecordType(*spec) for spec in gen_goals.RECORD_TYPES]


# -- digests -----------------------------------------------------------------------------------


def digest(ws: Workspace) -> dict[str, str]:
    """sha256 per record type over every decrypted record, sorted by id (order-independent)."""
    out = {}
    for rt in GENERATORS:
        h = hashlib.sha256()
        for rid, version, payload in sorted(rt.dump(ws), key=lambda r: r[0]):
            h.update(json.dumps([rid, version, payload], sort_keys=True, ensure_ascii=False).encode())
            h.update(b"\n")
        out[rt.name] = h.hexdigest()
    return out


# -- the whole vault ---------------------------------------------------------------------------


@dataclass
class Generated:
    home: Path
    years: float
    seed: int
    first: date
    last: date
    kdf: str
    counts: dict[str, int] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    version: int = GENERATOR_VERSION
    per_day: float | None = None  # check-ins a day asked for (None: the usual ≈ 2)

    def to_json(self) -> dict:
        return {
            "home": str(self.home),
            "years": self.years,
            "seed": self.seed,
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
            "kdf": self.kdf,
            "counts": self.counts,
            "digests": self.digests,
            "seconds": round(self.seconds, 3),
            "generator_version": self.version,
            "checkins_per_day": self.per_day,
        }


def span(years: float, end: date) -> tuple[date, date]:
    days = max(1, round(years * 365.25))
    return end - timedelta(days=days - 1), end


def end_of_day(day: date) -> datetime:
    """The generator's "now": the end of the synthetic life, which is also the benchmark's clock.

    Every record is at or before it (``Day.at`` moves later times on the last day back).
    """
    return end_moment(day)


def generate(
    home: Path,
    years: float,
    seed: int = DEFAULT_SEED,
    end: date = DEFAULT_END,
    kdf: str = "floor",
    secret: str | None = None,
    chunk: int = CHUNK,
    log: Callable[[str], None] = lambda _msg: None,
    per_day: float | None = None,
) -> Generated:
    """Create a new vault in data folder ``home`` and fill it. ``home`` must not hold a vault."""
    t0 = time.perf_counter()
    paths = Paths(Path(home))
    if paths.exists():
        raise FileExistsError(f"{paths.vault} already exists; pick another --out or remove it.")
    first, last = span(years, end)
    now = end_of_day(last)
    if per_day is None:
        per_day = checkins_per_day(years)
    ctx = GenContext(seed=seed, life=Life.build(seed, first, last, per_day), now=now)
    vault, ws, _recovery = LockedVault.create(paths, secret or passphrase(), KDF[kdf], clock=lambda: now)
    result = Generated(Path(home), years, seed, first, last, kdf, per_day=per_day)
    try:
        for rt in GENERATORS:
            total = 0
            batch: list = []
            for record in rt.generate(ctx):
                batch.append(record)
                if len(batch) >= chunk:
                    total += rt.insert(ws, batch)
                    batch = []
            if batch:
                total += rt.insert(ws, batch)
            result.counts[rt.name] = total
            log(f"  {rt.name}: {total:,}")
        result.digests = digest(ws)
    finally:
        ws.close()
    result.seconds = time.perf_counter() - t0
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=float, required=True, help="how many years of life (e.g. 1, 10, 0.5)")
    parser.add_argument("--out", type=Path, required=True, help="data folder to create (like COMPANION_HOME)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--end", type=date.fromisoformat, default=DEFAULT_END, help="last day, YYYY-MM-DD")
    parser.add_argument("--kdf", choices=sorted(KDF), default="floor", help="Argon2id parameters (default floor)")
    parser.add_argument(
        "--per-day",
        type=float,
        help="check-ins a day (default: the usual ≈ 2; 4 from --years 25 on, a heavy user)",
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    if args.years <= 0:
        parser.error("--years must be positive")
    if args.per_day is not None and not 0.5 <= args.per_day <= 6:
        parser.error("--per-day must be between 0.5 and 6")

    out = args.out.expanduser().resolve()
    if not args.json:
        print(f"Generating {args.years:g} year(s) ending {args.end} with seed {args.seed} into {out}")
    try:
        result = generate(
            out,
            args.years,
            args.seed,
            args.end,
            args.kdf,
            log=(lambda m: None) if args.json else print,
            per_day=args.per_day,
        )
    except FileExistsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.to_json(), indent=2))
        return 0
    print(f"Done in {result.seconds:.1f} s: {result.first} .. {result.last}, kdf {args.kdf}")
    if passphrase_source() == "default":
        print(f"Passphrase (the default; set COMPANION_PASSPHRASE to choose one): {passphrase()}")
    else:
        print("Passphrase: the value of COMPANION_PASSPHRASE")
    print(f"Open it with:  COMPANION_HOME={out} companion")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
