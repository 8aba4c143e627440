"""Strings of what an import must not be trusted with: invisible characters in ids and names,
two ids under one name, periods that cannot be right, and a commit the disk refused."""

STRINGS: dict[str, tuple[str, str]] = {
    # ---- characters that draw nothing or reorder text ------------------------------------
    "imp.cell.invisible": (
        "含不可见字符 {chars_zh}：编号、名称和取值中不能有不显示的字符，否则它看起来与另一个"
        "编号或名称一样。请删除该字符后重新导入。",
        "Contains the invisible character {chars_en}: ids, names and listed values must not "
        "hold characters that do not show, or they look like another id or name. Delete it "
        "and import again.",
    ),
    "imp.cell.reordering": (
        "含文字方向控制字符 {chars_zh}，它会颠倒文字的显示顺序。请删除该字符后重新导入。",
        "Contains the text-direction control {chars_en}, which reverses how the text is "
        "shown. Delete it and import again.",
    ),
    # the characters by name, as the reasons above name them (others by their Unicode name)
    "trust.char.00ad": ("软连字符", "soft hyphen"),
    "trust.char.061c": ("阿拉伯字母标记", "Arabic letter mark"),
    "trust.char.180e": ("蒙古文元音分隔符", "Mongolian vowel separator"),
    "trust.char.200b": ("零宽空格", "zero-width space"),
    "trust.char.200c": ("零宽不连字", "zero-width non-joiner"),
    "trust.char.200d": ("零宽连字", "zero-width joiner"),
    "trust.char.200e": ("从左至右标记", "left-to-right mark"),
    "trust.char.200f": ("从右至左标记", "right-to-left mark"),
    "trust.char.202a": ("从左至右嵌入", "left-to-right embedding"),
    "trust.char.202b": ("从右至左嵌入", "right-to-left embedding"),
    "trust.char.202c": ("结束方向格式", "pop directional formatting"),
    "trust.char.202d": ("从左至右覆盖", "left-to-right override"),
    "trust.char.202e": ("从右至左覆盖", "right-to-left override"),
    "trust.char.2060": ("零宽不换行", "word joiner"),
    "trust.char.2066": ("从左至右隔离", "left-to-right isolate"),
    "trust.char.2067": ("从右至左隔离", "right-to-left isolate"),
    "trust.char.2068": ("首个强字符方向隔离", "first strong isolate"),
    "trust.char.2069": ("结束方向隔离", "pop directional isolate"),
    "trust.char.feff": ("零宽不换行空格（字节顺序标记）", "zero-width no-break space (BOM)"),
    # ---- two ids under one name -----------------------------------------------------------
    "imp.name.duplicate": (
        "编号“{id}”与{others}同名：不同编号的{label}相同，页面上将无法区分。"
        "请核实是否录入有误；确认无误可接受此提醒后导入。",
        "The id '{id}' has the same Chinese name as {others_en}: two ids under one name "
        "cannot be told apart on the pages. Check for a typing error; accept this warning to "
        "import anyway.",
    ),
    "imp.name.other_row": ("编号“{id}”（第 {row} 行）", "the id '{id}' (row {row})"),
    "imp.name.other_kept": ("编号“{id}”（现有数据）", "the id '{id}' (data in force)"),
    "imp.name.more": ("另 {count} 个编号", "{count} more ids"),
    # ---- periods that cannot be right -------------------------------------------------------
    "imp.period.future": (
        "日期 {value} 晚于今天（{today}）：不能录入尚未发生的数据。",
        "The date {value} is after today ({today}): data cannot come from the future.",
    ),
    "imp.period.future_quarter": (
        "季度 {quarter} 尚未开始（今天是 {today}）：不能录入尚未发生的数据。",
        "The quarter {quarter} has not begun (today is {today}): data cannot come from the future.",
    ),
    "imp.period.late": (
        "所在季度 {quarter} 比其他数据表的最后季度（{latest}）晚 {count} 个季度，是否录入有误？"
        "请核实；确认无误可接受此提醒后导入。",
        "The quarter {quarter} is {count} quarters after the last quarter of the other tables "
        "({latest}): a typing error? Check it; accept this warning to import anyway.",
    ),
    # ---- a commit the disk refused ------------------------------------------------------------
    "trust.write_failed": (
        "写入{target_zh} 时失败：{reason_zh}。当前数据未改变（仍为{kept_zh}）。"
        "请处理后重新提交（数据目录：{folder}）。",
        "Writing {target_en} failed: {reason_en}. The data in force is unchanged (still "
        "{kept_en}). Fix this and commit again (data folder: {folder}).",
    ),
    "trust.target.table": (
        "数据表 {table}（{label}）的文件 {file}",
        "the file {file} of table {table} ({label})",
    ),
    "trust.target.manifest": ("版本清单 {file}", "the version manifest {file}"),
    "trust.target.pointer": ("当前版本指针 {file}", "the pointer to the version in force {file}"),
    "trust.target.file": ("文件 {file}", "the file {file}"),
    "trust.kept.version": ("第 {version} 版", "version {version}"),
    "trust.kept.folder": ("数据目录中的原有文件", "the files in the data folder"),
    "trust.os.enospc": (
        "磁盘空间已满，请清理数据目录所在磁盘",
        "the disk is full; free space on the data folder's disk",
    ),
    "trust.os.edquot": (
        "超出磁盘配额，请清理空间或提高配额",
        "the disk quota is exceeded; free space or raise the quota",
    ),
    "trust.os.eacces": (
        "没有写入权限，请检查数据目录的权限",
        "permission denied; check the data folder's permissions",
    ),
    "trust.os.erofs": (
        "文件系统为只读，请检查数据目录所在磁盘的挂载方式",
        "the file system is read-only; check how the data folder's disk is mounted",
    ),
    "trust.os.eio": (
        "磁盘读写出错，请检查磁盘",
        "an input/output error on the disk; check the disk",
    ),
    "trust.os.other": (
        "操作系统错误（错误码 {errno}）",
        "an operating-system error (errno {errno}: {text})",
    ),
}
