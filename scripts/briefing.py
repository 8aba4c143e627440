"""Write the briefing (汇报材料) as an HTML file, a PowerPoint and a Word 通报; print their paths.

    python -m scripts.briefing [--from 2011Q1] [--to 2011Q4] [--communities C01,C02]
                               [--basis qoq] [--lang zh] [--days 30] [--out briefings]

Options are checked the way the app checks a link (governance/filters.from_query), with the
same Chinese messages; a bad option is reported on stderr with exit code 2, unreadable data or
an unwritable folder with exit code 1. The data folder is GOVERNANCE_DATA_DIR or platform_data/.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import NoReturn

import pandas as pd
from sqlalchemy.exc import SQLAlchemyError

from governance import db
from governance import filters as flt
from governance.briefing import content, docx, html, pptx
from governance.i18n import LANGS, t

EXIT_BAD_OPTION, EXIT_FAILED = 2, 1
DEFAULT_OUT = "briefings"


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors said in Chinese (exit code 2)."""

    lang = "zh"

    def error(self, message: str) -> NoReturn:
        print(t("brief.cli.usage", self.lang, message=message), file=sys.stderr)
        raise SystemExit(EXIT_BAD_OPTION)


def parser(lang: str = "zh") -> argparse.ArgumentParser:
    p = _Parser(prog="python -m scripts.briefing", description=t("brief.title", lang))
    p.lang = lang
    p.add_argument("--from", dest="period_from", default=None, metavar="2011Q1")
    p.add_argument("--to", dest="period_to", default=None, metavar="2011Q4")
    p.add_argument("--communities", default="", metavar="C01,C02")
    p.add_argument("--basis", default=None, metavar="qoq|yoy|target")
    p.add_argument("--lang", default="zh", metavar="zh|en")
    days = str(content.DEFAULT_OVERDUE_DAYS)  # the handling time (queries/base/base_rules.sql)
    p.add_argument("--days", default=days, metavar=days)
    p.add_argument("--out", default=DEFAULT_OUT, metavar="folder")
    return p


def _fail(message: str, code: int) -> NoReturn:
    print(message, file=sys.stderr)
    raise SystemExit(code)


def _lang_of(argv: list[str]) -> str:
    """The --lang given (for the language of error messages), zh when absent or invalid."""
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        if value in LANGS:
            return value
    return "zh"


def _events() -> list:
    """Every event (事件标注) for the slides' footnotes; none when the state store cannot be
    read here (the files are written all the same)."""
    from governance import events, state

    try:
        return events.all_events()
    except (state.StateConfigError, state.StateUnavailable, SQLAlchemyError):
        return []


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_of(argv)
    args = parser(lang).parse_args(argv)
    # make passes every option, empty when not given (make briefing FROM= ...): empty = absent
    args.lang = args.lang.strip() or "zh"
    args.days = str(args.days).strip() or str(content.DEFAULT_OVERDUE_DAYS)
    args.out = str(args.out).strip() or DEFAULT_OUT
    if args.lang not in LANGS:
        _fail(t("brief.cli.bad_lang", lang, value=args.lang), EXIT_BAD_OPTION)
    days_text = str(args.days).strip()
    if not days_text.isdigit():
        _fail(t("brief.cli.bad_days", lang, value=args.days), EXIT_BAD_OPTION)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        _fail(
            t(
                "brief.cli.bad_out",
                lang,
                path=out,
                reason="不是文件夹" if lang == "zh" else "not a folder",
            ),
            EXIT_BAD_OPTION,
        )
    try:
        con = db.connect()
    except (db.MissingDataError, OSError) as exc:
        _fail(t("brief.cli.no_data", lang, reason=exc), EXIT_FAILED)
    # The operator's briefing reads the whole town; --communities narrows it as a filter.
    run = content.db_runner(con, db.WHOLE_TOWN)
    quarters = [pd.Timestamp(q).date() for q in run("periods_available", {})["quarter"]]
    ids = run("communities_list", {})["community_id"].tolist()
    if not quarters:
        _fail(t("brief.cli.no_data", lang, reason=t("empty.filters", lang)), EXIT_FAILED)
    query: dict[str, object] = {"lang": args.lang}
    for key, value in (("from", args.period_from), ("to", args.period_to), ("basis", args.basis)):
        if value is not None and value.strip():
            query[key] = value.strip()
    if args.communities.strip():
        query["c"] = args.communities
    filters, errors = flt.from_query(query, quarters, ids, content.data_as_of(run))
    if errors:
        _fail(
            "\n".join(t("brief.cli.bad_option", lang, message=e) for e in errors), EXIT_BAD_OPTION
        )
    started = time.perf_counter()
    deck = content.build_deck(
        run,
        filters,
        args.lang,
        overdue_days=int(days_text),
        events=_events(),
        since=_since_slide(run, filters, args.lang),
        duban=_duban_rows(run, filters, args.lang),
    )
    try:
        paths = [pptx.write(deck, out), html.write(deck, out), docx.write(deck, out)]
    except OSError as exc:
        _fail(t("brief.cli.bad_out", lang, path=out, reason=exc), EXIT_FAILED)
    elapsed = time.perf_counter() - started
    for path in paths:
        print(path)
    print(t("brief.cli.elapsed", lang, s=f"{elapsed:.2f}"), file=sys.stderr)
    return 0


