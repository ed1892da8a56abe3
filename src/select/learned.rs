//! Learned: a block classifier that second-guesses the rule passes where
//! it is very sure. After the ladder and the thread and shop passes have
//! decided, every block gets a probability of being main text from a few
//! shallow regression trees (gradient boosting) over what the segmenter
//! recorded about it and what the rules decided (its length, links, tag,
//! flags and class hints, its place on the page, the pass and reason that
//! decided it, how much of its parent and grandparent was kept, its
//! neighbours, the page type). A block removed for where it stands or
//! what box it is in that the model is very sure of comes back (the tidy
//! passes' removals stand, see [`restorable`]), a kept block it is very
//! sure against goes; both are recorded as this pass's ([`Pass::Learned`],
//! [`Reason::Learned`]), so `explain` shows them. A user's `--keep` and
//! `--drop` still win. No model ships today (`src/rules/block-model.txt`
//! says why), so the pass changes nothing unless the bench hands it one.
//!
//! The model is trained by `scripts/train_block_model.py` on the bench's
//! dev pages (labels: whether most of a block's words are in the ground
//! truth), cross-validated by site half, and stored as text in
//! `src/rules/block-model.txt`; it runs here in plain Rust, one walk down
//! each tree per block.

use std::sync::{Arc, LazyLock};

use crate::block::{Block, BlockKind, Flags};
use crate::segment::Segments;
use crate::PageType;

use super::candidate::{parent, subtree_of};
use super::{Decision, HashMap, Params, Pass, Reason, Selection};

/// Flag bits recorded one by one (bit numbers of [`Flags`]).
const FLAG_BITS: usize = 24;
/// Passes, in the order of [`pass_index`].
const PASSES: usize = 17;
/// Reasons, in the order of [`reason_index`].
const REASONS: usize = 17;
/// Features before the one-hot groups.
const BASE: usize = 55;
/// The number of features per block.
pub const N: usize = BASE + PageType::ALL.len() + FLAG_BITS + PASSES + REASONS;

