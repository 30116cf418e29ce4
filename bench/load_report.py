"""The load benchmark's report: the figures as JSON, and as a table with PASS/FAIL."""

from __future__ import annotations

import math
from typing import Any

import psutil

try:
    from bench.load_run import Options, Run
    from bench.load_shape import summary_ms
except ImportError:  # run as a script: bench/ is on the path, not its parent
    from load_run import Options, Run  # type: ignore[no-redef]
    from load_shape import summary_ms  # type: ignore[no-redef]

# The issue's targets on the reference 2-core machine with SQLite.
TARGET_CALL_EVENT_P99_MS = 25.0
TARGET_ISSUE_P99_MS = 20.0
TARGET_ISSUES_PER_S = 300.0
TARGET_RSS_MB = 150.0


def verdict(ok: bool | None) -> str:
    """PASS, FAIL or n/a."""
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def _targets(
    issue: dict[str, Any], event: dict[str, Any], rate: float, rss_peak: float, run: Run
) -> dict[str, dict[str, Any]]:
    fig = run.fig
    targets = {
        "call_to_event_p99_ms": (
            TARGET_CALL_EVENT_P99_MS,
            event["p99_ms"] <= TARGET_CALL_EVENT_P99_MS if event["n"] else None,
        ),
        "issue_p99_ms": (
            TARGET_ISSUE_P99_MS,
            issue["p99_ms"] <= TARGET_ISSUE_P99_MS if issue["n"] else None,
        ),
        "issues_per_s": (
            TARGET_ISSUES_PER_S,
            rate >= TARGET_ISSUES_PER_S if fig.issued_burst else None,
        ),
        "server_rss_mb": (TARGET_RSS_MB, rss_peak <= TARGET_RSS_MB if fig.rss else None),
    }
    return {k: {"target": t, "result": verdict(ok)} for k, (t, ok) in targets.items()}


def build_report(opts: Options, run: Run) -> dict[str, Any]:
    """The run's figures as one JSON-able dictionary."""
    fig = run.fig
    c2e, missing = run.call_to_event()
    for _ in range(min(missing, 1)):
        fig.error("call_event_missing", f"{missing} display-call pairs without an event")
    issue = summary_ms(fig.issue_day)
    event = summary_ms(c2e)
    rate = fig.issued_burst / fig.burst_window_s if fig.burst_window_s else 0.0
    rss_peak = max(fig.rss, default=0) / 2**20
    return {
        "database": opts.db,
        "centre": str(opts.config),
        "tickets": opts.tickets,
        "modules": len(run.modules),
        "displays": opts.displays,
        "kiosks": opts.kiosks,
        "duration_s": opts.duration_s,
        "compression": run.compression,
        "issue_day": issue,
        "call_next": summary_ms(fig.call),
        "other_actions": summary_ms(fig.other_actions),
        "call_to_event": event,
        "issue_burst": summary_ms(fig.issue_burst),
        "login": summary_ms(fig.login),
        "issues_per_s": rate,
        "issued_day": fig.issued_day,
        "issued_burst": fig.issued_burst,
        "not_issued_in_time": fig.not_issued,
        "retried_requests": fig.retries,
        "day_issue_rate": fig.issued_day / fig.day_window_s if fig.day_window_s else 0.0,
        "calls": len(fig.call),
        "ended": fig.ended,
        "no_shows": fig.no_shows,
        "empty_calls": fig.empty_calls,
        "drain_s": fig.drain_s,
        "left_waiting": fig.left_waiting,
        "refusals": dict(fig.refusals),
        "events_per_display": [d.frames for d in run.displays],
        "server_rss_mb": {
            "idle": fig.rss_idle / 2**20,
            "peak": rss_peak,
            "end": (fig.rss[-1] / 2**20) if fig.rss else math.nan,
        },
        "cpu_cores": fig.cpu,
        "load_average": list(psutil.getloadavg()),
        "client_loop_lag": summary_ms(fig.loop_lag),
        "targets": _targets(issue, event, rate, rss_peak, run),
        "errors": dict(fig.errors),
        "error_examples": fig.error_examples,
    }


def _ms(v: float) -> str:
    """A latency cell."""
    return "-" if math.isnan(v) else f"{v:8.1f} ms"


