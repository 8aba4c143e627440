"""A million-row .xlsx imported the way `make import` does it: time and peak memory.

Builds the demo town at 7× (≈1.02 M property-fee rows) in a scratch folder, writes the first
``--rows`` fee bills to an .xlsx as an office would send it (a merged title row above the
header, Chinese headers with units, every paid amount changed so the commit writes them),
then runs ``python -m scripts.data import`` under ``/usr/bin/time -v`` and prints the wall
time and the peak RSS as JSON. Targets (issue 24): ≤60 s and ≤1.5 GB. Never a test.

    .venv/bin/python -m scripts.bench_xlsx [--rows 1000000] [--dir /tmp/bench_xlsx]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq

from governance.contract import TABLES_BY_NAME
from governance.importer.workbooks import header_text

TABLE = "property_fees"


def write_workbook(fees_parquet: Path, out: Path, rows: int) -> None:
    """The fee bills as an .xlsx: title merged over the header, then one bill per row."""
    import xlsxwriter

    fees = pq.read_table(fees_parquet).slice(0, rows).to_pydict()
    columns = TABLES_BY_NAME[TABLE].columns
    # constant_memory: rows are written to disk as they come, a million rows in ~1/4 GB
    book = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    sheet = book.add_worksheet(TABLES_BY_NAME[TABLE].label_zh)
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.merge_range(0, 0, 0, len(columns) - 1, "芦潮港镇 物业费收缴明细（全镇）")
    for j, c in enumerate(columns):
        sheet.write_string(1, j, header_text(c))
    ids, communities = fees["household_id"], fees["community_id"]
    quarters, billed, paid = fees["quarter"], fees["billed_yuan"], fees["paid_yuan"]
    for i in range(len(ids)):
        r = i + 2
        sheet.write_string(r, 0, ids[i])
        sheet.write_string(r, 1, communities[i])
        sheet.write_datetime(r, 2, quarters[i], dates)
        # a yuan more billed (paid stays at or below it): every row is an update to commit,
        # and no amount jumps from its household's usual one
        sheet.write_number(r, 3, round(billed[i] + 1, 2))
        sheet.write_number(r, 4, paid[i])
    book.close()


def _peak(stderr: str) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) from ``/usr/bin/time -v``; CPU time is
    the figure to compare on a shared machine, where the wall time depends on the load."""
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    seconds = int(wall[1] or 0) * 3600 + int(wall[2]) * 60 + float(wall[3]) if wall else -1.0
    cpu = sum(float(m) for m in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", stderr))
    return seconds, cpu, int(rss[1]) / 1024 if rss else -1.0


# Issue 24's targets for the import of a million-row workbook.
TARGET_S = 60
TARGET_RSS_MB = 1536


def measure(rows: int, folder: Path, keep: bool = False, code: Path | None = None) -> dict:
    """Import ``rows`` fee bills from an .xlsx into a fresh copy of the 7x town (built, with
    the workbook, under ``folder`` unless ``keep`` finds them there); the figures as a dict."""
    code = code or Path(__file__).resolve().parents[1]
    town, data = folder / "town", folder / "data"
    book = folder / f"{TABLE}_{rows}.xlsx"
    if not (keep and book.exists()):
        from governance.demo_data import generate

        folder.mkdir(parents=True, exist_ok=True)
        generate(town, scale=7)
        began = time.perf_counter()
        write_workbook(town / f"{TABLE}.parquet", book, rows)
        print(f"workbook written in {time.perf_counter() - began:.1f} s: {book}", file=sys.stderr)
    # every run imports into a fresh copy of the town: the file is always a change to commit
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(town, data)
    command = [
        "/usr/bin/time",
        "-v",
        sys.executable,
        "-m",
        "scripts.data",
        "--data-dir",
        str(data.resolve()),
        "import",
        str(book.resolve()),
        f"--table={TABLE}",
        "--mode=upsert",
    ]
    load = os.getloadavg()[0]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=code.resolve())
    seconds, cpu, rss = _peak(done.stderr)
    return {
        "rows": rows,
        "xlsx_mb": round(book.stat().st_size / 1024**2, 1),
        "exit": done.returncode,
        "wall_s": round(seconds, 1),
        "cpu_s": round(cpu, 1),
        "peak_rss_mb": round(rss),
        "said": (done.stdout + done.stderr.split("\tCommand being timed")[0])
        .strip()
        .splitlines()[-12:],
        "load_before": round(load, 2),  # 1-minute load average as the import started
        "load_after": round(os.getloadavg()[0], 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/bench_xlsx"))
    parser.add_argument("--keep", action="store_true", help="reuse the town and workbook")
    parser.add_argument(
        "--code",
        type=Path,
        default=Path(__file__).resolve().parents[1],
        help="the checkout whose importer runs (another commit, to compare)",
    )
    args = parser.parse_args(argv)
    result = measure(args.rows, args.dir, args.keep, args.code)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return result["exit"]


if __name__ == "__main__":
    sys.exit(main())
