"""What is wrong with a file: one ``Problem`` per cell, column or file, and the ``Report``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from governance.i18n import t
from governance.importer.invisible import visible
from governance.importer.values import Percent

ERROR = "error"
WARNING = "warning"


def shown(value: Any, limit: int = 60) -> str:
    """A cell value as the report shows it: text, cut short, control and format characters
    made visible."""
    if value is None:
        return ""
    try:
        if value != value:  # NaN
            return ""
    except (TypeError, ValueError):
        pass
    if isinstance(value, Percent):
        text = str(value)  # as the cell shows it: 91.3%, not the 0.913 it holds
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    text = text.replace("\x00", "\\0").replace("\r", "\\r").replace("\n", "\\n")
    text = visible(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (``error``: nothing is written) or worth a look (``warning``).

    ``row`` is the row number as Excel shows it (the header row of a plain file is row 1),
    None for a problem of the whole file or column, or for a row of the data in force.
    ``reason_zh`` / ``reason_en`` say what is wrong in plain words.
    """

    severity: str
    file: str
    sheet: str | None
    row: int | None
    column_name: str | None
    column_label_zh: str | None
    value: str
    reason_zh: str
    table: str | None = None
    reason_en: str = ""
    column_label_en: str | None = None
    in_force: bool = False  # the row belongs to the data kept, not to the file

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def message(self, lang: str = "zh") -> str:
        """One line naming file, sheet, row, column, value and reason."""
        parts = [self.file] if self.file else []
        if self.sheet:
            parts.append(t("imp.msg.sheet", lang, sheet=self.sheet))
        if self.in_force:
            parts.append(t("imp.msg.kept", lang))
        if self.row is not None:
            parts.append(t("imp.msg.row", lang, row=self.row))
        if self.column_name:
            label = self.column_label_en if lang == "en" else self.column_label_zh
            parts.append(
                t("imp.msg.column", lang, label=label or self.column_name, name=self.column_name)
            )
        if self.value != "":
            parts.append(t("imp.msg.value", lang, value=self.value))
        reason = self.reason_en if lang == "en" and self.reason_en else self.reason_zh
        head = t("imp.msg.error" if self.is_error else "imp.msg.warning", lang)
        sep = ", " if lang == "en" else "，"
        return (
            f"{head}：{sep.join(parts)}：{reason}"
            if lang != "en"
            else (f"{head}: {sep.join(parts)}: {reason}")
        )


def problem(
    severity: str,
    reason_key: str,
    /,
    *,
    file: str = "",
    sheet: str | None = None,
    row: int | None = None,
    column: Any = None,
    value: Any = None,
    table: str | None = None,
    in_force: bool = False,
    **values: Any,
) -> Problem:
    """A ``Problem`` whose reason is the catalog string ``reason_key`` in both languages.

    ``column`` is a ``contract.Column`` (labels taken from it) or a plain header text.
    """
    # what an upload names (its file, sheets, headers) must not reverse or hide the message
    file = visible(file)
    sheet = None if sheet is None else visible(sheet)
    name = getattr(column, "name", column)
    name = visible(name) if isinstance(name, str) else name
    values = {k: visible(v) if isinstance(v, str) else v for k, v in values.items()}
    values = {"value": shown(value), "row": row, "table": table, "sheet": sheet, **values}
    return Problem(
        severity=severity,
        file=file,
        sheet=sheet,
        row=row,
        column_name=name,
        column_label_zh=getattr(column, "label_zh", None),
        value=shown(value),
        reason_zh=t(reason_key, "zh", **values),
        table=table,
        reason_en=t(reason_key, "en", **values),
        column_label_en=getattr(column, "label_en", None),
        in_force=in_force,
    )


# A file with a million bad cells is described, not listed cell by cell: at most this many
# problems of one kind per column, and this many in a whole report.
MAX_PER_COLUMN = 1_000
MAX_PROBLEMS = 10_000


def more(count: int, **where: Any) -> Problem:
    """The problems left out of a list: how many, where."""
    return problem(ERROR, "imp.more", count=f"{count:,}", **where)


def cell_problems(
    bad: Sequence[tuple[Any, Any, Any]], row_of: Callable[[Any], int], column: Any, **where: Any
) -> list[Problem]:
    """The cells ``values.convert`` could not read ((label, raw value, why) each): an error for
    each of the first MAX_PER_COLUMN, then how many more; ``row_of(label)``: its row number."""
    out = [
        problem(
            ERROR, why.key, **where, row=row_of(label), column=column, value=raw, **dict(why.params)
        )
        for label, raw, why in bad[:MAX_PER_COLUMN]
    ]
    if len(bad) > MAX_PER_COLUMN:
        out.append(more(len(bad) - MAX_PER_COLUMN, **where, column=column))
    return out


def capped(problems: list[Problem], limit: int = MAX_PROBLEMS) -> list[Problem]:
    """Errors first, then warnings, at most ``limit`` in all, and how many were left out."""
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    if len(errors) + len(warnings) <= limit:
        return problems
    kept = (errors + warnings)[:limit]
    return [*kept, more(len(errors) + len(warnings) - limit, file=kept[0].file)]


@dataclass
class Report:
    """Every problem of an import; ``ok`` when there is no error (warnings may be accepted)."""

    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors

    def messages(self, lang: str = "zh", limit: int | None = None) -> list[str]:
        """Errors first, then warnings, one line each (the first ``limit``)."""
        ordered = self.errors + self.warnings
        return [p.message(lang) for p in ordered[:limit]]
