-- base_meeting_issues
-- Purpose: every joint-meeting issue with its rules written once: the quarter it was raised
--          in, the days to resolve it, and its status at the data date — resolved (已解决),
--          in hand (办理中: unresolved and raised less than the handling time, base_rules'
--          handling_days (30), before the data date, so not yet counted as unresolved) or open (未解决: unresolved
--          past it). Resolution rates count resolved and open issues, never those in hand:
--          an issue raised days before the data was cut is no failure to resolve it.
-- Grain: one row per issue.
-- Parameters: none (a view, registered once in the catalog by governance/db.py).
with
cut as (
    select d.as_of, r.handling_days
    from base_data_as_of as d
    cross join base_rules as r
)

select
    mi.issue_id,
    mi.meeting_id,
    mi.community_id,
    mi.category,
    mi.raised_date,
    mi.resolved_date,
    date_trunc('quarter', mi.raised_date)::date as quarter,
    date_diff('day', mi.raised_date, mi.resolved_date) as days_to_resolve,
    date_diff('day', mi.raised_date, cut.as_of) as days_since_raised,
    handling_status(mi.raised_date, mi.resolved_date, cut.as_of, cut.handling_days, 'resolved')
        as status
from meeting_issues as mi
cross join cut
