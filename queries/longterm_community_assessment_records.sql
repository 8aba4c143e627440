-- longterm_community_assessment_records
-- Purpose: the community special assessments (社区专项考核) behind the community-score KPI.
-- Grain: one row per community and quarter, newest first.
-- Parameters: $period_from, $period_to (DATE, first day of a quarter), $communities (ids).
with
chosen as (
    select ca.*
    from community_assessments as ca
    where ca.quarter between $period_from and $period_to
        and list_contains($communities, ca.community_id)
)

select
    ch.quarter,
    ch.community_id,
    c.name_zh as community_zh,
    c.name_en as community_en,
    ch.score
from chosen as ch
inner join communities as c on c.community_id = ch.community_id
order by ch.quarter desc, ch.community_id
