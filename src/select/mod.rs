//! Select: choose the main content and decide, for every block, keep or
//! remove, with the reason and the pass that decided.
//!
//! Input is the page model the segmenter left: blocks in document order
//! and the subtree records of closed elements (block ranges, parents and
//! totals; facts, not scores). Selection is a list of named passes over it,
//! each a function with one job, reading one [`Params`] table:
//!
//! ```text
//! candidate ▸ expand ▸ prune ▸ tidy ▸ user
//! choose      siblings  boxes   headline        selectors
//!             extend    blocks  tail-labels
//!                               interface-labels
//!                               before-title
//!                               teaser-titles
//!                               dangling-headings
//! ```
//!
//! - candidate ([`candidate`]): a [`Scorer`] scores every element; the best
//!   one, moved to a common ancestor of near-best ones or up to a parent
//!   that scores higher, is the main element;
//! - expand ([`expand`]): good siblings and prose right outside it join;
//!   the cards of a grid of priced cards it holds (a category page's
//!   products, [`items::priced_grids`]) are left alone as items, and the
//!   page's largest such grid joins after the ladder when the attempt that
//!   won kept less than half of it;
//! - prune ([`prune`]): boilerplate boxes and blocks inside the main range
//!   go (hidden, captions, promo catalogue, comments, bylines, chrome, link
//!   density);
//! - tidy ([`tidy`]): the headline, tail labels, interface labels and
//!   lines above the title (on the page types whose profile asks), the
//!   linked titles of a feed's teasers whose summaries stay, and dangling
//!   headings;
//! - user: `--drop` / `--keep` selectors beat everything;
//! - learned ([`learned`]): after the ladder, a block model may restore
//!   removed blocks or drop kept ones where it is very sure (thresholds
//!   in [`Params`]); no model ships today (see `src/rules/block-model.txt`),
//!   so the rules' decisions stand.
//!
//! When the kept text is very short, the next attempt of the retry ladder
//! runs (today: the same passes without class/id hints) and the best
//! attempt wins. Every removed block carries a [`Reason`], and every block
//! the [`Pass`] that decided it: that is what `explain` and `diff` show.

mod candidate;
mod expand;
mod items;
mod learned;
mod params;
mod posts;
mod prune;
mod score;
mod tidy;

pub(crate) use posts::dated as dated_line;

use std::fmt;

/// The passes' maps and sets, keyed by block and subtree indices, tag
/// paths and short texts: FxHash, not SipHash (no key comes from an
/// adversary that could flood a map of one page, and no map's order
/// reaches a decision).
type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;
type HashSet<K> = rustc_hash::FxHashSet<K>;

use crate::block::Flags;
use crate::promo::Catalogue;
use crate::segment::Segments;
use crate::Favor;

pub use learned::BlockModel;
pub use params::Params;
pub use score::{Readability, Scorer};

use prune::Container;

/// Why a block was removed. Each reason belongs to the pass that gives it
/// ([`Reason::pass`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Outside the main content (candidate and expand passes).
    OutsideMain,
    /// Marked hidden (`hidden`, `aria-hidden`, `display:none`, screen-reader-only).
    Hidden,
    /// Inside `<noscript>`: what a browser shows only when scripts are off.
    NoScript,
    /// A promo/chrome catalogue rule matched the whole block.
    Rule(String),
    /// The call-to-action detector ([`crate::cta`]) scored the block at or
    /// over its threshold; the signals that fired, `imperative+channel:sms+self`.
    Cta(Box<str>),
    /// Inside a box the main content is not itself in: comments, byline,
    /// promo, chrome, figure.
    Context(Context),
    /// Mostly link text.
    LinkDense,
    /// Inside a list, table or box judged boilerplate as a whole (links, no prose).
    BoilerplateBox,
    /// The page title repeated as the first heading.
    Title,
    /// A short label ending in a colon in the tail of the text ("Contact:").
    TailLabel,
    /// A heading whose section was removed.
    DanglingHeading,
    /// A short label of the page's interface ("Add to cart", "Was this helpful?").
    InterfaceLabel,
    /// A short line above the title of a documentation page.
    BeforeTitle,
    /// A copy of text kept earlier on the page (a layout's desktop, tablet
    /// and mobile variants of one section).
    Repeat,
    /// A short part of a thread's post template (user card, vote count).
    PostChrome,
    /// Inside an element matched by a user `--drop` selector.
    UserDrop,
    /// The block model is very sure it is not main text (`learned`).
    Learned,
}

/// The kind of box a [`Reason::Context`] block sits in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// A figure, caption or picture credit.
    Figure,
    /// A comment section.
    Comments,
    /// A byline, date or post-metadata box.
    Byline,
    /// A share bar, newsletter box, ad, cookie banner.
    Promo,
    /// Navigation, sidebar, header or footer chrome.
    Chrome,
}

impl Context {
    pub fn as_str(self) -> &'static str {
        match self {
            Context::Figure => "figure",
            Context::Comments => "comments",
            Context::Byline => "byline",
            Context::Promo => "promo",
            Context::Chrome => "chrome",
        }
    }
}

impl Reason {
    /// The pass that gives this reason.
    pub fn pass(&self) -> Pass {
        match self {
            Reason::OutsideMain => Pass::Choose,
            Reason::BoilerplateBox => Pass::Boxes,
            Reason::Hidden
            | Reason::NoScript
            | Reason::Rule(_)
            | Reason::Cta(_)
            | Reason::Context(_)
            | Reason::LinkDense => Pass::Blocks,
            Reason::Title => Pass::Headline,
            Reason::TailLabel => Pass::TailLabels,
            Reason::DanglingHeading => Pass::DanglingHeadings,
            Reason::InterfaceLabel => Pass::InterfaceLabels,
            Reason::BeforeTitle => Pass::BeforeTitle,
            Reason::Repeat => Pass::Repeats,
            Reason::PostChrome => Pass::PostChrome,
            Reason::UserDrop => Pass::User,
            Reason::Learned => Pass::Learned,
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::OutsideMain => f.write_str("outside-main"),
            Reason::Hidden => f.write_str("hidden"),
            Reason::NoScript => f.write_str("noscript"),
            Reason::Rule(id) => write!(f, "rule:{id}"),
            Reason::Cta(signals) => write!(f, "cta:{signals}"),
            Reason::Context(c) => write!(f, "context:{}", c.as_str()),
            Reason::LinkDense => f.write_str("link-dense"),
            Reason::BoilerplateBox => f.write_str("boilerplate-box"),
            Reason::Title => f.write_str("title"),
            Reason::TailLabel => f.write_str("tail-label"),
            Reason::DanglingHeading => f.write_str("dangling-heading"),
            Reason::InterfaceLabel => f.write_str("interface-label"),
            Reason::Repeat => f.write_str("repeat"),
            Reason::BeforeTitle => f.write_str("before-title"),
            Reason::PostChrome => f.write_str("post-chrome"),
            Reason::UserDrop => f.write_str("user-drop"),
            Reason::Learned => f.write_str("learned"),
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

/// The named passes of selection, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Pass {
    /// candidate: score the elements and choose the main one.
    Choose,
    /// candidate (region attempt): the page's landmark region is the main content.
    Region,
    /// expand: siblings of the main element that score well or are prose.
    Siblings,
    /// expand: prose right outside the main range, and its lead.
    Extend,
    /// expand: the cards of a grid of priced cards inside the main range
    /// are left alone, as a listing's items are.
    Grid,
    /// prune: boxes of links and no prose inside the main range.
    Boxes,
    /// prune: rules on each block alone (hidden, captions, promo, chrome, links).
    Blocks,
    /// tidy: the headline is the title, not the text.
    Headline,
    /// tidy: "Contact:"-like labels in the tail.
    TailLabels,
    /// tidy: headings whose section went.
    DanglingHeadings,
    /// tidy: short labels of the page's interface (product, documentation).
    InterfaceLabels,
    /// tidy: short lines above a documentation page's title.
    BeforeTitle,
    /// tidy: copies of text kept earlier (a product page's layout variants).
    Repeats,
    /// tidy: a teaser's linked heading over its kept summary comes back.
    TeaserTitles,
    /// prune: the template parts of a thread's posts (user cards, votes)
    /// go, and what a post's body box holds comes back (`posts`).
    PostChrome,
    /// user: `--drop` / `--keep` selectors.
    User,
    /// learned: the block model overrules the rules where it is very sure.
    Learned,
}

impl Pass {
    /// The name `explain` prints.
    pub fn as_str(self) -> &'static str {
        match self {
            Pass::Choose => "choose",
            Pass::Region => "region",
            Pass::Siblings => "siblings",
            Pass::Extend => "extend",
            Pass::Grid => "grid",
            Pass::Boxes => "boxes",
            Pass::Blocks => "blocks",
            Pass::Headline => "headline",
            Pass::TailLabels => "tail-labels",
            Pass::DanglingHeadings => "dangling-headings",
            Pass::InterfaceLabels => "interface-labels",
            Pass::BeforeTitle => "before-title",
            Pass::Repeats => "repeats",
            Pass::TeaserTitles => "teaser-titles",
            Pass::PostChrome => "post-chrome",
            Pass::User => "user",
            Pass::Learned => "learned",
        }
    }
}

impl fmt::Display for Pass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What selection decided for a page.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// One decision per block.
    pub decisions: Vec<Decision>,
    /// For each block, the pass that decided it last.
    pub by: Vec<Pass>,
}

