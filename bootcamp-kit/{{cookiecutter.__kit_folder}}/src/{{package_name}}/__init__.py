"""A users and orders backend: a framework-agnostic core hosted by Flask and/or FastAPI.

The package is split so that each layer can be learnt on its own:

- ``core``: plain Python (models, validation, errors, sessions, services); no web framework.
- ``flask_app`` / ``fastapi_app``: thin hosts that translate HTTP to core calls and back.
- ``problems``: the course's 20 hands-on problems.
- ``bootcamp``: the problem catalogue, the pytest plugin and the progress table.
"""
