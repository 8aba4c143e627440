-- selfgov_star_counts_by_round
-- Purpose: the distribution of stairwell stars (1-5, 五星楼道) at each rating round of the
--          selected period and the share rated three stars or more, for the scope chosen in
--          the drill: the selected communities, optionally one building, optionally one
--          stairwell. Star-rated: base_stairwell_ratings.star_rated (three stars or more).
-- Grain: one row per rating round (a date) in the selected period that rated any stairwell
--        in scope.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (community ids),
--             $building_id, $stairwell_id (an id, or null for all).
with
rated as (
    select bs.round_date, bs.stars, bs.star_rated
    from base_stairwell_ratings as bs
    inner join stairwells as s on s.stairwell_id = bs.stairwell_id
    where
        list_contains($communities, bs.community_id)
        and bs.quarter between $period_from and $period_to
        and ($building_id::varchar is null or s.building_id = $building_id)
        and ($stairwell_id::varchar is null or bs.stairwell_id = $stairwell_id)
),

per_round as (
    select
        r.round_date,
        count(*) filter (where r.stars = 1) as stars_1,
        count(*) filter (where r.stars = 2) as stars_2,
        count(*) filter (where r.stars = 3) as stars_3,
        count(*) filter (where r.stars = 4) as stars_4,
        count(*) filter (where r.stars = 5) as stars_5,
        count(*) filter (where r.star_rated) as star3,
        count(*) as rated
    from rated as r
    group by r.round_date
)

select
    pr.round_date,
    pr.stars_1,
    pr.stars_2,
    pr.stars_3,
    pr.stars_4,
    pr.stars_5,
    pr.star3,
    pr.rated,
    pct(pr.star3, pr.rated) as star3_share
from per_round as pr
order by pr.round_date
