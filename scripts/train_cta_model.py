#!/usr/bin/env python3
"""Train the promo-line model (src/rules/cta-model.bin).

A logistic regression over hashed word uni- and bigrams and character
4-grams of one line, stacked on the cue rules: it reads their verdict too
(src/cta.rs `Cues`: the signal bits, a half-point bucket of the score,
completeness, and n-grams of the line's cue classes, "imperative _ self
promo", which are the same in every language the lexicon covers), taken
per line from examples/cta_signals.rs so that the script sees what the
library computes. Positives: our labelled promo lines (tests/data/cta sets
1-11, 14, 15 and 17-19). Negatives: their near misses and short content lines, and the
short lines of the ground-truth texts of ../shared/bench's AEB and WCEB dev
pages (weight CONTENT_WEIGHT each): without real pages' own lines the model
took 6-10% of them (a shop's "Add a gift note", a manual's "Install the
CLI"), trained only on our sentences. The call-to-action detector's cue
rules catch the families they were written for; the model is their second
opinion for wordings no rule names, taken only when sure (CtaParams
`model_threshold`, on a line with a cue of a call or an object or of
`model_min_words`). src/cta_model.rs computes the same features in plain
Rust (keep `features` and `stack_features` here and there in step; the
parity lines printed by --write are checked by a test there).

    python3 scripts/train_cta_model.py --cv --first 8 --bench ../shared/bench   # leave one set out
    python3 scripts/train_cta_model.py --bench-check --bench ../shared/bench    # bench halves
    python3 scripts/train_cta_model.py --write --bench ../shared/bench [--half 0|1]

--cv and --bench-check report the detector, rules and model together (the
rules' verdict in the middle of a text, the model at each gate and
threshold); --plain scores the words-only model, --dump writes each line's
probability for a closer look. --half trains on the bench sites of one
half only (the bench's host-hash split), so that the other half scores the
model on sites it never saw: that is how the threshold was chosen (README,
"Measuring"). Sets 12, 13, 16 and 20-24 are never trained on: they are the
unseen wording the detector is measured on (`unseen_set_twelve`,
`unseen_set_thirteen`, `unseen_set_sixteen`, `unseen_set_twenty` ...). Sets 8-11 were added once each had been read for a
cue round; since the rules were tuned on them, their folds flatter the
stacked features, and sets 14, 15 and 17-19 (read by no rule) are the
honest folds (--cv --first 12).
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
# Training sets: (promo file, near-miss files). Sets 12, 13, 16 and 20-24 are held out.
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
# Set 14 (helper D, 2026-12-04): written after every cue round, so read by
# no rule: the honest fold of --cv (--cv --first 12 scores it alone); in
# training unless --without14.
SET14 = ("promo-heldout14.txt", ["near-miss-heldout14.txt"])
# Set 15 (helper W, 2026-12-04; read by no rule either), measured once
# before training; its sibling set 16 is held out like 12 and 13.
SET15 = ("promo-heldout15.txt", ["near-miss-heldout15.txt"])
# Set 17 (helper V, 2026-12-04; the whole web: shops, recipes, docs,
# forums), measured once before training.
SET17 = ("promo-heldout17.txt", ["near-miss-heldout17.txt"])
# Sets 18 (news and magazine publishers) and 19 (blogs, SaaS, nonprofits,
# courses, forums, local services), helpers, 2026-12-04, read by no rule:
# measured once before training (tests/cta.rs).
SET18 = ("promo-heldout18.txt", ["near-miss-heldout18.txt"])
SET19 = ("promo-heldout19.txt", ["near-miss-heldout19.txt"])
# Sets 20 (implicit calls: "Members get it first.", "Only 3 left at this
# price"), 21 (German, French and Spanish with regional forms) and 22 (what
# is left inside crawled text), helpers, 2026-12-04, read by no rule, are
# held out like 12, 13 and 16 (--with20 trains on 21 and 22, --with20all
# on all three, for the folds). Trained on, 21 and 22 lifted the other
# folds by 0.00-0.01 and set 20 by 0.00-0.03 more, but both pushed the
# model's test line "Our reporter took the first ferry on Monday morning."
# over the threshold (0.89 -> 0.93, with 20 0.98; "Unser heutiger Gast
# berichtet von" taken): what the model knows of "our" with a newsroom
# word is mostly appeals.
SET20 = ("promo-heldout20.txt", ["near-miss-heldout20.txt"])
SET21 = ("promo-heldout21.txt", ["near-miss-heldout21.txt"])
SET22 = ("promo-heldout22.txt", ["near-miss-heldout22.txt"])
# Lines whose probability the Rust side must reproduce (tests/cta.rs).
PARITY = [
    "Text ALERTS to 55123 to get breaking news on your phone.",
    "Die Stadt verschickt Warnungen per SMS an 9.000 Haushalte.",
    "¿Te gustó? Compártelo con un amigo 👉",
    "Inscrivez-vous à notre lettre du matin, c'est gratuit.",
    "The council voted 7-2 to approve the new budget on Tuesday.",
    "Members get it first.",
    "Our reporter took the first ferry on Monday morning.",
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


# The rules' output the stacked model reads beside the words (src/cta.rs
# `Cues`, printed per line by examples/cta_signals.rs): signal bits not
# used (the position and the model's own bit), and the default bounds of
# the score's buckets.
EDGE = 1 << 16
MODEL = 1 << 37
CUED_CONTEXT = (1 << 11) | (1 << 12) | EDGE | (1 << 17) | (1 << 18)
QUOTE = 1 << 19
STACK = True
PARTS = ("classes", "signals")
SCALE = 1.0
CUES = {}


def cue_lines(lines):
    """Run examples/cta_signals.rs once on every line not seen yet."""
    import subprocess

    todo = sorted({l for l in lines if l not in CUES})
    if not todo:
        return
    root = os.path.join(os.path.dirname(__file__), "..")
    cmd = ["cargo", "run", "-q", "--profile", "quick", "--example", "cta_signals"]
    out = subprocess.run(
        cmd, cwd=root, input="\n".join(todo) + "\n", capture_output=True, text=True, check=True
    ).stdout.split("\n")
    for line, row in zip(todo, out):
        f = row.split("\t")
        toks = [] if f[5] == "-" else f[5].split(" ")
        CUES[line] = (int(f[0]), float(f[1]), int(f[2]), int(f[3]), int(f[4]), toks)


def bucket(score):
    return max(-8, min(16, math.floor(score * 2)))


def stack_features(cue):
    """Features of the rules' output: n-grams (1-3) of the cue-class
    tokens between `^` and `$` and each class named in them, scaled by the
    square root of their number as a group; and one feature each for the
    signal bits, the score's half-point bucket and completeness."""
    signals, score, complete, _, _, toks = cue
    t = ["^"] + toks + ["$"]
    group = {}

    def add(k):
        group[k] = group.get(k, 0) + 1

    for x in toks:
        add("q" + x)
        if x != "_":
            for name in x.split("+"):
                add("k" + name)
    for a, b in zip(t, t[1:]):
        add("r" + a + " " + b)
    for a, b, c in zip(t, t[1:], t[2:]):
        add("s" + a + " " + b + " " + c)
    out = {}
    norm = math.sqrt(sum(group.values())) or 1.0
    if "classes" in PARTS:
        for k, v in group.items():
            h = fnv(k) % NB
            out[h] = out.get(h, 0.0) + SCALE * v / norm
    fixed = []
    if "signals" in PARTS or "bits" in PARTS:
        fixed += ["g%d" % i for i in range(64) if signals >> i & 1 and not (1 << i) & (EDGE | MODEL)]
    if "signals" in PARTS:
        fixed += ["S%d" % bucket(score), "C%d" % complete]
    for k in fixed:
        h = fnv(k) % NB
        out[h] = out.get(h, 0.0) + SCALE
    return out


