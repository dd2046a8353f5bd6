"""Allow ``python -m <package>`` as well as the ``<package>`` console script."""

from .cli import main

raise SystemExit(main())
