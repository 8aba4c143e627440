-- longterm_fee_records
-- Purpose: every property-fee bill behind the collection rate, for the download of the full
--          filtered set (the page shows only the last quarter's bills and a summary).
-- Grain: one row per household and quarter.
-- Parameters: $period_from, $period_to (DATE, first day of a quarter), $communities (ids).
with
chosen as (
    select pf.*
    from property_fees as pf
    where pf.quarter between $period_from and $period_to
        and list_contains($communities, pf.community_id)
)

select
    ch.quarter,
    ch.community_id,
    c.name_zh as community_zh,
    c.name_en as community_en,
    ch.household_id,
    ch.billed_yuan,
    ch.paid_yuan,
    ch.paid_yuan >= ch.billed_yuan as paid_in_full
from chosen as ch
inner join communities as c on c.community_id = ch.community_id
order by ch.quarter desc, ch.community_id, ch.household_id
