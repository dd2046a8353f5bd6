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

Why this solution
-----------------
One function, one branch per container type, one memo shared by the whole walk. Mutable
containers are created empty and entered in the memo *before* their contents are copied, so
a path that leads back to them (a cycle) finds the copy instead of starting over. A tuple
cannot be created empty and filled later, so its items are copied first; if one of them led
back to the tuple, the memo already holds the tuple's copy and that one is returned, so the
copy keeps exactly one copy of each original. The type checks are exact (``type(value) is
dict``): a subclass such as ``OrderedDict`` or a named tuple may need its own way of being
rebuilt, which is what ``copy``'s ``__deepcopy__`` hook exists for. The memo is created per
top-level call: a ``memo={}`` default would be the P01 bug, handing out old copies.
"""

from typing import Any, TypeVar

T = TypeVar("T")


def deep_copy(value: T, memo: dict[int, Any] | None = None) -> T:
    """A copy of ``value`` that shares no mutable container with it, cycles included.

    ``memo`` maps ``id()`` of each original container already copied to its copy; callers
    leave it out, the recursive calls pass it on.
    """
    return _copy(value, {} if memo is None else memo)


def _copy(value: Any, memo: dict[int, Any]) -> Any:
    if id(value) in memo:
        return memo[id(value)]  # seen before: a shared object or a cycle, reuse its copy

    kind = type(value)
    if kind is dict:
        new_dict: dict[Any, Any] = {}
        memo[id(value)] = new_dict  # before the contents: they may lead back here
        for key, item in value.items():
            new_dict[_copy(key, memo)] = _copy(item, memo)
        return new_dict
    if kind is list:
        new_list: list[Any] = []
        memo[id(value)] = new_list
        new_list.extend(_copy(item, memo) for item in value)
        return new_list
    if kind is set:
        new_set: set[Any] = set()
        memo[id(value)] = new_set
        new_set.update(_copy(item, memo) for item in value)
        return new_set
    if kind is tuple or kind is frozenset:
        items = [_copy(item, memo) for item in value]  # immutable: copy the items first
        if id(value) in memo:  # an item led back to this tuple and copied it already
            return memo[id(value)]
        copied = kind(items)
        memo[id(value)] = copied
        return copied
    return value  # numbers, strings, None, ...: immutable, safe to share
