"""Fuzzing: every validator with hostile input, and the store opening hostile files.

Validators may only raise their documented error (ValidationError for drafts, ValueError for
``parse_at``, PassphraseTooShort for passphrases) with a non-empty message — never another
exception — and whatever they accept must be storable (every string encodes as UTF-8, which the
sealed JSON payload needs). They run under several time zones, because converting naive times to
local time is where extreme dates overflow.

Opening a data folder whose vault.db is arbitrary bytes, a SQLite file of someone else's, a file
with our tables and a garbage envelope or schema stamp, or a good vault with a garbage -wal/-shm,
may only raise the project's own clear errors (StoreError, VaultError, VaultBusy) — or open
correctly. (Fuzzing of Envelope.from_bytes and Sealer.open themselves lives in tests/vault.)
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from companion_tui.core.kernel import clock as clock_mod
from companion_tui.core.kernel.errors import ValidationError
from companion_tui.core.kernel.records import encode
from companion_tui.core.kernel.settings import Settings
from companion_tui.core.moods.checkins import CheckIn, CheckInDraft
from companion_tui.core.moods.checkins import validate as validate_checkin
from companion_tui.core.workspace import (
    ENVELOPE_KEY,
    LockedVault,
    PassphraseTooShort,
    check_new_passphrase,
    strength_label,
)
from companion_tui.paths import Paths
from companion_tui.store.database import SQLITE_MAGIC, Store
from companion_tui.vault.envelope import MAGIC
from companion_tui.vault.kdf import normalize_passphrase

from .support import PROJECT_ERRORS, create_vault, fields_of, random_draft, record, scale

N = scale(150, 2_000)
# local_tz is function-scoped on purpose: it sets TZ for the whole test, not per example.
FUZZ = settings(max_examples=N, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
                                       HealthCheck.function_scoped_fixture])
FILES = settings(max_examples=scale(60, 800), deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

TIME_ZONES = ["UTC", "America/New_York", "Pacific/Kiritimati"] + (
    ["Asia/Tokyo", "America/St_Johns", "Pacific/Pago_Pago", "Australia/Lord_Howe"] if N > 1000 else []
)


@pytest.fixture(params=TIME_ZONES)
def local_tz(request: pytest.FixtureRequest) -> Iterator[str]:
    old = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    try:
        yield request.param
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


# -- strategies --------------------------------------------------------------------------------------------

# Any code point, lone surrogates included (a terminal paste or a bad decode can produce them).
any_char = st.characters(blacklist_categories=())
any_text = st.one_of(
    st.text(any_char, max_size=60),
    st.text(max_size=60),
    st.sampled_from(["", " ", "\x00", "a\x00b", "\ud800", "ok \udcff", "\u200b", "Ａ", "e\u0301", "\n\r\t", "٣"]),
    st.integers(0, 25_000).map(lambda n: "x" * n),
    st.integers(0, 300).map(lambda n: "word " * n),
)
any_number = st.one_of(
    st.integers(),
    st.integers(-20, 20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.fractions(),
    st.complex_numbers(),
    st.booleans(),
)
any_value = st.one_of(
    st.none(), any_number, any_text, st.binary(max_size=8),
    st.lists(st.integers(), max_size=3), st.tuples(st.integers()), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sampled_from([float("inf"), float("-inf"), float("nan"), Decimal("Infinity"), Decimal("NaN"),
                     Decimal("sNaN"), 10**400, -(10**400), "1" * 5000, "7.0", " 7 ", "+7", "0x7", "٧", Fraction(7, 1)]),
)
fixed_offsets = st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m)))
any_datetime = st.one_of(
    st.none(),
    st.datetimes(min_value=datetime.min, max_value=datetime.max),  # naive
    st.datetimes(min_value=datetime.min, max_value=datetime.max, timezones=st.one_of(fixed_offsets, st.timezones())),
    st.sampled_from([datetime.min, datetime.max, datetime.min.replace(tzinfo=UTC),
                     datetime.max.replace(tzinfo=UTC), datetime(1, 1, 1, 0, 0, 0),
                     datetime(9999, 12, 31, 23, 59, 59), datetime(1899, 12, 31, 23, 59), datetime(1970, 1, 1)]),
    st.integers(-60 * 24 * 400, 60).map(lambda m: clock_mod.system_now() + timedelta(minutes=m)),
)
word_lists = st.one_of(
    st.lists(any_text, max_size=40),
    st.lists(st.sampled_from(["calm", "Calm ", "sad", "hope-ful", "l'amour", "ça va", "1st", "a,b", "x" * 41]),
             max_size=35),
)


def storable(value: object, path: str = "result") -> None:
    """Everything a validator accepts must survive the sealed JSON payload (UTF-8)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise AssertionError(f"{path} was accepted but can't be stored: {value!r}") from None
    elif isinstance(value, dict):
        for k, v in value.items():
            storable(k, f"{path} key")
            storable(v, f"{path}[{k!r}]")
    elif isinstance(value, (list, tuple, set, frozenset)):
        for i, v in enumerate(value):
            storable(v, f"{path}[{i}]")


