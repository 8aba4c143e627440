-- longterm_sanitation_records
-- Purpose: the sanitation quality inspections behind the sanitation-score KPI.
-- Grain: one row per inspection in the period, newest first.
-- Parameters: $period_from, $period_to (DATE, first day of a quarter), $communities (ids).
with
chosen as (
    select si.*
    from sanitation_inspections as si
    where date_trunc('quarter', si.date) between $period_from and $period_to
        and list_contains($communities, si.community_id)
)

select
    ch.inspection_id,
    ch.community_id,
    c.name_zh as community_zh,
    c.name_en as community_en,
    ch.date,
    ch.score
from chosen as ch
inner join communities as c on c.community_id = ch.community_id
order by ch.date desc, ch.inspection_id desc
