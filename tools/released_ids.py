"""Print every ``family:id`` the data holds, sorted: the promise a release makes.

    python tools/released_ids.py > tests/data/released-ids.txt

Run it in the release commit (see docs/RELEASING.md); tests/test_release.py then
fails whenever a listed id stops resolving.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from flanders_s3.lookup import INDICES


def main() -> int:
    lines = sorted(f"{family}:{record.id}" for family, index in INDICES.items() for record in index.all())
    sys.stdout.write("".join(line + "\n" for line in lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
