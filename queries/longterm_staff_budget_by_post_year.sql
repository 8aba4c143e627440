-- longterm_staff_budget_by_post_year
-- Purpose: standardised community posts (人员、岗位双规范): headcount and the town's first-level
--          budget for them, by post kind, for the years the selected period touches.
-- Grain: one row per year and post kind.
-- Parameters: $period_from, $period_to (DATE, first day of a quarter), $communities (ids).
with
chosen as (
    select sp.year, sp.post_kind, sp.headcount, sp.budget_yuan
    from staff_posts as sp
    where sp.year between year($period_from) and year($period_to)
        and list_contains($communities, sp.community_id)
)

select
    ch.year,
    ch.post_kind,
    sum(ch.headcount)::bigint as headcount,
    sum(ch.budget_yuan) as budget_yuan
from chosen as ch
group by all
order by ch.year, ch.post_kind
