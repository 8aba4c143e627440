"""Meta-tests that keep the project honest: SQL headers, used queries, thin pages, catalog."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

from governance import contract
from governance.i18n import CATALOG
from ui.auth import page_files

ROOT = Path(__file__).resolve().parent.parent
SQL_FILES = sorted([*(ROOT / "queries").glob("*.sql"), *(ROOT / "queries" / "demo").glob("*.sql")])
# The pages' files (views/<page>.py, or views/<page>/<page>.py beside the page's own modules)
# and every file under views/.
PAGES = sorted(ROOT / path for path in page_files().values())
VIEWS = sorted((ROOT / "views").rglob("*.py"))
CODE = [
    *ROOT.glob("*.py"),
    *VIEWS,
    *(ROOT / "ui").glob("*.py"),
    *(ROOT / "governance").rglob("*.py"),
    *(ROOT / "scripts").glob("*.py"),
]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("path", SQL_FILES, ids=lambda p: p.stem)
def test_every_query_has_a_header(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"-- {path.stem}", "the first line names the query"
    header = "\n".join(line for line in lines if line.startswith("--"))
    for field in ("Purpose:", "Grain:", "Parameters:"):
        assert field in header, f"{path.name} header lacks {field}"


@pytest.mark.parametrize("path", SQL_FILES, ids=lambda p: p.stem)
def test_every_query_is_used(path: Path):
    code = "\n".join(p.read_text(encoding="utf-8") for p in CODE)
    assert f'"{path.stem}"' in code, f"{path.name} is not run anywhere"


@pytest.mark.parametrize("path", SQL_FILES, ids=lambda p: p.stem)
def test_queries_read_views_not_files(path: Path):
    text = path.read_text(encoding="utf-8").lower()
    for forbidden in ("read_parquet", "read_csv", "platform_data", ".parquet"):
        assert forbidden not in text


def test_name_parameters_only():
    for path in SQL_FILES:
        body = "\n".join(
            line.split("--", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()
        )
        assert "?" not in body, f"{path.name}: use $name parameters, not ?"


def test_logic_package_does_not_import_streamlit():
    for path in (ROOT / "governance").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+streamlit", text, re.M), path


def _page_of(path: Path) -> str:
    """The page a file under views/ belongs to: its own name, or its folder's."""
    return path.stem if path.parent.name == "views" else path.parent.name


