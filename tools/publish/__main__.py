"""``python tools/publish ...`` (a folder with __main__.py runs like a script), or
``python -m publish ...`` with tools/ on the path."""
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from publish.cli import main
else:
    from .cli import main

sys.exit(main())
