"""The wait-estimate benchmark runs end to end on a tiny day (its figures are not judged here)."""

from __future__ import annotations

import re

from bench import estimate_accuracy


def test_tiny_day_prints_the_figures_of_both_estimates(capsys):
    estimate_accuracy.main(
        ["--seeds", "1", "--days", "2", "--scenario", "shared-modules", "--tickets", "24"]
    )
    out = capsys.readouterr().out
    assert out.startswith("shared-modules:")
    rows = {
        m.group(1): int(m.group(2))
        for m in re.finditer(r"^\s+(estimate|naive|1st day)\s+n=\s*(\d+)\s+within 5 min", out, re.M)
    }
    # The second day was measured (with the first day's history), the first day beside it.
    assert set(rows) == {"estimate", "naive", "1st day"}
    assert rows["estimate"] == rows["naive"] > 0 and rows["1st day"] > 0
    assert re.search(r"goal \(>= 80 % within 5 min, \|mean\| <= 2 min\): (meets|MISSES)", out)


def test_figures_of_known_pairs():
    # said, actual, low, high: errors -1, +4, -10 -> two of three within 5 minutes.
    f = estimate_accuracy.Figures.of(
        [(9.0, 10.0, 5.0, 15.0), (14.0, 10.0, 10.0, 20.0), (0.0, 10.0, 0.0, 5.0)]
    )
    assert f.n == 3
    assert f.within == 2 / 3
    assert f.mean_error == -7 / 3
    assert f.p90_abs == 10.0
    assert f.in_range == 2 / 3
    assert not f.meets_goal()
