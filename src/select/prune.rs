//! Prune: remove what does not belong inside the main content.
//!
//! Whole boxes first ([`boilerplate_boxes`]: Readability's "clean
//! conditionally", lists and boxes of links with no prose), then each block
//! on its own ([`block_reason`]: hidden, captions, promo rules, comments,
//! bylines, promo and chrome boxes the container is not itself in, link
//! density). A box that holds a large share of the container's text is the
//! article whatever its class says, so its flags are excused ([`excused`]).

use std::borrow::Cow;
use std::cell::OnceCell;

use crate::block::{Block, BlockKind, Flags, Subtree, Tag};
use crate::cta::{CtaParams, Verdict};
use crate::promo::Catalogue;
use crate::segment::Segments;

use super::candidate::subtree_of;
use super::params::Params;
use super::{Context, Reason};

/// The chosen container: its block range and size (`chars` is `u32::MAX`
/// when there is none and the whole page is main).
#[derive(Clone, Copy, Debug)]
pub(super) struct Container {
    pub start: u32,
    pub end: u32,
    pub chars: u32,
    pub flags: Flags,
}

/// At least `large_share` of the container's text: a box that big is part of
/// the article whatever its class says.
pub(super) fn large_share(chars: u32, container_chars: u32, p: &Params) -> bool {
    chars as f64 >= container_chars as f64 * p.large_share
}

/// Blocks inside a whole box judged boilerplate (and inside the main range,
/// and not holding the container or a large share of it). One sweep over
/// the boxes and one over the blocks, however deep boxes nest.
pub(super) fn boilerplate_boxes(
    page: &Segments,
    p: &Params,
    c: &Container,
    in_main: &[bool],
) -> Vec<bool> {
    let n = page.blocks.len();
    // +1 where a boilerplate box starts, -1 where it ends.
    let mut delta = vec![0i32; n + 1];
    for s in &page.subtrees {
        let holds_container = s.start <= c.start && s.end >= c.end;
        let big_share = c.chars != u32::MAX && large_share(s.chars, c.chars, p);
        if (s.start as usize) < n
            && in_main[s.start as usize]
            && !holds_container
            && !big_share
            && is_boilerplate_box(s, p)
        {
            delta[s.start as usize] += 1;
            delta[s.end as usize] -= 1;
        }
    }
    let mut depth = 0;
    delta[..n]
        .iter()
        .map(|d| {
            depth += d;
            depth > 0
        })
        .collect()
}

/// Blocks of a list the text announces: a `<ul>`/`<ol>` of at most
/// `announced_list_items` items inside the container, right after a
/// paragraph (not a link) whose text ends in a colon.
pub(super) fn announced_lists(page: &Segments, p: &Params, c: &Container) -> Vec<bool> {
    let n = page.blocks.len();
    let mut out = vec![false; n];
    if p.announced_list_items == 0 {
        return out;
    }
    for s in &page.subtrees {
        if !matches!(s.tag, Tag::Ul | Tag::Ol)
            || s.list_items == 0
            || s.list_items > p.announced_list_items
            || s.start <= c.start
            || s.end > c.end
            || s.end as usize > n
        {
            continue;
        }
        let before = &page.blocks[s.start as usize - 1];
        if before.kind == BlockKind::Paragraph
            && before.link_density() < p.link_density
            && before.text.trim_end().ends_with(':')
        {
            out[s.start as usize..s.end as usize].fill(true);
        }
    }
    out
}

/// Readability's "clean conditionally", decided per closed element: lists,
/// tables and boxes with many links and little prose are boilerplate.
fn is_boilerplate_box(s: &Subtree, p: &Params) -> bool {
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
    if s.commas >= p.box_prose_commas {
        return false;
    }
    let ld = s.link_density();
    let is_list = matches!(s.tag, Tag::Ul | Tag::Ol | Tag::Dl);
    if s.hint < 0 && ld > p.box_negative_link_density {
        return true;
    }
    if !is_list && s.list_items > s.paragraphs * 2 + 2 && ld > p.box_list_link_density {
        return true;
    }
    if s.inputs > s.paragraphs / 3 + 1 && s.chars < p.box_form_chars {
        return true;
    }
    ld > p.link_density && s.chars < p.box_link_chars
}

