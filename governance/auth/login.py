"""One login attempt against the users file, with lockout and the audit record."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from governance.auth import audit, users
from governance.auth.lockout import MAX_FAILURES, Lockout, Status


@dataclass(frozen=True)
class Result:
    user: users.User | None
    status: Status  # the name's failures and lock after this attempt

    @property
    def ok(self) -> bool:
        return self.user is not None

    @property
    def attempts_left(self) -> int:
        return max(0, MAX_FAILURES - self.status.failures)


def attempt(
    name: str, password: str, lockout: Lockout | None = None, path: Path | None = None
) -> Result:
    """Check ``name``/``password``. A locked name is refused before the password is looked at;
    every attempt is counted as a failure before its password is checked and cleared by a
    success (unknown names too, so a reply never tells who exists)."""
    lockout = lockout or Lockout()
    name = (name or "").strip()[:128]
    status, reserved = lockout.reserve(name)
    if reserved is None:
        audit.record(name, "login_locked", {"wait_s": status.wait_s}, clock=lockout.clock)
        return Result(None, status)
    user = users.authenticate(name, password or "", path)
    if user is None:
        audit.record(name, "login_failed", {"failures": status.failures}, clock=lockout.clock)
        return Result(None, status)
    lockout.clear(name)
    audit.record(user.name, "login", {"role": user.role}, clock=lockout.clock)
    return Result(user, Status(False, 0))
