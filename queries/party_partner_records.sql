-- party_partner_records
-- Purpose: the records behind the partner-unit numbers: every pairing in place at the end of
--          the period, with what the unit contributed during the period.
-- Grain: one row per partner unit pairing (partner_units row); most recently paired first.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (ids).
with
pairings as (
    select pu.partner_id, pu.name_zh, pu.name_en, pu.kind, pu.community_id, pu.paired_date
    from partner_units as pu
    where
        date_trunc('quarter', pu.paired_date) <= $period_to
        and list_contains($communities, pu.community_id)
),

given as (
    select pc.partner_id, count(*) as contributions, sum(pc.value_yuan) as value_yuan
    from partner_contributions as pc
    where date_trunc('quarter', pc.date) between $period_from and $period_to
    group by all
)

select
    p.partner_id,
    p.name_zh as partner_zh,
    p.name_en as partner_en,
    p.kind as partner_kind,
    p.community_id,
    c.name_zh as community_zh,
    c.name_en as community_en,
    p.paired_date,
    coalesce(g.contributions, 0) as contributions,
    coalesce(g.value_yuan, 0) as value_yuan
from pairings as p
inner join communities as c on c.community_id = p.community_id
left join given as g on g.partner_id = p.partner_id
order by p.paired_date desc, p.partner_id desc
