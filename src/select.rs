//! Select: choose the main content and decide, for every block, keep or
//! remove, with the reason.
//!
//! Input is what the segmenter left: blocks in document order and the
//! subtree records of closed elements (block ranges with totals and a
//! Readability-style score). Choosing the main content is choosing block
//! ranges: the best-scoring subtree, moved up to its parent when the parent
//! scores higher, joined with good siblings. Then per-block and per-subtree
//! rules (hidden, promo catalogue, boilerplate context, link density, title
//! duplicate) trim inside the range. Every removed block carries a
//! [`Reason`], which is what `explain` and `diff` show.

use std::collections::HashMap;
use std::fmt;

use crate::block::{Block, BlockKind, Flags, Subtree, Tag};
use crate::promo::Catalogue;
use crate::segment::Segments;
use crate::Favor;

/// Why a block was removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Outside the main content range.
    OutsideMain,
    /// Marked hidden (`hidden`, `aria-hidden`, `display:none`, screen-reader-only).
    Hidden,
    /// A promo/chrome catalogue rule matched the whole block.
    Rule(String),
    /// The call-to-action detector ([`crate::cta`]) scored the block at or
    /// over its threshold; the signals that fired, `imperative+channel:sms+self`.
    Cta(Box<str>),
    /// Inside navigation, sidebar, footer, comments or a promo box within the main range.
    Context(&'static str),
    /// Mostly link text.
    LinkDense,
    /// Inside a list, table or box judged boilerplate as a whole (links, no prose).
    BoilerplateBox,
    /// The page title repeated as the first heading.
    Title,
    /// Inside an element matched by a user `--drop` selector.
    UserDrop,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::OutsideMain => f.write_str("outside-main"),
            Reason::Hidden => f.write_str("hidden"),
            Reason::Rule(id) => write!(f, "rule:{id}"),
            Reason::Cta(signals) => write!(f, "cta:{signals}"),
            Reason::Context(c) => write!(f, "context:{c}"),
            Reason::LinkDense => f.write_str("link-dense"),
            Reason::BoilerplateBox => f.write_str("boilerplate-box"),
            Reason::Title => f.write_str("title"),
            Reason::UserDrop => f.write_str("user-drop"),
        }
    }
}

/// The decision for one block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Keep,
    Remove(Reason),
}

impl Decision {
    pub fn kept(&self) -> bool {
        matches!(self, Decision::Keep)
    }
}

struct Tuning {
    link_density: f32,
    sibling_ratio: f32,
}

fn tuning(favor: Favor) -> Tuning {
    match favor {
        Favor::Balanced => Tuning {
            link_density: 0.5,
            sibling_ratio: 0.2,
        },
        Favor::Precision => Tuning {
            link_density: 0.33,
            sibling_ratio: 0.35,
        },
        Favor::Recall => Tuning {
            link_density: 0.7,
            sibling_ratio: 0.1,
        },
    }
}

/// Kept text shorter than this (in characters) makes selection try again
/// without the class/id hints, as Readability does.
const RETRY_BELOW_CHARS: u32 = 500;

/// Decide every block of a page.
pub fn select(
    seg: &Segments,
    favor: Favor,
    rules: &Catalogue,
    with_comments: bool,
) -> Vec<Decision> {
    let first = select_with(seg, favor, rules, with_comments, false);
    let kept = |d: &[Decision]| -> u32 {
        seg.blocks
            .iter()
            .zip(d)
            .filter(|(_, d)| d.kept())
            .map(|(b, _)| b.chars)
            .sum()
    };
    let k = kept(&first);
    if k >= RETRY_BELOW_CHARS {
        return first;
    }
    // Hints can be wrong for a whole page (a theme that calls its content
    // wrapper "sidebar-layout"): score again without them, and take that
    // choice when it keeps at least twice the text.
    let second = select_with(seg, favor, rules, with_comments, true);
    if kept(&second) > k * 2 {
        second
    } else {
        first
    }
}

