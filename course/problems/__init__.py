### BEGIN STUB
"""The course's 20 hands-on problems (Module 0, Part D), as stubs for you to complete.
### END STUB
### BEGIN SOLUTION
"""The course's 20 hands-on problems (Module 0, Part D), with their reference solutions.
### END SOLUTION

### BEGIN STUB
Each module states its task in its docstring and marks the places to work on with
``TODO(Pnn)`` comments. Delete each marker as you finish that part: while any marker is left,
the problem's tests are reported as TODO. ``uv run pytest --problem N`` runs them for real.
### END STUB
### BEGIN SOLUTION
This is the instructor edition: every module holds a solution and no ``TODO(Pnn)`` marker, so
``BOOTCAMP_STRICT=1 uv run pytest`` passes. Student kits hold stubs at the same paths.
### END SOLUTION
"""
