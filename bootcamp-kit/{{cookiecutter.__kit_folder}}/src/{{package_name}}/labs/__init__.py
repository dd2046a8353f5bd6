"""``uv run <package> lab NAME``: the course's claims, measured on this machine.

Each lab (``streaming``, ``cpu-bound``, ``blocking``, ``leak``, ``shared-state``) states a
claim of Module 0, starts a small lab app with the good and the bad variant of an endpoint on
every host of the kit (production servers on 127.0.0.1, ``serving``), measures both, and says
whether the figures agree. The pieces:

- ``lab``: what a lab is and returns (claim, knobs, findings, table, plot);
- ``workloads``: the endpoints' work in plain Python, shared by both lab apps;
- ``flask_lab`` / ``fastapi_lab``: the lab apps, one per host;
- one module per lab; ``registry``: the list; ``report``: table and JSON; ``plot``: the PNG.

The load generator, the servers and the CPU and memory figures are the bench's (``bench``).
"""
