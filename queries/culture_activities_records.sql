-- culture_activities_records
-- Purpose: the cultural activities behind the numbers, for the records table and downloads.
-- Grain: one row per activity in the period and communities, newest first.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (list of ids).
with
chosen as (
    select a.activity_id, a.community_id, a.date, a.venue, a.kind, a.brand, a.person_times
    from activities as a
    where date_trunc('quarter', a.date) between $period_from and $period_to
        and list_contains($communities, a.community_id)
)

select
    ch.activity_id,
    ch.date,
    ch.community_id,
    c.name_zh as community_zh,
    c.name_en as community_en,
    ch.venue,
    ch.kind,
    ch.brand,
    ch.person_times
from chosen as ch
inner join communities as c on c.community_id = ch.community_id
order by ch.date desc, ch.activity_id desc
