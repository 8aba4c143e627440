-- selfgov_volunteers_by_team_quarter
-- Purpose: volunteers per team (治安巡逻员、卫生巡查员、创评评议员、矛盾调解员) on the rolls at
--          the end of each quarter of the selected period, and how many joined in the quarter.
-- Grain: one row per quarter of the selected period and team (0 when the team has nobody).
-- Parameters: $period_from, $period_to (first days of quarters), $communities (community ids).
with
quarters as (
    select bq.quarter
    from base_quarters as bq
    where bq.quarter between $period_from and $period_to
),

teams as (
    select t.team, t.team_order
    from (
        values ('治安巡逻员', 1), ('卫生巡查员', 2), ('创评评议员', 3), ('矛盾调解员', 4)
    ) as t (team, team_order)
),

joined as (
    select v.team, date_trunc('quarter', v.joined_date)::date as joined_quarter
    from volunteers as v
    where list_contains($communities, v.community_id)
)

select
    q.quarter,
    tm.team,
    count(j.joined_quarter) as on_rolls,
    count(j.joined_quarter) filter (where j.joined_quarter = q.quarter) as joined
from quarters as q
cross join teams as tm
left join joined as j on j.team = tm.team and j.joined_quarter <= q.quarter
group by q.quarter, tm.team, tm.team_order
order by q.quarter, tm.team_order
