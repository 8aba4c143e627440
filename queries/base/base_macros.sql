-- base_macros
-- Purpose: two rules written once. pct(num, den) is num of den in per cent — the registry's
--          factor for a "pct" unit (governance/indicators.FACTOR, held equal by
--          tests/test_base_views.py) — and NULL where den is 0 or missing (no share of nothing:
--          DuckDB would say inf or NaN). Every query's percentage is pct().
--          handling_status(started, done, as_of, handling_days, done_word) is the status of a
--          case or an issue at the data date: done_word once it is done, 'in_hand' while
--          fewer than handling_days days have passed since it started (exactly that many is
--          'open'), else 'open'. The grid cases and the meeting issues take it
--          (base_grid_cases, base_meeting_issues).
-- Grain: not a view: the macros every query may call, created in the catalog before the
--        base views (governance/db.py, BASE_MACROS).
-- Parameters: none.
create or replace macro pct(num, den) as 100.0 * num / nullif(den, 0);

create or replace macro handling_status(started, done, as_of, handling_days, done_word) as
    case
        when done is not null then done_word
        when date_diff('day', started, as_of) < handling_days then 'in_hand'
        else 'open'
    end;