/// The features' names, in the order [`features`] writes them.
pub fn names() -> Vec<String> {
    let mut v: Vec<String> = [
        "kept",
        "log_chars",
        "log_words",
        "link_density",
        "commas_per_word",
        "k_paragraph",
        "k_h1",
        "k_h2",
        "k_h3",
        "k_list_item",
        "k_cell",
        "k_pre",
        "k_quote",
        "k_caption",
        "k_other",
        "depth",
        "hint",
        "pos",
        "char_pos",
        "ends_sentence",
        "starts_upper",
        "digit_share",
        "price",
        "log_copies",
        "log_gap",
        "kept_before",
        "kept_after",
        "page_kept_share",
        "page_log_chars",
        "page_log_blocks",
        "prev_kept",
        "next_kept",
        "prev_log_chars",
        "next_log_chars",
        "prev_link_density",
        "next_link_density",
        "owner_log_chars",
        "owner_kept_share",
        "parent_log_chars",
        "parent_link_density",
        "parent_kept_share",
        "parent_share",
        "grand_log_chars",
        "grand_link_density",
        "grand_kept_share",
        "grand_share",
        "parent_log_paragraphs",
        "parent_log_items",
        "same_row_kept",
        "window3_kept_share",
        "window10_kept_share",
        "group_log_count",
        "group_kept_share",
        "group_levels",
        "group_log_item_chars",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for t in PageType::ALL {
        v.push(format!("type_{}", t.as_str()));
    }
    for b in 0..FLAG_BITS {
        v.push(format!("flag_{b}"));
    }
    for p in 0..PASSES {
        v.push(format!("pass_{p}"));
    }
    for r in 0..REASONS {
        v.push(format!("reason_{r}"));
    }
    debug_assert_eq!(v.len(), N);
    v
}

/// The index of a pass among the [`PASSES`] one-hot features.
fn pass_index(p: Pass) -> usize {
    match p {
        Pass::Choose => 0,
        Pass::Region => 1,
        Pass::Siblings => 2,
        Pass::Extend => 3,
        Pass::Grid => 4,
        Pass::Boxes => 5,
        Pass::Blocks => 6,
        Pass::Headline => 7,
        Pass::TailLabels => 8,
        Pass::DanglingHeadings => 9,
        Pass::InterfaceLabels => 10,
        Pass::BeforeTitle => 11,
        Pass::Repeats => 12,
        Pass::TeaserTitles => 13,
        Pass::PostChrome => 14,
        Pass::User => 15,
        Pass::Learned => 16,
    }
}

/// The index of a removal reason among the [`REASONS`] one-hot features.
fn reason_index(r: &Reason) -> usize {
    match r {
        Reason::OutsideMain => 0,
        Reason::Hidden => 1,
        Reason::NoScript => 2,
        Reason::Rule(_) => 3,
        Reason::Cta(_) => 4,
        Reason::Context(_) => 5,
        Reason::LinkDense => 6,
        Reason::BoilerplateBox => 7,
        Reason::Title => 8,
        Reason::TailLabel => 9,
        Reason::DanglingHeading => 10,
        Reason::InterfaceLabel => 11,
        Reason::BeforeTitle => 12,
        Reason::Repeat => 13,
        Reason::PostChrome => 14,
        Reason::UserDrop => 15,
        Reason::Learned => 16,
    }
}

/// `ln(1 + x)`.
fn ln1p(x: f64) -> f32 {
    x.ln_1p() as f32
}

/// `part / whole`, 0 for an empty whole.
fn share(part: u64, whole: u64) -> f32 {
    if whole == 0 {
        0.0
    } else {
        (part as f64 / whole as f64) as f32
    }
}

/// Facts of one block's text: words, whether it ends as a sentence does,
/// opens with a capital, its share of digits.
fn text_shape(b: &Block) -> (u32, bool, bool, f32) {
    let words = b.text.split_whitespace().count() as u32;
    let last = b.text.trim_end().chars().last();
    let ends = matches!(
        last,
        Some('.' | '!' | '?' | '。' | '！' | '？' | ':' | ')' | '"')
    );
    let upper = b.text.chars().next().is_some_and(char::is_uppercase);
    let digits = b.text.chars().filter(char::is_ascii_digit).count();
    (words, ends, upper, share(digits as u64, u64::from(b.chars)))
}

/// The features of every block of `page`, given the selection made so far.
pub fn features(page: &Segments, p: &Params, s: &Selection) -> Vec<[f32; N]> {
    let blocks = &page.blocks;
    let n = blocks.len();
    let kept: Vec<bool> = s.decisions.iter().map(Decision::kept).collect();
    // Prefix sums of characters and kept characters: a subtree's kept
    // share in constant time.
    let mut all = vec![0u64; n + 1];
    let mut kc = vec![0u64; n + 1];
    for (i, b) in blocks.iter().enumerate() {
        all[i + 1] = all[i] + u64::from(b.chars);
        kc[i + 1] = kc[i] + if kept[i] { u64::from(b.chars) } else { 0 };
    }
    let total = all[n];
    let kept_share_of = |start: u32, end: u32| {
        let (a, z) = (start as usize, (end as usize).min(n));
        if a >= z {
            0.0
        } else {
            share(kc[z] - kc[a], all[z] - all[a])
        }
    };
    // Distance to the nearest kept block, both ways.
    let mut before = vec![usize::MAX; n];
    let mut last = None;
    for i in 0..n {
        if kept[i] {
            last = Some(i);
        }
        if let Some(l) = last {
            before[i] = i - l;
        }
    }
    let mut after = vec![usize::MAX; n];
    let mut next = None;
    for i in (0..n).rev() {
        if kept[i] {
            next = Some(i);
        }
        if let Some(x) = next {
            after[i] = x - i;
        }
    }
    let mut copies: HashMap<&str, u32> = HashMap::default();
    for b in blocks {
        *copies.entry(b.text.as_str()).or_insert(0) += 1;
    }
    // Kept cells per table row.
    let mut row_kept: HashMap<u32, (u32, u32)> = HashMap::default();
    for (i, b) in blocks.iter().enumerate() {
        if b.row != 0 {
            let e = row_kept.entry(b.row).or_insert((0, 0));
            e.0 += u32::from(kept[i]);
            e.1 += 1;
        }
    }
    // Repeated items: siblings with one signature (see `Subtree::sig`),
    // by (parent, signature): how many, their characters and kept ones.
    let mut groups: HashMap<(u32, u32), (u32, u64, u64)> = HashMap::default();
    for t in &page.subtrees {
        if t.id == 0 || t.chars == 0 {
            continue;
        }
        let (a, z) = (t.start as usize, (t.end as usize).min(n));
        let e = groups.entry((t.parent, t.sig)).or_insert((0, 0, 0));
        e.0 += 1;
        e.1 += u64::from(t.chars);
        e.2 += kc[z.max(a)] - kc[a];
    }
    let window = |i: usize, r: usize| {
        let (a, z) = (i.saturating_sub(r), (i + r + 1).min(n));
        share(
            kc[z] - kc[a] - (kc[i + 1] - kc[i]),
            all[z] - all[a] - (all[i + 1] - all[i]),
        )
    };
    let type_at = PageType::ALL
        .iter()
        .position(|&t| t == p.page_type)
        .unwrap_or(0);
    let mut out = Vec::with_capacity(n);
    let mut cum = 0u64;
    for (i, b) in blocks.iter().enumerate() {
        let mut f = [0f32; N];
        let (words, ends, upper, digits) = text_shape(b);
        f[0] = f32::from(u8::from(kept[i]));
        f[1] = ln1p(f64::from(b.chars));
        f[2] = ln1p(f64::from(words));
        f[3] = b.link_density();
        f[4] = b.commas as f32 / (words as f32 + 1.0);
        let k = match b.kind {
            BlockKind::Paragraph => 5,
            BlockKind::Heading(1) => 6,
            BlockKind::Heading(2) => 7,
            BlockKind::Heading(_) => 8,
            BlockKind::ListItem => 9,
            BlockKind::Cell => 10,
            BlockKind::Pre => 11,
            BlockKind::Quote => 12,
            BlockKind::Caption => 13,
            BlockKind::Other => 14,
        };
        f[k] = 1.0;
        f[15] = b.depth as f32;
        f[16] = b.hint.clamp(-100, 100) as f32;
        f[17] = i as f32 / n as f32;
        f[18] = share(cum, total);
        cum += u64::from(b.chars);
        f[19] = f32::from(u8::from(ends));
        f[20] = f32::from(u8::from(upper));
        f[21] = digits;
        f[22] = f32::from(u8::from(crate::page_model::is_price(&b.text)));
        f[23] = ln1p(f64::from(copies.get(b.text.as_str()).copied().unwrap_or(1)));
        let gap = before[i].min(after[i]);
        f[24] = if gap == usize::MAX {
            10.0
        } else {
            ln1p(gap as f64)
        };
        f[25] = f32::from(u8::from(before[i] != usize::MAX));
        f[26] = f32::from(u8::from(after[i] != usize::MAX));
        f[27] = share(kc[n], total);
        f[28] = ln1p(total as f64);
        f[29] = ln1p(n as f64);
        if i > 0 {
            let q = &blocks[i - 1];
            f[30] = f32::from(u8::from(kept[i - 1]));
            f[32] = ln1p(f64::from(q.chars));
            f[34] = q.link_density();
        }
        if let Some(q) = blocks.get(i + 1) {
            f[31] = f32::from(u8::from(kept[i + 1]));
            f[33] = ln1p(f64::from(q.chars));
            f[35] = q.link_density();
        }
        if let Some(o) = subtree_of(page, b.owner) {
            let os = &page.subtrees[o];
            f[36] = ln1p(f64::from(os.chars));
            f[37] = kept_share_of(os.start, os.end);
            if let Some(pi) = parent(page, o) {
                let ps = &page.subtrees[pi];
                f[38] = ln1p(f64::from(ps.chars));
                f[39] = ps.link_density();
                f[40] = kept_share_of(ps.start, ps.end);
                f[41] = share(u64::from(b.chars), u64::from(ps.chars));
                f[46] = ln1p(f64::from(ps.paragraphs));
                f[47] = ln1p(f64::from(ps.list_items));
                if let Some(gi) = parent(page, pi) {
                    let gs = &page.subtrees[gi];
                    f[42] = ln1p(f64::from(gs.chars));
                    f[43] = gs.link_density();
                    f[44] = kept_share_of(gs.start, gs.end);
                    f[45] = share(u64::from(b.chars), u64::from(gs.chars));
                }
            }
        }
        if b.row != 0 {
            if let Some(&(k, all)) = row_kept.get(&b.row) {
                f[48] = share(u64::from(k), u64::from(all));
            }
        }
        f[49] = window(i, 3);
        f[50] = window(i, 10);
        let mut up = subtree_of(page, b.owner);
        for level in 0..5 {
            let Some(u) = up else { break };
            let t = &page.subtrees[u];
            if let Some(&(count, chars, kept_chars)) = groups.get(&(t.parent, t.sig)) {
                if count >= 3 {
                    f[51] = ln1p(f64::from(count));
                    f[52] = share(kept_chars, chars);
                    f[53] = level as f32;
                    f[54] = ln1p(chars as f64 / f64::from(count));
                    break;
                }
            }
            up = parent(page, u);
        }
        let mut at = BASE;
        f[at + type_at] = 1.0;
        at += PageType::ALL.len();
        for bit in 0..FLAG_BITS {
            f[at + bit] = f32::from(u8::from(b.flags.0 & (1 << bit) != 0));
        }
        at += FLAG_BITS;
        f[at + pass_index(s.by[i])] = 1.0;
        at += PASSES;
        if let Decision::Remove(r) = &s.decisions[i] {
            f[at + reason_index(r)] = 1.0;
        }
        out.push(f);
    }
    out
}

/// One node of a regression tree: a split on a feature, or a leaf.
#[derive(Clone, Debug, PartialEq)]
enum Node {
    /// Go to `left` when feature `feature` is at most `threshold`, else `right`.
    Split {
        feature: u16,
        threshold: f32,
        left: u32,
        right: u32,
    },
    Leaf(f32),
}

/// A sum of regression trees on the raw features and a bias, as
/// log-odds.
#[derive(Clone, Debug, Default, PartialEq)]
struct Trees {
    bias: f32,
    trees: Vec<Vec<Node>>,
}

impl Trees {
    /// Reads a `tree` line's nodes (each `L <value>` or `<feature>
    /// <threshold> <left> <right>`); `None` when malformed, or when a
    /// child is not a later node (so that every walk ends).
    fn parse_tree<'t>(mut it: impl Iterator<Item = &'t str>) -> Option<Vec<Node>> {
        let mut nodes = Vec::new();
        while let Some(tok) = it.next() {
            if tok == "L" {
                nodes.push(Node::Leaf(it.next()?.parse().ok()?));
            } else {
                let feature: u16 = tok.parse().ok()?;
                if usize::from(feature) >= N {
                    return None;
                }
                nodes.push(Node::Split {
                    feature,
                    threshold: it.next()?.parse().ok()?,
                    left: it.next()?.parse().ok()?,
                    right: it.next()?.parse().ok()?,
                });
            }
        }
        for (at, node) in nodes.iter().enumerate() {
            if let Node::Split { left, right, .. } = node {
                let ok = |c: u32| (c as usize) > at && (c as usize) < nodes.len();
                if !ok(*left) || !ok(*right) {
                    return None;
                }
            }
        }
        (!nodes.is_empty()).then_some(nodes)
    }

    /// The probability the trees give features `f`.
    fn probability(&self, f: &[f32; N]) -> f32 {
        let mut z = self.bias;
        for tree in &self.trees {
            let mut at = 0;
            loop {
                match tree[at] {
                    Node::Leaf(v) => {
                        z += v;
                        break;
                    }
                    Node::Split {
                        feature,
                        threshold,
                        left,
                        right,
                    } => {
                        at = if f[usize::from(feature)] <= threshold {
                            left as usize
                        } else {
                            right as usize
                        };
                    }
                }
            }
        }
        1.0 / (1.0 + (-z).exp())
    }
}