fn select_with(
    seg: &Segments,
    favor: Favor,
    rules: &Catalogue,
    with_comments: bool,
    relaxed: bool,
) -> Vec<Decision> {
    let n = seg.blocks.len();
    if n == 0 {
        return Vec::new();
    }
    let t = tuning(favor);
    let by_id: HashMap<u32, usize> = seg
        .subtrees
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();

    let mut scores: Vec<f32> = if relaxed {
        seg.scores_all.clone()
    } else {
        seg.subtrees.iter().map(|s| s.score).collect()
    };
    let (listing, in_listing) = listings(seg, &by_id, &mut scores);
    let best = argmax(&scores);
    let mut in_main = vec![false; n];
    let container_flags;
    // The chosen container's block range and size.
    let mut container = (0u32, n as u32, u32::MAX);
    match best {
        None => {
            in_main.iter_mut().for_each(|m| *m = true);
            container_flags = Flags::default();
        }
        Some(mut b) => {
            b = common_ancestor(seg, &scores, &by_id, b);
            b = climb(seg, &scores, &by_id, b);
            let top = &seg.subtrees[b];
            container_flags = top.flags;
            container = (top.start, top.end, top.chars);
            mark(&mut in_main, top);
            join_siblings(seg, &scores, &by_id, b, &t, &listing, &mut in_main);
            extend(seg, top, rules, &in_listing, &mut in_main);
        }
    }

    let mut out: Vec<Decision> = (0..n)
        .map(|i| {
            if in_main[i] {
                Decision::Keep
            } else {
                Decision::Remove(Reason::OutsideMain)
            }
        })
        .collect();

    // Whole boxes inside the main range that are boilerplate. A box that
    // holds the container, or a large share of its text, is the article
    // itself (with a link list in it), never boilerplate as a whole.
    let (c_start, c_end, c_chars) = container;
    for s in &seg.subtrees {
        let holds_container = s.start <= c_start && s.end >= c_end;
        let big_share = c_chars != u32::MAX && large_share(s.chars, c_chars);
        if (s.start as usize) < n
            && in_main[s.start as usize]
            && !holds_container
            && !big_share
            && is_boilerplate_box(s, &t)
        {
            for d in &mut out[s.start as usize..s.end as usize] {
                if d.kept() {
                    *d = Decision::Remove(Reason::BoilerplateBox);
                }
            }
        }
    }

    // A box whose class says promo or chrome but that holds a large share
    // of the container's text ("banners-contenido", a theme's "sidebar-
    // layout" inner wrapper) is the article: its own flags are excused.
    let mut excused = vec![0u32; n];
    if c_chars != u32::MAX {
        let excusable = Flags::PROMO | Flags::UNLIKELY | Flags::META;
        for s in &seg.subtrees {
            let parent_flags = by_id.get(&s.parent).map_or(0, |&p| seg.subtrees[p].flags.0);
            let own = s.flags.0 & !parent_flags & excusable;
            // A list is never the article's wrapper: a big "related" list
            // is still a list of other posts.
            let list = matches!(s.tag, Tag::Ul | Tag::Ol | Tag::Dl);
            if own != 0
                && !list
                && s.start >= c_start
                && s.end <= c_end
                && large_share(s.chars, c_chars)
            {
                for e in &mut excused[s.start as usize..s.end as usize] {
                    *e |= own;
                }
            }
        }
    }

    let cta = crate::cta::CtaParams::default();
    let edges = crate::cta::edges(&out, &cta);
    let title = seg.title.as_deref().map(normalize_title);
    let mut seen_heading = false;
    let mut seen_text = false;
    for (i, b) in seg.blocks.iter().enumerate() {
        if !out[i].kept() {
            continue;
        }
        let context = Flags(container_flags.0 | excused[i]);
        let promo = Promo {
            rules,
            site: &seg.site,
            cta: &cta,
            edge: edges[i],
        };
        if let Some(r) = block_reason(b, context, &promo, &t, with_comments, relaxed) {
            out[i] = Decision::Remove(r);
            continue;
        }
        if b.kind.is_heading() && !seen_heading {
            seen_heading = true;
            // The headline: an h1 before any text, or a heading that repeats
            // the page title. It is the document's title, not its text.
            let leading_h1 = b.kind == BlockKind::Heading(1) && !seen_text;
            let repeats_title = title.as_ref().is_some_and(|title| {
                let h = normalize_title(&b.text);
                !h.is_empty() && title.contains(&h)
            });
            if leading_h1 || repeats_title {
                out[i] = Decision::Remove(Reason::Title);
            }
        }
        if !b.kind.is_heading() && !seen_text && !seen_heading && b.chars < 200 {
            // A headline set as a styled paragraph: the first text, and
            // the page title word for word.
            let h = normalize_title(&b.text);
            if h.split_whitespace().count() >= 3 && title.as_ref().is_some_and(|t| t.contains(&h)) {
                out[i] = Decision::Remove(Reason::Title);
                seen_heading = true;
                continue;
            }
        }
        if !b.kind.is_heading() {
            seen_text = true;
        }
    }
    drop_tail_labels(&seg.blocks, &mut out);
    apply_user_selectors(&seg.blocks, &mut out);
    drop_dangling_headings(&seg.blocks, &mut out);
    // A heading the user kept stays even when what it introduced went.
    apply_user_selectors(&seg.blocks, &mut out);
    out
}

