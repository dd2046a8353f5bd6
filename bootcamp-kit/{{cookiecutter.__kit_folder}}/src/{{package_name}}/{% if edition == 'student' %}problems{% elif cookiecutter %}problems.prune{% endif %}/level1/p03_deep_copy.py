"""P03 · Write deep copy manually (Level 1, modules 0.2 and 0.3).

Task
----
Write ``deep_copy(value)`` without the ``copy`` module (the point is to see how it works). It
returns a copy of ``value`` that shares no mutable container with the original, so that
changing the copy at any depth never changes the original, and the other way round:

- ``dict``, ``list`` and ``set`` become new objects of the same type whose contents are deep
  copies too; dict keys may be kept as they are (keys are hashable, hence immutable here);
- a ``tuple`` stays a ``tuple`` (and a ``frozenset`` a ``frozenset``), with deep-copied items:
  a tuple cannot change, but a list inside it can;
- anything else (``int``, ``float``, ``str``, ``bool``, ``None``, ...) is immutable: return it
  as it is;
- an object that appears twice in the original appears twice in the copy as *one* new object:
  if ``data["a"] is data["b"]`` then ``result["a"] is result["b"]`` (and is not the original);
- a structure that contains itself (``node = []; node.append(node)``) is copied into a new
  structure that contains *itself*, without endless recursion.

Concept
-------
A variable holds a reference, and so does every slot of a list or dict. ``dict(data)``,
``list(data)``, ``data.copy()`` and ``data[:]`` are *shallow*: a new outer container holding
the same inner objects. When a service hands out its cached configuration or the seed data
(``USERS``, ``ORDERS``) and a caller changes a nested value, a shallow copy lets that change
reach the original: the next request sees another request's edit. A deep copy needs two ideas:
recursion (copy what the container holds, and what that holds...) and a *memo*, a dict from
``id(original)`` to its copy, which makes a second visit of the same object return the copy
already made. The memo is what keeps shared objects shared and stops cycles: register a new
container in the memo *before* copying its contents.

The standard library's ``copy.deepcopy(value, memo)`` works the same way; compare with it
after solving.

Run the tests with ``uv run pytest --problem 3`` and ask for a hint with
``uv run <package> hint 3``. Each place to work on is marked by a ``# TODO`` comment
tagged ``P03``: delete each marker as you finish that part. While any is left, the
problem's tests are reported as TODO.
"""

from typing import Any, TypeVar

T = TypeVar("T")


def deep_copy(value: T, memo: dict[int, Any] | None = None) -> T:
    """A copy of ``value`` that shares no mutable container with it, cycles included.

    ``memo`` maps ``id()`` of each original container already copied to its copy; callers
    leave it out, the recursive calls pass it on.
    """
    # TODO(P03): dicts, lists and sets: create the empty copy, record it in the memo, then
    #   fill it with deep copies. Tuples and frozensets: deep-copy the items, keep the type.
    #   Anything else: return it unchanged.
    raise NotImplementedError("P03: implement deep_copy")
