"""The catalogue of problems: numbers, titles, levels, hints and what each one needs.

The catalogue is data, not code: the pytest plugin, the progress table and the ``hint`` command
all read it, so adding a problem means adding one entry here (plus its module and tests).
"""

from dataclasses import dataclass

LEVELS: dict[int, str] = {
    1: "Foundations",
    2: "Backend-Oriented",
    3: "Concurrency & Traps",
    4: "Framework-Ready",
}

FRAMEWORK_NAMES: dict[str, str] = {"flask": "Flask", "fastapi": "FastAPI"}

ADD_HOST_COMMAND = "uvx copier==9.19.1 update --defaults -d framework=both"
"""The command that adds the missing host to a kit generated with only one framework."""


@dataclass(frozen=True)
class Problem:
    """One hands-on problem: where it lives, what it teaches and how to get unstuck."""

    number: int
    level: int
    slug: str
    title: str
    concept: str
    hint: str
    requires: str | None = None
    """Import name of the framework the problem needs ("flask" or "fastapi"), if any."""

    @property
    def code(self) -> str:
        """Short name used in markers and messages, e.g. ``P03``."""
        return f"P{self.number:02d}"

    @property
    def todo_marker(self) -> str:
        """The marker that keeps a problem "not started" while it is left in its module."""
        return f"TODO({self.code})"

    @property
    def module(self) -> str:
        """Module path relative to the package, e.g. ``problems.level1.p03_deep_copy``."""
        return f"problems.level{self.level}.p{self.number:02d}_{self.slug}"


