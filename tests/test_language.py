"""The language meta-test: every page, run in both languages, renders only that language.

Each page of views/ runs under AppTest on the demo data with ``lang=en`` and ``lang=zh``;
every string it renders is collected — titles, headers, captions, markdown, alerts, metric
labels/values/deltas, widget labels, options and help, dataframe headers and cells, and the
plotly specs' titles, axis titles, tick and category labels, legend names and hover text. In
English no CJK character may appear (but for the allow-list); in Chinese no ASCII word of three
or more letters (but for ids, units and file formats in the allow-list).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from governance import contract
from governance.briefing.model import slide_keys
from tests.apptest_support import app_on, every_section
from ui.auth import page_files

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(page_files())

# Pages whose sections below the tiles are tabs of which only the open one runs
# (ui/sections.py): each section is opened and read in turn.
SECTIONED = ("party", "longterm", "culture", "selfgov", "whatif")

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")  # CJK and full-width punctuation
WORD = re.compile(r"[A-Za-z]{3,}")

# English mode: the language switch names the other language in its own script.
ALLOWED_CJK = {"中文", "语言"}
# Chinese mode: file formats, units and names that are written in Latin letters in Chinese too.
ALLOWED_WORDS = {
    "Excel",
    "CSV",
    "csv",
    "PPTX",
    "pptx",
    "PowerPoint",
    "HTML",
    "html",
    "xlsx",
    "URL",
    "English",
    "Language",  # the language switch's label is in both languages, so either reader finds it
    "UTC",
    "PageUp",  # the presenter's clicker keys, on buttons hidden from view
    "PageDown",
    "Parquet",
    "parquet",
    "UTF",
    "GBK",
    "Word",  # the third briefing file, named as Excel and PowerPoint are
    "docx",
    "xls",  # the formats the uploader refuses, named so the clerk knows what to save as
    "xlsm",
    "GeoJSON",  # the communities' outlines (一张图)
    "geojson",
    "json",
}

# Proto fields that are never shown as text (ids, icons, styling, serialised values).
SKIP_FIELDS = {
    "id",
    "form_id",
    "icon",
    "type",
    "theme",
    "config",
    "format",
    "deferred_file_id",
    "tag",
    "raw_value",
    "raw_values",
    "default",
    "color",
    "chart_data",
    "arrow_data",
    "columns",
    "spec",
    "url",
    "page_script_hash",
    "page",
    "image",
    "src",
    "selection_mode",
    "element_type",
    "data",
    "lazy_data",
    "query_param_key",
    "shortcut",
    "language",
    "code_text",  # a code block holds a command or a link, ASCII in either language
    "autocomplete",
}
# Plotly attributes that hold what a reader sees.
PLOTLY_TEXT = {
    "text",
    "name",
    "title",
    "ticktext",
    "labels",
    "hovertemplate",
    "hovertext",
    "texttemplate",
    "legendgrouptitle",
    "x",
    "y",
    "categoryarray",
    "customdata",
    "header",
    "cells",
    "values",
    "parents",
    "ids",
}


def _proto_strings(message: object, path: str) -> Iterator[tuple[str, str]]:
    for field, value in message.ListFields():  # type: ignore[attr-defined]
        if field.name in SKIP_FIELDS:
            continue
        where = f"{path}.{field.name}"
        if field.type == field.TYPE_STRING:
            items = value if field.is_repeated else [value]
            yield from ((where, s) for s in items if s)
        elif field.type == field.TYPE_MESSAGE:
            items = value if field.is_repeated else [value]
            for item in items:
                if hasattr(item, "ListFields"):
                    yield from _proto_strings(item, where)


def _json_strings(value: object, path: str, shown: bool) -> Iterator[tuple[str, str]]:
    """The strings of a plotly spec a reader sees: under a text attribute (``name``, ``x``,
    ``title.text``...), through lists; a nested object is judged by its own keys, so a title's
    ``xanchor`` or a colour is not text. The theme's template is never shown as text."""
    if isinstance(value, str):
        if shown:
            yield path, value
    elif isinstance(value, dict):
        if "bdata" in value:  # a numeric array, base64-encoded
            return
        for key, item in value.items():
            if key != "template":
                yield from _json_strings(item, f"{path}.{key}", key in PLOTLY_TEXT)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item, path, shown)


