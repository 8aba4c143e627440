"""The briefing (汇报材料): slide content as plain data, and its HTML and PowerPoint files."""

from governance.briefing.content import build_deck, file_stem
from governance.briefing.model import Chart, Deck, Slide, Table, Tile

__all__ = ["Chart", "Deck", "Slide", "Table", "Tile", "build_deck", "file_stem"]
