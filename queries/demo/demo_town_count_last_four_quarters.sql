-- demo_town_count_last_four_quarters
-- Purpose: for the demo data's targets (governance/demo_data.py): the town-wide count of one
--          outcomes column per quarter, averaged over the last four quarters (the target of
--          a count indicator is this, rounded up).
-- Grain: one row.
-- Parameters: $indicator (an outcomes count column, e.g. petitions).
with
per_quarter as (
    select u.quarter, sum(u.n) as n
    from (
        unpivot outcomes
        on columns(* exclude (community_id, quarter))
        into name indicator value n
    ) as u
    where u.indicator = $indicator
    group by u.quarter
),

last_four as (
    select pq.n
    from per_quarter as pq
    order by pq.quarter desc
    limit 4
)

select avg(lf.n) as value
from last_four as lf