/// One attempt of the retry ladder: a pass list, its settings, and when
/// it runs and wins.
#[derive(Clone, Copy)]
struct Attempt {
    /// Class/id hints that say "unlikely to be content" count.
    hints: bool,
    passes: &'static [(Pass, PassFn)],
    /// Runs only when this says the best attempt so far fell short.
    when: fn(&Ladder) -> bool,
    /// Replaces the best attempt so far when this says it did better.
    wins: fn(&Ladder, &Outcome) -> bool,
}

/// The retry ladder: attempts in order, each run only when the best one so
/// far fell short, each taking over when it did better.
/// - hinted: the passes of the profile;
/// - unhinted: when almost nothing is kept, the same without class/id
///   hints (a theme that calls its content wrapper "sidebar-layout"),
///   taken when it keeps `retry_gain` times the text;
/// - region: when what is kept is a small part of the page's landmark
///   region (the one `<main>`, else the body without its navigation,
///   header, footer and asides) or lies mostly outside the one `<main>`,
///   the whole region, pruned as usual, taken when it keeps more, or
///   when it keeps anything and the best so far is the unhinted attempt's
///   text mostly outside the one `<main>`: with the hints off, the
///   navigation, footer and sidebars the theme named as such are
///   candidates too, and a page that marks its content with `<main>` (a
///   404 page's message, a recipe roundup's cards) is then outbid by the
///   consent notice or link block of its footer.
const LADDER: &[Attempt] = &[
    Attempt {
        hints: true,
        passes: PASSES,
        when: |_| true,
        wins: |_, _| true,
    },
    Attempt {
        hints: false,
        passes: PASSES,
        when: |l| l.best.kept < l.params.retry_below_chars,
        wins: |l, o| o.kept > l.best.kept.saturating_mul(l.params.retry_gain),
    },
    Attempt {
        hints: true,
        passes: REGION_PASSES,
        when: |l| {
            l.region.is_some_and(|r| {
                r.wants_widening(l.best.kept, l.best.kept_in_region, l.best.prose, l.params)
            })
        },
        wins: |l, o| {
            o.kept > l.best.kept
                || (o.kept > 0
                    && !l.best.hinted
                    && l.region
                        .as_ref()
                        .is_some_and(|r| r.left(l.best.kept, l.best.kept_in_region)))
        },
    },
];

/// One pass: its name and the function that does its one job.
type PassFn = fn(&mut Run);

/// The passes of the article profile, in order.
const PASSES: &[(Pass, PassFn)] = &[
    (Pass::Choose, choose),
    (Pass::Siblings, siblings),
    (Pass::Extend, extend),
    (Pass::Grid, grid),
    (Pass::Boxes, boxes),
    (Pass::Blocks, blocks),
    (Pass::Headline, headline),
    (Pass::TailLabels, tail_labels),
    (Pass::InterfaceLabels, interface_labels),
    (Pass::BeforeTitle, before_title),
    (Pass::Repeats, repeats),
    (Pass::TeaserTitles, teaser_titles),
    (Pass::User, user),
    (Pass::DanglingHeadings, dangling_headings),
    // A heading the user kept stays even when what it introduced went.
    (Pass::User, user),
];

/// The region attempt: the landmark region is the main content.
const REGION_PASSES: &[(Pass, PassFn)] = &[
    (Pass::Region, choose_region),
    (Pass::Boxes, boxes),
    (Pass::Blocks, blocks),
    (Pass::Headline, headline),
    (Pass::TailLabels, tail_labels),
    (Pass::InterfaceLabels, interface_labels),
    (Pass::BeforeTitle, before_title),
    (Pass::Repeats, repeats),
    (Pass::TeaserTitles, teaser_titles),
    (Pass::User, user),
    (Pass::DanglingHeadings, dangling_headings),
    (Pass::User, user),
];

/// Decide every block of a page with the built-in scorer and `favor`'s
/// parameters.
pub fn select(
    page: &Segments,
    favor: Favor,
    rules: &Catalogue,
    with_comments: bool,
) -> Vec<Decision> {
    let params = Params::default().with_favor(favor);
    select_with(page, &params, &Readability, rules, with_comments).decisions
}

/// What one attempt kept.
struct Outcome {
    selection: Selection,
    /// Characters kept, of those inside the region, and in paragraphs of prose.
    kept: u32,
    kept_in_region: u32,
    prose: u32,
    /// The attempt counted class/id hints.
    hinted: bool,
}

impl Outcome {
    fn of(
        page: &Segments,
        p: &Params,
        selection: Selection,
        region: Option<&candidate::Region>,
        hinted: bool,
    ) -> Outcome {
        let mut kept = 0;
        let mut kept_in_region = 0;
        let mut prose = 0;
        for (i, (b, d)) in page.blocks.iter().zip(&selection.decisions).enumerate() {
            if d.kept() {
                kept += b.chars;
                if region.is_some_and(|r| r.holds(i, b)) {
                    kept_in_region += b.chars;
                }
                if b.chars >= p.prose_chars && b.link_density() < p.prose_link_density {
                    prose += b.chars;
                }
            }
        }
        Outcome {
            selection,
            kept,
            kept_in_region,
            prose,
            hinted,
        }
    }
}

/// The state of the retry ladder: the best attempt so far.
struct Ladder<'a> {
    params: &'a Params,
    region: Option<candidate::Region>,
    best: Outcome,
    blocks: &'a [crate::block::Block],
    /// Blocks in the largest grid of priced cards (`items::priced_grids`);
    /// empty: none.
    grid: Vec<bool>,
}

impl Ladder<'_> {
    /// The best attempt so far kept less than half the text of the page's
    /// largest grid of priced cards: a category page whose choice was its
    /// description or FAQ beside the products.
    fn misses_grid(&self) -> bool {
        if self.grid.is_empty() || self.region.is_none() {
            return false;
        }
        let (mut all, mut kept) = (0u64, 0u64);
        for ((b, d), &g) in self
            .blocks
            .iter()
            .zip(&self.best.selection.decisions)
            .zip(&self.grid)
        {
            if g {
                all += u64::from(b.chars);
                if d.kept() {
                    kept += u64::from(b.chars);
                }
            }
        }
        all > 0 && 2 * kept < all
    }
}

/// Decide every block of a page: the retry ladder over the passes.
pub fn select_with(
    page: &Segments,
    params: &Params,
    scorer: &dyn Scorer,
    rules: &Catalogue,
    with_comments: bool,
) -> Selection {
    if page.blocks.is_empty() {
        return Selection::default();
    }
    // A forum's comment sections are its posts.
    let with_comments = with_comments || params.comments_are_content;
    let region = candidate::region(page, params, with_comments);
    let memo = prune::Memo::new(&page.blocks, &params.cta);
    let run = |a: &Attempt, p: &Params| {
        let memo = (p.cta == memo.cta).then_some(&memo);
        let s = Run::new(page, p, scorer, rules, with_comments, a, memo).finish(a.passes);
        Outcome::of(page, p, s, region.as_ref(), a.hints)
    };
    let (_, grid) = items::priced_grids(page, params);
    let mut ladder = Ladder {
        params,
        best: run(&LADDER[0], params),
        region,
        grid,
        blocks: &page.blocks,
    };
    // A page that says it is an article but whose chosen element is a
    // sliver of its region is a section front (a site stamps og:type
    // article on every page): its items are the content after all. When
    // it keeps under `items_widen_below` of the region, the items are
    // spread over the region (a blog's front page, a "best of" list in
    // columns), and the region attempt runs as on a listing.
    let items_anyway;
    let later = match &ladder.region {
        Some(r)
            if !params.keep_items
                && (ladder.best.kept as f64) < params.items_if_kept_below * r.chars as f64 =>
        {
            let sliver = (ladder.best.kept as f64) < params.items_widen_below * r.chars as f64;
            let widen = if sliver { 1.0 } else { 0.0 };
            items_anyway = Params {
                keep_items: true,
                widen_main_ratio: params.widen_main_ratio.max(widen),
                widen_body_ratio: params.widen_body_ratio.max(widen),
                widen_body_max_prose: if sliver {
                    u32::MAX
                } else {
                    params.widen_body_max_prose
                },
                ..params.clone()
            };
            &items_anyway
        }
        _ => params,
    };
    ladder.params = later;
    for attempt in &LADDER[1..] {
        if !(attempt.when)(&ladder) {
            continue;
        }
        let outcome = run(attempt, later);
        if (attempt.wins)(&ladder, &outcome) {
            ladder.best = outcome;
        }
    }
    // A category page whose choice missed its grid of priced cards (its
    // description or FAQ won): the grid joins, but for its buttons.
    if ladder.misses_grid() {
        for (i, b) in page.blocks.iter().enumerate() {
            let button = b.flags.has(Flags::CONTROL) && b.chars <= params.ui_label_chars;
            let hidden = b.flags.has(Flags::HIDDEN);
            if ladder.grid[i] && !ladder.best.selection.decisions[i].kept() && !hidden && !button {
                ladder.best.selection.decisions[i] = Decision::Keep;
                ladder.best.selection.by[i] = Pass::Grid;
            }
        }
    }
    // The template parts of a thread's posts go from the attempt that won:
    // run inside the ladder, their removal made a short thread look like a
    // choice that missed its page, and the region attempt won with chrome.
    let mut selection = ladder.best.selection;
    if let Some(thread) = posts::Thread::of(page, params) {
        for i in posts::restore(&thread, page, params, &selection.decisions) {
            selection.decisions[i] = Decision::Keep;
            selection.by[i] = Pass::PostChrome;
        }
        for i in posts::chrome(&thread, page, params, &selection.decisions) {
            selection.decisions[i] = Decision::Remove(Reason::PostChrome);
            selection.by[i] = Pass::PostChrome;
        }
        // ... but for each post's header: who wrote it, and when.
        for i in posts::headers(&thread, page, params, &selection.decisions) {
            selection.decisions[i] = Decision::Keep;
            selection.by[i] = Pass::PostChrome;
        }
    }
    // Likewise a shop's price tags and stock, shipping and returns labels.
    for i in tidy::commerce_labels(&page.blocks, params, &selection.decisions) {
        selection.decisions[i] = Decision::Remove(Reason::InterfaceLabel);
        selection.by[i] = Pass::InterfaceLabels;
    }
    learned::apply(page, params, &mut selection);
    selection
}

