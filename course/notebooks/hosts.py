# %% [markdown] only=flask
# # Notebook 0B · The same core, hosted by Flask
#
# Flask is a **WSGI** host: a server such as gunicorn gives each request one thread, from
# the first hook to the last, and reuses that thread for the next request. Notebook 0C runs
# the very same scenarios on FastAPI, section by section, with the same headings: read them
# side by side.

# %% [markdown] only=fastapi
# # Notebook 0C · The same core, hosted by FastAPI
#
# FastAPI is an **ASGI** host: a server such as uvicorn runs one event loop, and every request
# is a task on it that gives the loop back at each `await`; sync code goes to a thread pool.
# Notebook 0B runs the very same scenarios on Flask, section by section, with the same
# headings: read them side by side.

# %% [markdown]
# Every scenario sends real HTTP requests through the kit's app, with a test client: no server,
# no port, every request through the whole stack. The logic is the core's (notebook 0A); only
# the execution model changes. Run the cells from top to bottom.
#
# ## Setup: the kit's app, a client, and requests at once
#
# The live test data of Part B in the in-memory backend, and settings with a known token.

# %%
import asyncio
import contextlib
import gc
import threading
import time
import tracemalloc
from collections.abc import Iterator
from typing import Any

import httpx
from _kit import load, solution

errors = load("core.errors")
context = load("core.context")
db = load("core.db")
seed = load("core.seed")
Settings = load("core.settings").Settings

database = db.InMemoryDatabase()
with db.session_scope(database) as session:
    seed.load_seed(session, users=seed.USERS, orders=seed.ORDERS)
TOKEN = "notebook-token"
AUTH = {"X-Token": TOKEN}
BASE_URL = "http://testserver"
settings = Settings(api_token=TOKEN)
stack = contextlib.ExitStack()  # every client made below; closed in the last section


def http_request(
    method: str, path: str, *, json: Any = None, request_id: str | None = None
) -> httpx.Request:
    """A request with the token (and an ``X-Request-ID`` when given), to send later."""
    headers = AUTH | ({"X-Request-ID": request_id} if request_id else {})
    return httpx.Request(method, BASE_URL + path, json=json, headers=headers)


# %% [markdown] only=flask
# `new_app` is the kit's factory, `create_app(settings, database)`. The client calls the WSGI
# app directly (`httpx.WSGITransport`), in the calling thread. `concurrently` sends requests
# at once the way gunicorn's threads serve them: **one thread per request**.

# %% only=flask
from flask import Flask, request

create_app = load("flask_app.app").create_app


def new_app(database: Any) -> Flask:
    return create_app(settings, database)


def client_of(app: Flask, headers: dict[str, str] = AUTH) -> httpx.Client:
    transport = httpx.WSGITransport(app=app)
    client = httpx.Client(transport=transport, base_url=BASE_URL, headers=headers)
    return stack.enter_context(client)


async def concurrently(app: Flask, requests: list[httpx.Request]) -> list[httpx.Response]:
    """Send every request at once, each from its own thread, as a threaded server would."""

    def send(one: httpx.Request) -> httpx.Response:
        with httpx.Client(transport=httpx.WSGITransport(app=app)) as client:
            return client.send(one)

    return list(await asyncio.gather(*(asyncio.to_thread(send, one) for one in requests)))


# %% [markdown] only=fastapi
# `new_app` is the kit's factory, `create_app(settings, database)`. The client is Starlette's
# `TestClient`, which also runs the app's **lifespan** (startup and shutdown). `concurrently`
# sends requests at once the way uvicorn serves them: **one task per request, on one event
# loop** (this notebook's own loop: a cell can `await`).

# %% only=fastapi
import inspect
import warnings

from fastapi import FastAPI

create_app = load("fastapi_app.main").create_app
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=r"Using `httpx` with `starlette\.testclient`")
    from fastapi.testclient import TestClient


def new_app(database: Any) -> FastAPI:
    return create_app(settings, database)


def client_of(app: FastAPI, headers: dict[str, str] = AUTH) -> httpx.Client:
    return stack.enter_context(TestClient(app, base_url=BASE_URL, headers=headers))


async def concurrently(app: FastAPI, requests: list[httpx.Request]) -> list[httpx.Response]:
    """Send every request at once, each as a task on this event loop, as uvicorn would."""
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport) as client:
        return list(await asyncio.gather(*(client.send(one) for one in requests)))


