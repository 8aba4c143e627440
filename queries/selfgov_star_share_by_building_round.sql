-- selfgov_star_share_by_building_round
-- Purpose: the share of stairwells rated three stars or more per building at each rating
--          round of the selected period (the building level of the stairwell drill; called
--          with the one community drilled into).
-- Grain: one row per building and rating round.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (community ids).
with
rated as (
    select s.community_id, s.building_id, sr.round_date, sr.stars
    from stairwell_ratings as sr
    inner join stairwells as s on s.stairwell_id = sr.stairwell_id
    where
        list_contains($communities, sr.community_id)
        and date_trunc('quarter', sr.round_date) between $period_from and $period_to
)

select
    r.community_id,
    r.building_id,
    r.round_date,
    count(*) as rated,
    count(*) filter (where r.stars >= 3) as star3,
    100.0 * count(*) filter (where r.stars >= 3) / count(*) as star3_share
from rated as r
group by r.community_id, r.building_id, r.round_date
order by r.community_id, r.building_id, r.round_date
