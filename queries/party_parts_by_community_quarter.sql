-- party_parts_by_community_quarter
-- Purpose: the regional party-building page's own measures as long parts (numerator and
--          denominator), so any set of communities aggregates the way every platform's do
--          (governance.kpi.aggregate: sum(num), or sum(num) / sum(den) x the registry's factor):
--            joint_meetings_held: joint meetings held in the quarter;
--            issue_days_to_resolve: days it took to resolve the quarter's issues / issues
--              resolved (issues belong to the quarter they were raised in);
--            patrols_held, patrol_person_times: joint patrols and their person-times;
--            partner_units, committee_members: pairings and part-time committee members in
--              place at the end of the quarter (a stock: the quarter's value as it stands).
--          The counts are base_party_measures'; the platform's scored rates (issue resolution,
--          hazards handled) are the shared indicator parts' (indicator_parts_by_community_quarter).
-- Grain: one row per community (of $communities), quarter of the data and measure; 0 where
--        nothing happened (a days-to-resolve den of 0: no value).
-- Parameters: $communities (list of community ids). Not limited to a period on purpose: the
--             change against the previous quarter or a year before needs quarters before it.
with
chosen as (
    select pm.*
    from base_party_measures as pm
    where list_contains($communities, pm.community_id)
),

all_parts as (
    select community_id, quarter, 'joint_meetings_held' as indicator_id,
        meetings::double as num, null::double as den
    from chosen
    union all
    select community_id, quarter, 'issue_days_to_resolve', days_to_resolve_total::double,
        issues_resolved::double
    from chosen
    union all
    select community_id, quarter, 'patrols_held', patrols::double, null from chosen
    union all
    select community_id, quarter, 'patrol_person_times', person_times::double, null from chosen
    union all
    select community_id, quarter, 'partner_units', partner_units::double, null from chosen
    union all
    select community_id, quarter, 'committee_members', committee_members::double, null
    from chosen
)

select ap.community_id, ap.quarter, ap.indicator_id, ap.num, ap.den
from all_parts as ap
order by ap.indicator_id, ap.community_id, ap.quarter
