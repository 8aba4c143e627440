-- indicator_parts_by_community_quarter
-- Purpose: the numerator and denominator of every scored indicator (governance/indicators.py),
--          so any set of communities aggregates correctly: value = sum(num) / sum(den) x factor,
--          or sum(num) for counts (den is null).
-- Grain: one row per community, quarter and indicator that has data in that quarter.
-- Parameters: $scope (the community ids the user may see, or NULL for the whole town;
--             callers pick communities and quarters within it).
select bp.community_id, bp.quarter, bp.indicator_id, bp.num, bp.den
from base_indicator_parts as bp
where
    bp.quarter in (select bq.quarter from base_quarters as bq)
    and ($scope::varchar[] is null or list_contains($scope::varchar[], bp.community_id))
order by bp.indicator_id, bp.community_id, bp.quarter
