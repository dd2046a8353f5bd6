# Wrong answer for P01: `items = items or []` also replaces a caller's empty list, so the caller never sees the item.
"""P01 wrong answer: truthiness instead of `is None`."""

from typing import Any

User = dict[str, Any]


def add_item(item: str, items: list[str] | None = None) -> list[str]:
    """Append ``item`` to ``items`` (a new list when none is given) and return the list."""
    items = items or []
    items.append(item)
    return items


def register_user(user: User, registry: list[User] | None = None) -> list[User]:
    """Add ``user`` to ``registry`` (a new registry when none is given) and return it."""
    registry = registry or []
    registry.append(user)
    return registry


def add_header(name: str, value: str, headers: dict[str, str] | None = None) -> dict[str, str]:
    """Set header ``name`` in ``headers`` (a new dict when none is given) and return it."""
    headers = headers or {}
    headers[name] = value
    return headers


def handle_signup(payload: User) -> dict[str, Any]:
    """A signup "view"."""
    registered = register_user(payload)
    return {"status": 201, "registered": [user["name"] for user in registered]}


def build_login_response(user: User, session_id: str) -> dict[str, Any]:
    """A login "view"."""
    headers = add_header("Set-Cookie", f"session={session_id}; HttpOnly")
    return {"status": 200, "user": user["name"], "headers": headers}
