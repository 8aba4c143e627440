"""数据管理 Data: upload a file, read its validation report, preview the changes and commit
them; every version's history, comparison and rollback; freshness; templates to fill in."""

import streamlit as st

from governance.i18n import t
from ui import deferred, events, state, widgets
from ui.state import tr
from views.data import admin as dm

dm.guard()
lang = state.lang()
widgets.page_header(tr("dm.title"), tr("dm.subtitle"), key_prefix="data")
version = dm.version_now()
st.caption(tr("dm.version_now", version=version) if version else tr("dm.version_none"))
tables = dm.table_names()


# Option labels take ``lang`` from this run, not from the session at call time (AppTest and the
# browser call format functions between runs).
def table_name(name: str, empty: str = "dm.upload.table.auto") -> str:
    return f"{dm.table_label(name, lang)} ({name})" if name else t(empty, lang)


def diff_details(diff, key: str) -> None:
    """The first rows added, changed (old -> new) and removed of one table's diff."""
    frames = dm.diff_frames(diff, lang)
    for part in ("added", "changed", "removed"):
        if len(frames[part]):
            st.caption(tr(f"dm.preview.{part}_first", n=dm.SHOWN_ROWS))
            widgets.show_table(frames[part], f"{key}_{part}")


def diff_title(diff, key: str, **values) -> str:
    added, changed, removed = dm.diff_counts(diff)
    return tr(key, added=added, changed=changed, removed=removed, **values)


import_tab, history_tab, fresh_tab, template_tab, event_tab = st.tabs(
    [
        tr("dm.tab.import"),
        tr("dm.tab.history"),
        tr("dm.tab.fresh"),
        tr("dm.tab.templates"),
        tr("event.tab"),
    ],
    key="data_tabs",  # a keyed tab set keeps the open tab when the page is drawn again
)

# ---- 1 upload -> 2 report -> 3 preview -> 4 commit ----------------------------------------------
with import_tab:
    st.subheader(tr("dm.upload.header"))
    limit_text = tr("dm.upload.help", mb=dm.limit_mb(), rows=f"{dm.limits().max_rows:,}")
    kinds = " / ".join(f".{kind}" for kind in dm.UPLOAD_TYPES)
    uploaded = st.file_uploader(
        tr("dm.upload.choose", kinds=kinds),
        type=dm.UPLOAD_TYPES,
        key=dm.K_UPLOAD,
        max_upload_size=dm.limit_mb(),
    )
    st.caption(limit_text)
    st.caption(tr("dm.upload.other_kinds"))
    left, right = st.columns(2)
    table = left.selectbox(
        tr("imp.report.table"), [dm.ALL, *tables], key=dm.K_TABLE, format_func=table_name
    )
    mode = right.radio(
        tr("dm.upload.mode"),
        dm.MODES,
        key=dm.K_MODE,
        horizontal=True,
        format_func=lambda m: t(f"dm.mode.{m}", lang),
    )
    right.caption(tr("dm.mode.upsert.help"))
    right.caption(tr("dm.mode.replace.help"))
    right.caption(tr("geo.dm.mode"))  # a GeoJSON file of the communities' outlines

    with st.spinner(tr("dm.upload.reading")):
        analysis = dm.current_analysis(uploaded, table, mode, lang)
    if analysis is None:
        st.info(tr("dm.upload.none"))
    else:
        st.text(tr("dm.upload.file") + analysis.file_name)
    if analysis is not None and analysis.report is not None:
        st.subheader(tr("dm.report.header"))
        report = analysis.report
        errors, warnings = len(report.errors), len(report.warnings)
        if not errors and not warnings:
            st.success(tr("dm.report.ok"))
        else:
            box = st.error if errors else st.warning
            box(tr("dm.report.counts", errors=errors, warnings=warnings))
            total = errors + warnings
            shown = min(total, dm.SHOWN_PROBLEMS)
            if total > shown:
                st.caption(tr("dm.report.first", shown=shown, total=total))
            else:
                st.caption(tr("dm.report.all", total=total))
            widgets.show_table(dm.problems_frame(report, lang), "data_problems")
            deferred.download_button(
                st,
                tr("dm.report.download"),
                lambda: dm.report_bytes(report, lang),
                file_name="校验报告.xlsx" if lang == "zh" else "validation_report.xlsx",
                mime=deferred.XLSX_MIME,
                key="data_report_xlsx",
                icon=":material/download:",
            )
        if warnings and not errors:
            st.checkbox(tr("dm.report.accept", n=warnings), key=dm.K_ACCEPT)

        st.subheader(tr("dm.preview.header"))
        if analysis.failure:  # the store refused the preview (the report said nothing)
            st.error(analysis.failure)
        elif analysis.plan is None:
            st.info(tr("dm.preview.blocked"))
        else:
            diffs = {n: d for n, d in analysis.plan.diffs.items() if d.has_changes}
            if not diffs:
                st.info(tr("dm.preview.nothing"))
            for name, diff in diffs.items():
                title = diff_title(
                    diff, "dm.preview.table", label=dm.table_label(name, lang), table=name
                )
                with st.expander(title, expanded=len(diffs) == 1):
                    diff_details(diff, f"data_preview_{name}")
    elif analysis is not None:
        st.error(analysis.failure)

    if analysis is not None:
        st.subheader(tr("dm.commit.header"))
        blocker = dm.commit_blocker(analysis, st.session_state.get(dm.K_ACCEPT, False))
        st.button(
            tr("dm.commit.button"),
            key="data_commit",
            type="primary",
            disabled=blocker is not None,
            on_click=dm.commit_upload,
            icon=":material/cloud_upload:",
        )
        st.caption(blocker or tr("dm.commit.who", who=dm.plain(dm.who_text())))
    dm.say("commit")

