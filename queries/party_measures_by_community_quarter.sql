-- party_measures_by_community_quarter
-- Purpose: the regional party-building measures, wide, for the trends, the notes under the
--          tiles and the by-community bars, counts only:
--          counts per community and quarter of joint meetings (and
--          units present), issues raised at them, resolved and still in hand (status from
--          base_meeting_issues; issues belong to the quarter they were raised in) with the
--          days it took to resolve them, joint patrols, person-times, hazards found and
--          handled, partner contributions and their value; and the stocks in place at the end
--          of each quarter: 1+2+X bodies, partner units (pairings), part-time committee members
--          (counted once, in base_party_measures).
--          governance/party.py adds these up over communities (by_quarter) or over the
--          quarters of a period (by_community, stocks at the period's last quarter). No rate is
--          computed from them: the resolution rate, days to resolve and hazards handled are
--          the registry's, from the long parts (indicator_parts_by_community_quarter,
--          party_parts_by_community_quarter) through governance.kpi, as every platform's.
-- Grain: one row per community (of $communities) and quarter of the data (as
--        periods_available); zero counts where nothing happened.
-- Parameters: $communities (list of community ids). Not limited to a period on purpose: the
--             change against the previous quarter or a year before needs quarters before it.
select
    pm.community_id,
    c.name_zh as community_zh,
    c.name_en as community_en,
    pm.* exclude (community_id)
from base_party_measures as pm
inner join communities as c on c.community_id = pm.community_id
where list_contains($communities, pm.community_id)
order by pm.community_id, pm.quarter
