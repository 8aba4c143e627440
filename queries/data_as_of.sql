-- data_as_of
-- Purpose: the date the data runs to (数据截至): the latest dated record in any event table.
-- Grain: one row.
-- Parameters: $scope (the community ids the user may see, or NULL for the whole town).
with
latest as (
    select jm.community_id, max(jm.date) as d from joint_meetings as jm group by all
    union all select pa.community_id, max(pa.date) from patrols as pa group by all
    union all select gc.community_id, max(gc.reported_date) from grid_cases as gc group by all
    union all
    select si.community_id, max(si.date) from sanitation_inspections as si group by all
    union all select a.community_id, max(a.date) from activities as a group by all
    union all select tm.community_id, max(tm.date) from three_meetings as tm group by all
    union all
    select sr.community_id, max(sr.round_date) from stairwell_ratings as sr group by all
    union all select m.community_id, max(m.date) from mediations as m group by all
)

select max(l.d) as as_of
from latest as l
where ($scope::varchar[] is null or list_contains($scope::varchar[], l.community_id))