/// `--drop` and `--keep` selectors beat every other rule.
fn apply_user_selectors(blocks: &[Block], out: &mut [Decision]) {
    for (b, d) in blocks.iter().zip(out) {
        if b.flags.has(Flags::FORCE_DROP) {
            *d = Decision::Remove(Reason::UserDrop);
        } else if b.flags.has(Flags::FORCE_KEEP) {
            *d = Decision::Keep;
        }
    }
}

/// At least 40% of the container's text: a box that big is part of the
/// article whatever its class says.
fn large_share(chars: u32, container_chars: u32) -> bool {
    chars as u64 * 5 >= container_chars as u64 * 2
}

/// A box whose children are several `<article>`s is a list of posts
/// (teasers, "you may also like"), not one article: it and everything in it
/// score half, so the page's own article elsewhere wins, and it never joins
/// the chosen article as a sibling or by extension. Returns which subtrees
/// are such listings, and which blocks are inside one.
fn listings(
    seg: &Segments,
    by_id: &HashMap<u32, usize>,
    scores: &mut [f32],
) -> (Vec<bool>, Vec<bool>) {
    const MIN_ARTICLES: u32 = 3;
    let mut articles = vec![0u32; seg.subtrees.len()];
    for s in &seg.subtrees {
        if s.tag == Tag::Article {
            if let Some(&p) = by_id.get(&s.parent) {
                articles[p] += 1;
            }
        }
    }
    let listing: Vec<bool> = articles.iter().map(|&n| n >= MIN_ARTICLES).collect();
    // Subtrees close in post-order, so walking them backwards meets an outer
    // listing before the ones nested in it: each block gets its outermost.
    let mut outer = vec![usize::MAX; seg.blocks.len()];
    for (i, s) in seg.subtrees.iter().enumerate().rev() {
        if listing[i] && outer[s.start as usize] == usize::MAX {
            outer[s.start as usize..s.end as usize].fill(i);
        }
    }
    for (j, s) in seg.subtrees.iter().enumerate() {
        let o = outer[s.start as usize];
        if o != usize::MAX && outer[s.end as usize - 1] == o && s.depth >= seg.subtrees[o].depth {
            scores[j] *= 0.5;
        }
    }
    let in_listing = outer.iter().map(|&o| o != usize::MAX).collect();
    (listing, in_listing)
}

fn argmax(scores: &[f32]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, &s) in scores.iter().enumerate() {
        if s > 0.0 && best.is_none_or(|b| s > scores[b]) {
            best = Some(i);
        }
    }
    best
}

