#!/usr/bin/env python3
"""Train the page-type model (src/rules/page-type-model.txt).

Input: the features the bench writes for every page,
    cargo run --profile quick --example bench -- ../shared/bench --no-speed \
        --page-features /tmp/features.tsv
Then:
    python3 scripts/train_page_type.py /tmp/features.tsv [--write src/rules/page-type-model.txt]

The model is a multinomial logistic regression on standardized features
(scikit-learn), trained on the WCEB dev pages (labels: their `page_type`;
`blog` counts as article) plus the AEB pages (articles). It only runs on
pages that state no type (`stated` is `-`), so it is cross-validated there:
GroupKFold by site (host name), so no site is in both a training and a test
fold. Printed: CV accuracy per type and the confusion table on the pages
that state no type, for the model and for today's fallback (home page:
service, else article).
"""
import argparse
import csv
import sys
from collections import Counter

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

TYPES = ["article", "forum", "product", "service", "documentation", "listing", "collection"]


def load(path, tfeval_weight):
    with open(path) as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    names = [k for k in rows[0] if k not in ("bench", "id", "site", "half", "type", "stated")]
    keep = []
    for r in rows:
        if r["bench"] == "wceb":
            r["label"] = "article" if r["type"] == "blog" else r["type"]
        elif r["bench"] == "aeb":
            r["label"] = "article"
        elif tfeval_weight > 0 and r["stated"] == "-":
            # tfeval has no page types; its pages are mostly news and blog
            # posts, so as weak "article" labels they keep the model from
            # taking a German news page for a listing.
            r["label"] = "article"
        else:
            continue
        keep.append(r)
    X = np.array([[float(r[n]) for n in names] for r in keep])
    y = np.array([r["label"] for r in keep])
    groups = np.array([r["site"] for r in keep])
    unstated = np.array([r["stated"] == "-" for r in keep])
    home = np.array([float(r["url_home"]) > 0 and float(r["url_known"]) > 0 for r in keep])
    ids = [(r["bench"], r["id"]) for r in keep]
    weight = np.array([tfeval_weight if r["bench"] == "tfeval" else 1.0 for r in keep])
    return names, X, y, groups, unstated, home, ids, weight


def model(C):
    return LogisticRegression(C=C, max_iter=5000, class_weight="balanced")


def cv_predict(X, y, groups, train_mask, C, weight, folds=5):
    """Out-of-fold probabilities for every page, training on `train_mask` pages."""
    proba = np.zeros((len(y), len(TYPES)))
    for tr, te in GroupKFold(n_splits=folds).split(X, y, groups):
        tr = tr[train_mask[tr]]
        sc = StandardScaler().fit(X[tr])
        m = model(C).fit(sc.transform(X[tr]), y[tr], sample_weight=weight[tr])
        p = m.predict_proba(sc.transform(X[te]))
        for j, c in enumerate(m.classes_):
            proba[te, TYPES.index(c)] = p[:, j]
    return proba


def decide(proba, threshold, apply, home):
    """The model's type when it is one of `apply` and its probability is at
    least `threshold`, else what the cascade falls back to (a home page is a
    service page, anything else an article), as `page_type::classify` does."""
    out = []
    for p, h in zip(proba, home):
        k = int(np.argmax(p))
        if p[k] >= threshold and TYPES[k] in apply:
            out.append(TYPES[k])
        else:
            out.append("service" if h else "article")
    return np.array(out)


def report(title, y, pred):
    print(f"\n{title}: accuracy {np.mean(y == pred):.3f} ({len(y)} pages)")
    print("  rows truth, columns predicted:  " + "".join(f"{t[:5]:>6}" for t in TYPES) + "  recall")
    for t in TYPES:
        row = [np.sum((y == t) & (pred == u)) for u in TYPES]
        n = np.sum(y == t)
        if n:
            print(f"  {t:<30}" + "".join(f"{c:>6}" for c in row) + f"  {row[TYPES.index(t)] / n:.3f} ({n})")
    prec = [
        f"{t[:5]} {np.sum((y == t) & (pred == t)) / max(1, np.sum(pred == t)):.2f}" for t in TYPES
    ]
    print("  precision: " + ", ".join(prec))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("features")
    ap.add_argument("--write", help="model file to write")
    ap.add_argument("--cv-out", help="write the out-of-fold types of the pages that state none "
                    "(TSV `bench id type`, for the bench's --types)")
    ap.add_argument("--C", type=float, default=0.1)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--train", choices=["all", "unstated"], default="all")
    ap.add_argument("--tfeval-weight", type=float, default=0.0,
                    help="weight of tfeval pages that state no type, as articles (0: left out)")
    ap.add_argument("--apply", default=",".join(TYPES),
                    help="the types the model may give (comma-separated); others fall to article")
    a = ap.parse_args()
    names, X, y, groups, unstated, home, ids, weight = load(a.features, a.tfeval_weight)
    apply = a.apply.split(",")
    print(f"{len(y)} pages, {len(set(groups))} sites, {unstated.sum()} state no type: "
          f"{dict(Counter(y[unstated]))}")
    train_mask = np.ones(len(y), bool) if a.train == "all" else unstated
    base = np.where(home, "service", "article")
    report("today's fallback, pages that state no type", y[unstated], base[unstated])
    for C in sorted({0.01, 0.03, 0.1, 0.3, 1.0, a.C}):
        proba = cv_predict(X, y, groups, train_mask, C, weight)
        for t in (0.4, 0.5, 0.6, 0.7):
            pred = decide(proba, t, apply, home)
            print(f"C {C:<5} threshold {t}: CV accuracy on pages stating no type "
                  f"{np.mean(pred[unstated] == y[unstated]):.3f}, all pages {np.mean(pred == y):.3f}")
    proba = cv_predict(X, y, groups, train_mask, a.C, weight)
    pred = decide(proba, a.threshold, apply, home)
    report(f"model CV (C {a.C}, threshold {a.threshold}), pages that state no type",
           y[unstated], pred[unstated])
    if a.cv_out:
        with open(a.cv_out, "w") as f:
            for (bench, id_), t, u in zip(ids, pred, unstated):
                if u:
                    f.write(f"{bench}\t{id_}\t{t}\n")
    if a.write:
        sc = StandardScaler().fit(X[train_mask])
        m = model(a.C).fit(sc.transform(X[train_mask]), y[train_mask],
                           sample_weight=weight[train_mask])
        with open(a.write, "w") as f:
            f.write("# page-type model: multinomial logistic regression on standardized features\n")
            f.write("# written by scripts/train_page_type.py (see there); do not edit by hand\n")
            f.write(f"# C {a.C}, trained on {a.train} pages: {train_mask.sum()}, "
                    f"tfeval weight {a.tfeval_weight}\n")
            f.write(f"threshold {a.threshold}\n")
            f.write("apply " + " ".join(apply) + "\n")
            f.write("features " + " ".join(names) + "\n")
            f.write("mean " + " ".join(f"{v:.6g}" for v in sc.mean_) + "\n")
            f.write("scale " + " ".join(f"{v:.6g}" for v in sc.scale_) + "\n")
            for j, c in enumerate(m.classes_):
                f.write(f"{c} {m.intercept_[j]:.6g} " + " ".join(f"{v:.6g}" for v in m.coef_[j]) + "\n")
        print(f"\nwrote {a.write}")


if __name__ == "__main__":
    sys.exit(main())
