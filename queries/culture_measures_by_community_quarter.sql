-- culture_measures_by_community_quarter
-- Purpose: the cultural-services counts behind the KPI tiles, the trends and the community
--          bars: activities and their person-times, active social teams (at least one
--          activity in the quarter), team members and the town's subsidy to the teams,
--          trainees and trainees placed in jobs (counted once, in base_culture_measures).
--          Zero where a community had none that quarter.
-- Grain: one row per community (of $communities) and quarter of the data (as periods_available).
-- Parameters: $communities (list of community ids). Not limited to the period on purpose: the
--             change against the previous quarter or a year before needs quarters before it.
select cm.*
from base_culture_measures as cm
where list_contains($communities, cm.community_id)
order by cm.community_id, cm.quarter
