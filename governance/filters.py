"""Global filters and their URL form, as plain Python (the sidebar widgets live in ui/).

URL keys: ``from`` and ``to`` (quarters, ``2011Q4``), ``c`` (community ids, repeated),
``basis`` (qoq | yoy | target) and ``lang`` (zh | en). Invalid values fall back to the
default with a message naming the parameter, so a mangled link still opens a working page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from governance import periods
from governance.i18n import DEFAULT_LANG, LANGS, t
from governance.text import plain

BASES = ("qoq", "yoy", "target")
# Each basis's name (the briefing's line of filters) and short name (the sidebar's one row of
# buttons): the target is called what a target column is called, in both.
BASIS_KEYS = {"qoq": "basis.qoq", "yoy": "basis.yoy", "target": "col.target"}
BASIS_SHORT_KEYS = {"qoq": "basis.short.qoq", "yoy": "basis.short.yoy", "target": "col.target"}
URL_KEYS = ("from", "to", "c", "basis", "lang")
DEFAULT_BASIS = "qoq"
# The range a leader sees first: the last two years of the practice period.
DEFAULT_SPAN_QUARTERS = 8
# A link names at most this many communities (the 100x benchmark town has 800); beyond it
# the rest is ignored with one message, so a hostile link cannot make a huge selection.
MAX_URL_COMMUNITIES = 1_000
# Unknown ids are reported in one message naming the first few.
UNKNOWN_SAMPLE = 3
# The sidebar's population bands, lower bound included, upper excluded: 3,000 is medium.
SIZE_BANDS = {"small": (0, 3000), "medium": (3000, 5000), "large": (5000, 10**9)}


def match_attributes(
    communities: pd.DataFrame,
    companies: Sequence[str] = (),
    years: tuple[int, int] | None = None,
    sizes: Sequence[str] = (),
) -> list[str]:
    """The community ids whose property company is one of ``companies``, whose move-in year
    is within ``years`` (both ends included) and whose population is in one of the ``sizes``
    bands; an empty criterion matches everyone."""
    df = communities
    mask = pd.Series(True, index=df.index)
    if companies:
        mask &= df["company_id"].isin(list(companies))
    if years:
        mask &= df["move_in_year"].between(years[0], years[1])
    if sizes:
        size_mask = pd.Series(False, index=df.index)
        for band in sizes:
            lo, hi = SIZE_BANDS[band]
            size_mask |= (df["population"] >= lo) & (df["population"] < hi)
        mask &= size_mask
    return df.loc[mask, "community_id"].tolist()


@dataclass(frozen=True)
class Filters:
    period_from: date
    period_to: date
    communities: tuple[str, ...] = ()  # empty: the whole town
    basis: str = DEFAULT_BASIS
    lang: str = DEFAULT_LANG

    def community_ids(self, all_ids: Sequence[str]) -> list[str]:
        """The ids a query should cover: the selection, or every community when none."""
        return list(self.communities) if self.communities else list(all_ids)

    def params(self, all_ids: Sequence[str]) -> dict[str, object]:
        """The parameters every query may take."""
        return {
            "period_from": self.period_from,
            "period_to": self.period_to,
            "communities": self.community_ids(all_ids),
        }


def default_filters(quarters: Sequence[date], as_of: date | None = None) -> Filters:
    """The period a page opens with: the last :data:`DEFAULT_SPAN_QUARTERS` quarters of the
    data that end at the data date ``as_of`` (数据截至), never after it.

    The data date is the latest dated record of the event tables (meetings, patrols, cases,
    activities..., queries/base/base_data_as_of.sql); a quarterly table (outcomes, fees,
    assessments) does not move it, because its rows carry a quarter's first day, a label
    rather than a day something happened: a quarter after every dated record (an outcomes row
    for 2021Q4 in data that runs to 2011-12-26) is a table running ahead, not news of that
    quarter, so the default ends at the last quarter that starts on or before the data date
    (the one the header's 数据截至 falls in, or the last before it). Such a quarter can still
    be chosen. Without a data date, the last quarter; when every quarter starts after it,
    the first (the nearest to it)."""
    end = len(quarters) - 1
    if as_of is not None:
        on_or_before = [i for i, q in enumerate(quarters) if q <= as_of]
        end = on_or_before[-1] if on_or_before else 0
    first = quarters[max(0, end + 1 - DEFAULT_SPAN_QUARTERS)]
    return Filters(period_from=first, period_to=quarters[end])


def _values(query: Mapping[str, object], key: str) -> list[str]:
    raw = query.get(key)
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    return [str(v) for v in raw]  # type: ignore[union-attr]


def from_query(
    query: Mapping[str, object],
    quarters: Sequence[date],
    community_ids: Sequence[str],
    as_of: date | None = None,
) -> tuple[Filters, list[str]]:
    """Filters from URL parameters; invalid ones replaced by defaults (:func:`default_filters`
    at the data date ``as_of``), each with a message."""
    default = default_filters(quarters, as_of)
    errors: list[str] = []
    langs = _values(query, "lang")
    lang = langs[-1] if langs and langs[-1] in LANGS else DEFAULT_LANG
    if langs and langs[-1] not in LANGS:
        errors.append(t("url.bad_lang", lang, value=plain(langs[-1], 40)))

    def quarter(param: str, fallback: date) -> date:
        values = _values(query, param)
        if not values:
            return fallback
        q = periods.from_label(values[-1])
        if q is None or q not in quarters:
            errors.append(
                t(
                    "url.bad_quarter",
                    lang,
                    param=param,
                    value=plain(values[-1], 40),
                    first=periods.to_label(quarters[0]),
                    last=periods.to_label(quarters[-1]),
                )
            )
            return fallback
        return q

    start = quarter("from", default.period_from)
    end = quarter("to", default.period_to)
    if start > end:
        start, end = end, start
        errors.append(t("url.bad_order", lang))
    known = set(community_ids)
    chosen: set[str] = set()
    unknown: list[str] = []
    named = [cid.strip() for value in _values(query, "c") for cid in value.split(",")]
    named = [cid for cid in named if cid]
    over_cap = len(named) > MAX_URL_COMMUNITIES
    for cid in named[:MAX_URL_COMMUNITIES]:
        if cid in known:
            chosen.add(cid)
        elif cid not in unknown:
            unknown.append(cid)
    if over_cap:  # one message for the whole list, however long
        errors.append(
            t(
                "url.too_many_communities",
                lang,
                n=f"{len(named):,}",
                cap=f"{MAX_URL_COMMUNITIES:,}",
                unknown=f"{len(unknown):,}",
            )
        )
    elif len(unknown) == 1:
        errors.append(t("url.bad_community", lang, value=plain(unknown[0], 40)))
    elif unknown:
        sample = "、".join(f"“{plain(cid, 40)}”" for cid in unknown[:UNKNOWN_SAMPLE])
        errors.append(t("url.bad_communities", lang, n=len(unknown), sample=sample))
    bases = _values(query, "basis")
    basis = DEFAULT_BASIS
    if bases:
        if bases[-1] in BASES:
            basis = bases[-1]
        else:
            errors.append(t("url.bad_basis", lang, value=plain(bases[-1], 40)))
    ordered = tuple(c for c in community_ids if c in chosen)
    return Filters(start, end, ordered, basis, lang), errors


def to_query(f: Filters) -> dict[str, str | list[str]]:
    """The URL form of ``f``; the community list is omitted for the whole town."""
    query: dict[str, str | list[str]] = {
        "from": periods.to_label(f.period_from),
        "to": periods.to_label(f.period_to),
        "basis": f.basis,
        "lang": f.lang,
    }
    if f.communities:
        query["c"] = list(f.communities)
    return query
