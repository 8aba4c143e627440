-- demo_star3_share_by_community
-- Purpose: for the demo data's targets (governance/demo_data.py): each community's share (%)
--          of stairwells rated three stars or more in the latest rating round.
-- Grain: one row per community rated in the latest round.
-- Parameters: none.
select
    sr.community_id,
    100 * avg((sr.stars >= 3)::integer) as value
from stairwell_ratings as sr
where sr.round_date = (select max(round_date) from stairwell_ratings)
group by sr.community_id
order by sr.community_id