/// A trained block model: two sets of trees, one trained on the blocks the
/// rules removed (is this one main text after all?), one on those they
/// kept (is this one main text?).
#[derive(Clone, Debug, PartialEq)]
pub struct BlockModel {
    restore: Trees,
    drop: Trees,
}

impl BlockModel {
    /// Reads a model file: a `features` line that must name [`names`] in
    /// order, then `model restore` and `model drop` sections, each a
    /// `bias` line and `tree` lines. `None` when the file does not match
    /// the features or is malformed.
    pub fn parse(text: &str) -> Option<BlockModel> {
        let mut restore = Trees::default();
        let mut drop = Trees::default();
        let mut matched = false;
        let mut section: Option<bool> = None; // Some(true): restore
        for (head, mut it) in crate::page_model::model_lines(text) {
            if head == "features" {
                let got: Vec<&str> = it.collect();
                if got != names() {
                    return None;
                }
                matched = true;
                continue;
            }
            if head == "model" {
                section = match it.next()? {
                    "restore" => Some(true),
                    "drop" => Some(false),
                    _ => return None,
                };
                continue;
            }
            let t = if section? { &mut restore } else { &mut drop };
            match head {
                "bias" => t.bias = it.next()?.parse().ok()?,
                "tree" => t.trees.push(Trees::parse_tree(it)?),
                _ => return None,
            }
        }
        matched.then_some(BlockModel { restore, drop })
    }

