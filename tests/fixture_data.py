"""A tiny hand-made data set, built in code, whose every figure the tests compute by hand.

Two communities and a village over five quarters (2010Q2-2011Q2). Every contract table gets a
file with the contract's column types, empty where the fixture has no rows.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from governance.contract import TABLES

Q = [date(2010, 4, 1), date(2010, 7, 1), date(2010, 10, 1), date(2011, 1, 1), date(2011, 4, 1)]

COMMUNITIES = [
    # id, zh, en, kind, move-in, population, households, area, company
    ("C01", "甲社区", "Jia", "社区", 2005, 1000, 400, 30000.0, "P01"),
    ("C02", "乙社区", "Yi", "社区", 2008, 3000, 1000, 60000.0, "P02"),
    ("V01", "丙村", "Bing", "村", 2003, 500, 200, 0.0, None),
]


def _outcomes() -> list[tuple]:
    rows = []
    # incidents fall by one a quarter in C01, petitions likewise; scores rise by one.
    for i, q in enumerate(Q):
        rows.append(("C01", q, 6 - i, 10 - i, 2, 5, 70.0 + i, 80.0, 60.0, 70.0 + i))
        rows.append(("C02", q, 3, 4, 1, 1, 80.0, 80.0, 60.0, 80.0))
        rows.append(("V01", q, 1, 0, 0, 0, 60.0, 70.0, 50.0, 60.0))
    return rows


ROWS: dict[str, list[tuple]] = {
    "property_companies": [("P01", "甲物业", "Company A"), ("P02", "乙物业", "Company B")],
    "communities": COMMUNITIES,
    "buildings": [("B1", "C01", 30000.0), ("B2", "C02", 60000.0)],
    "stairwells": [("S1", "B1", "C01", 200), ("S2", "B1", "C01", 200), ("S3", "B2", "C02", 1000)],
    "households": [
        ("H1", "C01", "S1", 3),
        ("H2", "C01", "S1", 2),
        ("H3", "C01", "S2", 4),
        ("H4", "C01", "S2", 1),
        ("H5", "C02", "S3", 2),
        ("H6", "C02", "S3", 3),
        ("H7", "V01", None, 5),
    ],
    "targets": [
        ("fee_collection_rate", None, 60.0),
        ("fee_collection_rate", "C02", 40.0),
        ("star3_share", None, 90.0),
        ("incident_rate", None, 10.0),
        ("issue_resolution_rate", None, 80.0),
        ("participation_per_1000", None, 100.0),
    ],
    "outcomes": _outcomes(),
    "meeting_issues": [
        # C01 2011Q2: 3 raised, 2 resolved; C02 2011Q2: 1 raised, resolved.
        ("I1", "M1", "C01", "乱停车", date(2011, 4, 5), date(2011, 4, 20)),
        ("I2", "M1", "C01", "违章搭建", date(2011, 4, 5), None),
        ("I3", "M1", "C01", "乱停车", date(2011, 4, 5), date(2011, 5, 1)),
        ("I4", "M2", "C02", "毁绿踩踏", date(2011, 5, 10), date(2011, 5, 12)),
        ("I5", "M3", "C01", "乱停车", date(2011, 1, 10), None),
    ],
    "joint_meetings": [
        ("M1", "C01", date(2011, 4, 5), 6),
        ("M2", "C02", date(2011, 5, 10), 4),
        ("M3", "C01", date(2011, 1, 10), 5),
    ],
    "patrols": [
        ("PT1", "C01", date(2011, 4, 2), 3, 12, 4, 3),
        ("PT2", "C02", date(2011, 5, 2), 2, 8, 0, 0),
    ],
    "property_fees": [
        # 2011Q2: C01 has 4 billed, 3 paid in full (H4 paid part); C02 2 billed, none paid.
        ("H1", "C01", Q[4], 100.0, 100.0),
        ("H2", "C01", Q[4], 100.0, 100.0),
        ("H3", "C01", Q[4], 100.0, 120.0),
        ("H4", "C01", Q[4], 100.0, 50.0),
        ("H5", "C02", Q[4], 200.0, 0.0),
        ("H6", "C02", Q[4], 200.0, 0.0),
        # 2011Q1: C01 1 of 4, C02 1 of 2.
        ("H1", "C01", Q[3], 100.0, 100.0),
        ("H2", "C01", Q[3], 100.0, 0.0),
        ("H3", "C01", Q[3], 100.0, 0.0),
        ("H4", "C01", Q[3], 100.0, 0.0),
        ("H5", "C02", Q[3], 200.0, 200.0),
        ("H6", "C02", Q[3], 200.0, 0.0),
    ],
    "property_assessments": [
        ("P01", "C01", Q[4], 90.0, 80.0, 70.0, 78.0, 30000.0),
        ("P02", "C02", Q[4], 80.0, 90.0, 90.0, 88.0, 60000.0),
    ],
    "activities": [
        ("A1", "C01", date(2011, 4, 9), "文化广场", "文艺", "一居一品", 150),
        ("A2", "C01", date(2011, 5, 9), "居民学校", "讲座", "无", 50),
        ("A3", "C02", date(2011, 6, 9), "文化中心", "体育", "无", 60),
    ],
    "stairwell_ratings": [
        ("S1", "C01", date(2011, 6, 30), 3),
        ("S2", "C01", date(2011, 6, 30), 2),
        ("S3", "C02", date(2011, 6, 30), 5),
        ("S1", "C01", date(2011, 3, 31), 2),
        ("S2", "C01", date(2011, 3, 31), 2),
        ("S3", "C02", date(2011, 3, 31), 3),
    ],
    "volunteers": [
        ("V1", "H1", "C01", "治安巡逻员", date(2010, 5, 1)),
        ("V2", "H1", "C01", "卫生巡查员", date(2011, 5, 1)),
        ("V3", "H5", "C02", "矛盾调解员", date(2011, 5, 1)),
    ],
    "mediations": [
        ("D1", "C01", date(2011, 4, 1), True),
        ("D2", "C01", date(2011, 4, 2), False),
        ("D3", "V01", date(2011, 6, 2), True),
    ],
}


def activities_a_quarter_earlier() -> dict[str, list[tuple]]:
    """The fixture with its three activities a quarter earlier (2011-01-09, 02-09, 03-09):
    2011Q2, the last quarter, has no activity anywhere in the town, so participation per
    1,000 residents has no value there (no data; at 2011Q1 C01 200, C02 20, the town
    260 / 4.5 = 57.8), while the other three platforms keep theirs."""
    rows = {name: list(table) for name, table in ROWS.items()}
    rows["activities"] = [
        (a, c, d.replace(month=d.month - 3), *rest) for a, c, d, *rest in ROWS["activities"]
    ]
    return rows


AHEAD = date(2021, 10, 1)


def outcomes_running_ahead() -> dict[str, list[tuple]]:
    """The fixture with one mistyped outcomes row for C01 in 2021Q4 (C01's 2011Q2 figures):
    the quarters of the data become 2010Q2-2011Q2 and 2021Q4, while the data date (the
    latest dated record, the stairwell rating round of 2011-06-30) stays in 2011Q2."""
    rows = {name: list(table) for name, table in ROWS.items()}
    last = next(r for r in ROWS["outcomes"] if r[0] == "C01" and r[1] == Q[-1])
    rows["outcomes"] = [*ROWS["outcomes"], ("C01", AHEAD, *last[2:])]
    return rows


# Contract types as Arrow types, so the files carry exactly the contract's column types.
ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "DOUBLE": pa.float64(),
    "DATE": pa.date32(),
    "BOOLEAN": pa.bool_(),
}


def write(folder: Path, rows: dict[str, list[tuple]] | None = None) -> Path:
    """Write every contract table to ``folder`` as Parquet; returns the folder."""
    rows = ROWS if rows is None else rows
    folder.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        data = rows.get(table.name, [])
        schema = pa.schema([(c.name, ARROW_TYPES[c.type]) for c in table.columns])
        columns = list(zip(*data, strict=True)) if data else [[] for _ in table.columns]
        arrow = pa.table(
            [pa.array(list(col), type=f.type) for col, f in zip(columns, schema, strict=True)],
            schema=schema,
        )
        pq.write_table(arrow, folder / f"{table.name}.parquet")
    return folder
