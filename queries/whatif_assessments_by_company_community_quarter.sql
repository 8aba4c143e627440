-- whatif_assessments_by_company_community_quarter
-- Purpose: the property performance assessments the what-if page recomputes: the three part
--          scores (self, town, residents), the weighted score and the managed area, with the
--          company's and community's names. The reward fund's cap is a town-wide yearly budget
--          and unspent money carries forward within a year, so every community is returned
--          (every one in $scope: a user scoped to some communities gets theirs only),
--          from the first quarter of $period_from's year on; in_scope marks the rows of the
--          selected period and communities (the ones the page shows).
-- Grain: one row per property company, community and quarter, oldest first.
-- Parameters: $period_from, $period_to (DATE, first day of a quarter), $communities (ids),
--             $scope (the ids the user may see, or NULL for the whole town).
with
year_to_date as (
    select pa.*
    from property_assessments as pa
    where
        pa.quarter between date_trunc('year', $period_from::date) and $period_to
        and ($scope::varchar[] is null or list_contains($scope::varchar[], pa.community_id))
)

select
    yd.quarter,
    yd.company_id,
    pc.name_zh as company_zh,
    pc.name_en as company_en,
    yd.community_id,
    c.name_zh as community_zh,
    c.name_en as community_en,
    yd.score_self,
    yd.score_town,
    yd.score_residents,
    yd.score,
    yd.managed_area_m2,
    yd.quarter >= $period_from and list_contains($communities, yd.community_id) as in_scope
from year_to_date as yd
inner join property_companies as pc on pc.company_id = yd.company_id
inner join communities as c on c.community_id = yd.community_id
order by yd.quarter, yd.company_id, yd.community_id
