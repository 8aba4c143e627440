"""The parts of the long-term and self-governance pages' ratios not written out before, for
the records list's formula line (governance/drill.py; issue 20, "numbers that explain
themselves")."""

STRINGS: dict[str, tuple[str, str]] = {
    # 平均结案天数 = days from report to closure over the closed cases
    "drill.num.grid_days_to_close": ("天", "days"),
    "drill.den.grid_days_to_close": ("件已结案", "cases closed"),
    # 三会决议落实率 = decisions carried out / decisions adopted at the quarter's meetings
    "drill.num.decisions_carried_out_rate": ("项已落实", "decisions carried out"),
    "drill.den.decisions_carried_out_rate": ("项决议", "decisions adopted"),
    # 最近一次选举参选率 = votes cast / eligible voters at the latest election
    "drill.num.election_turnout": ("人参选", "votes cast"),
    "drill.den.election_turnout": ("名选民", "eligible voters"),
}
