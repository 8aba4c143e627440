-- longterm_fee_rate_by_company_quarter
-- Purpose: property-fee collection rate (households that paid in full / households billed) of
--          each property company over the whole data period, for the 20% -> 60% story. A
--          community's bills count for the company that manages it (communities.company_id).
-- Grain: one row per property company and quarter that has bills in the chosen communities.
-- Parameters: $communities (list of community ids). No period: the story spans all quarters.
with
managed as (
    select c.community_id, c.company_id
    from communities as c
    where c.company_id is not null
        and list_contains($communities, c.community_id)
),

bills as (
    select
        m.company_id,
        bf.quarter,
        count(*) as households_billed,
        count(*) filter (where bf.paid_in_full) as households_paid_full
    from base_fee_bills as bf
    inner join managed as m on m.community_id = bf.community_id
    group by all
)

select
    b.company_id,
    pc.name_zh as company_zh,
    pc.name_en as company_en,
    b.quarter,
    b.households_billed,
    b.households_paid_full,
    pct(b.households_paid_full, b.households_billed) as rate_pct
from bills as b
inner join property_companies as pc on pc.company_id = b.company_id
order by b.company_id, b.quarter
