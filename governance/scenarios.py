"""Saved what-if scenarios: named parameter sets kept in one JSON file.

Writes go to a temporary file in the same folder and then ``os.replace`` it over the store,
so a crash never leaves half a file. A file that cannot be read is reported in Chinese and
left exactly as it is: nothing is ever written over it.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

FORMAT_VERSION = 1
MAX_NAME_LEN = 40

# Streamlit serves every session from one process; this keeps read-modify-write atomic there.
_LOCK = threading.RLock()


class ScenarioError(Exception):
    """Base class for scenario-store errors; ``str()`` is a Chinese message."""


class ScenarioExists(ScenarioError):
    """A scenario of that name is already saved and overwrite was not asked for."""


class ScenarioNotFound(ScenarioError, KeyError):
    """No scenario of that name."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ScenarioStoreCorrupt(ScenarioError):
    """The store file exists but is not a readable scenario file; it was left untouched."""


@dataclass(frozen=True)
class SavedScenario:
    name: str
    params: dict[str, Any]
    saved_at: str  # ISO 8601, local time with offset, to the second


def clean_name(name: str) -> str:
    """The name stripped of surrounding spaces; ValueError (Chinese) unless 1-40 characters."""
    if not isinstance(name, str):
        raise ValueError(f"方案名称应为文字，当前为 {type(name).__name__}。")
    cleaned = name.strip()
    if not cleaned:
        raise ValueError("方案名称不能为空（去掉首尾空格后应为 1–40 个字符）。")
    if len(cleaned) > MAX_NAME_LEN:
        raise ValueError(
            f"方案名称最长 {MAX_NAME_LEN} 个字符（去掉首尾空格后），当前为 {len(cleaned)} 个字符。"
        )
    return cleaned


class ScenarioStore:
    """Named scenarios in one JSON file at ``path`` (created on the first save)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    # -- reading ----------------------------------------------------------------------------
    def _corrupt(self, why: str) -> ScenarioStoreCorrupt:
        return ScenarioStoreCorrupt(
            f"方案文件 {self.path} 无法读取（{why}）。文件未做任何改动；"
            "请修复或移走该文件后再保存方案。"
        )

    def _read(self) -> dict[str, dict[str, Any]]:
        if not self.path.exists():
            return {}
        try:
            text = self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            raise self._corrupt("不是 UTF-8 文本") from e
        except OSError as e:
            raise self._corrupt(f"读取失败：{e.strerror or e}") from e
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise self._corrupt(f"JSON 格式错误，第 {e.lineno} 行第 {e.colno} 列") from e
        if not isinstance(data, dict) or not isinstance(data.get("scenarios"), dict):
            raise self._corrupt("缺少 scenarios 对象")
        scenarios = data["scenarios"]
        for name, entry in scenarios.items():
            if (
                not isinstance(entry, dict)
                or not isinstance(entry.get("params"), dict)
                or not isinstance(entry.get("saved_at"), str)
            ):
                raise self._corrupt(f"方案“{name}”的内容不完整")
        return scenarios

    def list(self) -> list[SavedScenario]:
        """All saved scenarios, oldest save first (an overwrite counts as a new save)."""
        with _LOCK:
            return [
                SavedScenario(name, e["params"], e["saved_at"]) for name, e in self._read().items()
            ]

    def load(self, name: str) -> SavedScenario:
        """The scenario called ``name``; ScenarioNotFound when there is none."""
        key = clean_name(name)
        with _LOCK:
            entry = self._read().get(key)
        if entry is None:
            raise ScenarioNotFound(f"没有名为“{key}”的已保存方案。")
        return SavedScenario(key, entry["params"], entry["saved_at"])

    def names(self) -> list[str]:
        return [s.name for s in self.list()]

    # -- writing ----------------------------------------------------------------------------
    def _write(self, scenarios: dict[str, dict[str, Any]]) -> None:
        text = json.dumps(
            {"version": FORMAT_VERSION, "scenarios": scenarios}, ensure_ascii=False, indent=2
        )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def save(self, name: str, params: dict[str, Any], overwrite: bool = False) -> SavedScenario:
        """Save ``params`` under ``name`` (stripped); ScenarioExists unless ``overwrite``."""
        key = clean_name(name)
        if not isinstance(params, dict):
            raise ValueError(f"方案参数应为字典（dict），当前为 {type(params).__name__}。")
        try:
            # round-trip now so what is stored is exactly what load() will give back
            stored = json.loads(json.dumps(params, ensure_ascii=False, allow_nan=False))
        except (TypeError, ValueError) as e:
            raise ValueError(f"方案参数无法保存为 JSON（{e}）。") from e
        saved_at = datetime.now().astimezone().isoformat(timespec="seconds")
        with _LOCK:
            scenarios = self._read()
            if key in scenarios and not overwrite:
                raise ScenarioExists(f"已有名为“{key}”的方案；如需替换，请选择覆盖保存。")
            scenarios.pop(key, None)  # an overwrite moves the scenario to the end
            scenarios[key] = {"params": stored, "saved_at": saved_at}
            self._write(scenarios)
        return SavedScenario(key, stored, saved_at)

    def delete(self, name: str) -> None:
        """Remove the scenario called ``name``; ScenarioNotFound when there is none."""
        key = clean_name(name)
        with _LOCK:
            scenarios = self._read()
            if key not in scenarios:
                raise ScenarioNotFound(f"没有名为“{key}”的已保存方案，无法删除。")
            del scenarios[key]
            self._write(scenarios)
