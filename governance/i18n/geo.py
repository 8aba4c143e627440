"""一张图: the communities' shapes (importing a GeoJSON file) and the town map."""

STRINGS: dict[str, tuple[str, str]] = {
    # ---- reading a GeoJSON file: the file ----
    "geo.file.too_big": (
        "边界文件有 {size}，超过上限 {limit}（一个镇的边界通常只有几百 KB）",
        "the shapes file is {size}, over the limit of {limit} (a town's outlines are a few hundred kB)",
    ),
    "geo.file.empty": ("文件是空的", "the file is empty"),
    "geo.file.not_text": (
        "不是 GeoJSON 文件：不是 UTF-8 编码的文本",
        "not a GeoJSON file: not UTF-8 text",
    ),
    "geo.file.not_json": (
        "不是 GeoJSON 文件：第 {line} 行第 {col} 列起无法按 JSON 读取",
        "not a GeoJSON file: not JSON from line {line}, column {col}",
    ),
    "geo.file.not_collection": (
        "不是 GeoJSON 要素集合：顶层的 type 应为 FeatureCollection，实为 {kind}",
        "not a GeoJSON feature collection: the top-level type should be FeatureCollection, not {kind}",
    ),
    "geo.file.no_features": (
        "文件中没有要素（features 为空）",
        "the file holds no features (features is empty)",
    ),
    # ---- one feature ----
    "geo.feature": ("第 {n} 个要素（{id}）：{reason}", "feature {n} ({id}): {reason}"),
    "geo.bad.not_feature": (
        "不是要素（type 应为 Feature）",
        "not a feature (its type should be Feature)",
    ),
    "geo.bad.no_id": (
        "缺少社区编号（properties 中应有 community_id，如 C01）",
        "no community id (properties should hold community_id, such as C01)",
    ),
    "geo.bad.no_geometry": ("没有图形（geometry 为空）", "no geometry"),
    "geo.bad.kind": (
        "图形类型为 {kind}，应为 Polygon 或 MultiPolygon（面）",
        "the geometry is a {kind}, not a Polygon or MultiPolygon",
    ),
    "geo.bad.coords": (
        "坐标格式不对：每个环应为 [经度, 纬度] 数对的列表",
        "bad coordinates: each ring should be a list of [longitude, latitude] pairs",
    ),
    "geo.bad.range": (
        "坐标 [{at}] 不是经纬度（经度应在 -180～180，纬度在 -90～90）",
        "[{at}] is not a longitude and latitude (longitude -180 to 180, latitude -90 to 90)",
    ),
    "geo.bad.short": (
        "{ring}只有 {n} 个点，至少需要 4 个（首尾为同一点）",
        "the {ring} has {n} points; it needs at least 4 (the first repeated last)",
    ),
    "geo.bad.open": (
        "{ring}未闭合：首点 [{first}] 与末点 [{last}] 不同",
        "the {ring} is not closed: its first point [{first}] differs from its last [{last}]",
    ),
    "geo.bad.self_intersection": (
        "边界自相交（如“8”字形），交点约在 [{at}]",
        "the outline crosses itself (a bow-tie) near [{at}]",
    ),
    "geo.bad.disconnected": (
        "内环把面分成了互不相连的几块（约在 [{at}]）",
        "the holes cut the polygon into separate pieces (near [{at}])",
    ),
    "geo.bad.hole_outside": (
        "内环在外环之外（约在 [{at}]）",
        "a hole lies outside its outer ring (near [{at}])",
    ),
    "geo.bad.overlapping_parts": (
        "多面中的几块相互重叠（约在 [{at}]）",
        "the parts of the multipolygon overlap (near [{at}])",
    ),
    "geo.bad.too_few": (
        "点数太少，构不成面（约在 [{at}]）",
        "too few distinct points to make an area (near [{at}])",
    ),
    "geo.bad.invalid": ("图形无效：{reason}", "the geometry is not valid: {reason}"),
    "geo.bad.not_geojson": (
        '不是 GeoJSON 图形文本（应如 {{"type":"Polygon","coordinates":…}}）',
        'not GeoJSON geometry text (write it as {{"type":"Polygon","coordinates":…}})',
    ),
    "geo.bad.duplicate": (
        "社区编号 {id} 已在第 {first} 个要素中出现：每个社区（村）只能有一个边界",
        "community id {id} is already feature {first}'s: each community has exactly one shape",
    ),
    "geo.bad.unknown": (
        "社区编号 {id} 不在社区（村）表中（已有：{known}）",
        "community id {id} is not in the communities table (known: {known})",
    ),
    "geo.missing": (
        "社区 {id}（{name}）没有边界：文件须为每个社区（村）各提供一个要素",
        "community {id} ({name}) has no shape: the file needs one feature per community",
    ),
    "geo.warn.rewound": (
        "{rings}的方向相反，已按 GeoJSON 规范（外环逆时针、内环顺时针）自动纠正",
        "the {rings} ran the wrong way round and was rewound (outer rings counter-clockwise, holes clockwise)",
    ),
    "geo.ring.outer": ("外环", "outer ring"),
    "geo.ring.hole": ("第 {k} 个内环", "hole {k}"),
    "geo.ring.part": ("第 {p} 块的{ring}", "{ring} of part {p}"),
    "geo.cell": ("{reason_zh}", "{reason_en}"),
    "geo.dm.mode": (
        "社区边界（.geojson，每个社区一个要素）总是整表替换。",
        "Community shapes (.geojson, one feature per community) always replace the table.",
    ),
}