def refused_cleanly(exc: ValidationError) -> None:
    assert isinstance(exc, ValidationError)
    assert exc.errors and all(isinstance(m, str) and m.strip() for m in exc.errors.values()), exc.errors
    assert str(exc).strip()


# -- validators ------------------------------------------------------------------------------------------------


@FUZZ
@given(score=any_value, energy=any_value, emotions=word_lists, tags=word_lists, trigger=any_text,
       response=any_text, note=any_text, at=any_datetime)
@example(score=float("inf"), energy=None, emotions=[], tags=[], trigger="", response="", note="", at=None)
@example(score=5, energy=None, emotions=[], tags=[], trigger="", response="", note="", at=datetime.min)
@example(score=5, energy=None, emotions=[], tags=[], trigger="", response="", note="", at=datetime.max)
@example(score=5, energy=None, emotions=[], tags=[], trigger="", response="", note="\ud800", at=None)
def test_checkin_validator(local_tz: str, score, energy, emotions, tags, trigger, response, note, at) -> None:
    draft = CheckInDraft(score=score, energy=energy, emotions=tuple(emotions), tags=tuple(tags), trigger=trigger,
                         response=response, note=note, at=at)
    now = clock_mod.system_now()
    try:
        fields = validate_checkin(draft, now)
    except ValidationError as exc:
        refused_cleanly(exc)
        return
    storable(fields)
    # Accepted: it must survive the trip through a sealed payload unchanged.
    stamp = now.astimezone(UTC).replace(microsecond=0)
    c = CheckIn(id="0" * 32, version=1, created=stamp, updated=stamp, **fields)
    back = CheckIn.from_payload(c.id, 1, json.loads(encode(c.to_payload())))
    assert fields_of(back) == fields_of(c)
    assert 1 <= c.score <= 10 and c.at <= now + timedelta(minutes=5) and c.at.year >= 1900


@FUZZ
@given(text=st.one_of(
    any_text,
    st.builds(lambda y, mo, d, h, mi: f"{y}-{mo}-{d} {h}:{mi}", st.integers(0, 99999), st.integers(0, 99),
              st.integers(0, 99), st.integers(0, 99), st.integers(0, 99)),
    st.builds(lambda y, mo, d: f"{y:04d}-{mo:02d}-{d:02d}", st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)),
    st.builds(lambda y: f"{y}-01-01", st.text(st.characters(whitelist_categories=("Nd",)), min_size=4, max_size=4)),
    st.sampled_from(["0001-01-01 00:00", "0001-01-01", "9999-12-31 23:59", "9999-12-31", "0000-01-01"]),
))
def test_parse_at(local_tz: str, text: str) -> None:
    try:
        at = clock_mod.parse_at(text)
    except ValueError as exc:
        assert type(exc) is ValueError or isinstance(exc, ValueError)
        assert str(exc).strip()
        return
    assert isinstance(at, datetime) and at.tzinfo is not None
    at.isoformat()


