-- demo_participation_per_1000_by_community
-- Purpose: for the demo data's targets (governance/demo_data.py): each community's activity
--          person-times per 1,000 residents per quarter in $year.
-- Grain: one row per community (0 where it had no activity in $year).
-- Parameters: $year (e.g. 2011).
select
    c.community_id,
    1e3 * coalesce(sum(a.person_times), 0) / 4 / any_value(c.population) as value
from communities as c
left join activities as a
    on a.community_id = c.community_id and year(a.date) = $year
group by c.community_id
order by c.community_id
