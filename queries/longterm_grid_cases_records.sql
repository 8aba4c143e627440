-- longterm_grid_cases_records
-- Purpose: the grid-management cases behind the closure rate and days to close.
-- Grain: one row per case reported in the period, newest first.
-- Parameters: $period_from, $period_to (DATE, first day of a quarter), $communities (ids).
with
chosen as (
    select gc.*
    from grid_cases as gc
    where date_trunc('quarter', gc.reported_date) between $period_from and $period_to
        and list_contains($communities, gc.community_id)
)

select
    ch.case_id,
    ch.community_id,
    c.name_zh as community_zh,
    c.name_en as community_en,
    ch.category,
    ch.reported_date,
    ch.closed_date,
    date_diff('day', ch.reported_date, ch.closed_date) as days_to_close
from chosen as ch
inner join communities as c on c.community_id = ch.community_id
order by ch.reported_date desc, ch.case_id desc
