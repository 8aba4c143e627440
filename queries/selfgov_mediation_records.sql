-- selfgov_mediation_records
-- Purpose: the disputes mediated (矛盾调解) behind the numbers, newest first.
-- Grain: one row per dispute mediated in the selected period.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (community ids).
with
cases_in_scope as (
    select m.case_id, m.community_id, m.date, m.resolved
    from mediations as m
    where
        list_contains($communities, m.community_id)
        and date_trunc('quarter', m.date) between $period_from and $period_to
)

select cs.case_id, cs.community_id, cs.date, cs.resolved
from cases_in_scope as cs
order by cs.date desc, cs.case_id desc
