"""``python -m flanders_s3``: the command line (see :mod:`flanders_s3.cli`)."""

from __future__ import annotations

if __name__ == "__main__":
    try:
        from flanders_s3.cli import main
    except KeyboardInterrupt:  # Ctrl-C before the command line is even loaded: no traceback either
        raise SystemExit(130) from None

    raise SystemExit(main(prog="python -m flanders_s3"))
