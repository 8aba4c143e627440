-- selfgov_election_records
-- Purpose: the residents' committee elections (公推直选) held in the selected period with their
--          turnout (votes cast / eligible voters), newest first; also drawn as turnout per
--          community and election (a handful of rows per community).
-- Grain: one row per election.
-- Parameters: $period_from, $period_to (first days of quarters), $communities (community ids).
with
elections_in_scope as (
    select e.election_id, e.community_id, e.date, e.eligible_voters, e.votes_cast
    from elections as e
    where
        list_contains($communities, e.community_id)
        and date_trunc('quarter', e.date) between $period_from and $period_to
)

select
    es.election_id,
    es.community_id,
    es.date,
    es.eligible_voters,
    es.votes_cast,
    round(pct(es.votes_cast, es.eligible_voters), 1) as turnout_pct
from elections_in_scope as es
order by es.date desc, es.election_id desc
