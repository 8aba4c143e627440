-- base_grid_cases
-- Purpose: every grid-management case with its rules written once: the quarter it was
--          reported in, the days to close it, and its status at the data date — closed (已结案),
--          in hand (办理中: open and reported less than the handling time, base_rules'
--          handling_days (30), before the data date, not yet counted as unclosed) or open
--          (未结案: open past it). Closure rates count closed and open cases, never those in
--          hand.
-- Grain: one row per case.
-- Parameters: none (a view, registered once in the catalog by governance/db.py).
with
cut as (
    select d.as_of, r.handling_days
    from base_data_as_of as d
    cross join base_rules as r
)

select
    gc.case_id,
    gc.community_id,
    gc.category,
    gc.reported_date,
    gc.closed_date,
    date_trunc('quarter', gc.reported_date)::date as quarter,
    date_diff('day', gc.reported_date, gc.closed_date) as days_to_close,
    date_diff('day', gc.reported_date, cut.as_of) as days_since_reported,
    handling_status(gc.reported_date, gc.closed_date, cut.as_of, cut.handling_days, 'closed')
        as status
from grid_cases as gc
cross join cut
