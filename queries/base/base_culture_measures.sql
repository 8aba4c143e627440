-- base_culture_measures
-- Purpose: the cultural-services counts, written once for the page's reading of them
--          (culture_parts_by_community_quarter, long parts, for the KPIs, trends, notes and
--          bars, as every platform's measures):
--          activities and their person-times, active social teams (at least one activity in
--          the quarter), team members and the town's subsidy to the teams, trainees and
--          trainees placed in jobs. Zero where a community had none that quarter.
-- Grain: one row per community and quarter of the data (base_community_quarters).
-- Parameters: none (a view, registered once in the catalog by governance/db.py).
with
spine as (
    select bc.community_id, bc.quarter
    from base_community_quarters as bc
),

activity_counts as (
    select
        a.community_id,
        date_trunc('quarter', a.date)::date as quarter,
        count(*) as activities,
        sum(a.person_times) as person_times
    from activities as a
    group by all
),

team_counts as (
    select
        tq.community_id,
        tq.quarter,
        count(distinct tq.team_id) filter (where tq.activities > 0) as active_teams,
        sum(tq.members) as team_members,
        sum(tq.subsidy_yuan) as subsidy_yuan
    from team_quarters as tq
    group by all
),

training_counts as (
    select
        tr.community_id,
        date_trunc('quarter', tr.date)::date as quarter,
        sum(tr.trainees) as trainees,
        sum(tr.placed) as placed
    from trainings as tr
    group by all
)

select
    s.community_id,
    s.quarter,
    coalesce(ac.activities, 0)::bigint as activities,
    coalesce(ac.person_times, 0)::bigint as person_times,
    coalesce(tc.active_teams, 0)::bigint as active_teams,
    coalesce(tc.team_members, 0)::bigint as team_members,
    coalesce(tc.subsidy_yuan, 0)::double as subsidy_yuan,
    coalesce(trc.trainees, 0)::bigint as trainees,
    coalesce(trc.placed, 0)::bigint as placed
from spine as s
left join activity_counts as ac
    on ac.community_id = s.community_id and ac.quarter = s.quarter
left join team_counts as tc
    on tc.community_id = s.community_id and tc.quarter = s.quarter
left join training_counts as trc
    on trc.community_id = s.community_id and trc.quarter = s.quarter
