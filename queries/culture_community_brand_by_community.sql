-- culture_community_brand_by_community
-- Purpose: 一居一品 (one brand per community): each community's own brand activities over the
--          period — how many, how many person-times, their most frequent kind and venue (ties
--          go to the first in alphabetical order), and the date of the latest.
--          Communities with none are listed with zeros.
-- Grain: one row per community of $communities.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (list of ids).
with
chosen_communities as (
    select c.community_id, c.name_zh as community_zh, c.name_en as community_en
    from communities as c
    where list_contains($communities, c.community_id)
),

brand_activities as (
    select a.community_id, a.date, a.venue, a.kind, a.person_times
    from activities as a
    where a.brand = '一居一品'
        and date_trunc('quarter', a.date) between $period_from and $period_to
        and list_contains($communities, a.community_id)
),

per_community as (
    select
        ba.community_id,
        count(*)::bigint as activities,
        sum(ba.person_times)::bigint as person_times,
        max(ba.date) as latest_date
    from brand_activities as ba
    group by all
),

kind_ranks as (
    select
        ba.community_id,
        ba.kind,
        row_number() over (
            partition by ba.community_id order by count(*) desc, ba.kind
        ) as rank_in_community
    from brand_activities as ba
    group by ba.community_id, ba.kind
),

venue_ranks as (
    select
        ba.community_id,
        ba.venue,
        row_number() over (
            partition by ba.community_id order by count(*) desc, ba.venue
        ) as rank_in_community
    from brand_activities as ba
    group by ba.community_id, ba.venue
)

select
    cc.community_id,
    cc.community_zh,
    cc.community_en,
    coalesce(pc.activities, 0)::bigint as activities,
    coalesce(pc.person_times, 0)::bigint as person_times,
    kr.kind as main_kind,
    vr.venue as main_venue,
    pc.latest_date
from chosen_communities as cc
left join per_community as pc on pc.community_id = cc.community_id
left join kind_ranks as kr
    on kr.community_id = cc.community_id and kr.rank_in_community = 1
left join venue_ranks as vr
    on vr.community_id = cc.community_id and vr.rank_in_community = 1
order by person_times desc, cc.community_id
