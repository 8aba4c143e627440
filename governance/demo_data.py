"""Deterministic demo data for the four-platforms dashboard, calibrated to FACTS.md part 1.

Writes one Parquet file per table of ``governance.contract`` into an output directory::

    python -m governance.demo_data --out platform_data [--seed 20111226] [--scale 1]

or, from Python, ``generate(Path("platform_data"))`` which returns ``{table: row count}``.

The town at scale 1 is the town of the report: 7 communities and 1 village, 29,800 residents,
800,000 m2 of resettlement housing, 1,000 stairwells, fee collection rising from under 20% to
about 60%, stairwells at three stars or more rising from exactly 46.0% to exactly 92.6%, 30
social teams, three honours, and the "three decreases, four increases" in the outcomes.

At scale N the town is N copies of that structure. Copy k draws from its own random streams
(``default_rng([seed, k, crc32(stream name)])``), so copy 0 of any scale has the draws of the
scale-1 town, and ids continue the numbering from copy to copy (id widths grow only when the
numbers need it). Nothing else depends on the scale, so the scale-1 output never changes when
the scaling code is tuned.

Files are byte-identical for the same seed and scale: one DuckDB thread, rows sorted by the
table key, every column cast to its contract type. No personal names anywhere: households and
volunteers are ids only; every place and unit name is invented and generic.
"""

from __future__ import annotations

import argparse
import math
import time
import zlib
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from governance import contract
from governance.contract import DATA_AS_OF, GRID_CATEGORIES, TABLES, Table, table
from governance.db import base_macros_text, base_view_text
from governance.indicators import INDICATORS

DEFAULT_SEED = 20111226

START = np.datetime64("2008-07-01", "D")
AS_OF = np.datetime64(DATA_AS_OF, "D")
QUARTERS = np.arange("2008-07", "2011-11", 3, dtype="datetime64[M]").astype("datetime64[D]")
MONTHS = np.arange("2008-07", "2012-01", dtype="datetime64[M]")
N_Q = len(QUARTERS)  # 14
N_M = len(MONTHS)  # 42
Q_T = np.linspace(0.0, 1.0, N_Q)  # progress through the period, per quarter
M_T = np.linspace(0.0, 1.0, N_M)  # ... per month
RATING_ROUNDS = np.array(
    ["2010-09-30", "2010-12-31", "2011-03-31", "2011-06-30", "2011-09-30", "2011-12-20"],
    dtype="datetime64[D]",
)

# ---- calibration (per copy of the base town) -------------------------------------------------
POPULATION = 29_800
RESETTLEMENT_AREA = 800_000  # m2 over the 7 communities
STAIRWELLS = 1_000
STAR3_FIRST, STAR3_LAST = 460, 926  # stairwells at >= 3 stars, first and last round
N_TEAMS = 30
PERSONS_PER_HOUSEHOLD = 2.75
REWARD_RATE = 0.1  # yuan per m2 per month, paid quarterly
REWARD_MONTHS = 3
VILLAGE = 7  # unit index of the village inside a copy (0..6 are the communities)
VILLAGE_CODE = 1_000_000  # community codes >= this are villages (V01 = 1_000_001)

COMMUNITIES = (
    ("海港社区", "Haigang Community"),
    ("芦苑社区", "Luyuan Community"),
    ("新港社区", "Xingang Community"),
    ("滨海社区", "Binhai Community"),
    ("潮和社区", "Chaohe Community"),
    ("彩虹社区", "Caihong Community"),
    ("东滩社区", "Dongtan Community"),
)
VILLAGE_NAME = ("渔港村", "Yugang Village")
# 一张图: a schematic layout (示意图) of the seven communities and the village, placed roughly
# as the town sits — the communities inland, the fishing village by the harbour to the south-
# east — and never passed off as real boundaries (``schematic`` is true on every row). Outer
# rings in (longitude, latitude), counter-clockwise (RFC 7946), closed when written. Copy k of
# a scaled town is the same layout moved east (and south every ten copies).
SCHEMATIC_SHAPES = (
    (
        (121.862, 30.8909),
        (121.8589, 30.9137),
        (121.8236, 30.9124),
        (121.8217, 30.887),
        (121.8544, 30.8833),
    ),
    ((121.894, 30.8889), (121.8978, 30.9151), (121.8615, 30.9138), (121.8645, 30.8915)),
    ((121.8966, 30.8892), (121.9361, 30.8814), (121.919, 30.9159), (121.9004, 30.9152)),
    (
        (121.8539, 30.8811),
        (121.8215, 30.8849),
        (121.8206, 30.8721),
        (121.8379, 30.8514),
        (121.8573, 30.8653),
    ),
    (
        (121.8563, 30.8818),
        (121.8598, 30.8657),
        (121.8824, 30.8579),
        (121.8883, 30.8624),
        (121.8899, 30.8846),
        (121.8638, 30.8894),
    ),
    ((121.8909, 30.8628), (121.932, 30.858), (121.9373, 30.8789), (121.8956, 30.8872)),
    (
        (121.8589, 30.8636),
        (121.8394, 30.8496),
        (121.8473, 30.8402),
        (121.88, 30.8321),
        (121.8813, 30.8559),
    ),
    (
        (121.8839, 30.8561),
        (121.8824, 30.8315),
        (121.9271, 30.8383),
        (121.9315, 30.8559),
        (121.8899, 30.8607),
    ),
)
SHAPES_STEP = (0.14, 0.1)  # degrees east per copy, south per ten copies


