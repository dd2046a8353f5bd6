# Wrong answer for P01: a module-level list used as the default is the same shared object under another name.
"""P01 wrong answer: the default moved to module level, still one shared object."""

from typing import Any

User = dict[str, Any]

_NO_ITEMS: list[str] = []
_NO_USERS: list[User] = []
_NO_HEADERS: dict[str, str] = {}


def add_item(item: str, items: list[str] | None = None) -> list[str]:
    """Append ``item`` to ``items`` (a new list when none is given) and return the list."""
    if items is None:
        items = _NO_ITEMS
    items.append(item)
    return items


def register_user(user: User, registry: list[User] | None = None) -> list[User]:
    """Add ``user`` to ``registry`` (a new registry when none is given) and return it."""
    if registry is None:
        registry = _NO_USERS
    registry.append(user)
    return registry


def add_header(name: str, value: str, headers: dict[str, str] | None = None) -> dict[str, str]:
    """Set header ``name`` in ``headers`` (a new dict when none is given) and return it."""
    if headers is None:
        headers = _NO_HEADERS
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
