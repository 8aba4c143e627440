-- base_community_quarters
-- Purpose: the spine of the per-community series: every community crossed with every quarter
--          of the data (base_quarters), so a community with nothing in a quarter still has a
--          row there (a zero count, or a rate over its residents).
-- Grain: one row per community and quarter of the data.
-- Parameters: none (a view, registered once in the catalog by governance/db.py).
select c.community_id, bq.quarter
from communities as c
cross join base_quarters as bq
