#!/usr/bin/env python3
"""Train the promo-line model (src/rules/cta-model.bin).

A logistic regression over hashed word uni- and bigrams and character
4-grams of one line. Positives: our labelled promo lines (tests/data/cta sets
1-11). Negatives: their near misses and short content lines, and the short
lines of the ground-truth texts of ../shared/bench's AEB and WCEB dev pages
(weight CONTENT_WEIGHT each): without real pages' own lines the model took
6-10% of them (a shop's "Add a gift note", a manual's "Install the CLI"),
trained only on our sentences. The call-to-action detector's cue rules
catch the families they were written for; the model is their second
opinion for wordings no rule names, taken only when sure (CtaParams
`model_threshold`). src/cta_model.rs computes the same features in plain
Rust (keep `features` here and there in step; the parity lines printed by
--write are checked by a test there).

    python3 scripts/train_cta_model.py --cv --bench ../shared/bench   # leave one set out
    python3 scripts/train_cta_model.py --write --bench ../shared/bench [--half 0|1]

--half trains on the bench sites of one half only (the bench's host-hash
split), so that the other half scores the model on sites it never saw:
that is how the threshold was chosen (README, "Measuring"). Sets 12 and
13 are never trained on: they are the unseen wording the detector is
measured on (`unseen_set_twelve`, `unseen_set_thirteen`). Sets 8-11 were
added once each had been read for a cue round (the model was trained on
sets 1-7 until the ninth round, on 1-10 until after the tenth).
Needs numpy, scipy and scikit-learn.
"""
import argparse
import math
import os
import struct
import sys

NBITS = 17
NB = 1 << NBITS
C = 8.0
DATA = os.path.join(os.path.dirname(__file__), "..", "tests", "data", "cta")
# Training sets: (promo file, near-miss files). Sets 12 and 13 are held out.
SETS = [
    ("promo.txt", ["near-miss.txt", "near-miss-content.txt"]),
    ("promo-heldout.txt", ["near-miss-heldout.txt"]),
    ("promo-heldout2.txt", ["near-miss-heldout2.txt"]),
    ("promo-heldout3.txt", ["near-miss-heldout3.txt"]),
    ("promo-heldout4.txt", ["near-miss-heldout4.txt"]),
    ("promo-heldout5.txt", ["near-miss-heldout5.txt"]),
    ("promo-heldout6.txt", ["near-miss-heldout6.txt"]),
    ("promo-heldout7.txt", ["near-miss-heldout7.txt"]),
    ("promo-heldout8.txt", ["near-miss-heldout8.txt"]),
    ("promo-heldout9.txt", ["near-miss-heldout9.txt"]),
    ("promo-heldout10.txt", ["near-miss-heldout10.txt"]),
    ("promo-heldout11.txt", ["near-miss-heldout11.txt"]),
]
# Lines whose probability the Rust side must reproduce (tests/cta.rs).
PARITY = [
    "Text ALERTS to 55123 to get breaking news on your phone.",
    "Die Stadt verschickt Warnungen per SMS an 9.000 Haushalte.",
    "¿Te gustó? Compártelo con un amigo 👉",
    "Inscrivez-vous à notre lettre du matin, c'est gratuit.",
    "The council voted 7-2 to approve the new budget on Tuesday.",
]


def fnv(s):
    h = 0x811C9DC5
    for b in s.encode("utf-8"):
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def tokens(s):
    """Lower-cased words (ASCII digits as 0) and single symbols."""
    out, cur = [], []
    for ch in s.lower():
        if "0" <= ch <= "9":
            ch = "0"
        if ch.isalnum():
            cur.append(ch)
            continue
        if cur:
            out.append("".join(cur))
            cur = []
        if not ch.isspace():
            out.append(ch)
    if cur:
        out.append("".join(cur))
    return out


