"""The what-if tiles' rows (governance/whatif/display.tile_rows): as many tiles a row as keep
every value and label whole at 1280 px, the narrowest screen (the fund's five tiles cut their
values at five a row: "160.56…", "¥1,605,…"). Widths computed by hand from the rule's
constants: the row 829 px, 16 px gaps, 34 px padding, values 36 px type, labels 14 px + 22 px."""

from __future__ import annotations

import pytest

from governance.whatif.display import Tile, text_em, tile_px, tile_rows, tiles_per_row


def test_text_widths_in_em():
    assert text_em("83万元") == pytest.approx(2 * 0.55 + 2)  # 3.1
    assert text_em("¥1,605,556") == pytest.approx(8 * 0.55 + 2 * 0.3)  # 5.0
    assert text_em("4 / 4 家") == pytest.approx(2 * 0.55 + 4 * 0.3 + 1)  # 3.3


def test_a_tiles_inner_width():
    assert tile_px(5) == pytest.approx((829 - 4 * 16) / 5 - 34)  # 119 px, as measured
    assert tile_px(4) == pytest.approx((829 - 3 * 16) / 4 - 34)  # 161.25
    assert tile_px(3) == pytest.approx((829 - 2 * 16) / 3 - 34)  # 231.67, as measured


def fund(lang: str) -> list[Tile]:
    if lang == "zh":
        values = ["160.56万元", "77.58万元", "82.97万元", "4 / 4 家", "0 个季度"]
        labels = ["奖励金发放", "2010年已用 / 上限 100万元", "2011年已用 / 上限 100万元"]
        labels += ["获得奖励的公司", "触及上限的季度"]
    else:
        values = ["¥1,605,556", "¥775,823", "¥829,733", "4 of 4", "0 quarters"]
        labels = ["Rewards paid", "2010 used / cap ¥1,000,000", "2011 used / cap ¥1,000,000"]
        labels += ["Companies paid", "Quarters at the cap"]
    return [Tile(label, value) for label, value in zip(labels, values, strict=True)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_five_fund_tiles_go_three_a_row(lang):
    """zh: "160.56万元" is 5 x 0.55 + 0.3 + 2 = 5.05 em = 181.8 px, more than 161.25 at four a
    row, within 231.67 at three; en: "¥1,605,556" 5.0 em = 180 px, the same."""
    tiles = fund(lang)
    assert tiles_per_row(tiles) == 3
    rows = tile_rows(tiles)
    assert [len(r) for r in rows] == [3, 2]
    assert [t for r in rows for t in r] == tiles  # in order, none lost


def test_short_values_share_one_row():
    """Four rates ("50.0%": 4 x 0.55 + 0.3 = 2.5 em = 90 px) fit four a row (161.25)."""
    tiles = [Tile(label, "50.0%") for label in ("现行收缴率", "目标收缴率", "托底收缴率", "户数")]
    assert tiles_per_row(tiles) == 4
    assert tile_rows(tiles) == [tiles]


def test_a_value_too_wide_for_two_gets_a_row_of_its_own():
    """A 12-character CJK value is 12 em = 432 px: more than two a row give (382.5)."""
    wide = Tile("x", "一" * 12)
    assert tile_px(2) == pytest.approx((829 - 16) / 2 - 34)
    assert tiles_per_row([wide, Tile("y", "1")]) == 1
    assert tile_rows([wide, Tile("y", "1")]) == [[wide], [Tile("y", "1")]]
