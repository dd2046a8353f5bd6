# %% [markdown]
# # Notebook 0A · The core, in plain Python
#
# Module 0 of the course, modules 0.1 to 0.8, run against **this kit's own core**: the code in
# `src/<package>/core/` that the Flask and FastAPI hosts call. Nothing here imports a web
# framework. Notebooks 0B (Flask) and 0C (FastAPI) then send the same scenarios through each
# host: **the same logic, a different execution model**.
#
# Run the cells from top to bottom (Run → Run All Cells). Each section ends with the problems
# it prepares: solve them in `src/<package>/problems/` and check them with
# `uv run pytest --problem N`. A cell that shows *your* solution at work says so and skips
# until that problem is solved.

# %% [markdown]
# ## Setup: the kit's modules
#
# `load("core.errors")` imports `<package>.core.errors`: `_kit.py`, next to this notebook,
# reads the package name from `pyproject.toml`, so this notebook is the same in every kit.

# %%
import asyncio
import dataclasses
import dis
import functools
import gc
import sys
import threading
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from typing import Any

from _kit import load, solution

errors = load("core.errors")
models = load("core.models")
validation = load("core.validation")
db = load("core.db")
services = load("core.services")
context = load("core.context")
seed = load("core.seed")
print("This kit's package:", errors.__name__.removesuffix(".core.errors"))

# %% [markdown]
# The live test data of Part B (Raj, Amit with a NULL email, order 102 with a NULL amount) in
# the in-memory backend: the same interface as SQLite, dictionaries behind it.

# %%
database = db.InMemoryDatabase()
with db.session_scope(database) as session:
    report = seed.load_seed(session, users=seed.USERS, orders=seed.ORDERS)
print("users:", report.users_inserted, "orders:", report.orders_inserted)

# %% [markdown]
# ## 0.1 · Execution model: bytecode, frames and references
#
# Python compiles each function to bytecode for a stack-based virtual machine. Here is the
# start of the kit's `services.get_user`, as the interpreter sees it:

# %%
names = [instruction.opname for instruction in dis.get_instructions(services.get_user)]
print(len(names), "instructions, starting with", names[:6])

# %% [markdown]
# Arguments are passed by **object reference**: the function gets the caller's object, not a
# copy. Changing that object is visible to the caller; rebinding the parameter is not.

# %%
def append_id(ids: list[int]) -> None:
    ids.append(100)  # changes the caller's list


def rebind(ids: list[int]) -> None:
    ids = [0]  # a new local name binding; the caller's list is untouched  # noqa: F841


request_ids = [1]
append_id(request_ids)
rebind(request_ids)
print(request_ids)

# %% [markdown]
# That is why the core's values are **frozen** dataclasses: a `User` read in one request can
# be handed to any thread, and nobody can change it behind the repository's back.

# %%
with db.session_scope(database, read_only=True) as session:
    raj = services.get_user(session, 1)
try:
    raj.name = "Someone else"
except dataclasses.FrozenInstanceError as error:
    print("refused:", error)
print(dataclasses.replace(raj, name="Raj K."), "is a new value;", raj, "is unchanged")

# %% [markdown]
# ## 0.2 · Memory: reference counts, cycles and the closure that leaks
#
# An object lives while something refers to it. `del` removes a name, not the object.

# %%
payload = [1, 2, 3]
alias = payload
del payload
print("still alive through alias:", alias, "references:", sys.getrefcount(alias) - 1)

# %% [markdown]
# A reference cycle keeps its count above zero forever: only the cyclic garbage collector
# frees it. `gc.collect()` returns how many unreachable objects it found.

# %%
gc.collect()
for _ in range(100):
    node: list[object] = []
    node.append(node)  # the list refers to itself
del node
print("generation counts before:", gc.get_count())
print("unreachable objects found:", gc.collect())
print("generation counts after:", gc.get_count())

# %% [markdown]
# The leak of module 0.2: each "request" registers a handler, a closure that keeps its data
# alive. The collector cannot help, because the data is still *reachable*: `handlers` refers
# to every closure, and every closure to its data. The gc statistics before and after show it.

# %%
handlers = []


def register_handler() -> None:
    data = [0] * 1000  # about 8 KB per request

    def handler() -> int:
        return len(data)

    handlers.append(handler)


def traced_kib(block: Callable[[], object]) -> float:
    """KiB still allocated after running ``block()`` and a full collection."""
    tracemalloc.start()
    try:
        block()
        gc.collect()
        current, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return current / 1024


