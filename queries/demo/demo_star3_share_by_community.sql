-- demo_star3_share_by_community
-- Purpose: for the demo data's targets (governance/demo_data.py): each community's share (%)
--          of stairwells rated three stars or more (base_stairwell_ratings.star_rated) in the
--          latest rating round.
-- Grain: one row per community rated in the latest round.
-- Parameters: none.
select
    bs.community_id,
    pct(count(*) filter (where bs.star_rated), count(bs.star_rated)) as value
from base_stairwell_ratings as bs
where bs.round_date = (select max(sr.round_date) from stairwell_ratings as sr)
group by bs.community_id
order by bs.community_id