/// Flags excused per block: a box whose class says promo or chrome but that
/// holds a large share of the container's text ("banners-contenido", a
/// theme's "sidebar-layout" inner wrapper) is the article, so the flags it
/// adds to its parent's do not count against its blocks. A list is never
/// the article's wrapper: a big "related" list is still a list of other
/// posts. One counter per flag, so nested boxes cost no more than flat ones.
pub(super) fn excused(page: &Segments, p: &Params, c: &Container) -> Vec<u32> {
    let n = page.blocks.len();
    let mut out = vec![0u32; n];
    if c.chars == u32::MAX {
        return out;
    }
    // Flags excused per block ([PROMO, UNLIKELY, META]) and the component
    // header mark, each as +1/-1 at a box's ends, summed in one sweep.
    const MARKS: [u32; 4] = [
        Flags::PROMO,
        Flags::UNLIKELY,
        Flags::META,
        Flags::PART_HEADER,
    ];
    let mut delta = vec![[0i32; 4]; n + 1];
    let mut mark = |s: &Subtree, k: usize| {
        delta[s.start as usize][k] += 1;
        delta[s.end as usize][k] -= 1;
    };
    let h1 = region_h1(page, c);
    for s in &page.subtrees {
        if s.start < c.start || s.end > c.end {
            continue;
        }
        let parent_flags = subtree_of(page, s.parent).map_or(0, |pi| page.subtrees[pi].flags.0);
        let adds = s.flags.0 & !parent_flags;
        // A box that holds a large share of the container is the article.
        let list = matches!(s.tag, Tag::Ul | Tag::Ol | Tag::Dl);
        if !list && large_share(s.chars, c.chars, p) {
            for (k, &f) in MARKS[..3].iter().enumerate() {
                if adds & f != 0 {
                    mark(s, k);
                }
            }
        }
        // The box around the region's headline (a product's or course's
        // `div.product-header`, `div.pdp-title-header`): its class says
        // header, but a header that holds the page's own `<h1>` inside the
        // region is that page's title and intro, not the site's chrome. Not
        // a landmark (`<header>`, role=banner: those stay chrome), not a
        // linked logo, and small (a whole buy box is not the title's wrapper).
        if h1.is_some_and(|h| (s.start as usize..s.end as usize).contains(&h))
            && adds & Flags::UNLIKELY != 0
            && adds & Flags::CHROME_TAG == 0
            && s.chars <= p.title_box_chars
        {
            mark(s, 1);
        }
        // A small component header box inside the container: its blocks
        // are marked, so that `block_reason` keeps them where the profile
        // says.
        if p.component_headers_kept
            && adds & Flags::PART_HEADER != 0
            && s.chars <= p.component_header_chars
        {
            mark(s, 3);
        }
    }
    let mut depth = [0i32; 4];
    for (i, e) in out.iter_mut().enumerate() {
        for k in 0..4 {
            depth[k] += delta[i][k];
            if depth[k] > 0 {
                *e |= MARKS[k];
            }
        }
    }
    out
}

/// The first `<h1>` inside the container that is not a link (a linked
/// `<h1>` is a site's logo).
fn region_h1(page: &Segments, c: &Container) -> Option<usize> {
    (c.start as usize..(c.end as usize).min(page.blocks.len())).find(|&i| {
        let b = &page.blocks[i];
        b.kind == BlockKind::Heading(1) && b.link_chars == 0
    })
}

/// A block that is one written-out web address ("http://www.gnu.org/…"):
/// a reference the article gives, not a link to another page of the site.
fn bare_url(text: &str) -> bool {
    let t = text.trim();
    (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www."))
        && !t.contains(char::is_whitespace)
}

/// What judges a block's words: the phrase catalogue, then the
/// call-to-action detector with the site's names and the block's position
/// (near the head or tail of the kept text).
pub(super) struct Promo<'a> {
    pub rules: &'a Catalogue,
    pub site: &'a crate::cta::Site,
    pub edge: bool,
    /// What earlier attempts of the retry ladder found of this block's
    /// words, when they ran with the same detector parameters.
    pub memo: Option<&'a Memo>,
    /// The block's index (into the memo).
    pub index: usize,
}