@pytest.mark.parametrize("path", VIEWS, ids=lambda p: str(p.relative_to(ROOT / "views")))
def test_pages_hold_no_sql_and_are_registered(path: Path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\bselect\b.+\bfrom\b", text, re.I | re.S), f"SQL in {path.name}"
    assert "import duckdb" not in text
    page = ROOT / page_files()[_page_of(path)]  # a module in a folder without its page: none
    assert f'"{page.relative_to(ROOT)}"' in (ROOT / "app.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", VIEWS, ids=lambda p: str(p.relative_to(ROOT / "views")))
def test_page_widget_keys_are_prefixed(path: Path):
    text = path.read_text(encoding="utf-8")
    prefix = {"overview": "ov", "meetings": "meet"}.get(_page_of(path), _page_of(path))
    for key in re.findall(r'\bkey="([^"]+)"', text):
        assert key.startswith(prefix + "_"), f"{path.name}: widget key {key!r}"


def test_catalog_entries_have_both_languages():
    for key, (zh, en) in CATALOG.items():
        assert zh.strip() and en.strip(), key
        assert CJK.search(zh) or not CJK.search(en), f"{key}: Chinese text in the English slot"


def test_every_string_key_used_in_code_exists():
    pattern = re.compile(r'\b(?:tr|t)\(\s*"([a-z][a-z0-9_]*\.[a-z0-9_.]+)"')
    for path in CODE:
        for key in pattern.findall(path.read_text(encoding="utf-8")):
            assert key in CATALOG, f"{path.name} uses unknown string {key!r}"


# One (Chinese, English) text, one key (issue 19): a text under two keys is said twice and
# drifts apart when one is changed. The pairs that stay under two keys, and why; before adding
# one, point the code at the key that exists (a family built at run time takes a small map).
_DRILL = (
    "drill.num/den.<indicator>: a ratio's parts, found by the indicator's id (the formula line "
    "is written only for an id with keys); the other key words another indicator or chart"
)
SHARED_PAIRS: dict[frozenset[str], str] = {
    # 社区: cat.* is found from the value the data holds (categories.VALUE_KEYS); the header
    # col.community is over a column of communities and villages (村) alike
    frozenset({"cat.community", "col.community"}): "a contract value beside a column header",
    # duban.body.<body>: the bodies scripts/duban.py reads back from what is typed (in either
    # language; 2 of the 5 say other English than their cat.* value); cat.*: the data's value
    frozenset({"cat.owners_committee", "duban.body.owners_committee"}): "duban.body vs cat",
    frozenset({"cat.police", "duban.body.police"}): "duban.body vs cat",
    frozenset({"cat.sanitation", "duban.body.sanitation"}): "duban.body vs cat",
    # 级别: an honour's level (national, Shanghai) beside an upload problem's (error, warning),
    # which the report workbook words otherwise already (imp.report.severity: Severity)
    frozenset({"culture.col.level", "dm.col.level"}): "two meanings that share a word",
    frozenset({"drill.num.grid_days_to_close", "party.unit.days"}): _DRILL,
    frozenset({"drill.num.participation_per_1000", "party.unit.person_times"}): _DRILL,
    frozenset({"drill.den.grid_days_to_close", "drill.num.grid_closure_rate"}): _DRILL,
    frozenset({"drill.den.incident_rate", "drill.den.participation_per_1000"}): _DRILL,
    # whatif.check.unit.<unit>: written after a number in a check's message, found by the rule's
    # unit (the others start with a space: " 元"); party.unit.pct: a chart axis's title
    frozenset({"party.unit.pct", "whatif.check.unit.pct"}): "a unit after a number vs an axis",
}


def test_no_text_under_two_keys_unless_listed():
    keys_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key, pair in CATALOG.items():
        keys_of[pair].add(key)
    shared = {frozenset(keys): pair for pair, keys in keys_of.items() if len(keys) > 1}
    unlisted = [
        f"{', '.join(sorted(keys))} all say {zh!r} / {en!r}"
        for keys, (zh, en) in shared.items()
        if keys not in SHARED_PAIRS
    ]
    assert not unlisted, "one text under two keys (keep one, point the code at it): " + "; ".join(
        unlisted
    )
    stale = [sorted(keys) for keys in SHARED_PAIRS if keys not in shared]
    assert not stale, f"SHARED_PAIRS lists keys that no longer share one text: {stale}"


def test_every_shared_pair_says_why():
    assert all(SHARED_PAIRS.values()) and all(len(keys) > 1 for keys in SHARED_PAIRS)


def test_readme_documents_every_contract_column():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert contract.markdown() in readme, (
        "README's data contract is out of date: paste `python -m governance.contract`"
    )


def test_contract_foreign_keys_name_real_columns():
    for table in contract.TABLES:
        assert set(table.key) <= {c.name for c in table.columns}, table.name
        for col in table.columns:
            if col.fk:
                target_table, target_col = col.fk.split(".")
                assert target_col in {c.name for c in contract.table(target_table).columns}


def test_every_download_button_builds_its_file_in_the_session():
    """A download's callable runs on a worker thread with no session (ui/deferred.py): drawn
    any other way, a scoped user's file would hold the whole town and lose the language."""
    drawn = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in [*VIEWS, *(ROOT / "ui").glob("*.py"), ROOT / "app.py"]
        if path.name != "deferred.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"(?<!deferred)\.download_button\(", line)
    ]
    assert drawn == [], "draw download buttons through ui.deferred.download_button"


def test_every_chart_is_drawn_through_ui_plots():
    """ui/plots.py turns a figure into its dict once; a chart drawn past it pays that on
    every rerun."""
    drawn = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in [*VIEWS, *(ROOT / "ui").glob("*.py"), ROOT / "app.py"]
        if path.name != "plots.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ".plotly_chart(" in line
    ]
    assert drawn == [], "draw charts through ui.plots.draw"


# ---- every write checks who asks at the moment of the write ---------------------------------
# Calls that change shared state (the data store, saved scenarios, users, sessions). A callback
# reaching one of them must go through ui.auth's write check: decorated with ``auth.writes``
# or calling ``auth.authorize_write`` itself (a write whose scope depends on what it writes).
WRITE_CALLS = frozenset(
    {"commit", "rollback", "save", "delete", "add_or_change", "disable", "set_disabled", "upsert"}
    | {"update_notes"}  # meetings (governance/meetings/store.py; record and delete above)
    | {"end", "end_all", "record"}  # sessions and the audit log
    | {"add_event", "change_event", "delete_event"}  # events (事件标注)
    | {"create", "add_feedback", "change_status"}  # 督办 (governance/duban/store.py)
)
CALLBACK_ARGS = frozenset({"on_click", "on_change", "on_submit", "on_yes", "on_no"})
# Callbacks that write but only ever take a right away: ending one's own login.
WRITES_ANYONE_MAY = frozenset({"logout"})


def _ui_sources() -> dict[str, ast.Module]:
    files = [ROOT / "app.py", *sorted((ROOT / "ui").glob("*.py")), *VIEWS]
    return {str(p.relative_to(ROOT)): ast.parse(p.read_text(encoding="utf-8")) for p in files}


def _module_aliases(tree) -> dict[str, str]:
    """Local name -> the module file it names (``from views.data import admin as dm``)."""
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in ("ui", *_VIEW_PACKAGES):
            for alias in node.names:
                out[alias.asname or alias.name] = f"{node.module.replace('.', '/')}/{alias.name}.py"
    return out


_VIEW_PACKAGES = {f"views.{p.parent.name}" for p in VIEWS if p.parent.name != "views"}


def _functions(tree) -> dict[str, ast.FunctionDef]:
    return {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}


def _writes(fn, functions, seen=None) -> bool:
    """Whether ``fn`` (or a function of its module it calls) calls one of WRITE_CALLS."""
    seen = seen if seen is not None else set()
    if fn.name in seen:
        return False
    seen.add(fn.name)
    for node in ast.walk(fn):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else None
        if isinstance(node.func, ast.Name):
            name = node.func.id
            if name in functions and _writes(functions[name], functions, seen):
                return True
        if name in WRITE_CALLS:
            return True
    return False


def _guarded(fn) -> bool:
    for deco in fn.decorator_list:
        target = deco.func if isinstance(deco, ast.Call) else deco
        if isinstance(target, ast.Attribute) and target.attr == "writes":
            return True
    return any(
        isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and n.func.attr == "authorize_write"
        for n in ast.walk(fn)
    )


def _callbacks() -> list[tuple[str, str, ast.FunctionDef, dict]]:
    """(where it is passed, its module file, its definition, that module's functions) for every
    callback passed to a widget or to a helper that passes it on."""
    sources = _ui_sources()
    found = []
    for where, tree in sources.items():
        aliases = _module_aliases(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            for kw in node.keywords:
                if kw.arg not in CALLBACK_ARGS:
                    continue
                value = kw.value
                if isinstance(value, ast.Name):
                    module = where
                    name = value.id
                elif isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name):
                    module = aliases.get(value.value.id)
                    name = value.attr
                else:
                    continue  # a lambda or Streamlit's own ("ignore", st.login): checked below
                functions = _functions(sources[module]) if module in sources else {}
                if name in functions:
                    found.append((f"{where}:{node.lineno}", module, functions[name], functions))
    return found


def test_every_callback_that_writes_checks_who_asks_at_the_moment_of_the_write():
    callbacks = _callbacks()
    writers = {fn.name for _, _, fn, funcs in callbacks if _writes(fn, funcs)}
    # The detector sees the writes it must: else this test could not fail.
    assert {"commit_upload", "rollback", "save_scenario", "delete_saved", "logout"} <= writers
    assert {
        "_submit",
        "_add_feedback",
        "_change_status",
    } <= writers  # 督办 (ui/duban.py, views/duban/controls.py)
    unguarded = sorted(
        f"{where} -> {module}:{fn.name}"
        for where, module, fn, funcs in callbacks
        if _writes(fn, funcs) and not _guarded(fn) and fn.name not in WRITES_ANYONE_MAY
    )
    assert not unguarded, f"callbacks that write without auth.writes/authorize_write: {unguarded}"


def test_no_lambda_callback_writes():
    # A lambda cannot be decorated: it may only move the view (select a community, a page).
    for where, tree in _ui_sources().items():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.keyword)
                and node.arg in CALLBACK_ARGS
                and isinstance(node.value, ast.Lambda)
            ):
                for call in ast.walk(node.value):
                    if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute):
                        assert call.func.attr not in WRITE_CALLS, where


