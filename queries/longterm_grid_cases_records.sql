-- longterm_grid_cases_records
-- Purpose: the grid-management cases behind the closure rate and days to close, with each
--          case's status (closed, in hand or open, by base_grid_cases' rule).
-- Grain: one row per case reported in the period, newest first.
-- Parameters: $period_from, $period_to (DATE, first day of a quarter), $communities (ids).
with
chosen as (
    select bg.*
    from base_grid_cases as bg
    where bg.quarter between $period_from and $period_to
        and list_contains($communities, bg.community_id)
)

select
    ch.case_id,
    ch.community_id,
    c.name_zh as community_zh,
    c.name_en as community_en,
    ch.category,
    ch.reported_date,
    ch.closed_date,
    ch.days_to_close,
    ch.status
from chosen as ch
inner join communities as c on c.community_id = ch.community_id
order by ch.reported_date desc, ch.case_id desc