def _frame_strings(df: pd.DataFrame, path: str) -> Iterator[tuple[str, str]]:
    for col in df.columns:
        parts = col if isinstance(col, tuple) else (col,)
        yield from ((f"{path} header", str(p)) for p in parts if str(p))
        if df[col].dtype == object or pd.api.types.is_string_dtype(df[col]):
            for cell in df[col].dropna().astype(str).unique():
                yield f"{path} [{col}]", cell
    if not isinstance(df.index, pd.RangeIndex):
        for cell in pd.Index(df.index).astype(str).unique():
            yield f"{path} index", cell


def rendered(at: object) -> list[tuple[str, str]]:
    """Every string the app's last run rendered: (where, text), without repeats."""
    seen: dict[tuple[str, str], None] = {}
    for node in at._tree:  # type: ignore[attr-defined]
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        kind = getattr(node, "type", "?")
        for pair in _proto_strings(proto, kind):
            seen[pair] = None
        if kind == "plotly_chart":
            for pair in _json_strings(json.loads(proto.spec), "plotly", False):
                seen[pair] = None
        elif kind in ("dataframe", "arrow_data_frame", "table"):
            config = json.loads(proto.columns) if getattr(proto, "columns", "") else {}
            hidden = {
                n for n, spec in config.items() if isinstance(spec, dict) and spec.get("hidden")
            }
            df = node.value
            for pair in _frame_strings(
                df.drop(columns=[c for c in df.columns if c in hidden]), kind
            ):
                seen[pair] = None
            for name, spec in config.items():
                if isinstance(spec, dict) and spec.get("label") and name not in hidden:
                    seen[(f"{kind} header {name}", spec["label"])] = None
    return list(seen)


def streamlit_english(at: object) -> list[str]:
    """Streamlit's own English texts that the page could have replaced: the browser draws
    "Choose options" in an empty multiselect and "Choose an option" in a selectbox without a
    choice unless a placeholder is given, and "Select all" in a multiselect unless
    ``select_all=False`` (its text cannot be changed in Streamlit 1.67)."""
    out = []
    for node in at._tree:  # type: ignore[attr-defined]
        kind, proto = getattr(node, "type", "?"), getattr(node, "proto", None)
        if kind == "multiselect":
            if not proto.placeholder:
                out.append(f"multiselect {proto.label!r}: no placeholder (Choose options)")
            if proto.select_all:
                out.append(f"multiselect {proto.label!r}: Select all")
        elif kind == "selectbox" and not proto.HasField("default") and not proto.placeholder:
            out.append(f"selectbox {proto.label!r}: no placeholder (Choose an option)")
    return out


# Markup that is not text: HTML tags, Markdown links' targets, icons, colour directives.
_MARKUP = re.compile(
    r"<(style|script)\b.*?</\1>|<[^>]*>|\]\([^)]*\)|:material/[a-z_]+:|:[a-z]+\[|%\{[^}]*\}|&[a-z]+;|https?://\S+",
    re.S,
)
# Names a user types or a file must carry, the same in both languages: the contract's table
# names (communities.csv), environment settings (GOVERNANCE_AUTH=local), make targets.
_TABLES = "|".join(sorted((t.name for t in contract.TABLES), key=len, reverse=True))
_IDENTIFIERS = re.compile(
    rf"\b(?:{_TABLES})(?:\.(?:csv|parquet|xlsx))?\b|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+(?:=\w+)?|\bmake \w+"
)


def _text(s: str) -> str:
    return _IDENTIFIERS.sub(" ", _MARKUP.sub(" ", s))


