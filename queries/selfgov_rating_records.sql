-- selfgov_rating_records
-- Purpose: the stairwell ratings behind the numbers for the scope chosen in the drill (the
--          selected communities, optionally one building, optionally one stairwell), newest
--          round first; also a single stairwell's history across rounds.
-- Grain: one row per stairwell and rating round in the selected period.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (community ids),
--             $building_id, $stairwell_id (an id, or null for all).
with
rated as (
    select sr.round_date, sr.community_id, s.building_id, sr.stairwell_id, s.households, sr.stars
    from stairwell_ratings as sr
    inner join stairwells as s on s.stairwell_id = sr.stairwell_id
    where
        list_contains($communities, sr.community_id)
        and date_trunc('quarter', sr.round_date) between $period_from and $period_to
        and ($building_id::varchar is null or s.building_id = $building_id)
        and ($stairwell_id::varchar is null or sr.stairwell_id = $stairwell_id)
)

select r.round_date, r.community_id, r.building_id, r.stairwell_id, r.households, r.stars
from rated as r
order by r.round_date desc, r.community_id, r.building_id, r.stairwell_id