# ---- 5 history: every version, compare two, roll back -------------------------------------------
with history_tab:
    st.subheader(tr("dm.history.header"))
    chosen = st.selectbox(
        tr("imp.report.table"),
        [dm.ALL, *tables],
        key="data_hist_table",
        format_func=lambda n: table_name(n, "dm.history.all"),
    )
    versions = dm.history(chosen)
    numbers = [v.number for v in versions]
    if not versions:
        st.info(tr("dm.history.none"))
    else:
        frame = dm.history_frame(versions, chosen or None, lang)
        widgets.show_table(frame, "data_history")

    if chosen:
        st.subheader(tr("dm.compare.header"))
        every = list(range(1, (version or 0) + 1))
        if len(every) < 2:
            st.info(tr("dm.compare.need_two"))
        else:
            left, right = st.columns(2)
            v1 = left.selectbox(tr("dm.compare.v1"), every, len(every) - 2, key="data_cmp_v1")
            v2 = right.selectbox(tr("dm.compare.v2"), every, len(every) - 1, key="data_cmp_v2")
            diff = dm.compare(chosen, v1, v2)
            st.text(diff_title(diff, "dm.compare.result", v1=v1, v2=v2))
            diff_details(diff, "data_cmp")

    st.subheader(tr("dm.rollback.header"))
    st.caption(tr("dm.rollback.help"))
    # The newest version of the table is the data in force: the targets are the older ones.
    targets = numbers[1:] if chosen else list(range((version or 1) - 1, 0, -1))
    if not targets:
        st.info(tr("dm.rollback.none"))
    else:
        everyone = versions if not chosen else dm.history(None)  # a target may predate it
        target = st.selectbox(
            tr("dm.rollback.version"),
            targets,
            key="data_rb_version",
            format_func=lambda n: dm.version_option(n, everyone),
        )
        what = dm.table_label(chosen, lang) if chosen else tr("dm.history.all")
        confirmed = st.checkbox(
            tr("dm.rollback.confirm", table=what, version=target), key="data_rb_confirm"
        )
        st.button(
            tr("dm.rollback.header"),
            key="data_rb_go",
            disabled=not confirmed,
            on_click=dm.rollback,
            args=(chosen or None, target),
            icon=":material/history:",
        )
    dm.say("rollback")

# ---- freshness ----------------------------------------------------------------------------------
with fresh_tab:
    st.subheader(tr("dm.fresh.header"))
    st.caption(tr("dm.fresh.help"))
    fresh = dm.freshness_frame(lang)
    widgets.show_table(fresh, "data_freshness", height=35 * (len(fresh) + 1) + 3)

# ---- 6 templates --------------------------------------------------------------------------------
with template_tab:
    st.subheader(tr("dm.tpl.header"))
    st.caption(tr("dm.tpl.help"))
    tpl = st.selectbox(tr("dm.tpl.table"), tables, key="data_tpl_table", format_func=table_name)
    row = st.container(horizontal=True)
    deferred.download_button(
        row,
        tr("dm.tpl.one"),
        lambda: dm.template_bytes(tpl, lang),
        file_name=f"{tpl}_template.xlsx",
        mime=deferred.XLSX_MIME,
        key="data_tpl_one",
        icon=":material/download:",
    )
    deferred.download_button(
        row,
        tr("dm.tpl.all"),
        lambda: dm.template_bytes(None, lang),
        file_name="all_tables_template.xlsx",
        mime=deferred.XLSX_MIME,
        key="data_tpl_all",
        icon=":material/download:",
    )

# ---- 7 events (事件标注): template, upload, import, export --------------------------------------
with event_tab:
    events.sheet_tab(lang)