# %%
client = client_of(new_app(database))
print(client.get("/health").json(), client.get("/users").json()["items"])

# %% [markdown]
# ## 0.1 and 0.3 · Shared state: a global counter against a unit of work
#
# The broken `/counter` of module 0.3: a global, read and then written by every request. Four
# requests arrive at once; a barrier makes all four read before any writes, which is what
# happens now and then under load, here every time.

# %% only=flask
visits = {"count": 0}
all_have_read = threading.Barrier(4)
counter_app = new_app(database)


@counter_app.get("/counter")
def counter() -> dict[str, int]:
    seen = visits["count"]
    all_have_read.wait(timeout=5)  # the four requests' threads have all read
    visits["count"] = seen + 1
    return {"count": visits["count"]}


# %% only=fastapi
visits = {"count": 0}
all_have_read = asyncio.Barrier(4)
counter_app = new_app(database)


@counter_app.get("/counter")
async def counter() -> dict[str, int]:
    seen = visits["count"]
    async with asyncio.timeout(5):
        await all_have_read.wait()  # the four requests' tasks have all read
    visits["count"] = seen + 1
    return {"count": visits["count"]}


# %%
answers = await concurrently(counter_app, [http_request("GET", "/counter") for _ in range(4)])
print("4 requests, counted:", visits["count"], [answer.json() for answer in answers])

# %% [markdown] only=flask
# Threads can switch between any two bytecodes, so a read and a write of shared state can
# always be split. A lock would fix this counter (the last resort: it serialises requests).

# %% [markdown] only=fastapi
# `async` did not help: tasks switch only at an `await`, but one `await` between the read and
# the write is enough. An `asyncio.Lock` would fix this counter (the last resort).

# %% [markdown]
# The kit keeps no state in globals: each request works in its own **unit of work** on the
# database, which serialises the writes. Four users created at once get four distinct ids:

# %%
new_users = [http_request("POST", "/users", json={"name": f"Student {n}"}) for n in range(4)]
created = await concurrently(new_app(database), new_users)
print([answer.status_code for answer in created], sorted(a.json()["id"] for a in created))

# %% [markdown]
# Now solve P13 (race condition) and P14 (thread-safe counter): `uv run pytest --problem 13`,
# `uv run pytest --problem 14`.
#
# ## 0.2 · Memory: the route that leaks
#
# The leaking `/leak` of module 0.2: every request appends to a global list. The process
# lives for days, so the list does too.

# %% only=flask
leak: list[list[int]] = []
leak_app = new_app(database)


@leak_app.get("/leak")
def leak_memory() -> dict[str, int]:
    leak.append([1] * 10_000)
    return {"requests_kept": len(leak)}


# %% only=fastapi
leak: list[list[int]] = []
leak_app = new_app(database)


@leak_app.get("/leak")
async def leak_memory() -> dict[str, int]:
    leak.append([1] * 10_000)
    return {"requests_kept": len(leak)}


# %%
leak_client = client_of(leak_app)
leak_client.get("/leak")  # the first request builds the app's caches: not a leak
gc.collect()
tracemalloc.start()
for _ in range(20):
    leak_client.get("/leak")
gc.collect()
held, _peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(f"20 requests later: {held / 1024:.0f} KiB more, after a full collection")
leak.clear()

# %% [markdown]
# The framework is irrelevant: the leak is Python's, and both hosts keep it. Now solve P15
# (memory leak detection): `uv run pytest --problem 15`.
#
# ## 0.4 · Decorators and dependencies: where the token check lives

# %% [markdown] only=flask
# Every view but `/health` is wrapped by the kit's `@require_token` decorator
# (`flask_app/auth.py`). `functools.wraps` keeps the view's name, which Flask uses as the
# endpoint's name, and `__wrapped__` leads back to the view itself.

# %% only=flask
routes = load("flask_app.routes")
print(routes.list_users.__name__, "wraps", routes.list_users.__wrapped__)

# %% [markdown] only=fastapi
# The check is a **dependency** of the users and orders routers
# (`dependencies=[Depends(require_token)]`): FastAPI calls it before every route of the
# router, and `/docs` knows about the header. No decorator wraps the routes.

