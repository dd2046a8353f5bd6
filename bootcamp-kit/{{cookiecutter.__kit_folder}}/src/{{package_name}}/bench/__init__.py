"""``uv run <package> bench``: the kit's hosts against bare apps of the same framework.

- ``loadgen``: a small asyncio HTTP/1.1 client that keeps its connections open;
- ``servers``: start a production server on 127.0.0.1 (the README's commands), measure its CPU
  and memory, and always stop it;
- ``bare_flask`` / ``bare_fastapi``: the same JSON bodies with no core behind them;
- ``runner``: the scenarios, interleaved in rounds, and the report.

Nothing here is imported by the API itself, and it never talks to anything but 127.0.0.1.
"""
