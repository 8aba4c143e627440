-- periods_available
-- Purpose: the quarters the data covers, for the period filter.
-- Grain: one row per quarter.
-- Parameters: $scope (the community ids the user may see, or NULL for the whole town).
with
quarters as (
    select distinct o.quarter
    from outcomes as o
    where ($scope::varchar[] is null or list_contains($scope::varchar[], o.community_id))
)

select q.quarter
from quarters as q
order by q.quarter
