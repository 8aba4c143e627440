-- selfgov_volunteers_by_community_team
-- Purpose: volunteers per community and team on the rolls at the end of the last quarter of
--          the selected period, with the community's households and how many of them have a
--          volunteer (有志愿者的住户).
-- Grain: one row per community and team (0 when the team has nobody there).
-- Parameters: $period_to (first day of a quarter), $communities (community ids).
with
scope as (
    select c.community_id, c.households
    from communities as c
    where list_contains($communities, c.community_id)
),

teams as (
    select t.team, t.team_order
    from (
        values ('治安巡逻员', 1), ('卫生巡查员', 2), ('创评评议员', 3), ('矛盾调解员', 4)
    ) as t (team, team_order)
),

on_rolls as (
    select v.community_id, v.team, v.household_id, v.volunteer_id
    from volunteers as v
    where
        list_contains($communities, v.community_id)
        and date_trunc('quarter', v.joined_date) <= $period_to
),

households_with_volunteer as (
    select o.community_id, count(distinct o.household_id) as households_with_volunteer
    from on_rolls as o
    group by o.community_id
)

select
    s.community_id,
    tm.team,
    count(o.volunteer_id) as volunteers,
    any_value(s.households) as households,
    coalesce(any_value(hv.households_with_volunteer), 0) as households_with_volunteer
from scope as s
cross join teams as tm
left join on_rolls as o on o.community_id = s.community_id and o.team = tm.team
left join households_with_volunteer as hv on hv.community_id = s.community_id
group by s.community_id, tm.team, tm.team_order
order by s.community_id, tm.team_order
