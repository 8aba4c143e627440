"""The short tab labels of a platform page's sections (ui/sections.py), where the section's
own heading is too long for a tab: the full heading stays inside the open section."""

STRINGS: dict[str, tuple[str, str]] = {
    "section.trends": ("季度趋势", "Trends"),
    "section.fee": ("物业费收缴率", "Fee collection rate"),
    "section.partners": ("党建联建", "Co-construction"),
    "section.categories": ("议题类别", "Issues by category"),
    "section.star": ("星级楼道", "Star-rated stairwells"),
    "section.activities": ("场所与活动", "Venues and activities"),
}
