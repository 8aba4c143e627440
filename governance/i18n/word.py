"""Strings of the Word 通报 (governance/briefing/docx.py): its title, lead, sections and 落款."""

STRINGS: dict[str, tuple[str, str]] = {
    "briefing.docx": ("Word 通报", "Word report"),
    "word.title": ("关于{title}的通报", "Report on {title}"),
    "word.lead": (
        "现将{scope}“四个平台”建设情况通报如下（{filters}）。",
        "This report sets out where the four platforms stand ({filters}).",
    ),
    "word.outcomes": ("总体情况", "Overall"),
    # first- and second-level headings: 一、总体情况 / （一）按社区汇总
    "word.h1": ("{n}、{title}", "{n}. {title}"),
    "word.h2": ("（{n}）{title}", "({n}) {title}"),
    # one tile in a sentence: 指标为数值（较上季度变化，目标 X，达标）
    "word.tile": ("{label}为{value}（{parts}）", "{label} {value} ({parts})"),
    "word.tile.bare": ("{label}为{value}", "{label} {value}"),
    "word.tile.change": ("{basis}{change}", "{change} {basis}"),
    "word.tile.target": ("目标{target}，{status}", "target {target}, {status}"),
    "word.sep.parts": ("，", ", "),
    "word.stop": ("。", "."),
    "word.note": ("注：{text}", "Note: {text}"),
    "word.signature": ("芦潮港镇社区管理联席会议办公室", "Luchaogang Town Joint Meeting Office"),
}
