-- base_rules
-- Purpose: the constants of the business rules, named once. handling_days: the handling time
--          (办理时限) of a joint-meeting issue or a grid-management case — one unresolved for
--          fewer days than this at the data date is in hand (办理中), one unresolved this many
--          days or more is open (未解决/未结案) and, by default, due for follow-up (督办).
--          Read by base_meeting_issues and base_grid_cases, and by Python through
--          governance.db.handling_days() (the briefing's default 督办 threshold).
-- Grain: one row.
-- Parameters: none (a view, registered once in the catalog by governance/db.py).
select 30 as handling_days
