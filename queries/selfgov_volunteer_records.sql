-- selfgov_volunteer_records
-- Purpose: the volunteers behind the numbers: everyone on the rolls at the end of the last
--          quarter of the selected period (ids only, no personal data), newest first.
-- Grain: one row per volunteer.
-- Parameters: $period_to (first day of a quarter), $communities (community ids).
with
on_rolls as (
    select v.volunteer_id, v.household_id, v.community_id, v.team, v.joined_date
    from volunteers as v
    where
        list_contains($communities, v.community_id)
        and date_trunc('quarter', v.joined_date) <= $period_to
)

select o.volunteer_id, o.household_id, o.community_id, o.team, o.joined_date
from on_rolls as o
order by o.joined_date desc, o.volunteer_id desc