@FUZZ
@given(passphrase=any_text, confirm=st.one_of(st.none(), any_text))
@example(passphrase="long enough \ud800 here", confirm=None)
def test_new_passphrase_check(passphrase: str, confirm: str | None) -> None:
    try:
        warnings = check_new_passphrase(passphrase, confirm)
    except PassphraseTooShort as exc:
        assert str(exc).strip()
        return
    assert isinstance(warnings, list) and all(isinstance(w, str) and w for w in warnings)
    # Accepted: the key derivation must be able to use it.
    assert normalize_passphrase(passphrase)
    assert strength_label(passphrase) in {"too short", "weak", "good", "strong"}


@FUZZ
@given(minutes=st.integers(), theme=any_text, week_start=st.integers())
def test_settings_validator(minutes: int, theme: str, week_start: int) -> None:
    # Settings hold ints chosen in the settings form (never free text), so only ints are fuzzed.
    try:
        Settings(auto_lock_minutes=minutes, theme=theme, week_start=week_start).validate()
    except ValidationError as exc:
        refused_cleanly(exc)
        return
    assert 1 <= minutes <= 240 and 0 <= week_start <= 6


def _later_validators():
    out = {}
    try:
        from companion_tui.core.goals import model as goal_model
        from companion_tui.core.journal import entries as journal
        from companion_tui.core.skills import catalogue as skills
        from companion_tui.core.skills import practice, practice_details

        out = {"goal_model": goal_model, "journal": journal, "practice": practice,
               "practice_details": practice_details, "skills": skills}
    except ImportError:  # pragma: no cover
        pass
    return out


LATER = _later_validators()
needs_later = pytest.mark.skipif(not LATER, reason="later record types not present")


@needs_later
@FUZZ
@given(title=any_text, body=any_text, tags=word_lists, starred=any_value, therapy=any_value,
       prompt_id=st.one_of(st.none(), any_text, any_value), kind=any_text, at=any_datetime,
       allow_future=st.booleans())
@example(title="\ud800", body="b", tags=[], starred=False, therapy=False, prompt_id=None, kind="entry", at=None,
         allow_future=False)
@example(title="t", body="b", tags=["ok\udcff"], starred=False, therapy=False, prompt_id="\ud800", kind="\ud800",
         at=datetime.min, allow_future=True)
def test_journal_validator(local_tz: str, title, body, tags, starred, therapy, prompt_id, kind, at, allow_future) -> None:
    journal = LATER["journal"]
    draft = journal.EntryDraft(title=title, body=body, tags=tuple(tags), starred=starred, therapy=therapy,
                               prompt_id=prompt_id, kind=kind, at=at)
    try:
        out = journal.validate(draft, clock_mod.system_now(), allow_future=allow_future)
    except ValidationError as exc:
        refused_cleanly(exc)
        return
    storable(out)


@needs_later
@FUZZ
@given(name=any_text, category=st.one_of(any_text, st.just("other")), when=any_text,
       steps=st.one_of(any_text, st.lists(any_text, max_size=25)), minutes=any_value,
       exercise=st.one_of(any_text, st.just("")))
@example(name="ok", category="other", when="\ud800", steps=(), minutes=None, exercise="")
@example(name="ok \udcff", category="other", when="", steps=("a\ud800",), minutes=float("inf"), exercise="")
def test_skill_validator(name, category, when, steps, minutes, exercise) -> None:
    skills = LATER["skills"]
    draft = skills.SkillDraft(name=name, category=category, when=when, steps=steps if isinstance(steps, str) else tuple(steps),
                              minutes=minutes, exercise=exercise)
    try:
        out = skills.validate(draft)
    except ValidationError as exc:
        refused_cleanly(exc)
        return
    storable(out)


@needs_later
@FUZZ
@given(title=any_text, why=any_text, category=st.one_of(any_text, st.sampled_from(["health", "other"])),
       kind=st.one_of(st.sampled_from(["weekly", "daily", "once"]), any_text), per_week=any_value,
       skill_id=st.one_of(st.none(), any_text), start=st.one_of(st.none(), st.dates()))
