-- longterm_grid_cases_by_category
-- Purpose: grid-management cases reported in the period by category: how many, how many
--          closed, the closure rate and the mean days from report to closure (fewer is better).
-- Grain: one row per case category with cases in the period.
-- Parameters: $period_from, $period_to (DATE, first day of a quarter), $communities (ids).
with
chosen as (
    select
        gc.category,
        gc.closed_date,
        date_diff('day', gc.reported_date, gc.closed_date) as days_to_close
    from grid_cases as gc
    where date_trunc('quarter', gc.reported_date) between $period_from and $period_to
        and list_contains($communities, gc.community_id)
)

select
    ch.category,
    count(*) as cases,
    count(ch.closed_date) as closed,
    count(*) - count(ch.closed_date) as open,
    100.0 * count(ch.closed_date) / count(*) as closure_rate_pct,
    avg(ch.days_to_close) as mean_days_to_close
from chosen as ch
group by ch.category
order by cases desc, ch.category
