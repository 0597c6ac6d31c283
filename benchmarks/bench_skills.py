"""Benchmark figures for issue 6 (registered in benchmarks.run).

``what_works_ms`` (target ≤ 50 ms): on the 10-year vault, already unlocked, everything the
What works tab computes — the statistics for every practised skill (sorting the practices
newest first included), each skill's verdict, and the before/after series of the first
(most helpful) skill — plus Today's suggested skill.
"""

from __future__ import annotations

import time

TARGET_MS = 50


def measure_what_works(b) -> list:
    from benchmarks.run import info, judged, ms
    from companion_tui.core.skills.what_works import series, suggest, what_works
    from companion_tui.core.workspace import LockedVault
    from companion_tui.paths import Paths

    home = b.copy(b.years, "what-works")
    vault = LockedVault.open(Paths(home))
    try:
        ws = vault.unlock(b.secret, clock=b.clock)
        log = ws.practices
        samples = []
        n = len(log)
        for _ in b.runs():
            log._sorted = None  # measure the sort too, as after a save
            t0 = time.perf_counter()
            practices = log.newest_first()
            stats = what_works(practices)
            verdicts = [s.verdict() for s in stats]
            points = series(practices, stats[0].skill_id) if stats else []
            suggest(practices, [s.id for s in ws.skills.all()], b.today)
            samples.append(ms(time.perf_counter() - t0))
        ws.lock()
    finally:
        vault.close()
    kept = b.kept(samples)
    detail = (f"{n:,} practices, {len(stats)} skills: statistics, {len(verdicts)} verdicts, a {len(points)}-point "
              "before/after series and Today's suggestion")
    return [judged("what_works_ms", kept, "ms", TARGET_MS, detail),
            info("practices_count", [float(n)] * len(kept), "practices", f"in the {b.years:g}-year vault")]