@example(title="\ud800", why="w\udcff", category="other", kind="weekly", per_week=float("inf"), skill_id="\ud800",
         start=date.min)
@example(title="walk \ud800", why="", category="other", kind="weekly", per_week=1, skill_id=None, start=None)
@example(title="walk", why="w\udcff", category="other", kind="daily", per_week=None, skill_id="\ud800", start=None)
def test_goal_validator(title, why, category, kind, per_week, skill_id, start) -> None:
    goal_model = LATER["goal_model"]
    draft = goal_model.GoalDraft(title=title, why=why, category=category, kind=kind, per_week=per_week,
                                 skill_id=skill_id, start=start)
    try:
        out = goal_model.validate(draft, date.today())
    except ValidationError as exc:
        refused_cleanly(exc)
        return
    storable({k: v for k, v in out.items() if isinstance(v, (str, tuple, list, dict))})


@pytest.fixture(scope="module")
def catalogue():
    if not LATER:
        pytest.skip("later record types not present")
    from companion_tui.core.kernel.records import Loaded

    return LATER["skills"].SkillCatalogue(None, Loaded("skills"))  # built-ins only; never written


details_values = st.one_of(
    any_value,
    st.fixed_dictionaries({"kind": st.sampled_from(["thought_record", "grounding", "breathing"])},
                          optional={"thought": any_text, "evidence_for": any_text, "evidence_against": any_text,
                                    "balanced": any_text, "emotions": st.one_of(any_value, st.lists(any_value, max_size=14)),
                                    "seen": st.one_of(any_value, st.lists(any_text, max_size=6)),
                                    "inhale": any_value, "exhale": any_value, "hold": any_value, "rounds": any_value,
                                    "minutes": any_value, "pattern": any_text}),
)


@needs_later
@FUZZ
@given(skill=st.one_of(any_text, st.just("")), at=any_datetime, situation=any_text, before=any_value, after=any_value,
       helped=st.one_of(any_value, st.sampled_from(["a lot", "Quite-a-bit", "3", "9"])), notes=any_text,
       therapy=any_value, details=details_values, builtin=st.booleans())
@example(skill="", at=None, situation="a \ud800", before=None, after=None, helped=None, notes="", therapy=False,
         details=None, builtin=True)
@example(skill="", at=datetime.max, situation="\ud800", before=float("inf"), after=Decimal("sNaN"), helped="\ud800",
         notes="n\udcff", therapy=None, details={"kind": "thought_record", "thought": "\ud800"}, builtin=True)
def test_practice_validator(local_tz: str, catalogue, skill, at, situation, before, after, helped, notes,
                            therapy, details, builtin) -> None:
    practice = LATER["practice"]
    if builtin:
        skill = catalogue.all()[0].id
    draft = practice.PracticeDraft(skill_id=skill, at=at, situation=situation, before=before, after=after,
                                   helped=helped, notes=notes, therapy=therapy, details=details)
    try:
        out = practice.validate(draft, clock_mod.system_now(), catalogue)
    except ValidationError as exc:
        refused_cleanly(exc)
        return
    storable(out)


# -- the store opening hostile files --------------------------------------------------------------------------


_TEMPLATES: dict[str, bytes] = {}


def templates() -> dict[str, bytes]:
    """Bytes of: an empty-schema vault file (our tables, no envelope) and a real small vault.

    A module-level cache rather than a fixture, so Hypothesis doesn't print megabytes of it."""
    if _TEMPLATES:
        return _TEMPLATES
    from companion_tui.vault import FLOOR_PARAMS
    from companion_tui.vault import envelope as envelope_mod

    base = Path(tempfile.mkdtemp(prefix="companion-fuzz-templates-"))
    store = Store.open(base / "schema.db", create=True, lock_path=base / "schema.lock")
    store.close()
    saved = envelope_mod.DEFAULT_PARAMS
    envelope_mod.DEFAULT_PARAMS = FLOOR_PARAMS
    try:
        mv, ws = create_vault(base / "real")
        import random

        rng = random.Random(3)
        for _ in range(25):
            ws.moods.add(random_draft(rng))
        expected = {c.id: (c.version, fields_of(c)) for c in ws.moods.newest_first()}
        ws.close()
    finally:
        envelope_mod.DEFAULT_PARAMS = saved
    _TEMPLATES.update({
        "schema": (base / "schema.db").read_bytes(),
        "real": mv.paths.vault.read_bytes(),
        "recovery": mv.recovery_key.encode(),
        "expected": json.dumps(expected).encode(),
    })
    shutil.rmtree(base, ignore_errors=True)
    return _TEMPLATES


