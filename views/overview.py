"""总览 Overview: the seven outcome indicators, one scorecard per platform, the ranking."""

import streamlit as st

from governance import fmt, kpi, periods
from governance.briefing import content as readings
from governance.indicators import HEADLINE, INDICATORS, OUTCOME_IDS, PLATFORMS
from governance.text import plain
from ui import auth, data, state, widgets
from ui.state import tr

f = state.current()
widgets.page_header(tr("ov.title"), tr("ov.subtitle"), key_prefix="ov")

parts = data.run("indicator_parts_by_community_quarter")
targets = data.run("targets_all")
ids = state.community_ids()
scope = f.community_ids(ids)
values = kpi.aggregate(parts, scope)


def town_kpi(indicator_id: str) -> kpi.Kpi:
    target = kpi.target_for_scope(targets, indicator_id, f.communities)
    return kpi.kpi(values, indicator_id, f.period_from, f.period_to, f.basis, target)


if values.empty:
    widgets.empty_state()
    st.stop()

# ---- the answers first, in words: the town in numbers, the weakest platform, who needs help ----
ranked = (
    data.town_ranks(f.period_to)[0]
    if auth.is_scoped()  # their own place among the whole town; nobody else's row
    else kpi.ranking(parts, f.period_to, targets, ids)
)
facts = readings.town_facts(data.communities(), f.lang)
st.caption(
    tr("ov.facts.scope" if auth.is_scoped() else "ov.facts.town")
    + " · ".join(f"{tile.label} {tile.value_text}" for tile in facts)
)
headlines = {p: town_kpi(HEADLINE[p].id) for p in PLATFORMS}
weakest = readings.weakest_platform(headlines, ranked, scope)
answer = [readings.attention_sentence(ranked, scope, state.community_names(), f.lang)]
if weakest is not None:
    k = headlines[weakest]
    answer.insert(
        0,
        tr(
            "ov.answer.weakest",
            scope=tr("ov.answer.scope.some") if f.communities else tr("ov.answer.scope.town"),
            platform=tr(f"platform.{weakest}"),
            label=k.indicator.label(f.lang),
            value=fmt.value(k.indicator, k.value, f.lang),
            status=tr(f"light.{k.light}") if k.light else tr("light.none"),
        ),
    )
st.info(" ".join(plain(line, limit=None) for line in answer), icon=":material/campaign:")

# ---- 三降四升 -------------------------------------------------------------------------------
st.subheader(tr("ov.outcomes"))
down_ids, up_ids = OUTCOME_IDS[:3], OUTCOME_IDS[3:]
persons = kpi.kpi(values, "skip_level_persons", f.period_from, f.period_to, f.basis, None)
st.caption(tr("ov.outcomes.down"))
for column, indicator_id in zip(st.columns(3), down_ids, strict=True):
    with column:
        k = town_kpi(indicator_id)
        if indicator_id == "skip_level_batches":  # counted in batches and in person-times
            batches = fmt.value(k.indicator, k.value, f.lang)
            people = fmt.value(persons.indicator, persons.value, f.lang)
            widgets.kpi_tile(k, value=f"{batches} · {people}")
        else:
            widgets.kpi_tile(k)
st.caption(tr("ov.outcomes.up"))
for column, indicator_id in zip(st.columns(4), up_ids, strict=True):
    with column:
        widgets.kpi_tile(town_kpi(indicator_id))

# ---- platform scorecards -----------------------------------------------------------------
st.subheader(tr("ov.scorecards"))
for column, platform in zip(st.columns(4), PLATFORMS, strict=True):
    with column, st.container(border=True):
        st.markdown(f"#### {tr(f'platform.{platform}')}")
        st.caption(tr(f"platform.{platform}.motto"))
        ordered = [HEADLINE[platform]] + [
            i for i in INDICATORS if i.platform == platform and not i.headline
        ]
        for ind in ordered:
            widgets.kpi_tile(town_kpi(ind.id), border=False, target_status=True)
        st.page_link(
            f"views/{platform}.py",
            label=tr("ov.open_platform", name=tr(f"platform.{platform}")),
            icon=":material/arrow_forward:",
        )

# ---- community x platform ranking ----------------------------------------------------------
st.subheader(tr("ov.ranking"))
st.caption(
    tr(
        "ov.ranking.help",
        quarter=periods.display(f.period_to, f.lang),
        indicators=tr("sep.list").join(
            tr(f"platform.{p}") + tr("sep.label") + HEADLINE[p].label(f.lang) for p in PLATFORMS
        ),
    )
)
if auth.is_scoped():
    scoped = tr("sep.list").join(plain(state.community_name(c)) for c in auth.scope())
    st.info(tr("auth.scoped_note", scope=scoped))
table, lights = widgets.ranking_table(ranked)
widgets.show_table(
    widgets.styled_by_lights(table, lights),
    on_select=widgets.on_table_select("ov_ranking", table),
    selection_mode="single-row",
    key="ov_ranking",
    column_config={"community_id": None},
    height="auto",
)
if len(f.communities) == 1:
    st.page_link(
        "views/profile.py",
        label=tr("ov.open_profile", name=plain(state.community_name(f.communities[0]))),
        icon=":material/person_search:",
    )
widgets.download_buttons(
    widgets.ranking_export(ranked), "ranking", "ov_ranking_dl", period=(f.period_to, f.period_to)
)
