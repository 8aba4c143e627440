-- whatif_fee_households_by_community
-- Purpose: the households billed a property fee and those that paid in full, per community, at
--          the last quarter of the selected period: the inputs of the collection scenario
--          (what rate each community needs for the town to reach a chosen collection rate).
-- Grain: one row per community billed in $period_to, by community id.
-- Parameters: $period_to (DATE, first day of a quarter), $communities (ids).
with
last_quarter as (
    select bf.community_id, bf.paid_in_full
    from base_fee_bills as bf
    where bf.quarter = $period_to
        and list_contains($communities, bf.community_id)
),

per_community as (
    select
        lq.community_id,
        count(*) as billed,
        count(*) filter (where lq.paid_in_full) as paid
    from last_quarter as lq
    group by all
)

select
    pc.community_id,
    c.name_zh as community_zh,
    c.name_en as community_en,
    pc.billed,
    pc.paid
from per_community as pc
inner join communities as c on c.community_id = pc.community_id
order by pc.community_id
