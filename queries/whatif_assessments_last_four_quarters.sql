-- whatif_assessments_last_four_quarters
-- Purpose: the property performance assessments of the data's last four quarters, the what-if
--          page's "下一年度（预测）" horizon carries forward into next year (each quarter of
--          next year takes the latest observed quarter of the same number). The last quarter
--          is the data's (the whole town's), so every user projects the same year; the rows
--          are every community in $scope (the fund's cap is one town-wide budget); in_scope
--          marks the selected communities (the ones the page shows).
-- Grain: one row per property company, community and quarter, oldest first.
-- Parameters: $communities (ids), $scope (the ids the user may see, or NULL for the whole
--             town).
with
last_quarter as (
    select max(pa.quarter) as quarter from property_assessments as pa
),

last_four as (
    select pa.*
    from property_assessments as pa, last_quarter as lq
    where
        pa.quarter > lq.quarter - interval 12 month
        and pa.quarter <= lq.quarter
        and ($scope::varchar[] is null or list_contains($scope::varchar[], pa.community_id))
)

select
    lf.quarter,
    lf.company_id,
    pc.name_zh as company_zh,
    pc.name_en as company_en,
    lf.community_id,
    c.name_zh as community_zh,
    c.name_en as community_en,
    lf.score_self,
    lf.score_town,
    lf.score_residents,
    lf.score,
    lf.managed_area_m2,
    list_contains($communities, lf.community_id) as in_scope
from last_four as lf
inner join property_companies as pc on pc.company_id = lf.company_id
inner join communities as c on c.community_id = lf.community_id
order by lf.quarter, lf.company_id, lf.community_id
