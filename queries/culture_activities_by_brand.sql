-- culture_activities_by_brand
-- Purpose: the brand activities (迁新居、提素质、看未来; 一居一品; 百姓小舞台，秀出我风采) over the
--          period: how many, how many person-times, in how many communities, and their share of
--          all activity person-times (brand or not) in the period and communities.
-- Grain: one row per brand that had an activity in the period (activities without a brand,
--        '无', are left out but count in the share's denominator).
-- Parameters: $period_from, $period_to (first days of quarters), $communities (list of ids).
with
chosen as (
    select a.community_id, a.brand, a.person_times
    from activities as a
    where date_trunc('quarter', a.date) between $period_from and $period_to
        and list_contains($communities, a.community_id)
),

by_brand as (
    select
        ch.brand,
        count(*)::bigint as activities,
        sum(ch.person_times)::bigint as person_times,
        count(distinct ch.community_id)::bigint as communities
    from chosen as ch
    group by all
),

shares as (
    select
        bb.brand,
        bb.activities,
        bb.person_times,
        bb.communities,
        pct(bb.person_times, sum(bb.person_times) over ()) as share_pct
    from by_brand as bb
)

select sh.brand, sh.activities, sh.person_times, sh.communities, sh.share_pct
from shares as sh
where sh.brand <> '无'
order by sh.person_times desc, sh.brand