/// Readability's "alternative candidates": when several of the best
/// candidates score close to the best one (an article cut into slides or
/// sections, each its own box), their nearest common ancestor is the article.
fn common_ancestor(seg: &Segments, scores: &[f32], by_id: &HashMap<u32, usize>, b: usize) -> usize {
    const TOP_N: usize = 5;
    const MIN_SHARED: usize = 3;
    let mut order: Vec<usize> = (0..scores.len()).filter(|&i| scores[i] > 0.0).collect();
    order.sort_by(|x, y| scores[*y].total_cmp(&scores[*x]));
    let ancestors = |mut i: usize| -> Vec<u32> {
        let mut out = Vec::new();
        while let Some(&pi) = by_id.get(&seg.subtrees[i].parent) {
            if seg.subtrees[i].parent == 0 {
                break;
            }
            out.push(seg.subtrees[pi].id);
            i = pi;
        }
        out
    };
    let alternatives: Vec<Vec<u32>> = order
        .iter()
        .take(TOP_N)
        .filter(|&&i| i != b && scores[i] >= 0.75 * scores[b])
        .map(|&i| ancestors(i))
        .collect();
    if alternatives.len() < MIN_SHARED {
        return b;
    }
    for id in ancestors(b) {
        let Some(&ai) = by_id.get(&id) else { break };
        if matches!(seg.subtrees[ai].tag, Tag::Body | Tag::Html) {
            break;
        }
        if alternatives.iter().filter(|a| a.contains(&id)).count() >= MIN_SHARED {
            return ai;
        }
    }
    b
}

/// Readability's climb: while an ancestor keeps at least a third of the
/// score, and one scores higher than the current choice, take the ancestor.
fn climb(seg: &Segments, scores: &[f32], by_id: &HashMap<u32, usize>, mut b: usize) -> usize {
    let mut last = scores[b];
    let threshold = last / 3.0;
    let mut p = seg.subtrees[b].parent;
    while p != 0 {
        let Some(&pi) = by_id.get(&p) else { break };
        let ps = scores[pi];
        if matches!(seg.subtrees[pi].tag, Tag::Body | Tag::Html) {
            break;
        }
        if ps > 0.0 {
            if ps < threshold {
                break;
            }
            if ps > last {
                b = pi;
                break;
            }
            last = ps;
        }
        p = seg.subtrees[pi].parent;
    }
    b
}

fn mark(in_main: &mut [bool], s: &Subtree) {
    for m in &mut in_main[s.start as usize..s.end as usize] {
        *m = true;
    }
}

/// Readability's sibling step: siblings of the chosen element that score
/// well, or that are prose paragraphs themselves, join the main content.
fn join_siblings(
    seg: &Segments,
    scores: &[f32],
    by_id: &HashMap<u32, usize>,
    b: usize,
    t: &Tuning,
    listing: &[bool],
    in_main: &mut [bool],
) {
    let top = &seg.subtrees[b];
    let parent = top.parent;
    let threshold = (scores[b] * t.sibling_ratio).max(10.0);
    let Some(&pi) = by_id.get(&parent) else {
        return;
    };
    let p = &seg.subtrees[pi];
    if matches!(p.tag, Tag::Html) {
        return;
    }
    for (i, s) in seg.subtrees.iter().enumerate() {
        if i == b || s.parent != parent || listing[i] {
            continue;
        }
        let mut bonus = 0.0;
        if s.flags.0 & (Flags::UNLIKELY | Flags::PROMO)
            == top.flags.0 & (Flags::UNLIKELY | Flags::PROMO)
            && s.hint == top.hint
            && s.hint > 0
        {
            bonus = scores[b] * 0.2;
        }
        let ld = s.link_density();
        let prose = s.tag == Tag::P
            && ((s.chars > 80 && ld < 0.25) || (s.chars > 0 && ld == 0.0 && s.commas > 0));
        if scores[i] + bonus >= threshold || prose {
            mark(in_main, s);
        }
    }
    // Text owned directly by the parent (e.g. paragraphs without <p>).
    for (i, blk) in seg.blocks[p.start as usize..p.end as usize]
        .iter()
        .enumerate()
    {
        if blk.owner == parent && blk.chars > 80 && blk.link_density() < 0.25 {
            in_main[p.start as usize + i] = true;
        }
    }
}

