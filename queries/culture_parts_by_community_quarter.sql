-- culture_parts_by_community_quarter
-- Purpose: the cultural-services page's own counts as long parts, so any set of communities
--          aggregates the way every platform's measures do (governance.kpi.aggregate:
--          sum(num)): activities and person_times (activities held in the quarter and their
--          person-times), active_teams (teams with at least one activity in the quarter),
--          team_members and subsidy_yuan (the teams' members and the town's subsidy to them),
--          trainees and placed (trainees and trainees placed in jobs). The counts are
--          base_culture_measures'; the platform's scored measures (participation per 1,000
--          residents, placement rate) are the shared indicator parts'.
-- Grain: one row per community (of $communities), quarter of the data and measure; 0 where a
--        community had none that quarter; den is null (counts).
-- Parameters: $communities (list of community ids). Not limited to the period on purpose: the
--             change against the previous quarter or a year before needs quarters before it.
with
chosen as (
    select cm.*
    from base_culture_measures as cm
    where list_contains($communities, cm.community_id)
),

long as (
    unpivot chosen
    on activities, person_times, active_teams, team_members, subsidy_yuan, trainees, placed
    into name indicator_id value num
)

select l.community_id, l.quarter, l.indicator_id, l.num::double as num, null::double as den
from long as l
order by l.indicator_id, l.community_id, l.quarter