/// The per-page answers of the catalogue and the call-to-action detector,
/// each computed once per distinct line: the retry ladder runs the block
/// pass in several attempts over the same blocks, and both depend only on
/// the block's words, the site, the block's being at an edge of the kept
/// text and the detector's parameters, which stay the same for a page. A
/// line a page repeats (a card's "Read more", a product grid's "Add to
/// cart", a post's "Reply"; a quarter of the detector's calls on the bench)
/// shares the answers of its first block with the same words and the same
/// detector variant ([`CtaVariant`]).
pub(super) struct Memo {
    /// The detector parameters the verdicts were computed with.
    pub cta: CtaParams,
    /// Per block, the first block with the same words and variant: the
    /// one whose cells hold the answers.
    first: Vec<u32>,
    /// The catalogue rule that matched (its index), per block.
    rule: Vec<OnceCell<Option<usize>>>,
    /// The detector's verdict per block, not at an edge and at an edge.
    verdict: Vec<[OnceCell<Option<Verdict>>; 2]>,
}

impl Memo {
    pub fn new(blocks: &[Block], cta: &CtaParams) -> Memo {
        let n = blocks.len();
        let mut seen: rustc_hash::FxHashMap<(&str, CtaVariant), u32> = Default::default();
        let first = blocks
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let i = u32::try_from(i).unwrap_or(u32::MAX);
                *seen
                    .entry((b.text.as_str(), CtaVariant::of(b)))
                    .or_insert(i)
            })
            .collect();
        Memo {
            cta: cta.clone(),
            first,
            rule: (0..n).map(|_| OnceCell::new()).collect(),
            verdict: (0..n).map(|_| Default::default()).collect(),
        }
    }

    /// The block whose cells answer for block `i`.
    fn slot(&self, i: usize) -> usize {
        self.first.get(i).map_or(i, |&f| f as usize)
    }
}

/// What of a block besides its words decides which detector parameters
/// judge it ([`block_reason`]): a heading's, and a non-paragraph's or a
/// list item's (whose opening verb is no button's label).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct CtaVariant {
    heading: bool,
    labels_off: bool,
}

impl CtaVariant {
    fn of(b: &Block) -> CtaVariant {
        // (Nor is a verb opening it a button's: "Check the wiring"; nor is
        // one opening a list item, a cell, a caption or a quote: a
        // checklist's "Check disk space trends", a price table's "Install
        // TV outlets".)
        // (A paragraph in a list item too: "ul>li>p".)
        let labels_off = !matches!(b.kind, BlockKind::Paragraph | BlockKind::Other)
            || b.path
                .split('>')
                .any(|e| e == "li" || e.starts_with("li.") || e.starts_with("li#"));
        CtaVariant {
            heading: b.kind.is_heading(),
            labels_off,
        }
    }

    /// The detector's parameters for a block of this variant: a heading
    /// names its section, so a trial or a consultation in it is the offer
    /// the section presents, not a banner's; and where labels are off, a
    /// verb opening the block makes no button's label.
    fn params(self, base: &CtaParams) -> Cow<'_, CtaParams> {
        let trial = self.heading && base.trial_max_chars > 0;
        let label = self.labels_off && base.label_words > 0;
        if !(trial || label) {
            return Cow::Borrowed(base);
        }
        Cow::Owned(CtaParams {
            trial_max_chars: if self.heading {
                0
            } else {
                base.trial_max_chars
            },
            label_words: if self.labels_off { 0 } else { base.label_words },
            ..base.clone()
        })
    }
}

/// The index of the first catalogue rule that matches `text`.
fn rule_index(rules: &Catalogue, text: &str) -> Option<usize> {
    let rule = rules.matches(text)?;
    rules.rules().iter().position(|r| std::ptr::eq(r, rule))
}

