-- culture_activities_by_venue_kind
-- Purpose: where the activities took place (居民学校, 成人学校, 党员服务中心, 文化广场, 文化中心)
--          and of what kind (讲座, 培训, 文艺, 体育): count and person-times over the period.
-- Grain: one row per venue and activity kind that had an activity in the period.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (list of ids).
with
chosen as (
    select a.venue, a.kind, a.person_times
    from activities as a
    where date_trunc('quarter', a.date) between $period_from and $period_to
        and list_contains($communities, a.community_id)
)

select
    ch.venue,
    ch.kind,
    count(*)::bigint as activities,
    sum(ch.person_times)::bigint as person_times
from chosen as ch
group by all
order by ch.venue, ch.kind
