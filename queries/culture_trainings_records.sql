-- culture_trainings_records
-- Purpose: the training courses behind the numbers (trainees and those placed in jobs, with the
--          course's placement rate), for the records table and downloads.
-- Grain: one row per training course in the period and communities, newest first.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (list of ids).
with
chosen as (
    select tr.training_id, tr.community_id, tr.date, tr.venue, tr.kind, tr.trainees, tr.placed
    from trainings as tr
    where date_trunc('quarter', tr.date) between $period_from and $period_to
        and list_contains($communities, tr.community_id)
)

select
    ch.training_id,
    ch.date,
    ch.community_id,
    c.name_zh as community_zh,
    c.name_en as community_en,
    ch.venue,
    ch.kind,
    ch.trainees,
    ch.placed,
    pct(ch.placed, ch.trainees) as placement_rate
from chosen as ch
inner join communities as c on c.community_id = ch.community_id
order by ch.date desc, ch.training_id desc
