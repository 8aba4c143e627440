-- selfgov_parts_by_community_quarter
-- Purpose: numerator and denominator of the self-governance measures that are not in
--          governance/indicators.py (governance/selfgov.py MEASURES), so any set of communities
--          aggregates correctly: rate = sum(num) / sum(den) x 100, count = sum(num).
--          election_turnout: votes cast / eligible voters at each community's latest election
--            held by the end of the quarter (公推直选; the turnout in force that quarter);
--          meetings_held: three meetings (议事会、听证会、协调会) held in the quarter;
--          decisions_carried_out_rate: decisions carried out / decisions adopted at the
--            quarter's meetings;
--          volunteers: volunteers on the rolls at the end of the quarter (joined by then);
--          mediations: disputes mediated in the quarter;
--          elections_held: elections held in the quarter (not a tile: the registry shows the
--            turnout only when the selected period holds one, election_turnout's shown_when).
-- Grain: one row per community, quarter and measure. Counts have a row (0 when nothing
--        happened) for every quarter of the data; turnout only once a community has voted;
--        the carried-out rate only in quarters with meetings.
-- Parameters: $communities (community ids).
with
grid as (
    select bc.community_id, bc.quarter
    from base_community_quarters as bc
    where list_contains($communities, bc.community_id)
),

latest_election as (
    select g.community_id, g.quarter, e.votes_cast, e.eligible_voters
    from grid as g
    inner join elections as e
        on e.community_id = g.community_id
        and date_trunc('quarter', e.date) <= g.quarter
    qualify row_number() over (
        partition by g.community_id, g.quarter order by e.date desc, e.election_id desc
    ) = 1
),

meetings as (
    select
        tm.community_id,
        date_trunc('quarter', tm.date)::date as quarter,
        count(*) as held,
        sum(tm.decisions_adopted)::bigint as adopted,
        sum(tm.decisions_implemented)::bigint as implemented
    from three_meetings as tm
    where list_contains($communities, tm.community_id)
    group by all
),

volunteers_on_rolls as (
    select g.community_id, g.quarter, count(v.volunteer_id) as volunteers
    from grid as g
    left join volunteers as v
        on v.community_id = g.community_id
        and date_trunc('quarter', v.joined_date) <= g.quarter
    group by all
),

mediated as (
    select
        m.community_id,
        date_trunc('quarter', m.date)::date as quarter,
        count(*) as cases
    from mediations as m
    where list_contains($communities, m.community_id)
    group by all
),

all_parts as (
    select
        le.community_id,
        le.quarter,
        'election_turnout' as indicator_id,
        le.votes_cast::double as num,
        le.eligible_voters::double as den
    from latest_election as le
    union all
    select g.community_id, g.quarter, 'meetings_held', coalesce(mt.held, 0)::double, null
    from grid as g
    left join meetings as mt on mt.community_id = g.community_id and mt.quarter = g.quarter
    union all
    select
        mt.community_id,
        mt.quarter,
        'decisions_carried_out_rate',
        mt.implemented::double,
        mt.adopted::double
    from meetings as mt
    inner join grid as g on g.community_id = mt.community_id and g.quarter = mt.quarter
    union all
    select vr.community_id, vr.quarter, 'volunteers', vr.volunteers::double, null
    from volunteers_on_rolls as vr
    union all
    select g.community_id, g.quarter, 'mediations', coalesce(md.cases, 0)::double, null
    from grid as g
    left join mediated as md on md.community_id = g.community_id and md.quarter = g.quarter
    union all
    select g.community_id, g.quarter, 'elections_held', count(e.election_id)::double, null
    from grid as g
    left join elections as e
        on e.community_id = g.community_id
        and date_trunc('quarter', e.date) = g.quarter
    group by g.community_id, g.quarter
)

select ap.community_id, ap.quarter, ap.indicator_id, ap.num, ap.den
from all_parts as ap
order by ap.indicator_id, ap.community_id, ap.quarter
