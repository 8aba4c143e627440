-- longterm_fee_records
-- Purpose: the property-fee bills behind the collection rate, in a period: the page shows
--          the last quarter's (period_from = period_to, the quarter the KPIs report) and the
--          download carries the whole filtered set. Newest quarter first and, within a
--          quarter, unpaid and part-paid bills first so arrears are on top. "Paid in full" is
--          base_fee_bills' rule.
-- Grain: one row per household and quarter.
-- Parameters: $period_from, $period_to (DATE, first day of a quarter), $communities (ids).
with
chosen as (
    select bf.*
    from base_fee_bills as bf
    where bf.quarter between $period_from and $period_to
        and list_contains($communities, bf.community_id)
)

select
    ch.quarter,
    ch.community_id,
    c.name_zh as community_zh,
    c.name_en as community_en,
    ch.household_id,
    ch.billed_yuan,
    ch.paid_yuan,
    ch.paid_in_full
from chosen as ch
inner join communities as c on c.community_id = ch.community_id
order by ch.quarter desc, ch.paid_in_full, ch.community_id, ch.household_id