/// Prose right outside the chosen range (a lead paragraph in its own box
/// above the body, the body continued in the next grid cell) joins it: walk
/// outward from each end, take prose blocks and the headings between them,
/// step over a few short blocks (dates, bylines, captions), and stop at
/// chrome, links, or a longer run of short blocks. Lead blocks a little
/// above the text, in the same article box, join even past such a stop.
fn extend(
    seg: &Segments,
    top: &Subtree,
    rules: &Catalogue,
    in_listing: &[bool],
    in_main: &mut [bool],
) {
    const MAX_GAP: usize = 3;
    let chrome = Flags::UNLIKELY | Flags::PROMO | Flags::COMMENTS | Flags::HIDDEN;
    let blocks = &seg.blocks;
    let n = blocks.len();
    let good = |b: &Block| {
        b.chars >= 80
            && b.link_density() < 0.2
            && !b.flags.has(chrome)
            && rules.matches(&b.text).is_none()
    };
    let mut walk = |range: &mut dyn Iterator<Item = usize>| {
        let mut pending: Vec<usize> = Vec::new();
        let mut gap = 0;
        let mut only_leads = false;
        for i in range {
            let b = &blocks[i];
            if in_main[i] {
                continue;
            }
            if in_listing[i] {
                break;
            }
            let lead = b.flags.0 & Flags::LEAD & !top.flags.0 != 0
                && b.chars >= 20
                && b.link_density() < 0.2
                && !truncated(&b.text)
                && b.flags.0 & (Flags::PROMO | Flags::HIDDEN | Flags::COMMENTS) & !top.flags.0 == 0;
            if !lead && b.flags.0 & chrome & !top.flags.0 != 0 {
                break;
            }
            if lead || (!only_leads && good(b)) {
                for &h in &pending {
                    in_main[h] = true;
                }
                pending.clear();
                in_main[i] = true;
                gap = 0;
            } else if b.kind.is_heading() && b.link_density() < 0.5 {
                pending.push(i);
            } else if b.chars < 80 && b.link_density() < 0.5 {
                gap += 1;
                if gap > MAX_GAP {
                    break;
                }
            } else if b.chars < 80 && b.flags.has(Flags::META) && !top.flags.has(Flags::META) {
                // A byline with links between the lead and the text: only
                // a lead still joins past it.
                only_leads = true;
                gap += 1;
                if gap > MAX_GAP {
                    break;
                }
            } else {
                break;
            }
        }
    };
    walk(&mut (0..top.start as usize).rev());
    walk(&mut (top.end as usize..n));
    // The lead of an article sits in its header, often behind a byline
    // with links or a share bar the walk stopped at: a lead block shortly
    // before the text, inside the same kind of article box, still joins.
    const LEAD_REACH: usize = 8;
    if top.flags.has(Flags::ARTICLE | Flags::MAIN) {
        let boxes = top.flags.0 & (Flags::ARTICLE | Flags::MAIN);
        for i in (0..top.start as usize).rev().take(LEAD_REACH) {
            let b = &blocks[i];
            if b.flags.0 & boxes != boxes {
                break;
            }
            if b.flags.has(Flags::LEAD)
                && b.chars >= 20
                && b.link_density() < 0.2
                && !truncated(&b.text)
                && b.flags.0 & (Flags::PROMO | Flags::HIDDEN | Flags::COMMENTS) & !top.flags.0 == 0
            {
                in_main[i] = true;
            }
        }
    }
}

