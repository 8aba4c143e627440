"""Streamlit glue of the 数据管理 page: upload -> report -> preview -> commit, history, rollback.

views/data/data.py draws; this module calls the import pipeline shared with ``make import``
(governance.datastore.importing.prepare: the importer's read and validation, the store's
preview), the store's commit, history, compare and rollback, and turns every failure into a
Chinese message (never a traceback). The analysis of the file on screen is kept in session
state, so a rerun does not read and validate a 50 MB file again.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from governance import clock, contract, db, importer
from governance.auth import audit as audit_log
from governance.auth import roles
from governance.auth.guard import WriteRefused
from governance.datastore import DataStoreError, Diff, Store, Version
from governance.datastore.importing import Prepared, prepare
from governance.export import labelled
from governance.text import plain as text_plain
from ui import auth, data, state
from ui import flash as flash_box
from ui.state import tr

log = logging.getLogger("governance")

K_UPLOAD, K_TABLE, K_MODE = "data_upload", "data_table", "data_mode"
K_ACCEPT, K_ANALYSIS, K_FLASH = "data_accept_warnings", "data_analysis", "data_flash"
MODES = ("upsert", "replace")
ALL = ""  # the table choice "detect from the file" (upload) or "every table" (history)
SHOWN_PROBLEMS = 200
SHOWN_ROWS = 20
# the kinds the importer reads and no other: a kind the widget lets through would only be
# refused after the upload (the page says to save .xls and .xlsm as .xlsx)
UPLOAD_TYPES = [suffix.lstrip(".") for suffix in importer.ACCEPTED]


# ---- who may use the page, and who commits ------------------------------------------------------
def current_user_name() -> str | None:
    """The logged-in user's name (issue 12's login); None while the app runs without login."""
    return auth.current_user_name()


def may_manage_data() -> bool:
    """Whether this session may import, commit and roll back — editors and admins once login
    is on (issue 12), everyone in the local demo. The login gate hides the page from others;
    this is the page's own check, so a session that reaches it anyway is refused too."""
    if not auth.enabled():
        return True
    role = auth.role()
    return role is not None and roles.may_open(role, "data")


def guard() -> None:
    """Stop the page with a clear message for a session that may not manage data."""
    if not may_manage_data():
        st.error(tr("dm.denied"))
        st.stop()


def who() -> str:
    """The logged-in user, else :data:`audit.NOBODY` (the demo: no login), as every other
    record names them; not the server's operating-system user ("root"), which named nobody
    who uses the page. The command line records its own user (datastore.os_user)."""
    return current_user_name() or audit_log.NOBODY


def who_text() -> str:
    """:func:`who` as the page says it (no login: in words)."""
    return audit_log.user_text(who(), state.lang())


def audit(event: str, detail: dict[str, Any]) -> None:
    """One line in the audit log (issue 12: imports, commits, rollbacks, with who and what).
    A log that cannot be written is logged, never shown as a traceback: the data is safe."""
    try:
        audit_log.record(who(), event, detail)
    except Exception:
        log.exception("audit record of %s failed", event)


# ---- text from files is shown as text -----------------------------------------------------------


def plain(text: object) -> str:
    """``text`` shown literally in the elements that always render Markdown (st.error,
    st.success): a file name like ``**x**.csv`` stays as typed; whole (a store's message is
    never cut). The one escaping rule, governance.text.plain."""
    return text_plain(text, None)


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def store_error(err: Exception, lang: str) -> str:
    """A store error in the UI language; anything else by its kind (the log has the rest)."""
    if isinstance(err, DataStoreError):
        return err.text(lang)
    return type(err).__name__


# ---- the store, the limits, names ---------------------------------------------------------------
def store() -> Store:
    return Store(db.data_dir())


def limits() -> importer.Limits:
    return importer.Limits()


