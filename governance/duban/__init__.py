"""督办 — follow-up items: from a red light to an owner, a deadline, feedback and closure.

Plain Python, no Streamlit. The API, for the 督办 page, the marks on the ranking and the
tiles, presentation mode, the briefing files and the command line::

    from governance.duban import rules, store

    day = rules.today(date.today(), data_as_of)   # -> rules.Today(day, from_data)
    item = store.create(actor, scope, title=..., deadline=..., unit_kind=..., unit=...,
                        day=day.day, subject="indicator", community="C01",
                        indicator="fee_collection_rate", meeting=3)   # -> store.Item
    store.add_feedback(actor, scope, item.id, text, day.day)             # -> Item
    store.change_status(actor, scope, item.id, "closed", day.day, evaluation="satisfied")
    store.list_for(scope)          # -> list[Item], earliest deadline first
    store.get(item_id, scope)      # -> Item | None (None: missing or not visible)
    rules.reading(parts, targets, indicator_id, community_id)   # -> rules.Reading
        # .recovered (on target in the data's last two quarters), .red_at(deadline)

- ``scope``: the user's communities (None: the town). A scoped user sees and writes only
  items of their communities; an item with no community is the town's.
- ``store`` checks scope, not role: the UI calls ``ui.auth.authorize_write`` first (editors
  and admins write, viewers read). Refusals and bad values raise ``store.DubanError``
  (``str()`` Chinese, ``.text(lang)`` either language); writes are on the audit log
  (duban_create / duban_feedback / duban_status).
"""
