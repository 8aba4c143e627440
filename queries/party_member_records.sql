-- party_member_records
-- Purpose: the records behind the part-time committee member numbers: every member from an
--          outside unit in office at the end of the period (ids only, no personal data).
-- Grain: one row per part-time member; most recently appointed first.
-- Parameters: $period_to (first day of a quarter), $communities (ids).
with
in_office as (
    select cm.member_id, cm.community_id, cm.unit_kind, cm.appointed_date
    from committee_members as cm
    where
        date_trunc('quarter', cm.appointed_date) <= $period_to
        and list_contains($communities, cm.community_id)
)

select
    io.member_id,
    io.community_id,
    c.name_zh as community_zh,
    c.name_en as community_en,
    io.unit_kind,
    io.appointed_date
from in_office as io
inner join communities as c on c.community_id = io.community_id
order by io.appointed_date desc, io.member_id desc
