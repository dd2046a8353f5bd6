"""Allow `python -m scaffold` as well as the `scaffold` console script."""

from scaffold.cli import main

raise SystemExit(main())
