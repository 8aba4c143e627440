-- culture_honours_timeline
-- Purpose: the honours the town received for its community education (全国农村成人教育先进集体,
--          上海市推进学习型社会建设先进单位, 上海市社区教育示范镇), in date order, for the
--          timeline. Honours belong to the whole town: not filtered by community or period (the
--          page marks the selected period on the timeline).
-- Grain: one row per honour.
-- Parameters: none.
with
received as (
    select ho.honour_id, ho.date, ho.name_zh, ho.name_en, ho.level
    from honours as ho
)

select
    re.honour_id,
    re.date,
    re.level,
    re.name_zh as honour_zh,
    re.name_en as honour_en
from received as re
order by re.date, re.honour_id
