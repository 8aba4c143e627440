-- longterm_property_scores_by_company_quarter
-- Purpose: property performance assessment of each company: self, town, residents and total
--          scores, each weighted by managed floor area across the company's communities (the
--          same weighting as the property_score indicator).
-- Grain: one row per property company and quarter.
-- Parameters: $period_from, $period_to (DATE, first day of a quarter), $communities (ids).
with
chosen as (
    select pa.*
    from property_assessments as pa
    where pa.quarter between $period_from and $period_to
        and list_contains($communities, pa.community_id)
),

by_company as (
    select
        ch.company_id,
        ch.quarter,
        count(distinct ch.community_id) as communities,
        sum(ch.managed_area_m2) as managed_area_m2,
        sum(ch.score_self * ch.managed_area_m2) / sum(ch.managed_area_m2) as score_self,
        sum(ch.score_town * ch.managed_area_m2) / sum(ch.managed_area_m2) as score_town,
        sum(ch.score_residents * ch.managed_area_m2) / sum(ch.managed_area_m2)
            as score_residents,
        sum(ch.score * ch.managed_area_m2) / sum(ch.managed_area_m2) as score
    from chosen as ch
    group by all
)

select
    bc.company_id,
    pc.name_zh as company_zh,
    pc.name_en as company_en,
    bc.quarter,
    bc.communities,
    bc.managed_area_m2,
    bc.score_self,
    bc.score_town,
    bc.score_residents,
    bc.score
from by_company as bc
inner join property_companies as pc on pc.company_id = bc.company_id
order by bc.company_id, bc.quarter
