"""Strings of the joint meetings (会议): the record, the digest "上次会议以来" and the command
line (scripts/meeting.py)."""

STRINGS: dict[str, tuple[str, str]] = {
    "meet.title.default": ("社区管理联席会议", "Community management joint meeting"),
    "meet.date": ("{y}年{m}月{d}日", "{y}-{m:02d}-{d:02d}"),
    # ---- the audit log
    "audit.meeting_record": ("记录会议", "meeting recorded"),
    "audit.meeting_update": ("修改会议备注", "meeting notes changed"),
    "audit.meeting_delete": ("删除会议", "meeting deleted"),
    "audit.detail.meeting": ("会议", "meeting"),
    "audit.detail.date": ("日期", "date"),
    # ---- refusals of the store (a scope check, a bad value)
    "meet.err.scope": (
        "这次会议涉及您可见范围以外的社区，不能记录或修改。",
        "This meeting covers communities outside your scope: it cannot be recorded or changed.",
    ),
    "meet.err.not_found": ("没有编号为 {id} 的会议。", "There is no meeting number {id}."),
    "meet.err.notes_long": (
        "备注最多 {max} 个字，现在是 {n} 个字。",
        "Notes may hold at most {max} characters; these have {n}.",
    ),
    "meet.err.title_long": (
        "会议标题最多 {max} 个字，现在是 {n} 个字。",
        "A meeting title may hold at most {max} characters; this one has {n}.",
    ),
    "meet.err.other_communities": (
        "会议记录的范围与现在比较的范围不同，不能直接比较。",
        "The meeting covered other communities than the numbers it is compared with.",
    ),
    # ---- the digest: since the last meeting
    "meet.digest.none": (
        "还没有更早的会议记录，无从比较；本次会议记录后，下次会议可与之比较。",
        "There is no earlier meeting on record to compare with; once this one is recorded, "
        "the next meeting can be compared with it.",
    ),
    # what is known: the quarter the meeting saw and the one in view now (the data may hold a
    # later one the chosen period leaves out: "数据尚未更新" would then be untrue)
    "meet.digest.unmoved": (
        "上次会议（{date}）看的是{then}的数据；当前所选时段止于{quarter}，没有更新的季度可比。",
        "The last meeting ({date}) saw {then}; the period now chosen ends at {quarter}: "
        "no later quarter to compare.",
    ),
    "meet.digest.lead": (
        "上次会议（{date}）以来，数据由{then}更新至{now}：{n}项指标中{good}项向好、"
        "{bad}项需关注、{flat}项持平",
        "Since the last meeting ({date}) the data has moved from {then} to {now}: of {n} "
        "indicators, {good} improved, {bad} to watch and {flat} held steady",
    ),
    "meet.digest.lead.missing": ("，{n}项无法比较", ", {n} cannot be compared"),
    "meet.digest.up": ("升", "rose"),
    "meet.digest.down": ("降", "fell"),
    "meet.digest.move": (
        "{label}由 {then} {verb}至 {now}（{change}）{drivers}。",
        "{label} {verb} from {then} to {now} ({change}){drivers}.",
    ),
    "meet.digest.drivers": ("，主要来自{names}", ", mainly from {names}"),
    "meet.digest.driver": ("{name}（{amount}）", "{name} ({amount})"),
    "meet.digest.and": ("和", " and "),
    "meet.digest.flips": (
        # not 由未达标: a light that was 接近目标 (near, still short of the target) is in the
        # count too, and the table beside it says 接近目标
        "{reached}项指标转为达标，{lost}项不再达标。",
        "Indicators now on target: {reached}; no longer on target: {lost}.",
    ),
    "meet.digest.flips.none": (
        "没有指标的达标情况发生变化。",
        "No indicator crossed its target either way.",
    ),
    "meet.digest.status": ("{then} → {now}", "{then} → {now}"),
    # ---- the command line
    "meet.cli.bad_date": (
        "日期“{value}”无法识别；请写成 2011-09-26 这样的日期。",
        "The date “{value}” cannot be read; write it like 2011-09-26.",
    ),
    "meet.cli.outside": (
        "{date} 不在数据范围内：数据覆盖 {first} 至 {last}（数据截至 {as_of}）。",
        "{date} is outside the data: it covers {first} to {last} (data as of {as_of}).",
    ),
    "meet.cli.bad_community": (
        "没有编号为“{value}”的社区；数据中的编号：{known}。",
        "There is no community “{value}”; the data has: {known}.",
    ),
    "meet.cli.recorded": (
        "已记录会议 #{id}：{date}《{title}》，{start} 至 {end}，{scope}；有目标的{n}项指标中{met}项达标{small}。",
        "Recorded meeting #{id}: {date} “{title}”, {start} to {end}, {scope}; {met} of the {n} "
        "indicators with a target met it{small}.",
    ),
    "meet.cli.recorded.small": ("（其中{k}项样本少，不作评判）", " ({k} on few cases, not judged)"),
    "meet.cli.none": ("还没有记录任何会议。", "No meeting has been recorded yet."),
    "meet.cli.row": (
        "#{id}  {date}  {title}  {start}–{end}  {scope}  记录人 {by}",
        "#{id}  {date}  {title}  {start}–{end}  {scope}  recorded by {by}",
    ),
}
