"""The data command line: import, export, history and rollback of the data in force.

    python -m scripts.data import FILE [--table T] [--mode upsert|replace] [--dry-run] [--strict]
    python -m scripts.data export TABLE FILE
    python -m scripts.data history [--table T]
    python -m scripts.data rollback VERSION [--table T]

The same code as the 数据管理 page (governance.datastore). Exit 0 on success; 1 when an
import is refused (errors, or warnings under --strict) and 2 for a wrong command (unknown
table, missing file): the report goes to stderr, in Chinese by default, and the data is not
touched. The data folder is ``GOVERNANCE_DATA_DIR`` (default platform_data/).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from governance.contract import TABLES_BY_NAME
from governance.datastore import (
    MODES,
    DataStoreError,
    NothingToCommitError,
    Plan,
    Store,
    os_user,
)
from governance.datastore.importing import prepare
from governance.i18n import t

_PLAIN_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_TRUE = ("1", "yes", "y", "true", "on")
_FALSE = ("0", "", "no", "n", "false", "off")
USAGE_ERROR = 2
REFUSED = 1
CHANGES_SHOWN = 5  # changed rows printed per table in the preview
# Each version's mode as history says it: an upload's as the data page says it (dm.mode.*),
# a rollback's and the first version's in words of their own (the page's take a number).
MODE_KEYS = {
    "upsert": "dm.mode.upsert",
    "replace": "dm.mode.replace",
    "rollback": "datastore_mode_rollback",
    "initial": "datastore_mode_initial",
}


class UsageError(Exception):
    pass


def _say(text: str, err: bool = False) -> None:
    print(text, file=sys.stderr if err else sys.stdout)


def _table_name(name: str | None, lang: str) -> str | None:
    """A TABLE given on the command line: a plain name of a contract table, or an error."""
    if name is None or name == "":
        return None
    if not _PLAIN_NAME.match(name):
        raise UsageError(t("datastore_cli_bad_table_name", lang, table=name))
    if name not in TABLES_BY_NAME:
        raise UsageError(
            t("datastore_err_unknown_table", lang, table=name, tables=", ".join(TABLES_BY_NAME))
        )
    return name


def _shown(value: object) -> str:
    if value is None:
        return "（空）"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def print_preview(plan: Plan, lang: str) -> None:
    _say(t("datastore_cli_preview", lang, mode=t(MODE_KEYS[plan.mode], lang)))
    for name, tp in plan.tables.items():
        d = tp.diff
        label = TABLES_BY_NAME[name].label_en if lang == "en" else TABLES_BY_NAME[name].label_zh
        _say(
            t(
                "datastore_cli_preview_row",
                lang,
                table=name,
                label=label,
                added=d.added,
                changed=d.changed,
                removed=d.removed,
                unchanged=d.unchanged,
            )
        )
        for change in d.changed_rows[:CHANGES_SHOWN]:
            key = "/".join(_shown(v) for v in change.key.values())
            for column, (old, new) in change.values.items():
                _say(
                    t(
                        "datastore_cli_change",
                        lang,
                        row_key=key,
                        column=column,
                        old=_shown(old),
                        new=_shown(new),
                    )
                )


def _flag(name: str, value: str, lang: str) -> bool:
    text = value.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise UsageError(t("datastore_cli_bad_flag", lang, name=name, value=value))


def cmd_import(args: argparse.Namespace, store: Store) -> int:
    lang = args.lang
    table = _table_name(args.table, lang)
    args.dry_run = _flag("DRY_RUN", args.dry_run, lang)
    args.strict = _flag("STRICT", args.strict, lang)
    if args.mode not in MODES:
        raise UsageError(t("datastore_err_bad_mode", lang, mode=args.mode))
    if not args.file:
        raise UsageError(t("datastore_cli_no_file", lang, file="FILE=?"))
    path = Path(args.file)
    if not path.is_file():
        raise UsageError(t("datastore_cli_no_file", lang, file=args.file))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(t("datastore_cli_io_error", lang, file=args.file, reason=exc)) from None
    prepared = prepare(store, path.name, data, table=table, mode=args.mode)
    report = prepared.report
    if report.errors or prepared.error is not None:
        for line in report.messages(lang):
            _say(line, err=True)
        if prepared.error is not None:
            _say(prepared.error.text(lang), err=True)
        count = len(report.errors) + (prepared.error is not None)
        _say(t("datastore_cli_rejected", lang, errors=count), err=True)
        return REFUSED
    if prepared.plan is None:
        _say(t("datastore_cli_nothing_in_file", lang), err=True)
        return REFUSED
    if report.warnings:
        _say(t("datastore_cli_warnings", lang, count=len(report.warnings)), err=args.strict)
        for problem in report.warnings:
            _say(problem.message(lang), err=args.strict)
    print_preview(prepared.plan, lang)
    if args.strict and report.warnings:
        _say(t("datastore_cli_strict", lang, warnings=len(report.warnings)), err=True)
        return REFUSED
    if args.dry_run:
        _say(t("datastore_cli_dry_run", lang))
        return 0
    try:
        version = store.commit(prepared.plan, who=os_user(), source=path.name)
    except NothingToCommitError as exc:
        _say(exc.text(lang))
        return 0
    _audit(
        "commit",
        {
            "version": version.number,
            "file": version.source,
            "mode": version.mode,
            "tables": version.changed_tables,
        },
    )
    _say(
        t(
            "datastore_cli_committed",
            lang,
            version=version.number,
            who=version.who,
            source=version.source,
        )
    )
    return 0


def _audit(event: str, detail: dict) -> None:
    """The command line's changes on the record too (as the page's), by ``cli:<OS user>``. A
    log that cannot be written is said on stderr; the data is committed all the same."""
    from governance.auth import audit

    try:
        audit.record(f"cli:{os_user()}", event, detail)
    except Exception as exc:  # the audit store is optional for a commit that has landed
        _say(f"审计日志未能写入：{type(exc).__name__}", err=True)


def cmd_export(args: argparse.Namespace, store: Store) -> int:
    lang = args.lang
    table = _table_name(args.table, lang)
    if table is None:
        raise UsageError(t("datastore_cli_bad_table_name", lang, table=""))
    try:
        rows = store.export_csv(table, args.file)
    except OSError as exc:
        raise UsageError(t("datastore_cli_io_error", lang, file=args.file, reason=exc)) from None
    _say(t("datastore_cli_exported", lang, table=table, rows=rows, file=args.file))
    return 0


def cmd_history(args: argparse.Namespace, store: Store) -> int:
    lang = args.lang
    table = _table_name(args.table, lang)
    versions = store.history(table)
    if store.current_version() is None:
        _say(t("datastore_cli_no_versions", lang))
        return 0
    _say(t("datastore_cli_history_head", lang))
    for v in versions:
        mode = t(MODE_KEYS[v.mode], lang)
        if v.rollback_of is not None:
            mode = f"{mode}→v{v.rollback_of}"
        changed = [table] if table else v.changed_tables
        _say(
            f"{v.number:>4}  {v.created:%Y-%m-%d %H:%M:%S}  {v.who:<10}  {mode:<9}  "
            f"{v.source or '—'}  {', '.join(changed)}"
        )
        for name in changed:
            entry = v.tables[name]
            rows = "—" if entry.rows is None else f"{entry.rows:,}"
            _say(
                t(
                    "datastore_cli_history_tables",
                    lang,
                    table=name,
                    rows=rows,
                    sha=entry.sha256[:12],
                )
            )
    return 0


def cmd_rollback(args: argparse.Namespace, store: Store) -> int:
    lang = args.lang
    table = _table_name(args.table, lang)
    try:
        number = int(str(args.version).strip())
    except ValueError:
        raise UsageError(
            t("datastore_err_unknown_version", lang, version=args.version, versions="1, 2, …")
        ) from None
    try:
        plan = store.plan_rollback(table, number)
    except DataStoreError as exc:
        raise UsageError(exc.text(lang)) from None
    print_preview(plan, lang)
    try:
        version = store.rollback(table, number, who=os_user())
    except NothingToCommitError as exc:
        _say(exc.text(lang))
        return 0
    _audit("rollback", {"version": version.number, "to": number, "tables": version.changed_tables})
    _say(
        t(
            "datastore_cli_rolled_back",
            lang,
            tables=", ".join(version.changed_tables),
            target=number,
            version=version.number,
        )
    )
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m scripts.data", description=__doc__.split("\n")[0])
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument("--data-dir", help="the data folder (default: GOVERNANCE_DATA_DIR)")
    sub = p.add_subparsers(dest="command", required=True)
    imp = sub.add_parser("import", help="validate, preview and commit a file")
    imp.add_argument("file")
    imp.add_argument("--table")
    imp.add_argument("--mode", default="upsert")
    # `--dry-run` alone, or `--dry-run=0/1` as the Makefile passes DRY_RUN and STRICT
    imp.add_argument("--dry-run", nargs="?", const="1", default="0")
    imp.add_argument("--strict", nargs="?", const="1", default="0")
    exp = sub.add_parser("export", help="write the table in force as UTF-8 CSV")
    exp.add_argument("table")
    exp.add_argument("file")
    his = sub.add_parser("history", help="list the committed versions")
    his.add_argument("--table")
    rol = sub.add_parser("rollback", help="restore a table (or all) as of a version")
    rol.add_argument("version")
    rol.add_argument("--table")
    return p


COMMANDS = {
    "import": cmd_import,
    "export": cmd_export,
    "history": cmd_history,
    "rollback": cmd_rollback,
}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    store = Store(args.data_dir) if args.data_dir else Store()
    try:
        return COMMANDS[args.command](args, store)
    except UsageError as exc:
        _say(str(exc), err=True)
        return USAGE_ERROR
    except DataStoreError as exc:
        _say(exc.text(args.lang), err=True)
        return REFUSED
    except OSError as exc:
        # the data folder unwritable, a full disk...: said plainly; a commit that fails
        # midway leaves the version in force unchanged
        _say(
            t("datastore_cli_io_error", args.lang, file=exc.filename or "", reason=exc.strerror),
            err=True,
        )
        return REFUSED


if __name__ == "__main__":
    sys.exit(main())
