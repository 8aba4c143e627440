"""Labels once: how a query's frame becomes a shown table, for every page.

:func:`localise` turns a frame's values into the page's language (one column per
``<x>_zh``/``<x>_en`` pair, quarters as 2011Q4, dates without a time, categories in words,
rounded measures); :func:`header` finds a column's header, :func:`own` the headers a page words
itself. ``export.labelled`` falls back on :func:`header` for every other column.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

import pandas as pd

from governance.contract import TABLES
from governance.i18n import CATALOG, categories, t
from governance.indicators import REGISTRY

# A column name the contract labels differently in different tables gets a neutral label
# unless the caller names its table.
_NEUTRAL: dict[str, tuple[str, str]] = {
    "company_id": ("物业公司编号", "Company id"),
    "name_zh": ("名称", "Name (Chinese)"),
    "community_id": ("社区编号", "Community id"),
    "kind": ("类型", "Kind"),
    "members": ("人数", "Members"),
    "category": ("类别", "Category"),
    "score": ("得分", "Score"),
    "case_id": ("编号", "Case id"),
}


def _labels_by_column() -> Mapping[str, tuple[str, str]]:
    """Each column name's (zh, en) label, as the first contract table holding it gives it;
    the neutral names above win for the columns many tables share."""
    found: dict[str, tuple[str, str]] = {}
    for table in TABLES:
        for col in table.columns:
            found.setdefault(col.name, (col.label_zh, col.label_en))
    return MappingProxyType(found | _NEUTRAL)


CONTRACT_LABELS = _labels_by_column()  # a fixed lookup of the contract, read-only


def _contract(column: str, table: str | None) -> tuple[str, str] | None:
    if table is not None:
        for tab in TABLES:
            if tab.name == table:
                for col in tab.columns:
                    if col.name == column:
                        return (col.label_zh, col.label_en)
    return CONTRACT_LABELS.get(column)


def header(
    column: str, lang: str = "zh", page: str | None = None, table: str | None = None
) -> str | None:
    """A column's header in ``lang``: the contract's label (of ``table`` when given, else the
    one it has throughout the contract), else the registry's measure label, else the catalog's
    ``<page>.col.<column>`` or ``col.<column>``; None when none of them knows the column."""
    pair = _contract(column, table)
    if pair is not None:
        return pair[1] if lang == "en" else pair[0]
    if column in REGISTRY:
        return REGISTRY[column].label(lang)
    for key in (f"{page}.col.{column}" if page else None, f"col.{column}"):
        if key is not None and key in CATALOG:
            return t(key, lang)
    return None


def own(
    lang: str,
    page: str,
    keys: Mapping[str, str] | None = None,
    columns: Iterable[str] | None = None,
) -> dict[str, str]:
    """The headers a page words itself, which win over :func:`header` (a computed "members"
    is 成员数 on culture, not the contract's 人数): ``keys`` column -> catalog key, else by
    the convention ``<page>.col.<column>``. ``columns`` None: every column the catalog has a
    ``<page>.col.*`` key for, and those of ``keys`` (a record table's headers need no rows)."""
    keys = dict(keys or {})
    if columns is None:
        prefix = f"{page}.col."
        columns = [*(k.removeprefix(prefix) for k in CATALOG if k.startswith(prefix)), *keys]
    out = {}
    for col in columns:
        key = keys.get(col, f"{page}.col.{col}")
        if key in CATALOG:
            out[col] = t(key, lang)
    return out


def quarter_labels(quarters: pd.Series) -> pd.Series:
    """``2011Q4`` for each quarter, vectorised (records can run to a million rows)."""
    q = pd.to_datetime(quarters)
    return q.dt.year.astype(str) + "Q" + ((q.dt.month - 1) // 3 + 1).astype(str)


def localise(
    df: pd.DataFrame,
    lang: str = "zh",
    *,
    pairs: Iterable[str] | None = None,
    name: str = "{}",
    rounding: Mapping[str, int] | None = None,
    category_columns: Iterable[str] = (),
    dates: bool = True,
) -> pd.DataFrame:
    """``df`` ready to show in ``lang``.

    - each ``<x>_zh``/``<x>_en`` pair (of the stems ``pairs``; None: every pair) becomes one
      column ``name.format(x)`` in ``lang``, in the place of ``<x>_zh``;
    - ``quarter`` reads 2011Q4;
    - date columns (``dates``) become dates without a time (a missing one None);
    - the values of ``category_columns`` are translated (categories.frame);
    - the columns of ``rounding`` (column -> digits) are rounded as floats by pandas: the
      value times 10**digits, a half to the even neighbour (0.05 -> 0.0, 0.15 -> 0.2 at one
      digit), as every table has shown them.
    """
    out = df.copy()
    for col, digits in (rounding or {}).items():
        if col in out.columns:
            out[col] = out[col].astype("float64").round(digits)
    if pairs is None:
        pairs = [c[: -len("_zh")] for c in out.columns if c.endswith("_zh")]
    for stem in pairs:
        zh, en = f"{stem}_zh", f"{stem}_en"
        if zh not in out.columns or en not in out.columns:
            continue
        position = list(out.columns).index(zh)
        chosen = out[en if lang == "en" else zh]
        out = out.drop(columns=[zh, en])
        out.insert(position, name.format(stem), chosen)
    present = [col for col in category_columns if col in out.columns]
    if present:
        out[present] = categories.frame(out[present], lang)
    if "quarter" in out.columns:
        out["quarter"] = quarter_labels(out["quarter"])
    if dates:
        for col in out.columns:
            if pd.api.types.is_datetime64_any_dtype(out[col]):
                days = out[col].dt.date.astype(object)
                out[col] = days.where(out[col].notna(), None)
    return out
