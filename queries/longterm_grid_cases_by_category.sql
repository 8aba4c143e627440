-- longterm_grid_cases_by_category
-- Purpose: grid-management cases reported in the period by category: how many, how many
--          closed, in hand (reported under 30 days before the data date) and open past that,
--          the closure rate over the cases not in hand (base_grid_cases) and the mean days
--          from report to closure (fewer is better).
-- Grain: one row per case category with cases in the period.
-- Parameters: $period_from, $period_to (DATE, first day of a quarter), $communities (ids).
with
chosen as (
    select bg.category, bg.status, bg.days_to_close
    from base_grid_cases as bg
    where bg.quarter between $period_from and $period_to
        and list_contains($communities, bg.community_id)
)

select
    ch.category,
    count(*) as cases,
    count(*) filter (where ch.status = 'closed') as closed,
    count(*) filter (where ch.status = 'in_hand') as in_hand,
    count(*) filter (where ch.status = 'open') as open,
    pct(
        count(*) filter (where ch.status = 'closed'),
        count(*) filter (where ch.status != 'in_hand')
    ) as closure_rate_pct,
    avg(ch.days_to_close) as mean_days_to_close
from chosen as ch
group by ch.category
order by cases desc, ch.category