def test_one_module_reads_the_environment():
    """Settings come from governance/settings.py alone: a second reader of an environment
    variable would disagree with it about defaults (an empty value, say)."""
    # ``environ`` and ``getenv`` as words: ``os.environ``, ``from os import environ`` and
    # ``os.getenv`` alike (GOVERNANCE_STATE_DIR was read in three modules once).
    reads = re.compile(r"\benviron\b|\bgetenv\b")
    readers = [
        str(p.relative_to(ROOT))
        for p in [*PROJECT_FILES.values(), ROOT / "app.py"]
        if reads.search(p.read_text(encoding="utf-8"))
    ]
    assert readers == ["governance/settings.py"]
    assert reads.search("from os import environ") and not reads.search("the environment")


def _ui_imports(path: Path) -> set[str]:
    """The ui modules ``path`` imports, at the top or inside a function."""
    text = path.read_text(encoding="utf-8")
    found = set(re.findall(r"^\s*from ui\.(\w+) import", text, re.M))
    for names in re.findall(r"^\s*from ui import ([\w, ]+)", text, re.M):
        found |= {n.split(" as ")[0].strip() for n in names.split(",")}
    return found - {path.stem}


# ---- ui/ holds what several pages share; a page's own widgets live beside it ----------------
# A page's own widgets are in its file or its folder (views/<page>/). What ui/ still holds that
# one page alone uses, each with why; an entry that no longer matches fails, so the list only
# shrinks (ui/duban.py held the 督办 page's item forms and ledger: views/duban/controls.py now).
UI_ONE_PAGE_ALLOWED = {
    # a flash message's reader beside its writer and its key, which other pages use
    ("duban", "toast"): "present",
    ("meetings", "toast"): "present",
    ("meetings", "say"): "meetings",
    # the 督办 marks, beside the rows they read that the deck and the meetings share
    ("duban", "mark_ranking"): "overview",
    ("duban", "tile_marks"): "profile",
    ("duban", "show_mark"): "profile",
    # recording a meeting from the deck: beside the meetings page's form and its writer
    ("meetings", "record_now"): "present",
    # the events' sheet tab: beside the events panel every platform page draws
    ("events", "sheet_tab"): "data",
    # the button that leaves presentation mode: beside the route and the sidebar's button
    ("present", "exit_clicked"): "present",
    # the drill-down's and the URL's helpers, beside the ones every page uses
    ("state", "url_to_session"): "selfgov",
    ("state", "session_to_url"): "selfgov",
    ("widgets", "on_drill_select"): "selfgov",
    ("widgets", "light_labels"): "overview",
    ("widgets", "open_asked_page"): "overview",
}


