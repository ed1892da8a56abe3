//! Quality metrics for the two extraction benchmarks described in
//! `../shared/bench/README.md`, implemented exactly as that file specifies so that
//! our figures compare with the published tables. [`aeb_page`] / [`aeb_score`] give
//! the article-extraction-benchmark shingle metric (tokens are `\w+` matches, a page
//! is the multiset of its 4-token windows, per-page counts are normalised, and
//! precision and recall are averaged over eligible pages); [`tfeval_page`] /
//! [`tfeval_score`] give the trafilatura snippet metric (white space collapsed, each
//! `with` snippet found is a true positive, each `without` snippet found a false
//! positive, counts summed over all pages). The module depends only on `regex` and
//! `std`; the benchmark harness lives in `examples/bench.rs`.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// Matches one token: a run of Unicode word characters.
static TOKEN_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\w+").expect("token regex is valid"));

/// Number of tokens in one AEB shingle.
const SHINGLE_LEN: usize = 4;

/// Precision, recall and their harmonic mean.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    /// Builds a `Prf` from precision and recall; F1 is 0 when both are 0.
    pub fn new(precision: f64, recall: f64) -> Self {
        Prf {
            precision,
            recall,
            f1: f1(precision, recall),
        }
    }
}

/// `2PR / (P + R)`, or 0 when `P + R` is 0.
pub fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    }
}

/// Per-page counts of the AEB metric.
///
/// `tp`, `fp` and `fn_` are shingle counts divided by `tp + fp + fn` (left as they
/// are when that sum is 0), so on a non-empty page they add up to 1.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AebCounts {
    pub tp: f64,
    pub fp: f64,
    /// False negatives (`fn` is a keyword).
    pub fn_: f64,
    /// `tp + fp > 0`: the page counts towards the mean precision.
    pub precision_eligible: bool,
    /// `tp + fn > 0`: the page counts towards the mean recall.
    pub recall_eligible: bool,
}

impl AebCounts {
    /// Page precision: 1 when `fp = fn = 0`, 0 when `tp = fp = 0`, else `tp / (tp + fp)`.
    pub fn precision(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fp == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fp)
        }
    }

    /// Page recall: 1 when `fp = fn = 0`, 0 when `tp = fn = 0`, else `tp / (tp + fn)`.
    pub fn recall(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fn_ == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fn_)
        }
    }

    /// Page F1 from [`precision`](Self::precision) and [`recall`](Self::recall)
    /// (for listing the worst pages; the benchmark F1 comes from [`aeb_score`]).
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

/// The tokens of `text`: matches of `\w+` (Unicode word characters), in order.
pub fn tokens(text: &str) -> Vec<&str> {
    TOKEN_RE.find_iter(text).map(|m| m.as_str()).collect()
}

/// The multiset of 4-token shingles of `tokens`, as shingle -> count.
///
/// Fewer than four tokens make a single shingle of all of them; no tokens make none.
fn shingles<'a, 't>(tokens: &'t [&'a str]) -> HashMap<&'t [&'a str], i64> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    if tokens.len() < SHINGLE_LEN {
        counts.insert(tokens, 1);
        return counts;
    }
    for window in tokens.windows(SHINGLE_LEN) {
        *counts.entry(window).or_insert(0) += 1;
    }
    counts
}

/// AEB counts for one page: `truth` is the reference article body, `pred` the
/// extractor's output (pass `""` when there is none).
pub fn aeb_page(truth: &str, pred: &str) -> AebCounts {
    let truth_tokens = tokens(truth);
    let pred_tokens = tokens(pred);
    let truth_shingles = shingles(&truth_tokens);
    let pred_shingles = shingles(&pred_tokens);

    let (mut tp, mut fp, mut fn_) = (0i64, 0i64, 0i64);
    for (shingle, &t) in &truth_shingles {
        let p = pred_shingles.get(shingle).copied().unwrap_or(0);
        tp += t.min(p);
        fp += (p - t).max(0);
        fn_ += (t - p).max(0);
    }
    // Shingles only in the prediction are all false positives.
    fp += pred_shingles
        .iter()
        .filter(|(shingle, _)| !truth_shingles.contains_key(*shingle))
        .map(|(_, &p)| p)
        .sum::<i64>();

    let (mut tp, mut fp, mut fn_) = (tp as f64, fp as f64, fn_ as f64);
    let sum = tp + fp + fn_;
    if sum > 0.0 {
        tp /= sum;
        fp /= sum;
        fn_ /= sum;
    }
    AebCounts {
        tp,
        fp,
        fn_,
        precision_eligible: tp + fp > 0.0,
        recall_eligible: tp + fn_ > 0.0,
    }
}