    /// The probability that a block with features `f` is main text, by
    /// the trees for blocks the rules kept (`kept`) or removed.
    pub fn probability(&self, f: &[f32; N], kept: bool) -> f32 {
        if kept {
            self.drop.probability(f)
        } else {
            self.restore.probability(f)
        }
    }
}

/// The built-in model (`None`: none shipped, or it does not match the
/// features).
static MODEL: LazyLock<Option<Arc<BlockModel>>> =
    LazyLock::new(|| BlockModel::parse(include_str!("../rules/block-model.txt")).map(Arc::new));

/// The model selection uses with `p`: the one `p` names, else the built-in one.
fn model_of(p: &Params) -> Option<&BlockModel> {
    match &p.block_model {
        Some(m) => Some(m),
        None => MODEL.as_deref(),
    }
}

/// Whether the model may overrule decision `d`: a keep (which it may
/// drop) or a removal by where the block stands or what box it is in
/// (outside the main range, a box of links, link density, a figure,
/// comments or chrome box, a catalogue rule, the call-to-action detector,
/// hidden).
/// The tidy passes' removals stand: each knows something the features do
/// not (a copy of text kept earlier, the title, the line above a manual's
/// title, a heading whose section went, an interface label, a post's
/// template, a user's `--drop`).
fn restorable(d: &Decision) -> bool {
    match d {
        Decision::Keep => true,
        Decision::Remove(r) => matches!(
            r,
            Reason::OutsideMain
                | Reason::BoilerplateBox
                | Reason::LinkDense
                | Reason::Context(_)
                | Reason::Rule(_)
                | Reason::Cta(_)
                | Reason::Hidden
        ),
    }
}