def _ui_names_used_by_one_page() -> dict[tuple[str, str], str]:
    """(ui module, public name) -> the page that alone uses it: no other page, no other ui
    module, not app.py nor its own module past its definition."""
    sources = _ui_sources()
    pages = set(page_files())

    def user(where: str) -> str:
        parts = Path(where).parts
        return (parts[1] if len(parts) > 2 else Path(where).stem) if parts[0] == "views" else where

    # Each file walked once (it was once per name: 40 s): the names it reads, the ui modules
    # it imports (local name -> module), its attribute reads and its `from ui.x import y`.
    read, ui_modules, attributes, imported = {}, {}, {}, {}
    for where, tree in sources.items():
        nodes = list(ast.walk(tree))
        read[where] = {n.id for n in nodes if isinstance(n, ast.Name)}
        ui_modules[where] = {
            a.asname or a.name: a.name for n in nodes
            if isinstance(n, ast.ImportFrom) and n.module == "ui" for a in n.names
        }  # fmt: skip
        attributes[where] = {
            (n.value.id, n.attr) for n in nodes
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
        }  # fmt: skip
        imported[where] = {
            (n.module, a.name) for n in nodes
            if isinstance(n, ast.ImportFrom) and n.module and n.module.startswith("ui.")
            for a in n.names
        }  # fmt: skip

    found = {}
    for module in sorted((ROOT / "ui").glob("*.py")):
        where_me = str(module.relative_to(ROOT))
        body = sources[where_me].body
        names = {n.name for n in body if isinstance(n, ast.FunctionDef | ast.ClassDef)}
        names |= {
            t.id for n in body if isinstance(n, ast.Assign) for t in n.targets
            if isinstance(t, ast.Name)
        }  # fmt: skip
        for name in sorted(n for n in names if not n.startswith("_")):
            users = set()
            for where in sources:
                if where == where_me:
                    if name in read[where]:
                        users.add(where)
                    continue
                mine = {local for local, m in ui_modules[where].items() if m == module.stem}
                if (
                    any((local, name) in attributes[where] for local in mine)
                    or (
                        f"ui.{module.stem}",
                        name,
                    )
                    in imported[where]
                ):
                    users.add(user(where))
            if len(users) == 1 and (only := users.pop()) in pages:
                found[(module.stem, name)] = only
    return found


