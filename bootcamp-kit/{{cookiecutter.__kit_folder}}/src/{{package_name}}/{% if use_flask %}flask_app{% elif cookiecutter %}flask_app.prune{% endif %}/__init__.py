"""The Flask host: the core served over WSGI, one thread per request.

Start with ``app.py`` (the application factory), then read the module that does each job:

- ``lifecycle``: request-scoped state: the request id and one unit of work per request;
- ``request_body``: reading a JSON object body, with the same rules as the FastAPI host;
- ``auth``: the ``@require_token`` decorator for writes;
- ``errors``: every exception becomes the core's JSON error envelope;
- ``routes``: the blueprints (health, users, orders), thin views over ``core.services``.

Run it with ``flask --app <package>.flask_app.app:create_app run`` while developing and
``waitress-serve --call <package>.flask_app.app:create_app`` in production.
"""

from .app import create_app

__all__ = ["create_app"]
