"""Hostile data, built in code: the fixture data set with one thing wrong.

Each builder writes the hand-made fixture (tests/fixture_data.py) into a folder and then
breaks it the way a careless clerk or an attacker would: an empty, truncated or random-bytes
Parquet file, a CSV with its columns in another order or one missing, a table with no rows,
a NULL name, an unknown reference, a duplicate key, a negative count, an infinite score.
"""

from __future__ import annotations

import copy
import csv
import random
from collections.abc import Callable
from pathlib import Path

from governance.contract import TABLES_BY_NAME
from tests import fixture_data

Rows = dict[str, list[tuple]]


def rows() -> Rows:
    """A deep copy of the fixture's rows, to change."""
    return copy.deepcopy(fixture_data.ROWS)


def write(folder: Path, data: Rows | None = None) -> Path:
    return fixture_data.write(folder, rows() if data is None else data)


def column_index(table: str, column: str) -> int:
    return [c.name for c in TABLES_BY_NAME[table].columns].index(column)


def with_cell(table: str, row: int, column: str, value: object) -> Rows:
    """The fixture with one cell changed."""
    data = rows()
    cells = list(data[table][row])
    cells[column_index(table, column)] = value
    data[table][row] = tuple(cells)
    return data


# ---- broken files ---------------------------------------------------------------------------


def empty_file(folder: Path, table: str) -> None:
    (folder / f"{table}.parquet").write_bytes(b"")


def truncated_file(folder: Path, table: str) -> None:
    path = folder / f"{table}.parquet"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def random_file(folder: Path, table: str) -> None:
    rng = random.Random(table)
    (folder / f"{table}.parquet").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))


BROKEN_FILES: dict[str, Callable[[Path, str], None]] = {
    "empty": empty_file,
    "truncated": truncated_file,
    "random": random_file,
}


def as_csv(
    folder: Path, table: str, order: list[str] | None = None, drop: str | None = None
) -> Path:
    """Replace ``table``'s Parquet file with a CSV of the same rows, columns in ``order``
    (default: the contract's), without column ``drop``."""
    names = [c.name for c in TABLES_BY_NAME[table].columns]
    order = order or names
    if drop:
        order = [c for c in order if c != drop]
    (folder / f"{table}.parquet").unlink()
    path = folder / f"{table}.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(order)
        for row in fixture_data.ROWS.get(table, []):
            values = dict(zip(names, row, strict=True))
            out.writerow(["" if values[c] is None else values[c] for c in order])
    return path


# ---- bad shapes (files that read, but whose content breaks the contract) -------------------


def no_rows(table: str) -> Rows:
    data = rows()
    data[table] = []
    return data


def null_community_name() -> Rows:
    return with_cell("communities", 0, "name_zh", None)


def unknown_company() -> Rows:
    return with_cell("communities", 0, "company_id", "P99")


def duplicate_community() -> Rows:
    data = rows()
    data["communities"].append(data["communities"][0])
    return data


def unknown_community_in_outcomes() -> Rows:
    return with_cell("outcomes", 0, "community_id", "C99")


def negative_outcome() -> Rows:
    return with_cell("outcomes", 0, "security_incidents", -5)


def infinite_outcome() -> Rows:
    column = next(
        c.name for c in TABLES_BY_NAME["outcomes"].columns if c.type == "DOUBLE" and c.max
    )
    return with_cell("outcomes", 0, column, float("inf"))


MARKDOWN_NAME = "[点击这里重新登录](https://evil.example/login)"
IMAGE_NAME = "![x](https://evil.example/pixel.png)"
# Plotly draws <a href> in chart text as a link: a name must not become one there either.
ANCHOR_NAME = '<a href="https://evil.example/a">丙村</a>'


def markdown_names() -> Rows:
    """Community names that are Markdown (a link, an image) and HTML (an image, a link)."""
    data = with_cell("communities", 0, "name_zh", MARKDOWN_NAME)
    cells = list(data["communities"][1])
    cells[column_index("communities", "name_zh")] = IMAGE_NAME
    cells[column_index("communities", "name_en")] = "<img src=https://evil.example/e.png>"
    data["communities"][1] = tuple(cells)
    return with_cell_of(data, "communities", 2, "name_zh", ANCHOR_NAME)


def with_cell_of(data: Rows, table: str, row: int, column: str, value: object) -> Rows:
    cells = list(data[table][row])
    cells[column_index(table, column)] = value
    data[table][row] = tuple(cells)
    return data
