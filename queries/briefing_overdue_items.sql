-- briefing_overdue_items
-- Purpose: the items to follow up (督办) on the briefing: joint-meeting issues and grid-management
--          cases still open on $as_of (not resolved or closed by then) that have been open for
--          $min_days days or more (an item open exactly $min_days days is included), with the
--          days open counted from the day raised or reported to $as_of. The items are
--          base_meeting_issues' and base_grid_cases'; their status is not used: it is taken at
--          the town's data date, and $as_of is the data date of the user's scope (data_as_of),
--          which may be earlier. $min_days is the handling time (base_rules) by default.
-- Grain: one row per open issue or case.
-- Parameters: $as_of (date the data runs to), $min_days (integer), $communities (community ids).
with
issues as (
    select
        'issue' as source,
        bi.issue_id as item_id,
        bi.community_id,
        bi.category,
        bi.raised_date as opened_date
    from base_meeting_issues as bi
    where
        list_contains($communities, bi.community_id)
        and bi.raised_date <= $as_of
        and (bi.resolved_date is null or bi.resolved_date > $as_of)
),

cases as (
    select
        'case' as source,
        bg.case_id as item_id,
        bg.community_id,
        bg.category,
        bg.reported_date as opened_date
    from base_grid_cases as bg
    where
        list_contains($communities, bg.community_id)
        and bg.reported_date <= $as_of
        and (bg.closed_date is null or bg.closed_date > $as_of)
),

open_items as (
    select i.source, i.item_id, i.community_id, i.category, i.opened_date
    from issues as i
    union all
    select c.source, c.item_id, c.community_id, c.category, c.opened_date
    from cases as c
),

aged as (
    select
        oi.source,
        oi.item_id,
        oi.community_id,
        oi.category,
        oi.opened_date,
        date_diff('day', oi.opened_date, $as_of::date) as days_open
    from open_items as oi
)

select a.source, a.item_id, a.community_id, a.category, a.opened_date, a.days_open
from aged as a
where a.days_open >= $min_days
order by a.community_id, a.days_open desc, a.source, a.item_id
