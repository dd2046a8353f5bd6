"""The course's 20 hands-on problems (Module 0, Part D), as stubs for you to complete.

Each module states its task in its docstring and marks the places to work on with
``TODO(Pnn)`` comments. Delete each marker as you finish that part: while any marker is left,
the problem's tests are reported as TODO. ``uv run pytest --problem N`` runs them for real.
"""
