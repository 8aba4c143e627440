"""Strings of the write check (governance/auth/guard.py), the per-run session check and the
state store's own troubles."""

STRINGS: dict[str, tuple[str, str]] = {
    "guard.no_login": (
        "未登录，无法保存更改；请先登录。未做任何改动。",
        "Not logged in: nothing was changed. Please log in first.",
    ),
    "guard.session": (
        "您的登录已失效（已在别处退出、密码已修改或超时），本次操作未执行；请重新登录。",
        "Your login has ended (logged out elsewhere, password changed or timed out); "
        "nothing was changed. Please log in again.",
    ),
    "guard.disabled": (
        "您的账号已被停用或删除，本次操作未执行。",
        "Your account has been disabled or removed; nothing was changed.",
    ),
    "guard.role": (
        "您的角色已无此权限（需要{role}或以上），本次操作未执行。",
        "Your role no longer allows this (it needs {role} or above); nothing was changed.",
    ),
    "guard.scope": (
        "此操作涉及您可查看范围以外的社区（或全镇数据），本次操作未执行；请联系全镇范围的管理员。",
        "This touches communities outside your scope (or town-wide data); nothing was "
        "changed. Please ask an administrator with town-wide scope.",
    ),
    "guard.store": (
        "暂时无法核对您的账号（用户文件或状态库不可用），本次操作未执行；请稍后再试。",
        "Your account cannot be checked right now (the users file or state store is "
        "unavailable); nothing was changed. Please try again later.",
    ),
    "guard.reason.no_login": ("未登录", "not logged in"),
    "guard.reason.session": ("登录已失效", "login ended"),
    "guard.reason.disabled": ("账号已停用", "account disabled"),
    "guard.reason.role": ("角色无权限", "role not allowed"),
    "guard.reason.scope": ("超出社区范围", "outside scope"),
    "guard.reason.store": ("无法核对账号", "account not checkable"),
    "audit.refused": ("操作被拒绝", "refused"),
    "audit.detail.action": ("操作", "action"),
    "audit.detail.reason": ("原因", "reason"),
    "audit.detail.scenario": ("方案", "scenario"),
    "audit.scenario_save": ("保存方案", "scenario saved"),
    "audit.scenario_delete": ("删除方案", "scenario deleted"),
    "audit.download": ("下载文件", "download"),  # an action in a refusal's detail
    "guard.download_refused": (
        "您的登录已失效或账号已停用，未生成文件。请重新登录后再下载。",
        "Your login has ended or your account is disabled; no file was made. Please log in "
        "again to download.",
    ),
    "state.unavailable": (
        "系统状态库暂时无法访问（可能被其他程序锁定或磁盘已满），请稍后刷新重试；数据未受影响。",
        "The system's state store cannot be reached right now (locked by another program, or "
        "the disk is full); please refresh in a moment. No data was affected.",
    ),
    "auth.scope.empty": (
        "您的账号没有可查看的社区，请联系管理员。",
        "Your account has no community you may see; please contact an administrator.",
    ),
    "users.reenabled": (
        "注意：用户 {name} 此前已停用，本次保存已将其重新启用。",
        "Note: user {name} was disabled; saving has enabled it again.",
    ),
}