/// A block that is one written-out web address ("http://www.gnu.org/…"):
/// a reference the article gives, not a link to another page of the site.
fn bare_url(text: &str) -> bool {
    let t = text.trim();
    (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www."))
        && !t.contains(char::is_whitespace)
}

/// Text cut short with an ellipsis: a teaser for another page, not this
/// page's own lead.
fn truncated(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with("...") || t.ends_with('…')
}

/// Readability's "clean conditionally", decided per closed element: lists,
/// tables and boxes with many links and little prose are boilerplate.
fn is_boilerplate_box(s: &Subtree, t: &Tuning) -> bool {
    if !matches!(
        s.tag,
        Tag::Ul
            | Tag::Ol
            | Tag::Dl
            | Tag::Div
            | Tag::Section
            | Tag::Table
            | Tag::Form
            | Tag::Aside
            | Tag::Nav
    ) {
        return false;
    }
    if s.commas >= 10 {
        return false;
    }
    let ld = s.link_density();
    let is_list = matches!(s.tag, Tag::Ul | Tag::Ol | Tag::Dl);
    if s.hint < 0 && ld > 0.2 {
        return true;
    }
    if !is_list && s.list_items > s.paragraphs * 2 + 2 && ld > 0.3 {
        return true;
    }
    if s.inputs > s.paragraphs / 3 + 1 && s.chars < 400 {
        return true;
    }
    ld > t.link_density && s.chars < 2000
}

/// What judges a block's words: the phrase catalogue, then the
/// call-to-action detector with the site's names and the block's position.
struct Promo<'a> {
    rules: &'a Catalogue,
    site: &'a crate::cta::Site,
    cta: &'a crate::cta::CtaParams,
    edge: bool,
}

/// Rules that look at one block alone, relative to the chosen container.
/// One reason per block, the first that applies: hidden, figure, the
/// catalogue's fixed labels (`rule:<id>`), the box the block is in
/// (comments, byline, promo, chrome), then the call-to-action detector
/// (`cta:<signals>`), then link density. So a line both the catalogue and
/// the detector catch reports the catalogue's rule, in HTML and plain text.
fn block_reason(
    b: &Block,
    container: Flags,
    promo: &Promo,
    t: &Tuning,
    with_comments: bool,
    relaxed: bool,
) -> Option<Reason> {
    if b.flags.has(Flags::HIDDEN) {
        return Some(Reason::Hidden);
    }
    // Figure captions and credits describe a picture the text output lacks.
    if b.flags.0 & Flags::FIGURE & !container.0 != 0 || b.kind == BlockKind::Caption {
        return Some(Reason::Context("figure"));
    }
    if let Some(rule) = promo.rules.matches(&b.text) {
        return Some(Reason::Rule(rule.id.clone()));
    }
    let new = Flags(b.flags.0 & !container.0);
    if new.has(Flags::COMMENTS) && !with_comments {
        return Some(Reason::Context("comments"));
    }
    if new.has(Flags::META) {
        return Some(Reason::Context("byline"));
    }
    if new.has(Flags::PROMO) {
        return Some(Reason::Context("promo"));
    }
    // A lead in a header ("entry-header") or anywhere in an article is the
    // article's opening, not the page header's chrome.
    let header_lead = b.flags.has(Flags::LEAD) && b.flags.has(Flags::HEADER | Flags::ARTICLE);
    if new.has(Flags::UNLIKELY) && !relaxed && !header_lead {
        return Some(Reason::Context("chrome"));
    }
    if b.kind != BlockKind::Pre && promo.rules.cta() {
        if let Some(v) = crate::cta::judge(&b.text, promo.site, promo.edge, promo.cta) {
            return Some(Reason::Cta(v.signals.to_string().into_boxed_str()));
        }
    }
    if b.link_density() > t.link_density && b.kind != BlockKind::Pre && !bare_url(&b.text) {
        return Some(Reason::LinkDense);
    }
    None
}

