"""``python -m flanders_s3``: the command line (see :mod:`flanders_s3.cli`)."""

from __future__ import annotations

if __name__ == "__main__":
    from flanders_s3.cli import main

    raise SystemExit(main(prog="python -m flanders_s3"))