def _duban_rows(run, filters, lang: str) -> list:
    """The follow-up items of the briefing's communities (every item for the whole town) as
    the 督办 slide's rows; none when the state store cannot be read here (the files are
    written all the same, the reason logged)."""
    import logging

    from governance.duban import report

    try:
        scope = filters.communities or db.WHOLE_TOWN
        return report.rows_for(run, scope, lang)
    except Exception:
        logging.getLogger("governance").exception("no 督办 items on the briefing")
        return []


def _since_slide(run, filters, lang: str):
    """上次会议以来 since the town's last meeting on record (None: none yet, or the store
    cannot be read — the briefing is written without it and the reason is logged)."""
    import logging
    from datetime import date

    from governance.meetings import store
    from governance.viewmodels import meetings as view

    try:
        latest = store.latest(db.WHOLE_TOWN)
        if latest is None:
            return None
        d = view.build(run, filters, lang, db.WHOLE_TOWN, latest.id)
        return view.slide(view.with_definition_changes(d, None, lang, date.today()), lang)
    except Exception:
        logging.getLogger("governance").exception("no 上次会议以来 slide")
        return None


def bench(folder: Path, repeats: int = 3) -> dict[str, float]:
    """Median seconds to build the whole-town deck and write each file from the data in
    ``folder`` (for make bench; the connection is opened once, outside the timing)."""
    import statistics
    import tempfile

    con = db.connect(folder)
    run = content.db_runner(con, db.WHOLE_TOWN)  # the whole-town deck
    quarters = [pd.Timestamp(q).date() for q in run("periods_available", {})["quarter"]]
    filters = flt.default_filters(quarters, content.data_as_of(run))
    timings: dict[str, list[float]] = {"deck": [], "html": [], "pptx": [], "total": []}
    with tempfile.TemporaryDirectory() as out:
        for _ in range(repeats):
            t0 = time.perf_counter()
            deck = content.build_deck(run, filters, "zh")
            t1 = time.perf_counter()
            html.write(deck, Path(out))
            t2 = time.perf_counter()
            pptx.write(deck, Path(out))
            t3 = time.perf_counter()
            for key, value in (("deck", t1 - t0), ("html", t2 - t1), ("pptx", t3 - t2)):
                timings[key].append(value)
            timings["total"].append(t3 - t0)
    con.close()
    return {key: statistics.median(values) for key, values in timings.items()}


if __name__ == "__main__":
    sys.exit(main())
