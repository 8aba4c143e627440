"""The catalog says each label once (issue 19): no Chinese text under two keys with different
English, except the texts listed below, each with why it differs. (No (Chinese, English) pair
under two keys: tests/test_meta.py.)"""

from __future__ import annotations

from collections import defaultdict

from governance.i18n import CATALOG

AUDIT = "audit.*: a lower-case word of the audit log (an event or a detail's name), not a label"
SHORT = "a short form (menu, button, sidebar) beside the full title or label"
SENTENCE = "English words that sit inside a sentence or a file name, where Chinese needs none"
# (WORDING, one label worded two ways in English, is gone: issue 19 chose each wording.)

# Chinese texts under more than one key with different English: why the English differs.
SHARED_CHINESE: dict[str, str] = {
    "密码": AUDIT,
    "登录": AUDIT,
    "退出登录": AUDIT,
    "用户": f"{AUDIT}; the users list's heading (Users) and its column (User)",
    "用户名": "the users table's column says User; the form's field says User name",
    "邮箱": AUDIT,
    "角色": AUDIT,
    "停用用户": AUDIT,
    "回滚": f"{AUDIT}; the data store's mode name (Rollback) beside the page's action",
    "方式": f"{AUDIT}; the data page's Mode column",
    "版本": AUDIT,
    "文件": AUDIT,
    "数据表": AUDIT,
    "说明": f"{AUDIT}; an event's text column; the template's About sheet",
    "方案": AUDIT,
    "保存方案": AUDIT,
    "记录会议": AUDIT,
    "会议": AUDIT,
    "添加事件标注": AUDIT,
    "交办督办事项": AUDIT,
    "类别": AUDIT,
    "原因": AUDIT,
    "状态": AUDIT,
    "督办事项": f"{AUDIT}; the briefing slide's title and the page's title",
    "全镇": f"{SENTENCE} (in the town, whole_town in a file name)",
    "所辖社区": SENTENCE,
    "社区": "a filter of several communities (Communities) beside one community's column",
    "联席会议议题": "a column of counts (issues) beside one record's source (issue)",
    "网格案件": "a column of counts (cases) beside one record's source (case)",
    "编号": "a follow-up's number (No.), a briefing id (Id), a diff's row key (Key)",
    "物业公司": "a duban body (its English is typed in scripts/duban.py); a short what-if column",
    "城管": "scripts/duban.py accepts a body's English name as typed; the contract value's differs",
    "无": "a brand category (No brand) beside an empty profile cell (none)",
    "情景推演": SHORT,
    "入住年份": "a filter (Move-in year) beside a profile fact (Moved in)",
    "环比": SHORT,
    "同比": SHORT,
    "无目标": "inside a sentence (no target) beside a light's name (No target)",
    "类型": "an indicator kind (Kind) beside a template column's data type (Type)",
    "万元": "a chart axis (10,000 yuan) beside a compact tile unit (10k yuan)",
    "对比指标": "each page's picker names what it compares",
    "社区编号": "one community id beside an event's list of ids",
    "数据管理": SHORT,
    "级别": "a problem's level in the table beside the report's severity column",
    "现有数据": SENTENCE,
    "督办台账": f"{SENTENCE} (the ledger's file name) beside its sheet name",
    "责任单位": SHORT,
    "范围": "a template column (Range of values) beside a table's scope",
    "比较指标": "each page's picker names what it compares",
    "奖励金发放": "the long-term records' list of payments beside a what-if tile's total paid",
    "分": "an axis title (Points) beside a unit after a number (points)",
    "考核得分": "the long-term records' total beside the what-if table's score",
    "变化": "the self-governance change is in percentage points (pp)",
    "议题类别": "a table column beside a download's file name",
    "户": "a ratio's unit beside a unit that follows a number (leading space)",
    "每月": "a period choice beside the words a check message says it in",
    "每季度": "a period choice beside the words a check message says it in",
    "按比例缩减": "a policy choice beside the words a check message says it in",
    "按得分排序发放": "a policy choice beside the words a check message says it in",
    "方案申领（元）": "one company's claim beside a year's sum of claims",
}


def _keys_by(text_of) -> dict[object, set[str]]:
    groups: dict[object, set[str]] = defaultdict(set)
    for key, pair in CATALOG.items():
        groups[text_of(pair)].add(key)
    return {text: keys for text, keys in groups.items() if len(keys) > 1}


def test_no_chinese_under_two_keys_unless_listed():
    groups = _keys_by(lambda p: p[0])
    differing = {zh for zh, keys in groups.items() if len({CATALOG[k][1] for k in keys}) > 1}
    unlisted = {zh: sorted(groups[zh]) for zh in differing - SHARED_CHINESE.keys()}
    assert not unlisted, f"one Chinese text, two keys with different English: {unlisted}"
    stale = sorted(SHARED_CHINESE.keys() - differing)
    assert not stale, f"SHARED_CHINESE lists texts no longer under two keys: {stale}"


def test_every_allowance_says_why():
    assert all(SHARED_CHINESE.values())
