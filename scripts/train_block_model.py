#!/usr/bin/env python3
"""Train the block model (src/rules/block-model.txt).

Input: the features the bench writes for every block of every page,
    cargo run --profile quick --example bench -- ../shared/bench --no-speed \
        --block-features /tmp/blocks.tsv
Then:
    python3 scripts/train_block_model.py /tmp/blocks.tsv --out-dir /tmp/models \
        [--write src/rules/block-model.txt]

The model is gradient-boosted shallow regression trees (scikit-learn's
HistGradientBoostingClassifier) on the raw features; a block is positive
when most of its words are in the page's ground truth (the bench's label),
and each block weighs as many words as it has, as the shingle metric does.
tfeval blocks have labels only where a snippet says so (others are left
out). Cross-validation is by site half (the bench's split by host hash):
a model trained on half 0 is scored on half 1 and back; both are written
(`block-model-h0.txt`, `block-model-h1.txt` in --out-dir) for
`bench --block-model-cross`, the honest measure of a model trained on
these pages, and the model on all pages to `--write`.

Printed per held-out half: ROC AUC, and at some thresholds the words that
removed blocks the model would restore hold (in / out of the truth) and
the words that kept blocks it would drop hold.
"""
import argparse
import os

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score

META = ["bench", "id", "site", "half", "type", "words", "label", "text"]


def load(path, tfeval_weight):
    cache = path + ".pkl"
    if os.path.exists(cache) and os.path.getmtime(cache) > os.path.getmtime(path):
        df = pd.read_pickle(cache)
    else:
        df = pd.read_csv(path, sep="\t", quoting=3, keep_default_na=False, low_memory=False)
        df.to_pickle(cache)
    names = [c for c in df.columns if c not in META]
    df = df[df["label"] >= 0]
    y = (df["label"].to_numpy() >= 0.5).astype(int)
    words = np.maximum(df["words"].to_numpy(dtype=float), 1.0)
    # A block weighs its share of its page's words in the truth: what it
    # is worth to the page's recall (pages count alike in the metric).
    key = df["bench"] + "/" + df["id"].astype(str)
    truth_words = pd.Series(words * y).groupby(key.to_numpy()).transform("sum").to_numpy()
    w = words / np.maximum(truth_words, 50.0)
    w = np.where(df["bench"].to_numpy() == "tfeval", w * tfeval_weight, w)
    X = df[names].to_numpy(dtype=np.float32)
    return names, df, X, y, w


def fit(X, y, w, args):
    m = HistGradientBoostingClassifier(
        max_iter=args.trees,
        max_depth=args.depth,
        learning_rate=args.rate,
        min_samples_leaf=args.min_leaf,
        l2_regularization=1.0,
        early_stopping=False,
        random_state=0,
    )
    m.fit(X, y, sample_weight=w / w.mean())
    return m


def trees_of(m):
    """The fitted trees as node lists, in the model file's notation."""
    out = []
    for (pred,) in m._predictors:
        nodes = pred.nodes
        toks = []
        for nd in nodes:
            if nd["is_leaf"]:
                toks.append("L %.6g" % nd["value"])
            else:
                toks.append(
                    "%d %.9g %d %d"
                    % (nd["feature_idx"], nd["num_threshold"], nd["left"], nd["right"])
                )
        out.append(" ".join(toks))
    return out


def raw_score(m, X):
    """The model's log-odds as the Rust side computes them (a check)."""
    z = np.full(len(X), float(np.ravel(m._baseline_prediction)[0]))
    for (pred,) in m._predictors:
        nodes = pred.nodes
        at = np.zeros(len(X), dtype=int)
        for _ in range(64):
            leaf = nodes["is_leaf"][at].astype(bool)
            if leaf.all():
                break
            f = nodes["feature_idx"][at]
            t = nodes["num_threshold"][at]
            go_left = X[np.arange(len(X)), f] <= t
            nxt = np.where(go_left, nodes["left"][at], nodes["right"][at])
            at = np.where(leaf, at, nxt)
        z += nodes["value"][at]
    return z


