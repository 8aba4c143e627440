-- selfgov_star_share_by_community_round
-- Purpose: the share of stairwells rated three stars or more per community at each rating
--          round of the selected period (the community level of the stairwell drill).
-- Grain: one row per community and rating round.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (community ids).
with
rated as (
    select sr.community_id, sr.round_date, sr.stars
    from stairwell_ratings as sr
    where
        list_contains($communities, sr.community_id)
        and date_trunc('quarter', sr.round_date) between $period_from and $period_to
)

select
    r.community_id,
    r.round_date,
    count(*) as rated,
    count(*) filter (where r.stars >= 3) as star3,
    100.0 * count(*) filter (where r.stars >= 3) / count(*) as star3_share
from rated as r
group by r.community_id, r.round_date
order by r.community_id, r.round_date
