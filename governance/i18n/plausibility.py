"""Strings of an import's plausibility (a value above the column it may not exceed, a value
ten times its usual) and of the uploader's accepted file kinds."""

STRINGS: dict[str, tuple[str, str]] = {
    # ---- a value above the column of the same row it may not exceed (an error) -------------
    "plaus.above": (
        "“{label}（{unit}）”{amount} 大于同一行的“{other}（{unit}）”{other_amount}："
        "“{label}”不能大于“{other}”（{other_name} 列）。请核对小数点或单位后重新导入。",
        "'{label_en}' {amount} is above '{other_en}' {other_amount} on the "
        "same row: '{label_en}' may not exceed '{other_en}' (column {other_name}). Check the "
        "decimal point or the unit and import again.",
    ),
    # ---- a value ten times its usual, or (money) a tenth of it (a warning) ------------------
    "plaus.high.own": (
        "“{label}（{unit}）”{amount} 是{whose} 其他各期通常值 {usual}（{rows} 期的中位数）的 "
        "{times} 倍，请核对小数点或单位；确认无误可勾选接受后提交。",
        "'{label_en}' {amount} is {times} times the usual of {whose_en}'s other "
        "periods, {usual} (the median of {rows}); check the decimal point or the unit, or "
        "accept it if it is right.",
    ),
    "plaus.high.community": (
        "“{label}（{unit}）”{amount} 是同一社区（{whose}）其他记录通常值 {usual}"
        "（{rows} 条的中位数）的 {times} 倍，请核对小数点或单位；确认无误可勾选接受后提交。",
        "'{label_en}' {amount} is {times} times the usual of the other rows of the "
        "same community ({whose_en}), {usual} (the median of {rows}); check the decimal point "
        "or the unit, or accept it if it is right.",
    ),
    "plaus.low.own": (
        "“{label}（{unit}）”{amount} 只有{whose} 其他各期通常值 {usual}（{rows} 期的中位数）的 "
        "1/{times}，请核对小数点或单位；确认无误可勾选接受后提交。",
        "'{label_en}' {amount} is 1/{times} of the usual of {whose_en}'s other "
        "periods, {usual} (the median of {rows}); check the decimal point or the unit, or "
        "accept it if it is right.",
    ),
    "plaus.low.community": (
        "“{label}（{unit}）”{amount} 只有同一社区（{whose}）其他记录通常值 {usual}"
        "（{rows} 条的中位数）的 1/{times}，请核对小数点或单位；确认无误可勾选接受后提交。",
        "'{label_en}' {amount} is 1/{times} of the usual of the other rows of the "
        "same community ({whose_en}), {usual} (the median of {rows}); check the decimal point "
        "or the unit, or accept it if it is right.",
    ),
    # ---- the uploader: the kinds the importer reads, and what to do with the others ---------
    "imp.xlsx.ole2": (
        "文件名是 .xlsx，内容却是旧版 Excel（.xls）格式或设了打开密码的工作簿，无法读取。"
        "请在 Excel 中另存为 .xlsx（不设密码）后再上传。",
        "Named .xlsx, but it holds an old Excel (.xls) file or a workbook with an opening "
        "password. Save it as .xlsx in Excel (no password) and upload again.",
    ),
    "dm.upload.choose": ("选择文件（{kinds}）", "Choose a file ({kinds})"),
    "dm.upload.other_kinds": (
        "旧版 Excel（.xls）或含宏的工作簿（.xlsm）请先在 Excel 中另存为 .xlsx 再上传。",
        "An old Excel file (.xls) or a macro-enabled workbook (.xlsm): save it as .xlsx in "
        "Excel first.",
    ),
}