def write(models, names, path, note):
    with open(path, "w") as f:
        f.write("# block model: gradient-boosted regression trees on raw features\n")
        f.write("# written by scripts/train_block_model.py (see there); do not edit by hand\n")
        f.write("# %s\n" % note)
        f.write("features %s\n" % " ".join(names))
        for section, m in models:
            f.write("model %s\n" % section)
            f.write("bias %.9g\n" % float(np.ravel(m._baseline_prediction)[0]))
            for t in trees_of(m):
                f.write("tree %s\n" % t)


def report(df, X, y, w, p, kept):
    words = df["words"].to_numpy(dtype=float)
    types = df["type"].to_numpy()
    print("  AUC %.4f (blocks %d)" % (roc_auc_score(y, p, sample_weight=w), len(y)))
    ts = [0.4, 0.5, 0.6, 0.7, 0.8, 0.9] if not kept else [0.5, 0.4, 0.3, 0.2, 0.1, 0.05]
    for t in ts:
        r = (p >= t) if not kept else (p < t)
        line = "  %s %.2f: %6d blocks, words in %7d out %7d weight in %6.2f out %6.2f |" % (
            "restore p>=" if not kept else "drop p<", t, r.sum(),
            words[r & (y == 1)].sum(), words[r & (y == 0)].sum(),
            w[r & (y == 1)].sum(), w[r & (y == 0)].sum())
        for ty in ["article", "forum", "service", "product", "documentation", "listing",
                   "collection", "-"]:
            s = r & (types == ty)
            line += " %s %.1f/%.1f" % (ty[:4], w[s & (y == 1)].sum(), w[s & (y == 0)].sum())
        print(line)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("features")
    ap.add_argument("--out-dir", default="/tmp/block-models")
    ap.add_argument("--write")
    ap.add_argument("--trees", type=int, default=60)
    ap.add_argument("--depth", type=int, default=4)
    ap.add_argument("--rate", type=float, default=0.15)
    ap.add_argument("--min-leaf", type=int, default=200)
    ap.add_argument("--tfeval-weight", type=float, default=1.0)
    ap.add_argument("--restore-only", action="store_true",
                    help="write only the restore trees to --write (the drop trees measured no better)")
    args = ap.parse_args()
    names, df, X, y, w = load(args.features, args.tfeval_weight)
    print("blocks %d, positive words %.3f" % (len(y), (w * y).sum() / w.sum()))
    os.makedirs(args.out_dir, exist_ok=True)
    half = df["half"].to_numpy()
    note = "trees %d, depth %d, rate %g, min leaf %d, tfeval weight %g" % (
        args.trees, args.depth, args.rate, args.min_leaf, args.tfeval_weight)
    kept = X[:, 0] > 0.5
    # Copies of kept text (reason 13, `Reason::Repeat`) are never restored.
    candidate = ~kept & (X[:, names.index("reason_13")] < 0.5)
    for h in (0, 1):
        models = []
        for section, sel in (("restore", candidate), ("drop", kept)):
            tr, te = (half == h) & sel, (half != h) & sel
            m = fit(X[tr], y[tr], w[tr], args)
            p = m.predict_proba(X[te])[:, 1]
            z = raw_score(m, X[te][:2000])
            assert np.allclose(1 / (1 + np.exp(-z)), p[:2000], atol=1e-5), "tree walk differs"
            print("%s: trained on half %d, scored on half %d:" % (section, h, 1 - h))
            report(df[te], X[te], y[te], w[te], p, section == "drop")
            models.append((section, m))
        write(models, names, os.path.join(args.out_dir, "block-model-h%d.txt" % h),
              note + ", trained on half %d" % h)
    if args.write:
        sections = (("restore", candidate),) if args.restore_only else (
            ("restore", candidate), ("drop", kept))
        models = [(sec, fit(X[sel], y[sel], w[sel], args)) for sec, sel in sections]
        write(models, names, args.write, note + ", trained on all pages")


if __name__ == "__main__":
    main()