PROBLEMS: tuple[Problem, ...] = (
    Problem(
        1,
        1,
        "mutable_default",
        "Detect mutable default argument bug",
        "Default values are evaluated once, when the function is defined.",
        "A default value is created once, when `def` runs, and every call that omits the "
        "argument receives that same object. Which default could stand for 'no list given'?",
    ),
    Problem(
        2,
        1,
        "exception_hierarchy",
        "Implement custom exception hierarchy",
        "Domain errors carry an HTTP-agnostic status; callers catch by base class.",
        "Let one base class carry what every API error shares (status, code, safe message) "
        "and let subclasses override only what differs. `raise ... from exc` keeps the cause.",
    ),
    Problem(
        3,
        1,
        "deep_copy",
        "Write deep copy manually",
        "Variables hold references; copying a container copies references, not objects.",
        "Copy each container and then copy what it contains, recursively. To survive cycles "
        "and keep shared objects shared, remember what you already copied by id().",
    ),
    Problem(
        4,
        1,
        "context_manager",
        "Implement custom context manager",
        "`__exit__` always runs; its return value decides whether an exception is swallowed.",
        "Cleanup must run on success and on error alike: think `finally`. Check what "
        "`__exit__` returns, and what a `@contextmanager` generator does when the block raises.",
    ),
    Problem(
        5,
        1,
        "nested_validation",
        "Validate nested dict with nulls",
        "Missing, null and wrong-typed are three different problems; report them all.",
        "Walk the payload with a path that grows as you descend (`items.1.qty`). Decide per "
        "field whether None is allowed, and remember that `True` is an `int` in Python.",
    ),
    Problem(
        6,
        2,
        "request_scope",
        "Implement request-scoped storage (no globals)",
        "contextvars isolate values per thread and per asyncio task; tokens undo a set().",
        "A module-level dict is shared by every request and threading.local is blind to "
        "asyncio tasks. Look at contextvars.ContextVar, and at what `set()` returns.",
    ),
    Problem(
        7,
        2,
        "timing_decorator",
        "Write decorator for timing API calls",
        "A decorator replaces a function; functools.wraps keeps its identity.",
        "Measure around the call in a `try/finally`, so failures are timed too. An async "
        "function only runs when awaited: the wrapper must be async and await it.",
    ),
    Problem(
        8,
        2,
        "lazy_loader",
        "Create lazy data loader using generator",
        "Generators do no work until asked; `finally` runs when the consumer stops early.",
        "Fetch the next page only when the rows you already have run out, and `yield` rows "
        "one at a time instead of building a list.",
    ),
    Problem(
        9,
        2,
        "async_safe",
        "Convert sync function → async-safe",
        "Blocking calls must leave the event loop: run them in a worker thread.",
        "`async def` alone does not make a blocking call non-blocking. Which asyncio helper "
        "runs a plain function in a thread and gives you something to await?",
    ),
    Problem(
        10,
        2,
        "partial_failures",
        "Handle partial failures gracefully",
        "One bad item should not sink a batch; unexpected bugs still must surface.",
        "Handle each item on its own and collect (index, reason) for the failures. Catch only "
        "the error types you expect; anything else is a bug and should propagate.",
    ),
    Problem(
        11,
        3,
        "blocking_async",
        "Identify blocking code in async function",
        "One blocking call inside `async def` freezes every request on the event loop.",
        "Look for calls that wait without `await`: `time.sleep` and synchronous I/O. Each has "
        "an awaitable alternative, or can be moved to a thread.",
    ),
    Problem(
        12,
        3,
        "retry_backoff",
        "Implement retry with exponential backoff",
        "Retries must back off, stop, and surface the last error.",
        "The delay before attempt k grows like base * 2**k up to a cap. Count attempts, do "
        "not sleep after the last one, and re-raise what the last attempt raised.",
    ),
    Problem(
        13,
        3,
        "race_condition",
        "Simulate race condition & fix it",
        "Check-then-act on shared state is only safe when both steps are one critical section.",
        "The bug is the gap between reading the balance and writing it back. One lock, shared "
        "by all callers, must cover the whole read-check-write sequence.",
    ),
    Problem(
        14,
        3,
        "thread_safe_counter",
        "Design thread-safe counter",
        "`x += 1` is read, add, write: three steps that threads can interleave.",
        "Every operation that reads and then writes the value must hold the same lock for "
        "both steps, including operations that read and reset in one go.",
    ),
    Problem(
        15,
        3,
        "memory_leak",
        "Memory leak detection exercise",
        "References kept by closures, caches and registries keep objects alive forever.",
        "Ask what still references the big object after a call returns. To detect a leak, "
        "measure growth over many calls (tracemalloc), not the size after one call.",
    ),
    Problem(
        16,
        4,
        "flask_error_handler",
        "Build Flask error handler from Python exception",
        "Map domain exceptions to HTTP in one place; never leak internals.",
        "`app.register_error_handler` matches subclasses too. Build the body with the core's "
        "envelope helpers, and log unexpected exceptions before answering with a generic 500.",
        requires="flask",
    ),
    Problem(
        17,
        4,
        "fastapi_middleware",
        "Build FastAPI exception middleware",
        "ASGI middleware wraps the app; once the response has started it cannot change it.",
        "An ASGI middleware is `async def __call__(self, scope, receive, send)`. Wrap the "
        "inner call in try/except, and remember whether `http.response.start` was sent.",
        requires="fastapi",
    ),
    Problem(
        18,
        4,
        "shared_validation",
        "Write shared validation used by both",
        "Validate once, in the core, so every host rejects the same input the same way.",
        "Put the rules in one pydantic model with extra fields forbidden, and turn pydantic's "
        "error into the core's ValidationError so no host sees a framework type.",
    ),
    Problem(
        19,
        4,
        "sync_to_async",
        "Convert logic from sync to async",
        "Async code keeps blocking work off the loop and overlaps independent waits.",
        "Move the blocking database work into a thread (with its own session), and start the "
        "independent awaits together instead of awaiting them one after another.",
    ),
    Problem(
        20,
        4,
        "service_layer",
        "Design framework-agnostic service layer",
        "Use cases live in plain Python; hosts only translate HTTP to calls.",
        "Give each use case one unit of work: open a session, do the work, let the context "
        "manager commit or roll back. Import nothing from Flask or FastAPI.",
    ),
)


def get_problem(number: int) -> Problem:
    """Return problem ``number`` or raise ``KeyError`` with the valid range."""
    for problem in PROBLEMS:
        if problem.number == number:
            return problem
    raise KeyError(f"There is no problem {number}: choose 1 to {len(PROBLEMS)}.")


def parse_problem_number(text: str) -> int:
    """Accept ``3``, ``03``, ``p3`` or ``P03`` and return 3; reject anything else clearly."""
    cleaned = text.strip().upper().removeprefix("P")
    if not cleaned.isdigit():
        raise ValueError(f"{text!r} is not a problem number (try 3 or P03).")
    number = int(cleaned)
    get_problem(number)
    return number
