-- longterm_reward_payment_records
-- Purpose: the reward-fund payments, each with the assessment score and managed area the
--          formula works from (governance/longterm.py adds the formula amount beside it).
-- Grain: one row per property company, community and quarter paid, newest first.
-- Parameters: $period_from, $period_to (DATE, first day of a quarter), $communities (ids).
with
chosen as (
    select rp.*
    from reward_payments as rp
    where rp.quarter between $period_from and $period_to
        and list_contains($communities, rp.community_id)
)

select
    ch.quarter,
    ch.company_id,
    pc.name_zh as company_zh,
    pc.name_en as company_en,
    ch.community_id,
    c.name_zh as community_zh,
    c.name_en as community_en,
    pa.score,
    pa.managed_area_m2,
    ch.reward_yuan
from chosen as ch
inner join property_companies as pc on pc.company_id = ch.company_id
inner join communities as c on c.community_id = ch.community_id
left join property_assessments as pa
    on pa.company_id = ch.company_id
    and pa.community_id = ch.community_id
    and pa.quarter = ch.quarter
order by ch.quarter desc, ch.company_id, ch.community_id
