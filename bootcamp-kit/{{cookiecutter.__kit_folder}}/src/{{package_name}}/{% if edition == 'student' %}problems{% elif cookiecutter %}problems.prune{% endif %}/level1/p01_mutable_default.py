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

Run the tests with ``uv run pytest --problem 1`` and ask for a hint with
``uv run <package> hint 1``. Each place to work on is marked by a ``# TODO`` comment
tagged ``P01``: delete each marker as you finish that part. While any is left, the
problem's tests are reported as TODO.
"""

from typing import Any

User = dict[str, Any]
"""A user as the API receives it, e.g. ``{"id": 1, "name": "Raj", "email": "raj@gmail.com"}``."""


# TODO(P01): every call that omits `items` appends to the same list.
def add_item(item: str, items: list[str] = []) -> list[str]:  # noqa: B006
    """Append ``item`` to ``items`` (a new list when none is given) and return the list."""
    items.append(item)
    return items


# TODO(P01): users registered by one request show up in the next one.
def register_user(user: User, registry: list[User] = []) -> list[User]:  # noqa: B006
    """Add ``user`` to ``registry`` (a new registry when none is given) and return it."""
    registry.append(user)
    return registry


# TODO(P01): a header set for one response is sent with every later response.
def add_header(
    name: str,
    value: str,
    headers: dict[str, str] = {},  # noqa: B006
) -> dict[str, str]:
    """Set header ``name`` in ``headers`` (a new dict when none is given) and return it."""
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