collections_before = sum(stats["collections"] for stats in gc.get_stats())
leaked = traced_kib(lambda: [register_handler() for _ in range(200)])
collections_after = sum(stats["collections"] for stats in gc.get_stats())
print(f"200 requests later: {leaked:.0f} KiB still held by {len(handlers)} closures")
print("collections run meanwhile:", collections_after - collections_before, "(freed nothing)")
print("what handler 0 keeps alive:", handlers[0].__closure__[0].cell_contents[:3], "...")

# %% [markdown]
# The fix is not `gc.collect()` on every request: it is not keeping per-request objects in a
# long-lived container. A stateless function keeps nothing.

# %%
handlers.clear()


def handle_statelessly() -> int:
    data = [0] * 1000
    return len(data)  # data is freed when the call returns


print(f"{traced_kib(lambda: [handle_statelessly() for _ in range(200)]):.0f} KiB left")

# %% [markdown]
# **Your P15** (memory leak detection): once solved, your `leaks(fn)` should tell the two
# apart. Now solve P15: `uv run pytest --problem 15`.

# %%
p15 = solution(15)
if p15 is not None:
    print("registering handlers leaks:", p15.leaks(register_handler))
    print("the stateless handler leaks:", p15.leaks(handle_statelessly))
    handlers.clear()

# %% [markdown]
# ## 0.3 · Mutability, identity and shared state
#
# `==` compares values, `is` compares identity: two users built separately are equal, but
# they are two objects. Compare with `None` using `is`.

# %%
built_once = models.User(id=2, name="Amit", email=None)
built_again = models.User(id=2, name="Amit", email=None)
print("equal:", built_once == built_again, "| same object:", built_once is built_again)
print("Amit's email is None:", built_once.email is None)

# %% [markdown]
# The in-memory backend hands the *same* object to every reader, in every request. That is
# safe only because a `User` is frozen: a mutable one would be shared state.

# %%
with db.session_scope(database, read_only=True) as session:
    first_read, second_read = services.get_user(session, 2), services.get_user(session, 2)
print("equal:", first_read == second_read, "| same object:", first_read is second_read)

# %% [markdown]
# The mutable default argument: the list is created **once**, when `def` runs, and stored on
# the function, so every call that omits the argument shares it, across requests.

# %%
def add_item(item: str, items: list[str] = []) -> list[str]:  # noqa: B006 (the bug itself)
    items.append(item)
    return items


print(add_item("first request"), add_item("second request"))
print("stored on the function:", add_item.__defaults__)

# %% [markdown]
# **Your P01** fixes exactly this. Now solve P01: `uv run pytest --problem 1`.

# %%
p01 = solution(1)
if p01 is not None:
    print(p01.add_item("first request"), p01.add_item("second request"))

# %% [markdown]
# Shared state across requests: a global counter read and then written by several threads.
# The barrier makes every thread read before any writes, which is what happens, now and
# then, under load: the updates are lost, deterministically here.

# %%
def count_visits(threads: int, *, locked: bool) -> int:
    visits = {"count": 0}
    lock = threading.Lock()
    all_have_read = threading.Barrier(threads)

    def visit() -> None:
        if locked:
            with lock:  # read and write as one step
                visits["count"] += 1
            return
        seen = visits["count"]
        all_have_read.wait(timeout=5)  # every thread has read 0 before any writes
        visits["count"] = seen + 1

    workers = [threading.Thread(target=visit) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=5)
    return visits["count"]


print("4 visits without a lock count as", count_visits(4, locked=False))
print("4 visits with a lock count as", count_visits(4, locked=True))

# %% [markdown]
# The kit keeps no state in globals: every request works in its **own unit of work** on the
# database, and values are frozen. Now solve P03 (deep copy), P13 (race condition) and P14
# (thread-safe counter): `uv run pytest --problem 3`, `--problem 13`, `--problem 14`.
#
# ## 0.4 · Closures and decorators
#
# A closure keeps the variables of the function that made it. Late binding is the classic
# trap: every lambda below reads `i` when it is *called*, after the loop has ended.

# %%
late = [lambda: i for i in range(3)]  # noqa: B023 (the trap itself)
bound = [lambda i=i: i for i in range(3)]
print("late binding:", [f() for f in late], "| bound at creation:", [f() for f in bound])

# %% [markdown]
# A decorator is a function that takes a function and returns another one: Flask's
# `@app.route` and the kit's `@require_token` are decorators. Without `functools.wraps`, the
# wrapper hides the name and docstring of what it wraps (and frameworks that look functions up
# by name get confused).

