"""Strings of the briefing (汇报材料): the slides' titles, sentences and table headings."""

STRINGS: dict[str, tuple[str, str]] = {
    "brief.title": ("芦潮港镇“四个平台”建设情况", "Luchaogang Town: the Four Platforms"),
    "brief.subtitle": (
        "社区管理联席会议汇报",
        "Briefing for the community-management joint meeting",
    ),
    "brief.file": ("芦潮港镇四个平台汇报", "Luchaogang-four-platforms-briefing"),
    "brief.period": ("{start} – {end}", "{start} – {end}"),
    "brief.filters": (
        "时间：{period} · 范围：{scope} · 比较：{basis} · {as_of}",
        "Period: {period} · Scope: {scope} · Compared with: {basis} · {as_of}",
    ),
    "brief.slide_of": ("第 {n} / {total} 页", "Slide {n} of {total}"),
    # ---- title slide: the town in numbers
    "brief.facts": ("全镇概况（来自数据）", "The town in numbers (from the data)"),
    "brief.facts.residents.value": ("{n}人", "{n}"),
    "brief.facts.area": ("动迁安置房", "Resettlement housing"),
    "brief.facts.area.value": ("{n}平方米", "{n} m²"),
    "brief.facts.units": ("下辖", "Made up of"),
    "brief.facts.units.value": ("{c}个社区、{v}个村", "{c} {c_word}, {v} {v_word}"),
    "brief.facts.families": ("居住在动迁安置社区的家庭", "Families in resettlement communities"),
    "brief.facts.families.note": (
        "{n}户，占全镇{total}户",
        "{n} of the town's {total} households",
    ),
    # ---- outcomes
    "brief.outcomes.subtitle": (
        "三个明显下降、四个明显提高 · {quarter}",
        "Three marked decreases, four marked increases · {quarter}",
    ),
    "brief.read.down": ("{label}{vs}下降 {amount}", "{label} down {amount} {vs}"),
    "brief.read.up": ("{label}{vs}上升 {amount}", "{label} up {amount} {vs}"),
    "brief.read.flat": ("{label}{vs}持平", "{label} unchanged {vs}"),
    "brief.read.below": ("{label}低于目标 {amount}", "{label} {amount} below target"),
    "brief.read.above": ("{label}高于目标 {amount}", "{label} {amount} above target"),
    "brief.read.none": ("{label}：没有可比较的数据", "{label}: nothing to compare with"),
    "brief.read.good": ("，向好", ", better"),
    "brief.read.bad": ("，需关注", ", needs attention"),
    "brief.note.target": ("目标 {target} · {status}", "Target {target} · {status}"),
    # ---- platform slides
    "brief.platform.title": ("{name}平台", "{name} platform"),
    "brief.platform.subtitle": ("{motto} · {quarter}", "{motto} · {quarter}"),
    "brief.chart.bars": ("{label} · 各社区 · {quarter}", "{label} by community · {quarter}"),
    "brief.chart.weakest": ("（{total} 个中最弱的 {n} 个）", " (weakest {n} of {total})"),
    "brief.chart.line": ("{label} · {start}–{end}", "{label} · {start}–{end}"),
    "brief.weakest": (
        "最薄弱：{name}，{label} {value}（{target}，{status}）。",
        "Weakest: {name}, {label} {value} ({target}, {status}).",
    ),
    # the weakest community has its own target, the chart's line is the town's: both named
    "brief.weakest.two_targets": (
        "最薄弱：{name}，{label} {value}（{target}，{status}；图表所示为{town}）。",
        "Weakest: {name}, {label} {value} ({target}, {status}; the chart shows the {town}).",
    ),
    "brief.target.own": ("本社区目标 {target}", "its own target {target}"),
    "brief.target.town": ("全镇目标 {target}", "town target {target}"),
    "brief.chart.target.own": ("本社区目标", "Own target"),
    "brief.chart.target.town": ("全镇目标", "Town target"),
    "brief.weakest.no_target": (
        "最薄弱：{name}，{label} {value}，在所选社区中排名末位。",
        "Weakest: {name}, {label} {value}, last of the communities shown.",
    ),
    "brief.weakest.one": (
        "{name}的{label}为 {value}，在全镇 {n} 个社区（村）中排第 {rank} 位。",
        "{name}: {label} {value}, rank {rank} of {n} in the town.",
    ),
    "brief.weakest.none": (
        "{quarter}没有各社区的{label}数据。",
        "No {label} by community in {quarter}.",
    ),
    # ---- ranking
    "brief.ranking.title": ("社区排名与红绿灯", "Community ranking and traffic lights"),
    "brief.ranking.subtitle": (
        "各平台核心指标 · {quarter} · √ 达标（绿） ! 接近目标（黄） × 未达标（红）",
        "Each platform's headline indicator · {quarter} · √ on target (green), ! near (amber), × below (red)",
    ),
    "brief.ranking.cut": (
        "共 {total} 个社区（村），表中列出排名前 {n} 位和后 {n} 位。",
        "{total} communities in all; the table lists the first {n} and the last {n}.",
    ),
    # {scope}: 全镇 / 所辖社区 / 所选社区中 (ov.answer.scope.*), whose numbers they are
    "brief.weakest_platform": (
        "{scope}最薄弱的平台是{platform}：{label} {value}，目标 {target}（{status}）；"
        "{red}个社区未达标，{amber}个接近目标。",
        "The weakest platform {scope} is {platform}: {label} {value}, target {target} "
        "({status}); communities below target: {red}, near it: {amber}.",
    ),
    "brief.weakest_platform.unlit": (
        "{scope}最薄弱的平台是{platform}：{label} {value}，目标 {target}（{status}）；"
        "各社区的值都基于不足 {n} 件，不逐社区评灯。",
        "The weakest platform {scope} is {platform}: {label} {value}, target {target} "
        "({status}); every community's value rests on fewer than {n} cases, so none is lit.",
    ),
    "brief.weakest_platform.reds": (
        "{scope}最薄弱的平台是{platform}：{red}个社区未达标，{amber}个接近目标。",
        "The weakest platform {scope} is {platform}: communities below target: {red}, "
        "near it: {amber}.",
    ),
    "brief.weakest_platform.none": (
        "各平台都没有可与目标比较的数据。",
        "No platform has data to compare with a target.",
    ),
    "brief.attention": (
        "需要重点关注的社区（按未达标平台数，样本少的不计）：{names}。",
        "Communities needing attention (by platforms below target; values on few cases not "
        "counted): {names}.",
    ),
    "brief.attention.item": ("{name}（{n}项未达标）", "{name} ({n} below target)"),
    "brief.attention.none": (
        "没有社区的平台指标未达标。",
        "No community is below target on any platform.",
    ),
    # ---- follow-up (督办)
    "brief.follow.title": ("督办事项", "Items to follow up"),
    "brief.follow.subtitle": (
        "截至 {as_of} 仍未办结且已超过 {days} 天的联席会议议题和网格案件",
        "Joint-meeting issues and grid cases still open on {as_of} after {days} days or more",
    ),
    "brief.follow.subtitle.duban": (
        "已交办的督办事项，以及截至 {as_of} 仍未办结且已超过 {days} 天的联席会议议题和网格案件",
        "Follow-ups assigned, and joint-meeting issues and grid cases still open on {as_of} "
        "after {days} days or more",
    ),
    "brief.follow.total": (
        "共 {n} 项超过 {days} 天未办结：联席会议议题 {issues} 项，网格案件 {cases} 项；"
        "最多的是{name}（{top} 项）。",
        "{n} items open for {days} days or more: {issues} joint-meeting issues and {cases} "
        "grid cases; most in {name} ({top}).",
    ),
    "brief.follow.none": (
        "截至 {as_of}，没有超过 {days} 天未办结的议题或案件。",
        "On {as_of}, no issue or case has been open for {days} days or more.",
    ),
    "brief.follow.more": (
        "另有 {n} 个社区（{items} 项）未列出。",
        "{n} more communities ({items} items) not listed.",
    ),
    "brief.follow.by_community": ("按社区汇总", "By community"),
    "brief.follow.details": (
        "未办结事项明细（按社区，挂账最久在前）",
        "Open items (by community, oldest first)",
    ),
    "brief.follow.col.issues": ("联席会议议题", "Joint-meeting issues"),
    "brief.follow.col.oldest": ("最久未办结", "Oldest open item"),
    "brief.follow.col.id": ("编号", "Id"),
    "brief.follow.col.source": ("来源", "Source"),
    "brief.follow.col.opened": ("提出日期", "Raised"),
    "brief.follow.col.days": ("已开天数", "Days open"),
    # who answers for an overdue item: the 督办 item assigned from it (the data itself names
    # no responsible unit), or 未交办
    "brief.follow.col.duban": ("督办（责任单位）", "Follow-up (unit)"),
    "brief.follow.assigned": ("{unit} · {status}", "{unit} · {status}"),
    "brief.follow.unassigned": ("未交办", "not assigned"),
    # the oldest item named by its id: the data has no description or responsible unit
    # (was "{category} · {days}")
    "brief.follow.oldest": ("{category} · {days}（{id}）", "{category} · {days} ({id})"),
    "brief.follow.days": ("{n}天", "{n} days"),
    "brief.source.issue": ("联席会议议题", "Joint-meeting issue"),
    "brief.source.case": ("网格案件", "Grid case"),
    "brief.furthest.title": ("距目标最远的指标", "Indicators furthest from target"),
    "brief.furthest.col.value": ("当前值", "Value"),
    "brief.furthest.col.gap": ("差距", "Gap"),
    "brief.furthest": ("距目标最远：{items}。", "Furthest from target: {items}."),
    "brief.furthest.item": (
        "{label}（{value}，目标 {target}）",
        "{label} ({value}, target {target})",
    ),
    "brief.furthest.none": (
        "所有有目标的指标均已达标。",
        "Every indicator with a target meets it.",
    ),
    # ---- exports and the command line
    "brief.html.print": ("打印本页（每页一张幻灯片）", "Print (one slide per page)"),
    "brief.cli.bad_option": ("无法生成汇报材料：{message}", "Cannot write the briefing: {message}"),
    "brief.cli.usage": (
        "命令行参数有误（{message}）。用法：python -m scripts.briefing [--from 2011Q1] "
        "[--to 2011Q4] [--communities C01,C02] [--basis qoq|yoy|target] [--lang zh|en] "
        "[--days 30] [--out 文件夹]",
        "Bad command line ({message}). Usage: python -m scripts.briefing [--from 2011Q1] "
        "[--to 2011Q4] [--communities C01,C02] [--basis qoq|yoy|target] [--lang zh|en] "
        "[--days 30] [--out folder]",
    ),
    "brief.cli.bad_lang": (
        "参数 --lang 的值“{value}”无效（应为 zh 或 en）",
        "--lang: '{value}' is not zh or en",
    ),
    "brief.cli.bad_days": (
        "参数 --days 的值“{value}”无效（应为 0 或正整数，如 30）",
        "--days: '{value}' is not a whole number of days (e.g. 30)",
    ),
    "brief.cli.bad_out": (
        "输出目录“{path}”无法写入：{reason}",
        "Cannot write to the folder '{path}': {reason}",
    ),
    "brief.cli.no_data": ("数据无法读取：{reason}", "The data cannot be read: {reason}"),
    "brief.cli.elapsed": ("汇报材料生成用时 {s} 秒", "Briefing written in {s} s"),
}
