# Wrong answer for P01: copying the argument stops the leak but the caller's own list or dict no longer receives the item.
"""P01 wrong answer: copies the container, so the caller's own list or dict never changes."""

from typing import Any

User = dict[str, Any]


def add_item(item: str, items: list[str] | None = None) -> list[str]:
    """Append ``item`` to ``items`` (a new list when none is given) and return the list."""
    items = [] if items is None else items[:]
    items.append(item)
    return items


def register_user(user: User, registry: list[User] | None = None) -> list[User]:
    """Add ``user`` to ``registry`` (a new registry when none is given) and return it."""
    registry = [] if registry is None else list(registry)
    registry.append(user)
    return registry


def add_header(name: str, value: str, headers: dict[str, str] | None = None) -> dict[str, str]:
    """Set header ``name`` in ``headers`` (a new dict when none is given) and return it."""
    headers = {} if headers is None else dict(headers)
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
