-- base_macros
-- Purpose: the scaling of a share to a percentage, written once: pct(num, den) is num of den
--          in per cent — the registry's factor for a "pct" unit (governance/indicators.FACTOR,
--          held equal by tests/test_base_views.py) — and NULL where den is 0 or missing (no
--          share of nothing: DuckDB would say inf or NaN). Every query's percentage is pct().
-- Grain: not a view: the macros every query may call, created in the catalog before the
--        base views (governance/db.py, BASE_MACROS).
-- Parameters: none.
create or replace macro pct(num, den) as 100.0 * num / nullif(den, 0)