def cjk_leaks(strings: list[tuple[str, str]]) -> list[str]:
    out = []
    for where, s in strings:
        text = _text(s)
        for allowed in ALLOWED_CJK:
            text = text.replace(allowed, "")
        if CJK.search(text):
            out.append(f"{where}: {s!r}")
    return out


def word_leaks(strings: list[tuple[str, str]]) -> list[str]:
    out = []
    for where, s in strings:
        words = [w for w in WORD.findall(_text(s)) if w not in ALLOWED_WORDS]
        if words:
            out.append(f"{where}: {s!r} ({', '.join(words)})")
    return out


# Each page is run on the whole town with the default basis, and on one community against its
# targets with the stairwell drill down to a building (more captions, notes and labels).
VARIANTS: dict[str, dict[str, str]] = {
    "town": {},
    "community": {"c": "C01", "basis": "target", "sg_c": "C01", "sg_b": "B0001"},
}
CASES = [(page, variant) for page in PAGES for variant in VARIANTS]


def run_page(
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    page: str,
    lang: str,
    state_dir: Path | None = None,
    variant: str = "town",
) -> tuple[list[tuple[str, str]], list[str]]:
    """Run ``page`` in ``lang``: every string it rendered (on every slide of the presentation)
    and, in Chinese, the English texts Streamlit draws itself that the page left in."""
    if state_dir is not None:  # saved scenarios and the audit log of this test only
        monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(state_dir))
    at = app_on(folder, monkeypatch, timeout=120)
    at.query_params.update({"lang": lang, **VARIANTS[variant]})
    if page == "present":
        at.query_params["present"] = "1"
    at.run()
    if page not in ("overview", "present"):
        at.switch_page(page_files()[page]).run()
    assert not at.exception, at.exception
    strings = rendered(at)
    extra = streamlit_english(at) if lang == "zh" else []
    if page in SECTIONED:
        seen = set(strings)
        for _ in every_section(at, f"{page}_section"):
            for pair in rendered(at):
                if pair not in seen:
                    seen.add(pair)
                    strings.append(pair)
            if lang == "zh":
                extra += [text for text in streamlit_english(at) if text not in extra]
    if page == "present":
        for n in range(2, len(slide_keys()) + 1):
            at.query_params["slide"] = str(n)
            at.run()
            assert not at.exception, at.exception
            strings += [pair for pair in rendered(at) if pair not in strings]
    return strings, extra


# ---- the collector and the checks themselves, on hand-made input --------------------------


def test_markup_is_not_text():
    assert _text('<span style="color:red">好</span>') == " 好 "
    assert WORD.findall(_text("[下载](https://example.com/file) :material/download:")) == []
    assert word_leaks([("x", "共 3 个 Excel 文件")]) == []
    assert word_leaks([("x", "Select all")]) == ["x: 'Select all' (Select, all)"]
    assert cjk_leaks([("x", "Rainbow (彩虹)")]) == ["x: 'Rainbow (彩虹)'"]
    assert cjk_leaks([("x", "Total：3")]) == ["x: 'Total：3'"]  # full-width colon
    assert cjk_leaks([("x", "中文 / English")]) == []


def test_collector_reads_frames_and_charts():
    df = pd.DataFrame({"社区": ["彩虹", "C01"], "n": [1, 2]})
    got = list(_frame_strings(df, "dataframe"))
    assert ("dataframe header", "社区") in got and ("dataframe [社区]", "彩虹") in got
    spec = {
        "data": [{"x": ["乱停车"], "y": [3], "name": "cases", "marker": {"color": "red"}}],
        "layout": {
            "title": {"text": "各类案件", "xanchor": "left"},
            "template": {"layout": {"title": {"text": "theme"}}},
        },
    }
    got = list(_json_strings(spec, "plotly", False))
    assert sorted(text for _, text in got) == ["cases", "乱停车", "各类案件"]
    assert ("plotly.layout.title.text", "各类案件") in got


# ---- the catalog itself ------------------------------------------------------------------------

