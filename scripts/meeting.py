"""Record a joint meeting with what it saw, or list the meetings (make meeting / make meetings).

    python -m scripts.meeting record --date 2011-09-26 [--title 标题] [--communities C01,C02]
                                     [--notes 备注]
    python -m scripts.meeting list

``record`` takes the snapshot of the quarter containing the date (the period that quarter and
the app's default span before it, governance/filters.default_filters) from the data in force
(GOVERNANCE_DATA_DIR or platform_data/), records it as the machine's operator (``cli:<os
user>``, on the audit log) and prints the new meeting's number and a one-line summary. A bad
date, a date outside the data, an unknown community id or notes too long: a Chinese message on
stderr and exit code 2; unreadable data: exit code 1.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date
from typing import NoReturn

import pandas as pd

from governance import db, periods
from governance import filters as flt
from governance.briefing import content
from governance.i18n import t
from governance.meetings import snapshot, store
from governance.meetings.store import MeetingError

EXIT_BAD_OPTION, EXIT_FAILED = 2, 1
LANG = "zh"


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors said in Chinese (exit code 2)."""

    def error(self, message: str) -> NoReturn:
        _fail(t("common.cli_usage", LANG, message=message), EXIT_BAD_OPTION)


def _fail(message: str, code: int) -> NoReturn:
    print(message, file=sys.stderr)
    raise SystemExit(code)


def cli_actor() -> str:
    return f"cli:{getpass.getuser()}"


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m scripts.meeting", description=t("meet.title.default", LANG))
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    rec = sub.add_parser("record")
    rec.add_argument("--date", required=True, metavar="2011-09-26")
    rec.add_argument("--title", default="")
    rec.add_argument("--communities", default="", metavar="C01,C02")
    rec.add_argument("--notes", default="")
    sub.add_parser("list")
    return p


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        _fail(t("meet.cli.bad_date", LANG, value=text), EXIT_BAD_OPTION)


def _filters(run: content.Runner, day: date, communities: str) -> flt.Filters:
    """The quarter containing ``day`` and the default span before it, for ``communities``."""
    quarters = [pd.Timestamp(q).date() for q in run("periods_available", {})["quarter"]]
    as_of = content.data_as_of(run)
    if not quarters:
        _fail(t("common.cli_no_data", LANG, reason=t("empty.filters", LANG)), EXIT_FAILED)
    quarter = periods.quarter_start(day)
    last = min(quarters[-1], periods.quarter_start(as_of)) if as_of else quarters[-1]
    if quarter not in quarters or quarter > last:
        _fail(
            t(
                "meet.cli.outside",
                LANG,
                date=day.isoformat(),
                first=periods.display(quarters[0], LANG),
                last=periods.display(last, LANG),
                as_of=as_of.isoformat() if as_of else "—",
            ),
            EXIT_BAD_OPTION,
        )
    f = flt.default_filters(quarters, day)
    known = run("communities_list", {})["community_id"].tolist()
    chosen = [c.strip() for c in communities.split(",") if c.strip()]
    for c in chosen:
        if c not in known:
            _fail(
                t("meet.cli.bad_community", LANG, value=c, known="、".join(known)),
                EXIT_BAD_OPTION,
            )
    ordered = tuple(c for c in known if c in chosen)
    return flt.Filters(f.period_from, f.period_to, ordered, flt.DEFAULT_BASIS, LANG)


def _scope_words(m: store.Meeting) -> str:
    names = {c: pair[0] for c, pair in m.snapshot.get("names", {}).items()}
    if not m.filters.communities:
        return t("common.town", LANG)
    return "、".join(names.get(c, c) for c in m.filters.communities)


def record(args: argparse.Namespace) -> int:
    day = _day(args.date)
    try:
        con = db.connect()
    except (db.MissingDataError, OSError) as exc:
        _fail(t("common.cli_no_data", LANG, reason=exc), EXIT_FAILED)
    # The operator of the machine: the whole town (the communities are a filter, not a scope).
    run = content.db_runner(con, db.WHOLE_TOWN)
    f = _filters(run, day, args.communities)
    snap = snapshot.take(run, f, db.WHOLE_TOWN)
    try:
        m = store.record(cli_actor(), db.WHOLE_TOWN, day, args.title, f, args.notes, snap)
    except MeetingError as err:
        _fail(str(err), EXIT_BAD_OPTION)
    scored = [snap["indicators"][i] for i in snap["indicators"] if i != "skip_level_persons"]
    # every indicator with a target and a value; one on few cases has no light (样本少)
    with_target = [e for e in scored if e["target"] is not None and e["value"] is not None]
    small = sum(e["status"] == "sample.word" for e in with_target)
    print(
        t(
            "meet.cli.recorded",
            LANG,
            id=m.id,
            date=store.date_text(m.date, LANG),
            title=m.title_text(LANG),
            start=periods.display(m.filters.period_from, LANG),
            end=periods.display(m.filters.period_to, LANG),
            scope=_scope_words(m),
            n=len(with_target),
            met=sum(e["light"] == "green" for e in with_target),
            small=t("meet.cli.recorded.small", LANG, k=small) if small else "",
        )
    )
    return 0


def listing() -> int:
    meetings = store.list_for(db.WHOLE_TOWN)
    if not meetings:
        print(t("meet.cli.none", LANG))
    for m in meetings:
        print(
            t(
                "meet.cli.row",
                LANG,
                id=m.id,
                date=m.date.isoformat(),
                title=m.title_text(LANG),
                start=periods.to_label(m.filters.period_from),
                end=periods.to_label(m.filters.period_to),
                scope=_scope_words(m),
                by=m.recorded_by,
            )
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "record":
        return record(args)
    return listing()


if __name__ == "__main__":
    sys.exit(main())
