-- base_fee_bills
-- Purpose: every property-fee bill with the collection rule written once: a household has
--          paid (收缴) when it paid its bill in full (paid_yuan >= billed_yuan); the collection
--          rate is households paid in full / households billed.
-- Grain: one row per household and quarter.
-- Parameters: none (a view, registered once in the catalog by governance/db.py).
select
    pf.household_id,
    pf.community_id,
    pf.quarter,
    pf.billed_yuan,
    pf.paid_yuan,
    pf.paid_yuan >= pf.billed_yuan as paid_in_full
from property_fees as pf
