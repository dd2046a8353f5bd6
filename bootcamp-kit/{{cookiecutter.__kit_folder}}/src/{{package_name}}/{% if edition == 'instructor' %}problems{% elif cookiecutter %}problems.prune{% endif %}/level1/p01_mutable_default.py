"""P01 · Detect mutable default argument bug (Level 1, modules 0.1 and 0.3).

Task
----
The three helpers below look right and pass a quick manual test, yet in a running API they
leak data from one request into the next. Run the demo and watch it happen::

    uv run python -m <package>.problems.level1.p01_mutable_default

Find the bug and fix all three functions so that:

- a call that does not pass the container starts from a fresh, empty one, every time: nothing
  from an earlier call is ever visible in a later one;
- a call that does pass a container (even an empty one) adds to *that very object* and returns
  it: callers use this to collect into their own list or dict;
- the signatures stay callable the same way (the container argument stays optional).

``handle_signup`` and ``build_login_response`` play the role of Flask or FastAPI views; they
are correct and need no change: once the helpers are fixed, every request is isolated.

Concept
-------
A default value is evaluated once, when ``def`` runs (at import time), and stored on the
function object (``add_item.__defaults__``). Every call that omits the argument receives that
same object. With an immutable default (``None``, a number, a string, a tuple) nobody can
notice; with a list or dict, each call mutates the one shared object. In a web server the
function lives as long as the worker process, so the "default" list becomes a global that
collects every user of every request: a data leak, a memory leak and, with threads, a race
condition. The idiomatic fix is a sentinel default that means "not given" and a fresh object
created inside the call. Linters know this trap: ruff's rule B006 (pylint's W0102) reports
it; the starting code silences it with ``# noqa: B006`` comments, which go away with the bug.

Why this solution
-----------------
``None`` is immutable, so sharing it is harmless, and it means "not given" unambiguously. The
test is ``is None`` and not truthiness: ``items = items or []`` would also replace a list the
caller passed in when it happens to be empty, and the caller would never see the item. Copying
the caller's list (``list(items)``) stops the leak too, but breaks the other half of the
contract: the caller's own list or dict must receive the item. A module-level "default" list
would be the same shared object under another name.
"""

from typing import Any

User = dict[str, Any]
"""A user as the API receives it, e.g. ``{"id": 1, "name": "Raj", "email": "raj@gmail.com"}``."""


def add_item(item: str, items: list[str] | None = None) -> list[str]:
    """Append ``item`` to ``items`` (a new list when none is given) and return the list."""
    if items is None:
        items = []  # created by this call, so no other call can see it
    items.append(item)
    return items


def register_user(user: User, registry: list[User] | None = None) -> list[User]:
    """Add ``user`` to ``registry`` (a new registry when none is given) and return it."""
    if registry is None:
        registry = []
    registry.append(user)
    return registry


def add_header(name: str, value: str, headers: dict[str, str] | None = None) -> dict[str, str]:
    """Set header ``name`` in ``headers`` (a new dict when none is given) and return it."""
    if headers is None:
        headers = {}
    headers[name] = value
    return headers


def handle_signup(payload: User) -> dict[str, Any]:
    """A signup "view": registers the user of this request and echoes who was registered."""
    registered = register_user(payload)
    return {"status": 201, "registered": [user["name"] for user in registered]}


def build_login_response(user: User, session_id: str) -> dict[str, Any]:
    """A login "view": the response carries this user's session cookie and nobody else's."""
    headers = add_header("Set-Cookie", f"session={session_id}; HttpOnly")
    return {"status": 200, "user": user["name"], "headers": headers}


if __name__ == "__main__":
    print(handle_signup({"id": 1, "name": "Raj", "email": "raj@gmail.com"}))
    print(handle_signup({"id": 2, "name": "Amit", "email": None}))
    print("expected the second request to register only Amit")
    print(add_item("apple"), add_item("pear"), "expected ['apple'] ['pear']")