def schematic_geometry(unit: int, copy: int = 0) -> str:
    """The schematic outline of ``unit`` (0..6 the communities, 7 the village) in copy
    ``copy`` of the town, as the GeoJSON text ``community_shapes`` holds."""
    dx, dy = (copy % 10) * SHAPES_STEP[0], -(copy // 10) * SHAPES_STEP[1]
    ring = [(round(x + dx, 4), round(y + dy, 4)) for x, y in SCHEMATIC_SHAPES[unit]]
    points = ",".join(f"[{x},{y}]" for x, y in [*ring, ring[0]])
    return f'{{"type":"Polygon","coordinates":[[{points}]]}}'


COMPANIES = (
    ("甲物业", "Company A"),
    ("乙物业", "Company B"),
    ("丙物业", "Company C"),
    ("丁物业", "Company D"),
)
# Partner units of one copy: (name_zh, name_en, kind, communities paired with).
PARTNERS = (
    ("同盛公司", "Tongsheng Company", "企业", 2),
    ("海洋大学", "Ocean University", "高校", 2),
    ("海军某部", "Navy Unit", "部队", 1),
    ("空军某部", "Air Force Unit", "部队", 1),
    ("海防部队", "Coastal Defence Unit", "部队", 1),
    ("边防派出所", "Border Police Station", "公安", 1),
    ("芦潮港派出所", "Luchaogang Police Station", "公安", 2),
)
TEAM_KINDS_EN = {
    "风筝队": "Kite Team",
    "晨练队": "Morning Exercise Team",
    "书画班": "Calligraphy and Painting Class",
    "舞蹈队": "Dance Team",
    "合唱队": "Choir",
    "戏曲队": "Opera Troupe",
    "太极拳队": "Tai Chi Team",
    "编织组": "Knitting Group",
}
HONOURS = (
    ("全国农村成人教育先进集体", "National Advanced Collective in Rural Adult Education", "全国"),
    (
        "上海市推进学习型社会建设先进单位",
        "Shanghai Advanced Unit in Building a Learning Society",
        "上海市",
    ),
    ("上海市社区教育示范镇", "Shanghai Model Town for Community Education", "上海市"),
)
HONOUR_YEARS = (2009, 2010, 2011)

# Id columns hold integers while generating; they are formatted (prefix + zero padding) when
# written. (table, column) first, then column; widths grow with the numbers at larger scales.
ID_FORMATS: dict[tuple[str, str] | str, tuple[str, int]] = {
    "company_id": ("P", 2),
    "building_id": ("B", 4),
    "stairwell_id": ("S", 4),
    "household_id": ("H", 6),
    "partner_id": ("PU", 2),
    "contribution_id": ("PC", 4),
    "member_id": ("CM", 3),
    "patrol_id": ("PT", 5),
    "inspection_id": ("SI", 4),
    "activity_id": ("AC", 5),
    "team_id": ("T", 2),
    "training_id": ("TR", 4),
    "honour_id": ("HN", 2),
    "election_id": ("EL", 3),
    "volunteer_id": ("VL", 6),
    "issue_id": ("JI", 4),
    ("joint_meetings", "meeting_id"): ("JM", 4),
    ("meeting_issues", "meeting_id"): ("JM", 4),
    ("three_meetings", "meeting_id"): ("TM", 4),
    ("grid_cases", "case_id"): ("GC", 5),
    ("mediations", "case_id"): ("MD", 4),
}

Columns = dict[str, object]  # column -> numpy array, or (array, null mask)


# ---- small helpers ---------------------------------------------------------------------------
def _rng(seed: int, copy: int, stream: str) -> np.random.Generator:
    return np.random.default_rng([seed, copy, zlib.crc32(stream.encode())])


def _apportion(total: int, weights: Sequence[float] | np.ndarray) -> np.ndarray:
    """Integers proportional to weights that sum exactly to total (largest remainder)."""
    w = np.asarray(weights, dtype=float)
    exact = total * w / w.sum()
    out = np.floor(exact).astype(np.int64)
    rest = int(total - out.sum())
    out[np.argsort(-(exact - out), kind="stable")[:rest]] += 1
    return out


def _sizes(rng: np.random.Generator, n: int, total: int, top: int = 8) -> np.ndarray:
    """n household sizes in 1..top (shifted Poisson) that sum exactly to total."""
    sizes = np.clip(1 + rng.poisson(total / n - 1, n), 1, top)
    while (diff := total - int(sizes.sum())) != 0:
        room = np.flatnonzero(sizes < top) if diff > 0 else np.flatnonzero(sizes > 1)
        pick = rng.choice(room, min(abs(diff), len(room)), replace=False)
        sizes[pick] += 1 if diff > 0 else -1
    return sizes


def _round(x: np.ndarray | float, nd: int = 1) -> np.ndarray:
    return np.round(np.asarray(x, dtype=float), nd)


def _date_t(dates: np.ndarray) -> np.ndarray:
    """Progress through the period (0 at 2008-07-01, 1 at DATA_AS_OF) of each date."""
    return (dates - START).astype(float) / float((AS_OF - START).astype(int))


def _day_in_month(rng: np.random.Generator, month: np.ndarray) -> np.ndarray:
    first = MONTHS[month].astype("datetime64[D]")
    dim = ((MONTHS[month] + 1).astype("datetime64[D]") - first).astype(np.int64)
    dim = np.minimum(dim, (AS_OF - first).astype(np.int64) + 1)
    return first + (rng.random(len(month)) * dim).astype(np.int64)


def _quarter_of(dates: np.ndarray) -> np.ndarray:
    months = dates.astype("datetime64[M]").astype(np.int64)
    return (months - months % 3).astype("datetime64[M]").astype("datetime64[D]")


def _monthly_events(
    rng: np.random.Generator, lam: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Poisson counts per (unit, month) expanded to rows, sorted by (date, unit).

    An integer or boolean ``lam`` is taken as the counts themselves.
    """
    if lam.dtype.kind in "biu":
        counts = lam.astype(np.int64).ravel()
    else:
        counts = rng.poisson(np.clip(lam, 0, None)).ravel()
    units, months = np.indices(lam.shape)
    unit = np.repeat(units.ravel(), counts)
    month = np.repeat(months.ravel(), counts)
    date = _day_in_month(rng, month)
    order = np.lexsort((unit, date))
    return unit[order], month[order], date[order]


def _ids(counter: dict[str, int], name: str, n: int) -> np.ndarray:
    start = counter[name]
    counter[name] = start + n
    return np.arange(start + 1, start + n + 1, dtype=np.int64)


def _lag_date(
    rng: np.random.Generator, start: np.ndarray, p_done: np.ndarray, mean_days: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """A date after start (or NULL: not done, or not done by DATA_AS_OF), with its null mask."""
    lag = 1 + rng.exponential(1.0, len(start)) * mean_days
    end = start + lag.astype(np.int64)
    null = (rng.random(len(start)) >= p_done) | (end > AS_OF)
    return np.where(null, start, end), null


# ---- one copy of the base town ---------------------------------------------------------------
class _Town:
    """All tables of one copy of the base town; ids continue from ``counter``."""

    def __init__(self, seed: int, copy: int, counter: dict[str, int]) -> None:
        self.seed, self.copy, self.counter = seed, copy, counter
        self.suffix = "" if copy == 0 else str(copy + 1)
        self.tables: dict[str, Columns] = {}
        self.codes = np.array(
            [7 * copy + i + 1 for i in range(7)] + [VILLAGE_CODE + copy + 1], dtype=np.int64
        )
        self._units()
        self._housing()
        self._fees()
        self._assessments()
        self._outcomes()
        self._party()
        self._longterm()
        self._culture()
        self._selfgov()

    def rng(self, stream: str) -> np.random.Generator:
        return _rng(self.seed, self.copy, stream)

    def add(self, name: str, columns: Columns) -> None:
        assert [c.name for c in table(name).columns] == list(columns), name
        self.tables[name] = columns

    # -- the town ------------------------------------------------------------------------------
    def _units(self) -> None:
        rng = self.rng("units")
        village_pop = int(rng.integers(1_260, 1_341))
        pop = _apportion(POPULATION - village_pop, rng.uniform(0.6, 1.4, 7))
        self.pop = np.append(pop, village_pop)
        ratio = np.append(rng.uniform(0.965, 1.035, 7) / PERSONS_PER_HOUSEHOLD, 1 / 3.05)
        self.hh = np.round(self.pop * ratio).astype(np.int64)
        years = np.append(rng.permutation(np.arange(2003, 2010)), 2003)
        self.area = _apportion(RESETTLEMENT_AREA, self.hh[:7] * rng.uniform(72, 84, 7))
        counts = rng.permutation([3, 2, 1, 1])
        self.company = rng.permutation(np.repeat(np.arange(4), counts))  # per community
        self.company_codes = 4 * self.copy + np.arange(1, 5)
        self.effect = rng.normal(0.0, 1.0, 8)  # a community's general standing
        names = [*COMMUNITIES, VILLAGE_NAME]
        self.names = [
            (zh + self.suffix, en + (f" {self.suffix}" if self.suffix else "")) for zh, en in names
        ]
        self.add(
            "communities",
            {
                "community_id": self.codes,
                "name_zh": np.array([n[0] for n in self.names]),
                "name_en": np.array([n[1] for n in self.names]),
                "kind": np.array(["社区"] * 7 + ["村"]),
                "move_in_year": years,
                "population": self.pop,
                "households": self.hh,
                "resettlement_area_m2": np.append(self.area, 0).astype(float),
                "company_id": (
                    np.append(self.company_codes[self.company], 0),
                    np.array([False] * 7 + [True]),
                ),
            },
        )
        self.add(
            "community_shapes",
            {
                "community_id": self.codes,
                "geometry": np.array([schematic_geometry(u, self.copy) for u in range(8)]),
                "schematic": np.ones(8, dtype=bool),
            },
        )
        self.add(
            "property_companies",
            {
                "company_id": self.company_codes,
                "name_zh": np.array([zh + self.suffix for zh, _ in COMPANIES]),
                "name_en": np.array([en + self.suffix for _, en in COMPANIES]),
            },
        )

    def _housing(self) -> None:
        rng = self.rng("housing")
        hh7 = self.hh[:7]
        s_per = _apportion(STAIRWELLS, hh7)
        b_comm, b_size, s_hh = [], [], []
        for c in range(7):
            nb = max(1, round(s_per[c] / 6))
            sizes = 3 + rng.multinomial(s_per[c] - 3 * nb, np.full(nb, 1 / nb))
            b_comm.append(np.full(nb, c))
            b_size.append(sizes)
            s_hh.append(4 + rng.multinomial(hh7[c] - 4 * s_per[c], np.full(s_per[c], 1 / s_per[c])))
        b_comm_a, b_size_a, s_hh_a = (np.concatenate(x) for x in (b_comm, b_size, s_hh))
        s_build = np.repeat(np.arange(len(b_comm_a)), b_size_a)  # building index per stairwell
        b_hh = np.bincount(s_build, weights=s_hh_a).astype(np.int64)
        cents = np.zeros(len(b_comm_a), dtype=np.int64)
        for c in range(7):
            sel = b_comm_a == c
            cents[sel] = _apportion(
                self.area[c] * 100, b_hh[sel] * rng.uniform(0.9, 1.1, sel.sum())
            )
        b_ids = _ids(self.counter, "building", len(b_comm_a))
        s_ids = _ids(self.counter, "stairwell", len(s_build))
        self.add(
            "buildings",
            {
                "building_id": b_ids,
                "community_id": self.codes[b_comm_a],
                "floor_area_m2": cents / 100.0,
            },
        )
        self.s_comm = b_comm_a[s_build]
        self.s_ids = s_ids
        self.add(
            "stairwells",
            {
                "stairwell_id": s_ids,
                "building_id": b_ids[s_build],
                "community_id": self.codes[self.s_comm],
                "households": s_hh_a,
            },
        )
        # households: the communities' (grouped by stairwell), then the village's
        h_stair = np.repeat(np.arange(len(s_build)), s_hh_a)
        h_unit = np.concatenate([self.s_comm[h_stair], np.full(self.hh[VILLAGE], VILLAGE)])
        members = np.empty(len(h_unit), dtype=np.int64)
        for u in range(8):
            sel = h_unit == u
            n = int(sel.sum())
            members[sel] = _sizes(rng, n, int(self.pop[u]))
        self.h_ids = _ids(self.counter, "household", len(h_unit))
        self.h_unit = h_unit
        self.h_members = members
        n_village = self.hh[VILLAGE]
        self.add(
            "households",
            {
                "household_id": self.h_ids,
                "community_id": self.codes[h_unit],
                "stairwell_id": (
                    np.append(s_ids[h_stair], np.zeros(n_village, dtype=np.int64)),
                    np.append(np.zeros(len(h_stair), bool), np.ones(n_village, bool)),
                ),
                "members": members,
            },
        )
        # quarterly bill: the household's share of its building's area at the community's rate
        rate = rng.choice([0.45, 0.50, 0.55, 0.60], 7)
        b_area = cents / 100.0
        h_area = (b_area / b_hh)[s_build[h_stair]]
        self.h_bill = _round(h_area * rate[self.s_comm[h_stair]] * 3, 2)

    # -- platform 2: fees, assessments, rewards ------------------------------------------------
    def _fees(self) -> None:
        rng = self.rng("fees")
        n_hh = len(self.h_bill)
        comm = self.h_unit[:n_hh]
        counts = np.bincount(comm, minlength=7)
        # town-wide collection: ~18.5% in 2008Q3 rising with noise to ~60% in 2011Q4
        first, last = rng.uniform(0.178, 0.192), rng.uniform(0.592, 0.608)
        shape = Q_T**0.9
        town = first + (last - first) * shape + rng.normal(0, 0.008, N_Q) * (Q_T * (1 - Q_T) > 0)
        logit = np.log(town / (1 - town))
        company_eff = rng.normal(0, 0.35, 4)
        base = company_eff[self.company] + 0.2 * self.effect[:7] + rng.normal(0, 0.15, 7)
        slope = rng.normal(0, 0.35, 7)
        eta = base[:, None] + slope[:, None] * (Q_T - 0.5) + rng.normal(0, 0.08, (7, N_Q))
        lo, hi = np.full(N_Q, -5.0), np.full(N_Q, 5.0)
        for _ in range(60):  # the shift that makes the town-wide rate exactly the target
            mid = (lo + hi) / 2
            rate = (counts[:, None] / (1 + np.exp(-(logit + eta + mid)))).sum(0) / n_hh
            lo, hi = np.where(rate < town, mid, lo), np.where(rate < town, hi, mid)
        p = 1 / (1 + np.exp(-(logit + eta + (lo + hi) / 2)))
        payers = np.round(counts[:, None] * p).astype(np.int64)  # (7, N_Q)
        score = rng.normal(0, 1, n_hh)[:, None] + 0.7 * rng.normal(0, 1, (n_hh, N_Q))
        full = np.zeros((n_hh, N_Q), dtype=bool)
        for c in range(7):
            sel = np.flatnonzero(comm == c)
            order = np.argsort(-score[sel], axis=0)
            rank = np.empty_like(order)
            np.put_along_axis(rank, order, np.arange(len(sel))[:, None], axis=0)
            full[sel] = rank < payers[c]
        bill = np.repeat(self.h_bill[:, None], N_Q, axis=1)
        partial = ~full & (rng.random((n_hh, N_Q)) < 0.12)
        paid = np.where(full, bill, 0.0)
        paid = np.where(partial, _round(bill * rng.uniform(0.2, 0.9, (n_hh, N_Q)), 2), paid)
        self.add(
            "property_fees",
            {
                "household_id": np.repeat(self.h_ids[:n_hh], N_Q),
                "community_id": np.repeat(self.codes[comm], N_Q),
                "quarter": np.tile(QUARTERS, n_hh),
                "billed_yuan": bill.ravel(),
                "paid_yuan": paid.ravel(),
            },
        )

    def _assessments(self) -> None:
        rng = self.rng("assessments")
        trend = 69.5 + 20 * Q_T**0.85 + rng.normal(0, 0.5, N_Q)
        company_eff = rng.normal(0, 2.0, 4)[self.company]
        base = trend[None, :] + company_eff[:, None] + 1.2 * self.effect[:7, None]
        base = base + rng.normal(0, 0.8, (7, N_Q))
        s_self = _round(np.clip(base + 3.5 + rng.normal(0, 1.2, base.shape), 0, 100))
        s_town = _round(np.clip(base + rng.normal(0, 1.2, base.shape), 0, 100))
        s_res = _round(np.clip(base - 1.0 + rng.normal(0, 1.8, base.shape), 0, 100))
        # Exact arithmetic in tenths of a point and thousandths of a fen, and no exact halves:
        # a residents' score that would put the weighted sum or the reward on a rounding tie is
        # moved by 0.1, so round() in Python, numpy or SQL all give these same figures.
        area = self.area.astype(float)
        fen = round(REWARD_RATE * 100)  # fen per m2 per month
        score = np.empty(base.shape)
        reward = np.empty(base.shape)
        for c in range(7):
            for q in range(N_Q):
                s10, t10 = round(s_self[c, q] * 10), round(s_town[c, q] * 10)
                r0 = round(s_res[c, q] * 10)
                for r10 in (r0, r0 + 1, r0 - 1, r0 + 2, r0 - 2):
                    w = 2 * s10 + 5 * t10 + 3 * r10  # hundredths of a point
                    tenths = (w + 5) // 10
                    num = tenths * int(self.area[c]) * fen * REWARD_MONTHS
                    if 0 <= r10 <= 1000 and w % 10 != 5 and num % 1000 != 500:
                        break
                s_res[c, q] = r10 / 10
                score[c, q] = tenths / 10
                reward[c, q] = ((num + 500) // 1000) / 100
        keys = {
            "company_id": np.repeat(self.company_codes[self.company], N_Q),
            "community_id": np.repeat(self.codes[:7], N_Q),
            "quarter": np.tile(QUARTERS, 7),
        }
        self.add(
            "property_assessments",
            {
                **keys,
                "score_self": s_self.ravel(),
                "score_town": s_town.ravel(),
                "score_residents": s_res.ravel(),
                "score": score.ravel(),
                "managed_area_m2": np.repeat(area, N_Q),
            },
        )
        self.add("reward_payments", {**keys, "reward_yuan": reward.ravel()})
        rng = self.rng("community_assessments")
        trend = 71 + 20 * Q_T**0.8 + rng.normal(0, 0.6, N_Q)
        ca = trend[None, :] + 1.5 * self.effect[:, None] + rng.normal(0, 1.2, (8, N_Q))
        self.add(
            "community_assessments",
            {
                "community_id": np.repeat(self.codes, N_Q),
                "quarter": np.tile(QUARTERS, 8),
                "score": _round(np.clip(ca, 0, 100)).ravel(),
            },
        )

    # -- outcomes: three decreases, four increases ---------------------------------------------
    def _outcomes(self) -> None:
        rng = self.rng("outcomes")

        def town_series(start: tuple[float, float], ratio: tuple[float, float]) -> np.ndarray:
            s = rng.uniform(*start)
            e = s * rng.uniform(*ratio)
            series = (s + (e - s) * Q_T**0.9) * np.exp(rng.normal(0, 0.02, N_Q))
            return np.round(series).astype(np.int64)

        def allocate(totals: np.ndarray, weights: np.ndarray) -> np.ndarray:
            out = np.empty((8, N_Q), dtype=np.int64)
            for q in range(N_Q):
                out[:, q] = rng.multinomial(totals[q], weights[:, q] / weights[:, q].sum())
            return out

        def weights(spread: float) -> np.ndarray:
            eff = np.exp(-spread * self.effect + rng.normal(0, 0.2, 8))
            slope = rng.normal(0, 0.3, 8)
            return (self.pop * eff)[:, None] * np.exp(slope[:, None] * (Q_T - 0.5))

        incidents = allocate(town_series((56, 64), (0.42, 0.5)), weights(0.25))
        petitions = allocate(town_series((38, 46), (0.45, 0.55)), weights(0.2))
        batches_t = town_series((10, 13), (0.35, 0.45))
        batches = allocate(batches_t, weights(0.2))
        persons_t = np.maximum(
            town_series((45, 58), (0.35, 0.45)), batches_t + batches.astype(bool).sum(0)
        )
        persons = batches.copy()
        for q in range(N_Q):  # extra persons only where there were batches
            w = batches[:, q].astype(float)
            if w.sum() > 0:
                persons[:, q] += rng.multinomial(persons_t[q] - batches_t[q], w / w.sum())

        def score(start: float, end: float, spread: float) -> np.ndarray:
            trend = start + (end - start) * Q_T**0.85 + rng.normal(0, 0.5, N_Q)
            level = spread * self.effect + rng.normal(0, 1.0, 8)
            s = trend[None, :] + level[:, None] + rng.normal(0, 1.0, (8, N_Q))
            return _round(np.clip(s, 0, 100)).ravel()

        self.add(
            "outcomes",
            {
                "community_id": np.repeat(self.codes, N_Q),
                "quarter": np.tile(QUARTERS, 8),
                "security_incidents": incidents.ravel(),
                "petitions": petitions.ravel(),
                "skip_level_batches": batches.ravel(),
                "skip_level_persons": persons.ravel(),
                "environment_score": score(63, 88, 2.5),
                "safety_index": score(67, 89, 2.0),
                "democratic_awareness": score(59, 84, 2.5),
                "satisfaction_pct": score(66, 90, 2.0),
            },
        )

    # -- platform 1: regional party-building ---------------------------------------------------
    def _party(self) -> None:
        rng = self.rng("party")
        core = ("党总支", "工作站", "居委会")
        x_prob = {"业委会": 0.6, "物业公司": 1.0, "公安": 0.8, "城管": 0.7, "环卫": 0.7}
        reps = {"党总支": (3, 8), "工作站": (2, 6), "居委会": (5, 10)}
        rows: list[tuple[int, str, np.datetime64, int]] = []
        n_bodies = np.zeros(8, dtype=np.int64)
        for u in range(8):
            for kind in core:
                lo, hi = reps[kind]
                day = START + int(rng.integers(0, 60))
                rows.append((u, kind, day, int(rng.integers(lo, hi))))
            for kind, p in x_prob.items():
                draw = rng.random()
                if u == VILLAGE and kind in ("业委会", "物业公司"):
                    continue
                if draw < p:
                    day = START + int(rng.integers(20, 720))
                    rows.append((u, kind, day, int(rng.integers(1, 4))))
            n_bodies[u] = sum(1 for r in rows if r[0] == u)
        self.add(
            "party_bodies",
            {
                "community_id": self.codes[[r[0] for r in rows]],
                "body_kind": np.array([r[1] for r in rows]),
                "joined_date": np.array([r[2] for r in rows], dtype="datetime64[D]"),
                "representatives": np.array([r[3] for r in rows]),
            },
        )

        # joint meetings: roughly monthly, fewer early on
        p_meet = 0.45 + 0.5 * np.minimum(1.0, M_T * 1.6)
        meets = (rng.random((8, N_M)) < p_meet) + (rng.random((8, N_M)) < 0.12 * M_T)
        unit, _, date = _monthly_events(rng, meets)
        m_ids = _ids(self.counter, "joint_meeting", len(unit))
        present = rng.integers(np.maximum(3, n_bodies[unit] - 2), n_bodies[unit] + 1)
        self.add(
            "joint_meetings",
            {
                "meeting_id": m_ids,
                "community_id": self.codes[unit],
                "date": date,
                "units_present": present,
            },
        )
        k = 1 + rng.binomial(3, 0.4, len(unit))
        i_meet = np.repeat(np.arange(len(unit)), k)
        raised = date[i_meet]
        t = _date_t(raised)
        resolved, null = _lag_date(rng, raised, 0.62 + 0.33 * t, 24 - 10 * t)
        cat_w = np.array([3, 4, 4, 3, 1, 1.5])
        self.add(
            "meeting_issues",
            {
                "issue_id": _ids(self.counter, "issue", len(i_meet)),
                "meeting_id": m_ids[i_meet],
                "community_id": self.codes[unit[i_meet]],
                "category": np.array(GRID_CATEGORIES)[
                    rng.choice(6, len(i_meet), p=cat_w / cat_w.sum())
                ],
                "raised_date": raised,
                "resolved_date": (resolved, null),
            },
        )

        # partner units: every unit has at least one; a unit is paired with distinct communities
        names = [p for p in PARTNERS for _ in range(p[3])]
        while True:
            comm = np.append(rng.permutation(8), rng.integers(0, 8, len(names) - 8))
            pairs = {(names[i][0], int(comm[i])) for i in range(len(names))}
            if len(pairs) == len(names):
                break
        paired = START + rng.integers(0, 420, len(names))
        p_ids = _ids(self.counter, "partner", len(names))
        sfx = self.suffix
        self.add(
            "partner_units",
            {
                "partner_id": p_ids,
                "name_zh": np.array([n[0] + sfx for n in names]),
                "name_en": np.array([n[1] + (f" {sfx}" if sfx else "") for n in names]),
                "kind": np.array([n[2] for n in names]),
                "community_id": self.codes[comm],
                "paired_date": paired,
            },
        )
        offers = {
            "企业": ("场地", "设施", "图书"),
            "高校": ("讲座", "图书", "场地"),
            "部队": ("讲座", "场地", "设施"),
            "公安": ("讲座",),
        }
        per_unit = {"场地": (1, 13, 300, 1500), "设施": (1, 21, 200, 3000)}
        per_unit |= {"图书": (50, 601, 15, 40), "讲座": (1, 7, 300, 1000)}
        p_month = paired.astype("datetime64[M]")
        lam = 0.45 * (MONTHS[None, :] > p_month[:, None])
        pu, _, c_date = _monthly_events(rng, lam)
        kinds = np.array([rng.choice(offers[names[i][2]]) for i in pu])
        qty = np.empty(len(pu), dtype=np.int64)
        value = np.empty(len(pu))
        for kind, (qlo, qhi, vlo, vhi) in per_unit.items():
            sel = kinds == kind
            qty[sel] = rng.integers(qlo, qhi, sel.sum())
            value[sel] = np.round(qty[sel] * rng.uniform(vlo, vhi, sel.sum()))
        self.add(
            "partner_contributions",
            {
                "contribution_id": _ids(self.counter, "contribution", len(pu)),
                "partner_id": p_ids[pu],
                "community_id": self.codes[comm[pu]],
                "date": c_date,
                "kind": kinds,
                "quantity": qty,
                "value_yuan": value,
            },
        )

        # part-time committee members from outside units (no names: ids only)
        m_unit, m_kind = [], []
        for u in range(8):
            options = sorted({names[i][2] for i in range(len(names)) if comm[i] == u})
            options += ["公安"] if "公安" not in options else []
            options += ["物业公司"] if u != VILLAGE else []
            for _ in range(int(rng.integers(2, 5))):
                m_unit.append(u)
                m_kind.append(options[int(rng.integers(0, len(options)))])
        appointed = START + rng.integers(0, 540, len(m_unit))
        order = np.lexsort((np.array(m_unit), appointed))
        self.add(
            "committee_members",
            {
                "member_id": _ids(self.counter, "member", len(m_unit)),
                "community_id": self.codes[np.array(m_unit)[order]],
                "unit_kind": np.array(m_kind)[order],
                "appointed_date": appointed[order],
            },
        )

        # joint patrols: several a month, more later; hazards found fall, handled share rises
        size = np.where(np.arange(8) == VILLAGE, 0.6, 1.0)[:, None]
        unit, _, date = _monthly_events(rng, size * (3 + 3 * M_T[None, :]))
        t = _date_t(date)
        units = rng.integers(2, 7, len(unit))
        found = rng.poisson(3.2 * (1 - 0.6 * t))
        self.add(
            "patrols",
            {
                "patrol_id": _ids(self.counter, "patrol", len(unit)),
                "community_id": self.codes[unit],
                "date": date,
                "units": units,
                "person_times": units * rng.integers(3, 9, len(unit)),
                "hazards_found": found,
                "hazards_handled": rng.binomial(found, 0.74 + 0.23 * t),
            },
        )

    # -- platform 2: grid cases, sanitation, staff ---------------------------------------------
    def _longterm(self) -> None:
        rng = self.rng("longterm")
        base = np.array([3.0, 4.0, 4.0, 3.0, 1.0, 1.5])  # per month, an average community
        decline = np.array([0.75, 0.7, 0.45, 0.7, 0.85, 0.8])
        village = np.array([1.5, 1.0, 0.5, 0.5, 0.0, 0.8])
        size = np.append(self.hh[:7] / self.hh[:7].mean(), 1.0)
        rows_u, rows_c, rows_d = [], [], []
        for k in range(6):
            lvl = np.append(np.full(7, base[k]), village[k]) * size
            lvl = lvl * np.exp(0.15 * -self.effect)
            lam = lvl[:, None] * (1 - decline[k] * M_T[None, :] ** 0.8)
            u, _, d = _monthly_events(rng, lam)
            rows_u.append(u)
            rows_c.append(np.full(len(u), k))
            rows_d.append(d)
        unit, cat, date = (np.concatenate(x) for x in (rows_u, rows_c, rows_d))
        order = np.lexsort((cat, unit, date))
        unit, cat, date = unit[order], cat[order], date[order]
        t = _date_t(date)
        closed, null = _lag_date(rng, date, 0.8 + 0.17 * t, 12 - 6 * t)
        self.add(
            "grid_cases",
            {
                "case_id": _ids(self.counter, "grid_case", len(unit)),
                "community_id": self.codes[unit],
                "category": np.array(GRID_CATEGORIES)[cat],
                "reported_date": date,
                "closed_date": (closed, null),
            },
        )

        unit = np.repeat(np.arange(8), N_M)  # exactly monthly: one inspection a month
        month = np.tile(np.arange(N_M), 8)
        date = _day_in_month(rng, month)
        order = np.lexsort((unit, date))
        unit, month, date = unit[order], month[order], date[order]
        level = 1.8 * self.effect + rng.normal(0, 1, 8)
        score = 66 + 22 * M_T[month] ** 0.8 + level[unit] + rng.normal(0, 2.0, len(unit))
        self.add(
            "sanitation_inspections",
            {
                "inspection_id": _ids(self.counter, "inspection", len(unit)),
                "community_id": self.codes[unit],
                "date": date,
                "score": _round(np.clip(score, 0, 100)),
            },
        )

        posts = contract.POST_KINDS
        pay = np.array([62_000, 56_000, 40_000, 36_000, 30_000])
        years = np.arange(2008, 2012)
        rows = []
        for u in range(8):
            scale = self.hh[u] / 1_450
            need = np.array([1, 1, max(2, round(5 * scale)), max(1, round(2.5 * scale)), 1])
            need[4] = max(1, round(2 * scale))
            for j, post in enumerate(posts):
                # posts standardised: secretary and director fixed, the others filled over time
                grow = np.cumsum(rng.random(4) < (0.0 if j < 2 else 0.35))
                for y in years:
                    head = int(max(1, need[j] - (1 if j >= 2 else 0)) + grow[y - 2008])
                    budget = head * pay[j] * 1.06 ** (y - 2008) * rng.uniform(0.97, 1.03)
                    rows.append((u, post, y, head, float(np.round(budget))))
        self.add(
            "staff_posts",
            {
                "community_id": self.codes[[r[0] for r in rows]],
                "post_kind": np.array([r[1] for r in rows]),
                "year": np.array([r[2] for r in rows]),
                "headcount": np.array([r[3] for r in rows]),
                "budget_yuan": np.array([r[4] for r in rows]),
            },
        )

    # -- platform 3: cultural services ---------------------------------------------------------
    def _culture(self) -> None:
        rng = self.rng("culture")
        venues = np.array(contract.VENUES)
        kinds = np.array(contract.ACTIVITY_KINDS)
        kind_p = np.array(
            [
                [0.5, 0.4, 0.05, 0.05],
                [0.45, 0.45, 0.05, 0.05],
                [0.6, 0.3, 0.1, 0.0],
                [0.0, 0.0, 0.55, 0.45],
                [0.2, 0.1, 0.5, 0.2],
            ]
        )
        size = (self.pop / 4_000) ** 0.85
        lam = size[:, None] * (3 + 5 * M_T[None, :] ** 0.9) * np.exp(0.15 * self.effect)[:, None]
        unit, month, date = _monthly_events(rng, lam)
        n = len(unit)
        venue = rng.choice(5, n, p=[0.3, 0.15, 0.15, 0.2, 0.2])
        kind = (rng.random(n)[:, None] > np.cumsum(kind_p[venue], axis=1)).sum(1)
        kind = np.minimum(kind, 3)
        t = M_T[month]
        u = rng.random(n)
        stage = (date >= np.datetime64("2009-05-01")) & np.isin(venue, [3, 4])
        brand = np.full(n, 3)
        brand[u < 0.14] = 1  # 一居一品
        campaign = (u >= 0.14) & (u < 0.14 + 0.16 * (1 - t) + 0.03)
        brand[campaign] = 0  # 迁新居、提素质、看未来
        brand[stage & (u > 0.72)] = 2  # 百姓小舞台，秀出我风采
        for c in range(8):  # every community has its own brand activity
            if not np.any((unit == c) & (brand == 1)):
                brand[np.flatnonzero(unit == c)[0]] = 1
        people = np.exp(rng.normal(np.log(70), 0.6, n)) * np.where(venue == 3, 2.2, 1.0)
        people = np.clip(np.round(people * (0.8 + 0.4 * t)), 20, 500).astype(np.int64)
        brands = np.array(contract.BRANDS)
        self.add(
            "activities",
            {
                "activity_id": _ids(self.counter, "activity", n),
                "community_id": self.codes[unit],
                "date": date,
                "venue": venues[venue],
                "kind": kinds[kind],
                "brand": brands[brand],
                "person_times": people,
            },
        )

        # 30 social teams, distinct kinds within a community; kite, morning exercise and
        # calligraphy teams among them
        team_kinds = list(TEAM_KINDS_EN)
        kind_w = np.array([1.0, 2.0, 1.5, 1.6, 1.2, 0.8, 1.2, 0.7])
        while True:
            village_n = int(rng.integers(2, 4))
            per = np.append(
                3 + rng.multinomial(N_TEAMS - 21 - village_n, np.full(7, 1 / 7)), village_n
            )
            if per.max() > 8:
                continue
            t_unit = np.repeat(np.arange(8), per)
            t_kind = np.concatenate(
                [rng.choice(8, k, replace=False, p=kind_w / kind_w.sum()) for k in per]
            )
            if {0, 1, 2} <= set(t_kind.tolist()):
                break
        founded = START + (rng.beta(1.0, 2.2, N_TEAMS) * (AS_OF - 90 - START).astype(int)).astype(
            np.int64
        )
        founded = founded.astype("datetime64[D]")
        order = np.lexsort((t_kind, t_unit, founded))
        t_unit, t_kind, founded = t_unit[order], t_kind[order], founded[order]
        team_ids = _ids(self.counter, "team", N_TEAMS)
        self.add(
            "social_teams",
            {
                "team_id": team_ids,
                "community_id": self.codes[t_unit],
                "kind": np.array([team_kinds[k] for k in t_kind]),
                "name_zh": np.array(
                    [self.names[u][0] + team_kinds[k] for u, k in zip(t_unit, t_kind, strict=True)]
                ),
                "name_en": np.array(
                    [
                        f"{self.names[u][1]} {TEAM_KINDS_EN[team_kinds[k]]}"
                        for u, k in zip(t_unit, t_kind, strict=True)
                    ]
                ),
                "founded_date": founded,
            },
        )
        f_q = _quarter_of(founded)
        tq_team = np.concatenate(
            [np.full(int((f <= QUARTERS).sum()), i) for i, f in enumerate(f_q)]
        )
        tq_quarter = np.concatenate([QUARTERS[f <= QUARTERS] for f in f_q])
        age = ((tq_quarter - f_q[tq_team]).astype(np.int64) / 91.3).round()
        start = rng.integers(10, 26, N_TEAMS)[tq_team]
        members = start + np.round(age * rng.uniform(0.8, 2.2, N_TEAMS)[tq_team])
        members = (members + rng.integers(-2, 3, len(tq_team))).astype(np.int64)
        acts = 1 + rng.poisson(4 + 0.15 * members)
        subsidy = np.round((800 + 25 * members + 40 * acts) / 100) * 100
        self.add(
            "team_quarters",
            {
                "team_id": team_ids[tq_team],
                "community_id": self.codes[t_unit[tq_team]],
                "quarter": tq_quarter,
                "members": members,
                "activities": acts,
                "subsidy_yuan": subsidy.astype(float),
            },
        )

        # trainings for residents who lost their land: job skills and job guidance place some
        lam = np.repeat((0.45 + 0.35 * M_T)[None, :], 8, axis=0) * size[:, None]
        unit, month, date = _monthly_events(rng, lam)
        n = len(unit)
        t = M_T[month]
        venue = rng.choice(3, n, p=[0.5, 0.35, 0.15])
        kind = rng.choice(4, n, p=[0.35, 0.2, 0.25, 0.2])
        trainees = rng.integers(15, 61, n)
        place_p = np.where(kind == 0, 0.3 + 0.25 * t, np.where(kind == 1, 0.2 + 0.2 * t, 0.0))
        self.add(
            "trainings",
            {
                "training_id": _ids(self.counter, "training", n),
                "community_id": self.codes[unit],
                "date": date,
                "venue": venues[venue],
                "kind": np.array(contract.TRAINING_KINDS)[kind],
                "trainees": trainees,
                "placed": rng.binomial(trainees, place_p),
            },
        )

        if self.copy == 0:  # the town's three honours are not scaled
            days = [np.datetime64(f"{y}-03-01") + int(rng.integers(0, 270)) for y in HONOUR_YEARS]
            self.add(
                "honours",
                {
                    "honour_id": _ids(self.counter, "honour", 3),
                    "date": np.array(days, dtype="datetime64[D]"),
                    "name_zh": np.array([h[0] for h in HONOURS]),
                    "name_en": np.array([h[1] for h in HONOURS]),
                    "level": np.array([h[2] for h in HONOURS]),
                },
            )

    # -- platform 4: democratic self-governance ------------------------------------------------
    def _selfgov(self) -> None:
        rng = self.rng("selfgov")
        e_unit = np.tile(np.arange(8), 2)
        e_date = np.concatenate(
            [np.datetime64(f"{y}-03-01") + rng.integers(0, 90, 8) for y in (2009, 2011)]
        )
        order = np.lexsort((e_unit, e_date))
        e_unit, e_date = e_unit[order], e_date[order]
        eligible = np.round(self.pop[e_unit] * rng.uniform(0.77, 0.83, 16)).astype(np.int64)
        turnout = rng.uniform(0.85, 0.93, 16) + 0.04 * (e_date > np.datetime64("2010-01-01"))
        self.add(
            "elections",
            {
                "election_id": _ids(self.counter, "election", 16),
                "community_id": self.codes[e_unit],
                "date": e_date,
                "eligible_voters": eligible,
                "votes_cast": np.round(eligible * turnout).astype(np.int64),
            },
        )

        kinds = np.array(contract.MEETING_KINDS)
        rate = np.array([0.5, 0.15, 0.3])
        att = np.array([[15, 41], [20, 81], [8, 26]])
        parts = []
        for k in range(3):
            u, m, d = _monthly_events(rng, np.full((8, 1), rate[k]) * (0.5 + M_T[None, :]))
            parts.append((u, m, d, np.full(len(u), k)))
        unit, month, date, kind = (np.concatenate(x) for x in zip(*parts, strict=True))
        order = np.lexsort((kind, unit, date))
        unit, month, date, kind = unit[order], month[order], date[order], kind[order]
        adopted = np.minimum(rng.poisson(2.0, len(unit)), 5)
        self.add(
            "three_meetings",
            {
                "meeting_id": _ids(self.counter, "three_meeting", len(unit)),
                "community_id": self.codes[unit],
                "date": date,
                "kind": kinds[kind],
                "attendance": rng.integers(att[kind, 0], att[kind, 1]),
                "decisions_adopted": adopted,
                "decisions_implemented": rng.binomial(adopted, 0.7 + 0.25 * M_T[month]),
            },
        )

        # star ratings: exactly 460 of 1,000 stairwells at >= 3 stars in the first round,
        # exactly 926 in the last, rising in between; communities differ
        n_s = len(self.s_ids)
        steps = _apportion(
            STAR3_LAST - STAR3_FIRST, rng.uniform(0.8, 1.2, 5) * [1.3, 1.1, 1, 0.9, 0.7]
        )
        n3 = STAR3_FIRST + np.concatenate([[0], np.cumsum(steps)])
        level = (0.8 * self.effect + rng.normal(0, 0.4, 8))[self.s_comm] + rng.normal(0, 1, n_s)
        slope = 0.45 * np.exp(rng.normal(0, 0.35, n_s))
        f5 = np.linspace(0.04, 0.27, 6)
        f4 = np.linspace(0.14, 0.35, 6)
        stars = np.empty((n_s, 6), dtype=np.int64)
        for r in range(6):
            score = level + slope * r + rng.normal(0, 0.25, n_s)
            rank = np.empty(n_s, dtype=np.int64)
            rank[np.argsort(-score, kind="stable")] = np.arange(n_s)
            n5, n4 = round(f5[r] * n_s), round(f4[r] * n_s)
            low = n_s - n3[r]
            stars[:, r] = np.select(
                [rank < n5, rank < n5 + n4, rank < n3[r], rank < n3[r] + round(0.65 * low)],
                [5, 4, 3, 2],
                1,
            )
        self.add(
            "stairwell_ratings",
            {
                "stairwell_id": np.repeat(self.s_ids, 6),
                "community_id": np.repeat(self.codes[self.s_comm], 6),
                "round_date": np.tile(RATING_ROUNDS, n_s),
                "stars": stars.ravel(),
            },
        )

        # volunteers: 91-97% of households in each unit have at least one; more joined early
        span = (AS_OF - START).astype(int)
        v_hh = []
        for u in range(8):
            hh = np.flatnonzero(self.h_unit == u)
            take = rng.permutation(hh)[: round(len(hh) * rng.uniform(0.915, 0.97))]
            extra = np.minimum(
                rng.choice([0, 1, 2], len(take), p=[0.72, 0.23, 0.05]), self.h_members[take] - 1
            )
            v_hh.append(np.repeat(take, 1 + extra))
        hh_idx = np.concatenate(v_hh)
        joined = START + (rng.beta(1.0, 1.9, len(hh_idx)) * span).astype(np.int64)
        joined = np.minimum(joined, AS_OF)
        team = rng.choice(4, len(hh_idx), p=[0.35, 0.3, 0.2, 0.15])
        order = np.lexsort((hh_idx, joined))
        hh_idx, joined, team = hh_idx[order], joined[order], team[order]
        self.add(
            "volunteers",
            {
                "volunteer_id": _ids(self.counter, "volunteer", len(hh_idx)),
                "household_id": self.h_ids[hh_idx],
                "community_id": self.codes[self.h_unit[hh_idx]],
                "team": np.array(contract.VOLUNTEER_TEAMS)[team],
                "joined_date": joined,
            },
        )

        lam = (self.pop / 4_000)[:, None] * 1.6 * (1 - 0.35 * M_T[None, :])
        unit, month, date = _monthly_events(rng, lam)
        self.add(
            "mediations",
            {
                "case_id": _ids(self.counter, "mediation", len(unit)),
                "community_id": self.codes[unit],
                "date": date,
                "resolved": rng.random(len(unit)) < 0.84 + 0.1 * M_T[month],
            },
        )


# ---- targets ---------------------------------------------------------------------------------
# Targets for percentages and scores, in the indicator's unit (FACTS.md: fees to about 60%,
# stairwells to 92.6%); the per-10k, per-1000 and count targets are computed from the data.
FIXED_TARGETS = {
    "environment_score": 88.0,
    "safety_index": 89.0,
    "democratic_awareness": 84.0,
    "satisfaction_pct": 90.0,
    "issue_resolution_rate": 85.0,
    "hazard_handled_rate": 95.0,
    "fee_collection_rate": 60.0,
    "property_score": 89.0,
    "grid_closure_rate": 90.0,
    "sanitation_score": 88.0,
    "star3_share": 90.0,
    "volunteer_household_share": 95.0,
    "mediation_success_rate": 90.0,
}

# Targets of measures that pages define beside governance/indicators.py (town-wide only).
PAGE_TARGETS = {"election_turnout": 90.0}

# Each community's value in 2011 (per quarter where the unit is per quarter), for the targets
# computed from the data: the town target is the median community's, rounded. One query file
# an indicator, under queries/demo/.
LATEST_YEAR = 2011
_LATEST_QUERIES = {
    "incident_rate": "demo_incident_rate_by_community",
    "participation_per_1000": "demo_participation_per_1000_by_community",
    "placement_rate": "demo_placement_rate_by_community",
    "fee_collection_rate": "demo_fee_collection_rate_by_community",
    "star3_share": "demo_star3_share_by_community",
}
DEMO_QUERY_DIR = Path(__file__).resolve().parent.parent / "queries" / "demo"
# Count indicators that are outcomes columns get the town-wide count per quarter, averaged over
# the last four quarters and rounded up; any other indicator without a rule gets a default.
DEFAULT_TARGETS = {"pct": 80.0, "score": 85.0}


def _sql(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    """Run one statement and fetch its result (DuckDB wants every result consumed)."""
    return con.execute(sql).fetchall()


def _demo_query(
    con: duckdb.DuckDBPyConnection, name: str, params: dict[str, object] | None = None
) -> list[tuple]:
    """Run ``queries/demo/<name>.sql`` with its ``$parameters``."""
    sql = (DEMO_QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")
    return con.execute(sql, params or {}).fetchall()


def _query_body(name: str) -> str:
    """A demo query's text without its comments (to see which parameters it takes)."""
    text = (DEMO_QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")
    return "\n".join(line.split("--", 1)[0] for line in text.splitlines())


def _nice(value: float, step: float) -> float:
    return float(round(value / step) * step)


def _targets(
    con: duckdb.DuckDBPyConnection, out: Path, first_codes: np.ndarray, scale: int
) -> Columns:
    views = ("outcomes", "communities", "activities", "trainings", "property_fees")
    for name in (*views, "stairwell_ratings"):
        con.read_parquet(str(_path(out, name))).create_view(name, replace=True)
    # the paid-in-full and star rules and pct() as the dashboard reads them (queries/base/)
    _sql(con, base_macros_text())
    for base in ("base_fee_bills", "base_stairwell_ratings"):
        _sql(con, f"create or replace view {base} as {base_view_text(base)}")
    latest: dict[str, dict[str, float]] = {}
    for ind, name in _LATEST_QUERIES.items():
        params = {"year": LATEST_YEAR} if "$year" in _query_body(name) else {}
        latest[ind] = {str(c): float(v) for c, v in _demo_query(con, name, params)}
    computed = {
        "incident_rate": _nice(float(np.median(list(latest["incident_rate"].values()))), 0.5),
        "participation_per_1000": _nice(
            float(np.median(list(latest["participation_per_1000"].values()))), 10
        ),
        "placement_rate": _nice(float(np.median(list(latest["placement_rate"].values()))), 5),
    }
    outcome_columns = {c.name for c in table("outcomes").columns}
    for ind in INDICATORS:
        if ind.id in FIXED_TARGETS or ind.id in computed:
            continue
        if ind.unit == "count" and ind.id in outcome_columns:
            ((avg,),) = _demo_query(
                con, "demo_town_count_last_four_quarters", {"indicator": ind.id}
            )
            computed[ind.id] = float(math.ceil(avg))
        elif ind.unit in DEFAULT_TARGETS:
            computed[ind.id] = DEFAULT_TARGETS[ind.unit]
    town = {**FIXED_TARGETS, **computed}
    # a fixed target that every community meets, or none does, gives way to the median's
    for ind in ("fee_collection_rate", "star3_share"):
        values = list(latest[ind].values())
        if not min(values) < town[ind] <= max(values):
            town[ind] = _nice(float(np.median(values)), 1)
    ind_ids = [i.id for i in INDICATORS]
    missing = set(ind_ids) - set(town)
    if missing:
        raise ValueError(f"no target rule for indicators {sorted(missing)}")
    rows: list[tuple[str, int | None, float]] = [(i, None, town[i]) for i in ind_ids]
    rows += [(i, None, v) for i, v in PAGE_TARGETS.items()]
    # a few community-specific overrides, in the first copy of the town
    ids = _community_ids(first_codes, scale)
    code_of = dict(zip(ids, first_codes.tolist(), strict=True))
    fee = {k: v for k, v in latest["fee_collection_rate"].items() if k in code_of}
    star = {k: v for k, v in latest["star3_share"].items() if k in code_of}
    inc = {k: v for k, v in latest["incident_rate"].items() if k in code_of}
    rows.append(("fee_collection_rate", code_of[min(fee, key=fee.__getitem__)], 50.0))
    rows.append(("star3_share", code_of[max(star, key=star.__getitem__)], 95.0))
    rows.append(
        ("incident_rate", code_of[max(inc, key=inc.__getitem__)], town["incident_rate"] + 3)
    )
    village = next(k for k in code_of if k.startswith("V"))
    rows.append(
        (
            "participation_per_1000",
            code_of[village],
            _nice(0.7 * town["participation_per_1000"], 10),
        )
    )
    return {
        "indicator_id": np.array([r[0] for r in rows]),
        "community_id": (
            np.array([0 if r[1] is None else r[1] for r in rows], dtype=np.int64),
            np.array([r[1] is None for r in rows]),
        ),
        "target": np.array([r[2] for r in rows], dtype=float),
    }


# ---- writing ---------------------------------------------------------------------------------
def _community_ids(codes: np.ndarray, scale: int) -> list[str]:
    wc, wv = max(2, len(str(7 * scale))), max(2, len(str(scale)))
    return [
        f"V{c - VILLAGE_CODE:0{wv}d}" if c >= VILLAGE_CODE else f"C{c:0{wc}d}"
        for c in codes.tolist()
    ]


def _path(out: Path, name: str) -> str:
    return str(out / f"{name}.parquet").replace("'", "''")


def _arrow(columns: Columns) -> pa.Table:
    arrays = {}
    for name, value in columns.items():
        arr, mask = value if isinstance(value, tuple) else (value, None)
        arr = np.asarray(arr)
        if arr.dtype.kind == "M":
            arrays[name] = pa.array(arr.astype("datetime64[D]"), type=pa.date32(), mask=mask)
        elif arr.dtype.kind in "iu":
            arrays[name] = pa.array(arr.astype(np.int32), mask=mask)
        elif arr.dtype.kind == "f":
            arrays[name] = pa.array(arr.astype(np.float64), mask=mask)
        elif arr.dtype.kind == "b":
            arrays[name] = pa.array(arr, mask=mask)
        else:
            arrays[name] = pa.array(arr.tolist(), type=pa.string(), mask=mask)
    return pa.table(arrays)


def _in_key_order(data: pa.Table, key: Sequence[str]) -> bool:
    """Whether the rows are strictly increasing in the (integer or date, non-null) key."""
    cols = [data.column(k) for k in key]
    if any(
        c.null_count or not (pa.types.is_integer(c.type) or pa.types.is_date(c.type)) for c in cols
    ):
        return False
    greater = np.zeros(max(data.num_rows - 1, 0), dtype=bool)
    equal = ~greater
    for col in cols:
        arr = col.to_numpy()
        greater |= equal & (arr[1:] > arr[:-1])
        equal &= arr[1:] == arr[:-1]
    return bool(greater.all())


def _id_format(t: Table, column: str) -> tuple[str, int] | None:
    return ID_FORMATS.get((t.name, column)) or ID_FORMATS.get(column)


def _write(
    con: duckdb.DuckDBPyConnection,
    t: Table,
    data: pa.Table,
    out: Path,
    widths: dict[str, int],
    scale: int,
) -> int:
    wc, wv = max(2, len(str(7 * scale))), max(2, len(str(scale)))
    exprs = []
    for c in t.columns:
        src = f'src."{c.name}"'
        fmt = _id_format(t, c.name)
        if c.name == "community_id":
            expr = (
                f"CASE WHEN {src} >= {VILLAGE_CODE} "
                f"THEN 'V' || lpad(CAST({src} - {VILLAGE_CODE} AS VARCHAR), {wv}, '0') "
                f"ELSE 'C' || lpad(CAST({src} AS VARCHAR), {wc}, '0') END"
            )
        elif fmt is not None:
            prefix, _ = fmt
            expr = f"'{prefix}' || lpad(CAST({src} AS VARCHAR), {widths[prefix]}, '0')"
        else:
            expr = f"CAST({src} AS {c.type})"
        exprs.append(f'{expr} AS "{c.name}"')
    # Integer ids and community codes sort as their zero-padded strings do. Most tables are
    # built in key order already; only the others are sorted (saves a 15M-row sort at 100x).
    order = ""
    if not _in_key_order(data, t.key):
        order = " ORDER BY " + ", ".join(f'src."{k}" ASC NULLS FIRST' for k in t.key)
    con.register("src", data)
    try:
        _sql(
            con,
            f"COPY (SELECT {', '.join(exprs)} FROM src{order}) "
            f"TO '{_path(out, t.name)}' (FORMAT parquet, COMPRESSION zstd)",
        )
    finally:
        con.unregister("src")
    return data.num_rows


def generate(out_dir: Path, seed: int = DEFAULT_SEED, scale: int = 1) -> dict[str, int]:
    """Write every contract table as ``<out_dir>/<table>.parquet``; return {table: rows}."""
    if scale < 1:
        raise ValueError("scale must be >= 1")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counter: dict[str, int] = defaultdict(int)
    chunks: dict[str, list[pa.Table]] = defaultdict(list)
    first_codes = np.empty(0, dtype=np.int64)
    for copy in range(scale):
        town = _Town(seed, copy, counter)
        if copy == 0:
            first_codes = town.codes
        for name, columns in town.tables.items():
            chunks[name].append(_arrow(columns))
        del town
    data = {name: pa.concat_tables(parts) for name, parts in chunks.items()}
    del chunks
    widths: dict[str, int] = {}
    for t in TABLES:
        for c in t.columns:
            fmt = _id_format(t, c.name)
            if fmt is None or t.name not in data:
                continue
            prefix, base = fmt
            top_n = pc.max(data[t.name].column(c.name)).as_py() or 0
            widths[prefix] = max(widths.get(prefix, base), base, len(str(top_n)))
    counts: dict[str, int] = {}
    con = duckdb.connect()
    try:
        _sql(con, "SET threads = 1")
        _sql(con, "SET preserve_insertion_order = true")
        for t in TABLES:
            if t.name == "targets":
                continue
            counts[t.name] = _write(con, t, data.pop(t.name), out, widths, scale)
        targets = _arrow(_targets(con, out, first_codes, scale))
        counts["targets"] = _write(con, table("targets"), targets, out, widths, scale)
    finally:
        con.close()
    return {t.name: counts[t.name] for t in TABLES}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("platform_data"), help="output folder")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument("--scale", type=int, default=1, help="copies of the base town")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    counts = generate(args.out, seed=args.seed, scale=args.scale)
    for name, n in counts.items():
        print(f"{name:24s} {n:>12,d}")
    total = sum(counts.values())
    print(f"{'total':24s} {total:>12,d}  ({time.perf_counter() - began:.1f} s, {args.out})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