/// Mean of `values`, or 0 for an empty sequence.
fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

/// Benchmark AEB score: precision is the mean page precision over pages with
/// `tp + fp > 0`, recall the mean page recall over pages with `tp + fn > 0`, and
/// F1 = 2PR/(P+R). A mean over no pages is 0.
pub fn aeb_score(pages: &[AebCounts]) -> Prf {
    let precision = mean(
        pages
            .iter()
            .filter(|c| c.precision_eligible)
            .map(AebCounts::precision),
    );
    let recall = mean(
        pages
            .iter()
            .filter(|c| c.recall_eligible)
            .map(AebCounts::recall),
    );
    Prf::new(precision, recall)
}

/// Per-page (or summed) counts of the tfeval snippet metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TfCounts {
    /// `with` snippets found in the output.
    pub tp: usize,
    /// `with` snippets missing from the output (`fn` is a keyword).
    pub fn_: usize,
    /// `without` snippets found in the output.
    pub fp: usize,
    /// `without` snippets absent from the output.
    pub tn: usize,
}

impl TfCounts {
    /// Misses plus leaks.
    pub fn errors(&self) -> usize {
        self.fn_ + self.fp
    }

    /// Number of snippets judged.
    pub fn total(&self) -> usize {
        self.tp + self.fn_ + self.fp + self.tn
    }
}

impl std::ops::AddAssign for TfCounts {
    fn add_assign(&mut self, other: Self) {
        self.tp += other.tp;
        self.fn_ += other.fn_;
        self.fp += other.fp;
        self.tn += other.tn;
    }
}

/// tfeval counts for one page together with which snippets went wrong.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TfPage {
    pub counts: TfCounts,
    /// Indices into `with` of the snippets not found in the output.
    pub missed: Vec<usize>,
    /// Indices into `without` of the snippets found in the output.
    pub leaked: Vec<usize>,
}

/// Collapses every run of white space to one space and trims both ends.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// tfeval counts for one page; see [`tfeval_page_detail`].
pub fn tfeval_page(output: &str, with: &[String], without: &[String]) -> TfCounts {
    tfeval_page_detail(output, with, without).counts
}

/// tfeval counts for one page, plus the missed `with` and leaked `without`
/// snippets. Output and snippets are compared after [`collapse_whitespace`]; a
/// snippet counts as present when it is a substring of the output (so a snippet
/// that is empty after collapsing is always present).
pub fn tfeval_page_detail(output: &str, with: &[String], without: &[String]) -> TfPage {
    let output = collapse_whitespace(output);
    let found = |snippet: &String| output.contains(collapse_whitespace(snippet).as_str());
    let mut page = TfPage::default();
    for (i, snippet) in with.iter().enumerate() {
        if found(snippet) {
            page.counts.tp += 1;
        } else {
            page.counts.fn_ += 1;
            page.missed.push(i);
        }
    }
    for (i, snippet) in without.iter().enumerate() {
        if found(snippet) {
            page.counts.fp += 1;
            page.leaked.push(i);
        } else {
            page.counts.tn += 1;
        }
    }
    page
}

/// Benchmark tfeval score from the counts summed over all pages.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TfScore {
    pub prf: Prf,
    /// `(tp + tn) / all`.
    pub accuracy: f64,
    /// The summed counts.
    pub totals: TfCounts,
}

