-- base_party_measures
-- Purpose: the regional party-building counts, written once for the page's two readings
--          (party_measures_by_community_quarter, wide, for the counts of the trends, the notes
--          and the by-community bars; party_parts_by_community_quarter, long parts, for the
--          KPIs and, with the shared indicator parts, every rate):
--          per community and quarter, joint meetings (and units present), issues raised at
--          them, resolved and still in hand (status from base_meeting_issues; issues belong to
--          the quarter they were raised in) with the days it took to resolve them, joint
--          patrols, person-times, hazards found and handled, partner contributions and their
--          value; and the stocks in place at the end of each quarter: 1+2+X bodies, partner
--          units (pairings), part-time committee members.
-- Grain: one row per community and quarter of the data (base_community_quarters); zero
--        counts where nothing happened.
-- Parameters: none (a view, registered once in the catalog by governance/db.py).
with
spine as (
    select bc.community_id, bc.quarter
    from base_community_quarters as bc
),

meetings as (
    select
        jm.community_id,
        date_trunc('quarter', jm.date)::date as quarter,
        count(*) as meetings,
        sum(jm.units_present) as units_present
    from joint_meetings as jm
    group by all
),

issues as (
    select
        bi.community_id,
        bi.quarter,
        count(*) as issues_raised,
        count(*) filter (where bi.status = 'resolved') as issues_resolved,
        count(*) filter (where bi.status = 'in_hand') as issues_in_hand,
        sum(bi.days_to_resolve) as days_to_resolve_total
    from base_meeting_issues as bi
    group by all
),

patrol_totals as (
    select
        pa.community_id,
        date_trunc('quarter', pa.date)::date as quarter,
        count(*) as patrols,
        sum(pa.person_times) as person_times,
        sum(pa.hazards_found) as hazards_found,
        sum(pa.hazards_handled) as hazards_handled
    from patrols as pa
    group by all
),

contributions as (
    select
        pc.community_id,
        date_trunc('quarter', pc.date)::date as quarter,
        count(*) as contributions,
        sum(pc.value_yuan) as contribution_value_yuan
    from partner_contributions as pc
    group by all
),

joined as (
    -- each body, pairing and member once, in the quarter it joined
    select
        pb.community_id,
        date_trunc('quarter', pb.joined_date)::date as quarter,
        'bodies' as kind
    from party_bodies as pb
    union all
    select pu.community_id, date_trunc('quarter', pu.paired_date)::date, 'partner_units'
    from partner_units as pu
    union all
    select cm.community_id, date_trunc('quarter', cm.appointed_date)::date, 'committee_members'
    from committee_members as cm
),

in_place as (
    select
        s.community_id,
        s.quarter,
        count(*) filter (where j.kind = 'bodies') as bodies,
        count(*) filter (where j.kind = 'partner_units') as partner_units,
        count(*) filter (where j.kind = 'committee_members') as committee_members
    from spine as s
    inner join joined as j on j.community_id = s.community_id and j.quarter <= s.quarter
    group by all
)

select
    s.community_id,
    s.quarter,
    coalesce(m.meetings, 0)::bigint as meetings,
    coalesce(m.units_present, 0)::bigint as units_present,
    coalesce(i.issues_raised, 0)::bigint as issues_raised,
    coalesce(i.issues_resolved, 0)::bigint as issues_resolved,
    coalesce(i.issues_in_hand, 0)::bigint as issues_in_hand,
    coalesce(i.days_to_resolve_total, 0)::bigint as days_to_resolve_total,
    coalesce(pt.patrols, 0)::bigint as patrols,
    coalesce(pt.person_times, 0)::bigint as person_times,
    coalesce(pt.hazards_found, 0)::bigint as hazards_found,
    coalesce(pt.hazards_handled, 0)::bigint as hazards_handled,
    coalesce(c.contributions, 0)::bigint as contributions,
    coalesce(c.contribution_value_yuan, 0)::double as contribution_value_yuan,
    coalesce(ip.bodies, 0)::bigint as bodies,
    coalesce(ip.partner_units, 0)::bigint as partner_units,
    coalesce(ip.committee_members, 0)::bigint as committee_members
from spine as s
left join meetings as m on m.community_id = s.community_id and m.quarter = s.quarter
left join issues as i on i.community_id = s.community_id and i.quarter = s.quarter
left join patrol_totals as pt on pt.community_id = s.community_id and pt.quarter = s.quarter
left join contributions as c on c.community_id = s.community_id and c.quarter = s.quarter
left join in_place as ip on ip.community_id = s.community_id and ip.quarter = s.quarter