def _print_latencies(rep: dict[str, Any]) -> None:
    print(f"{'latency':34} {'n':>7} {'p50':>11} {'p99':>11} {'max':>11}")
    for key, label in (
        ("issue_day", "issue (day phase)"),
        ("call_next", "call-next"),
        ("other_actions", "start / finish / recall / no-show"),
        ("call_to_event", "call -> ticket.called at display"),
        ("issue_burst", "issue (burst phase)"),
        ("login", "staff login (setup)"),
        ("client_loop_lag", "bench client loop lag"),
    ):
        s = rep[key]
        print(
            f"{label:34} {s['n']:>7} {_ms(s['p50_ms']):>11} {_ms(s['p99_ms']):>11} "
            f"{_ms(s['max_ms']):>11}"
        )


def _print_phases(rep: dict[str, Any]) -> None:
    rss = rep["server_rss_mb"]
    print(
        f"day phase:   {rep['issued_day']} issued ({rep['day_issue_rate']:.1f}/s), "
        f"{rep['calls']} called, {rep['ended']} ended ({rep['no_shows']} no-shows), "
        f"{rep['empty_calls']} empty calls, drained in {rep['drain_s']:.1f} s, "
        f"{rep['left_waiting']} left waiting"
    )
    if rep["not_issued_in_time"]:
        print(
            f"WARNING:     {rep['not_issued_in_time']} arrivals were not issued: the server fell "
            "too far behind the arrivals and the day phase was cut short"
        )
    print(f"burst phase: {rep['issued_burst']} issued, {rep['issues_per_s']:.1f} issues/s")
    frames = rep["events_per_display"]
    if frames:
        print(f"displays:    {min(frames)}-{max(frames)} frames each")
    print(
        f"server:      RSS idle {rss['idle']:.1f} MB, peak {rss['peak']:.1f} MB, "
        f"end {rss['end']:.1f} MB"
    )


def _print_machine(rep: dict[str, Any]) -> None:
    for phase, cpu in rep["cpu_cores"].items():
        print(
            f"CPU ({phase}):{' ' * (9 - len(phase))}server {cpu['server']:.2f} cores, "
            f"bench client {cpu['client']:.2f}, other processes {cpu['others']:.2f} "
            f"(of {psutil.cpu_count()})"
        )
    busy = max((c["others"] for c in rep["cpu_cores"].values()), default=0.0)
    if busy > 0.15:
        print(
            f"WARNING:     other processes used up to {busy:.2f} cores during the run; "
            "the figures are pessimistic. Run again on an idle machine."
        )
    if rep["retried_requests"]:
        print(f"retries:     {rep['retried_requests']} requests sent again after no answer")
    if rep["refusals"]:
        print(f"refusals:    {rep['refusals']}")


def _print_targets(rep: dict[str, Any]) -> None:
    t = rep["targets"]
    rows = (
        (
            "call -> event p99",
            f"{rep['call_to_event']['p99_ms']:.1f} ms",
            f"<= {t['call_to_event_p99_ms']['target']:.0f} ms",
            t["call_to_event_p99_ms"],
        ),
        (
            "issue p99",
            f"{rep['issue_day']['p99_ms']:.1f} ms",
            f"<= {t['issue_p99_ms']['target']:.0f} ms",
            t["issue_p99_ms"],
        ),
        (
            "sustained issues/s",
            f"{rep['issues_per_s']:.0f} /s",
            f">= {t['issues_per_s']['target']:.0f} /s",
            t["issues_per_s"],
        ),
        (
            "server RSS peak",
            f"{rep['server_rss_mb']['peak']:.0f} MB",
            f"<= {t['server_rss_mb']['target']:.0f} MB",
            t["server_rss_mb"],
        ),
    )
    print(f"{'target':22} {'measured':>12} {'target':>12}  result")
    for name, measured, target, res in rows:
        print(f"{name:22} {measured:>12} {target:>12}  {res['result']}")


def print_report(rep: dict[str, Any]) -> None:
    """The figures as a table, targets and PASS/FAIL last."""
    print()
    print(
        f"MAC Turnos load benchmark - {rep['database']}, {rep['tickets']} tickets, "
        f"{rep['modules']} modules, {rep['displays']} displays, {rep['kiosks']} kiosks"
    )
    print(
        f"day compressed into {rep['duration_s']:.0f} s (x{rep['compression']:.0f}), "
        f"centre {rep['centre']}"
    )
    print()
    _print_latencies(rep)
    print()
    _print_phases(rep)
    _print_machine(rep)
    print()
    _print_targets(rep)
    if rep["errors"]:
        print()
        print(f"ERRORS: {rep['errors']}")
        for ex in rep["error_examples"]:
            print(f"  {ex}")
