#!/usr/bin/env bash
# Release check: build twice and insist the artefacts are byte-identical, check
# their metadata and contents, then install the wheel alone and use it.
#
#   bash tools/release_check.sh        (from anywhere; PYTHON=python3.12 to pick an interpreter)
#
# Its tools (build, twine, check-wheel-contents) go into a throw-away virtual
# environment, never into yours. Exits non-zero, naming each failed check.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
PYTHON=${PYTHON:-python3}

work=$(mktemp -d "${TMPDIR:-/tmp}/release-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=()
fail() { failures+=("$1"); printf 'FAIL: %s\n' "$1" >&2; }
step() { printf '\n=== %s\n' "$*"; }

step "tools, in their own virtual environment"
"$PYTHON" -m venv "$work/tools" || { echo "cannot create a venv with $PYTHON" >&2; exit 2; }
T="$work/tools/bin"
"$T/python" -m pip install --quiet --disable-pip-version-check build twine check-wheel-contents \
  > "$work/pip-tools.log" 2>&1 \
  || { cat "$work/pip-tools.log" >&2; echo "cannot install build, twine, check-wheel-contents" >&2; exit 2; }

# Reproducible builds: every timestamp in the archives comes from the last commit.
SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) || { echo "not a git checkout" >&2; exit 2; }
export SOURCE_DATE_EPOCH
echo "SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH"
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "note: the work tree differs from the last commit; this checks the work tree" >&2
fi

step "build sdist and wheel, twice"
for n in 1 2; do
  # python -m build makes the sdist, then the wheel from the unpacked sdist: a file
  # the sdist forgets makes the wheel fail here, not on a user's machine.
  "$T/python" -m build --outdir "$work/dist$n" . > "$work/build$n.log" 2>&1 \
    || { cat "$work/build$n.log" >&2; fail "build #$n"; }
done
ls -l "$work/dist1" 2>/dev/null

step "the two builds are byte for byte the same"
(cd "$work/dist1" && sha256sum -- *) > "$work/sums1" 2>/dev/null
(cd "$work/dist2" && sha256sum -- *) > "$work/sums2" 2>/dev/null
cat "$work/sums1"
if [ ! -s "$work/sums1" ] || ! diff -u "$work/sums1" "$work/sums2"; then
  fail "builds are not reproducible"
fi

sdist=$(ls "$work"/dist1/*.tar.gz 2>/dev/null | head -n 1)
wheel=$(ls "$work"/dist1/*.whl 2>/dev/null | head -n 1)
if [ -z "$sdist" ] || [ -z "$wheel" ]; then
  fail "no sdist or no wheel was built"
  printf '\n%d check(s) failed:\n' "${#failures[@]}" >&2; printf '  - %s\n' "${failures[@]}" >&2
  exit 1
fi

step "twine check --strict"
"$T/twine" check --strict "$sdist" "$wheel" || fail "twine check --strict"

step "check-wheel-contents"
# W002 (files with equal content) is not a fault in a data package: two families
# that are both empty are both "[]".
"$T/check-wheel-contents" --ignore W002 "$wheel" || fail "check-wheel-contents"

step "the wheel holds py.typed and every file git tracks under src/flanders_s3"
git ls-files -z src/flanders_s3 > "$work/tracked"
"$T/python" - "$wheel" "$work/tracked" <<'EOF' || fail "wheel contents"
import sys, zipfile

wheel, tracked = sys.argv[1], sys.argv[2]
names = set(zipfile.ZipFile(wheel).namelist())
want = {p.removeprefix("src/") for p in open(tracked, encoding="utf-8").read().split("\0") if p}
want.add("flanders_s3/py.typed")
missing = sorted(want - names)
stray = sorted(n for n in names if "__pycache__" in n or n.endswith((".pyc", ".pyo")))
for name in missing:
    print(f"missing from the wheel: {name}")
for name in stray:
    print(f"should not be in the wheel: {name}")
print(f"{len(want)} tracked files, {len(names)} entries in the wheel")
sys.exit(1 if missing or stray else 0)
EOF

step "install the wheel alone in a fresh environment and use it, outside the repository"
"$PYTHON" -m venv "$work/user" || fail "user venv"
U="$work/user/bin"
if "$U/python" -m pip install --quiet --disable-pip-version-check "$wheel" > "$work/pip-user.log" 2>&1 \
   || { cat "$work/pip-user.log" >&2; false; }; then
  mkdir -p "$work/elsewhere"
  (cd "$work/elsewhere" && "$U/python" -I - "$ROOT" <<'EOF') || fail "import, preload and look-up from the installed wheel"
import importlib.metadata
import sys
from pathlib import Path

import flanders_s3 as fs

root = Path(sys.argv[1]).resolve()
where = Path(fs.__file__).resolve()
assert root not in where.parents, f"imported from the checkout: {where}"
assert importlib.metadata.version("flanders-s3") == fs.__version__, "metadata and __version__ differ"
assert fs.DATA_VERSION == fs.manifest()["data_version"], "DATA_VERSION and the manifest differ"
fs.preload()
flux = fs.get_cluster("flux 50")
assert flux.name == "Flux50", flux
print(f"flanders_s3 {fs.__version__} (data {fs.DATA_VERSION}) from {where.parent}: {flux.name}")
EOF
  "$U/flanders-s3" --help > /dev/null || fail "the flanders-s3 command does not run"
else
  fail "pip install of the wheel"
fi

if [ ${#failures[@]} -ne 0 ]; then
  printf '\n%d check(s) failed:\n' "${#failures[@]}" >&2
  printf '  - %s\n' "${failures[@]}" >&2
  exit 1
fi
printf '\nrelease check passed: %s, %s\n' "$(basename "$sdist")" "$(basename "$wheel")"