OUTCOMES: dict[str, dict[str, int]] = {}


def _tally(test: str, outcome: str) -> None:
    OUTCOMES.setdefault(test, {})
    OUTCOMES[test][outcome] = OUTCOMES[test].get(outcome, 0) + 1


def _folder(files: dict[str, bytes]) -> tuple[Path, Paths]:
    tmp = Path(tempfile.mkdtemp(prefix="companion-fuzz-"))
    home = tmp / "home"
    home.mkdir(mode=0o700)
    for name, data in files.items():
        (home / name).write_bytes(data)
    return tmp, Paths(home)


def _open_expecting_clean_errors(test: str, paths: Paths, recovery: str | None = None,
                                 expected: dict | None = None) -> None:
    try:
        vault = LockedVault.open(paths)
    except Exception as exc:
        assert isinstance(exc, PROJECT_ERRORS), f"{type(exc).__module__}.{type(exc).__name__}: {exc}"
        msg = str(exc)
        assert msg.strip() and "Background on this error" not in msg and "sqlite3." not in msg, msg
        _tally(test, f"refused:{type(exc).__name__}")
        return
    try:
        if recovery is None:
            _tally(test, "opened")
            return
        try:
            ws = vault.unlock_with_recovery(recovery)
        except Exception as exc:
            assert isinstance(exc, PROJECT_ERRORS), f"{type(exc).__module__}.{type(exc).__name__}: {exc}"
            _tally(test, f"refused at unlock:{type(exc).__name__}")
            return
        got = {c.id: [c.version, fields_of(c)] for c in ws.moods.newest_first()}
        # Whatever opens is right; whatever doesn't is reported.
        for cid, value in got.items():
            assert expected is not None and expected.get(cid) == value
        reported = {p.record_id for p in ws.problems}
        missing = set(expected or {}) - set(got) - reported
        # A byte changed inside a row's id text makes SQLite return that row under a garbled id:
        # it is still reported (under that id), so it counts against one missing record.
        garbled = reported - set(expected or {})
        assert len(missing) <= len(garbled), f"{len(missing) - len(garbled)} records vanished without a report"
        ws.lock()
        if not ws.problems:
            _tally(test, "opened intact")
        else:
            _tally(test, "opened, damage reported" + (" (under a garbled id)" if garbled else ""))
    finally:
        vault.close()


@FILES
@given(data=st.one_of(
    st.binary(max_size=9000),
    st.binary(max_size=9000).map(lambda b: SQLITE_MAGIC + b),
    st.binary(min_size=100, max_size=5000).map(lambda b: SQLITE_MAGIC + bytes([16, 0, 1, 1, 0, 64, 32, 32]) + b),
))
def test_open_arbitrary_bytes(data: bytes) -> None:
    tmp, paths = _folder({"vault.db": data})
    try:
        _open_expecting_clean_errors("arbitrary bytes", paths)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@FILES
@given(data=st.data())
def test_open_vault_damaged_at_random_offsets(data: st.DataObject) -> None:
    raw = bytearray(templates()["real"])
    for _ in range(data.draw(st.integers(1, 8))):
        i = data.draw(st.integers(0, len(raw) - 1))
        raw[i] = data.draw(st.integers(0, 255))
    tmp, paths = _folder({"vault.db": bytes(raw)})
    try:
        _open_expecting_clean_errors("vault with random bytes changed", paths, templates()["recovery"].decode(),
                                     json.loads(templates()["expected"]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


identifiers = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)


@FILES
@given(tables=st.lists(st.tuples(identifiers, st.lists(identifiers, min_size=1, max_size=4, unique=True)),
                       max_size=4, unique_by=lambda t: t[0]),
       rows=st.lists(st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1), st.text(max_size=20), st.binary(max_size=20)),
                     max_size=6))
