-- culture_teams_records
-- Purpose: the social teams quarter by quarter behind the numbers (members, activities, the
--          town's subsidy in 元), for the records table and downloads.
-- Grain: one row per social team and quarter in the period and communities, newest first.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (list of ids).
with
chosen as (
    select tq.team_id, tq.community_id, tq.quarter, tq.members, tq.activities, tq.subsidy_yuan
    from team_quarters as tq
    where tq.quarter between $period_from and $period_to
        and list_contains($communities, tq.community_id)
)

select
    ch.quarter,
    ch.team_id,
    st.name_zh as team_zh,
    st.name_en as team_en,
    st.kind as team_kind,
    ch.community_id,
    c.name_zh as community_zh,
    c.name_en as community_en,
    st.founded_date,
    ch.members,
    ch.activities,
    ch.subsidy_yuan
from chosen as ch
inner join social_teams as st on st.team_id = ch.team_id
inner join communities as c on c.community_id = ch.community_id
order by ch.quarter desc, ch.team_id
