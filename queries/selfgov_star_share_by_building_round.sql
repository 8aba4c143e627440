-- selfgov_star_share_by_building_round
-- Purpose: the share of stairwells rated three stars or more per building at each rating
--          round of the selected period (the building level of the stairwell drill; called
--          with the one community drilled into). Star-rated: base_stairwell_ratings.
-- Grain: one row per building and rating round.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (community ids).
with
rated as (
    select s.community_id, s.building_id, bs.round_date, bs.star_rated
    from base_stairwell_ratings as bs
    inner join stairwells as s on s.stairwell_id = bs.stairwell_id
    where
        list_contains($communities, bs.community_id)
        and bs.quarter between $period_from and $period_to
)

select
    r.community_id,
    r.building_id,
    r.round_date,
    count(*) as rated,
    count(*) filter (where r.star_rated) as star3,
    pct(count(*) filter (where r.star_rated), count(*)) as star3_share
from rated as r
group by r.community_id, r.building_id, r.round_date
order by r.community_id, r.building_id, r.round_date