# %% only=fastapi
routes = load("fastapi_app.routes")
print([dependency.dependency.__name__ for dependency in routes.users_router.dependencies])

# %% [markdown]
# The same requests get the same answers from both hosts:

# %%
anonymous = client_of(new_app(database), headers={})
print(anonymous.get("/users").status_code, anonymous.get("/users").json()["error"]["code"])
print(client.get("/users", params={"limit": 2}).json())

# %% [markdown]
# Now solve P07 (timing decorator): `uv run pytest --problem 7`.
#
# ## 0.5 · Streaming: the export, line by line

# %% [markdown] only=flask
# `GET /orders/export` returns a generator (wrapped in `stream_with_context`): the request's
# thread produces each chunk while the client reads, and stays busy until the last one.

# %% [markdown] only=fastapi
# `GET /orders/export` returns a `StreamingResponse` over the core's sync generator: Starlette
# pulls each chunk from it in the thread pool, so the loop serves other requests meanwhile.

# %%
with client.stream("GET", "/orders/export") as response:
    print(response.headers["content-type"])
    for line in response.iter_lines():
        print(line)

# %% [markdown]
# Both hosts stream `services.stream_order_rows(database)`: one short read-only session per
# batch, so no connection is held while a slow client reads. Now solve P08 (lazy loader):
# `uv run pytest --problem 8`.
#
# ## 0.6 · Errors: the same request, the same envelope
#
# A core error becomes the core's envelope, whichever host sends it: the response is exactly
# what `error_envelope` builds (notebook 0A), request id included.

# %%
missing = client.get("/users/999")
expected = errors.error_envelope(errors.user_not_found(999), missing.headers["X-Request-ID"])
print(missing.status_code, "the core's envelope:", missing.json() == expected)
invalid = client.post("/users", json={"name": "", "email": "nope"})
print(invalid.status_code, [detail["field"] for detail in invalid.json()["error"]["details"]])
not_json = client.post("/users", content=b"{not json", headers={"Content-Type": "application/json"})
print(not_json.status_code, not_json.json()["error"]["code"])

# %% [markdown]
# The `/divide?a=10&b=0` of module 0.6: an exception no one planned for. The client gets the
# generic 500 envelope and a request id to quote; the traceback goes to the log (printed
# below the cell).

# %% only=flask
divide_app = new_app(database)


@divide_app.get("/divide")
def divide() -> dict[str, float]:
    return {"result": int(request.args["a"]) / int(request.args["b"])}


# %% only=fastapi
divide_app = new_app(database)


@divide_app.get("/divide")
async def divide(a: int, b: int) -> dict[str, float]:
    return {"result": a / b}


# %%
divided = client_of(divide_app).get("/divide", params={"a": 10, "b": 0})
print(divided.status_code, divided.json()["error"])
print("the exception's text reached the client:", "division" in divided.text)

# %% [markdown] only=flask
# **Your P16** builds this mapping yourself, with Flask error handlers. Once solved, this cell
# runs it on a bare Flask app. Now solve P16: `uv run pytest --problem 16`.

# %% only=flask
p16 = solution(16)
if p16 is not None:
    bare = Flask("p16")
    p16.register_error_handlers(bare)

    @bare.get("/missing")
    def raise_missing() -> None:
        raise errors.user_not_found(999)

    answer = client_of(bare).get("/missing")
    print(answer.status_code, answer.json())

# %% [markdown] only=fastapi
# **Your P17** builds this mapping yourself, as an ASGI middleware. Once solved, this cell
# runs it on a bare FastAPI app. Now solve P17: `uv run pytest --problem 17`.

# %% only=fastapi
p17 = solution(17)
if p17 is not None:
    bare = FastAPI()
    bare.add_middleware(p17.ErrorEnvelopeMiddleware)

    @bare.get("/missing")
    async def raise_missing() -> None:
        raise errors.user_not_found(999)

    answer = client_of(bare).get("/missing")
    print(answer.status_code, answer.json())

# %% [markdown]
# Also solve P02 (exception hierarchy) and P18 (shared validation), the core side of these
# answers: `uv run pytest --problem 2`, `uv run pytest --problem 18`.
#
# ## 0.7 · Concurrency: blocking calls and each request's own context
#
# Each route below counts the requests inside it at once, and answers with the core's
# current request id (`context.current_request_id()`).

