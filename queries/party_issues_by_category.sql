-- party_issues_by_category
-- Purpose: joint-meeting issues by category over the selected period: raised, resolved,
--          the resolution rate and the mean days from raising to resolving.
-- Grain: one row per issue category that has issues raised in the period.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (ids).
with
issues as (
    select
        mi.category,
        mi.resolved_date,
        date_diff('day', mi.raised_date, mi.resolved_date) as days_to_resolve
    from meeting_issues as mi
    where
        date_trunc('quarter', mi.raised_date) between $period_from and $period_to
        and list_contains($communities, mi.community_id)
)

select
    i.category,
    count(*) as issues_raised,
    count(i.resolved_date) as issues_resolved,
    count(*) - count(i.resolved_date) as issues_open,
    count(i.resolved_date) / count(*) * 100 as resolution_rate,
    avg(i.days_to_resolve) as mean_days_to_resolve
from issues as i
group by i.category
order by issues_raised desc, i.category
