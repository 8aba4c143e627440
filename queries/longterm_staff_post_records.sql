-- longterm_staff_post_records
-- Purpose: staff posts and their first-level budget per community, post kind and year.
-- Grain: one row per community, post kind and year the selected period touches, newest first.
-- Parameters: $period_from, $period_to (DATE, first day of a quarter), $communities (ids).
with
chosen as (
    select sp.*
    from staff_posts as sp
    where sp.year between year($period_from) and year($period_to)
        and list_contains($communities, sp.community_id)
)

select
    ch.year,
    ch.community_id,
    c.name_zh as community_zh,
    c.name_en as community_en,
    ch.post_kind,
    ch.headcount,
    ch.budget_yuan
from chosen as ch
inner join communities as c on c.community_id = ch.community_id
order by ch.year desc, ch.community_id, ch.post_kind