/// What the rules that look at one block alone say, relative to the
/// container's flags (`context`: the container's, plus excused ones).
/// One reason per block, the first that applies: hidden, figure, the
/// catalogue's fixed labels (`rule:<id>`), the box the block is in
/// (comments, byline, promo, chrome), then the call-to-action detector
/// (`cta:<signals>`), then link density. So a line both the catalogue and
/// the detector catch reports the catalogue's rule, in HTML and plain text.
pub(super) fn block_reason(
    b: &Block,
    context: Flags,
    promo: &Promo,
    p: &Params,
    with_comments: bool,
    hints: bool,
) -> Option<Reason> {
    if b.flags.has(Flags::HIDDEN) {
        return Some(if b.flags.has(Flags::NOSCRIPT) {
            Reason::NoScript
        } else {
            Reason::Hidden
        });
    }
    // Figure captions and credits describe a picture the text output lacks.
    if b.flags.0 & Flags::FIGURE & !context.0 != 0 || b.kind == BlockKind::Caption {
        return Some(Reason::Context(Context::Figure));
    }
    let rule = match promo.memo {
        Some(m) => m.rule[m.slot(promo.index)]
            .get_or_init(|| rule_index(promo.rules, &b.text))
            .map(|i| &promo.rules.rules()[i]),
        None => promo.rules.matches(&b.text),
    };
    if let Some(rule) = rule {
        return Some(Reason::Rule(rule.id.clone()));
    }
    let new = Flags(b.flags.0 & !context.0);
    if new.has(Flags::COMMENTS) && !with_comments {
        return Some(Reason::Context(Context::Comments));
    }
    if new.has(Flags::META) {
        return Some(Reason::Context(Context::Byline));
    }
    if new.has(Flags::PROMO) && p.promo_boxes_go {
        return Some(Reason::Context(Context::Promo));
    }
    // A lead in a header ("entry-header") or anywhere in an article is the
    // article's opening, not the page header's chrome.
    let header_lead = b.flags.has(Flags::LEAD) && b.flags.has(Flags::HEADER | Flags::ARTICLE);
    let section_header = context.has(Flags::PART_HEADER) && b.flags.has(Flags::PART_HEADER);
    if new.has(Flags::UNLIKELY) && hints && !header_lead && !section_header {
        return Some(Reason::Context(Context::Chrome));
    }
    if b.kind != BlockKind::Pre && promo.rules.cta() {
        let cta = CtaVariant::of(b).params(&p.cta);
        let cta = cta.as_ref();
        let judge = || crate::cta::judge(&b.text, promo.site, promo.edge, cta);
        let verdict = match promo.memo {
            Some(m) => *m.verdict[m.slot(promo.index)][usize::from(promo.edge)].get_or_init(judge),
            None => judge(),
        };
        if let Some(v) = verdict {
            return Some(Reason::Cta(v.signals.to_string().into_boxed_str()));
        }
    }
    if b.link_density() > p.link_density
        && b.kind != BlockKind::Pre
        && !bare_url(&b.text)
        && b.chars < p.link_dense_prose_chars
    {
        return Some(Reason::LinkDense);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The memo gives each block the reason it gets without one, at an
    /// edge and not, however often the ladder asks.
    #[test]
    fn the_memo_answers_as_the_rules_do() {
        let page = crate::segment::segments_of(
            "<body><article><p>Share this</p>\
             <p>Download our free app today and never miss a story!</p>\
             <p>The council voted seven to two to approve the new budget on Tuesday.</p>\
             <h2>Start your free trial today</h2><p>Start your free trial today</p>\
             <p>Download our free app today and never miss a story!</p>\
             </article></body>",
        );
        let p = Params::default();
        let rules = Catalogue::builtin();
        let memo = Memo::new(&page.blocks, &p.cta);
        let mut reasons = Vec::new();
        for edge in [false, true, false, true] {
            for (i, b) in page.blocks.iter().enumerate() {
                let promo = |memo| Promo {
                    rules,
                    site: &page.site,
                    edge,
                    memo,
                    index: i,
                };
                let fresh = block_reason(b, Flags::default(), &promo(None), &p, false, true);
                let kept = block_reason(b, Flags::default(), &promo(Some(&memo)), &p, false, true);
                assert_eq!(kept, fresh, "{:?} (edge {edge})", b.text);
                reasons.push(kept);
            }
        }
        // The test sees a rule, the detector and prose.
        assert!(matches!(reasons[0], Some(Reason::Rule(_))), "{reasons:?}");
        assert!(matches!(reasons[1], Some(Reason::Cta(_))), "{reasons:?}");
        assert_eq!(reasons[2], None);
        // A line the page repeats shares its first block's answer, but only
        // under the same detector variant: a heading keeps the offer it
        // presents, a paragraph with its words is a banner's pitch.
        assert_eq!(memo.slot(5), 1, "{:?}", memo.first);
        assert_eq!(memo.slot(4), 4, "{:?}", memo.first);
        assert_eq!(reasons[3], None, "{reasons:?}");
        assert!(matches!(reasons[4], Some(Reason::Cta(_))), "{reasons:?}");
    }
}