# %%
def timed(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            elapsed_ms = (time.perf_counter() - started) * 1000
            print(f"{function.__name__} took {elapsed_ms:.2f} ms")

    return wrapper


get_user = timed(services.get_user)
with db.session_scope(database, read_only=True) as session:
    print(get_user(session, 1))
print("name kept:", get_user.__name__, "| docstring kept:", get_user.__doc__)

# %% [markdown]
# Now solve P07 (a timing decorator that works on sync and async functions):
# `uv run pytest --problem 7`. Notebook 0B shows the kit's `@require_token`, 0C the same check
# as a FastAPI dependency.
#
# ## 0.5 · Generators and streaming
#
# `services.export_orders` is a generator: nothing runs until the first `next()`, and it can
# be consumed **once**. Used twice, the second pass is silently empty.

# %%
with db.session_scope(database, read_only=True) as session:
    orders = services.export_orders(session)
    print("first order:", next(orders).id)
    print("the rest:", [order.id for order in orders])
    print("a second pass:", [order.id for order in orders])

# %% [markdown]
# Lazy means flat memory: a sum over a generator never holds the numbers, a list does.

# %%
def peak_kib(block: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        block()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1024


count = 50_000
print(f"list: {peak_kib(lambda: sum([n for n in range(count)])):.0f} KiB at peak")
print(f"generator: {peak_kib(lambda: sum(n for n in range(count))):.1f} KiB at peak")

# %% [markdown]
# The export endpoints stream `services.stream_order_rows(database)`: one short read-only
# session per batch, rows sent as NDJSON while the rest is still unread.

# %%
ndjson = load("core.ndjson")
chunks = ndjson.ndjson_chunks(services.stream_order_rows(database, batch_size=1))
print(next(chunks), end="")

# %% [markdown]
# Now solve P08 (a lazy loader): `uv run pytest --problem 8`.
#
# ## 0.6 · Errors: the hierarchy and its envelope
#
# Lower layers raise the core's exceptions; each class carries its HTTP status and its code,
# so a host needs one handler for `AppError` and nothing per subclass.

# %%
def show_tree(error_class: type, depth: int = 0) -> None:
    status = getattr(error_class, "status", "")
    print("    " * depth + f"{error_class.__name__} {status} {getattr(error_class, 'code', '')}")
    for subclass in error_class.__subclasses__():
        show_tree(subclass, depth + 1)


show_tree(errors.AppError)

# %% [markdown]
# A service raises, the caller turns the error into the one JSON envelope every host sends:

# %%
with db.session_scope(database, read_only=True) as session:
    try:
        services.get_user(session, 999)
    except errors.AppError as error:
        print(error.status, errors.error_envelope(error, request_id="req-0a"))

# %% [markdown]
# Validation errors list every problem at once, with a field path and a stable `type`. The
# core's own `ValidationError`, never pydantic's, reaches the caller.

# %%
try:
    validation.parse_user_create({"name": "", "email": "not-an-email", "extra": 1})
except errors.ValidationError as error:
    for detail in error.details:
        print(detail)

# %% [markdown]
# Anything else is a bug: its text may hold internals (SQL, paths), so the client gets the
# generic envelope and quotes the request id; the traceback goes to the log. Chain the cause
# with `raise ... from` so the log keeps it.

# %%
try:
    try:
        1 / 0  # noqa: B018 (the bug)
    except ZeroDivisionError as cause:
        raise errors.BadRequestError("The divisor must not be 0.") from cause
except errors.AppError as error:
    print(errors.error_envelope(error, "req-0a")["error"]["message"])
    print("the cause is kept for the log:", repr(error.__cause__))
print(errors.internal_error_envelope("req-0a"))

# %% [markdown]
# The trap of Problem #6: a `return` in `finally` wins over the one in `try`.

# %%
def returns_twice() -> int:
    try:
        return 1
    finally:
        return 2  # noqa: B012, SIM107 (the trap itself)


print(returns_twice())

# %% [markdown]
# Now solve P02 (an exception hierarchy), P05 (nested validation with NULLs), P10 (partial
# failures) and P18 (shared validation): `uv run pytest --problem 2`, `--problem 5`,
# `--problem 10`, `--problem 18`.
#
# ## 0.7 · Concurrency: request context across threads and tasks
#
# `context.request_context(...)` stores the current request in a `ContextVar`: each thread has
# its own value, and each asyncio task its own copy. A global would be shared by all of them.

# %%
seen_by_thread: dict[str, str | None] = {}
inside_together = threading.Barrier(2)


def handle(request_id: str) -> None:
    with context.request_context(request_id=request_id):
        inside_together.wait(timeout=5)  # both requests are in flight at once
        seen_by_thread[request_id] = context.current_request_id()


threads = [threading.Thread(target=handle, args=(f"thread-{n}",)) for n in (1, 2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join(timeout=5)
print(seen_by_thread, "| outside any request:", context.current_request_id())

# %% [markdown]
# The same with asyncio tasks on one thread (Jupyter runs cells on an event loop, so a cell
# can `await`):

# %%
async def handle_async(request_id: str) -> str | None:
    with context.request_context(request_id=request_id):
        await asyncio.sleep(0)  # the other task runs here
        return context.current_request_id()


print(await asyncio.gather(handle_async("task-1"), handle_async("task-2")))

# %% [markdown]
# `async` is cooperative: a task gives the loop back only at an `await`. A blocking call
# inside `async def` (`time.sleep`, `requests.get`, `sqlite3`) stops **every** task. Ruff's
# ASYNC rules flag it. Count the tasks in flight at once:

# %%
async def in_flight_at_most(pause: Callable[[], Awaitable[None]], tasks: int = 4) -> int:
    running, most = 0, 0

    async def one_request() -> None:
        nonlocal running, most
        running += 1
        most = max(most, running)
        await pause()
        running -= 1

    await asyncio.gather(*(one_request() for _ in range(tasks)))
    return most


async def blocking_pause() -> None:
    time.sleep(0.02)  # noqa: ASYNC251 (the trap itself: the loop waits too)


async def cooperative_pause() -> None:
    await asyncio.sleep(0.02)


async def threaded_pause() -> None:
    await asyncio.to_thread(time.sleep, 0.02)  # the blocking call, off the loop


for pause in (blocking_pause, cooperative_pause, threaded_pause):
    print(f"{pause.__name__}: {await in_flight_at_most(pause)} of 4 requests in flight")

# %% [markdown]
# Problem #7: `await asyncio.sleep(0)` hands control back to the loop, which resumes the task
# later. Now solve P06 (request scope), P09 (async-safe), P11 (blocking code in async), P12
# (retry with backoff) and P19 (sync to async): `uv run pytest --problem 6`, `--problem 9`,
# `--problem 11`, `--problem 12`, `--problem 19`.
#
# ## 0.8 · Context managers: `session_scope` commits, rolls back, always closes
#
# A unit of work is a context manager because `__exit__` runs however the block ends: commit
# on success, roll back on an exception, close either way.

# %%
with db.session_scope(database) as session:
    lee = services.create_user(session, {"name": "Lee", "email": None})
print("committed:", lee, "| closed:", session.closed)

try:
    with db.session_scope(database) as session:
        services.create_user(session, {"name": "Half-done", "email": "half@example.com"})
        services.get_user(session, 999)  # fails after the insert
except errors.NotFoundError as error:
    print("rolled back after:", error.message, "| closed:", session.closed)

with db.session_scope(database, read_only=True) as session:
    print("users now:", [user.name for user in services.list_users(session)])

# %% [markdown]
# A closed session refuses to be used again, with a message that says what to do:

# %%
try:
    session.users.get(1)
except errors.SessionError as error:
    print(error)

# %% [markdown]
# Problem #8: `__exit__` runs even when the block raises, before the exception travels on.

# %%
class Announced:
    def __enter__(self) -> "Announced":
        print("enter")
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        print("exit, after", exc_type.__name__ if exc_type else "no error")


try:
    with Announced():
        print("inside")
        raise ValueError("boom")
except ValueError:
    print("the ValueError still reaches the caller")

# %% [markdown]
# Now solve P04 (a context manager), P20 (a framework-agnostic service layer):
# `uv run pytest --problem 4`, `--problem 20`. Notebooks 0B and 0C show where each host opens
# and closes this unit of work.
#
# ## Exercises: the homework of Module 0
#
# Work in a new notebook or in `src/<package>/`, and reuse the kit's core as above.
#
# 1. **0.2** Write a handler that leaks memory, fix it (with a context manager or a bounded
#    cache), and print `gc.get_stats()` and `tracemalloc` figures before and after. Then run
#    the same logic in Flask and FastAPI (notebooks 0B and 0C).
# 2. **0.3** Build a `/counter` with a shared mutable list, break it under concurrency, fix it
#    with request-scoped state, and explain why `async` did not help.
# 3. **0.4** Write an auth decorator (compare the kit's `flask_app/auth.py`), break it by
#    forgetting `@functools.wraps`, fix it; rewrite it as a FastAPI dependency.
# 4. **0.5** Stream 1,000,000 numbers, then return them as a list: compare peak memory with
#    `tracemalloc`, in Flask and in FastAPI.
# 5. **0.6** Raise your own `AppError` subclass in a service and map it in both hosts: which
#    handler did you have to add? (None: the class carries its status.)
# 6. **0.7** Write a CPU-heavy function and call it from `async def`: measure the other tasks'
#    latency, then move it off the loop.
# 7. **0.8** Write a context manager that opens a resource, fails sometimes, and never leaks
#    it; prove it with a counter of open resources.
