-- party_members_by_community
-- Purpose: part-time members of the community party general branch committees drawn from
--          outside units (兼职党总支委员), in office at the end of the period, by the kind of
--          unit they come from.
-- Grain: one row per chosen community and unit kind with at least one member.
-- Parameters: $period_to (first day of a quarter), $communities (ids).
with
in_office as (
    select cm.community_id, cm.unit_kind
    from committee_members as cm
    where
        date_trunc('quarter', cm.appointed_date) <= $period_to
        and list_contains($communities, cm.community_id)
)

select io.community_id, io.unit_kind, count(*) as members
from in_office as io
group by all
order by io.community_id, io.unit_kind
