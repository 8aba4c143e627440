-- party_measures_by_community
-- Purpose: the regional party-building measures of each chosen community over the selected
--          period, for the breakdown by community: joint meetings, issues raised, resolved and
--          in hand (resolution rate over the issues not in hand, see base_meeting_issues; mean
--          days to resolve), patrols, person-times, hazards found and
--          handled (handled rate), partner contributions and their value; and, at the end of
--          the period, the 1+2+X bodies, partner units and part-time committee members in place.
-- Grain: one row per chosen community (communities with nothing have zeros).
-- Parameters: $period_from, $period_to (first days of quarters), $communities (ids).
with
chosen as (
    select c.community_id, c.name_zh, c.name_en
    from communities as c
    where list_contains($communities, c.community_id)
),

meetings as (
    select jm.community_id, count(*) as meetings
    from joint_meetings as jm
    where date_trunc('quarter', jm.date) between $period_from and $period_to
    group by all
),

issues as (
    select
        bi.community_id,
        count(*) as issues_raised,
        count(*) filter (where bi.status = 'resolved') as issues_resolved,
        count(*) filter (where bi.status = 'in_hand') as issues_in_hand,
        sum(bi.days_to_resolve) as days_to_resolve_total
    from base_meeting_issues as bi
    where bi.quarter between $period_from and $period_to
    group by all
),

patrol_totals as (
    select
        pa.community_id,
        count(*) as patrols,
        sum(pa.person_times)::bigint as person_times,
        sum(pa.hazards_found)::bigint as hazards_found,
        sum(pa.hazards_handled)::bigint as hazards_handled
    from patrols as pa
    where date_trunc('quarter', pa.date) between $period_from and $period_to
    group by all
),

contributions as (
    select
        pc.community_id,
        count(*) as contributions,
        sum(pc.value_yuan) as contribution_value_yuan
    from partner_contributions as pc
    where date_trunc('quarter', pc.date) between $period_from and $period_to
    group by all
),

bodies as (
    select pb.community_id, count(*) as bodies
    from party_bodies as pb
    where date_trunc('quarter', pb.joined_date) <= $period_to
    group by all
),

partners as (
    select pu.community_id, count(*) as partner_units
    from partner_units as pu
    where date_trunc('quarter', pu.paired_date) <= $period_to
    group by all
),

members as (
    select cm.community_id, count(*) as committee_members
    from committee_members as cm
    where date_trunc('quarter', cm.appointed_date) <= $period_to
    group by all
)

select
    ch.community_id,
    ch.name_zh as community_zh,
    ch.name_en as community_en,
    coalesce(m.meetings, 0) as meetings,
    coalesce(i.issues_raised, 0) as issues_raised,
    coalesce(i.issues_resolved, 0) as issues_resolved,
    coalesce(i.issues_in_hand, 0) as issues_in_hand,
    i.issues_resolved / nullif(i.issues_raised - i.issues_in_hand, 0) * 100 as resolution_rate,
    i.days_to_resolve_total / nullif(i.issues_resolved, 0) as mean_days_to_resolve,
    coalesce(pt.patrols, 0) as patrols,
    coalesce(pt.person_times, 0) as person_times,
    coalesce(pt.hazards_found, 0) as hazards_found,
    coalesce(pt.hazards_handled, 0) as hazards_handled,
    pt.hazards_handled / nullif(pt.hazards_found, 0) * 100 as hazard_handled_rate,
    coalesce(c.contributions, 0) as contributions,
    coalesce(c.contribution_value_yuan, 0) as contribution_value_yuan,
    coalesce(b.bodies, 0) as bodies,
    coalesce(p.partner_units, 0) as partner_units,
    coalesce(mb.committee_members, 0) as committee_members
from chosen as ch
left join meetings as m on m.community_id = ch.community_id
left join issues as i on i.community_id = ch.community_id
left join patrol_totals as pt on pt.community_id = ch.community_id
left join contributions as c on c.community_id = ch.community_id
left join bodies as b on b.community_id = ch.community_id
left join partners as p on p.community_id = ch.community_id
left join members as mb on mb.community_id = ch.community_id
order by ch.community_id
