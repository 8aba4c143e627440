-- selfgov_meetings_by_kind_quarter
-- Purpose: the three meetings (议事会 deliberation, 听证会 hearing, 协调会 coordination) per
--          quarter: how many were held, how many residents attended, decisions adopted and
--          decisions carried out (for the trend and the per-kind summary).
-- Grain: one row per quarter of the selected period and meeting kind (0 when none was held).
-- Parameters: $period_from, $period_to (first days of quarters), $communities (community ids).
with
quarters as (
    select bq.quarter
    from base_quarters as bq
    where bq.quarter between $period_from and $period_to
),

kinds as (
    select k.kind, k.kind_order
    from (values ('议事会', 1), ('听证会', 2), ('协调会', 3)) as k (kind, kind_order)
),

meetings as (
    select
        date_trunc('quarter', tm.date)::date as quarter,
        tm.kind,
        count(*) as meetings,
        sum(tm.attendance)::bigint as attendance,
        sum(tm.decisions_adopted)::bigint as decisions_adopted,
        sum(tm.decisions_implemented)::bigint as decisions_implemented
    from three_meetings as tm
    where
        list_contains($communities, tm.community_id)
        and date_trunc('quarter', tm.date) between $period_from and $period_to
    group by all
)

select
    q.quarter,
    k.kind,
    coalesce(mt.meetings, 0) as meetings,
    coalesce(mt.attendance, 0) as attendance,
    coalesce(mt.decisions_adopted, 0) as decisions_adopted,
    coalesce(mt.decisions_implemented, 0) as decisions_implemented
from quarters as q
cross join kinds as k
left join meetings as mt on mt.quarter = q.quarter and mt.kind = k.kind
order by q.quarter, k.kind_order