/// The block model's features of every block, given `selection` (the
/// rules' decisions): for training the model (`bench --block-features`).
#[doc(hidden)]
pub fn block_features(page: &Segments, params: &Params, selection: &Selection) -> Vec<Vec<f32>> {
    learned::features(page, params, selection)
        .into_iter()
        .map(|f| f.to_vec())
        .collect()
}

/// The names of the block model's features.
#[doc(hidden)]
pub fn block_feature_names() -> Vec<String> {
    learned::names()
}

/// Selection's state while the passes of one attempt run over one page.
struct Run<'a> {
    page: &'a Segments,
    p: &'a Params,
    scorer: &'a dyn Scorer,
    rules: &'a Catalogue,
    comments: bool,
    hints: bool,
    /// The catalogue's and the detector's answers per block, shared by the
    /// attempts of the ladder (`None`: compute them afresh).
    memo: Option<&'a prune::Memo>,
    scores: Vec<f32>,
    /// Subtrees that are lists of posts, and blocks inside one.
    listing: Vec<bool>,
    in_listing: Vec<bool>,
    /// The main element (subtree index), once chosen.
    chosen: Option<usize>,
    container: Container,
    in_main: Vec<bool>,
    /// Blocks inside items of a list that the cleaning rules leave alone
    /// (the region attempt: the items are the page); empty: none.
    items: Vec<bool>,
    /// Blocks inside items of a list that holds most of the chosen element
    /// (the choose attempt): their headings are titles, linked as titles
    /// are, and not link-dense chrome; empty: none.
    titles: Vec<bool>,
    out: Vec<Decision>,
    by: Vec<Pass>,
    /// The pass running now: what [`Run::decide`] records.
    pass: Pass,
}

impl<'a> Run<'a> {
    fn new(
        page: &'a Segments,
        p: &'a Params,
        scorer: &'a dyn Scorer,
        rules: &'a Catalogue,
        comments: bool,
        attempt: &Attempt,
        memo: Option<&'a prune::Memo>,
    ) -> Run<'a> {
        let n = page.blocks.len();
        Run {
            page,
            p,
            scorer,
            rules,
            comments,
            hints: attempt.hints,
            memo,
            scores: Vec::new(),
            listing: Vec::new(),
            in_listing: vec![false; n],
            chosen: None,
            container: Container {
                start: 0,
                end: n as u32,
                chars: u32::MAX,
                flags: Flags::default(),
            },
            in_main: vec![false; n],
            items: Vec::new(),
            titles: Vec::new(),
            out: vec![Decision::Remove(Reason::OutsideMain); n],
            by: vec![Pass::Choose; n],
            pass: Pass::Choose,
        }
    }

    fn finish(mut self, passes: &[(Pass, PassFn)]) -> Selection {
        for &(pass, run) in passes {
            self.pass = pass;
            run(&mut self);
        }
        Selection {
            decisions: self.out,
            by: self.by,
        }
    }

    /// Block `i` is inside an item of a list the rules leave alone.
    fn in_item(&self, i: usize) -> bool {
        self.items.get(i).copied().unwrap_or(false)
    }

    /// Block `i` is the heading of an item of a list that holds most of
    /// the chosen element.
    fn item_title(&self, i: usize) -> bool {
        self.titles.get(i).copied().unwrap_or(false) && self.page.blocks[i].kind.is_heading()
    }

    /// Block `i` is decided `d` by the pass running now.
    fn decide(&mut self, i: usize, d: Decision) {
        self.out[i] = d;
        self.by[i] = self.pass;
    }

    /// Blocks `removed` go, for `reason`, by the pass running now.
    fn remove_all(&mut self, removed: Vec<usize>, reason: Reason) {
        for i in removed {
            self.decide(i, Decision::Remove(reason.clone()));
        }
    }

    /// Blocks that joined `in_main` are kept, by the pass running now.
    fn sync_main(&mut self) {
        for i in 0..self.out.len() {
            if self.in_main[i] && !self.out[i].kept() {
                self.decide(i, Decision::Keep);
            }
        }
    }
}

/// region: the page's landmark region is the main content, without the
/// landmarks inside it that are never text (navigation, asides, the page
/// header and footer).
fn choose_region(r: &mut Run) {
    let Some(region) = candidate::region(r.page, r.p, r.comments) else {
        return;
    };
    let s = &r.page.subtrees[region.subtree];
    let mut chars = s.chars;
    for (i, b) in r.page.blocks.iter().enumerate() {
        if region.holds(i, b) && region.counts(b) {
            r.in_main[i] = true;
            if !(s.start as usize..s.end as usize).contains(&i) {
                chars += b.chars;
            }
        }
    }
    r.container = Container {
        start: s.start,
        end: s.end,
        chars,
        flags: s.flags,
    };
    if r.p.keep_items {
        r.items = items::in_items(r.page, r.p, region.chars);
    }
    r.sync_main();
    let (grid, _) = items::priced_grids(r.page, r.p);
    if !grid.is_empty() {
        exempt_cards(r, grid);
    }
}

/// candidate: the main element, from the scores.
fn choose(r: &mut Run) {
    r.scores = r.scorer.score(r.page, r.p, r.hints);
    let (listing, in_listing) = candidate::listings(r.page, r.p, &mut r.scores);
    r.listing = listing;
    r.in_listing = in_listing;
    match candidate::argmax(&r.scores) {
        None => r.in_main.fill(true),
        Some(b) => {
            let b = candidate::common_ancestor(r.page, r.p, &r.scores, b);
            let b = candidate::climb(r.page, r.p, &r.scores, b);
            let b = candidate::thread(r.page, r.p, b);
            let top = &r.page.subtrees[b];
            r.chosen = Some(b);
            r.container = Container {
                start: top.start,
                end: top.end,
                chars: top.chars,
                flags: top.flags,
            };
            expand::mark(&mut r.in_main, top.start, top.end);
            // Items that are most of the chosen element: their titles are
            // links by nature (a coupon's, a course's, a card's heading).
            if r.p.keep_items {
                r.titles = items::in_items(r.page, r.p, top.chars);
            }
        }
    }
    r.sync_main();
}

/// expand: good siblings of the main element.
fn siblings(r: &mut Run) {
    if let Some(b) = r.chosen {
        expand::join_siblings(r.page, r.p, &r.scores, b, &r.listing, &mut r.in_main);
        r.sync_main();
    }
}

/// expand: prose and leads right outside the main range.
fn extend(r: &mut Run) {
    if let Some(b) = r.chosen {
        expand::extend(r.page, r.p, b, r.rules, &r.in_listing, &mut r.in_main);
        r.sync_main();
    }
}

