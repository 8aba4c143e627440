-- party_partners_by_kind
-- Purpose: co-construction partner units (党建联建) by kind (企业/高校/部队/公安): the pairings
--          in place at the end of the period, how many communities they cover, and what they
--          contributed during the period (number of contributions and their value in yuan).
-- Grain: one row per partner kind with at least one pairing in place.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (ids).
with
pairings as (
    select pu.partner_id, pu.kind, pu.community_id
    from partner_units as pu
    where
        date_trunc('quarter', pu.paired_date) <= $period_to
        and list_contains($communities, pu.community_id)
),

given as (
    select
        pc.partner_id,
        count(*) as contributions,
        sum(pc.value_yuan) as value_yuan
    from partner_contributions as pc
    where date_trunc('quarter', pc.date) between $period_from and $period_to
    group by all
)

select
    p.kind as partner_kind,
    count(*) as partner_units,
    count(distinct p.community_id) as communities,
    coalesce(sum(g.contributions), 0)::bigint as contributions,
    coalesce(sum(g.value_yuan), 0) as value_yuan
from pairings as p
left join given as g on g.partner_id = p.partner_id
group by p.kind
order by partner_units desc, p.kind
