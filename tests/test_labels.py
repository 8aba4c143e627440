"""governance/labels.py: the one localiser and the one header resolver, on hand-made frames."""

from datetime import date

import pandas as pd

from governance import export, labels


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "community_id": ["C1", "C2"],
            "community_zh": ["芦潮港社区", "东港村"],
            "community_en": ["Luchaogang", "Donggang"],
            "quarter": pd.to_datetime(["2011-10-01", "2012-01-01"]),
            "meeting_date": pd.to_datetime(["2011-12-26 09:30", None]),
            "category": ["乱停车", "图书"],
            "rate_pct": [0.05, 0.15],
        }
    )


def test_a_pair_becomes_one_column_in_the_language_in_its_place():
    zh = labels.localise(_frame(), "zh")
    en = labels.localise(_frame(), "en")
    assert list(zh.columns)[:2] == ["community_id", "community"]
    assert zh["community"].tolist() == ["芦潮港社区", "东港村"]
    assert en["community"].tolist() == ["Luchaogang", "Donggang"]
    assert "community_zh" not in en.columns and "community_en" not in en.columns


def test_pairs_can_be_chosen_and_named():
    df = _frame().assign(team_zh=["舞蹈队", "合唱队"], team_en=["Dance", "Choir"])
    out = labels.localise(df, "en", pairs=["team"], name="{}_name")
    assert out["team_name"].tolist() == ["Dance", "Choir"]
    # a pair not chosen stays as it was
    assert {"community_zh", "community_en"} <= set(out.columns)


def test_quarters_read_2011q4_and_dates_lose_their_time():
    out = labels.localise(_frame(), "zh")
    assert out["quarter"].tolist() == ["2011Q4", "2012Q1"]
    # 2011-12-26 09:30 is shown as the day; a missing date is None, not NaT
    assert out["meeting_date"].tolist() == [date(2011, 12, 26), None]
    kept = labels.localise(_frame(), "zh", dates=False)
    assert kept["meeting_date"].iloc[0] == pd.Timestamp("2011-12-26 09:30")


def test_categories_are_translated_only_in_the_columns_named():
    out = labels.localise(_frame(), "en", category_columns=["category"])
    assert out["category"].tolist() == ["Disorderly parking", "Books"]
    assert labels.localise(_frame(), "en")["category"].tolist() == ["乱停车", "图书"]
    assert labels.localise(_frame(), "zh", category_columns=["category"])["category"].tolist() == [
        "乱停车",
        "图书",
    ]


def test_rounding_by_the_map_a_half_goes_to_the_even_neighbour():
    df = pd.DataFrame({"a": [0.05, 0.15, 0.25, 0.35, 1.45], "b": [2.675, 12.345, 0.5, 1.5, 2.5]})
    out = labels.localise(df, "zh", rounding={"a": 1, "missing": 2})
    # 0.05*10 = 0.5 -> 0, 0.15*10 = 1.5 -> 2, 2.5 -> 2, 3.5 -> 4, 14.5 -> 14
    assert out["a"].tolist() == [0.0, 0.2, 0.2, 0.4, 1.4]
    assert out["b"].tolist() == df["b"].tolist()  # not in the map: untouched
    whole = labels.localise(df[["b"]], "zh", rounding={"b": 0})
    assert whole["b"].tolist() == [3.0, 12.0, 0.0, 2.0, 2.0]


def test_a_header_from_the_contract_then_the_registry_then_the_catalog():
    # the contract: quarter is a column of many tables
    assert labels.header("quarter", "zh") == "季度（首日）"
    assert labels.header("quarter", "en") == "Quarter (first day)"
    # a column many tables share has a neutral label unless its table is named
    assert labels.header("members", "zh") == "人数"
    assert labels.header("members", "zh", table="team_quarters") == "成员数"
    # the registry: a measure that is no contract column
    assert labels.header("active_teams", "zh") == "活跃社会团队"
    assert labels.header("active_teams", "en") == "Active social teams"
    # the catalog: col.<name>, and <page>.col.<name> for the page that names it
    assert labels.header("rank", "zh") == "排名"
    assert labels.header("structure", "en", page="party") == "Make-up (1+2+X)"
    assert labels.header("structure", "en") is None
    # a column none of them knows
    assert labels.header("no_such_column", "zh") is None


def test_a_page_own_words_by_convention_or_key():
    keys = {"community_name": "col.community"}
    got = labels.own("zh", "party", keys, ["structure", "community_name", "quarter", "nothing"])
    # quarter has no party.col.quarter and no key: left to labels.header
    assert got == {"structure": "构成（1+2+X）", "community_name": "社区"}
    # without columns: every party.col.* key and the keys' columns
    every = labels.own("en", "party", keys)
    assert every["structure"] == "Make-up (1+2+X)"
    assert every["community_name"] == "Community"
    assert "quarter" not in every


def test_export_labelled_asks_the_resolver_after_the_given_labels():
    df = pd.DataFrame(columns=["quarter", "active_teams", "rank", "no_such_column", "members"])
    out = export.labelled(df, "en", {"members": "Team members"})
    assert list(out.columns) == [
        "Quarter (first day)",
        "Active social teams",
        "Rank",
        "no_such_column",
        "Team members",
    ]
