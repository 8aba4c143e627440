-- culture_teams_by_kind
-- Purpose: the amateur social teams (社会团队) by kind: teams founded by the end of the period,
--          teams active in it (at least one activity in some quarter of it), members at the
--          period's last quarter, activities and the town's subsidy (元) over the period.
-- Grain: one row per team kind with a team founded by the end of the period.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (list of ids).
with
teams as (
    select st.team_id, st.kind
    from social_teams as st
    where date_trunc('quarter', st.founded_date) <= $period_to
        and list_contains($communities, st.community_id)
),

team_period as (
    select
        tq.team_id,
        sum(tq.activities) as activities,
        sum(tq.subsidy_yuan) as subsidy_yuan,
        sum(tq.members) filter (where tq.quarter = $period_to) as members_end
    from team_quarters as tq
    where tq.quarter between $period_from and $period_to
        and list_contains($communities, tq.community_id)
    group by all
)

select
    te.kind,
    count(*)::bigint as teams,
    count(*) filter (where tp.activities > 0)::bigint as active_teams,
    coalesce(sum(tp.members_end), 0)::bigint as members_end,
    coalesce(sum(tp.activities), 0)::bigint as team_activities,
    coalesce(sum(tp.subsidy_yuan), 0)::double as subsidy_yuan
from teams as te
left join team_period as tp on tp.team_id = te.team_id
group by all
order by members_end desc, te.kind
