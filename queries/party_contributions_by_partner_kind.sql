-- party_contributions_by_partner_kind
-- Purpose: what partner units provided over the selected period, by the kind of partner
--          (企业/高校/部队/公安) and the kind of resource (场地/设施/图书/讲座): number of
--          contributions, total quantity and total value in yuan.
-- Grain: one row per partner kind and resource kind with contributions in the period.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (ids).
with
given as (
    select pu.kind as partner_kind, pc.kind as contribution_kind, pc.quantity, pc.value_yuan
    from partner_contributions as pc
    inner join partner_units as pu on pu.partner_id = pc.partner_id
    where
        date_trunc('quarter', pc.date) between $period_from and $period_to
        and list_contains($communities, pc.community_id)
)

select
    g.partner_kind,
    g.contribution_kind,
    count(*) as contributions,
    sum(g.quantity)::bigint as quantity,
    sum(g.value_yuan) as value_yuan
from given as g
group by all
order by g.partner_kind, g.contribution_kind