def test_ui_holds_no_new_widget_of_one_page():
    assert _ui_names_used_by_one_page() == UI_ONE_PAGE_ALLOWED


def test_the_login_filters_and_data_modules_import_no_cycle():
    """ui/auth, ui/state and ui/data once imported one another in a ring held together by
    imports inside functions; the language lives in ui/lang now, which imports no ui module.
    (The whole project's import graph: test_the_project_imports_no_cycle below.)"""
    core = ("lang", "auth", "data", "state")
    graph = {m: _ui_imports(ROOT / "ui" / f"{m}.py") for m in core}
    assert graph == {
        "lang": set(),
        "auth": {"lang"},
        "data": {"auth"},
        "state": {"auth", "data", "lang"},
    }


# ---- the project's import graph: no cycle, every import at the top (issue 19) ---------------
# An import inside a function hid a cycle (ui/auth -> ui/state -> ui/data -> ui/auth; the
# present and meetings modules) or put off a slow one. What is left, each with why; an entry
# that no longer matches fails, so the list only shrinks.
LOCAL_IMPORTS_ALLOWED = {
    # python-docx and python-pptx take ~0.3 s to import: on the first download of such a file,
    # never on a process's first page.
    "ui/present.py": {"governance.briefing.docx", "governance.briefing.pptx"},
}
PROJECT = ("governance", "ui", "views")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


PROJECT_FILES = {
    _module_name(p): p for folder in PROJECT for p in sorted((ROOT / folder).rglob("*.py"))
}


