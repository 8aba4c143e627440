"""会议 — joint meetings (社区管理联席会议): each recorded with what it saw, and what changed since.

Plain Python, no Streamlit. The API, for the 会议 page, presentation mode and the overview::

    from governance.meetings import digest, snapshot, store

    snap = snapshot.take(run, filters, scope)              # -> dict (JSON-able)
    m = store.record(actor, scope, day, title, filters, notes, snap)   # -> store.Meeting
    store.list_for(scope)                   # -> list[Meeting], latest meeting first
    store.latest(scope, before=None)        # -> Meeting | None: the one to open with
    store.get(meeting_id, scope)            # -> Meeting | None (None: missing or not visible)
    store.update_notes(actor, scope, meeting_id, notes)    # -> Meeting
    store.delete(actor, scope, meeting_id)                 # -> None
    now = snapshot.take(run, digest.filters_for(m, filters), scope)
    d = digest.build(m, now, lang)          # -> digest.Digest(meeting, state, rows, drivers,
                                            #    sentences, then_quarter, now_quarter, flips)

- ``run``: a query runner (``ui.data.run`` in the app, ``briefing.content.db_runner(con,
  db.WHOLE_TOWN)`` on the command line); ``filters``: ``governance.filters.Filters`` (the
  snapshot is of its last quarter, ``period_to``); ``scope``: the user's communities
  (``db.WHOLE_TOWN``, None: the town; never a default); ``actor``: the user name for the
  audit log (``cli:<os user>`` on the command line).
- ``store`` checks scope, not role: the UI calls ``ui.auth.authorize_write`` first. A meeting
  covering communities outside the actor's scope is neither recorded nor changed; a scoped
  user lists only meetings recorded under a scope within theirs. Refusals and bad values raise
  ``store.MeetingError`` (``str()`` Chinese, ``.text(lang)`` either language). Writes are on
  the audit log (meeting_record / meeting_update / meeting_delete).
- ``Meeting``: id, date, title (None: the default, ``title_text(lang)``), filters, scope,
  recorded_by, recorded_at, notes (≤ 2000 characters), snapshot (the stored dict), quarter.
- ``Digest.state``: ``none`` (no earlier meeting: one sentence says so), ``unmoved`` (the
  meeting saw the data's last quarter or a later one: the data has not moved since), or
  ``compared`` (rows for the seven outcomes and the four headline indicators, drivers per
  indicator — every community's exact additive contribution, 样本少 marked — and 3–4
  sentences to read aloud).
"""