/// Short labels ending in a colon ("Contact:", "Further information:",
/// "Sources:") in the tail of the text, where only short lines (addresses,
/// links, references) follow, head the page's appendix: they are captions
/// for chrome, not text. What they introduce stays; lists after a label are
/// often the content.
fn drop_tail_labels(blocks: &[Block], out: &mut [Decision]) {
    // A kept block this long, and not mostly links, is the text itself: the
    // tail starts after it.
    const PROSE_CHARS: u32 = 200;
    const LABEL_CHARS: u32 = 40;
    const LABEL_WORDS: usize = 4;
    // Short pages are all tail: leave them alone.
    const TEXT_BEFORE: u32 = 500;
    let mut before: u32 = blocks
        .iter()
        .zip(out.iter())
        .filter(|(_, d)| d.kept())
        .map(|(b, _)| b.chars)
        .sum();
    for i in (0..blocks.len()).rev() {
        if !out[i].kept() {
            continue;
        }
        let b = &blocks[i];
        before -= b.chars;
        if b.chars >= PROSE_CHARS && b.link_density() <= 0.3 {
            break;
        }
        let label = b.chars <= LABEL_CHARS
            && b.text.trim_end().ends_with(':')
            && b.text.split_whitespace().count() <= LABEL_WORDS;
        if label && before >= TEXT_BEFORE {
            out[i] = Decision::Remove(Reason::Context("tail-label"));
        }
    }
}

/// A heading with nothing kept after it before the next heading (or the
/// end) introduced something that was removed: drop it too.
fn drop_dangling_headings(blocks: &[Block], out: &mut [Decision]) {
    let mut next_kept_is_heading_or_end = true;
    for i in (0..blocks.len()).rev() {
        if !out[i].kept() {
            continue;
        }
        if blocks[i].kind.is_heading() {
            if next_kept_is_heading_or_end {
                out[i] = Decision::Remove(Reason::Context("dangling-heading"));
                continue;
            }
            next_kept_is_heading_or_end = true;
        } else {
            next_kept_is_heading_or_end = false;
        }
    }
}

