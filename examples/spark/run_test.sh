#!/usr/bin/env bash
# Integration test: unboil inside Apache Spark (local mode) through rdd.pipe.
#
# Builds the unboil binary (debug profile, as `cargo test` does), creates a
# Python venv with pyspark (reused between runs; Java 17+ must be on PATH),
# writes a JSON Lines file from corpus/*.html (UTF-8 pages under "html",
# others base64 under "html_b64"), runs clean_rdd.py with master local[2]
# and 3 partitions, and checks that every record came back cleaned: same
# count, same ids in the same order, each with a "text" string and no
# "error". Fails loudly when pip cannot install pyspark.
#
# With UNBOIL_WHEEL (the Python package's wheel, which .ci/run builds) it
# also installs the wheel into the venv, runs clean_partitions.py
# (rdd.mapPartitions with unboil.Cleaner.clean_many) on the same records and
# checks that its output is the rdd.pipe output, record for record.
#
# Environment: CARGO_TARGET_DIR (binary and venv location, default target/),
# UNBOIL_BIN (use this binary instead of building), SPARK_VENV (venv path),
# UNBOIL_WHEEL (see above).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
target=${CARGO_TARGET_DIR:-$root/target}
venv=${SPARK_VENV:-$target/spark-venv}

if [ -z "${UNBOIL_BIN:-}" ]; then
  cargo build --quiet --bin unboil
  UNBOIL_BIN=$target/debug/unboil
fi
command -v java >/dev/null || { echo "spark test: java not found (Spark needs Java 17+)" >&2; exit 1; }

if ! "$venv/bin/python" -c 'import pyspark' 2>/dev/null; then
  echo "spark test: creating $venv and installing pyspark"
  rm -rf "$venv"
  python3 -m venv "$venv"
  if ! "$venv/bin/pip" install --quiet 'pyspark>=4.0,<5'; then
    echo "spark test: FAILED: pip could not install pyspark (is PyPI reachable?)" >&2
    exit 1
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$UNBOIL_BIN" "$work/unboil"

"$venv/bin/python" - "$root/corpus" "$work/pages.jsonl" <<'PY'
import base64, json, pathlib, sys
corpus, out = pathlib.Path(sys.argv[1]), sys.argv[2]
with open(out, "w") as f:
    for i, page in enumerate(sorted(corpus.glob("*.html"))):
        raw = page.read_bytes()
        rec = {"id": page.stem, "url": f"https://corpus.test/{page.name}"}
        try:
            rec["html"] = raw.decode("utf-8")
        except UnicodeDecodeError:
            rec["html_b64"] = base64.b64encode(raw).decode()
        f.write(json.dumps(rec) + "\n")
PY

echo "spark test: $(wc -l < "$work/pages.jsonl") records through rdd.pipe('./unboil --jsonl') in local[2]"
# Local mode: pipe's processes start in the driver's working directory, where
# ./unboil is, as it is in each executor's directory on a cluster (--files).
(cd "$work" && PYSPARK_PYTHON="$venv/bin/python" "$venv/bin/python" "$root/examples/spark/clean_rdd.py" \
  pages.jsonl cleaned --master 'local[2]' --partitions 3 2> spark.log) || {
  tail -40 "$work/spark.log" >&2
  echo "spark test: FAILED: the Spark job failed" >&2
  exit 1
}

"$venv/bin/python" - "$work/pages.jsonl" "$work/cleaned" <<'PY'
import json, pathlib, sys
inp = [json.loads(l) for l in open(sys.argv[1])]
parts = sorted(pathlib.Path(sys.argv[2]).glob("part-*"))
out = [json.loads(l) for p in parts for l in p.read_text().splitlines()]
problems = []
if len(out) != len(inp):
    problems.append(f"{len(inp)} records in, {len(out)} out")
if sorted(r.get("id") for r in out) != sorted(r["id"] for r in inp):
    problems.append("ids differ")
for r in out:
    if "error" in r:
        problems.append(f"{r.get('id')}: error {r['error']}")
    elif not isinstance(r.get("text"), str):
        problems.append(f"{r.get('id')}: no text")
with_text = sum(1 for r in out if r.get("text"))
if with_text < len(inp) - 1:  # corpus/empty-body.html has no text to keep
    problems.append(f"only {with_text} of {len(inp)} records have non-empty text")
if problems:
    print("spark test: FAILED:\n  " + "\n  ".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"spark test: ok: {len(out)} records cleaned, {with_text} with text, none with an error")
PY

[ -n "${UNBOIL_WHEEL:-}" ] || exit 0
"$venv/bin/pip" install --quiet --force-reinstall --no-deps "$UNBOIL_WHEEL"
echo "spark test: the same records through rdd.mapPartitions with the unboil package"
(cd "$work" && PYSPARK_PYTHON="$venv/bin/python" "$venv/bin/python" "$root/examples/spark/clean_partitions.py" \
  pages.jsonl cleaned-py --master 'local[2]' --partitions 3 2> spark-py.log) || {
  tail -40 "$work/spark-py.log" >&2
  echo "spark test: FAILED: the mapPartitions job failed" >&2
  exit 1
}
"$venv/bin/python" - "$work/cleaned" "$work/cleaned-py" <<'PY'
import json, pathlib, sys
def records(d):
    return {r["id"]: r for p in sorted(pathlib.Path(d).glob("part-*"))
            for r in map(json.loads, p.read_text().splitlines())}
pipe, py = records(sys.argv[1]), records(sys.argv[2])
problems = [f"{i}: rdd.pipe {pipe.get(i)!r:.200} != mapPartitions {py.get(i)!r:.200}"
            for i in sorted(set(pipe) | set(py)) if pipe.get(i) != py.get(i)]
if problems:
    print("spark test: FAILED:\n  " + "\n  ".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"spark test: ok: mapPartitions gave the same {len(py)} records as rdd.pipe")
PY
