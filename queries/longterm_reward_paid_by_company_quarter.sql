-- longterm_reward_paid_by_company_quarter
-- Purpose: reward-fund money paid to each property company per quarter, with the managed area
--          and the area-weighted assessment score the fund formula works from
--          (score% x rate x months x managed area; governance/longterm.py applies the formula).
-- Grain: one row per property company and quarter with a payment.
-- Parameters: $period_from, $period_to (DATE, first day of a quarter), $communities (ids).
with
paid as (
    select rp.company_id, rp.community_id, rp.quarter, rp.reward_yuan
    from reward_payments as rp
    where rp.quarter between $period_from and $period_to
        and list_contains($communities, rp.community_id)
),

with_scores as (
    select
        p.company_id,
        p.quarter,
        p.community_id,
        p.reward_yuan,
        pa.score,
        pa.managed_area_m2
    from paid as p
    left join property_assessments as pa
        on pa.company_id = p.company_id
        and pa.community_id = p.community_id
        and pa.quarter = p.quarter
),

by_company as (
    select
        ws.company_id,
        ws.quarter,
        count(distinct ws.community_id) as communities,
        sum(ws.managed_area_m2) as managed_area_m2,
        sum(ws.score * ws.managed_area_m2) / sum(ws.managed_area_m2) as score,
        sum(ws.reward_yuan) as reward_yuan
    from with_scores as ws
    group by all
)

select
    bc.company_id,
    pc.name_zh as company_zh,
    pc.name_en as company_en,
    bc.quarter,
    bc.communities,
    bc.managed_area_m2,
    bc.score,
    bc.reward_yuan
from by_company as bc
inner join property_companies as pc on pc.company_id = bc.company_id
order by bc.quarter, bc.company_id
