-- briefing_overdue_items
-- Purpose: the items to follow up (督办) on the briefing: joint-meeting issues and grid-management
--          cases still open on $as_of (not resolved or closed by then) that have been open for
--          $min_days days or more (an item open exactly $min_days days is included), with the
--          days open counted from the day raised or reported to $as_of.
-- Grain: one row per open issue or case.
-- Parameters: $as_of (date the data runs to), $min_days (integer), $communities (community ids).
with
issues as (
    select
        'issue' as source,
        mi.issue_id as item_id,
        mi.community_id,
        mi.category,
        mi.raised_date as opened_date
    from meeting_issues as mi
    where
        list_contains($communities, mi.community_id)
        and mi.raised_date <= $as_of
        and (mi.resolved_date is null or mi.resolved_date > $as_of)
),

cases as (
    select
        'case' as source,
        gc.case_id as item_id,
        gc.community_id,
        gc.category,
        gc.reported_date as opened_date
    from grid_cases as gc
    where
        list_contains($communities, gc.community_id)
        and gc.reported_date <= $as_of
        and (gc.closed_date is null or gc.closed_date > $as_of)
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
