-- demo_placement_rate_by_community
-- Purpose: for the demo data's targets (governance/demo_data.py): each community's share (%)
--          of trainees placed in jobs over $year's trainings.
-- Grain: one row per community with trainings in $year.
-- Parameters: $year (e.g. 2011).
select
    t.community_id,
    pct(sum(t.placed), sum(t.trainees)) as value
from trainings as t
where year(t.date) = $year
group by t.community_id
order by t.community_id
