-- party_bodies_by_community
-- Purpose: the "1+2+X" management system of each chosen community at the end of the period:
--          which bodies take part (1 = the party general branch at the core; 2 = the
--          workstation and the residents' committee; X = every other body) and how many
--          representatives each sends. A body counts once it joined by the end of $period_to.
-- Grain: one row per chosen community and body kind taking part.
-- Parameters: $period_to (first day of a quarter), $communities (ids).
with
in_place as (
    select pb.community_id, pb.body_kind, pb.joined_date, pb.representatives
    from party_bodies as pb
    where
        date_trunc('quarter', pb.joined_date) <= $period_to
        and list_contains($communities, pb.community_id)
)

select
    ip.community_id,
    ip.body_kind,
    case
        when ip.body_kind = '党总支' then '1'
        when ip.body_kind in ('工作站', '居委会') then '2'
        else 'X'
    end as tier,
    ip.joined_date,
    ip.representatives
from in_place as ip
order by ip.community_id, ip.body_kind
