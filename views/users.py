"""用户管理 Users: the accounts, their roles and scopes, adding, changing and disabling them, and
the audit log. Admins only (the navigation withholds it from everyone else; checked here too)."""

import streamlit as st

from governance.auth import audit, manage, passwords, roles, users
from governance.auth.guard import WriteRefused
from ui import auth, state, widgets
from ui.state import tr

if auth.enabled() and auth.role() != "admin":  # the gate keeps others out; checked here too
    st.error(tr("auth.forbidden", role=tr(f"auth.role.{auth.role()}") if auth.role() else "—"))
    st.stop()

me = auth.current_user_name()
names = state.community_names()
widgets.page_header(tr("nav.users"), tr("users.subtitle"), key_prefix="users")


def scope_words(ids: str) -> str:
    return "、".join(names.get(c, c) for c in ids.split(",")) if ids else tr("auth.scope.town")


def show_audit_log() -> None:
    st.subheader(tr("users.audit"))
    event = st.selectbox(
        tr("users.col.event"),
        [None, *audit.EVENTS],
        format_func=lambda e: tr(f"audit.{e}") if e else tr("users.audit.all"),
        key="users_audit_event",
    )
    log = audit.read(limit=AUDIT_ROWS, event=event)
    st.caption(tr("users.audit.help", n=AUDIT_ROWS))
    if log.empty:
        st.info(tr("users.audit.none"))
        return
    names = state.community_names()
    shown = log.assign(
        # in words: a lone "-" is no name, and a spreadsheet guard would write it '-
        user=log["user"].map(lambda u: audit.user_text(u, state.lang())),
        event=log["event"].map(lambda e: tr(f"audit.{e}") if e in audit.EVENTS else e),
        detail=log["detail"].map(lambda d: audit.detail_words(d, state.lang(), names)),
    ).rename(
        columns={
            "time": tr("users.col.time"),
            "user": tr("users.col.user"),
            "event": tr("users.col.event"),
            "detail": tr("users.col.detail"),
        }
    )
    widgets.show_table(shown, "users_audit_table")
    # named by the days the log covers, not the data's quarters in the filters
    days = sorted({stamp[:10] for stamp in log["time"]})  # 2026-12-07, as the 督办 ledger's
    span = days[0] if len(days) == 1 else f"{days[0]}~{days[-1]}"
    widgets.download_buttons(shown, "audit_log", "users_audit_dl", period=span, communities=[])


AUDIT_ROWS = 500
if not auth.enabled():  # the demo: nobody to manage here (the command line still can)
    st.info(tr("auth.forbidden.off"))
    show_audit_log()
    st.stop()

# ---- the users -----------------------------------------------------------------------------
st.subheader(tr("users.list"))
listing = manage.listing()
if listing.empty:
    st.info(tr("users.none"))
else:
    widgets.show_table(
        listing.assign(
            role=listing["role"].map(lambda r: tr(f"auth.role.{r}")),
            communities=listing["communities"].map(scope_words),
            disabled=listing["disabled"].map(
                lambda d: tr("users.status.disabled") if d else tr("users.status.active")
            ),
        ).rename(
            columns={
                "name": tr("users.col.name"),
                "role": tr("users.role"),
                "communities": tr("users.col.scope"),
                "email": tr("users.col.email"),
                "disabled": tr("col.light"),
                "created": tr("users.col.created"),
            }
        ),
        "users_table",
    )

# ---- add or change ---------------------------------------------------------------------------
left, right = st.columns(2)
with left, st.form("users_add", clear_on_submit=True):
    st.markdown(f"**{tr('users.add')}**")
    st.caption(tr("users.add.help"))
    name = st.text_input(tr("common.user_name"), key="users_add_name", max_chars=64)
    role = st.selectbox(
        tr("users.role"),
        roles.ROLES,
        format_func=lambda r: tr(f"auth.role.{r}"),
        key="users_add_role",
    )
    chosen = st.multiselect(
        tr("users.communities"),
        state.community_ids(),
        format_func=state.community_name,
        placeholder=tr("auth.scope.town"),
        select_all=False,  # its "Select all" is English only; empty means the whole town
        key="users_add_communities",
    )
    email = st.text_input(tr("users.email"), key="users_add_email", max_chars=254)
    password = st.text_input(
        tr("users.password"), type="password", key="users_add_password", max_chars=256
    )
    if st.form_submit_button(tr("common.save"), type="primary"):
        try:  # an admin scoped to some communities manages accounts within them only: the
            # account as it is (a town-wide one is the town's) and as it will be
            existing = users.find(name.strip())
            before = existing.scope if existing else ()
            touched = None if not chosen or before is None else (*chosen, *before)
            auth.authorize_write("user_change", "admin", touched)
            user, new, reenabled = manage.add_or_change(
                me, name.strip(), role, tuple(chosen), password or None, email
            )
        except WriteRefused as refusal:
            st.error(auth.refusal_text(refusal))
        except (users.UserError, passwords.WeakPasswordError) as err:
            st.error(str(err))
        else:
            st.success(tr("users.saved.new" if new else "users.saved.changed", name=user.name))
            if reenabled:
                st.info(tr("users.reenabled", name=user.name))

# ---- disable -------------------------------------------------------------------------------
with right, st.form("users_disable"):
    st.markdown(f"**{tr('users.disable')}**")
    # Not oneself: an admin locking themselves out would leave nobody to undo it.
    active = [
        n for n, d in zip(listing["name"], listing["disabled"], strict=True) if not d and n != me
    ]
    target = st.selectbox(tr("users.disable.pick"), active, key="users_disable_pick")
    if st.form_submit_button(tr("users.disable.submit"), disabled=not active):
        if target == me:
            st.error(tr("users.disable.self"))
        elif target:
            try:
                found = users.find(target)
                auth.authorize_write("user_disable", "admin", found.scope if found else None)
                manage.disable(me, target)
            except WriteRefused as refusal:
                st.error(auth.refusal_text(refusal))
            except users.UserError as err:
                st.error(str(err))
            else:
                st.success(tr("users.disabled", name=target))

show_audit_log()