# %%
class InFlight:
    """How many requests are inside a block right now, and the most there ever were."""

    def __init__(self) -> None:
        self.now, self.most = 0, 0
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def inside(self) -> Iterator[None]:
        with self._lock:
            self.now += 1
            self.most = max(self.most, self.now)
        try:
            yield
        finally:
            with self._lock:
                self.now -= 1


# %% [markdown] only=flask
# A blocking call (`time.sleep`, a query, an HTTP call) holds **its own thread** only: the
# four requests wait side by side. The limit is the number of threads (`--threads 4`), and
# CPU-heavy work still takes turns on the GIL.

# %% only=flask
slow_app = new_app(database)
sleeping = InFlight()


@slow_app.get("/slow")
def slow() -> dict[str, str | None]:
    with sleeping.inside():
        time.sleep(0.02)  # blocks this request's thread, and nothing else
    return {"request_id": context.current_request_id()}


ids = [f"request-{n}" for n in range(4)]
answers = await concurrently(slow_app, [http_request("GET", "/slow", request_id=i) for i in ids])
print("in flight at once:", sleeping.most, "of 4")

# %% [markdown] only=fastapi
# The trap of module 0.7: a blocking call inside `async def` holds **the event loop**, and
# with it every other request. Three versions of the same route: blocking in `async def`,
# awaiting, and a plain `def`, which FastAPI runs in its thread pool.

# %% only=fastapi
slow_app = new_app(database)
by_route = {"blocking": InFlight(), "awaiting": InFlight(), "threaded": InFlight()}


@slow_app.get("/blocking")
async def blocking() -> dict[str, str | None]:
    with by_route["blocking"].inside():
        time.sleep(0.02)  # noqa: ASYNC251 (the trap itself: the whole loop waits)
    return {"request_id": context.current_request_id()}


@slow_app.get("/awaiting")
async def awaiting() -> dict[str, str | None]:
    with by_route["awaiting"].inside():
        await asyncio.sleep(0.02)  # the loop serves the other requests meanwhile
    return {"request_id": context.current_request_id()}


@slow_app.get("/threaded")
def threaded() -> dict[str, str | None]:
    with by_route["threaded"].inside():
        time.sleep(0.02)  # blocks a pool thread, not the loop
    return {"request_id": context.current_request_id()}


ids = [f"request-{n}" for n in range(4)]
for route, in_flight in by_route.items():
    sent = [http_request("GET", f"/{route}", request_id=i) for i in ids]
    answers = await concurrently(slow_app, sent)
    print(f"/{route}: in flight at once: {in_flight.most} of 4")

# %% [markdown]
# However they were scheduled, each request saw only its own request id: the core keeps it in
# a `ContextVar`, one value per thread and per task (notebook 0A, 0.7).

# %%
print([answer.json()["request_id"] for answer in answers] == ids)

# %% [markdown] only=flask
# Flask has no event loop to block: the kit's views call the core directly.

# %% [markdown] only=fastapi
# That is why every kit route that touches SQLite hands its whole unit of work to the thread
# pool in one trip:

# %% only=fastapi
print(inspect.getsource(load("fastapi_app.units").run_unit_of_work))

# %% [markdown]
# Now solve P09 (async-safe), P11 (blocking code in async), P12 (retry with backoff) and P19
# (sync to async): `uv run pytest --problem 9`, `--problem 11`, `--problem 12`, `--problem 19`.
#
# ## 0.8 · Lifecycles: where the unit of work opens and closes
#
# A database that logs what happens to each session, around the real one:

# %%
class LoggedSession:
    """The real session, logging its enter, commit, rollback and close."""

    def __init__(self, inner: Any, events: list[str]) -> None:
        self._inner, self._events = inner, events

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)  # users, orders, read_only, closed, savepoint

    def __enter__(self) -> "LoggedSession":
        self._inner.__enter__()
        self._events.append("open read-only" if self._inner.read_only else "open")
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *details: Any) -> None:
        self._events.append("rollback" if exc_type else "commit")
        self._inner.__exit__(exc_type, *details)
        self._events.append("close")

    def commit(self) -> None:
        self._events.append("commit")
        self._inner.commit()

    def rollback(self) -> None:
        self._events.append("rollback")
        self._inner.rollback()

    def close(self) -> None:
        self._events.append("close")
        self._inner.close()


