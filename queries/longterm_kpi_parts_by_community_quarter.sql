-- longterm_kpi_parts_by_community_quarter
-- Purpose: numerator and denominator of the long-term-management KPIs that are not in
--          governance/indicators.py (see governance/longterm.py), so any set of communities
--          aggregates correctly: value = sum(num) / sum(den), or sum(num) when den is null.
--          reward_paid: reward-fund yuan paid (a sum); grid_days_to_close: days from report to
--          closure over the closed cases, by the quarter a case was reported;
--          community_score: the mean community special-assessment score.
-- Grain: one row per community, quarter and KPI that has data in that quarter.
-- Parameters: $scope (the community ids the user may see, or NULL for the whole town; every
--             quarter; callers pick communities and quarters within it).
with
reward_paid as (
    select
        rp.community_id,
        rp.quarter,
        'reward_paid' as indicator_id,
        sum(rp.reward_yuan)::double as num,
        null::double as den
    from reward_payments as rp
    group by all
),

grid_days as (
    select
        bg.community_id,
        bg.quarter,
        'grid_days_to_close' as indicator_id,
        sum(bg.days_to_close)::double as num,
        count(*)::double as den
    from base_grid_cases as bg
    where bg.status = 'closed'
    group by all
),

community_score as (
    select
        ca.community_id,
        ca.quarter,
        'community_score' as indicator_id,
        sum(ca.score)::double as num,
        count(*)::double as den
    from community_assessments as ca
    group by all
),

all_parts as (
    select * from reward_paid
    union all select * from grid_days
    union all select * from community_score
)

select ap.community_id, ap.quarter, ap.indicator_id, ap.num, ap.den
from all_parts as ap
where
    ap.quarter in (select bq.quarter from base_quarters as bq)
    and ($scope::varchar[] is null or list_contains($scope::varchar[], ap.community_id))
order by ap.indicator_id, ap.community_id, ap.quarter
