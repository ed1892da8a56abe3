#!/usr/bin/env bash
# The Python package's test, as a new user would install it: build the wheel
# with maturin (release profile), install it into a fresh venv with pytest,
# datatrove and warcio, and run python/tests against the installed package
# (from outside the source tree, so `import unboil` is the wheel's).
#
# Environment: PYTHON_CI_DIR (where the venv and the wheel go, default
# target/python-ci), PYTHON (the interpreter for the venv, default python3).
# Prints the wheel's path on its last line as `wheel: PATH`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dir=${PYTHON_CI_DIR:-$root/target/python-ci}
venv=$dir/venv
python=${PYTHON:-python3}

# Versions verified with this package (2026-11); maturin also builds under
# pip's isolated build (pyproject.toml: maturin>=1.9.4,<2).
pins=(
  maturin==1.16.0
  pytest==9.2.0
  datatrove==0.10.1
  warcio==1.8.1
  faust-cchardet==3.2.0
  python-magic==0.4.27
  orjson==3.13.0
)

rm -rf "$venv" "$dir/wheels"
mkdir -p "$dir"
"$python" -m venv "$venv"
if ! "$venv/bin/pip" install --quiet "${pins[@]}"; then
  echo "python test: FAILED: pip could not install ${pins[*]} (is PyPI reachable?)" >&2
  exit 1
fi

echo "python test: maturin build --release (python/)"
(cd python && "$venv/bin/maturin" build --release --quiet -o "$dir/wheels" -i "$venv/bin/python")
wheel=$(ls "$dir"/wheels/unboil-*-abi3-*.whl)
"$venv/bin/pip" install --quiet "$wheel"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
installed=$("$venv/bin/python" -c 'import unboil; print(unboil.__file__)')
case $installed in
  "$venv"/*) ;;
  *) echo "python test: FAILED: unboil imported from $installed, not the venv" >&2; exit 1 ;;
esac
"$venv/bin/python" -m pytest -q -p no:cacheprovider "$root/python/tests"
echo "wheel: $wheel"
