-- party_measures_by_quarter
-- Purpose: the regional party-building measures of the chosen communities together, by
--          quarter, for the KPI tiles (value, previous quarter, a year before) and the trends:
--          joint meetings held; issues raised at them, how many were resolved and how many
--          are still in hand (base_meeting_issues: raised under 30 days before the data date),
--          with the resolution rate over the issues not in hand and the mean days from raising
--          to resolving (issues belong to the quarter they were raised in); joint patrols, person-times, hazards found and
--          handled; partner contributions and their value; partner units (pairings) and
--          part-time committee members in place at the end of the quarter.
-- Grain: one row per quarter the data covers (all quarters, so the basis quarters exist);
--        zero counts where nothing happened, null rates and means where there is nothing
--        to divide by.
-- Parameters: $communities (list of community ids).
with
quarters as (
    select distinct o.quarter
    from outcomes as o
),

meetings as (
    select
        date_trunc('quarter', jm.date)::date as quarter,
        count(*) as meetings,
        sum(jm.units_present)::bigint as units_present
    from joint_meetings as jm
    where list_contains($communities, jm.community_id)
    group by all
),

issues as (
    select
        bi.quarter,
        count(*) as issues_raised,
        count(*) filter (where bi.status = 'resolved') as issues_resolved,
        count(*) filter (where bi.status = 'in_hand') as issues_in_hand,
        sum(bi.days_to_resolve) as days_to_resolve_total
    from base_meeting_issues as bi
    where list_contains($communities, bi.community_id)
    group by all
),

patrol_totals as (
    select
        date_trunc('quarter', pa.date)::date as quarter,
        count(*) as patrols,
        sum(pa.person_times)::bigint as person_times,
        sum(pa.hazards_found)::bigint as hazards_found,
        sum(pa.hazards_handled)::bigint as hazards_handled
    from patrols as pa
    where list_contains($communities, pa.community_id)
    group by all
),

contributions as (
    select
        date_trunc('quarter', pc.date)::date as quarter,
        count(*) as contributions,
        sum(pc.value_yuan) as contribution_value_yuan
    from partner_contributions as pc
    where list_contains($communities, pc.community_id)
    group by all
),

partners_in_place as (
    select
        q.quarter,
        count(pu.partner_id) as partner_units
    from quarters as q
    left join partner_units as pu
        on date_trunc('quarter', pu.paired_date) <= q.quarter
        and list_contains($communities, pu.community_id)
    group by all
),

members_in_place as (
    select
        q.quarter,
        count(cm.member_id) as committee_members
    from quarters as q
    left join committee_members as cm
        on date_trunc('quarter', cm.appointed_date) <= q.quarter
        and list_contains($communities, cm.community_id)
    group by all
)

select
    q.quarter,
    coalesce(m.meetings, 0) as meetings,
    coalesce(m.units_present, 0) as units_present,
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
    pp.partner_units,
    mp.committee_members
from quarters as q
left join meetings as m on m.quarter = q.quarter
left join issues as i on i.quarter = q.quarter
left join patrol_totals as pt on pt.quarter = q.quarter
left join contributions as c on c.quarter = q.quarter
left join partners_in_place as pp on pp.quarter = q.quarter
left join members_in_place as mp on mp.quarter = q.quarter
order by q.quarter
