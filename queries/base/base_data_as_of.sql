-- base_data_as_of
-- Purpose: the date the town's data runs to (数据截至): the latest dated record in any event
--          table. The cut-off of every "still open" rule (base_meeting_issues, base_grid_cases).
-- Grain: one row.
-- Parameters: none (a view, registered once in the catalog by governance/db.py).
with
latest as (
    select max(jm.date) as d from joint_meetings as jm
    union all select max(pa.date) from patrols as pa
    union all select max(gc.reported_date) from grid_cases as gc
    union all select max(si.date) from sanitation_inspections as si
    union all select max(a.date) from activities as a
    union all select max(tm.date) from three_meetings as tm
    union all select max(sr.round_date) from stairwell_ratings as sr
    union all select max(m.date) from mediations as m
)

select max(l.d) as as_of
from latest as l
