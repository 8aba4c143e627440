-- base_stairwell_ratings
-- Purpose: every stairwell rating (星级楼道评定) with the star rule written once: a stairwell is
--          star-rated (星级楼道) when it is rated three stars or more (stars >= 3); the star
--          share is star-rated stairwells / stairwells rated. The quarter of its rating round.
-- Grain: one row per stairwell and rating round.
-- Parameters: none (a view, registered once in the catalog by governance/db.py).
select
    sr.stairwell_id,
    sr.community_id,
    sr.round_date,
    date_trunc('quarter', sr.round_date)::date as quarter,
    sr.stars,
    sr.stars >= 3 as star_rated
from stairwell_ratings as sr
