"""The framework-agnostic core: everything the API does, with no web framework in sight.

Read it in this order, each module has one job:

- ``errors``: the exception tree and the JSON error envelope every host sends;
- ``models``: the frozen ``User``, ``Order`` and ``UserSummary`` values;
- ``validation``: the pydantic rules shared by every host (strict bodies, lax query strings);
- ``settings``: configuration read once from the environment;
- ``context``: request-scoped state (request id, caller) in a ``ContextVar``, not a global;
- ``auth``: the ``X-Token`` check;
- ``db``: units of work (``session_scope``) over SQLite or in-memory storage;
- ``services``: the operations themselves, as functions taking the session first;
- ``seed``: the course's live test data and its deliberately dirty rows.

Nothing here imports Flask, FastAPI or Starlette, so both hosts share it unchanged.
"""
