-- base_indicator_parts
-- Purpose: the numerator and denominator of every scored indicator (governance/indicators.py)
--          for every community and quarter with data, so any set of communities aggregates
--          correctly: value = sum(num) / sum(den) x factor, or sum(num) for counts (den is
--          null). Every page's first query reads it (indicator_parts_by_community_quarter):
--          the catalog holds it as a table, computed once per version of the data
--          (governance/db.py MATERIALISED: ~1.2 s of CPU at 100x, once, not per scope and
--          server start).
-- Grain: one row per community, quarter and indicator that has data in that quarter (every
--        quarter of the data, filtered to base_quarters by the query).
-- Parameters: none (registered once in the catalog by governance/db.py).
with
population as (
    select c.community_id, c.population, c.households
    from communities as c
),

outcome_parts as (
    select
        o.community_id,
        o.quarter,
        p.population,
        o.security_incidents,
        o.petitions,
        o.skip_level_batches,
        o.skip_level_persons,
        o.environment_score,
        o.safety_index,
        o.democratic_awareness,
        o.satisfaction_pct
    from outcomes as o
    inner join population as p on p.community_id = o.community_id
),

outcomes_long as (
    select community_id, quarter, 'incident_rate' as indicator_id,
        security_incidents::double as num, population::double as den
    from outcome_parts
    union all
    select community_id, quarter, 'petitions', petitions, null from outcome_parts
    union all
    select community_id, quarter, 'skip_level_batches', skip_level_batches, null
    from outcome_parts
    union all
    select community_id, quarter, 'skip_level_persons', skip_level_persons, null
    from outcome_parts
    union all
    select community_id, quarter, 'environment_score', environment_score * population, population
    from outcome_parts
    union all
    select community_id, quarter, 'safety_index', safety_index * population, population
    from outcome_parts
    union all
    select community_id, quarter, 'democratic_awareness', democratic_awareness * population,
        population
    from outcome_parts
    union all
    select community_id, quarter, 'satisfaction_pct', satisfaction_pct * population, population
    from outcome_parts
),

-- Issues and cases still in hand at the data date (under 30 days old, base_meeting_issues and
-- base_grid_cases) are not counted as unresolved: the rates are over the rest.
issue_resolution as (
    select
        bi.community_id,
        bi.quarter,
        'issue_resolution_rate' as indicator_id,
        count(*) filter (where bi.status = 'resolved')::double as num,
        count(*) filter (where bi.status != 'in_hand')::double as den
    from base_meeting_issues as bi
    group by all
),

hazards as (
    select
        pa.community_id,
        date_trunc('quarter', pa.date)::date as quarter,
        'hazard_handled_rate' as indicator_id,
        sum(pa.hazards_handled)::double as num,
        sum(pa.hazards_found)::double as den
    from patrols as pa
    group by all
),

fee_collection as (
    select
        bf.community_id,
        bf.quarter,
        'fee_collection_rate' as indicator_id,
        count(*) filter (where bf.paid_in_full)::double as num,
        count(*)::double as den
    from base_fee_bills as bf
    group by all
),

property_scores as (
    select
        pa.community_id,
        pa.quarter,
        'property_score' as indicator_id,
        sum(pa.score * pa.managed_area_m2) as num,
        sum(pa.managed_area_m2) as den
    from property_assessments as pa
    group by all
),

grid_closure as (
    select
        bg.community_id,
        bg.quarter,
        'grid_closure_rate' as indicator_id,
        count(*) filter (where bg.status = 'closed')::double as num,
        count(*) filter (where bg.status != 'in_hand')::double as den
    from base_grid_cases as bg
    group by all
),

sanitation as (
    select
        si.community_id,
        date_trunc('quarter', si.date)::date as quarter,
        'sanitation_score' as indicator_id,
        sum(si.score) as num,
        count(*)::double as den
    from sanitation_inspections as si
    group by all
),

activity_quarters as (
    -- the quarters the activities table covers: one with no activity anywhere in the town is
    -- a quarter whose activities are not in the data (no value, shown as "—"), not a zero
    select distinct date_trunc('quarter', a.date)::date as quarter
    from activities as a
),

participation as (
    -- every community in every quarter the activities cover, so a quiet community counts its
    -- residents too (0 while others had activities)
    select
        p.community_id,
        q.quarter,
        'participation_per_1000' as indicator_id,
        coalesce(sum(a.person_times), 0)::double as num,
        any_value(p.population)::double as den
    from base_community_quarters as q
    inner join population as p on p.community_id = q.community_id
    inner join activity_quarters as aq on aq.quarter = q.quarter
    left join activities as a
        on a.community_id = p.community_id
        and date_trunc('quarter', a.date) = q.quarter
    group by all
),

placement as (
    select
        tr.community_id,
        date_trunc('quarter', tr.date)::date as quarter,
        'placement_rate' as indicator_id,
        sum(tr.placed)::double as num,
        sum(tr.trainees)::double as den
    from trainings as tr
    group by all
),

star_share as (
    select
        bs.community_id,
        bs.quarter,
        'star3_share' as indicator_id,
        count(*) filter (where bs.star_rated)::double as num,
        count(*)::double as den
    from base_stairwell_ratings as bs
    group by all
),

volunteer_first_join as (
    select v.community_id, v.household_id, min(v.joined_date) as first_joined
    from volunteers as v
    group by all
),

volunteer_share as (
    select
        p.community_id,
        q.quarter,
        'volunteer_household_share' as indicator_id,
        count(vf.household_id)::double as num,
        any_value(p.households)::double as den
    from base_community_quarters as q
    inner join population as p on p.community_id = q.community_id
    left join volunteer_first_join as vf
        on vf.community_id = p.community_id
        and vf.first_joined < q.quarter + interval 3 month
    group by all
),

mediation as (
    select
        m.community_id,
        date_trunc('quarter', m.date)::date as quarter,
        'mediation_success_rate' as indicator_id,
        count(*) filter (where m.resolved)::double as num,
        count(*)::double as den
    from mediations as m
    group by all
),

all_parts as (
    select * from outcomes_long
    union all select * from issue_resolution
    union all select * from hazards
    union all select * from fee_collection
    union all select * from property_scores
    union all select * from grid_closure
    union all select * from sanitation
    union all select * from participation
    union all select * from placement
    union all select * from star_share
    union all select * from volunteer_share
    union all select * from mediation
)

select ap.community_id, ap.quarter, ap.indicator_id, ap.num, ap.den
from all_parts as ap
