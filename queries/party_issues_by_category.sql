-- party_issues_by_category
-- Purpose: joint-meeting issues by category over the selected period: raised, resolved,
--          in hand (raised under 30 days before the data date) and open past that, the
--          resolution rate over the issues not in hand (base_meeting_issues) and the mean
--          days from raising to resolving.
-- Grain: one row per issue category that has issues raised in the period.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (ids).
with
issues as (
    select bi.category, bi.status, bi.days_to_resolve
    from base_meeting_issues as bi
    where
        bi.quarter between $period_from and $period_to
        and list_contains($communities, bi.community_id)
)

select
    i.category,
    count(*) as issues_raised,
    count(*) filter (where i.status = 'resolved') as issues_resolved,
    count(*) filter (where i.status = 'in_hand') as issues_in_hand,
    count(*) filter (where i.status = 'open') as issues_open,
    pct(
        count(*) filter (where i.status = 'resolved'),
        count(*) filter (where i.status != 'in_hand')
    ) as resolution_rate,
    avg(i.days_to_resolve) as mean_days_to_resolve
from issues as i
group by i.category
order by issues_raised desc, i.category