/// learned: removed blocks the model is very sure are main text come
/// back, kept blocks it is very sure are not go. A user's `--keep` and
/// `--drop` still win.
pub(super) fn apply(page: &Segments, p: &Params, s: &mut Selection) {
    if !p.learned {
        return;
    }
    let Some(model) = model_of(p) else {
        return;
    };
    if p.learned_restore > 1.0 && p.learned_drop < 0.0 {
        return;
    }
    let feats = features(page, p, s);
    for (i, (b, f)) in page.blocks.iter().zip(&feats).enumerate() {
        if b.flags.has(Flags::FORCE_DROP) || b.flags.has(Flags::FORCE_KEEP) {
            continue;
        }
        if !restorable(&s.decisions[i]) {
            continue;
        }
        let kept = s.decisions[i].kept();
        let pr = model.probability(f, kept);
        if !kept && pr >= p.learned_restore {
            s.decisions[i] = Decision::Keep;
            s.by[i] = Pass::Learned;
        } else if kept && pr < p.learned_drop {
            s.decisions[i] = Decision::Remove(Reason::Learned);
            s.by[i] = Pass::Learned;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A model file with these sections after the features line.
    fn model(sections: &str) -> String {
        format!("# test\nfeatures {}\n{sections}", names().join(" "))
    }

    #[test]
    fn the_names_match_the_features() {
        assert_eq!(names().len(), N);
        let mut seen = std::collections::HashSet::new();
        assert!(
            names().iter().all(|n| seen.insert(n.clone())),
            "names are unique"
        );
    }

    #[test]
    fn a_tree_walk_adds_the_leaf_it_ends_in() {
        // Split on feature 1 (log_chars) at 2: short blocks get -3, long +3.
        let text = model("model restore\nbias 0.5\ntree 1 2 1 2 L -3 L 3\nmodel drop\nbias -1\n");
        let m = BlockModel::parse(&text).expect("a well-formed model");
        let mut f = [0f32; N];
        f[1] = 1.0;
        let sigmoid = |z: f32| 1.0 / (1.0 + (-z).exp());
        assert!((m.probability(&f, false) - sigmoid(-2.5)).abs() < 1e-6);
        f[1] = 5.0;
        assert!((m.probability(&f, false) - sigmoid(3.5)).abs() < 1e-6);
        // The drop section has no trees: its bias alone.
        assert!((m.probability(&f, true) - sigmoid(-1.0)).abs() < 1e-6);
    }

    #[test]
    fn parse_refuses_what_it_cannot_walk() {
        // Other features.
        assert!(BlockModel::parse("features a b c\nmodel restore\nbias 0\n").is_none());
        // A child that is not a later node would loop.
        assert!(BlockModel::parse(&model("model restore\nbias 0\ntree 1 2 0 0\n")).is_none());
        // A child past the end, a feature past the last, a bad number.
        assert!(BlockModel::parse(&model("model restore\nbias 0\ntree 1 2 1 5 L 0\n")).is_none());
        let far = format!("model restore\nbias 0\ntree {N} 2 1 2 L 0 L 0\n");
        assert!(BlockModel::parse(&model(&far)).is_none());
        assert!(BlockModel::parse(&model("model restore\nbias x\n")).is_none());
        // A line before any section.
        assert!(BlockModel::parse(&model("bias 0\n")).is_none());
    }

    #[test]
    fn the_pass_restores_what_the_model_is_sure_of_but_not_a_tidy_removal() {
        // A model that is sure of every removed block: `bias 5`.
        let sure = BlockModel::parse(&model("model restore\nbias 5\nmodel drop\nbias 5\n"));
        let html = "<body><nav><a href=/a>Home</a> <a href=/b>About</a></nav><main>\
                    <p>Version 3 is out</p><h1>The store API</h1>\
                    <p>Every call below takes a key, a string of at most 512 bytes, \
                    and most take a value, so that one call reads like another.</p>\
                    </main></body>";
        let run = |restore: f32| {
            let mut o = crate::Options {
                force_page_type: Some(PageType::Documentation),
                block_model: sure.clone().map(Arc::new),
                ..crate::Options::default()
            };
            o.learned_thresholds = vec![(None, restore, -1.0)];
            crate::clean(html.as_bytes(), &o).unwrap()
        };
        let off = run(2.0);
        assert!(!off.text.contains("Home"), "{}", off.text);
        let on = run(0.9);
        // The navigation, outside the main range, comes back, as the
        // pass's own decision ...
        assert!(on.text.contains("Home"), "{}", on.text);
        let home = on
            .blocks
            .iter()
            .position(|b| b.text.contains("Home"))
            .unwrap();
        assert_eq!(on.decided_by[home], Pass::Learned);
        // ... but the line above a manual's title stays out: the tidy
        // pass that removed it knows what the features do not.
        assert!(!on.text.contains("Version 3"), "{}", on.text);
        assert!(!off.text.contains("Version 3"), "{}", off.text);
    }
}
