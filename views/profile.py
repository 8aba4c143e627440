"""社区画像 Community profile: one community across the four platforms and the outcomes."""

import pandas as pd
import streamlit as st

from governance import charts, fmt, kpi
from governance.indicators import INDICATORS, INDICATORS_BY_ID, PLATFORMS
from governance.lights import traffic_light
from governance.text import plain
from ui import auth, data, state, widgets
from ui.state import tr

f = state.current()
communities = data.communities().set_index("community_id")
ids = communities.index.tolist()
parts = data.run("indicator_parts_by_community_quarter")
targets = data.run("targets_all")
# One community chosen: its profile. Otherwise the page opens on the community that needs
# attention most (the last in the overall ranking), without changing the global filter.
chosen = f.communities[0] if len(f.communities) == 1 else None
worst = kpi.weakest_community(parts, f.period_to, targets, f.community_ids(ids)) or (
    ids[0] if ids else None
)
shown = chosen or worst

widgets.page_header(
    tr("profile.title", name=plain(state.community_name(shown)))
    if shown
    else tr("profile.title.none"),
    key_prefix="profile",
)
st.session_state["profile_pick"] = shown
st.selectbox(
    tr("profile.pick"),
    ids,
    format_func=state.community_name,
    placeholder=tr("profile.pick.help"),
    key="profile_pick",
    on_change=lambda: state.select_community(st.session_state["profile_pick"]),
)
if not shown:
    st.info(tr("profile.pick.help"))
    st.stop()
if not chosen:
    st.info(tr("profile.opened_on_worst", name=plain(state.community_name(shown))))
chosen = shown

# ---- key facts -------------------------------------------------------------------------------
row = communities.loc[chosen]
company = row["company_en" if f.lang == "en" else "company_zh"]
facts = widgets.grid(6, per_row=3)
facts[0].metric(tr("profile.kind"), state.kind_name(row["kind"]))
facts[1].metric(
    tr("profile.population"), fmt.count(row["population"], f.lang, "人" if f.lang == "zh" else "")
)
facts[2].metric(
    tr("profile.households"), fmt.count(row["households"], f.lang, "户" if f.lang == "zh" else "")
)
facts[3].metric(
    tr("profile.area"),
    fmt.count(row["resettlement_area_m2"], f.lang, "㎡" if f.lang == "zh" else " m²"),
)
facts[4].metric(tr("profile.company"), company if isinstance(company, str) else tr("profile.none"))
facts[5].metric(tr("profile.move_in"), str(row["move_in_year"]))

own = kpi.aggregate(parts, [chosen])
town = kpi.aggregate(parts, ids)
# A scoped user sees their rank among the whole town, but no town figure to compare with.
scoped = auth.is_scoped()
ranks = data.town_ranks(f.period_to)[1] if scoped else kpi.indicator_ranks(parts, f.period_to)
ranks = ranks.set_index(["indicator_id", "community_id"])
if own.empty:
    widgets.empty_state()
    st.stop()


def rank_text(indicator_id: str) -> str:
    key = (indicator_id, chosen)
    if key not in ranks.index:
        return tr("profile.rank.none")
    rank, n = int(ranks.loc[key, "rank"]), int(ranks.loc[key, "n"])
    return tr("auth.rank_own" if scoped else "profile.rank", rank=rank, n=n)


# ---- outcomes and the four platforms, each indicator with its rank ----------------------------
for platform in ("outcomes", *PLATFORMS):
    st.subheader(tr(f"platform.{platform}"))
    inds = [i for i in INDICATORS if i.platform == platform]
    for column, ind in zip(widgets.grid(len(inds)), inds, strict=True):
        with column:
            target = kpi.target_for(targets, ind.id, chosen)
            k = kpi.kpi(own, ind.id, f.period_from, f.period_to, f.basis, target)
            widgets.kpi_tile(k)
            st.caption(rank_text(ind.id))
    if platform != "outcomes":
        st.page_link(
            f"views/{platform}.py",
            label=tr("profile.open_platform", name=tr(f"platform.{platform}")),
            icon=":material/arrow_forward:",
        )

# ---- against the whole town over time -------------------------------------------------------
choices = [i.id for i in INDICATORS if i.platform != "outcomes_detail"]
indicator_id = st.selectbox(
    tr("profile.trend.pick"),
    choices,
    format_func=lambda i: INDICATORS_BY_ID[i].label(f.lang),
    key="profile_trend_indicator",
)
ind = INDICATORS_BY_ID[indicator_id]
label = ind.label(f.lang)


def series(frame: pd.DataFrame) -> dict:
    rows = frame[frame["indicator_id"] == indicator_id]
    return {pd.Timestamp(q).date(): v for q, v in zip(rows["quarter"], rows["value"], strict=True)}


mine, everyone = series(own), series(town)
quarters = [q for q in sorted(set(mine) | set(everyone)) if f.period_from <= q <= f.period_to]
if quarters:
    target = kpi.target_for(targets, indicator_id, chosen)
    st.plotly_chart(
        charts.trend(
            quarters,
            {
                state.community_name(chosen): [mine.get(q) for q in quarters],
                **({} if scoped else {tr("profile.col.town"): [everyone.get(q) for q in quarters]}),
            },
            tr("profile.trend", indicator=label),
            target=target,
            target_label=tr("col.target"),
        ),
        key="profile_trend_chart",
    )
else:
    widgets.empty_state()

# ---- the whole table, downloadable -----------------------------------------------------------
st.subheader(tr("profile.table"))
table_rows = []
for ind in INDICATORS:
    if ind.platform == "outcomes_detail":
        continue
    k = kpi.kpi(
        own, ind.id, f.period_from, f.period_to, f.basis, kpi.target_for(targets, ind.id, chosen)
    )
    t = kpi.kpi(town, ind.id, f.period_from, f.period_to, f.basis, None)
    light = traffic_light(k.value, k.target, ind.better)
    table_rows.append(
        {
            tr("col.platform"): tr(f"platform.{ind.platform}"),
            tr("col.indicator"): ind.label(f.lang),
            tr("col.value"): fmt.value(ind, k.value, f.lang),
            tr("profile.col.town"): fmt.value(ind, t.value, f.lang),
            tr("col.target"): fmt.value(ind, k.target, f.lang),
            tr("col.light"): tr(f"light.{light}") if light else tr("light.none"),
            tr("profile.col.rank"): rank_text(ind.id),
        }
    )
table = pd.DataFrame(table_rows)
if scoped:
    table = table.drop(columns=[tr("profile.col.town")])
widgets.show_table(table, "profile_table", height="auto")
widgets.download_buttons(table, "profile", "profile_dl", communities=[chosen])
