"""Login failures and lockouts, in the shared state store (so every replica sees them).

After ``MAX_FAILURES`` failed logins for one user name within ``WINDOW_S`` the name is locked
for ``LOCK_S`` from the last of them: attempts while locked are refused without checking the
password and are not counted. A successful login clears the name's failures. Times come from
an injectable clock (seconds since the epoch), so tests move time instead of waiting.

An attempt is counted *before* its password is checked (:meth:`Lockout.reserve`, one write
transaction serialised per name): however many logins arrive at once, from however many
processes, at most ``MAX_FAILURES`` passwords are ever checked for a name in a window. Counting
after the check let twelve parallel guesses all be checked while each still read "4 failures".
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Column, Float, Integer, String, Table, delete, func, select

from governance import state

MAX_FAILURES = 5
_LOCK_NAMESPACE = 0x10C7  # the first key of this module's PostgreSQL advisory locks
WINDOW_S = 15 * 60
LOCK_S = 15 * 60

failures = Table(
    "auth_failures",
    state.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_name", String(128), nullable=False, index=True),
    Column("at", Float, nullable=False),
)


@dataclass(frozen=True)
class Status:
    locked: bool
    failures: int  # within the window
    wait_s: int = 0  # seconds until the lock ends (0 when not locked)

    @property
    def wait_minutes(self) -> int:
        return max(1, -(-self.wait_s // 60)) if self.locked else 0


class Lockout:
    """Counts failures per user name; ``clock`` returns seconds since the epoch."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock

    def _recent(self, conn, name: str, now: float) -> list[float]:
        rows = conn.execute(
            select(failures.c.at)
            .where(failures.c.user_name == name, failures.c.at > now - WINDOW_S - LOCK_S)
            .order_by(failures.c.at)
        )
        return [r.at for r in rows]

    @staticmethod
    def _status(times: list[float], now: float) -> Status:
        # Locked when MAX_FAILURES failures fall within one window and the lock that the last
        # of them started has not run out.
        for i in range(len(times) - MAX_FAILURES, -1, -1):
            last = times[i + MAX_FAILURES - 1]
            if last - times[i] <= WINDOW_S and now < last + LOCK_S:
                return Status(True, MAX_FAILURES, round(last + LOCK_S - now))
        in_window = sum(1 for t in times if t > now - WINDOW_S)
        return Status(False, in_window)

    def status(self, name: str) -> Status:
        state.ensure_schema()
        now = self.clock()
        with state.engine().begin() as conn:
            return self._status(self._recent(conn, name, now), now)

    def reserve(self, name: str) -> tuple[Status, int | None]:
        """Count this attempt as a failure before its password is checked: (the status with
        it counted, its row id); the id is None when the name is locked (then nothing is
        counted and the password must not be checked). A success calls :meth:`clear`."""
        state.ensure_schema()
        now = self.clock()
        with state.engine().begin() as conn:
            # READ COMMITTED lets two transactions read the same count: one at a time per name.
            state.lock_on_postgres(conn, _LOCK_NAMESPACE, name)
            before = self._status(self._recent(conn, name, now), now)
            if before.locked:
                return before, None
            row = conn.execute(failures.insert().values(user_name=name, at=now))
            conn.execute(delete(failures).where(failures.c.at < now - WINDOW_S - LOCK_S))
            return self._status(self._recent(conn, name, now), now), row.inserted_primary_key[0]

    def record_failure(self, name: str) -> Status:
        """Count one failed login (unless locked already); the status after it."""
        return self.reserve(name)[0]

    def clear(self, name: str) -> None:
        state.ensure_schema()
        with state.engine().begin() as conn:
            conn.execute(delete(failures).where(failures.c.user_name == name))

    def count(self, name: str) -> int:
        state.ensure_schema()
        with state.engine().begin() as conn:
            return conn.execute(
                select(func.count()).select_from(failures).where(failures.c.user_name == name)
            ).scalar_one()