def features(s):
    """Bucket -> value: word uni+bigrams and the character 4-grams of each
    word padded with spaces (3- and 5-grams as well measured the same on
    held-out sets, at three times the cost), each group scaled by the square root of
    its number of features, and a bucket for the line's length in 25-byte
    steps."""
    t = tokens(s)
    words = {}
    for x in t:
        words["w" + x] = words.get("w" + x, 0) + 1
    for a, b in zip(t, t[1:]):
        k = "b" + a + " " + b
        words[k] = words.get(k, 0) + 1
    grams = {}
    for x in t:
        if not x[0].isalnum():
            continue
        p = " " + x + " "
        for i in range(len(p) - 3):
            k = "c" + p[i : i + 4]
            grams[k] = grams.get(k, 0) + 1
    out = {}
    for group in (words, grams):
        # Scaled by the square root of the number of features (not the l2
        # norm of their counts): the Rust side needs no table of counts.
        norm = math.sqrt(sum(group.values())) or 1.0
        for k, v in group.items():
            h = fnv(k) % NB
            out[h] = out.get(h, 0.0) + v / norm
    h = fnv("L%d" % min(len(s.encode("utf-8")) // 25, 12)) % NB
    out[h] = out.get(h, 0.0) + 1.0
    return out


def load(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def matrix(lines):
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for i, line in enumerate(lines):
        for h, v in features(line).items():
            rows.append(i)
            cols.append(h)
            vals.append(v)
    return csr_matrix((vals, (rows, cols)), shape=(len(lines), NB))


def host_half(url):
    """The bench's site half (examples/bench.rs `half`): FNV-1a of the host."""
    rest = url.split("://", 1)[-1]
    host = rest.split("/")[0].split("?")[0].split("#")[0].rsplit("@", 1)[-1].split(":")[0].lower()
    host = host[4:] if host.startswith("www.") else host
    return fnv(host) % 2


def bench_lines(bench, half):
    """The short lines of the ground-truth texts of AEB's and WCEB's dev
    pages in ../shared/bench and tfeval's short main-text snippets: real
    content, what the synthetic near misses cannot show. Only sites of
    `half` (0, 1, or None for all)."""
    import json

    content = []
    for name in ("aeb", "wceb"):
        with open(os.path.join(bench, name, "ground-truth.json"), encoding="utf-8") as f:
            truth = json.load(f)
        for page in truth.values():
            if half is not None and host_half(page.get("url", "")) != half:
                continue
            for line in page.get("articleBody", "").split("\n"):
                line = " ".join(line.split())
                if 12 <= len(line.encode("utf-8")) <= 240:
                    content.append(line)
    # tfeval's truth is snippets of the main text (`with`), keyed by page.
    with open(os.path.join(bench, "tfeval", "evaldata.json"), encoding="utf-8") as f:
        tfeval = json.load(f)
    for key, page in tfeval.items():
        if half is not None and host_half(key) != half:
            continue
        for snip in page.get("with", []):
            snip = " ".join(snip.split())
            if 12 <= len(snip.encode("utf-8")) <= 240:
                content.append(snip)
    return content


# Weight of one real content line against one labelled line: the bench has
# ten times as many, and they are to teach the model what real pages' own
# short lines look like, not to outvote the labelled near misses.
CONTENT_WEIGHT = 0.3


def fit(sets, bench=None, half=None):
    from sklearn.linear_model import LogisticRegression

    promo = [l for p, _ in sets for l in load(p)]
    near = [l for _, ns in sets for n in ns for l in load(n)]
    content = bench_lines(bench, half) if bench else []
    lines = promo + near + content
    labels = [1] * len(promo) + [0] * (len(near) + len(content))
    weights = [1.0] * (len(promo) + len(near)) + [CONTENT_WEIGHT] * len(content)
    m = LogisticRegression(C=C, max_iter=5000)
    m.fit(matrix(lines), labels, sample_weight=weights)
    print(f"trained on {len(promo)} promo, {len(near)} near-miss, {len(content)} bench content lines", file=sys.stderr)
    return m


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cv", action="store_true", help="leave each held-out set out in turn")
    ap.add_argument("--write", action="store_true", help="train on every set, write the model")
    ap.add_argument("--bench", help="../shared/bench: add its dev pages' real lines")
    ap.add_argument("--half", type=int, help="only the bench sites of this half (0 or 1)")
    a = ap.parse_args()
    if a.cv:
        for k in range(1, len(SETS)):
            m = fit(SETS[:k] + SETS[k + 1 :], a.bench, a.half)
            p = m.predict_proba(matrix(load(SETS[k][0])))[:, 1]
            n = m.predict_proba(matrix([l for f in SETS[k][1] for l in load(f)]))[:, 1]
            row = " ".join(
                f"t{t}: {(p >= t).mean():.3f}/{(n < t).mean():.3f}" for t in (0.5, 0.7, 0.8, 0.9)
            )
            print(f"{SETS[k][0]} left out (promo removed / near kept, model alone): {row}")
    if a.write:
        m = fit(SETS, a.bench, a.half)
        w = m.coef_[0]
        scale = float(abs(w).max()) / 32767.0
        q = [int(round(x / scale)) for x in w]
        out = os.path.join(os.path.dirname(__file__), "..", "src", "rules", "cta-model.bin")
        with open(out, "wb") as f:
            f.write(b"UBCM")
            f.write(struct.pack("<Iff", NBITS, scale, float(m.intercept_[0])))
            f.write(struct.pack("<%dh" % NB, *q))
        # The probabilities the quantised model gives the parity lines.
        for line in PARITY:
            z = float(m.intercept_[0]) + sum(q[h] * scale * v for h, v in features(line).items())
            print(f"{1 / (1 + math.exp(-z)):.4f}\t{line}")
        print(f"wrote {out}: {NB} weights, scale {scale:.3e}", file=sys.stderr)


if __name__ == "__main__":
    main()
