"""``make bench`` "replicas" section: the same load through nginx to 1 and to 2 replicas.

50 concurrent sessions speak Streamlit's websocket protocol (``scripts.bench.session_load``)
to the proxy of ``scripts.serve`` — on the overview and on one platform page — first with one
replica behind it, then with two, in the same run on the same data. Each session's websocket
arrives without a cookie, so nginx's affinity key is random per session and the sessions spread
over the replicas as browsers would. Printed: runs/s, p95, failed sessions, the ratio of two
replicas' throughput to one's, and each replica's resident memory after the load.

Run alone: ``python -m scripts.bench_replicas [--sessions 50] [--seconds 30]``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from scripts import serve
from scripts.bench import data_for, session_load

PAGES = (("", "overview"), ("longterm", "longterm"))
LOAD_NOTE = (
    "  (load: the 1-minute load average after each measure; on a machine doing other work the\n"
    "   replicas share the cores with it and the ratio says little)"
)


def rss_mb(pid: int) -> float:
    """Resident memory of one process in MB (VmRSS), NaN when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def measure(
    data_dir: Path, replica_counts: tuple[int, ...], sessions: int, seconds: float
) -> list[dict[str, object]]:
    """One row per (replicas, page): runs_per_s, p95_ms, failed, rss_mb (one per replica)."""
    rows = []
    for n in replica_counts:
        with tempfile.TemporaryDirectory(prefix="governance-bench-serve-") as state:
            env = {"GOVERNANCE_DATA_DIR": str(data_dir), "GOVERNANCE_STATE_DIR": state}
            with serve.running(
                n, work_dir=Path(state) / "serve", env=env, listen_address="127.0.0.1"
            ) as dep:
                for page_name, label in PAGES:
                    result = session_load(dep.base, page_name, sessions, seconds)
                    result["load_avg"] = os.getloadavg()[0]  # others' work skews the figures
                    rows.append(
                        {
                            "replicas": n,
                            "page": label,
                            **result,
                            "rss_mb": [rss_mb(r.proc.pid) for r in dep.replicas],
                        }
                    )
    return rows


def report(data_dir: Path, sessions: int = 50, seconds: float = 30.0) -> list[dict[str, object]]:
    """Measure 1 and 2 replicas and print the section; returns the rows."""
    print(
        f"\n== replicas: {sessions} sessions through nginx, {seconds:.0f} s per page ==", flush=True
    )
    rows = measure(data_dir, (1, 2), sessions, seconds)
    print(
        f"  {'replicas':<10}{'page':<11}{'runs/s':>8}{'p95 ms':>9}{'failed':>8}{'load':>6}"
        "  memory per replica (MB)"
    )
    for r in rows:
        mem = ", ".join(f"{m:.0f}" for m in r["rss_mb"])  # type: ignore[union-attr]
        print(
            f"  {r['replicas']:<10}{r['page']:<11}{r['runs_per_s']:>8.1f}{r['p95_ms']:>9.0f}"
            f"{r['failed']:>8}{r['load_avg']:>6.1f}  {mem}",
            flush=True,
        )
    for _, label in PAGES:
        one, two = (
            next(r for r in rows if r["page"] == label and r["replicas"] == n) for n in (1, 2)
        )
        ratio = two["runs_per_s"] / one["runs_per_s"] if one["runs_per_s"] else float("nan")  # type: ignore[operator]
        print(
            f"  {label}: 2 replicas give {ratio:.2f}x the throughput of 1 (aim on 2 cores: 1.6x)",
            flush=True,
        )
    print(f"{LOAD_NOTE} — {os.cpu_count()} cores here", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()
    report(data_for(args.scale), args.sessions, args.seconds)


if __name__ == "__main__":
    main()
