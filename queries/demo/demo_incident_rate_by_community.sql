-- demo_incident_rate_by_community
-- Purpose: for the demo data's targets (governance/demo_data.py): each community's security
--          incidents per 10,000 residents per quarter in $year (the town target is the
--          median community's, rounded).
-- Grain: one row per community with outcomes in $year.
-- Parameters: $year (e.g. 2011).
select
    o.community_id,
    1e4 * sum(o.security_incidents) / 4 / any_value(c.population) as value
from outcomes as o
inner join communities as c on c.community_id = o.community_id
where year(o.quarter) = $year
group by o.community_id
order by o.community_id
