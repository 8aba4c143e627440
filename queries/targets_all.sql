-- targets_all
-- Purpose: the target of every indicator, town-wide (community_id null) and per community.
-- Grain: one row per indicator and scope.
-- Parameters: $scope (the community ids the user may see, or NULL for the whole town);
--             the town-wide targets are always returned.
with
targets_in_force as (
    select tg.indicator_id, tg.community_id, tg.target
    from targets as tg
    where
        tg.community_id is null
        or $scope::varchar[] is null
        or list_contains($scope::varchar[], tg.community_id)
)

select ti.indicator_id, ti.community_id, ti.target
from targets_in_force as ti
order by ti.indicator_id, ti.community_id nulls first