def test_open_someone_elses_sqlite_file(tables, rows) -> None:
    tmp, paths = _folder({})
    try:
        con = sqlite3.connect(paths.vault)
        for name, cols in tables:
            con.execute(f'CREATE TABLE "t_{name}" ({", ".join(f"{c!r}" for c in cols)})')
            for value in rows:
                con.execute(f'INSERT INTO "t_{name}" VALUES ({", ".join("?" * len(cols))})', [value] * len(cols))
        con.commit()
        con.close()
        _open_expecting_clean_errors("someone else's SQLite file", paths)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


envelope_bytes = st.one_of(
    st.binary(max_size=600),
    st.binary(max_size=600).map(lambda b: MAGIC + b),
    st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=30)),
                 lambda c: st.one_of(st.lists(c, max_size=4), st.dictionaries(st.sampled_from(
                     ["kdf", "alg", "m", "t", "p", "salt", "pass", "rec", "nonce", "box"]), c, max_size=5)),
                 max_leaves=20).map(lambda v: MAGIC + b"\x01" + json.dumps(v).encode()),
    st.text(max_size=100),  # stored as TEXT, not BLOB
    st.integers(-(2**63), 2**63 - 1),
)


@FILES
@given(envelope=envelope_bytes, revisions=st.one_of(
    st.just(None),
    st.lists(st.one_of(st.none(), st.integers(-3, 9999), st.text(max_size=8), st.sampled_from(["0001", "0002", "9999"]),
                       st.binary(max_size=4)), max_size=3),
))
@example(envelope=b"", revisions=[None, None])  # two schema stamps
@example(envelope=b"", revisions=["0001"])  # an old stamp on the new schema: the upgrade fails
@example(envelope=b"", revisions=[])  # no stamp at all
def test_open_our_tables_with_garbage_envelope_or_schema_stamp(envelope, revisions) -> None:
    tmp, paths = _folder({"vault.db": templates()["schema"]})
    try:
        con = sqlite3.connect(paths.vault)
        con.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (ENVELOPE_KEY, envelope))
        if revisions is not None:
            con.execute("DELETE FROM alembic_version")
            con.execute("CREATE TABLE IF NOT EXISTS av2 (x)")
            con.execute("DROP TABLE alembic_version")
            con.execute("CREATE TABLE alembic_version (version_num)")  # no constraints: any type, any count
            for r in revisions:
                con.execute("INSERT INTO alembic_version VALUES (?)", (r,))
        con.commit()
        con.close()
        _open_expecting_clean_errors("our tables, garbage envelope or schema stamp", paths)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@FILES
@given(wal=st.one_of(st.binary(max_size=20_000),
                     st.binary(min_size=24, max_size=9000).map(lambda b: bytes.fromhex("377f0682002de218") + b)),
       shm=st.one_of(st.none(), st.binary(max_size=40_000)))
def test_good_vault_with_garbage_wal_and_shm(wal: bytes, shm: bytes | None) -> None:
    files = {"vault.db": templates()["real"], "vault.db-wal": wal}
    if shm is not None:
        files["vault.db-shm"] = shm
    tmp, paths = _folder(files)
    try:
        _open_expecting_clean_errors("good vault, garbage -wal/-shm", paths, templates()["recovery"].decode(),
                                     json.loads(templates()["expected"]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_zz_report() -> None:
    for test, outcomes in sorted(OUTCOMES.items()):
        record(f"fuzz.files.{test}", dict(sorted(outcomes.items())))
    record("fuzz.examples_per_validator_test", N)
    record("fuzz.time_zones", len(TIME_ZONES))
