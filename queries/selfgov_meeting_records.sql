-- selfgov_meeting_records
-- Purpose: the three meetings behind the numbers, newest first, with each meeting's share of
--          adopted decisions carried out.
-- Grain: one row per meeting held in the selected period.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (community ids).
with
meetings_in_scope as (
    select
        tm.meeting_id,
        tm.community_id,
        tm.date,
        tm.kind,
        tm.attendance,
        tm.decisions_adopted,
        tm.decisions_implemented
    from three_meetings as tm
    where
        list_contains($communities, tm.community_id)
        and date_trunc('quarter', tm.date) between $period_from and $period_to
)

select
    ms.meeting_id,
    ms.community_id,
    ms.date,
    ms.kind,
    ms.attendance,
    ms.decisions_adopted,
    ms.decisions_implemented,
    round(pct(ms.decisions_implemented, ms.decisions_adopted), 1) as carried_out_pct
from meetings_in_scope as ms
order by ms.date desc, ms.meeting_id desc
