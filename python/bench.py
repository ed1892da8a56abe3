"""Speed of unboil from Python next to trafilatura and resiliparse, and next to
the Rust library on the same pages.

    python python/bench.py [BENCH_DIR] [--rust] [--skip trafilatura,resiliparse]

BENCH_DIR (default ../shared/bench beside the repository) holds the AEB,
tfeval and WCEB pages (NAME/html/*.html.gz), read at run time and
decompressed in memory. In one Python process, one thread unless said, each
benchmark's pages are cleaned with

- ``unboil.clean(bytes)``: raw bytes, charset sniffed as for a file;
- ``unboil.clean(str)``: pages decoded to str first (as datatrove's readers
  hand them over), outside the timing;
- ``unboil.clean_many(bytes, threads=1)`` and ``threads=2``;
- ``trafilatura.extract(bytes)`` and resiliparse's
  ``extract_plain_text(HTMLTree.parse_from_bytes(bytes, detect_encoding(bytes)),
  main_content=True)``, when installed (``pip install trafilatura
  lxml_html_clean resiliparse``).

unboil's variants are timed in turns, one pass each per round for 5 rounds,
best pass counted, next to the same work in a Rust loop inside the module
(``Cleaner._time_rust``: the same cleaning of each page, without the Python
call or the Document object), so the cost of calling from Python (Python time /
Rust time - 1) is measured on the same machine at the same moment: on
a busy machine wall-clock figures move by tens of percent between runs, the
ratio much less. The others run one pass (they are slower). ``--rust`` also
runs ``cargo run --release --example speed`` in python/ (the library alone,
its own process, the wheel's profile and allocator, the same options:
metadata on).

``--callgrind NAME`` counts instructions instead (valgrind's callgrind, which
no other job on the machine disturbs): one process loads NAME's pages, one
loads and cleans them with ``unboil.clean``, one with the Rust loop, for
bytes and for str pages; the differences are the instructions of cleaning,
and their ratio the cost of calling from Python.
"""

import argparse
import gzip
import pathlib
import re
import subprocess
import sys
import time

import unboil

HERE = pathlib.Path(__file__).resolve().parent
BENCHES = ["aeb", "tfeval", "wceb"]
ROUNDS = 5


def load(bench_dir, name):
    paths = sorted((bench_dir / name / "html").glob("*.html.gz"))
    return [gzip.decompress(p.read_bytes()) for p in paths]


def timed(run, cpu=time.thread_time):
    """(wall seconds, CPU seconds) of one run(). CPU time is this thread's
    unless said: on a machine shared with other jobs it moves far less than
    wall time, which counts the time spent waiting for a core."""
    wall, used = time.perf_counter(), cpu()
    run()
    return time.perf_counter() - wall, cpu() - used


def in_turns(runs, rounds=ROUNDS):
    """The best (wall, CPU) times of each (run, cpu clock), the runs taking
    turns for `rounds` rounds."""
    best = [(float("inf"), float("inf"))] * len(runs)
    for _ in range(rounds):
        for i, (run, cpu) in enumerate(runs):
            w, c = timed(run, cpu)
            best[i] = (min(best[i][0], w), min(best[i][1], c))
    return best


def others(skip):
    """(name, extract(page bytes)) of each installed extractor to compare with."""
    out = []
    if "trafilatura" not in skip:
        try:
            import trafilatura

            out.append(("trafilatura.extract", trafilatura.extract))
        except ImportError as e:
            print(f"(trafilatura left out: {e})", file=sys.stderr)
    if "resiliparse" not in skip:
        try:
            from resiliparse.extract.html2text import extract_plain_text
            from resiliparse.parse.encoding import detect_encoding
            from resiliparse.parse.html import HTMLTree

            def resiliparse(page):
                tree = HTMLTree.parse_from_bytes(page, detect_encoding(page))
                return extract_plain_text(tree, main_content=True)

            out.append(("resiliparse extract_plain_text", resiliparse))
        except ImportError as e:
            print(f"(resiliparse left out: {e})", file=sys.stderr)
    return out


def rust_speeds(bench_dir):
    """{bench: (pages/s, MB/s)} of examples/speed.rs, or {} when cargo fails."""
    cmd = ["cargo", "run", "--quiet", "--release", "--example", "speed", "--", str(bench_dir)]
    try:
        out = subprocess.run(cmd, cwd=HERE, check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"(cargo run --example speed failed: {e})", file=sys.stderr)
        return {}
    speeds = {}
    for line in out.splitlines():
        parts = line.split()
        if parts[:1] == ["speed"]:
            speeds[parts[1]] = (float(parts[4]), float(parts[5]), float(parts[6]))
    return speeds