def all_features(line):
    f = features(line)
    if STACK:
        for h, v in stack_features(CUES[line]).items():
            f[h] = f.get(h, 0.0) + v
    return f


def load(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def matrix(lines):
    from scipy.sparse import csr_matrix

    if STACK:
        cue_lines(lines)
    rows, cols, vals = [], [], []
    for i, line in enumerate(lines):
        for h, v in all_features(line).items():
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


GATES = ("cued", "any", "words", "none")
WORDS = 2
GATE_SET = set()
THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95)


def gated(line, gate):
    """The line reaches the model under `gate`: `cued` (today's: a cue of
    a call or an object), `any` (any cue word), `none` (every line); never
    a reported quote or a line over model_max_len."""
    signals, toks = CUES[line][0], CUES[line][5]
    if signals & QUOTE or len(line.encode("utf-8")) > 240:
        return False
    if gate == "cued":
        return signals & ~CUED_CONTEXT != 0
    if gate == "any":
        return any(x != "_" for x in toks)
    if gate == "words":
        # A cue of a call or an object, or a line of two words at least
        # (CtaParams `model_min_words`; 4 before stop 27, when 2 and 3
        # were measured in the folds: 2 took the most, the bench equal).
        return signals & ~CUED_CONTEXT != 0 or len(line.split()) >= WORDS
    return True


def removed(lines, probs, gate, t):
    """Share of `lines` the detector removes in the middle of a text: the
    rules' verdict, or the model's at `gate` and threshold `t`."""
    if not lines:
        return 0.0
    n = sum(1 for l, p in zip(lines, probs) if CUES[l][3] or (p >= t and gated(l, gate)))
    return n / len(lines)


