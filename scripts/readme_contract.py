"""Rewrite the data-contract section of README.md from governance/contract.py.

    python -m scripts.readme_contract

The README and the importer read the same definition; a meta-test fails when they drift.
"""

from __future__ import annotations

from pathlib import Path

from governance.contract import markdown

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- contract:start -->", "<!-- contract:end -->"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n\n{markdown()}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
