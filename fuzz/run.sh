#!/bin/sh
# Fuzz the `clean` target (fuzz/fuzz_targets/clean.rs) on the stable
# toolchain. Seeds: every corpus/*.html page, and all of them as one page,
# behind four option headers (plain text; Markdown, HTML and JSON with
# structure, metadata, images, links and a page URL), written at run time
# into fuzz/corpus/clean/ (gitignored), where libFuzzer also keeps what it
# finds. Inputs up to
# 128 KiB, the HTML token dictionary fuzz/html.dict; more libFuzzer flags
# after the script's name, e.g.
#   fuzz/run.sh -max_total_time=1800        # one job, one worker, 30 minutes
# Crashes land in fuzz/artifacts/clean/; replay one with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run clean fuzz/artifacts/clean/crash-...
set -eu
cd "$(dirname "$0")/.."
seeds=fuzz/corpus/clean
mkdir -p "$seeds"
# The first four bytes choose the options (see `config` in clean.rs).
heads='\000\000\000\000 \340\031\004\000 \340\032\014\000 \340\035\010\000'
for head in $heads; do
    tag=$(printf "$head" | od -An -tx1 | tr -d ' \n')
    for page in corpus/*.html; do
        { printf "$head"; cat "$page"; } >"$seeds/seed-$(basename "$page" .html)-$tag"
    done
    # One big page too: all of them in one (about 73 KB), so large inputs
    # are explored from the start.
    { printf "$head"; cat corpus/*.html; } | head -c 131072 >"$seeds/seed-all-$tag"
done
RUSTC_BOOTSTRAP=1 exec cargo fuzz run clean "$seeds" -- \
    -max_len=131072 -dict=fuzz/html.dict "$@"