# English strings that quote what a user may type in a cell (2011年3月5日, 是/否).
QUOTES_CHINESE_INPUT = {"imp.cell.not_date", "imp.cell.not_quarter", "imp.cell.not_bool"}


def test_no_english_catalog_string_has_chinese_or_full_width_punctuation():
    from governance.i18n import CATALOG

    bad = {
        key: en
        for key, (_zh, en) in CATALOG.items()
        if key not in QUOTES_CHINESE_INPUT and cjk_leaks([(key, en)])
    }
    assert not bad, bad
    assert cjk_leaks([("x", "Stars: 3，4")]), "the check sees a full-width comma"


# ---- the one table of contract categories ----------------------------------------------------


def test_every_contract_category_has_an_english_name():
    from governance.i18n import categories

    lists = [v for n, v in vars(contract).items() if n.isupper() and isinstance(v, tuple)]
    values = {x for v in lists for x in v if isinstance(x, str) and CJK.search(x)}
    assert "乱停车" in values and "社区书记" in values and "图书" in values
    for value in values:
        english = categories.category(value, "en")
        assert english != value and not CJK.search(english), value
        assert categories.category(value, "zh") == value


def test_category_frame_translates_only_contract_values():
    from governance.i18n import categories

    df = pd.DataFrame(
        {"kind": ["企业", "高校", "甲公司"], "n": [1, 2, 3], "post": ["社区书记", None, "社工"]}
    )
    en = categories.frame(df, "en")
    assert en["kind"].tolist() == ["Enterprise", "University", "甲公司"]
    assert en["post"].tolist()[0::2] == ["Community secretary", "Social worker"]
    assert en["n"].tolist() == [1, 2, 3] and pd.isna(en["post"].iloc[1])
    assert categories.frame(df, "zh") is df
    assert df["kind"].iloc[0] == "企业", "the input frame is not changed"
    assert categories.category(None, "en") == "" and categories.category("别的", "en") == "别的"


def test_chart_labels_break_long_english_names():
    from governance.i18n import categories

    assert categories.chart_label("破坏承重墙", "en") == "Load-bearing<br>walls damaged"
    assert categories.chart_label("乱停车", "en", width=10) == "Disorderly<br>parking"
    assert categories.chart_label("图书", "en") == "Books"
    assert categories.chart_label("公共区域堆物", "zh") == "公共区域堆物"


# ---- every page, both languages --------------------------------------------------------------


@pytest.mark.warm_caches  # reads what each page draws (conftest)
@pytest.mark.parametrize(("page", "variant"), CASES)
def test_english_page_has_no_chinese(
    page: str, variant: str, demo_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    strings, _ = run_page(demo_dir, monkeypatch, page, "en", tmp_path / "state", variant)
    assert len(strings) > 5, "the page rendered next to nothing"
    leaks = cjk_leaks(strings)
    assert not leaks, f"{page} ({variant}, lang=en) shows Chinese:\n" + "\n".join(leaks)


@pytest.mark.warm_caches  # reads what each page draws (conftest)
@pytest.mark.parametrize(("page", "variant"), CASES)
def test_chinese_page_has_no_english(
    page: str, variant: str, demo_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    strings, streamlit_texts = run_page(
        demo_dir, monkeypatch, page, "zh", tmp_path / "state", variant
    )
    assert len(strings) > 5, "the page rendered next to nothing"
    leaks = word_leaks(strings) + streamlit_texts
    assert not leaks, f"{page} ({variant}, lang=zh) shows English:\n" + "\n".join(leaks)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_login_form_in_the_language_of_the_link(
    lang: str, demo_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.setenv("GOVERNANCE_AUTH", "local")
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "state"))
    at = app_on(demo_dir, monkeypatch)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    strings = rendered(at)
    assert len(at.text_input) == 2, "the login form (user name and password) is drawn"
    leaks = cjk_leaks(strings) if lang == "en" else word_leaks(strings) + streamlit_english(at)
    assert not leaks, f"login (lang={lang}):\n" + "\n".join(leaks)
