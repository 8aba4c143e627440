-- longterm_reward_fund_by_year
-- Purpose: how much of the yearly reward fund was paid out: town-wide (the fund and its cap are
--          the town's) and for the chosen communities; governance/longterm.py adds cap and left.
-- Grain: one row per calendar year that the selected period touches and that has payments.
-- Parameters: $period_from, $period_to (DATE, first day of a quarter), $communities (ids),
--             $scope (the ids the user may see, or NULL for the whole town: a scoped user's
--             "town-wide" figures are their own communities' only).
with
in_years as (
    select rp.community_id, rp.quarter, rp.reward_yuan, year(rp.quarter) as year
    from reward_payments as rp
    where
        year(rp.quarter) between year($period_from) and year($period_to)
        and ($scope::varchar[] is null or list_contains($scope::varchar[], rp.community_id))
)

select
    iy.year,
    count(distinct iy.quarter) as quarters_paid,
    sum(iy.reward_yuan) as paid_town_yuan,
    coalesce(sum(iy.reward_yuan) filter (where list_contains($communities, iy.community_id)), 0)
        as paid_scope_yuan
from in_years as iy
group by iy.year
order by iy.year
