-- targets_all
-- Purpose: the target of every indicator, town-wide (community_id null) and per community.
-- Grain: one row per indicator and scope.
-- Parameters: none.
with
targets_in_force as (
    select tg.indicator_id, tg.community_id, tg.target
    from targets as tg
)

select ti.indicator_id, ti.community_id, ti.target
from targets_in_force as ti
order by ti.indicator_id, ti.community_id nulls first
