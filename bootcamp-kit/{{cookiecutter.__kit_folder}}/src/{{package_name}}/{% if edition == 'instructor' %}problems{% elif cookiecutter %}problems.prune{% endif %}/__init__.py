"""The course's 20 hands-on problems (Module 0, Part D), with their reference solutions.

This is the instructor edition: every module holds a solution and no ``TODO(Pnn)`` marker, so
``BOOTCAMP_STRICT=1 uv run pytest`` passes. Student kits hold stubs at the same paths.
"""
