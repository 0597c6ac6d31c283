"""The benchmark: every figure against its target, as a table and as JSON.

    python -m benchmarks.run [--years 10] [--repeat 5] [--out results.json] [--only startup,save]

Vaults are generated once and cached in ``benchmarks/out/`` keyed by generator version,
years, seed, end date and KDF choice (``--kdf floor`` by default: the key derivation is
measured on its own as ``kdf_ms`` and subtracted from unlock figures, so the cached
vaults don't need the slow parameters). Each run works on fresh copies of them.

Every figure is the median of ``--repeat`` runs after ``--warmup`` discarded ones;
ratios are taken pair by pair within the same run (app vs bare Textual app, 10-year vs
1-year vault) so a noisy machine moves both sides together.

Figures are a registry: later issues register theirs with ``@measure("name")``; a
measure gets the ``Bench`` (vaults, copies, passphrase, clock, repeat) and returns
``Figure``s.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from benchmarks import DEFAULT_END, DEFAULT_SEED, OUT_DIR, ROOT, passphrase, passphrase_source
from benchmarks.generate import GENERATOR_VERSION, KDF, generate
from benchmarks.probe import fixed_clock, today_view


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    target: float | None  # None: informational, reported but not judged
    met: bool
    detail: str = ""
    samples: list[float] = field(default_factory=list)
    comparison: str = "<="

    @property
    def informational(self) -> bool:
        return self.target is None

    def to_json(self) -> dict:
        d = asdict(self)
        d["value"] = round(self.value, 4)
        d["samples"] = [round(s, 4) for s in self.samples]
        d["informational"] = self.informational
        return d


def judged(name: str, samples: list[float], unit: str, target: float, detail: str = "") -> Figure:
    value = statistics.median(samples)
    return Figure(name, value, unit, target, value <= target, detail, samples)


def info(name: str, samples: list[float], unit: str, detail: str = "") -> Figure:
    return Figure(name, statistics.median(samples), unit, None, True, detail, samples)


# -- the registry ------------------------------------------------------------------------------

Measure = Callable[["Bench"], list[Figure]]
MEASURES: list[tuple[str, Measure]] = []


def measure(name: str) -> Callable[[Measure], Measure]:
    """Register a measure. Order of registration is the order of the table."""

    def register(fn: Measure) -> Measure:
        MEASURES.append((name, fn))
        return fn

    return register


# -- vaults and copies -------------------------------------------------------------------------


class ProbeFailed(RuntimeError):
    pass


class Bench:
    def __init__(
        self,
        years: float,
        repeat: int,
        warmup: int,
        seed: int = DEFAULT_SEED,
        end: date = DEFAULT_END,
        kdf: str = "floor",
        cache: Path = OUT_DIR,
        log: Callable[[str], None] = print,
    ) -> None:
        self.years = years
        self.repeat = max(1, repeat)
        self.warmup = max(0, warmup)
        self.seed = seed
        self.end = end
        self.kdf = kdf
        self.cache = cache
        self.log = log
        self.secret = passphrase()
        self.clock = fixed_clock(end)
        self.today = self.clock().date()
        self.manifests: dict[float, dict] = {}
        cache.mkdir(parents=True, exist_ok=True)
        self.work = Path(tempfile.mkdtemp(prefix="run-", dir=cache))

    def close(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)

    # Cached vaults: benchmarks/out/v1-10y-seed1-2026-11-01-floor/{home/vault.db, manifest.json}
    def vault(self, years: float) -> Path:
        name = f"v{GENERATOR_VERSION}-{years:g}y-seed{self.seed}-{self.end}-{self.kdf}"
        folder = self.cache / name
        manifest = folder / "manifest.json"
        if manifest.exists() and self._opens(folder / "home"):
            self.manifests[years] = json.loads(manifest.read_text())
            return folder / "home"
        shutil.rmtree(folder, ignore_errors=True)
        tmp = self.cache / f"{name}.tmp-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(mode=0o700)
        self.log(f"generating a {years:g}-year vault (seed {self.seed}, kdf {self.kdf}) in {folder} ...")
        result = generate(tmp / "home", years, self.seed, self.end, self.kdf, secret=self.secret)
        data = result.to_json()
        data["home"] = str(folder / "home")
        (tmp / "manifest.json").write_text(json.dumps(data, indent=2))
        tmp.rename(folder)
        self.log(f"  {sum(result.counts.values()):,} records in {result.seconds:.1f} s")
        self.manifests[years] = data
        return folder / "home"

    def _opens(self, home: Path) -> bool:
        """The cached vault is whole and opens with today's passphrase (else regenerate)."""
        from companion_tui.core.workspace import LockedVault
        from companion_tui.paths import Paths
        from companion_tui.vault import VaultError

        try:
            vault = LockedVault.open(Paths(home))
        except Exception:  # noqa: BLE001 - anything wrong with a cache entry means: make it again
            return False
        try:
            vault.envelope.unlock(self.secret)
            return True
        except VaultError:
            return False
        finally:
            vault.close()

    def copy(self, years: float, label: str, backed_up: bool = True) -> Path:
        """A fresh copy of the cached vault to work on (measures may write to it).

        ``backed_up``: today's automatic backup is already made, as after the first unlock
        of the day, so the measures see the steady state (the backup has its own figure).
        """
        src = self.vault(years)
        dest = self.work / f"{label}-{years:g}y"
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(mode=0o700)
        for f in src.iterdir():
            if f.name.startswith("vault.db"):
                shutil.copy2(f, dest / f.name)
        if backed_up:
            self.daily_backup(dest)
        return dest

    def daily_backup(self, home: Path) -> float:
        """Make the day's automatic backup the way unlock does (core.backups); its seconds."""
        from companion_tui.core.kernel.backups import daily_backup
        from companion_tui.paths import Paths
        from companion_tui.store.database import Store

        paths = Paths(home)
        store = Store.open(paths.vault, lock_path=paths.lock)
        try:
            t0 = time.perf_counter()
            made = daily_backup(store, paths.backups, self.today)
            seconds = time.perf_counter() - t0
        finally:
            store.close()
        if made is None:
            raise RuntimeError(f"no backup was made in {home} (one for {self.today} already exists?)")
        return seconds

    def records(self, years: float) -> int:
        self.vault(years)
        return sum(self.manifests[years]["counts"].values())

    def runs(self) -> range:
        """Indices of all runs; the first ``warmup`` are thrown away by ``kept``."""
        return range(self.warmup + self.repeat)

    def kept(self, samples: list) -> list:
        return samples[self.warmup :]

    # -- subprocess probes
    def probe(self, mode: str, home: Path | None = None, timeout: float = 90) -> list[dict]:
        """Run ``benchmarks.probe MODE`` in a fresh interpreter; each line it signals, with the
        parent's wall time since just before the process was started (``wall_s``)."""
        env = dict(os.environ)
        env.pop("COMPANION_HOME", None)
        if home is not None:
            env["COMPANION_HOME"] = str(home)
        env["COMPANION_PASSPHRASE"] = self.secret
        read_fd, write_fd = os.pipe()
        cmd = [
            sys.executable, "-m", "benchmarks.probe", mode,
            "--fd", str(write_fd), "--end", self.end.isoformat(), "--timeout", str(timeout),
        ]  # fmt: skip
        with tempfile.TemporaryFile() as err:
            t0 = time.perf_counter()
            proc = subprocess.Popen(
                cmd,
                pass_fds=(write_fd,),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=err,
                env=env,
                cwd=ROOT,
            )
            os.close(write_fd)
            lines: list[dict] = []
            buf = b""
            deadline = t0 + timeout + 10  # the probe dumps its stacks and exits at `timeout`
            with os.fdopen(read_fd, "rb", buffering=0) as pipe:
                while True:
                    ready, _, _ = select.select([pipe], [], [], max(0.0, deadline - time.perf_counter()))
                    if not ready:
                        proc.kill()
                        break
                    chunk = pipe.read(65536)
                    if not chunk:
                        break
                    buf += chunk
                    while b"\n" in buf:
                        line, buf = buf.split(b"\n", 1)
                        data = json.loads(line)
                        data["wall_s"] = time.perf_counter() - t0
                        lines.append(data)
            try:
                proc.wait(timeout=max(1.0, deadline - time.perf_counter()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if proc.returncode != 0 or not lines:
                err.seek(0)
                text = err.read().decode(errors="replace")[-4000:]
                raise ProbeFailed(f"probe {mode} failed (exit {proc.returncode}):\n{text}")
        return lines


def ms(seconds: float) -> float:
    return seconds * 1000


# -- the figures -------------------------------------------------------------------------------


@measure("startup")
def measure_startup(b: Bench) -> list[Figure]:
    """Time until the unlock screen is up, against a bare Textual app, in fresh processes."""
    home = b.copy(b.years, "startup")
    bare, app, opened, ratios, cpu_ratios = [], [], [], [], []
    for i in b.runs():
        # Alternate which goes first so neither side always gets the warmer disk cache.
        order = ("bare", "unlock-screen") if i % 2 == 0 else ("unlock-screen", "bare")
        got = {mode: b.probe(mode, home if mode != "bare" else None) for mode in order}
        bare.append(got["bare"][0]["wall_s"])
        app.append(got["unlock-screen"][0]["wall_s"])
        opened.append(got["unlock-screen"][-1]["wall_s"])
        ratios.append(app[-1] / bare[-1])
        cpu_ratios.append(got["unlock-screen"][0]["cpu_s"] / got["bare"][0]["cpu_s"])
    bare, app, opened, ratios, cpu_ratios = (b.kept(x) for x in (bare, app, opened, ratios, cpu_ratios))
    return [
        judged(
            "startup_ratio",
            ratios,
            "x",
            1.5,
            f"unlock screen {ms(statistics.median(app)):.0f} ms / bare Textual app "
            f"{ms(statistics.median(bare)):.0f} ms (process start to first frame), median of {len(ratios)} pairs",
        ),
        info(
            "startup_ratio_cpu",
            cpu_ratios,
            "x",
            "the same in CPU time (user+sys, all threads) at the first frame: steadier on a busy machine",
        ),
        info("startup_unlock_screen_ms", [ms(x) for x in app], "ms", "process start to the unlock screen's first frame"),
        info("startup_bare_textual_ms", [ms(x) for x in bare], "ms", "process start to a bare App's first frame"),
        info("startup_vault_open_ms", [ms(x) for x in opened], "ms", "process start until the vault file is open (worker)"),
    ]


@measure("kdf")
def measure_kdf(b: Bench) -> list[Figure]:
    import secrets as sec

    from companion_tui.vault.kdf import derive_key

    out = []
    for name, params in (("kdf_ms", KDF["default"]), ("kdf_floor_ms", KDF["floor"])):
        samples = []
        for _ in b.runs():
            salt = sec.token_bytes(16)
            t0 = time.perf_counter()
            derive_key(b.secret, salt, params)
            samples.append(ms(time.perf_counter() - t0))
        out.append(
            info(
                name,
                b.kept(samples),
                "ms",
                f"Argon2id {params.memory_kib // 1024} MiB, {params.iterations} iterations, {params.lanes} lanes",
            )
        )
    return out


def _unlock_once(b: Bench, home: Path) -> dict[str, float]:
    from companion_tui.core.workspace import LockedVault
    from companion_tui.paths import Paths
    from companion_tui.vault.kdf import derive_key

    # The KDF's share of this thread's CPU time (Argon2id runs its lanes on other threads).
    gc.collect()
    c0 = time.thread_time()
    derive_key(b.secret, bytes(16), vault_kdf_params(home))
    kdf_cpu = time.thread_time() - c0

    gc.collect()
    c0 = time.thread_time()
    t0 = time.perf_counter()
    vault = LockedVault.open(Paths(home))
    t1 = time.perf_counter()
    ws = vault.unlock(b.secret, clock=b.clock)
    t2 = time.perf_counter()
    today_view(ws, b.today)
    t3 = time.perf_counter()
    cpu = time.thread_time() - c0
    kdf = ws.timings["kdf_s"]
    ws.close()
    return {
        "total": ms(t3 - t0 - kdf),
        "cpu": ms(cpu - kdf_cpu),
        "open": ms(t1 - t0),
        "load": ms(ws.timings["load_s"]),
        "today": ms(t3 - t2),
        "kdf": ms(kdf),
    }


def vault_kdf_params(home: Path):
    """The KDF parameters stored in a vault's envelope (without unlocking it)."""
    from companion_tui.core.workspace import LockedVault
    from companion_tui.paths import Paths

    vault = LockedVault.open(Paths(home))
    try:
        return vault.envelope.kdf
    finally:
        vault.close()


def record_counts(b: Bench, years: float) -> str:
    b.records(years)
    counts = b.manifests[years]["counts"]
    return f"{sum(counts.values()):,} records, {counts.get('checkins', 0):,} check-ins"


@measure("unlock")
def measure_unlock(b: Bench) -> list[Figure]:
    """Core: LockedVault.open + unlock + what Today computes, minus the KDF; 1 year vs N years."""
    small, big = 1.0, b.years
    homes = {small: b.copy(small, "unlock-small"), big: b.copy(big, "unlock-big")}
    runs: dict[float, list[dict]] = {small: [], big: []}
    for i in b.runs():
        for years in (small, big) if i % 2 == 0 else (big, small):
            runs[years].append(_unlock_once(b, homes[years]))
    kept = {y: b.kept(r) for y, r in runs.items()}
    ratios = [bg["total"] / sm["total"] for sm, bg in zip(kept[small], kept[big])]
    cpu_ratios = [bg["cpu"] / sm["cpu"] for sm, bg in zip(kept[small], kept[big])]
    n_big, n_small = b.records(big), b.records(small)

    def col(years: float, key: str) -> list[float]:
        return [r[key] for r in kept[years]]

    parts = ", ".join(f"{k} {statistics.median(col(big, k)):.0f} ms" for k in ("open", "load", "today"))
    loads = [info(f"load_{small:g}y_ms", col(small, "total"), "ms", f"unlock→Today minus KDF, 1-year vault ({n_small:,})")]
    if big != small:
        loads.append(
            info(f"load_{big:g}y_ms", col(big, "total"), "ms", f"unlock→Today minus KDF, {big:g}-year vault ({n_big:,})")
        )
    return [
        judged(
            "unlock_to_today_ms",
            col(big, "total"),
            "ms",
            300,
            f"{big:g}-year vault ({record_counts(b, big)}), core API, KDF subtracted: {parts}",
        ),
        info(
            "unlock_to_today_cpu_ms",
            col(big, "cpu"),
            "ms",
            "the same in CPU time of the unlocking thread (minus the KDF's share): what a quiet machine would "
            "show, since this work is single-threaded",
        ),
        judged(
            "scaling",
            ratios,
            "x",
            10,
            f"unlock→Today minus KDF, {big:g}-year ({n_big:,}) / 1-year ({n_small:,}) vault, pairwise",
        ),
        info("scaling_cpu", cpu_ratios, "x", "the same in CPU time of the unlocking thread (KDF share subtracted)"),
        *loads,
    ]


@measure("app")
def measure_app(b: Bench) -> list[Figure]:
    """The real app in a fresh process: passphrase entered -> Today mounted, and its memory."""
    home = b.copy(b.years, "app")
    results = [b.probe("app-unlock", home)[-1] for _ in b.runs()]
    results = b.kept(results)
    return [
        judged(
            "unlock_to_today_app_ms",
            [ms(r["today_s"] - r["kdf_s"]) for r in results],
            "ms",
            300,
            f"real app (run_test, fresh process): enter pressed → Today mounted, KDF subtracted; "
            f"{b.years:g}-year vault ({record_counts(b, b.years)}); of which loading records in the worker "
            f"{statistics.median(ms(r['load_s']) for r in results):.0f} ms",
        ),
        info(
            "unlock_to_today_app_cpu_ms",
            [ms(r["unlock_cpu_s"]) for r in results],
            "ms",
            "the same in process CPU time (UI thread + unlock worker, minus a KDF's CPU): the two threads "
            "share the GIL, so a quiet machine shows about this much",
        ),
        judged(
            "rss_after_unlock_mb",
            [r["rss_mb"] for r in results],
            "MiB",
            150,
            f"VmRSS of the real app with Today shown, {b.years:g}-year vault ({record_counts(b, b.years)})",
        ),
        info("rss_before_unlock_mb", [r["rss_before_mb"] for r in results], "MiB", "VmRSS at the unlock screen"),
        info(
            "rss_peak_mb",
            [r["peak_mb"] for r in results],
            "MiB",
            f"VmHWM: includes Argon2id's working memory ({b.kdf} parameters), freed after unlock",
        ),
    ]


@measure("backup")
def measure_backup(b: Bench) -> list[Figure]:
    """The automatic backup made on the first unlock of each day (not in the figures above)."""
    samples = [ms(b.daily_backup(b.copy(b.years, "backup", backed_up=False))) for _ in b.runs()]
    size = (b.vault(b.years) / "vault.db").stat().st_size / 2**20
    return [
        info(
            "first_unlock_backup_ms",
            b.kept(samples),
            "ms",
            f"core.backups.daily_backup of the {b.years:g}-year vault ({size:.1f} MiB): SQLite online backup + fsync; "
            "added to the first unlock of each day only",
        )
    ]


@measure("core_rss")
def measure_core_rss(b: Bench) -> list[Figure]:
    """Core only, fresh process: what the data costs in memory, and a cold unlock."""
    home = b.copy(b.years, "core")
    results = b.kept([b.probe("core-unlock", home)[-1] for _ in b.runs()])
    return [
        info(
            "rss_data_mb",
            [r["rss_mb"] - r["rss_before_mb"] for r in results],
            "MiB",
            f"VmRSS growth from open + unlock + Today data (no TUI), {b.years:g}-year vault",
        ),
        info(
            "unlock_to_today_cold_ms",
            [ms(r["total_s"] - r["kdf_s"]) for r in results],
            "ms",
            "core, first unlock in a fresh process (includes first-use imports), KDF subtracted",
        ),
    ]


@measure("save")
def measure_save(b: Bench) -> list[Figure]:
    """One durable check-in save (MoodLog.add: validate, seal, one committed transaction)."""
    from companion_tui.core.moods.checkins import CheckInDraft
    from companion_tui.core.workspace import LockedVault
    from companion_tui.paths import Paths

    home = b.copy(b.years, "save")
    vault = LockedVault.open(Paths(home))
    ws = vault.unlock(b.secret, clock=b.clock)
    samples = []
    try:
        n = max(10, 4 * b.repeat) + b.warmup
        for i in range(n):
            draft = CheckInDraft(
                score=1 + i % 10,
                emotions=("calm", "tired"),
                energy=3,
                tags=("walk", "work"),
                note="A benchmark check-in. " * 5,
            )
            gc.collect()
            t0 = time.perf_counter()
            ws.moods.add(draft)
            samples.append(ms(time.perf_counter() - t0))
    finally:
        ws.close()
    kept = b.kept(samples)
    p90 = sorted(kept)[int(0.9 * (len(kept) - 1))]
    return [
        judged(
            "save_checkin_ms",
            kept,
            "ms",
            20,
            f"MoodLog.add on the {b.years:g}-year vault (WAL, synchronous=FULL), median of {len(kept)}; p90 {p90:.1f} ms",
        )
    ]


# -- report ------------------------------------------------------------------------------------


from benchmarks.bench_skills import measure_what_works  # noqa: E402 - issue 6

measure("what_works")(measure_what_works)

from benchmarks.bench_journal import measure_journal  # noqa: E402 - issue 5

measure("journal")(measure_journal)

from benchmarks.bench_goals import measure_goals  # noqa: E402 - issue 7

measure("goals")(measure_goals)

from benchmarks.bench_insights import measure_insights  # noqa: E402 - issue 4

measure("insights")(measure_insights)

from benchmarks.bench_keys import measure_keys  # noqa: E402 - key press -> frame drawn, in a real pty

measure("keys")(measure_keys)


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    import textual

    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "textual": textual.__version__,
        "commit": commit,
    }


def loadavg() -> float:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return float("nan")


def table(figures: list[Figure]) -> str:
    rows = [("figure", "value", "unit", "target", "met")]
    for f in figures:
        value = f"{f.value:.2f}" if f.unit == "x" else f"{f.value:.1f}"
        target = "—" if f.informational else f"{f.comparison} {f.target:g}"
        met = "info" if f.informational else ("yes" if f.met else "NO")
        rows.append((f.name, value, f.unit, target, met))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = []
    for j, r in enumerate(rows):
        lines.append(
            "  ".join(
                cell.rjust(widths[i]) if i in (1, 3) else cell.ljust(widths[i]) for i, cell in enumerate(r)
            ).rstrip()
        )
        if j == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown(figures: list[Figure]) -> str:
    lines = ["| figure | value | unit | target | met | how |", "|---|--:|---|--:|---|---|"]
    for f in figures:
        value = f"{f.value:.2f}" if f.unit == "x" else f"{f.value:.1f}"
        target = "—" if f.informational else f"≤ {f.target:g}"
        met = "info" if f.informational else ("**yes**" if f.met else "**NO**")
        lines.append(f"| `{f.name}` | {value} | {f.unit} | {target} | {met} | {f.detail} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=float, default=10, help="the big vault (default 10); scaling compares it with 1 year")
    parser.add_argument("--repeat", type=int, default=5, help="measured runs per figure (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="discarded runs before them (default 1)")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown here")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--end", type=date.fromisoformat, default=DEFAULT_END)
    parser.add_argument("--kdf", choices=sorted(KDF), default="floor", help="KDF of the generated vaults")
    parser.add_argument("--cache", type=Path, default=OUT_DIR, help=f"vault cache (default {OUT_DIR})")
    parser.add_argument("--only", help="comma-separated measures: " + ", ".join(n for n, _ in MEASURES))
    parser.add_argument("--skip", help="comma-separated measures not to run (e.g. keys, which takes minutes)")
    args = parser.parse_args(argv)

    chosen = MEASURES
    if args.only:
        wanted = [w.strip() for w in args.only.split(",") if w.strip()]
        unknown = sorted(set(wanted) - {n for n, _ in MEASURES})
        if unknown:
            parser.error(f"unknown measures {unknown}; known: {[n for n, _ in MEASURES]}")
        chosen = [(n, fn) for n, fn in MEASURES if n in wanted]
    if args.skip:
        skipped = {w.strip() for w in args.skip.split(",") if w.strip()}
        unknown = sorted(skipped - {n for n, _ in MEASURES})
        if unknown:
            parser.error(f"unknown measures {unknown}; known: {[n for n, _ in MEASURES]}")
        chosen = [(n, fn) for n, fn in chosen if n not in skipped]

    log = lambda msg: print(msg, file=sys.stderr, flush=True)
    bench = Bench(args.years, args.repeat, args.warmup, args.seed, args.end, args.kdf, args.cache.resolve(), log)
    load_start = loadavg()
    figures: list[Figure] = []
    started = time.perf_counter()
    try:
        for name, fn in chosen:
            t0 = time.perf_counter()
            got = fn(bench)
            figures.extend(got)
            log(f"{name}: {', '.join(f'{f.name}={f.value:.1f}' for f in got)} ({time.perf_counter() - t0:.1f} s)")
    finally:
        bench.close()

    info_ = machine()
    info_["loadavg_1min"] = {"start": load_start, "end": loadavg()}
    config = {
        "years": args.years,
        "repeat": bench.repeat,
        "warmup": bench.warmup,
        "seed": args.seed,
        "end": args.end.isoformat(),
        "kdf": args.kdf,
        "passphrase": passphrase_source(),
        "vaults": {f"{y:g}": {k: m[k] for k in ("counts", "first", "last", "kdf")} for y, m in bench.manifests.items()},
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(
        f"\ncompanion_tui benchmark — {args.years:g}-year vault, seed {args.seed}, kdf {args.kdf}, "
        f"median of {bench.repeat} (+{bench.warmup} warm-up)"
    )
    print(
        f"{info_['cpu']}, {info_['nproc']} CPUs, Python {info_['python']}, {info_['date']}, "
        f"load average {load_start:.2f} → {info_['loadavg_1min']['end']:.2f}"
    )
    if max(load_start, info_["loadavg_1min"]["end"]) > 0.5 * info_["nproc"]:
        print("warning: the machine was busy during this run; timings are inflated (ratios less so)")
    print()
    print(table(figures))
    missed = [f.name for f in figures if not f.met]
    print(f"\n{'targets missed: ' + ', '.join(missed) if missed else 'all targets met'}")
    if args.out:
        payload = {"machine": info_, "config": config, "figures": [f.to_json() for f in figures]}
        args.out.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    if args.markdown:
        args.markdown.write_text(markdown(figures) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