def report(name, promo, pp, near, pn):
    cue_lines(promo + near)
    rules = f"rules {removed(promo, pp, 'cued', 9):.3f}/{1 - removed(near, pn, 'cued', 9):.3f}"
    print(f"{name}: {rules}")
    for gate in GATES:
        if gate not in GATE_SET:
            continue
        row = " ".join(
            f"t{t}: {removed(promo, pp, gate, t):.3f}/{1 - removed(near, pn, gate, t):.3f}"
            for t in THRESHOLDS
        )
        print(f"  gate {gate:4} (promo removed / near kept, rules + model): {row}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cv", action="store_true", help="leave each held-out set out in turn")
    ap.add_argument("--write", action="store_true", help="train on every set, write the model")
    ap.add_argument("--bench", help="../shared/bench: add its dev pages' real lines")
    ap.add_argument("--half", type=int, help="only the bench sites of this half (0 or 1)")
    ap.add_argument("--plain", action="store_true", help="the words alone, no stacked features")
    ap.add_argument("--parts", default="classes,signals", help="stacked feature groups")
    ap.add_argument("--scale", type=float, default=1.0, help="value of a stacked feature")
    ap.add_argument("--gates", default=",".join(GATES))
    ap.add_argument("--dump", help="append each judged line's probability to this TSV")
    ap.add_argument("--first", type=int, default=1, help="--cv: the first set left out")
    ap.add_argument(
        "--bench-check",
        action="store_true",
        help="train on one bench half, report the share of the other half's lines removed",
    )
    ap.add_argument("--without14", action="store_true", help="leave set 14 out of training")
    ap.add_argument("--without15", action="store_true", help="leave sets 15 and 17 out of training")
    ap.add_argument("--without18", action="store_true", help="leave sets 18 and 19 out of training")
    ap.add_argument("--with20", action="store_true", help="train on sets 21 and 22 too (held out)")
    ap.add_argument("--with20all", action="store_true", help="train on sets 20-22 too (held out)")
    a = ap.parse_args()
    if not a.without14:
        SETS.append(SET14)
    if not a.without15:
        SETS.append(SET15)
        SETS.append(SET17)
    if not a.without18:
        SETS.append(SET18)
        SETS.append(SET19)
    if a.with20 or a.with20all:
        SETS.extend([SET21, SET22] + ([SET20] if a.with20all else []))
    global STACK, PARTS, SCALE
    STACK = not a.plain
    GATE_SET.update(a.gates.split(","))
    PARTS = tuple(a.parts.split(","))
    SCALE = a.scale
    if a.cv:
        for k in range(a.first, len(SETS)):
            m = fit(SETS[:k] + SETS[k + 1 :], a.bench, a.half)
            promo = load(SETS[k][0])
            near = [l for f in SETS[k][1] for l in load(f)]
            pp = m.predict_proba(matrix(promo))[:, 1]
            pn = m.predict_proba(matrix(near))[:, 1]
            report(f"{SETS[k][0]} left out", promo, pp, near, pn)
            if a.dump:
                with open(a.dump, "a", encoding="utf-8") as f:
                    for kind, ls, ps in (("promo", promo, pp), ("near", near, pn)):
                        for l, q in zip(ls, ps):
                            f.write(f"cv{k}\t{kind}\t{q:.5f}\t{l}\n")
            sys.stdout.flush()
    if a.bench_check:
        for half in (0, 1):
            m = fit(SETS, a.bench, half)
            lines = bench_lines(a.bench, 1 - half)
            probs = m.predict_proba(matrix(lines))[:, 1]
            cue_lines(lines)
            if a.dump:
                with open(a.dump, "a", encoding="utf-8") as f:
                    for l, q in zip(lines, probs):
                        f.write(f"bench{1 - half}\tcontent\t{q:.5f}\t{l}\n")
            row = f"rules {removed(lines, probs, 'cued', 9):.4f}"
            for gate in GATES:
                if gate not in GATE_SET:
                    continue
                row += f"\n  gate {gate:4}: " + " ".join(
                    f"t{t}: {removed(lines, probs, gate, t):.4f}" for t in THRESHOLDS
                )
            print(f"bench half {1 - half} ({len(lines)} lines), trained on half {half}, share removed: {row}")
            sys.stdout.flush()
    if a.write:
        m = fit(SETS, a.bench, a.half)
        w = m.coef_[0]
        scale = float(abs(w).max()) / 32767.0
        q = [int(round(x / scale)) for x in w]
        out = os.path.join(os.path.dirname(__file__), "..", "src", "rules", "cta-model.bin")
        with open(out, "wb") as f:
            f.write(b"UBCS" if STACK else b"UBCM")
            f.write(struct.pack("<Iff", NBITS, scale, float(m.intercept_[0])))
            f.write(struct.pack("<%dh" % NB, *q))
        # The probabilities the quantised model gives the parity lines.
        if STACK:
            cue_lines(PARITY)
        for line in PARITY:
            z = float(m.intercept_[0]) + sum(q[h] * scale * v for h, v in all_features(line).items())
            print(f"{1 / (1 + math.exp(-z)):.4f}\t{line}")
        print(f"wrote {out}: {NB} weights, scale {scale:.3e}", file=sys.stderr)


if __name__ == "__main__":
    main()
