"""Strings of the hardening work: bad data in force, hostile links, the app's own errors."""

STRINGS: dict[str, tuple[str, str]] = {
    "url.bad_communities": (
        "参数 c 中有 {n} 个值不是已知社区编号（如 {sample}），已忽略",
        "parameter c: {n} values are not known community ids (e.g. {sample}); ignored",
    ),
    "url.too_many_communities": (
        "参数 c 列出了 {n} 个社区，只读取前 {cap} 个（其中 {unknown} 个不是已知社区编号，已忽略）",
        "parameter c names {n} communities; only the first {cap} were read ({unknown} of them "
        "are not known community ids and were ignored)",
    ),
    "data.unusable": (
        "数据表“{label}”（{file}）未通过检查，本页依赖它的内容暂不显示：{reasons}{more}",
        "Table '{label}' ({file}) failed its checks; what this page draws from it is "
        "not shown: {reasons}{more}",
    ),
    "data.unusable.more": ("（共 {n} 处问题）", " ({n} problems in all)"),
    "data.core_unusable": (
        "数据表“{label}”（{file}）未通过检查，各页面都依赖它，暂时无法显示：{reasons}{more}",
        "Table '{label}' ({file}) failed its checks; every page needs it, so none can be "
        "shown: {reasons}{more}",
    ),
    "error.app": (
        "页面出错，已记录在服务器日志中。其他页面不受影响，请刷新或联系管理员。",
        "This page hit an error, recorded in the server log. Other pages are unaffected; "
        "reload or ask the administrator.",
    ),
    "rate.limited": (
        "一分钟内切换的筛选组合过多（上限 {cap} 种），请稍后再试。",
        "Too many different filter combinations in one minute (at most {cap}); try again shortly.",
    ),
}
