-- periods_available
-- Purpose: the quarters the data covers, for the period filter.
-- Grain: one row per quarter.
-- Parameters: none.
with
quarters as (
    select distinct o.quarter
    from outcomes as o
)

select q.quarter
from quarters as q
order by q.quarter