/// Sums the counts over all pages, then precision = tp/(tp+fp), recall =
/// tp/(tp+fn), F1 = 2PR/(P+R), accuracy = (tp+tn)/all; a ratio with a zero
/// denominator is 0.
pub fn tfeval_score(pages: &[TfCounts]) -> TfScore {
    let mut totals = TfCounts::default();
    for &page in pages {
        totals += page;
    }
    let ratio = |num: usize, den: usize| {
        if den == 0 {
            0.0
        } else {
            num as f64 / den as f64
        }
    };
    TfScore {
        prf: Prf::new(
            ratio(totals.tp, totals.tp + totals.fp),
            ratio(totals.tp, totals.tp + totals.fn_),
        ),
        accuracy: ratio(totals.tp + totals.tn, totals.total()),
        totals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    fn assert_counts(c: AebCounts, tp: f64, fp: f64, fn_: f64) {
        assert!(
            close(c.tp, tp) && close(c.fp, fp) && close(c.fn_, fn_),
            "got tp={} fp={} fn={}, want {tp} {fp} {fn_}",
            c.tp,
            c.fp,
            c.fn_
        );
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn tokens_are_unicode_words() {
        assert_eq!(
            tokens("Größe: über 5€, naïve café_au-lait!"),
            ["Größe", "über", "5", "naïve", "café_au", "lait"]
        );
        assert!(tokens("  ,.;  ").is_empty());
    }

    #[test]
    fn identical_texts_score_one() {
        // 6 tokens -> 3 shingles, all matched: tp = 3/3.
        let text = "The quick brown fox jumps over";
        let c = aeb_page(text, text);
        assert_counts(c, 1.0, 0.0, 0.0);
        assert!(c.precision_eligible && c.recall_eligible);
        assert_eq!((c.precision(), c.recall(), c.f1()), (1.0, 1.0, 1.0));
        assert_eq!(aeb_score(&[c]), Prf::new(1.0, 1.0));
        assert_eq!(aeb_score(&[c]).f1, 1.0);
        // Punctuation and white space do not matter, only tokens.
        let c = aeb_page(text, "The quick -- brown\n\nfox, jumps (over).");
        assert_counts(c, 1.0, 0.0, 0.0);
    }

    #[test]
    fn case_matters() {
        // "the" vs "The": shingle (the quick brown fox) differs, the other two match.
        // tp = 2, fp = 1, fn = 1 -> 0.5, 0.25, 0.25.
        let c = aeb_page(
            "The quick brown fox jumps over",
            "the quick brown fox jumps over",
        );
        assert_counts(c, 0.5, 0.25, 0.25);
        assert!(close(c.precision(), 2.0 / 3.0));
        assert!(close(c.recall(), 2.0 / 3.0));
    }

    #[test]
    fn empty_prediction() {
        // Truth "a b c d e" has 2 shingles, all missed: fn = 2 -> 1.
        let c = aeb_page("a b c d e", "");
        assert_counts(c, 0.0, 0.0, 1.0);
        assert!(!c.precision_eligible);
        assert!(c.recall_eligible);
        assert_eq!(c.precision(), 0.0);
        assert_eq!(c.recall(), 0.0);
        // No page is eligible for precision: mean over nothing is 0.
        assert_eq!(aeb_score(&[c]), Prf::new(0.0, 0.0));
        assert_eq!(aeb_score(&[c]).f1, 0.0);
    }

    #[test]
    fn empty_truth_and_both_empty() {
        // Prediction "a b c d e" (2 shingles) against empty truth: fp = 2 -> 1.
        let c = aeb_page("", "a b c d e");
        assert_counts(c, 0.0, 1.0, 0.0);
        assert!(c.precision_eligible && !c.recall_eligible);
        assert_eq!((c.precision(), c.recall()), (0.0, 0.0));
        // Both empty: no shingles, fp = fn = 0 gives 1, 1, but eligible for neither.
        let c = aeb_page("", " ... ");
        assert_counts(c, 0.0, 0.0, 0.0);
        assert!(!c.precision_eligible && !c.recall_eligible);
        assert_eq!((c.precision(), c.recall()), (1.0, 1.0));
    }

    #[test]
    fn fewer_than_four_tokens() {
        // Two tokens make one shingle of both.
        let c = aeb_page("Hello, world!", "Hello world");
        assert_counts(c, 1.0, 0.0, 0.0);
        // (Hello world) vs (Hello world again): different shingles, tp = 0, fp = fn = 1.
        let c = aeb_page("Hello, world!", "Hello world again");
        assert_counts(c, 0.0, 0.5, 0.5);
        assert_eq!((c.precision(), c.recall()), (0.0, 0.0));
        assert!(c.precision_eligible && c.recall_eligible);
        // Truth (a b c d), (b c d e) vs prediction (a b c): tp 0, fp 1, fn 2.
        let c = aeb_page("a b c d e", "a b c");
        assert_counts(c, 0.0, 1.0 / 3.0, 2.0 / 3.0);
        // One token.
        let c = aeb_page("word", "word");
        assert_counts(c, 1.0, 0.0, 0.0);
    }

    #[test]
    fn shingles_are_a_multiset() {
        // Truth "x y z w x y z w": xyzw x2, yzwx, zwxy, wxyz (5 shingles).
        // Prediction "x y z w": xyzw x1 -> tp 1, fp 0, fn 4 -> 0.2, 0, 0.8.
        let c = aeb_page("x y z w x y z w", "x y z w");
        assert_counts(c, 0.2, 0.0, 0.8);
        assert_eq!(c.precision(), 1.0);
        assert!(close(c.recall(), 0.2));
        // And the other way round: tp 1, fp 4, fn 0.
        let c = aeb_page("x y z w", "x y z w x y z w");
        assert_counts(c, 0.2, 0.8, 0.0);
        assert!(close(c.precision(), 0.2));
        assert_eq!(c.recall(), 1.0);
        // Prediction "p q r s" x3 (12 tokens, 9 shingles): pqrs x3, qrsp x2, rspq x2,
        // spqr x2. Truth "p q r s" x2: pqrs x2, qrsp, rspq, spqr.
        // tp = 2 + 1 + 1 + 1 = 5, fp = 1 + 1 + 1 + 1 = 4, fn = 0 -> 5/9, 4/9, 0.
        let c = aeb_page("p q r s p q r s", "p q r s p q r s p q r s");
        assert_counts(c, 5.0 / 9.0, 4.0 / 9.0, 0.0);
        assert!(close(c.precision(), 5.0 / 9.0));
        assert_eq!(c.recall(), 1.0);
    }

    #[test]
    fn aeb_means_skip_ineligible_pages() {
        let pages = [
            // P = 1, R = 1.
            aeb_page("a b c d e f", "a b c d e f"),
            // Empty prediction: no precision, R = 0.
            aeb_page("a b c d e f", ""),
            // Empty truth: P = 0, no recall.
            aeb_page("", "a b c d e"),
            // P = 1, R = 0.2.
            aeb_page("x y z w x y z w", "x y z w"),
            // Both empty: neither.
            aeb_page("", ""),
        ];
        // P = (1 + 0 + 1) / 3 = 2/3, R = (1 + 0 + 0.2) / 3 = 0.4,
        // F1 = 2 (2/3)(2/5) / (2/3 + 2/5) = (8/15) / (16/15) = 0.5.
        let score = aeb_score(&pages);
        assert!(close(score.precision, 2.0 / 3.0), "{score:?}");
        assert!(close(score.recall, 0.4), "{score:?}");
        assert!(close(score.f1, 0.5), "{score:?}");
        assert_eq!(aeb_score(&[]), Prf::new(0.0, 0.0));
    }

    #[test]
    fn whitespace_collapsing() {
        assert_eq!(collapse_whitespace("  a \n\t b\u{a0}c  "), "a b c");
        assert_eq!(collapse_whitespace(" \n "), "");
    }

    #[test]
    fn tfeval_counts_one_page() {
        let output = "Hello   world.\n\nThis is\tthe main text.  Footer";
        let with = strings(&["world. This is the", "  main\ntext. ", "absent snippet"]);
        let without = strings(&["Footer", "Cookie banner"]);
        let page = tfeval_page_detail(output, &with, &without);
        assert_eq!(
            page.counts,
            TfCounts {
                tp: 2,
                fn_: 1,
                fp: 1,
                tn: 1
            }
        );
        assert_eq!(page.missed, [2]);
        assert_eq!(page.leaked, [0]);
        assert_eq!(tfeval_page(output, &with, &without), page.counts);
        assert_eq!(page.counts.errors(), 2);
        // Non-breaking space in the output counts as white space.
        let c = tfeval_page("a\u{a0}b", &strings(&["a b"]), &[]);
        assert_eq!(c.tp, 1);
        // Matching is case-sensitive.
        let c = tfeval_page("Main Text", &strings(&["main text"]), &[]);
        assert_eq!(c.fn_, 1);
    }

    #[test]
    fn tfeval_sums_over_pages() {
        let p1 = tfeval_page(
            "Hello   world.\n\nThis is\tthe main text.  Footer",
            &strings(&["world. This is the", "main text.", "absent snippet"]),
            &strings(&["Footer", "Cookie banner"]),
        ); // tp 2, fn 1, fp 1, tn 1
        let p2 = tfeval_page(
            "alpha beta",
            &strings(&["alpha"]),
            &strings(&["gamma", "delta", "beta gamma"]),
        ); // tp 1, tn 3
        let p3 = tfeval_page("", &strings(&["x"]), &strings(&["y"])); // fn 1, tn 1
        let score = tfeval_score(&[p1, p2, p3]);
        assert_eq!(
            score.totals,
            TfCounts {
                tp: 3,
                fn_: 2,
                fp: 1,
                tn: 5
            }
        );
        // P = 3/4, R = 3/5, F1 = 2 * 0.75 * 0.6 / 1.35 = 2/3, accuracy = 8/11.
        assert!(close(score.prf.precision, 0.75));
        assert!(close(score.prf.recall, 0.6));
        assert!(close(score.prf.f1, 2.0 / 3.0));
        assert!(close(score.accuracy, 8.0 / 11.0));
        let empty = tfeval_score(&[]);
        assert_eq!((empty.prf, empty.accuracy), (Prf::new(0.0, 0.0), 0.0));
    }
}