/// expand: the cards of grids of priced cards the main range holds are
/// left alone by the cleaning rules, as a listing's items are: their names
/// are links, their prices and labels short lines. (A grid outside the
/// range is the region attempt's to take: see `Ladder::misses_grid`.)
fn grid(r: &mut Run) {
    let (mut grid, _) = items::priced_grids(r.page, r.p);
    if grid.is_empty() {
        return;
    }
    let (mut main, mut cards) = (0u64, 0u64);
    for ((g, &m), b) in grid.iter_mut().zip(&r.in_main).zip(&r.page.blocks) {
        *g &= m;
        main += u64::from(b.chars) * u64::from(m);
        cards += u64::from(b.chars) * u64::from(*g);
    }
    // A grid that is a small part of the choice is products beside the
    // text (a product page's "complete the look"): its cards are cleaned.
    if (cards as f64) < r.p.items_page_share * main as f64 {
        return;
    }
    exempt_cards(r, grid);
}

/// The blocks of grid cards `grid` are left alone as items, but for their
/// buttons ("Add to cart", "Quick view", "Compare"): short labels of
/// controls, which go as the interface they are.
fn exempt_cards(r: &mut Run, mut grid: Vec<bool>) {
    for (i, b) in r.page.blocks.iter().enumerate() {
        if grid[i] && b.flags.has(Flags::CONTROL) && b.chars <= r.p.ui_label_chars {
            grid[i] = false;
            if r.out[i].kept() {
                r.decide(i, Decision::Remove(Reason::InterfaceLabel));
            }
        }
    }
    if r.items.is_empty() {
        r.items = grid;
    } else {
        for (i, g) in grid.into_iter().enumerate() {
            r.items[i] |= g;
        }
    }
}

/// prune: boilerplate boxes inside the main range.
fn boxes(r: &mut Run) {
    let in_box = prune::boilerplate_boxes(r.page, r.p, &r.container, &r.in_main);
    let announced = prune::announced_lists(r.page, r.p, &r.container);
    for (i, b) in in_box.into_iter().enumerate() {
        if b && r.out[i].kept() && !r.in_item(i) && !announced[i] {
            r.decide(i, Decision::Remove(Reason::BoilerplateBox));
        }
    }
}

/// The class-hint flags items on a listing are excused.
const ITEM_EXCUSED: u32 = Flags::PROMO | Flags::UNLIKELY;

/// prune: the rules that look at one block alone.
fn blocks(r: &mut Run) {
    let excused = prune::excused(r.page, r.p, &r.container);
    let announced = prune::announced_lists(r.page, r.p, &r.container);
    let edges = crate::cta::edges(&r.out, &r.p.cta);
    for (i, b) in r.page.blocks.iter().enumerate() {
        if !r.out[i].kept() {
            continue;
        }
        // On a listing the items are the page, and the class hints on
        // their parts (tracking, teaser, promo) say nothing about them.
        let item = if r.p.items_excuse_classes && r.in_item(i) {
            b.flags.0 & ITEM_EXCUSED
        } else {
            0
        };
        let context = Flags(r.container.flags.0 | excused[i] | item);
        let promo = prune::Promo {
            rules: r.rules,
            site: &r.page.site,
            edge: edges[i],
            memo: r.memo,
            index: i,
        };
        let reason = prune::block_reason(b, context, &promo, r.p, r.comments, r.hints);
        if let Some(reason) = reason {
            if reason == Reason::LinkDense && (r.in_item(i) || r.item_title(i) || announced[i]) {
                continue;
            }
            r.decide(i, Decision::Remove(reason));
        }
    }
}

/// tidy: the headline.
fn headline(r: &mut Run) {
    if r.p.keep_headline {
        return;
    }
    let removed = tidy::headline(&r.page.blocks, r.page.title.as_deref(), r.p, &r.out);
    r.remove_all(removed, Reason::Title);
}

/// tidy: labels in the tail.
fn tail_labels(r: &mut Run) {
    let removed = tidy::tail_labels(&r.page.blocks, r.p, &r.out);
    r.remove_all(removed, Reason::TailLabel);
}

/// tidy: interface labels, on the pages whose profile asks for it.
fn interface_labels(r: &mut Run) {
    if !r.p.drop_interface_labels {
        return;
    }
    let removed = tidy::interface_labels(r.page, r.p, &r.out, |i| r.in_item(i));
    r.remove_all(removed, Reason::InterfaceLabel);
}

/// tidy: short lines above the title, on the pages whose profile asks.
fn before_title(r: &mut Run) {
    if !r.p.drop_before_title {
        return;
    }
    let removed = tidy::before_title(&r.page.blocks, r.p, &r.out);
    r.remove_all(removed, Reason::BeforeTitle);
}

/// tidy: copies of text kept earlier, on the pages whose profile asks.
fn repeats(r: &mut Run) {
    if !r.p.drop_repeats {
        return;
    }
    let removed = tidy::repeats(&r.page.blocks, r.p, &r.out);
    r.remove_all(removed, Reason::Repeat);
}

/// tidy: the linked headings of teasers whose summary is kept.
fn teaser_titles(r: &mut Run) {
    for i in tidy::teaser_titles(r.page, r.p, &r.out) {
        r.decide(i, Decision::Keep);
    }
}

/// tidy: headings whose section went.
fn dangling_headings(r: &mut Run) {
    let removed = tidy::dangling_headings(&r.page.blocks, &r.out);
    r.remove_all(removed, Reason::DanglingHeading);
}

/// user: `--drop` and `--keep` selectors beat every other rule.
fn user(r: &mut Run) {
    for i in 0..r.page.blocks.len() {
        let f = r.page.blocks[i].flags;
        if f.has(Flags::FORCE_DROP) {
            r.decide(i, Decision::Remove(Reason::UserDrop));
        } else if f.has(Flags::FORCE_KEEP) && !r.out[i].kept() {
            r.decide(i, Decision::Keep);
        }
    }
}

#[cfg(test)]
mod tests {
    fn text(html: &str) -> String {
        crate::clean(html.as_bytes(), &crate::Options::default())
            .unwrap()
            .text
    }

    /// The text of `html` cleaned as a page of type `t`.
    fn text_as(html: &str, t: crate::PageType) -> String {
        let o = crate::Options {
            force_page_type: Some(t),
            ..crate::Options::default()
        };
        crate::clean(html.as_bytes(), &o).unwrap().text
    }

    #[test]
    fn the_one_main_beats_a_footer_found_with_the_hints_off() {
        // A 404 page: its message in the one <main>, too short to stand
        // alone (the unhinted retry runs), and a long legal notice in a box
        // its theme classes as footer. With the hints off the notice wins
        // the retry; the region attempt takes the page back to its <main>
        // though it keeps less.
        let legal = "Prices, specifications and images are subject to change without \
                     notice, and the company is not responsible for typographical errors, \
                     which will be corrected when found, in any of its stores. ";
        let html = format!(
            "<html><body><main><h1>Page Not Found</h1>\
             <p>The page you requested is either temporarily unavailable or no longer exists.</p>\
             <ul><li><a href=/>Go to the Home Page</a></li><li>Check your spelling and try again</li></ul>\
             </main><div class=\"site-footer\"><div class=\"footer-links\"><p>{}</p></div></div>\
             </body></html>",
            legal.repeat(6)
        );
        let t = text(&html);
        assert!(t.contains("temporarily unavailable"), "{t}");
        assert!(!t.contains("typographical errors"), "{t}");
    }

    /// A category page: a long buying guide and FAQ the scorer prefers,
    /// then its products, cards of a linked name, a rating, a price and an
    /// "Add to cart" button.
    fn category_page() -> String {
        let card = |i: u32| {
            format!(
                "<div class=item-cell><div class=item-info><a href=/p/{i}>Graphics card model {i} \
                 with 16GB of memory</a><ul class=features><li>Boost clock 2.5 GHz</li></ul>\
                 <div class=price>${i}49.99</div><div class=btn>Add to cart</div></div></div>"
            )
        };
        let cards: String = (1..=8).map(card).collect();
        format!(
            "<body><nav><a href=/>Home</a></nav><div class=page><h1>Graphics cards</h1>\
             <div class=list-wrap>{cards}</div><div class=guide><h2>Buying guide</h2>{}</div>\
             </div></body>",
            para("The guide").repeat(4)
        )
    }

    #[test]
    fn a_category_page_keeps_its_priced_cards_beside_the_guide_it_chose() {
        let html = category_page();
        let t = text(&html);
        assert!(t.contains("The guide said"), "{t}");
        for i in [1, 8] {
            assert!(t.contains(&format!("Graphics card model {i} with")), "{t}");
            assert!(t.contains(&format!("${i}49.99")), "{t}");
        }
        assert!(!t.contains("Add to cart"), "{t}");
        // Without the grid rule (a product page's profile turns it off),
        // the guide alone is kept.
        let product = text_as(&html, crate::PageType::Product);
        assert!(!product.contains("Graphics card model 1 with"), "{product}");
    }

    fn para(word: &str) -> String {
        format!(
            "<p>{}</p>",
            format!("{word} said, at length, more than a little. ").repeat(6)
        )
    }

