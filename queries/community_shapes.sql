-- community_shapes
-- Purpose: the outline of each community and the village (一张图): GeoJSON geometry text in
--          longitude/latitude and whether it is a schematic layout (示意图), not a boundary.
-- Grain: one row per community or village that has a shape.
-- Parameters: $scope (the community ids the user may see, or NULL for the whole town).
select
    cs.community_id,
    cs.geometry,
    cs.schematic
from community_shapes as cs
where ($scope::varchar[] is null or list_contains($scope::varchar[], cs.community_id))
order by cs.community_id
