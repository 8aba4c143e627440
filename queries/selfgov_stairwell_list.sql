-- selfgov_stairwell_list
-- Purpose: the buildings and stairwells of the selected communities, for the community ->
--          building -> stairwell drill's choices.
-- Grain: one row per stairwell.
-- Parameters: $communities (community ids).
with
stairwells_in_scope as (
    select s.community_id, s.building_id, s.stairwell_id, s.households
    from stairwells as s
    where list_contains($communities, s.community_id)
)

select ss.community_id, ss.building_id, ss.stairwell_id, ss.households
from stairwells_in_scope as ss
order by ss.community_id, ss.building_id, ss.stairwell_id
