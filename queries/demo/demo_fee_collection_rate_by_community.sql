-- demo_fee_collection_rate_by_community
-- Purpose: for the demo data's targets (governance/demo_data.py): each community's share (%)
--          of households that paid their bill in full (base_fee_bills' rule) in the last
--          quarter billed.
-- Grain: one row per community billed in the last quarter.
-- Parameters: none.
select
    fb.community_id,
    pct(count(*) filter (where fb.paid_in_full), count(fb.paid_in_full)) as value
from base_fee_bills as fb
where fb.quarter = (select max(quarter) from base_fee_bills)
group by fb.community_id
order by fb.community_id
