-- base_quarters
-- Purpose: the quarters of the data (数据覆盖的季度): every quarter with an outcomes row for
--          any community. The quarters the pages' series and the indicator parts run over.
-- Grain: one row per quarter (first day of the quarter).
-- Parameters: none (a view, registered once in the catalog by governance/db.py).
select distinct o.quarter
from outcomes as o
