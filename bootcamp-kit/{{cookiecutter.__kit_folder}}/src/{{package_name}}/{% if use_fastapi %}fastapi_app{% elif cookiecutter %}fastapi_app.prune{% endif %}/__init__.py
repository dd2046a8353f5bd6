"""The FastAPI host: the core served over ASGI, one event loop plus a thread pool.

Start with ``main.py`` (``create_app`` and the ``app`` uvicorn serves), then read the module
that does each job:

- ``middleware``: plain ASGI middleware: request id and context, body size limit, last-resort 500;
- ``dependencies``: settings, database, the token check, paging (and why no session dependency);
- ``units``: ``run_unit_of_work``, one unit of work in the thread pool, off the event loop;
- ``errors``: every exception becomes the core's JSON error envelope;
- ``schemas``: response models, so OpenAPI describes what is really sent;
- ``routes``: the routers (health, users, orders), thin routes over ``core.services``.

Run it with ``uvicorn <package>.fastapi_app.main:app``.
"""
