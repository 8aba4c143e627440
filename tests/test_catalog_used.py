"""Every key of the string catalog is used by the product: no text is kept that no page, file or
command can show.

A key is used when the production code (app.py, ui/, views/, governance/ but its catalog,
scripts/) holds it as a whole string, or when it is one of a family of keys built at run time
(``f"audit.{event}"``). The families are listed below (FAMILIES), each with where its suffixes
come from, and checked against that source: a key of a family whose suffix the source does not
hold is as unused as a key no code names; and where the code asks the catalog for every value of
the source (no ``in CATALOG`` guard), every value must have its key. A family whose f-string is
gone from the code is reported too.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from governance import contract, events, indicators
from governance import filters as flt
from governance.auth import audit, guard, roles
from governance.datastore import MODES
from governance.duban import rules as duban
from governance.i18n import CATALOG
from governance.i18n.categories import VALUE_KEYS
from governance.importer import invisible
from governance.longterm import COLUMN_KEYS as LONGTERM_COLUMNS
from governance.party import _NAMED as PARTY_NAMED
from governance.viewmodels import duban as duban_table
from governance.viewmodels.longterm import RECORD_KINDS as LONGTERM_RECORDS
from governance.viewmodels.party import RECORD_TABS as PARTY_RECORDS
from governance.whatif import display as whatif_display
from governance.whatif.collection import COLLECTION_METHODS
from governance.whatif.compare import OUTCOME_KEYS
from governance.whatif.forward import HORIZONS
from governance.whatif.params import PERIODS, POLICIES
from governance.whatif.scenario import TARGET_BOUNDS
from ui.present import BRIEFING_FILES

ROOT = Path(__file__).resolve().parent.parent
CATALOG_DIR = ROOT / "governance" / "i18n"
PRODUCTION = sorted(
    p
    for p in [
        *ROOT.glob("*.py"),
        *(ROOT / "views").rglob("*.py"),
        *(ROOT / "ui").rglob("*.py"),
        *(ROOT / "governance").rglob("*.py"),
        *(ROOT / "scripts").rglob("*.py"),
    ]
    if CATALOG_DIR not in p.parents
)
QUERIES = sorted((ROOT / "queries").rglob("*.sql"))


@cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


@cache
def _strings(path: Path) -> frozenset[str]:
    """The strings ``path`` holds whole (the text pieces of an f-string are not whole)."""
    tree = _tree(path)
    pieces = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    return frozenset(
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in pieces
    )


def strings_of(*files: str) -> set[str]:
    return set().union(*(_strings(ROOT / f) for f in files))


def literal_args(function: str, position: int, *files: str) -> set[str]:
    """The literal argument at ``position`` of every call of ``function`` in ``files`` (none:
    the production code)."""
    return {
        arg.value
        for path in ([ROOT / f for f in files] or PRODUCTION)
        for n in ast.walk(_tree(path))
        if isinstance(n, ast.Call)
        and getattr(n.func, "id", getattr(n.func, "attr", None)) == function
        and len(n.args) > position
        and isinstance(arg := n.args[position], ast.Constant)
    }


@cache
def literal() -> frozenset[str]:
    return frozenset().union(*(_strings(p) for p in PRODUCTION))


@cache
def f_string_text() -> str:
    """Every f-string of the production code, its text pieces and ``{}`` for each value."""
    return "\n".join(
        "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in n.values)
        for path in PRODUCTION
        for n in ast.walk(_tree(path))
        if isinstance(n, ast.JoinedStr)
    )


def _columns_of(page: str) -> Callable[[], set[str]]:
    """A name a column of ``page`` can have: a string of its code (a file or folder named after
    it) or a word of its queries (queries/<page>_*.sql), or a name column of party's records
    (localise makes ``<pair>_name``)."""

    def names() -> set[str]:
        queries = (ROOT / "queries").rglob(f"{page}_*.sql")
        words = {w for q in queries for w in re.findall(r"\w+", q.read_text(encoding="utf-8"))}
        files = [p for p in PRODUCTION if page in p.relative_to(ROOT).parts or p.stem == page]
        named = {f"{stem}_name" for stem in PARTY_NAMED} if page == "party" else set()
        return words | set().union(*(_strings(p) for p in files)) | named

    return names


def _whatif_columns() -> set[str]:
    """The columns whatif.display.labels words by whatif.col.<column> (the others share a key)."""
    names = {"company", "community", "indicator", *whatif_display.COLUMN_KINDS, "year", "item"}
    return names - set(whatif_display._SHARED_HEADERS)


def _briefing_columns() -> set[str]:
    return literal_args("col", 0, "governance/briefing/content.py")


def _hidden_char(suffix: str) -> bool:
    return bool(re.fullmatch(r"[0-9a-f]{4,6}", suffix)) and bool(
        invisible._pattern("hidden").fullmatch(chr(int(suffix, 16)))
    )


@dataclass(frozen=True)
class Family:
    """Keys ``<prefix><suffix>`` built at run time by ``built`` (an f-string as the code writes
    it); ``suffixes``: those that exist (a set, or a test of one suffix); ``every``: the code
    asks for every suffix of the set without checking the catalog first."""

    built: str
    suffixes: Callable[[], Collection[str]] | Callable[[str], bool]
    every: bool = False
    test: bool = False  # suffixes is a test of one suffix, not a set
    extra: Callable[[], Collection[str]] = tuple  # suffixes that may have a key, not must

    def holds(self, suffix: str) -> bool:
        if self.test:
            return bool(self.suffixes(suffix))  # type: ignore[call-arg]
        return suffix in self.known()

    @cache  # noqa: B019 (the families live as long as the module)
    def known(self) -> frozenset[str]:
        return frozenset({*self.suffixes(), *self.extra()})  # type: ignore[call-arg]


# prefix -> how its keys are built and where their suffixes come from. A key's family is the one
# of its longest prefix; a key the code names whole needs no family.
FAMILIES: dict[str, Family] = {
    # -- the audit log (views/users.py, governance/auth/audit.py: the log in words)
    # (and a refusal's action: an event, or ui/deferred.py's "download")
    "audit.": Family("audit.{}", lambda: audit.EVENTS, every=True, extra=lambda: ("download",)),
    "audit.detail.": Family("audit.detail.{}", lambda: audit.DETAIL_KEYS, every=True),
    "auth.role.": Family("auth.role.{}", lambda: roles.ROLES, every=True),
    "guard.": Family("guard.{}", lambda: guard.REASONS, every=True),
    "guard.reason.": Family("guard.reason.{}", lambda: guard.REASONS),  # `in CATALOG`
    # a commit's mode; the data page's history also words the first version's (views/data/admin.py)
    "dm.mode.": Family("dm.mode.{}", lambda: MODES, every=True, extra=lambda: ("initial",)),
    # -- values of the data
    # cat.*: a contract value in words, found by the value (categories.VALUE_KEYS)
    "cat.": Family(
        "",  # not an f-string: the key is looked up by the value
        lambda: {
            VALUE_KEYS.get(v, f"<{v}>").removeprefix("cat.")
            for t in contract.TABLES
            for c in t.columns
            for v in c.allowed or ()
        },
        every=True,
    ),
    # the four platforms' pages; an indicator's platform (the town map, the profile)
    "platform.": Family(
        "platform.{}",
        lambda: indicators.PLATFORMS,
        every=True,
        extra=lambda: {ind.platform for ind in indicators.REGISTRY.values()},
    ),
    # a ratio's parts, for an indicator with words for them (drill.formula: `in CATALOG`)
    "drill.num.": Family(
        "drill.num.{}", lambda: [i for i, d in indicators.REGISTRY.items() if d.how == "ratio"]
    ),
    "drill.den.": Family(
        "drill.den.{}", lambda: [i for i, d in indicators.REGISTRY.items() if d.how == "ratio"]
    ),
    "trust.char.": Family("trust.char.{}", _hidden_char, test=True),  # code_point: `in CATALOG`
    # -- the filters
    "change.vs.": Family("change.vs.{}", lambda: flt.BASES, every=True),
    "changes.col.": Family("changes.col.{}", lambda: flt.BASES),  # not for target: no column
    "filter.size.": Family("filter.size.{}", lambda: flt.SIZE_BANDS, every=True),
    # -- downloads: ui/widgets._file_parts, a title as a page passes it (party: f"party_{stem}")
    "file.": Family("file.{}", lambda: literal() | {f"party_{stem}" for stem, _ in PARTY_RECORDS}),
    "briefing.": Family("briefing.{}", lambda: [k for k, _, _ in BRIEFING_FILES], every=True),
    # -- pages' tabs and choices
    "party.rec.": Family("party.rec.{}", lambda: [s for s, _ in PARTY_RECORDS], every=True),
    "party.status.": Family("party.status.{}", lambda: strings_of("governance/party.py")),
    "longterm.records.": Family("longterm.records.{}", lambda: LONGTERM_RECORDS, every=True),
    "selfgov.records.": Family("selfgov.records.{}", lambda: strings_of("views/selfgov.py")),
    "event.cat.": Family("event.cat.{}", lambda: events.CATEGORIES, every=True),
    "event.error.": Family("event.error.{}", lambda: strings_of("governance/events.py")),
    "event.field.": Family("event.field.{}", lambda: strings_of("ui/events.py")),
    "dm.preview.": Family(
        "dm.preview.{}_first", lambda: {f"{p}_first" for p in strings_of("views/data/data.py")}
    ),
    "dm.col.": Family("dm.col.{}", lambda: strings_of("views/data/admin.py")),
    # -- column headers: labels.own(lang, page) words every <page>.col.* key the catalog has (a
    # record table's headers before its rows are fetched), so a key is used when its column can
    # be: a string of the page's code or a word of its queries
    "culture.col.": Family("{}.col.{}", _columns_of("culture")),
    "party.col.": Family("{}.col.{}", _columns_of("party")),
    "selfgov.col.": Family("{}.col.{}", _columns_of("selfgov")),
    "longterm.col.": Family(
        "longterm.col.{}",
        lambda: {*LONGTERM_COLUMNS, *strings_of("governance/longterm.py")},  # labels, charts
    ),
    "whatif.col.": Family("whatif.col.{}", _whatif_columns, every=True),
    # -- 督办 (governance/duban/rules.py; ui/duban.py, scripts/duban.py read them back)
    "duban.status.": Family("duban.status.{}", lambda: duban.STATUSES, every=True),
    "duban.evaluation.": Family("duban.evaluation.{}", lambda: duban.EVALUATIONS, every=True),
    "duban.body.": Family("duban.body.{}", lambda: duban.BODIES, every=True),
    "duban.unit_kind.": Family("duban.unit_kind.{}", lambda: duban.UNIT_KINDS, every=True),
    "duban.case.": Family("duban.case.{}", lambda: duban.CASE_SOURCES, every=True),
    "duban.ui.none.": Family("duban.ui.none.{}", lambda: duban.SUBJECT_KINDS),  # not "text"
    # the ledger's columns (viewmodels/duban.COLUMNS; id, community, status share a key)
    "duban.col.": Family(
        "duban.col.{}",
        lambda: set(duban_table.COLUMNS) - set(duban_table._SHARED_HEADERS),
        every=True,
    ),
    # -- the briefing (governance/briefing/content.py)
    "brief.chart.target.": Family("brief.chart.target.{}", lambda: ("own", "town"), every=True),
    # two tables' headers, each by a local col = lambda k: t(f"brief.<table>.col.{k}", lang)
    "brief.follow.col.": Family("brief.follow.col.{}", lambda: _briefing_columns()),
    "brief.furthest.col.": Family("brief.furthest.col.{}", lambda: _briefing_columns()),
    "brief.source.": Family("brief.source.{}", lambda: duban.CASE_SOURCES, every=True),
    # -- what-if
    "whatif.tab.": Family("whatif.tab.{}", lambda: strings_of("views/whatif/whatif.py")),
    "whatif.cmp.": Family("whatif.cmp.{}", lambda: OUTCOME_KEYS, every=True),
    "whatif.grade.": Family(
        "whatif.grade.{}", lambda: set(whatif_display.GRADE_KEYS_I18N.values()), every=True
    ),
    "whatif.period.": Family("whatif.period.{}", lambda: PERIODS, every=True),
    "whatif.policy.": Family("whatif.policy.{}", lambda: POLICIES, every=True),
    "whatif_forward.horizon.": Family("whatif_forward.horizon.{}", lambda: HORIZONS, every=True),
    # params._label(attr): a lever's name; check_range's rule (range / above, .plain: no unit)
    "whatif.check.": Family(
        "whatif.check.{}",
        lambda: (
            strings_of("governance/whatif/params.py")
            | {"range", "above", "range.plain", "above.plain"}
        ),
    ),
    "whatif.check.period.": Family("whatif.check.{}.{}", lambda: PERIODS, every=True),
    "whatif.check.policy.": Family("whatif.check.{}.{}", lambda: POLICIES, every=True),
    "whatif.check.method.": Family(
        "whatif.check.method.{}", lambda: COLLECTION_METHODS, every=True
    ),
    # checks.unit_text(unit): a check_range's unit, a target's (scenario.TARGET_BOUNDS)
    "whatif.check.unit.": Family(
        "whatif.check.unit.{}",
        lambda: literal_args("check_range", 4) | {b[2] for b in TARGET_BOUNDS.values() if b[2]},
        every=True,
    ),
    # the reward fund's year tiles (whatif/fund_view.py): f"{keys}.year", f"{keys}.year.help"
    # and their .own, keys whatif.fund.tile or whatif_forward.tile
    "whatif.fund.tile.": Family(
        "{}.year.help.own", lambda: ("year", "year.help", "year.own", "year.help.own"), every=True
    ),
    "whatif_forward.tile.": Family(
        "{}.year.help.own", lambda: ("year", "year.help", "year.own", "year.help.own"), every=True
    ),
    # -- the importer
    "plaus.": Family(
        "plaus.{}.{}",
        lambda: {f"{d}.{lv}" for d in ("high", "low") for lv in ("own", "community")},
        every=True,
    ),
    "imp.tpl.": Family("imp.tpl.{}", lambda: strings_of("governance/importer/workbooks.py")),
    "imp.tpl.type.": Family(
        "imp.tpl.type.{}", lambda: strings_of("governance/importer/workbooks.py")
    ),
    "imp.report.": Family("imp.report.{}", lambda: strings_of("governance/importer/workbooks.py")),
}

# Keys made of a used key and an ending: <base><ending>, base -> the bases it is added to.
ENDINGS: dict[str, tuple[str, Callable[[], Collection[str]]]] = {
    # whatif.display.own_key(key, scoped): the caption of a user scoped to some communities
    ".own": ("{}.own", lambda: literal_args("own_key", 0)),
    # views/whatif/whatif.py _choice(where, label, ...): a radio's help, f"{label}.help"
    ".help": ("{}.help", lambda: literal_args("_choice", 1)),
    # a platform's motto (the briefing's platform slide, the overview): f"platform.{p}.motto"
    ".motto": ("platform.{}.motto", lambda: {f"platform.{p}" for p in indicators.PLATFORMS}),
}


def family_of(key: str) -> tuple[str, Family] | None:
    found = [p for p in FAMILIES if key.startswith(p)]
    return (p := max(found, key=len), FAMILIES[p]) if found else None


def used(key: str) -> bool:
    if key in literal():
        return True
    family = family_of(key)
    if family is not None and family[1].holds(key.removeprefix(family[0])):
        return True
    return any(key.endswith(e) and key[: -len(e)] in _bases(e) for e in ENDINGS)


@cache
def _bases(ending: str) -> frozenset[str]:
    return frozenset(ENDINGS[ending][1]())


def test_every_catalog_key_is_used():
    unused = sorted(k for k in CATALOG if not used(k))
    assert not unused, (
        f"{len(unused)} catalog keys no code uses (remove them, or list the family that builds "
        f"them in tests/test_catalog_used.py): {unused}"
    )


def test_every_value_of_a_family_has_its_key():
    missing = sorted(
        prefix + s
        for prefix, family in FAMILIES.items()
        if family.every
        for s in family.suffixes()  # type: ignore[call-arg]
        if prefix + s not in CATALOG
    )
    assert not missing, f"values the code words by a key the catalog lacks: {missing}"


def test_every_family_is_still_built():
    text = f_string_text()
    gone = [p for p, f in FAMILIES.items() if f.built and f.built not in text]
    gone += [e for e, (built, _) in ENDINGS.items() if built not in text]
    assert not gone, f"families no f-string builds any more (drop them from FAMILIES): {gone}"
    empty = [p for p in FAMILIES if not any(k.startswith(p) for k in CATALOG)]
    assert not empty, f"families without a key in the catalog: {empty}"
