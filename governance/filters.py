"""Global filters and their URL form, as plain Python (the sidebar widgets live in ui/).

URL keys: ``from`` and ``to`` (quarters, ``2011Q4``), ``c`` (community ids, repeated),
``basis`` (qoq | yoy | target) and ``lang`` (zh | en). Invalid values fall back to the
default with a message naming the parameter, so a mangled link still opens a working page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from governance import periods
from governance.i18n import DEFAULT_LANG, LANGS, t

BASES = ("qoq", "yoy", "target")
URL_KEYS = ("from", "to", "c", "basis", "lang")
DEFAULT_BASIS = "qoq"
# The range a leader sees first: the last two years of the practice period.
DEFAULT_SPAN_QUARTERS = 8


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


def default_filters(quarters: Sequence[date]) -> Filters:
    last = quarters[-1]
    first = quarters[max(0, len(quarters) - DEFAULT_SPAN_QUARTERS)]
    return Filters(period_from=first, period_to=last)


def _values(query: Mapping[str, object], key: str) -> list[str]:
    raw = query.get(key)
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    return [str(v) for v in raw]  # type: ignore[union-attr]


def from_query(
    query: Mapping[str, object], quarters: Sequence[date], community_ids: Sequence[str]
) -> tuple[Filters, list[str]]:
    """Filters from URL parameters; invalid ones replaced by defaults, each with a message."""
    default = default_filters(quarters)
    errors: list[str] = []
    langs = _values(query, "lang")
    lang = langs[-1] if langs and langs[-1] in LANGS else DEFAULT_LANG
    if langs and langs[-1] not in LANGS:
        errors.append(t("url.bad_lang", lang, value=langs[-1]))

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
                    value=values[-1],
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
    chosen: list[str] = []
    for value in _values(query, "c"):
        for cid in value.split(","):
            cid = cid.strip()
            if not cid:
                continue
            if cid in known:
                if cid not in chosen:
                    chosen.append(cid)
            else:
                errors.append(t("url.bad_community", lang, value=cid))
    bases = _values(query, "basis")
    basis = DEFAULT_BASIS
    if bases:
        if bases[-1] in BASES:
            basis = bases[-1]
        else:
            errors.append(t("url.bad_basis", lang, value=bases[-1]))
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
