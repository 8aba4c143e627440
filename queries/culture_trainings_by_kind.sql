-- culture_trainings_by_kind
-- Purpose: training courses for residents (many of whom lost their land) by kind over the
--          period: courses, trainees, trainees placed in jobs and the placement rate
--          (100 x placed / trainees; null when there were no trainees).
-- Grain: one row per training kind that had a course in the period.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (list of ids).
with
chosen as (
    select tr.kind, tr.trainees, tr.placed
    from trainings as tr
    where date_trunc('quarter', tr.date) between $period_from and $period_to
        and list_contains($communities, tr.community_id)
),

per_kind as (
    select
        ch.kind,
        count(*)::bigint as courses,
        sum(ch.trainees)::bigint as trainees,
        sum(ch.placed)::bigint as placed
    from chosen as ch
    group by all
)

select
    pk.kind,
    pk.courses,
    pk.trainees,
    pk.placed,
    pct(pk.placed, pk.trainees) as placement_rate
from per_kind as pk
order by pk.trainees desc, pk.kind
