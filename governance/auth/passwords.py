"""Password hashing: argon2id through argon2-cffi (no hand-written hashing, nothing reversible)."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# argon2-cffi's defaults are RFC 9106's "low memory" profile of argon2id (64 MiB, t=3, p=4).
_HASHER = PasswordHasher()
MIN_LENGTH = 8


class WeakPasswordError(ValueError):
    """The password is too short; the message says so in Chinese."""


def hash_password(password: str) -> str:
    """An argon2id hash string (salt and parameters inside) of ``password``."""
    if len(password) < MIN_LENGTH:
        raise WeakPasswordError(f"密码太短：至少 {MIN_LENGTH} 个字符。")
    return _HASHER.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when ``password`` matches ``stored_hash``; a malformed hash is a mismatch."""
    if not stored_hash:
        return False
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@cache
def dummy_hash() -> str:
    """A hash of nothing anyone can type, verified when the user name is unknown, so that a
    wrong name takes as long as a wrong password (the reply time does not tell who exists).
    Made on first use: the demo, without login, never pays for it."""
    return _HASHER.hash("\x00 no such user \x00")
