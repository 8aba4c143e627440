-- longterm_property_assessment_records
-- Purpose: the property performance assessments (self, town, residents, total) behind the
--          property-score KPI and the reward fund.
-- Grain: one row per property company, community and quarter, newest first.
-- Parameters: $period_from, $period_to (DATE, first day of a quarter), $communities (ids).
with
chosen as (
    select pa.*
    from property_assessments as pa
    where pa.quarter between $period_from and $period_to
        and list_contains($communities, pa.community_id)
)

select
    ch.quarter,
    ch.company_id,
    pc.name_zh as company_zh,
    pc.name_en as company_en,
    ch.community_id,
    c.name_zh as community_zh,
    c.name_en as community_en,
    ch.score_self,
    ch.score_town,
    ch.score_residents,
    ch.score,
    ch.managed_area_m2
from chosen as ch
inner join property_companies as pc on pc.company_id = ch.company_id
inner join communities as c on c.community_id = ch.community_id
order by ch.quarter desc, ch.company_id, ch.community_id