    /// A thread: a question with a user card, then replies in sibling
    /// `div.post`s, each with the same user card, like count and signature.
    fn thread() -> String {
        let card = |n: u32| {
            format!(
                "<div class=usercard><span class=rank>Senior Member</span>\
                 <span class=joined>Joined: Mar {n}, 2019</span></div>"
            )
        };
        let mut posts = String::new();
        for (n, word) in ["Question", "Reply", "Answer", "Rebuttal"]
            .iter()
            .enumerate()
        {
            let body = if n == 0 {
                para(word).repeat(8)
            } else if n == 2 {
                // A reply that is a link, in a post too short to be more
                // than a box of links beside its card and buttons.
                "<p><a href=/kb/fix>The vendor's own fix for exactly this</a></p>".to_string()
            } else {
                para(word)
            };
            posts.push_str(&format!(
                "<div class=post id=p{n}>{}<div class=body>{body}<p>Thanks all!</p></div>\
                 <div class=likes>{} Likes</div>\
                 <div class=signature>My rig: a very long list of parts, with links, and more.</div></div>",
                card(n as u32 + 1),
                n + 2
            ));
        }
        format!(
            "<html><body><nav><a href=/>Home</a></nav><div id=thread>\
             <h1>How do I fix it?</h1><div class=stats>1.2k views 4 replies</div>\
             <div id=posts>{posts}</div></div><footer>About us</footer></body></html>"
        )
    }

    #[test]
    fn a_forum_thread_keeps_every_post_but_not_their_template() {
        let out = text_as(&thread(), crate::PageType::Forum);
        // One long post would win alone: the thread is all of them,
        // short lines of their bodies too.
        for word in ["Question", "Reply", "Rebuttal"] {
            assert!(out.contains(&format!("{word} said")), "{word}: {out}");
        }
        assert_eq!(out.matches("Thanks all!").count(), 4, "{out}");
        assert!(out.contains("The vendor's own fix"), "{out}");
        // The template's parts around the bodies go: cards, likes,
        // signatures, the thread's counters.
        for chrome in ["Senior Member", "Joined:", "Likes", "My rig", "1.2k views"] {
            assert!(!out.contains(chrome), "{chrome}: {out}");
        }
    }

    #[test]
    fn a_thread_inside_a_page_layout_of_sibling_boxes_still_loses_its_template() {
        // The page's header, body and footer are three boxes of one
        // signature: a layout, not three posts, so the posts inside the
        // big one are still the thread and their cards still go.
        let page = thread();
        let inner = &page[page.find("<div id=thread>").unwrap()..page.find("<footer>").unwrap()];
        let html = format!(
            "<html><body><div class=wrap><a href=/>Home</a> Board index</div>\
             <div class=wrap>{inner}</div><div class=wrap>Powered by a board, 2026</div>\
             </body></html>"
        );
        let out = text_as(&html, crate::PageType::Forum);
        assert!(out.contains("Rebuttal said"), "{out}");
        for chrome in ["Senior Member", "Joined:", "Likes", "My rig"] {
            assert!(!out.contains(chrome), "{chrome}: {out}");
        }
    }

    #[test]
    fn a_line_repeated_over_half_the_posts_is_their_template() {
        // Each post's text has "Re: <the thread's title>" above it, a
        // line too long for a user card's.
        let posts: String = ["Question", "Reply", "Answer", "Rebuttal"]
            .iter()
            .map(|word| {
                format!(
                    "<div class=post><div class=right><h3>Re: How do I fix the printer that \
                     will not print at all?</h3><div class=msg>{}</div></div></div>",
                    para(word)
                )
            })
            .collect();
        let html = format!(
            "<html><body><div id=thread><h1>How do I fix it?</h1><div id=posts>{posts}\
             </div></div></body></html>"
        );
        let out = text_as(&html, crate::PageType::Forum);
        for word in ["Question", "Reply", "Answer", "Rebuttal"] {
            assert!(out.contains(&format!("{word} said")), "{word}: {out}");
        }
        assert!(!out.contains("Re: How"), "{out}");
    }

    /// A thread whose posts open with a header (the poster's name, a user
    /// card of rank and join date, the post's date) above their body.
    fn thread_with_headers() -> String {
        let posts: String = ["Question", "Reply", "Answer"]
            .iter()
            .enumerate()
            .map(|(n, word)| {
                format!(
                    "<article class=message id=m{n}><div class=user><h4 class=name>poster{n}</h4>                     <div class=title>Senior Member</div><dl class=pairs><dt>Joined</dt>                     <dd>Oct {d}, 2017</dd></dl></div><ul class=attribution><li>Mar {d}, 2025</li>                     </ul><div class=body>{}</div></article>",
                    para(word),
                    d = n + 2
                )
            })
            .collect();
        format!(
            "<html><body><nav><a href=/>Home</a></nav><div id=thread><h1>How do I fix it?</h1>             <div id=posts>{posts}</div></div><footer>About us</footer></body></html>"
        )
    }

    #[test]
    fn a_forum_thread_keeps_who_wrote_each_post_and_when() {
        let out = text_as(&thread_with_headers(), crate::PageType::Forum);
        for n in 0..3 {
            assert!(out.contains(&format!("poster{n}")), "{out}");
            assert!(out.contains(&format!("Mar {}, 2025", n + 2)), "{out}");
        }
        // The user card's other lines are still the template's.
        for chrome in ["Senior Member", "Joined", "Oct 2, 2017"] {
            assert!(!out.contains(chrome), "{chrome}: {out}");
        }
        // The name comes before the post's text, the date after the name.
        let (name, date, text) = (
            out.find("poster1").unwrap(),
            out.find("Mar 3, 2025").unwrap(),
            out.find("Reply said").unwrap(),
        );
        assert!(name < date && date < text, "{out}");
    }

    /// A thread whose posts are sibling `<article>`s, each with a user
    /// card of links, under a forum-wide notice of some prose. Only the
    /// first `about` posts (of four) have a rank and an "About me" line
    /// in their card.
    fn article_thread(about: usize) -> String {
        let posts: String = ["Opening", "Second", "Third", "Fourth"]
            .iter()
            .enumerate()
            .map(|(n, w)| {
                let me = if n < about {
                    format!("<div class=group>Veteran</div><div class=fields>About me: rocket scientist {n}</div>")
                } else {
                    String::new()
                };
                format!(
                    "<article class=message><div class=card>\
                     <h4><a href=/members/{n}>member{n}</a></h4>\
                     <ul class=stats><li><a href=/members/{n}/posts>{n}2 posts</a></li>\
                     <li><a href=/members/{n}/likes>{n}5 likes</a></li></ul>{me}</div>\
                     <div class=body><p>{}</p></div></article>",
                    format!("{w} post of the thread, a sentence or two of it. ").repeat(2)
                )
            })
            .collect();
        let notice = "Members are reminded never to send money to a seller they have not met, \
                      and to report any offer that looks too good to be true to the moderators. "
            .repeat(8);
        format!(
            "<html><body><nav><a href=/>Home</a></nav><ul class=notices><li><div>{notice}</div></li></ul>\
             <div class=thread><h1>Which one?</h1><div class=posts>{posts}</div></div>\
             <footer>About us</footer></body></html>"
        )
    }

    #[test]
    fn a_thread_of_article_posts_is_the_page_not_a_listing() {
        // Sibling `<article>`s beside the page's own text are teasers; on
        // a forum they are the thread, which a notice above it must not
        // outscore.
        let out = text_as(&article_thread(0), crate::PageType::Forum);
        for w in ["Opening", "Second", "Fourth"] {
            assert!(
                out.contains(&format!("{w} post of the thread")),
                "{w}: {out}"
            );
        }
    }

    #[test]
    fn a_user_card_is_chrome_though_most_of_its_lines_went_before() {
        // Three of four cards lost all their lines as links; the one line
        // left in one card is still in the place every post's card holds.
        let out = text_as(&article_thread(1), crate::PageType::Forum);
        assert!(out.contains("Fourth post of the thread"), "{out}");
        assert!(!out.contains("About me"), "{out}");
        assert!(!out.contains("Veteran"), "{out}");
    }

