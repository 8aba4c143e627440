"""Every category value of the data contract in both languages, in one place.

The data holds categories in Chinese (the contract's allowed values: 乱停车, 企业, 图书, 社区书记,
居民学校…); a page shows them through :func:`category` so English mode never shows the Chinese
value. Keys are ``cat.<slug>``; :data:`VALUE_KEYS` maps each contract value to its key (a
value shared by two lists, 公安 or 讲座, has one translation).
"""

from __future__ import annotations

import pandas as pd

STRINGS: dict[str, tuple[str, str]] = {
    # communities.kind
    "cat.community": ("社区", "Community"),
    "cat.village": ("村", "Village"),
    # party_bodies.body_kind (1+2+X) and partner / member unit kinds
    "cat.party_branch": ("党总支", "Party branch"),
    "cat.workstation": ("工作站", "Workstation"),
    "cat.residents_committee": ("居委会", "Residents' committee"),
    "cat.owners_committee": ("业委会", "Owners' committee"),
    "cat.property_company": ("物业公司", "Property company"),
    "cat.police": ("公安", "Police"),
    "cat.city_management": ("城管", "City management"),
    "cat.sanitation": ("环卫", "Sanitation"),
    "cat.enterprise": ("企业", "Enterprise"),
    "cat.university": ("高校", "University"),
    "cat.military": ("部队", "Military unit"),
    # partner contributions
    "cat.venue_space": ("场地", "Venues"),
    "cat.facilities": ("设施", "Facilities"),
    "cat.books": ("图书", "Books"),
    # grid cases and joint-meeting issues
    "cat.illegal_building": ("违章搭建", "Illegal building"),
    "cat.clutter": ("公共区域堆物", "Clutter in public areas"),
    "cat.parking": ("乱停车", "Disorderly parking"),
    "cat.lawns": ("毁绿踩踏", "Lawns trampled"),
    "cat.walls": ("破坏承重墙", "Load-bearing walls damaged"),
    "cat.flammables": ("堆放易燃物", "Flammables stored"),
    # staff posts
    "cat.secretary": ("社区书记", "Community secretary"),
    "cat.committee_director": ("居委会主任", "Committee director"),
    "cat.social_worker": ("社工", "Social worker"),
    "cat.grid_manager": ("网格管理员", "Grid manager"),
    "cat.cleaning_supervisor": ("保洁监督员", "Cleaning supervisor"),
    # culture: venues, activity kinds, brands, teams, training, honours
    "cat.residents_school": ("居民学校", "Residents' school"),
    "cat.adult_school": ("成人学校", "Adult school"),
    "cat.party_centre": ("党员服务中心", "Party-member centre"),
    "cat.culture_square": ("文化广场", "Culture square"),
    "cat.culture_centre": ("文化中心", "Culture centre"),
    "cat.lecture": ("讲座", "Lecture"),
    "cat.training": ("培训", "Training"),
    "cat.arts": ("文艺", "Arts"),
    "cat.sports": ("体育", "Sports"),
    "cat.brand_new_home": (
        "迁新居、提素质、看未来",
        "New home, better skills, look ahead",
    ),
    "cat.brand_one_per_community": ("一居一品", "One brand per community"),
    "cat.brand_small_stage": ("百姓小舞台，秀出我风采", "Residents' small stage"),
    "cat.no_brand": ("无", "No brand"),
    "cat.kite": ("风筝队", "Kite team"),
    "cat.morning_exercise": ("晨练队", "Morning-exercise team"),
    "cat.calligraphy": ("书画班", "Calligraphy and painting class"),
    "cat.dance": ("舞蹈队", "Dance team"),
    "cat.choir": ("合唱队", "Choir"),
    "cat.opera": ("戏曲队", "Opera troupe"),
    "cat.tai_chi": ("太极拳队", "Tai chi team"),
    "cat.knitting": ("编织组", "Knitting group"),
    "cat.job_skills": ("职业技能", "Job skills"),
    "cat.job_guidance": ("就业指导", "Job guidance"),
    "cat.civility": ("文明素质", "Civility"),
    "cat.popular_science": ("科普", "Popular science"),
    "cat.national": ("全国", "National"),
    "cat.shanghai": ("上海市", "Shanghai"),
    # self-governance: the three meetings and the volunteer teams
    "cat.deliberation": ("议事会", "Deliberation"),
    "cat.hearing": ("听证会", "Hearing"),
    "cat.coordination": ("协调会", "Coordination"),
    "cat.patrollers": ("治安巡逻员", "Security patrollers"),
    "cat.inspectors": ("卫生巡查员", "Sanitation inspectors"),
    "cat.assessors": ("创评评议员", "Rating assessors"),
    "cat.mediators": ("矛盾调解员", "Dispute mediators"),
}

# Contract value -> its key (the Chinese text is the value the data holds).
VALUE_KEYS: dict[str, str] = {zh: key for key, (zh, _en) in STRINGS.items()}


def category(value: object, lang: str = "zh") -> str:
    """A category value of the data in ``lang``; a value outside the contract as it is."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value)
    key = VALUE_KEYS.get(text)
    if key is None or lang != "en":
        return text
    return STRINGS[key][1]


def chart_label(value: object, lang: str = "zh", width: int = 14) -> str:
    """:func:`category` for a chart's axis: a long English name broken into lines of about
    ``width`` characters (Plotly never wraps a tick label; a long one is turned on its side
    and runs into the legend)."""
    text = category(value, lang)
    if lang != "en" or len(text) <= width:
        return text
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def mapping(lang: str = "zh") -> dict[str, str]:
    """Contract value -> its text in ``lang``, for ``Series.map`` on a whole column (map, then
    ``fillna`` with the column, so values outside the contract stay as they are)."""
    return {zh: (en if lang == "en" else zh) for zh, en in STRINGS.values()}


def frame(df: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """``df`` with every text cell that is a contract category shown in ``lang`` (in English:
    乱停车 -> Disorderly parking); other cells, and every cell in Chinese, as they are."""
    if lang != "en":
        return df
    table = mapping("en")
    out = None
    for col in df.columns:
        values = df[col]
        if values.dtype != object and str(values.dtype) not in ("string", "str"):
            continue
        if not values.isin(table.keys()).any():
            continue
        if out is None:
            out = df.copy()
        out[col] = values.map(lambda v: table.get(v, v) if isinstance(v, str) else v).astype(
            values.dtype
        )
    return df if out is None else out