class LoggedDatabase:
    """The real database; every session it opens logs into ``events``."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.events = inner, []

    def create_schema(self) -> None:
        self.events.append("schema created")
        self.inner.create_schema()

    def session(self, *, read_only: bool = False) -> LoggedSession:
        return LoggedSession(self.inner.session(read_only=read_only), self.events)

    def close(self) -> None:
        self.events.append("database closed")
        self.inner.close()


logged = LoggedDatabase(database)
life_app = new_app(logged)
life_client = client_of(life_app)
for method, path, body in [
    ("POST", "/users", {"name": "Noor"}),
    ("POST", "/orders", {"user_id": 999, "amount": 10}),
    ("GET", "/users/1", None),
]:
    logged.events.clear()
    answer = life_client.request(method, path, json=body)
    print(f"{method} {path} -> {answer.status_code}: {', '.join(logged.events)}")

# %% [markdown] only=flask
# The same unit of work, spread over Flask's request hooks (`flask_app/lifecycle.py`):
# `before_request` makes the request context current, the view's first `get_session()` opens
# the session and keeps it in `g`, `after_request` commits or rolls back by status *before*
# the response leaves, and `teardown_request` always closes it and resets the context, even
# when an exception escaped everything else. WSGI has no startup or shutdown event: the
# factory is the startup, and the database is closed when the app is garbage-collected.

# %% only=flask
print("teardown:", [hook.__name__ for hook in life_app.teardown_request_funcs[None]])
logged.events.clear()
short_lived_app = new_app(logged)
with httpx.Client(transport=httpx.WSGITransport(app=short_lived_app), base_url=BASE_URL) as short:
    print("during:", short.get("/health").status_code, logged.events)
del short_lived_app, short
gc.collect()
print("after the app is collected:", logged.events)

# %% [markdown] only=fastapi
# The textbook `get_db()` dependency with `yield` would close the session *after* the response
# was sent, so a failed commit would follow a `201`; `fastapi_app/dependencies.py` explains
# why the kit uses `run_unit_of_work` instead (0.7): open, work, commit and close in one trip
# to the thread pool, before the answer. The **lifespan** is the app's own unit of work: the
# schema at startup, the database closed at shutdown, when the client (like uvicorn) stops.

# %% only=fastapi
logged.events.clear()
with TestClient(life_app, base_url=BASE_URL, headers=AUTH) as short_lived:
    print("during:", short_lived.get("/health").status_code, logged.events)
print("after shutdown:", logged.events)

# %% [markdown]
# Now solve P04 (context manager), P06 (request scope) and P20 (service layer):
# `uv run pytest --problem 4`, `--problem 6`, `--problem 20`. Every client made above closes
# here:

# %%
stack.close()

# %% [markdown]
# ## Exercises: the homework of Module 0, in this host
#
# Add the routes to an app made with `new_app(database)` (as in the cells above), then send
# requests with `client_of(app)` or `concurrently(app, [...])`. Do each one in both
# notebooks, 0B and 0C, and compare.
#
# 1. **0.2** A route that leaks memory: measure it with `tracemalloc` and `gc.get_stats()`,
#    fix it, measure again.
# 2. **0.3** A `/counter` over a shared list: break it with concurrent requests, fix it with
#    request-scoped state (a unit of work), and explain why `async` did not help.
# 3. **0.4** An auth decorator in Flask, broken by forgetting `functools.wraps`, then fixed;
#    the same check as a FastAPI dependency.
# 4. **0.5** A route that streams 1,000,000 numbers, and one that returns them as a list:
#    compare the peak memory and the time to the first byte.
# 5. **0.6** `/divide?a=10&b=0` answering **400** with a safe message, the error logged
#    internally: raise a core error from the division, in both hosts.
# 6. **0.7** A CPU-heavy route: run it in both hosts with concurrent requests, measure the
#    latency of a `/health` sent meanwhile, and explain why FastAPI's was worse.
# 7. **0.8** An `/items` route that opens a database, queries it, raises now and then, and
#    never leaks a connection: Flask with `g` and `teardown_request`, FastAPI with a
#    dependency that `yield`s. Count the open connections to prove it.
