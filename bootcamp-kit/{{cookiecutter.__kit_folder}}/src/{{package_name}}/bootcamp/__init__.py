"""The course machinery: the problem catalogue, each problem's status, and the pytest plugin.

Nothing here is course material; it is the scaffolding that turns the problems' tests into a
progress table. Instructors add a problem by appending an entry to ``problems.toml``, its
module under ``problems/`` and its test module under ``tests/problems/`` (see the README).
"""
