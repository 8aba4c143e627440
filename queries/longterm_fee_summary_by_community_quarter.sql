-- longterm_fee_summary_by_community_quarter
-- Purpose: property-fee billing summed per community and quarter: households billed and paid
--          in full (the collection rate), and the amounts billed and paid.
-- Grain: one row per community and quarter with bills, newest first.
-- Parameters: $period_from, $period_to (DATE, first day of a quarter), $communities (ids).
with
chosen as (
    select bf.*
    from base_fee_bills as bf
    where bf.quarter between $period_from and $period_to
        and list_contains($communities, bf.community_id)
),

summed as (
    select
        ch.community_id,
        ch.quarter,
        count(*) as households_billed,
        count(*) filter (where ch.paid_in_full) as households_paid_full,
        sum(ch.billed_yuan) as billed_yuan,
        sum(ch.paid_yuan) as paid_yuan
    from chosen as ch
    group by all
)

select
    s.quarter,
    s.community_id,
    c.name_zh as community_zh,
    c.name_en as community_en,
    s.households_billed,
    s.households_paid_full,
    pct(s.households_paid_full, s.households_billed) as rate_pct,
    s.billed_yuan,
    s.paid_yuan
from summed as s
inner join communities as c on c.community_id = s.community_id
order by s.quarter desc, s.community_id