def _imported(path: Path) -> list[tuple[str, bool]]:
    """(project module, imported inside a function or class?) for every import in ``path``: a
    ``from a.b import c`` names module ``a.b.c`` when there is one, else ``a.b``."""
    me = _module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found = []

    def visit(node, local):
        for child in ast.iter_child_nodes(node):
            inner = local or isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
            )
            names = []
            if isinstance(child, ast.Import):
                names = [a.name for a in child.names]
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    up = package.split(".")[: len(package.split(".")) - child.level + 1]
                    base = ".".join([*up, base] if base else up)
                names = [
                    f"{base}.{a.name}" if f"{base}.{a.name}" in PROJECT_FILES else base
                    for a in child.names
                ]
            for name in names:
                while name and name not in PROJECT_FILES:
                    name = name.rpartition(".")[0]
                if name and name != me:
                    found.append((name, inner))
            visit(child, inner)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


def _import_graph() -> dict[str, set[str]]:
    """Module -> the project modules importing it runs (a package's ``__init__`` too)."""
    graph = {}
    for me, path in PROJECT_FILES.items():
        out = set()
        for name, _ in _imported(path):
            parts = name.split(".")
            out |= {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
        graph[me] = {m for m in out & set(PROJECT_FILES) if m != me and not me.startswith(m + ".")}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected parts of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def connect(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = set()
            while True:
                w = stack.pop()
                part.add(w)
                if w == v:
                    break
            if len(part) > 1:
                found.append(part)

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return found


def test_the_cycle_finder_finds_cycles():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e2"}, "e2": set()}
    assert _cycles(graph) == [{"a", "b", "c"}]


def test_the_project_imports_no_cycle():
    """Two cycles in governance/ were held by imports inside functions until issue 19 ended
    them: the GeoJSON reader of the outlines is the importer's (governance/importer/shapes.py,
    was geo/shapes.py) and a file read is its own module (importer/parsed.py); the overdue
    cases that the 督办 candidates and the briefing's 督办 slide both read are
    governance/cases.py (were briefing/content.py)."""
    assert sorted(map(sorted, _cycles(_import_graph()))) == []


def test_every_import_of_the_project_is_at_the_top():
    local = {}
    for path in [*PROJECT_FILES.values(), ROOT / "app.py"]:
        names = {name for name, inner in _imported(path) if inner}
        if names:
            local[str(path.relative_to(ROOT))] = names
    assert local == LOCAL_IMPORTS_ALLOWED


def _test_modules_imported(path: Path) -> set[str]:
    """The ``tests.test_*`` modules a file imports, anywhere in it (function bodies too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module == "tests":
            found |= {f"tests.{a.name}" for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return {m for m in found if re.fullmatch(r"tests\.test_\w+", m)}


def test_no_test_module_imports_another():
    """Shared rows, helpers and fixtures live in tests/fixtures/ (or a *_support module), never in
    a test module another one imports: that tied modules together and made pytest collect a
    module's fixtures twice. A module may import itself (an AppTest script built from one of its
    functions runs as its own script and reads the module's constants)."""
    tests = ROOT / "tests"
    offenders = {
        str(path.relative_to(ROOT)): sorted(others)
        for path in sorted(tests.rglob("*.py"))
        if (others := _test_modules_imported(path) - {f"tests.{path.stem}"})
    }
    assert offenders == {}


# ---- a query that reads $scope is never run without one (issue 19) ---------------------------
# db.run refuses it at run time (db.MissingScopeError); this finds the plain forms before any
# run: a scoped query named in the call with no parameters, None, or a dict without "scope",
# and a command-line runner built without its scope.
def _scopeless_calls(source: str, scoped: set[str]) -> list[int]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name == "db_runner":
            if len(node.args) < 2 and not any(k.arg == "scope" for k in node.keywords):
                found.append(node.lineno)
            continue
        if not (isinstance(func, ast.Attribute) and name == "run"):
            continue
        if not (isinstance(func.value, ast.Name) and func.value.id == "db"):
            continue
        query = node.args[1] if len(node.args) > 1 else None
        if not (isinstance(query, ast.Constant) and query.value in scoped):
            continue
        params = node.args[2] if len(node.args) > 2 else None
        params = params or next((k.value for k in node.keywords if k.arg == "params"), None)
        if params is None or (isinstance(params, ast.Constant) and params.value is None):
            found.append(node.lineno)
        elif isinstance(params, ast.Dict) and None not in params.keys:  # no **spread in it
            keys = {k.value for k in params.keys if isinstance(k, ast.Constant)}
            if "scope" not in keys:
                found.append(node.lineno)
    return found


def test_no_scoped_query_is_run_without_a_scope():
    from governance import db

    scoped = {n for n in db.all_query_names() if "scope" in db.query_params(n)}
    assert "communities_list" in scoped  # the queries the check is about exist
    # The detector finds the forms it must: else this test could not fail.
    forgot = (
        'db.run(con, "communities_list")\n'
        'db.run(con, "communities_list", None)\n'
        'db.run(con, "communities_list", {"communities": ids})\n'
        "content.db_runner(con)\n"
        'db.run(con, "communities_list", {"scope": db.WHOLE_TOWN})\n'
        'db.run(con, "communities_list", {**params, "communities": ids})\n'
        "content.db_runner(con, db.WHOLE_TOWN)\n"
    )
    assert _scopeless_calls(forgot, scoped) == [1, 2, 3, 4]
    # test_db_scope.py leaves the scope out on purpose: it tests the refusal.
    tests = [p for p in sorted((ROOT / "tests").rglob("*.py")) if p.name != "test_db_scope.py"]
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in [*CODE, *tests]
        for line in _scopeless_calls(path.read_text(encoding="utf-8"), scoped)
    ]
    assert found == [], "pass scope (the user's, or db.WHOLE_TOWN by name)"


def test_no_scope_parameter_defaults_to_the_whole_town():
    """A community scope is always named by the caller: a forgotten argument must fail, not
    open the whole town (db.WHOLE_TOWN is None, written out where it is meant)."""
    import ast

    found = []
    for path in sorted((ROOT / "governance").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            a = node.args
            positional = a.posonlyargs + a.args
            defaults = [None] * (len(positional) - len(a.defaults)) + list(a.defaults)
            pairs = [
                *zip(positional, defaults, strict=True),
                *zip(a.kwonlyargs, a.kw_defaults, strict=True),
            ]
            found += [
                f"{path.relative_to(ROOT)}:{node.name}"
                for arg, default in pairs
                if arg.arg == "scope"
                and isinstance(default, ast.Constant)
                and default.value is None
            ]
    assert found == []


def test_the_files_run_first_exist():
    from tests.conftest import HEAVY_FIRST

    missing = [name for name in HEAVY_FIRST if not (ROOT / "tests" / name).is_file()]
    assert not missing, f"tests/conftest.py HEAVY_FIRST names files that are gone: {missing}"
    assert len(set(HEAVY_FIRST)) == len(HEAVY_FIRST)


def test_apptest_still_times_out_and_still_waits_for_the_whole_run():
    """conftest waits on AppTest's script thread instead of its millisecond polling: a run
    still ends when the script has, and one past its timeout still stops with AppTest's error."""
    from streamlit.testing.v1 import AppTest

    done = AppTest.from_string("import time, streamlit as st\ntime.sleep(0.3)\nst.write('done')")
    assert [m.value for m in done.run(timeout=5).markdown] == ["done"]
    slow = AppTest.from_string("import time\ntime.sleep(1.5)")
    with pytest.raises(RuntimeError, match=r"timed out after 0\.2\(s\)"):
        slow.run(timeout=0.2)


def test_the_suite_keeps_the_heaviest_first_order():
    """xdist's loadfile sorts the files by their number of tests unless told not to, which
    undid HEAVY_FIRST: the few-test browser files ran last, on one worker (a 5-minute tail)."""
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    command = next(line for line in make.splitlines() if "-m pytest" in line)
    assert "--dist loadfile" in command
    assert "--no-loadscope-reorder" in command
