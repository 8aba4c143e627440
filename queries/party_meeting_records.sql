-- party_meeting_records
-- Purpose: the records behind the joint-meeting numbers: every joint meeting held in the
--          period with the issues raised at it (category, raised, resolved, days to resolve,
--          and status: resolved, in hand or open, by base_meeting_issues' rule);
--          a meeting without issues appears once with empty issue columns.
-- Grain: one row per issue, plus one row per meeting that raised none; newest meeting first.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (ids).
with
meetings as (
    select jm.meeting_id, jm.community_id, jm.date, jm.units_present
    from joint_meetings as jm
    where
        date_trunc('quarter', jm.date) between $period_from and $period_to
        and list_contains($communities, jm.community_id)
),

names as (
    select c.community_id, c.name_zh, c.name_en
    from communities as c
)

select
    m.meeting_id,
    m.date as meeting_date,
    m.community_id,
    n.name_zh as community_zh,
    n.name_en as community_en,
    m.units_present,
    bi.issue_id,
    bi.category,
    bi.raised_date,
    bi.resolved_date,
    bi.days_to_resolve,
    bi.status
from meetings as m
inner join names as n on n.community_id = m.community_id
left join base_meeting_issues as bi on bi.meeting_id = m.meeting_id
order by m.date desc, m.meeting_id desc, bi.issue_id