STRINGS.update(
    {
        # ---- the map ----
        "map.title": ("一张图 · {label} · {quarter}", "Town map · {label} · {quarter}"),
        "map.title.schematic": (
            "一张图（示意图）· {label} · {quarter}",
            "Town map (schematic) · {label} · {quarter}",
        ),
        "map.note.schematic": (
            "示意图：社区的位置与形状只是示意，不是实际边界；导入本镇的边界文件后按实际边界绘制。",
            "Schematic: the communities' places and shapes are only indicative, not real "
            "boundaries; the town's own shapes file, once imported, draws the real ones.",
        ),
        "map.note.shapes": (
            "社区边界取自数据管理页导入的边界文件。",
            "The outlines are the shapes file imported on the data page.",
        ),
        "map.status_line": ("{status}（{n}个）：{names}", "{status} ({n}): {names}"),
        "map.missing": ("没有边界、未画出：{names}", "No shape, not drawn: {names}"),
        "map.names_more": (
            "{names}等，另有 {rest} 个未列出（见分社区的表格）",
            "{names} and {rest} more (see the table by community)",
        ),
        "map.dense": (
            "社区较多，图上只写状态符号（√ ! × —，灰色无符号为样本少）；点击符号即筛选到该社区，"
            "名称与数值见悬停提示和下方文字。",
            "With this many communities the map writes only each status's sign (√ ! × —; grey "
            "with no sign: few cases); click a sign to filter the dashboard to that community; "
            "names and values are in the hover and the lines below.",
        ),
        "map.header": ("一张图", "Town map"),
        "map.indicator": ("按指标着色", "Coloured by"),
        "map.hint.own": (
            "点击社区标签即筛选到该社区（在侧栏清空所选社区即回到您可见的全部社区）；颜色是目标达成状态，"
            "标签写明数值与状态。",
            "Click a community's label to filter the dashboard to it (clear the sidebar's choice "
            "to see all your communities again); the colour is its status against the target, "
            "and the label says the value and the status.",
        ),
        "map.hint": (
            "点击社区标签即筛选到该社区（在侧栏清空所选社区即回到全镇）；颜色是目标达成状态，标签写明数值与状态。",
            "Click a community's label to filter the dashboard to it; the colour is its "
            "status against the target, and the label says the value and the status.",
        ),
        "map.none": (
            "还没有社区边界：在数据管理页导入边界文件（GeoJSON，每个社区一个要素）后，这里显示一张图。",
            "No community shapes yet: import a shapes file (GeoJSON, one feature per "
            "community) on the data page and the map appears here.",
        ),
        "map.open_profile": ("查看 {name} 的社区画像", "Open {name}'s profile"),
        "map.slide.title.schematic": ("一张图（示意图）", "Town map (schematic)"),
        "map.slide.subtitle": (
            "{label} · {quarter} · 按目标达成状态着色",
            "{label} · {quarter} · coloured by status against the target",
        ),
    }
)
