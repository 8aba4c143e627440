-- party_contribution_records
-- Purpose: the records behind the partner-contribution numbers: every contribution made in
--          the period, with the partner unit, its kind, the resource, quantity and value.
-- Grain: one row per contribution; newest first.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (ids).
with
given as (
    select
        pc.contribution_id,
        pc.partner_id,
        pc.community_id,
        pc.date,
        pc.kind,
        pc.quantity,
        pc.value_yuan
    from partner_contributions as pc
    where
        date_trunc('quarter', pc.date) between $period_from and $period_to
        and list_contains($communities, pc.community_id)
)

select
    g.contribution_id,
    g.date,
    g.community_id,
    c.name_zh as community_zh,
    c.name_en as community_en,
    g.partner_id,
    pu.name_zh as partner_zh,
    pu.name_en as partner_en,
    pu.kind as partner_kind,
    g.kind as contribution_kind,
    g.quantity,
    g.value_yuan
from given as g
inner join communities as c on c.community_id = g.community_id
inner join partner_units as pu on pu.partner_id = g.partner_id
order by g.date desc, g.contribution_id desc
