-- selfgov_rating_rounds
-- Purpose: every stairwell rating round the selected communities took part in, whatever the
--          period, so the page can say in words when the chosen period has none (the rounds
--          began in 2010Q3).
-- Grain: one row per rating round (a date).
-- Parameters: $communities (community ids).
with
rated as (
    select sr.round_date, sr.stairwell_id
    from stairwell_ratings as sr
    where list_contains($communities, sr.community_id)
)

select r.round_date, count(*) as rated
from rated as r
group by r.round_date
order by r.round_date
