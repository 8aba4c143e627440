-- longterm_fee_records_last_quarter
-- Purpose: the property-fee bills of the last quarter of the selected period (the quarter the
--          KPIs report), unpaid and part-paid bills first so arrears are on top.
-- Grain: one row per household billed in that quarter.
-- Parameters: $period_to (DATE, first day of a quarter), $communities (ids).
with
chosen as (
    select pf.*
    from property_fees as pf
    where pf.quarter = $period_to
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
order by paid_in_full, ch.community_id, ch.household_id
