-- communities_list
-- Purpose: the communities and the village with the attributes the filters choose by
--          (property company, move-in year, population size) and their names in both languages.
-- Grain: one row per community or village.
-- Parameters: $scope (the community ids the user may see, or NULL for the whole town).
with
companies as (
    select pc.company_id, pc.name_zh as company_zh, pc.name_en as company_en
    from property_companies as pc
)

select
    c.community_id,
    c.name_zh,
    c.name_en,
    c.kind,
    c.move_in_year,
    c.population,
    c.households,
    c.resettlement_area_m2,
    c.company_id,
    co.company_zh,
    co.company_en
from communities as c
left join companies as co on co.company_id = c.company_id
where ($scope::varchar[] is null or list_contains($scope::varchar[], c.community_id))
order by c.community_id