fn normalize_title(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    fn text(html: &str) -> String {
        crate::clean(html.as_bytes(), &crate::Options::default())
            .unwrap()
            .text
    }

    fn para(word: &str) -> String {
        format!(
            "<p>{}</p>",
            format!("{word} said, at length, more than a little. ").repeat(6)
        )
    }

    #[test]
    fn a_list_of_posts_does_not_join_the_article() {
        let teasers: String = (0..4)
            .map(|i| format!("<article class=teaser{i}>{}</article>", para("Teaser")))
            .collect();
        let html = format!(
            "<body><div><article class=story>{}</article>\
             <section class=more>{teasers}</section></div></body>",
            para("Story").repeat(4)
        );
        let out = text(&html);
        assert!(out.contains("Story said"), "{out}");
        assert!(!out.contains("Teaser said"), "{out}");
    }

    #[test]
    fn a_paragraph_repeating_the_title_first_is_the_headline() {
        let html = format!(
            "<head><title>Harbour ferry leaves on time | Times</title></head><body>\
             <div><p class=titulo>Harbour ferry leaves on time</p>{}</div></body>",
            para("Story")
        );
        let out = text(&html);
        assert!(!out.contains("Harbour ferry"), "{out}");
        assert!(out.contains("Story said"), "{out}");
    }

    #[test]
    fn a_truncated_teaser_is_not_a_lead() {
        let body = para("Story").repeat(3);
        let lead = |text: &str| {
            format!(
                "<body><div class=more><div class=excerpt>{text}</div></div>\
                 <div class=x><div class=story>{body}</div></div></body>"
            )
        };
        let out = text(&lead(
            "Two people were diagnosed with the plague this week,...",
        ));
        assert!(!out.contains("plague"), "{out}");
        let out = text(&lead(
            "Two people were diagnosed with the plague this week.",
        ));
        assert!(out.contains("plague"), "{out}");
    }

    #[test]
    fn a_label_in_the_tail_goes_but_what_it_introduces_stays() {
        let html = format!(
            "<body><div>{}<p>Contact:</p><p>Ann Lee, ann@example.com</p>\
             <p>In short:</p><ul><li>One point</li><li>Another point</li></ul></div></body>",
            para("Story").repeat(3)
        );
        let out = text(&html);
        assert!(!out.contains("Contact:"), "{out}");
        assert!(out.contains("Ann Lee"), "{out}");
        assert!(!out.contains("In short:"), "{out}");
        let html = format!(
            "<body><div>{}<p>In short:</p>{}</div></body>",
            para("Story").repeat(2),
            para("Summary")
        );
        let out = text(&html);
        assert!(
            out.contains("In short:"),
            "a label before prose stays: {out}"
        );
    }

    #[test]
    fn a_lead_in_the_entry_header_is_kept() {
        let html = format!(
            "<body><main><header class=entry-header><h1>Title</h1>\
             <div class=lead><p>Always tired? Here is what helps.</p></div></header>\
             <div class=entry-content>{}</div></main></body>",
            para("Story").repeat(3)
        );
        let out = text(&html);
        assert!(out.contains("Always tired?"), "{out}");
        assert!(out.contains("Story said"), "{out}");
        let html = format!(
            "<body><article><header class=entry-header><h1>Title</h1>\
             <div class=entry-excerpt><p>Since 2015 a firm has sent warning letters.</p></div>\
             </header><div class=entry-content>{}</div></article></body>",
            para("Story").repeat(3)
        );
        let out = text(&html);
        assert!(out.contains("Since 2015"), "{out}");
    }

    #[test]
    fn a_schema_org_description_before_the_text_is_its_lead() {
        let html = format!(
            "<body><main><div class=news><h3>Title</h3>\
             <div class=teaser-text itemprop=description><p>What was rumoured is now confirmed</p></div>\
             <div class=news-text-wrap>{}</div></div></main></body>",
            para("Story").repeat(3)
        );
        let out = text(&html);
        assert!(out.contains("rumoured is now"), "{out}");
        assert!(out.contains("Story said"), "{out}");
    }

    #[test]
    fn a_written_out_address_in_the_text_is_kept_but_a_link_line_is_not() {
        let html = format!(
            "<body><article><div class=entry-content>{}\
             <p><a href='http://www.gnu.org/philosophy/free-sw.html'>http://www.gnu.org/philosophy/free-sw.html</a></p>\
             <p><a href='/more'>More from our site</a></p>{}</div></article></body>",
            para("Story").repeat(2),
            para("Other")
        );
        let out = text(&html);
        assert!(out.contains("gnu.org/philosophy"), "{out}");
        assert!(!out.contains("More from our site"), "{out}");
    }

    #[test]
    fn a_lead_joins_past_a_byline_with_links_but_other_prose_does_not() {
        let html = format!(
            "<body><div class=sidebar-text><p>{}</p></div><div class=post>\
             <div class=sommario><p>The clock in the square counts down the years.</p></div>\
             <div class=post-meta><a href=/author>by Vego</a></div>\
             <div class=entry-content>{}</div></div></body>",
            "Unrelated prose about the shop, long enough to be a paragraph. ".repeat(2),
            para("Story").repeat(3)
        );
        let out = text(&html);
        assert!(out.contains("The clock in the square"), "{out}");
        assert!(out.contains("Story said"), "{out}");
        assert!(!out.contains("Unrelated prose"), "{out}");
    }

    #[test]
    fn a_lead_behind_a_share_bar_joins_its_article() {
        let html = format!(
            "<body><nav><a href=/>Home</a></nav><article><header><h1>Title</h1>\
             <p class=entry-summary>Rain, storms and snow are on the way for the south.</p>\
             <div class=meta><a href=/a>Ann Lee</a> <a href=/b>Weather</a></div></header>\
             <div class=entry-content>{}</div></article></body>",
            para("Story").repeat(3)
        );
        let out = text(&html);
        assert!(out.contains("Rain, storms"), "{out}");
        assert!(!out.contains("Ann Lee"), "{out}");
    }

    #[test]
    fn a_big_related_list_in_the_article_is_not_excused() {
        let item = |w: &str| {
            format!(
                "<li>{}</li>",
                format!("{w} went on, at length, about it. ").repeat(6)
            )
        };
        let html = format!(
            "<body><div class=entry>{}<ul class=related_post>{}{}{}</ul></div></body>",
            para("Story").repeat(2),
            item("Alpha"),
            item("Beta"),
            item("Gamma")
        );
        let out = text(&html);
        assert!(out.contains("Story said"), "{out}");
        assert!(!out.contains("Beta went"), "{out}");
    }
}
