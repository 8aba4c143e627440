-- culture_teams_by_community_and_kind
-- Purpose: the amateur social teams (社会团队) at two grains, from one reading of the teams:
--          teams founded by the end of the period, teams active in it (at least one activity
--          in some quarter of it), members at the period's last quarter, activities and the
--          town's subsidy (元) over the period. Communities without a team are listed with
--          zeros; a kind appears once a team of it is founded.
-- Grain: one row per community of $communities (grain = 'community', kind null) and one row
--        per team kind with a team founded by the end of the period (grain = 'kind',
--        community null); most members first within each grain.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (list of ids).
with
chosen_communities as (
    select c.community_id, c.name_zh as community_zh, c.name_en as community_en
    from communities as c
    where list_contains($communities, c.community_id)
),

teams as (
    select st.team_id, st.community_id, st.kind
    from social_teams as st
    where date_trunc('quarter', st.founded_date) <= $period_to
        and list_contains($communities, st.community_id)
),

team_period as (
    select
        tq.team_id,
        sum(tq.activities) as activities,
        sum(tq.subsidy_yuan) as subsidy_yuan,
        sum(tq.members) filter (where tq.quarter = $period_to) as members_end
    from team_quarters as tq
    where tq.quarter between $period_from and $period_to
        and list_contains($communities, tq.community_id)
    group by all
),

per_team as (
    select te.team_id, te.community_id, te.kind, tp.activities, tp.subsidy_yuan, tp.members_end
    from teams as te
    left join team_period as tp on tp.team_id = te.team_id
),

per_community as (
    select
        pt.community_id,
        count(*) as teams,
        count(*) filter (where pt.activities > 0) as active_teams,
        sum(pt.members_end) as members_end,
        sum(pt.activities) as team_activities,
        sum(pt.subsidy_yuan) as subsidy_yuan
    from per_team as pt
    group by all
),

by_community as (
    select
        'community' as grain,
        cc.community_id,
        cc.community_zh,
        cc.community_en,
        null::varchar as kind,
        coalesce(pc.teams, 0)::bigint as teams,
        coalesce(pc.active_teams, 0)::bigint as active_teams,
        coalesce(pc.members_end, 0)::bigint as members_end,
        coalesce(pc.team_activities, 0)::bigint as team_activities,
        coalesce(pc.subsidy_yuan, 0)::double as subsidy_yuan
    from chosen_communities as cc
    left join per_community as pc on pc.community_id = cc.community_id
),

by_kind as (
    select
        'kind' as grain,
        null::varchar as community_id,
        null::varchar as community_zh,
        null::varchar as community_en,
        pt.kind,
        count(*)::bigint as teams,
        count(*) filter (where pt.activities > 0)::bigint as active_teams,
        coalesce(sum(pt.members_end), 0)::bigint as members_end,
        coalesce(sum(pt.activities), 0)::bigint as team_activities,
        coalesce(sum(pt.subsidy_yuan), 0)::double as subsidy_yuan
    from per_team as pt
    group by all
)

select * from by_community
union all
select * from by_kind
order by grain, members_end desc, community_id, kind