def callgrind_mode(mode, bench_dir, name):
    """One process of --callgrind: load the pages, then clean them as `mode` says."""
    pages = load(bench_dir, name)
    if mode.startswith("str"):
        pages = [p.decode(unboil.clean(p).encoding or "utf-8", errors="replace") for p in pages]
    if mode.endswith("-python"):
        out = [unboil.clean(p) for p in pages]
        del out
    elif mode.endswith("-rust"):
        unboil.Cleaner()._clean_in_rust(pages)


def callgrind(bench_dir, name):
    modes = ["bytes-load", "bytes-python", "bytes-rust", "str-load", "str-python", "str-rust"]
    counts = {}
    for mode in modes:
        cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
               sys.executable, __file__, str(bench_dir), "--only", name, "--mode", mode]
        err = subprocess.run(cmd, check=True, capture_output=True, text=True).stderr
        counts[mode] = int(re.search(r"Collected : (\d+)", err).group(1))
        print(f"  {mode:14} {counts[mode]:>16,} instructions", flush=True)
    for kind in ("bytes", "str"):
        py = counts[f"{kind}-python"] - counts[f"{kind}-load"]
        rs = counts[f"{kind}-rust"] - counts[f"{kind}-load"]
        print(f"  {kind} pages: cleaning {rs:,} instructions in Rust, {py:,} from Python: "
              f"cost of calling from Python {py / rs - 1:+.2%}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bench_dir", nargs="?", default=str(HERE.parent.parent / "shared" / "bench"))
    ap.add_argument("--rust", action="store_true", help="also time the Rust library (cargo)")
    ap.add_argument("--skip", default="", help="comma-separated: trafilatura,resiliparse")
    ap.add_argument("--only", default=",".join(BENCHES), help="benchmarks (default: all)")
    ap.add_argument("--callgrind", metavar="NAME", help="count instructions on benchmark NAME")
    ap.add_argument("--mode", help=argparse.SUPPRESS)  # one process of --callgrind
    args = ap.parse_args()
    bench_dir = pathlib.Path(args.bench_dir)
    if args.mode:
        return callgrind_mode(args.mode, bench_dir, args.only)
    if args.callgrind:
        return callgrind(bench_dir, args.callgrind)
    skip = set(filter(None, args.skip.split(",")))
    rust = rust_speeds(bench_dir) if args.rust else {}
    print(f"unboil {unboil.__version__}, Python {sys.version.split()[0]}")
    for name in args.only.split(","):
        pages = load(bench_dir, name)
        mb = sum(map(len, pages)) / 1e6
        # str pages as a reader hands them over: decoded with the charset unboil finds.
        texts = [p.decode(unboil.clean(p).encoding or "utf-8", errors="replace") for p in pages]
        print(f"\n{name}: {len(pages)} pages, {mb:.1f} MB")
        print(f"  {'':34} {'pages/s':>8} {'MB/s':>8} {'MB/CPU-s':>10}")
        cleaner = unboil.Cleaner()
        one, all_threads = time.thread_time, time.process_time
        runs = {
            "unboil.clean(bytes)": (lambda: [unboil.clean(p) for p in pages], one),
            "  Rust loop, same pages": (lambda: cleaner._clean_in_rust(pages), one),
            "unboil.clean(str)": (lambda: [unboil.clean(t) for t in texts], one),
            "  Rust loop, same str pages": (lambda: cleaner._clean_in_rust(texts), one),
            "unboil.clean_many(threads=1)": (lambda: unboil.clean_many(pages, threads=1), all_threads),
            "unboil.clean_many(threads=2)": (lambda: unboil.clean_many(pages, threads=2), all_threads),
        }
        times = dict(zip(runs, in_turns(list(runs.values()))))
        for label, fn in others(skip):
            times[label] = timed(lambda: [fn(p) for p in pages])
        for label, (wall, cpu) in times.items():
            print(f"  {label:34} {len(pages) / wall:8.1f} {mb / wall:8.2f} {mb / cpu:10.2f}", flush=True)
        if name in rust:
            pages_s, mb_s, mb_cpu = rust[name]
            print(f"  {'Rust examples/speed.rs':34} {pages_s:8.1f} {mb_s:8.2f} {mb_cpu:10.2f}")
        w1, w2 = times["unboil.clean_many(threads=1)"][0], times["unboil.clean_many(threads=2)"][0]
        print(f"  clean_many 2 threads / 1 thread: {w1 / w2:.2f}x (wall clock)")
        for py, rs in [
            ("unboil.clean(bytes)", "  Rust loop, same pages"),
            ("unboil.clean(str)", "  Rust loop, same str pages"),
            ("unboil.clean_many(threads=1)", "  Rust loop, same pages"),
        ]:
            extra = times[py][1] / times[rs][1] - 1
            print(f"  cost of calling from Python, {py}: {extra:+.1%} CPU time")


if __name__ == "__main__":
    main()
