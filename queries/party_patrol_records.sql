-- party_patrol_records
-- Purpose: the records behind the joint-patrol numbers (军警民联防): every patrol in the
--          period with the units and person-times taking part and the hazards found and handled.
-- Grain: one row per patrol; newest first.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (ids).
with
patrols_in_period as (
    select
        pa.patrol_id,
        pa.community_id,
        pa.date,
        pa.units,
        pa.person_times,
        pa.hazards_found,
        pa.hazards_handled
    from patrols as pa
    where
        date_trunc('quarter', pa.date) between $period_from and $period_to
        and list_contains($communities, pa.community_id)
)

select
    pp.patrol_id,
    pp.date,
    pp.community_id,
    c.name_zh as community_zh,
    c.name_en as community_en,
    pp.units,
    pp.person_times,
    pp.hazards_found,
    pp.hazards_handled
from patrols_in_period as pp
inner join communities as c on c.community_id = pp.community_id
order by pp.date desc, pp.patrol_id desc
