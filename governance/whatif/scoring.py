"""Three-party scoring (Enshi practice): a weighted score and its grade per row, grades per
company or community, and the grades under the baseline against a scenario's weights, with the
tiles and the figure the page shows. Bad input raises ``ValueError`` with a Chinese message."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from governance import charts
from governance.i18n import t
from governance.whatif.checks import require_columns
from governance.whatif.display import (
    MOVE_LIGHT,
    Tile,
    grade_name,
    in_scope,
    layout,
    quarter_starts,
    same_as_baseline,
    signed_count,
    tile,
    vs_baseline,
)
from governance.whatif.params import EXCELLENT, FAIR, GOOD, GRADES, ScoringParams

GRADE_KEYS: tuple[str, ...] = ("company_id", "community_id")
SCORE_PARTS = ("score_self", "score_town", "score_residents")


def grade(score: float | None, params: ScoringParams | None = None) -> str | None:
    """优秀 at or above ``excellent``, 良好 at or above ``good``, else 一般; None when missing."""
    params = params or ScoringParams()
    if score is None or (isinstance(score, float) and math.isnan(score)):
        return None
    if score >= params.excellent:
        return EXCELLENT
    return GOOD if score >= params.good else FAIR


def _valid_scoring(params: ScoringParams | None) -> ScoringParams:
    params = params or ScoringParams()
    errors = params.validate()
    if errors:
        raise ValueError("；".join(errors))
    return params


def score_and_grade(df: pd.DataFrame, params: ScoringParams | None = None) -> pd.DataFrame:
    """A copy of ``df`` with ``score`` (weighted, 1 decimal) and ``grade`` from it."""
    params = _valid_scoring(params)
    require_columns(df, SCORE_PARTS, "三方评分数据")
    out = df.copy()
    raw = (
        params.w_self * pd.to_numeric(out["score_self"], errors="coerce")
        + params.w_town * pd.to_numeric(out["score_town"], errors="coerce")
        + params.w_residents * pd.to_numeric(out["score_residents"], errors="coerce")
    )
    out["score"] = raw.astype(float).round(9).round(1)  # .round(9) drops float noise first
    out["grade"] = pd.Series(
        [grade(s, params) for s in out["score"]], index=out.index, dtype=object
    )
    return out


def grades_by(df: pd.DataFrame, key: str, params: ScoringParams | None = None) -> pd.DataFrame:
    """Mean score (1 decimal), its grade and the row count per company_id or community_id.

    When ``df`` has the three part scores they are (re)scored with ``params`` (a stored
    ``score`` column is ignored); otherwise its ``score`` column is used as it is.
    """
    params = _valid_scoring(params)
    if key not in GRADE_KEYS:
        raise ValueError(f"分组键 key 只能是 {' 或 '.join(GRADE_KEYS)}，当前为 {key!r}。")
    require_columns(df, (key,), "评分数据")
    if all(c in df.columns for c in SCORE_PARTS):
        scored = score_and_grade(df, params)
    else:
        require_columns(df, ("score",), "评分数据")
        scored = df
    out = (
        scored.assign(score=pd.to_numeric(scored["score"], errors="coerce"))
        .groupby(key)
        .agg(score=("score", "mean"), n=("score", "size"))
        .reset_index()
    )
    out["score"] = out["score"].round(9).round(1)
    out["grade"] = pd.Series([grade(s, params) for s in out["score"]], dtype=object)
    return out[[key, "score", "grade", "n"]]


def _grade_move(before: object, after: object) -> str:
    if before not in GRADES or after not in GRADES or before == after:
        return "same"
    return "better" if GRADES.index(after) > GRADES.index(before) else "worse"  # type: ignore[arg-type]


def grade_changes(
    baseline_df: pd.DataFrame, scenario_df: pd.DataFrame, key: str, only_moved: bool = True
) -> pd.DataFrame:
    """Compare two ``grades_by`` results: grades and scores side by side, and which way it went.

    With ``only_moved`` (the default) only rows whose grade changed are kept.
    """
    if key not in GRADE_KEYS:
        raise ValueError(f"分组键 key 只能是 {' 或 '.join(GRADE_KEYS)}，当前为 {key!r}。")
    cols = [key, "score", "grade"]
    require_columns(baseline_df, tuple(cols), "基准评分结果")
    require_columns(scenario_df, tuple(cols), "方案评分结果")
    m = baseline_df[cols].merge(
        scenario_df[cols], on=key, how="outer", suffixes=("_baseline", "_scenario")
    )
    out = pd.DataFrame(
        {
            key: m[key],
            "baseline_score": m["score_baseline"],
            "scenario_score": m["score_scenario"],
            "score_change": (m["score_scenario"] - m["score_baseline"]).round(1),
            "baseline_grade": m["grade_baseline"],
            "scenario_grade": m["grade_scenario"],
        }
    )
    out["change"] = [
        _grade_move(b, s) for b, s in zip(out["baseline_grade"], out["scenario_grade"], strict=True)
    ]
    if only_moved:
        out = out[out["baseline_grade"].fillna("") != out["scenario_grade"].fillna("")]
    return out.sort_values(key).reset_index(drop=True)


# ---- the page's view: baseline against the scenario's weights ---------------------------------


def scoring_rows(assessments: pd.DataFrame, quarter: date) -> pd.DataFrame:
    """The assessments in view at one quarter (the last of the period)."""
    view = in_scope(assessments)
    if view.empty:
        return view
    return view[quarter_starts(view["quarter"]) == pd.Timestamp(quarter)].reset_index(drop=True)


@dataclass(frozen=True, eq=False)
class GradeView:
    companies: pd.DataFrame  # grade_changes(..., only_moved=False) with names
    communities: pd.DataFrame


def grade_view(
    rows: pd.DataFrame,
    params: ScoringParams,
    company: Mapping[str, str],
    community: Mapping[str, str],
) -> GradeView:
    """Grades per company and per community under the baseline and under ``params``."""
    out = {}
    for key, names, name_col in (
        ("company_id", company, "company"),
        ("community_id", community, "community"),
    ):
        base = grades_by(rows, key, ScoringParams())
        scen = grades_by(rows, key, params)
        changes = grade_changes(base, scen, key, only_moved=False)
        changes.insert(1, name_col, [names.get(i, i) for i in changes[key]])
        out[key] = changes
    return GradeView(out["company_id"], out["community_id"])


def grade_tiles(view: GradeView, lang: str) -> list[Tile]:
    tiles = []
    for g in (EXCELLENT, GOOD, FAIR):
        b = int((view.companies["baseline_grade"] == g).sum())
        s = int((view.companies["scenario_grade"] == g).sum())
        good_when = {EXCELLENT: "up", GOOD: "neutral", FAIR: "down"}[g]
        tiles.append(
            tile(
                t("whatif.grades.tile.companies", lang, grade=grade_name(g, lang)),
                t("whatif.fund.tile.companies.value", lang, n=s, total=len(view.companies)),
                s - b,
                vs_baseline(signed_count(s - b, lang), lang),
                good_when=good_when,
            )
        )
    moves = view.communities["change"]
    better, worse = int((moves == "better").sum()), int((moves == "worse").sum())
    tiles.append(
        tile(
            t("whatif.grades.tile.moved", lang),
            t("whatif.grades.tile.moved.value", lang, better=better, worse=worse),
            better - worse,
            vs_baseline(signed_count(better - worse, lang), lang),
            good_when="up",
            help=t("whatif.grades.tile.moved.help", lang),
        )
    )
    return tiles


def grade_figure(communities: pd.DataFrame, lang: str) -> go.Figure:
    """Each community's score under the scenario minus the baseline; green where the grade
    rises, red where it falls, grey where it stays. Bars carry community ids (drill-down).
    When no score and no grade changes, the chart says so instead of drawing an empty axis."""
    title = t("whatif.grades.chart", lang)
    unchanged = communities["score_change"].fillna(0).round(1) == 0
    if communities.empty or (unchanged & (communities["change"] == "same")).all():
        return same_as_baseline(title, t("whatif.grades.chart.same", lang))
    texts = [
        f"{grade_name(b, lang)} → {grade_name(s, lang)}" if b != s else grade_name(s, lang)
        for b, s in zip(communities["baseline_grade"], communities["scenario_grade"], strict=True)
    ]
    colours = [charts.LIGHT_COLOURS[MOVE_LIGHT.get(m)] for m in communities["change"]]
    fig = go.Figure(
        go.Bar(
            x=communities["score_change"].fillna(0).tolist(),
            y=communities["community"].tolist(),
            orientation="h",
            marker_color=colours,
            customdata=communities["community_id"].tolist(),
            text=texts,
            textposition="auto",
            hovertemplate="%{y}: %{x:+.1f} · %{text}<extra></extra>",
        )
    )
    fig.add_vline(x=0, line_color=charts.TARGET)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text=t("whatif.unit.points", lang))
    fig.update_layout(clickmode="event+select", dragmode=False)
    return layout(fig, title, max(300, 40 * len(communities) + 100))