    #[test]
    fn a_q_and_a_page_keeps_its_question_beside_the_answers() {
        // The answers are most of the text and a thread of their own; the
        // question the page marks up stands beside their list.
        let answers: String = ["First", "Second", "Third"]
            .iter()
            .map(|w| {
                format!(
                    "<div class=answer itemscope itemtype=https://schema.org/Answer>{}</div>",
                    para(w).repeat(3)
                )
            })
            .collect();
        let html = format!(
            "<html><body><nav><a href=/>Home</a></nav><div id=mainbar>\
             <div class=question itemscope itemtype=https://schema.org/Question>\
             <p>How do I book a one-way flight when I move abroad for good?</p></div>\
             <div id=answers>{answers}</div></div><footer>About</footer></body></html>"
        );
        let out = text_as(&html, crate::PageType::Forum);
        assert!(out.contains("How do I book a one-way flight"), "{out}");
        assert!(out.contains("Third said"), "{out}");
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
    fn a_header_box_holding_the_regions_h1_is_the_title_not_chrome() {
        // A course or product page: its title and intro sit in a box whose
        // class says header, inside the region; the site's `<header>`
        // landmark with its linked logo stays chrome.
        let html = format!(
            "<body><header><h1><a href=/>Acme Training</a></h1></header>\
             <div class=pdp><div class=pdp-fundamental-header-container>\
             <h1 class=pdp-fundamental-header>A Guide to Open Source Development</h1>\
             <p>This free course introduces developers to open source work.</p></div>\
             <div class=pdp-content>{}</div></div></body>",
            para("Story").repeat(3)
        );
        let out = text_as(&html, crate::PageType::Product);
        assert!(out.contains("A Guide to Open Source"), "{out}");
        assert!(out.contains("This free course"), "{out}");
        assert!(!out.contains("Acme Training"), "{out}");
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

    #[test]
    fn a_heading_over_a_kept_sub_heading_is_not_dangling() {
        let html = format!(
            "<body><article><h2>Market one: data centres</h2><h3>Overview</h3>{}\
             <h2>Market two</h2><div class=share><p>Share this</p></div></article></body>",
            para("Story").repeat(3)
        );
        let out = text(&html);
        assert!(out.contains("Market one"), "{out}");
        assert!(out.contains("Overview"), "{out}");
        assert!(!out.contains("Market two"), "its section went: {out}");
    }

    #[test]
    fn headings_used_as_text_are_not_dangling() {
        // A landing page's pillars: each an `<h3>` title over an `<h6>`
        // that holds the text, no paragraph between; nothing was removed
        // after them, so they introduced nothing that went.
        let pillar = |t: &str| {
            format!(
                "<h3>{t} for the whole firm</h3><h6>{t} puts every figure in one place, \
                 so that each team reads the same numbers.</h6>"
            )
        };
        let pillars: String = ["Reporting", "Forecasting", "Governance"]
            .iter()
            .map(|t| pillar(t))
            .collect();
        let html = format!(
            "<body><main><h1>Data services</h1>{}<h2>Four pillars</h2>{pillars}</main></body>",
            para("Story").repeat(2)
        );
        let out = text(&html);
        for t in [
            "Four pillars",
            "Reporting for the whole firm",
            "Forecasting puts",
            "Governance puts",
        ] {
            assert!(out.contains(t), "{t}: {out}");
        }
    }

    #[test]
    fn a_table_or_quote_in_a_figure_is_text_but_a_caption_is_not() {
        let html = format!(
            "<body><article>{}<figure class=wp-block-table><table><tr><td>Bus fares rose \
             by a tenth</td><td>in 2025</td></tr></table><figcaption>Table 1: fares</figcaption>\
             </figure><figure><blockquote><p>We will not stop here, said the mayor.</p>\
             </blockquote></figure><figure><img src=a.png><figcaption>The bus depot at dawn\
             </figcaption></figure>{}</article></body>",
            para("Story").repeat(2),
            para("More")
        );
        let out = text(&html);
        assert!(out.contains("Bus fares rose"), "{out}");
        assert!(out.contains("We will not stop"), "{out}");
        assert!(!out.contains("Table 1"), "{out}");
        assert!(!out.contains("bus depot"), "{out}");
    }

    #[test]
    fn a_small_choice_inside_the_one_main_widens_to_main() {
        // A landing page builder's rows: each section deep in its own
        // wrappers, too short to win, and one boxed quote that scores best.
        let section = |h: &str| {
            format!(
                "<div class=row><div class=col><section><div class=inner><h2>{h}</h2>\
                 <p>{h} for every team from the first sketch to the launch</p></div>\
                 </section></div></div>"
            )
        };
        let sections: String = [
            "Design", "Build", "Test", "Launch", "Measure", "Grow", "Hire",
        ]
        .iter()
        .map(|h| section(h))
        .collect();
        let html = format!(
            "<body><nav><a href=/>Home</a></nav><main><div class=wrap>{sections}\
             <div class=row><div class=quote><p>{}</p></div></div></div></main>\
             <footer>Imprint</footer></body>",
            "They delivered, on time, on budget, and with care, said a client."
        );
        let doc = crate::clean(html.as_bytes(), &crate::Options::default()).unwrap();
        for h in [
            "Design for every team",
            "Hire for every team",
            "They delivered",
        ] {
            assert!(doc.text.contains(h), "{h}: {}", doc.text);
        }
        assert!(!doc.text.contains("Home") && !doc.text.contains("Imprint"));
        assert!(doc.decided_by.contains(&super::Pass::Region));
    }

    #[test]
    fn an_article_filling_its_main_is_not_widened() {
        let html = format!(
            "<body><main><article>{}</article><aside><p>{}</p></aside></main></body>",
            para("Story").repeat(3),
            "A sidebar paragraph about other things, long enough to count. ".repeat(3)
        );
        let doc = crate::clean(html.as_bytes(), &crate::Options::default()).unwrap();
        assert!(!doc.text.contains("sidebar paragraph"), "{}", doc.text);
        assert!(!doc.decided_by.contains(&super::Pass::Region));
    }

    /// A blog's front page that says it is an article: `n` cards of a
    /// date, a linked title and a summary.
    fn teaser_feed(n: u32) -> String {
        let card = |i: u32| {
            format!(
                "<article class=post-card><div class=meta>March {i}, 2026</div>\
                 <div class=body><h2 class=card-title><a href=/blog/{i}>Notes from week {i} \
                 of the harbour rebuild</a></h2><p class=excerpt>The crew poured the footings \
                 for pier {i} this week, and the divers checked the old pilings before the \
                 cranes moved in, ahead of the spring tides.</p></div></article>"
            )
        };
        let cards: String = (1..=n).map(card).collect();
        format!(
            "<html><head><title>The Harbour Blog</title>\
             <meta property=og:type content=article></head><body><nav><a href=/>Home</a> \
             <a href=/about>About</a></nav><main><h1>Latest posts</h1>\
             <div class=feed>{cards}</div></main><footer><a href=/imprint>Imprint</a></footer>\
             </body></html>"
        )
    }

    #[test]
    fn a_feed_keeps_the_linked_titles_of_teasers_whose_summaries_it_keeps() {
        let text = |n| {
            crate::clean(teaser_feed(n).as_bytes(), &crate::Options::default())
                .unwrap()
                .text
        };
        // Six cards of one template: link density took each title while
        // its summary stayed; the titles come back.
        let feed = text(6);
        for i in [1, 4, 6] {
            assert!(feed.contains(&format!("Notes from week {i} of")), "{feed}");
            assert!(feed.contains(&format!("footings for pier {i}")), "{feed}");
        }
        assert!(
            !feed.contains("Imprint") && !feed.contains("About"),
            "{feed}"
        );
        // Two such cards are a "read also" box that got through, not a
        // feed: their titles stay removed.
        let two = text(2);
        assert!(two.contains("footings for pier 2"), "{two}");
        assert!(!two.contains("Notes from week"), "{two}");
        // A summary a theme writes into a `<div>` is the card's prose too.
        let divs = teaser_feed(6)
            .replace("<p class=excerpt>", "<div class=excerpt>")
            .replace("tides.</p>", "tides.</div>");
        let divs = crate::clean(divs.as_bytes(), &crate::Options::default())
            .unwrap()
            .text;
        assert!(divs.contains("Notes from week 5 of"), "{divs}");
        assert!(divs.contains("footings for pier 5"), "{divs}");
        // A title a theme wraps in a box of its own (`div.card-title`) is
        // removed as a box of links, not for its link density: it comes
        // back all the same where its summary stayed.
        let boxed = teaser_feed(6)
            .replace("<h2 class=card-title>", "<div class=card-title><h4>")
            .replace("</a></h2>", "</a></h4></div>");
        let boxed = crate::clean(boxed.as_bytes(), &crate::Options::default())
            .unwrap()
            .text;
        assert!(boxed.contains("Notes from week 3 of"), "{boxed}");
        assert!(boxed.contains("footings for pier 3"), "{boxed}");
        // A byline kept between the title and the summary is no summary
        // but does not hide the one after it.
        let bylined = teaser_feed(6).replace("</a></h2>", "</a></h2><p class=by>by Ann Lee</p>");
        let bylined = crate::clean(bylined.as_bytes(), &crate::Options::default())
            .unwrap()
            .text;
        assert!(bylined.contains("Notes from week 2 of"), "{bylined}");
        assert!(bylined.contains("footings for pier 2"), "{bylined}");
        // A title in a box of its own with a short line beside it, the
        // summary in the box after: the card around both is asked.
        let split = teaser_feed(6)
            .replace(
                "<h2 class=card-title>",
                "<div class=head><h2 class=card-title>",
            )
            .replace(
                "</a></h2>",
                "</a></h2><p class=by>by Ann Lee</p></div><div class=text>",
            )
            .replace("tides.</p>", "tides.</p></div>");
        let split = crate::clean(split.as_bytes(), &crate::Options::default())
            .unwrap()
            .text;
        assert!(split.contains("Notes from week 4 of"), "{split}");
        assert!(split.contains("footings for pier 4"), "{split}");
    }

    #[test]
    fn a_listing_keeps_cards_whose_titles_are_classed_promo() {
        // A listing's cards, each title classed "promo" (as trackers name
        // them): the items are the page, and the class does not remove
        // them (elsewhere it does: a sponsored carousel is a list too).
        let card = |i: u32| {
            format!(
                "<div class=card><h3 class=promo-hed><a href=/s/{i}>Story number {i} about the \
                 harbour</a></h3><p>A summary of story {i}, a line or two long, about the \
                 harbour works.</p></div>"
            )
        };
        let cards: String = (1..=8).map(card).collect();
        let html = format!(
            "<body><nav><a href=/>Home</a></nav><main><h1>Latest</h1>\
             <div class=grid>{cards}</div></main></body>"
        );
        let with = |t| text_as(&html, t);
        let listing = with(crate::PageType::Listing);
        for i in [1, 5, 8] {
            assert!(
                listing.contains(&format!("Story number {i} about")),
                "{listing}"
            );
            assert!(
                listing.contains(&format!("A summary of story {i}")),
                "{listing}"
            );
        }
    }

    /// A shop's category page: product cards classed "promo" (as shops'
    /// trackers name them).
    fn promo_classed_products(head: &str) -> String {
        let card = |i: u32| {
            format!(
                "<div class=\"product-card promo-tile\"><a href=/p/{i}>\
                 <div class=name>Stoneware mug number {i}, glazed by hand</div></a>\
                 <div class=price>$2{i}.00, ships in two days</div></div>"
            )
        };
        let cards: String = (1..=8).map(card).collect();
        format!(
            "<html><head>{head}</head><body><nav><a href=/>Home</a></nav><main><h1>Mugs</h1>\
             <div class=grid>{cards}</div></main><footer>Imprint</footer></body></html>"
        )
    }

    #[test]
    fn a_collection_keeps_products_classed_promo() {
        // The class hints of a collection's cards say nothing about them,
        // as on a listing: without the excuse every card was removed.
        let html = promo_classed_products("");
        let collection = text_as(&html, crate::PageType::Collection);
        for i in [1, 4, 8] {
            assert!(
                collection.contains(&format!("mug number {i}, glazed")),
                "{collection}"
            );
            assert!(collection.contains(&format!("$2{i}.00")), "{collection}");
        }
        assert!(!collection.contains("Imprint"), "{collection}");
    }

    #[test]
    fn a_stated_article_whose_items_are_the_page_keeps_them_classed_promo() {
        // A shop stamps og:type article on its category page: the chosen
        // element is a sliver of the region, the items are kept after all,
        // and so are those classed promo.
        let html = promo_classed_products("<meta property=og:type content=article>");
        let doc = crate::clean(html.as_bytes(), &crate::Options::default()).unwrap();
        assert_eq!(doc.page_type, Some(crate::PageType::Article));
        for i in [1, 4, 8] {
            assert!(
                doc.text.contains(&format!("mug number {i}, glazed")),
                "{}",
                doc.text
            );
        }
    }

    #[test]
    fn a_stated_article_that_is_a_sliver_of_its_body_widens_to_its_items() {
        // A blog's front page stamped og:type article, without <main>: the
        // element chosen is one intro paragraph, under a tenth of the body,
        // and the post teasers stand in three sibling columns. The region
        // attempt runs and keeps them all, not only the chosen column.
        let card = |c: u32, i: u32| {
            format!(
                "<div class=teaser><h3><a href=/p/{c}{i}>Post {c}.{i} on the garden</a></h3>\
                 <p>A look at the beds in week {i}, what grew and what did not.</p></div>"
            )
        };
        let column = |c: u32| {
            let cards: String = (1..=6).map(|i| card(c, i)).collect();
            format!("<div class=col{c}><div class=wrap>{cards}</div></div>")
        };
        let html = format!(
            "<html><head><meta property=og:type content=article></head><body>\
             <header><nav><a href=/>Home</a> <a href=/about>About</a></nav></header>\
             <div class=intro><p>Notes from a small allotment, written every week since the spring of 2019 by two neighbours.</p></div>\
             {}{}{}<footer>Imprint</footer></body></html>",
            column(1),
            column(2),
            column(3)
        );
        let doc = crate::clean(html.as_bytes(), &crate::Options::default()).unwrap();
        assert_eq!(doc.page_type, Some(crate::PageType::Article));
        for post in ["Post 1.1 ", "Post 2.6 ", "Post 3.3 "] {
            assert!(doc.text.contains(post), "{post}: {}", doc.text);
        }
        assert!(!doc.text.contains("Imprint"), "{}", doc.text);
    }

    #[test]
    fn a_listing_keeps_its_cards_beside_a_long_description() {
        // A category page: a long description, then cards whose titles are
        // links; the cards hold a third of the page's text.
        let card = |i: u32| {
            format!(
                "<div class=card><a href=/p/{i}><h3>Stoneware mug number {i}</h3></a>\
                 <p><a href=/p/{i}>Glazed by hand, holds a third of a litre</a></p></div>"
            )
        };
        let cards: String = (1..=6).map(card).collect();
        let html = format!(
            "<body><nav><a href=/>Home</a></nav><main><h1>Mugs</h1><div class=about>{}</div>\
             <div class=grid>{cards}</div></main></body>",
            para("Our potters").repeat(3)
        );
        let with = |t| text_as(&html, t);
        let listing = with(crate::PageType::Listing);
        for i in [1, 6] {
            assert!(listing.contains(&format!("mug number {i}")), "{listing}");
        }
        assert!(listing.contains("Our potters"), "{listing}");
        let article = with(crate::PageType::Article);
        assert!(!article.contains("mug number 6"), "{article}");
    }

    #[test]
    fn a_product_page_loses_its_interface_labels_but_keeps_its_facts() {
        let html = format!(
            "<body><main><h1>Stoneware mug</h1><div class=about>{}\
             <div class=buy><div class=btn>Price alert</div>\
             <div><a class=btn href=/wish>Add to wish list</a></div>\
             <div class=vote><p>Was this helpful?</p><button>Yes</button><button>No</button></div>\
             <div class=more><a href=/guide>See the care guide</a></div>\
             <p>Holds a third of a litre</p>\
             <ul><li>Oven safe</li><li>Dishwasher safe</li></ul></div>\
             </div></main></body>",
            para("Our potters").repeat(3)
        );
        let product = text_as(&html, crate::PageType::Product);
        for label in [
            "Price alert",
            "Add to wish list",
            "Was this helpful?",
            "See the care guide",
        ] {
            assert!(!product.contains(label), "{label}: {product}");
        }
        // Short lines that are facts stay.
        for fact in ["Holds a third of a litre", "Dishwasher safe", "Our potters"] {
            assert!(product.contains(fact), "{fact}: {product}");
        }
        // An article's profile leaves such lines to the other rules.
        let article = text_as(&html, crate::PageType::Article);
        assert!(article.contains("Price alert"), "{article}");
        assert!(article.contains("Was this helpful?"), "{article}");
    }

    #[test]
    fn a_product_page_loses_its_stock_and_shipping_labels_but_keeps_its_terms() {
        let html = format!(
            "<body><main><h1>Stoneware mug</h1><div class=about>{}\
             <div class=buy><p>Out of stock</p><p>Free Shipping & Returns</p>\
             <p>+ $4.50 delivery</p><p>Handmade in small batches</p></div>\
             <h3>Shipping</h3><p>Every mug is wrapped in paper and sent the day after it is \
             ordered.</p></div></main></body>",
            para("Our potters").repeat(3)
        );
        let product = text_as(&html, crate::PageType::Product);
        for label in ["Out of stock", "Free Shipping & Returns"] {
            assert!(!product.contains(label), "{label}: {product}");
        }
        // A term with its price, a fact, a heading over its section stay.
        for kept in ["+ $4.50 delivery", "Handmade in small", "Shipping\n"] {
            assert!(product.contains(kept), "{kept}: {product}");
        }
        // An article's profile leaves such lines alone.
        let article = text_as(&html, crate::PageType::Article);
        assert!(article.contains("Out of stock"), "{article}");
    }

    #[test]
    fn a_documentation_page_keeps_its_sections_but_not_what_is_above_its_title() {
        // A manual's page: short sections, each deep in its own wrappers,
        // and one long note that scores best on its own.
        let section = |h: &str| {
            format!(
                "<div class=sect><div class=inner><h2>{h}</h2>\
                 <p>Call {h} with the key and the value to change</p>\
                 <pre>store.{h}(key, value)</pre></div></div>"
            )
        };
        let sections: String = ["get", "set", "delete", "rename", "expire", "persist"]
            .iter()
            .map(|h| section(h))
            .collect();
        let html = format!(
            "<body><nav><a href=/>Home</a></nav><main><div class=top><p>Version 3 is out</p></div>\
             <h1>The store API</h1><div class=note><p>{}</p></div>{sections}</main>\
             <footer>Imprint</footer></body>",
            "Every call below takes a key, a string of at most 512 bytes, and most take a value. "
                .repeat(8)
        );
        let docs = text_as(&html, crate::PageType::Documentation);
        for h in [
            "Every call below",
            "Call get with",
            "Call persist with",
            "store.expire",
        ] {
            assert!(docs.contains(h), "{h}: {docs}");
        }
        assert!(!docs.contains("Version 3 is out"), "{docs}");
        assert!(
            !docs.contains("Home") && !docs.contains("Imprint"),
            "{docs}"
        );
        // An article's profile keeps the best element and what is like it.
        let article = text_as(&html, crate::PageType::Article);
        assert!(article.contains("Every call below"), "{article}");
        assert!(!article.contains("Call persist with"), "{article}");
    }

    #[test]
    fn a_service_page_keeps_its_grid_of_linked_cards() {
        // An offer's features: a section with its heading and intro, then
        // cards that are each one link around a title and a description.
        // The section is as link-dense as a menu, but it is the page.
        let card = |name: &str| {
            format!(
                "<a class=card href=/features/{name}><h3>{name}</h3>\
                 <p>Every {name} of the workshop filed where the whole team can find it again</p></a>"
            )
        };
        let cards: String = ["invoices", "receipts", "payroll", "returns", "budgets"]
            .iter()
            .map(|n| card(n))
            .collect();
        let html = format!(
            "<body><nav><a href=/>Home</a> <a href=/pricing>Pricing</a></nav><main>\
             <h1>Bookkeeping for small workshops</h1>{}\
             <section class=features><h2>Everything in one place</h2>\
             <p>Five things we keep for you</p><div class=grid>{cards}</div></section>\
             </main><footer>Imprint</footer></body>",
            para("Our bookkeepers").repeat(2)
        );
        let service = text_as(&html, crate::PageType::Service);
        for s in [
            "Our bookkeepers",
            "Everything in one place",
            "Five things we keep for you",
            "Every invoices of the workshop",
            "Every budgets of the workshop",
        ] {
            assert!(service.contains(s), "{s}: {service}");
        }
        assert!(
            !service.contains("Pricing") && !service.contains("Imprint"),
            "{service}"
        );
        // On an article such a grid is links to other pages.
        let article = text_as(&html, crate::PageType::Article);
        assert!(article.contains("Five things we keep for you"), "{article}");
        assert!(!article.contains("Every invoices of"), "{article}");
    }

    #[test]
    fn a_landing_pages_component_headers_head_its_sections() {
        // Built without `<main>`: each section's title sits in a
        // component's header box (`faq-header`); on a service page that
        // is the section's heading, on an article a header box is chrome.
        // A box of cards whose class only happens to say header (more
        // than a heading and a line) is no section's title.
        let faq = |(q, a): &(&str, &str)| {
            format!(
                "<div class=faq-item><div class=faq-header><h3>{q}</h3></div>\
                 <div class=faq-body><p>{a} in the first call, with the figures \
                 of your own books in front of us, and in writing after it.</p></div></div>"
            )
        };
        let faqs: String = [
            ("Who prepares the accounts?", "Your own bookkeeper does"),
            ("How long does it take?", "A week at most"),
        ]
        .iter()
        .map(faq)
        .collect();
        let cards: String = [
            "Payroll each month",
            "Tax returns",
            "Audits",
            "Budgets",
            "Invoices",
            "Pensions",
        ]
        .iter()
        .map(|c| format!("<p>{c}: a service of ours the grid of cards lists, with a line.</p>"))
        .collect();
        let cards = format!("<div class=card-header>{cards}</div>");
        let html = format!(
            "<body><div class=top-nav><a href=/>Home</a> <a href=/pricing>Pricing</a></div>\
             <div class=page><h1>Bookkeeping</h1>{}{faqs}{cards}</div></body>",
            para("Our bookkeepers").repeat(2)
        );
        let service = text_as(&html, crate::PageType::Service);
        for s in [
            "Our bookkeepers",
            "Who prepares the accounts?",
            "How long does it take?",
            "Your own bookkeeper does",
            "A week at most",
        ] {
            assert!(service.contains(s), "{s}: {service}");
        }
        assert!(!service.contains("Payroll each month"), "{service}");
        let article = text_as(&html, crate::PageType::Article);
        assert!(!article.contains("How long does it take?"), "{article}");
    }

    #[test]
    fn a_list_the_manuals_text_announces_is_its_own() {
        // "For more information, see:" and two links: the page's own
        // pointers, however linked. A list of links with no sentence
        // announcing it is still a box of links, and a long one after a
        // colon is an index, not a pointer.
        let section = |t: &str| {
            format!(
                "<h3>{t}</h3><p>Redis {t} hold what a program keeps between runs, \
                 each one under its own key. For more information, see:</p>\
                 <ul><li><a href=/docs/{t}>Overview of Redis {t}</a></li>\
                 <li><a href=/commands/{t}>Redis {t} command reference</a></li></ul>"
            )
        };
        let sections: String = ["strings", "lists", "hashes"]
            .iter()
            .map(|t| section(t))
            .collect();
        let nav: String = (1..=4)
            .map(|i| format!("<li><a href=/docs/page{i}>Other page {i}</a></li>"))
            .collect();
        let html = format!(
            "<body><main><h1>Data types</h1>{}{sections}<ul>{nav}</ul></main></body>",
            para("Redis")
        );
        let docs = text_as(&html, crate::PageType::Documentation);
        for s in [
            "Overview of Redis strings",
            "Redis hashes command reference",
        ] {
            assert!(docs.contains(s), "{s}: {docs}");
        }
        assert!(!docs.contains("Other page 2"), "{docs}");
        let article = text_as(&html, crate::PageType::Article);
        assert!(!article.contains("Overview of Redis lists"), "{article}");
    }

    #[test]
    fn an_offers_promo_components_are_its_sections() {
        // A page builder names each offer's card a "promo": on a service
        // page that is what is on offer; on an article, a plug.
        let card = |name: &str| {
            format!(
                "<div class=cmp-promo><h3>{name}</h3><p class=cmp-promo__desc>We run your \
                 {name} end to end, from the first audit to the yearly report.</p></div>"
            )
        };
        let cards: String = ["audits", "payroll", "tax returns"]
            .iter()
            .map(|n| card(n))
            .collect();
        let html = format!(
            "<body><nav><a href=/>Home</a> <a href=/pricing>Pricing</a></nav><main>\
             <h1>Services</h1>{}<div class=grid>{cards}</div></main>\
             <footer>Imprint</footer></body>",
            para("Our accountants").repeat(2)
        );
        let service = text_as(&html, crate::PageType::Service);
        for s in [
            "Our accountants",
            "We run your audits",
            "We run your tax returns",
        ] {
            assert!(service.contains(s), "{s}: {service}");
        }
        let article = text_as(&html, crate::PageType::Article);
        assert!(article.contains("Our accountants"), "{article}");
        assert!(!article.contains("We run your audits"), "{article}");
    }

    #[test]
    fn a_listing_keeps_its_cards_but_an_article_keeps_teasers_out() {
        // A listing: cards whose titles and summaries are links.
        let card = |i: u32| {
            format!(
                "<article class=card><a href=/story/{i}><h3>Story number {i} about the harbour</h3>\
                 <p>A summary of story {i}, a line or two long, about the harbour works.</p></a>\
                 </article>"
            )
        };
        let cards: String = (1..=8).map(card).collect();
        let html = format!(
            "<body><header><nav><a href=/>Home</a></nav></header><main><h1>Latest</h1>\
             <div class=grid>{cards}</div><p class=tag>Updated 1d</p></main></body>"
        );
        let out = text(&html);
        for i in [1, 4, 8] {
            assert!(out.contains(&format!("Story number {i}")), "{out}");
            assert!(out.contains(&format!("A summary of story {i}")), "{out}");
        }
        // An article that says so, with the same cards under it.
        let html = format!(
            "<head><script type=application/ld+json>{{\"@type\":\"NewsArticle\"}}</script>\
             </head><body><main><article>{}</article><div class=grid>{cards}</div></main></body>",
            para("Story").repeat(3)
        );
        let out = text(&html);
        assert!(out.contains("Story said"), "{out}");
        assert!(!out.contains("A summary of story 4"), "{out}");
    }
}