def limit_mb() -> int:
    return max(1, limits().max_bytes // (1024 * 1024))


def table_names() -> list[str]:
    return [t.name for t in contract.TABLES]


def table_label(name: str, lang: str) -> str:
    t = contract.table(name)
    return t.label_en if lang == "en" else t.label_zh


def column_label(table: str, column: str, lang: str) -> str:
    """ "中文名 (name)" of a contract column; the name alone for one the contract lacks."""
    try:
        col = contract.table(table).column(column)
    except KeyError:
        return str(column)
    return f"{col.label_en if lang == 'en' else col.label_zh} ({col.name})"


def version_now() -> int | None:
    try:
        return store().current_version()
    except (OSError, ValueError):  # a damaged pointer: the page still opens
        log.exception("reading the current version failed")
        return None


# ---- the analysis of one upload -----------------------------------------------------------------
@dataclass
class Analysis:
    """What the page shows about one file: a failure in words, or its report and plan."""

    key: tuple
    file_name: str
    failure: str | None = None
    prepared: Prepared | None = None

    @property
    def report(self) -> importer.Report | None:
        return self.prepared.report if self.prepared else None

    @property
    def plan(self) -> Any:
        return self.prepared.plan if self.prepared else None


def analyse(
    name: str, data: bytes, table: str | None, mode: str, lang: str, record: bool = True
) -> Analysis:
    """Read, validate and preview one uploaded file; every failure becomes a message.
    ``record``: write the import to the audit log (not when the same file is only checked
    again, against a new version or in another mode)."""
    key = _key(name, data, table, mode)
    out = Analysis(key=key, file_name=name)
    try:
        out.prepared = prepare(store(), name, data, table=table, mode=mode, limits=limits())
    except Exception as err:
        log.exception("preparing the upload %r failed", name)
        out.failure = tr("dm.read.crash", kind=type(err).__name__)
        return out
    if out.prepared.error is not None:
        out.failure = tr("dm.preview.failed", reason=plain(out.prepared.error.text(lang)))
    report = out.prepared.report
    if not record:
        return out
    audit(
        "import",
        {
            "file": name,
            "mode": mode,
            "tables": sorted(out.prepared.parsed.tables),
            "errors": len(report.errors),
            "warnings": len(report.warnings),
        },
    )
    return out


def _key(name: str, data: bytes, table: str | None, mode: str) -> tuple:
    # The version in force is part of the key: after a commit the same file is compared again.
    digest = hashlib.sha256(data).hexdigest()
    return (name, digest, table, mode, version_now())


def current_analysis(uploaded: Any, table: str, mode: str, lang: str) -> Analysis | None:
    """The analysis of the file in the uploader, computed once per file, table, mode and data
    version (one per session in session state, replaced by the next)."""
    if uploaded is None:
        st.session_state.pop(K_ANALYSIS, None)
        return None
    data = uploaded.getvalue()
    key = _key(uploaded.name, data, table or None, mode)
    kept = st.session_state.get(K_ANALYSIS)
    if kept is None or kept.key != key:
        again = kept is not None and kept.key[:2] == key[:2]
        kept = analyse(uploaded.name, data, table or None, mode, lang, record=not again)
        st.session_state[K_ANALYSIS] = kept
        # warnings accepted were another file's (or the data before a commit): ask again
        st.session_state.pop(K_ACCEPT, None)
    return kept


# ---- the report ---------------------------------------------------------------------------------
def problems_frame(
    report: importer.Report, lang: str, limit: int | None = SHOWN_PROBLEMS
) -> pd.DataFrame:
    """Errors first, then warnings, as the page's table (every value as text)."""
    rows = []
    for p in (report.errors + report.warnings)[:limit]:
        label = p.column_label_en if lang == "en" else p.column_label_zh
        column = p.column_name or ""
        if column and label and label != column:
            column = f"{label} ({column})"
        rows.append(
            [
                tr("imp.msg.error" if p.is_error else "dm.level.warning"),
                _text(p.file),
                _text(p.sheet),
                tr("dm.row.kept") if p.in_force and p.row is None else _text(p.row),
                column,
                _text(p.value),
                p.reason_en if lang == "en" and p.reason_en else p.reason_zh,
            ]
        )
    # the report workbook's headers (imp.report.*) for the columns it has too
    columns = [
        tr("dm.col.level"),
        tr("imp.report.file"),
        tr("imp.report.sheet_col"),
        tr("imp.report.row"),
        tr("dm.col.column"),
        tr("imp.report.value"),
        tr("imp.report.reason"),
    ]
    return pd.DataFrame(rows, columns=columns, dtype="string")


def report_bytes(report: importer.Report, lang: str) -> bytes:
    return importer.report_xlsx(report, lang)


def commit_blocker(analysis: Analysis | None, accepted: bool) -> str | None:
    """Why the file cannot be committed, in words; None when it can."""
    if analysis is None:
        return tr("dm.upload.none")
    if analysis.failure or analysis.report is None:
        return tr("dm.preview.blocked")
    errors, warnings = len(analysis.report.errors), len(analysis.report.warnings)
    if errors:
        return tr("dm.commit.why_errors", n=errors)
    if analysis.plan is None or not analysis.plan.has_changes:
        return tr("dm.commit.why_nothing")
    if warnings and not accepted:
        return tr("dm.commit.why_warnings", n=warnings)
    return None


# ---- diffs (preview and compare) ----------------------------------------------------------------
def diff_counts(diff: Diff) -> tuple[int, int, int]:
    return (diff.added, diff.changed, diff.removed)


def diff_frames(diff: Diff, lang: str) -> dict[str, pd.DataFrame]:
    """The first rows added, changed (one line per changed field: old -> new) and removed,
    with headers in ``lang`` and every value as text."""

    def rows(df: pd.DataFrame) -> pd.DataFrame:
        shown = df.head(SHOWN_ROWS).map(_text).astype("string")
        return labelled(shown, lang, table=diff.table)

    changed = [
        [
            " / ".join(_text(v) for v in change.key.values()),
            column_label(diff.table, column, lang),
            _text(old),
            _text(new),
        ]
        for change in diff.changed_rows[:SHOWN_ROWS]
        for column, (old, new) in change.values.items()
    ]
    keys = ("key", "field", "old", "new")
    return {
        "added": rows(diff.added_rows),
        "changed": pd.DataFrame(changed, columns=[tr(f"dm.col.{k}") for k in keys], dtype="string"),
        "removed": rows(diff.removed_rows),
    }


# ---- commit, rollback (button callbacks: they run before the page is drawn again) ---------------
def flash(place: str, kind: str, message: str) -> None:
    """A message for the next run, shown at ``place`` (beside the button that caused it)."""
    flash_box.put(f"{K_FLASH}_{place}", kind, message)


def say(place: str) -> None:
    """The outcome of the last commit or rollback, once, where its button is."""
    flash_box.say(f"{K_FLASH}_{place}")


def refused(place: str, refusal: WriteRefused) -> None:
    """A refused write said beside its button; one that ended the login, above the login form."""
    if refusal.logged_out:
        auth.refuse_later(refusal)
    else:
        flash(place, "error", auth.refusal_text(refusal))


def commit_upload() -> None:
    """Commit the analysed file (the button is disabled unless it may be)."""
    analysis: Analysis | None = st.session_state.get(K_ANALYSIS)
    if commit_blocker(analysis, st.session_state.get(K_ACCEPT, False)):
        return
    target = store()

    def check(final: Any) -> None:
        # Under the store's lock, on the plan that will be written (re-made if another commit
        # landed since the preview) and with the account as it is now: a community-scoped
        # editor changes only their communities' rows.
        touched = target.communities_touched(final) if auth.enabled() else ()
        auth.authorize_write("commit", "editor", touched)

    try:
        version = target.commit(analysis.plan, who=who(), source=analysis.file_name, check=check)
    except WriteRefused as refusal:
        refused("commit", refusal)
        return
    except Exception as err:
        log.exception("commit of %r failed", analysis.file_name)
        flash(
            "commit", "error", tr("dm.commit.failed", reason=plain(store_error(err, state.lang())))
        )
        return
    st.session_state.pop(K_ACCEPT, None)
    detail = {"version": version.number, "file": analysis.file_name, "mode": version.mode}
    audit("commit", {**detail, "tables": version.changed_tables})
    flash("commit", "success", tr("dm.commit.done", version=version.number))


def rollback(table: str | None, version: int) -> None:
    """Restore ``table`` (None: every table) to ``version`` as a new version. It changes the
    whole town's rows: a community-scoped editor may not."""
    lang = state.lang()
    what = table_label(table, lang) if table else tr("dm.history.all")

    def check(_final: Any) -> None:
        auth.authorize_write("rollback", "editor", None)  # None: the whole town's rows

    try:
        new = store().rollback(table, version, who=who(), check=check)
    except WriteRefused as refusal:
        refused("rollback", refusal)
        return
    except Exception as err:
        log.exception("rollback of %s to %s failed", table, version)
        flash("rollback", "error", tr("dm.rollback.failed", reason=plain(store_error(err, lang))))
        return
    # unticked, not forgotten: a forgotten key left the browser's box ticked after the rollback
    st.session_state["data_rb_confirm"] = False
    audit("rollback", {"table": table or "*", "to": version, "version": new.number})
    flash(
        "rollback",
        "success",
        tr("dm.rollback.done", table=what, target=version, version=new.number),
    )


# ---- history, compare, freshness, templates -----------------------------------------------------
def history(table: str | None) -> list[Version]:
    return store().history(table or None)


def history_frame(versions: list[Version], table: str | None, lang: str) -> pd.DataFrame:
    """Every version (of ``table``, or of the whole store): when, who, source file, mode,
    and for one table its rows, the rows added/changed/removed and the file's checksum."""
    out = []
    for v in versions:
        row = {
            tr("dm.col.version"): v.number,
            tr("dm.col.when.zone"): clock.beijing(v.created),  # Beijing time, said so
            # version 1 is the files found in the folder (the demo data), not its committer's
            tr("dm.col.who"): tr("dm.who.initial")
            if v.mode == "initial"
            else audit_log.user_text(v.who, lang),
            tr("dm.col.source"): v.source or "—",
            tr("dm.col.mode"): mode_name(v),
        }
        entry = v.tables.get(table) if table else None
        if entry is not None:
            row[tr("dm.col.rows")] = entry.rows
            row[tr("dm.col.delta")] = f"+{entry.added} / ~{entry.updated} / -{entry.removed}"
            row[tr("dm.col.checksum")] = entry.sha256[:16]
        elif table is None:
            names = [table_label(n, lang) for n in v.changed_tables]
            row[tr("dm.col.tables")] = "、".join(names) if lang == "zh" else ", ".join(names)
        out.append(row)
    return pd.DataFrame(out)


def version_option(number: int, versions: list[Version]) -> str:
    """A version to roll back to, as the history table says it: 第 2 版 · when · source."""
    v = next((x for x in versions if x.number == number), None)
    if v is None:
        return tr("dm.rollback.option.bare", n=number)
    source = v.source or mode_name(v)
    when = clock.beijing(v.created, seconds=False)
    return tr("dm.rollback.option", n=number, when=when, source=source)


def mode_name(v: Version) -> str:
    if v.mode == "rollback":
        return tr("dm.mode.rollback", version=v.rollback_of)
    return tr(f"dm.mode.{v.mode}") if v.mode in ("upsert", "replace", "initial") else v.mode


def compare(table: str, v1: int, v2: int) -> Diff:
    return _compare(str(db.data_dir().resolve()), table, v1, v2)


# A committed version never changes, so a comparison of two is kept (a large table takes a
# second); the freshness of files not yet under versions means reading every table, so it is
# kept per data fingerprint.
@st.cache_data(show_spinner=False, max_entries=16, ttl=3600)
def _compare(folder: str, table: str, v1: int, v2: int) -> Diff:
    return Store(folder).compare(table, v1, v2)


@st.cache_data(show_spinner=False, max_entries=4, ttl=600)
def _freshness(folder: str, fingerprint: str) -> pd.DataFrame:
    return Store(folder).freshness()


def freshness_frame(lang: str) -> pd.DataFrame:
    """Per table: last commit (version, when, who, file), the periods it covers, rows."""
    df = _freshness(str(db.data_dir().resolve()), data.fingerprint())

    def when(value: Any) -> str:
        return clock.beijing(value, seconds=False)

    initial = {v.number for v in history(None) if v.mode == "initial"}  # the demo data

    def span(lo: Any, hi: Any) -> str:
        return "—" if pd.isna(lo) else f"{_text(lo)} – {_text(hi)}"

    return pd.DataFrame(
        {
            tr("imp.report.table"): df["table"],
            tr("common.name"): df["label_en" if lang == "en" else "label_zh"],
            tr("dm.col.version"): df["version"],
            tr("dm.col.last_commit.zone"): df["committed_at"].map(when),
            tr("dm.col.who"): [
                tr("dm.who.initial")
                if v in initial
                else (audit_log.user_text(w, lang) if isinstance(w, str) and w else "—")
                for v, w in zip(df["version"], df["who"], strict=True)
            ],
            tr("dm.col.source"): df["source"].fillna("").replace("", "—"),
            tr("dm.col.periods"): [
                span(lo, hi) for lo, hi in zip(df["period_from"], df["period_to"], strict=True)
            ],
            tr("dm.col.rows"): df["rows"],
        }
    )


def template_bytes(table: str | None, lang: str) -> bytes:
    return importer.template_xlsx(table or None, lang)
