"""A Hypothesis state machine: random sequences of add / edit / delete (valid and invalid), drafts,
settings, lock + unlock (with a wrong passphrase first, sometimes), passphrase change, and close +
reopen — against a plain in-memory model. After every step the workspace must equal the model.

Key derivation (~0.15-0.2 s at FLOOR_PARAMS) is the expensive part, so rules that run it are only
enabled every few steps; reopening with the recovery key (HKDF, cheap) is not limited.
Normal run: a few hundred steps; COMPANION_LONG=1: at least 10,000.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from companion_tui.core.kernel.clock import system_now
from companion_tui.core.kernel.errors import NotFound, ValidationError
from companion_tui.core.kernel.settings import Settings
from companion_tui.core.moods.checkins import MAX_NOTE, CheckInDraft
from companion_tui.core.workspace import LockedVault, PassphraseTooShort, check_new_passphrase
from companion_tui.paths import Paths
from companion_tui.vault import FLOOR_PARAMS, WrongPassphrase
from companion_tui.vault.kdf import normalize_passphrase

from .support import fields_of, record, scale

KDF_EVERY = 6  # steps between rules that run Argon2id


@dataclass
class Counters:
    steps: int = 0
    examples: int = 0
    kdf_steps: int = 0
    by_rule: dict | None = None

    def hit(self, rule_name: str) -> None:
        self.steps += 1
        self.by_rule = self.by_rule or {}
        self.by_rule[rule_name] = self.by_rule.get(rule_name, 0) + 1


COUNT = Counters()

# -- strategies -----------------------------------------------------------------------------------------

letters = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=12)
word = st.one_of(
    st.sampled_from(["calm", "Anxious", "hopeful", "tired", "content", "sad", "proud"]),
    st.builds(lambda a, sep, b: f"{a}{sep}{b}", letters, st.sampled_from([" ", "-", "'", "  "]), letters),
    letters,
)
free_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300)
score = st.one_of(st.integers(1, 10), st.integers(1, 10).map(str), st.integers(1, 10).map(lambda n: f" {n} "))


@st.composite
def valid_drafts(draw) -> CheckInDraft:
    back = draw(st.one_of(st.none(), st.integers(0, 60 * 24 * 365 * 5)))
    return CheckInDraft(
        score=draw(score),
        emotions=tuple(draw(st.lists(word, max_size=5))),
        energy=draw(st.one_of(st.none(), st.integers(1, 5))),
        trigger=draw(free_text),
        response=draw(free_text),
        tags=tuple(draw(st.lists(word, max_size=3))),
        note=draw(st.one_of(free_text, st.just("long " * 3000))),
        at=None if back is None else (system_now() - timedelta(minutes=back)).replace(microsecond=0),
    )


invalid_drafts = st.one_of(
    st.builds(CheckInDraft, score=st.one_of(st.none(), st.just(""), st.integers(-5, 0), st.integers(11, 99),
                                            st.just("seven"), st.just(7.5))),
    st.builds(CheckInDraft, score=st.just(5), energy=st.one_of(st.integers(6, 9), st.just("x"))),
    st.builds(CheckInDraft, score=st.just(5), emotions=st.just(("1st",))),
    st.builds(CheckInDraft, score=st.just(5), tags=st.just(("a,b",))),
    st.builds(CheckInDraft, score=st.just(5), note=st.just("x" * (MAX_NOTE + 1))),
    st.builds(CheckInDraft, score=st.just(5), trigger=st.just("a\x00b")),
    st.builds(CheckInDraft, score=st.just(5), at=st.integers(10, 10_000).map(lambda m: system_now() + timedelta(minutes=m))),
)


def normalized_words(words: tuple[str, ...]) -> list[str]:
    return list(dict.fromkeys(" ".join(w.split()).lower() for w in words))


# -- the machine ----------------------------------------------------------------------------------------------


class VaultMachine(RuleBasedStateMachine):
    ids = Bundle("ids")

    def __init__(self) -> None:
        super().__init__()
        COUNT.examples += 1
        self.tmp = Path(tempfile.mkdtemp(prefix="companion-sm-"))
        self.paths = Paths(self.tmp / "home")
        self.passphrase = "first passphrase"
        self.old_passphrase: str | None = None
        self.vault, self.ws, self.recovery = LockedVault.create(self.paths, self.passphrase, FLOOR_PARAMS)
        self.checkins: dict[str, tuple[int, dict]] = {}
        self.drafts: dict[str, dict] = {}
        self.settings = (0, Settings())
        self.since_kdf = 0

    def teardown(self) -> None:
        try:
            if self.ws is not None and not self.ws.locked:
                self.ws.close()
            else:
                self.vault.close()
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def _step(self, name: str, kdf: bool = False) -> None:
        COUNT.hit(name)
        if kdf:
            COUNT.kdf_steps += 1
            self.since_kdf = 0
        else:
            self.since_kdf += 1

    def _kdf_allowed(self) -> bool:
        return self.since_kdf >= KDF_EVERY

    # -- check-ins

    @rule(target=ids, draft=valid_drafts())
    def add(self, draft: CheckInDraft) -> str:
        self._step("add")
        c = self.ws.moods.add(draft)
        assert c.version == 1 and c.id not in self.checkins
        assert c.score == int(str(draft.score).strip())
        assert list(c.emotions) == normalized_words(draft.emotions)
        assert list(c.tags) == normalized_words(draft.tags)
        assert (c.trigger, c.response, c.note) == (draft.trigger.strip(), draft.response.strip(), draft.note.strip())
        if draft.at is not None:
            assert c.at == draft.at
        self.checkins[c.id] = (1, fields_of(c))
        return c.id

    @rule(draft=invalid_drafts)
    def add_invalid(self, draft: CheckInDraft) -> None:
        self._step("add_invalid")
        with pytest.raises(ValidationError) as info:
            self.ws.moods.add(draft)
        assert str(info.value).strip()

    @rule(cid=ids, draft=valid_drafts())
    def edit(self, cid: str, draft: CheckInDraft) -> None:
        self._step("edit")
        if cid not in self.checkins:
            with pytest.raises(NotFound):
                self.ws.moods.update(cid, draft)
            return
        c = self.ws.moods.update(cid, draft)
        assert c.version == self.checkins[cid][0] + 1
        assert c.note == draft.note.strip()
        self.checkins[cid] = (c.version, fields_of(c))

    @rule(cid=ids, draft=invalid_drafts)
    def edit_invalid(self, cid: str, draft: CheckInDraft) -> None:
        self._step("edit_invalid")
        with pytest.raises((ValidationError, NotFound)):
            self.ws.moods.update(cid, draft)

    @rule(cid=ids)
    def delete(self, cid: str) -> None:
        self._step("delete")
        if cid not in self.checkins:
            with pytest.raises(NotFound):
                self.ws.moods.delete(cid)
            return
        self.ws.moods.delete(cid)
        del self.checkins[cid]

    # -- drafts and settings

    @rule(name=st.sampled_from(["mood-form", "journal", "mood-edit:x"]),
          data=st.dictionaries(st.text(max_size=10), st.one_of(free_text, st.integers(), st.booleans()), max_size=4))
    def save_draft(self, name: str, data: dict) -> None:
        self._step("save_draft")
        self.ws.drafts.save(name, data)
        self.drafts[name] = dict(data)

    @rule(name=st.sampled_from(["mood-form", "journal", "mood-edit:x"]))
    def discard_draft(self, name: str) -> None:
        self._step("discard_draft")
        self.ws.drafts.discard(name)
        self.drafts.pop(name, None)

    @rule(minutes=st.integers(-3, 300), theme=st.sampled_from(["textual-dark", "textual-light", "nord", "gruvbox"]),
          week_start=st.integers(-1, 7))
    def update_settings(self, minutes: int, theme: str, week_start: int) -> None:
        self._step("update_settings")
        version, _ = self.settings
        valid = 1 <= minutes <= 240 and 0 <= week_start <= 6
        if not valid:
            with pytest.raises(ValidationError):
                self.ws.settings.update(auto_lock_minutes=minutes, theme=theme, week_start=week_start)
            return
        new = self.ws.settings.update(auto_lock_minutes=minutes, theme=theme, week_start=week_start)
        self.settings = (version + 1, new)
        assert new == Settings(auto_lock_minutes=minutes, theme=theme, week_start=week_start)

    # -- keys and reopening

    @precondition(lambda self: self._kdf_allowed())
    @rule(wrong_first=st.booleans())
    def lock_and_unlock(self, wrong_first: bool) -> None:
        self._step("lock_and_unlock", kdf=True)
        self.ws.lock()
        assert self.ws.locked and self.ws.data_key == b""
        if wrong_first:
            # The previous passphrase, if it was changed (it must stop working), else a near miss.
            old = self.old_passphrase
            same = old is None or normalize_passphrase(old) == normalize_passphrase(self.passphrase)
            wrong = self.passphrase + "!" if same else old
            with pytest.raises(WrongPassphrase):
                self.vault.unlock(wrong)
        self.ws = self.vault.unlock(self.passphrase)

    @precondition(lambda self: self._kdf_allowed())
    @rule(new=st.one_of(st.text(st.characters(blacklist_categories=("Cs",)), max_size=24),
                        st.sampled_from(["second passphrase", "third one, longer", "short"])))
    def change_passphrase(self, new: str) -> None:
        self._step("change_passphrase", kdf=True)
        try:
            check_new_passphrase(new)
        except PassphraseTooShort:
            with pytest.raises(PassphraseTooShort):
                self.ws.change_passphrase(new)
            return
        self.ws.change_passphrase(new)
        self.old_passphrase, self.passphrase = self.passphrase, new

    @rule(with_passphrase=st.booleans())
    def reopen(self, with_passphrase: bool) -> None:
        use_kdf = with_passphrase and self._kdf_allowed()
        self._step("reopen", kdf=use_kdf)
        self.ws.close()
        self.vault = LockedVault.open(self.paths)
        if use_kdf:
            self.ws = self.vault.unlock(self.passphrase)
        else:
            self.ws = self.vault.unlock_with_recovery(self.recovery)
        assert self.vault.store.integrity_check() == "ok"

    # -- the invariant

    @invariant()
    def workspace_equals_model(self) -> None:
        ws = self.ws
        assert ws.problems == []
        assert {c.id: (c.version, fields_of(c)) for c in ws.moods.newest_first()} == self.checkins
        assert len(ws.moods) == len(self.checkins)
        assert {d.name: d.data for d in ws.drafts.all()} == self.drafts
        version, value = self.settings
        assert (ws.settings.version, ws.settings.value) == (version, value)
        # Ordering: newest first by time.
        ats = [c.at for c in ws.moods.newest_first()]
        assert ats == sorted(ats, reverse=True)


def test_workspace_matches_model() -> None:
    target = scale(400, 10_000)
    steps_per_example = 50
    t0 = time.perf_counter()
    start_steps = COUNT.steps
    while COUNT.steps - start_steps < target:
        remaining = target - (COUNT.steps - start_steps)
        run_state_machine_as_test(
            VaultMachine,
            settings=settings(
                max_examples=max(2, min(40, -(-remaining // steps_per_example))),
                stateful_step_count=steps_per_example,
                deadline=None,
                database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
            ),
        )
    record("state_machine.steps", COUNT.steps - start_steps)
    record("state_machine.examples", COUNT.examples)
    record("state_machine.kdf_steps", COUNT.kdf_steps)
    record("state_machine.steps_by_rule", dict(sorted((COUNT.by_rule or {}).items())))
    record("state_machine.seconds", round(time.perf_counter() - t0, 1))
    assert COUNT.steps - start_steps >= target
