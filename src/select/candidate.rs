//! Candidate: which element holds the main content.
//!
//! From the scorer's scores: boxes that are lists of posts score less
//! ([`listings`]), the best-scoring element is the first candidate, several
//! near-best candidates under one ancestor make that ancestor the article
//! ([`common_ancestor`]), and the choice climbs to an ancestor that scores
//! higher ([`climb`]), as Readability does.

use super::HashMap;

use crate::block::{Block, Flags, Tag};
use crate::page_type::Schema;
use crate::segment::{Segments, NO_SUBTREE};

use super::params::Params;

/// The subtree index of element `id`, if it left one.
pub(super) fn subtree_of(page: &Segments, id: u32) -> Option<usize> {
    match page.index.get(id as usize) {
        Some(&i) if i != NO_SUBTREE => Some(i as usize),
        _ => None,
    }
}

/// The subtree index of subtree `i`'s parent, if it has one (the root has none).
pub(super) fn parent(page: &Segments, i: usize) -> Option<usize> {
    let s = &page.subtrees[i];
    if s.id == 0 {
        return None;
    }
    subtree_of(page, s.parent)
}

/// Lists of posts: a box whose children are several `<article>`s
/// (teasers, "you may also like"), not one article. It and everything in
/// it score `listing_factor`, so the page's own article elsewhere wins, and
/// it never joins the chosen article as a sibling or by extension. Returns
/// which subtrees are such listings, and which blocks are inside one.
pub(super) fn listings(page: &Segments, p: &Params, scores: &mut [f32]) -> (Vec<bool>, Vec<bool>) {
    let mut articles = vec![0u32; page.subtrees.len()];
    for s in &page.subtrees {
        if s.tag == Tag::Article {
            if let Some(pi) = subtree_of(page, s.parent) {
                articles[pi] += 1;
            }
        }
    }
    let listing: Vec<bool> = articles
        .iter()
        .map(|&n| n >= p.listing_min_articles)
        .collect();
    // Subtrees close in post-order, so walking them backwards meets an outer
    // listing before the ones nested in it: each block gets its outermost.
    let mut outer = vec![usize::MAX; page.blocks.len()];
    for (i, s) in page.subtrees.iter().enumerate().rev() {
        if listing[i] && outer[s.start as usize] == usize::MAX {
            outer[s.start as usize..s.end as usize].fill(i);
        }
    }
    for (j, s) in page.subtrees.iter().enumerate() {
        let o = outer[s.start as usize];
        if o != usize::MAX && outer[s.end as usize - 1] == o && s.depth >= page.subtrees[o].depth {
            scores[j] *= p.listing_factor;
        }
    }
    let in_listing = outer.iter().map(|&o| o != usize::MAX).collect();
    (listing, in_listing)
}

/// The best-scoring subtree, if any scores above 0 (the first of equals).
pub(super) fn argmax(scores: &[f32]) -> Option<usize> {
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
/// sections, each its own box), their nearest common ancestor is the
/// article. Linear in the depth of the page: each alternative's ancestors
/// are counted once.
pub(super) fn common_ancestor(page: &Segments, p: &Params, scores: &[f32], b: usize) -> usize {
    let mut order: Vec<usize> = (0..scores.len()).filter(|&i| scores[i] > 0.0).collect();
    order.sort_by(|x, y| scores[*y].total_cmp(&scores[*x]));
    // Ancestors below the root (the root is never the answer).
    let ancestors = |i: usize| {
        std::iter::successors(parent(page, i), move |&a| parent(page, a))
            .filter(|&a| page.subtrees[a].id != 0)
    };
    let alternatives: Vec<usize> = order
        .iter()
        .take(p.alternatives)
        .copied()
        .filter(|&i| i != b && scores[i] >= p.alternative_ratio * scores[b])
        .collect();
    if alternatives.len() < p.alternatives_shared {
        return b;
    }
    let mut shared: HashMap<usize, usize> = HashMap::default();
    for &alt in &alternatives {
        for a in ancestors(alt) {
            *shared.entry(a).or_default() += 1;
        }
    }
    for a in ancestors(b) {
        if matches!(page.subtrees[a].tag, Tag::Body | Tag::Html) {
            break;
        }
        if shared.get(&a).copied().unwrap_or(0) >= p.alternatives_shared {
            return a;
        }
    }
    b
}

/// Readability's climb: while an ancestor keeps at least `climb_floor` of
/// the score, and one scores higher than the current choice, take the
/// ancestor.
pub(super) fn climb(page: &Segments, p: &Params, scores: &[f32], mut b: usize) -> usize {
    let mut last = scores[b];
    let threshold = last * p.climb_floor;
    let mut cur = b;
    while let Some(pi) = parent(page, cur) {
        if page.subtrees[pi].id == 0 || matches!(page.subtrees[pi].tag, Tag::Body | Tag::Html) {
            break;
        }
        let ps = scores[pi];
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
        cur = pi;
    }
    b
}

/// A thread of posts around the choice: when the chosen element is, or is
/// inside, one of at least `thread_min_posts` siblings of one signature
/// (tag and first class word: `li.postbit`, `div.post`, `article.message`)
/// that together hold at least `items_share` of their parent's text, the
/// choice is one post of a thread whose other posts are as much the page,
/// so the parent of the posts is chosen. The nearest such ancestor wins
/// (a post's own paragraphs are siblings of one signature too, but hold
/// a small share of a thread), and the climb stops before the body.
pub(super) fn thread(page: &Segments, p: &Params, b: usize) -> usize {
    if p.thread_min_posts == 0 {
        return b;
    }
    let groups = super::posts::thread_groups(page, p);
    let below_body = |i: usize| {
        let s = &page.subtrees[i];
        s.id != 0 && !matches!(s.tag, Tag::Body | Tag::Html)
    };
    let mut chosen = b;
    let mut cur = b;
    while let Some(pi) = parent(page, cur).filter(|&pi| below_body(pi)) {
        let s = &page.subtrees[cur];
        if groups.contains(&(s.parent, s.sig)) {
            chosen = pi;
            break;
        }
        cur = pi;
    }
    // The posts are the replies, and the question or opening post the
    // page marks up (schema.org `Question`, `DiscussionForumPosting`)
    // stands beside them: the thread is what holds both.
    let opener = page
        .subtrees
        .iter()
        .find(|s| s.chars > 0 && matches!(s.item, Schema::Question | Schema::ForumPosting));
    if let Some(o) = opener {
        let holds = |i: usize| {
            let s = &page.subtrees[i];
            s.start <= o.start && s.end >= o.end
        };
        let mut a = chosen;
        while !holds(a) {
            match parent(page, a).filter(|&pi| below_body(pi)) {
                Some(pi) => a = pi,
                None => return chosen,
            }
        }
        chosen = a;
    }
    chosen
}

/// The page's landmark region: the one `<main>` (or `role=main`) when
/// there is exactly one, else the body. Its text, without navigation,
/// asides, the page header and footer, hidden boxes and comment sections
/// (unless comments are wanted), is what a reader of the page sees as its
/// content; a choice that keeps a small part of it missed most of the page.
/// A `<main>` that is a React shell also holds the segments streamed into
/// its placeholders.
#[derive(Clone, Copy, Debug)]
pub(super) struct Region {
    pub subtree: usize,
    start: u32,
    end: u32,
    /// The region is the page's one `<main>`.
    main: bool,
    /// Its flags: what its own blocks inherit from it does not count against them.
    flags: Flags,
    comments: bool,
    /// Blocks of React streamed segments outside the `<main>` are in the
    /// region too (see [`region`]).
    pub streamed: bool,
    /// Characters of the blocks that [`counts`](Region::counts).
    pub chars: u32,
}

impl Region {
    /// Block `i` (`b`) is inside the region.
    pub fn holds(&self, i: usize, b: &Block) -> bool {
        (self.start as usize..self.end as usize).contains(&i)
            || (self.streamed && b.flags.has(Flags::STREAMED))
    }

    /// `b` (inside the region) is text a reader of the page sees as content.
    pub fn counts(&self, b: &Block) -> bool {
        let mut away = Flags::HIDDEN | Flags::CHROME_TAG;
        if !self.comments {
            away |= Flags::COMMENTS;
        }
        b.flags.0 & away & !self.flags.0 == 0
    }

    /// The region is the one `<main>` and what was kept (`kept`
    /// characters, `in_region` of them inside) lies mostly outside it.
    pub fn left(&self, kept: u32, in_region: u32) -> bool {
        self.main && in_region.saturating_mul(2) < kept
    }

    /// What was kept (`kept` characters, `in_region` of them inside,
    /// `prose` of them in paragraphs) is a small share of the region, or
    /// mostly outside the one `<main>`. A body (no one `<main>`) is all of
    /// the page: there a choice that holds paragraphs of prose is an
    /// article in a busy page, however small, and stands.
    pub fn wants_widening(&self, kept: u32, in_region: u32, prose: u32, p: &Params) -> bool {
        if self.main {
            (kept as f64) < p.widen_main_ratio * self.chars as f64 || self.left(kept, in_region)
        } else {
            (kept as f64) < p.widen_body_ratio * self.chars as f64 && prose < p.widen_body_max_prose
        }
    }
}

/// The landmark region of `page`, if it has text.
pub(super) fn region(page: &Segments, p: &Params, comments: bool) -> Option<Region> {
    let subtrees = &page.subtrees;
    // Outermost main boxes: their own flags say main, no ancestor's do.
    let mut mains = (0..subtrees.len()).filter(|&i| {
        let s = &subtrees[i];
        s.own_flags.has(Flags::MAIN)
            && parent(page, i).is_none_or(|p| !subtrees[p].flags.has(Flags::MAIN))
    });
    let (subtree, main) = match (mains.next(), mains.next()) {
        (Some(m), None) => (m, true),
        _ => {
            let body = (0..subtrees.len())
                .rev()
                .find(|&i| subtrees[i].tag == Tag::Body)
                .or_else(|| subtrees.iter().position(|s| s.id == 0))?;
            (body, false)
        }
    };
    let s = &subtrees[subtree];
    let mut r = Region {
        subtree,
        start: s.start,
        end: s.end,
        main,
        flags: s.flags,
        comments,
        streamed: false,
        chars: 0,
    };
    r.chars = page.blocks[s.start as usize..s.end as usize]
        .iter()
        .filter(|b| r.counts(b))
        .map(|b| b.chars)
        .sum();
    // A React page may stream all its content after the shell, in hidden
    // segments at the end of the body that a script moves into their
    // placeholders: when the `<main>` is such a shell (its own text a
    // sliver of what is streamed into it), those segments are its text.
    if main {
        let outside = |(i, _): &(usize, &Block)| !(r.start..r.end).contains(&(*i as u32));
        let streamed: u32 = page
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.flags.has(Flags::STREAMED) && r.counts(b))
            .filter(outside)
            .map(|(_, b)| b.chars)
            .sum();
        if (r.chars as f64) < p.streamed_shell_ratio * streamed as f64 {
            r.streamed = true;
            r.chars += streamed;
        }
    }
    (r.chars > 0).then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::segment::segments_of as page;

    /// A page whose one `<main>` holds `own` and a placeholder, and whose
    /// streamed segment fills it with `streamed`; `at` says where the
    /// placeholder stands (`main`, or in a box after it).
    fn react_page(own: &str, streamed: &str, at: &str) -> String {
        let b = "<template id=\"B:0\"></template>";
        let (inside, outside) = if at == "main" { (b, "") } else { ("", b) };
        format!(
            "<body><main><nav><a href=/a>Pricing</a></nav><p>{own}</p>{inside}\
             <footer>© 2026 Example</footer></main><div>{outside}</div>\
             <div hidden id=\"S:0\"><p>{streamed}</p></div></body>"
        )
    }

    #[test]
    fn a_main_that_is_a_react_shell_holds_what_is_streamed_into_it() {
        let p = Params::default();
        let offer = "Deploy from a repository, with nothing to set up. ".repeat(4);
        let own = "A page of its own, long enough to be one. ".repeat(2);
        // The region's characters, and those of the blocks starting `with`.
        let chars = |html: &str, with: &[&str]| {
            let s = page(html);
            let of = |t: &&str| {
                s.blocks
                    .iter()
                    .find(|b| b.text.starts_with(t))
                    .unwrap()
                    .chars
            };
            let want: u32 = with.iter().map(of).sum();
            (region(&s, &p, false).unwrap().chars, want)
        };
        // A shell: the main's own text is a sliver of what streams into it.
        let (got, want) = chars(
            &react_page("Welcome", &offer, "main"),
            &["Welcome", "Deploy"],
        );
        assert_eq!(got, want);
        // Streamed elsewhere, or into a main with text of its own (a feed
        // under the page's text), the segment is not the main's.
        let (got, want) = chars(&react_page("Welcome", &offer, "box"), &["Welcome"]);
        assert_eq!(got, want);
        let (got, want) = chars(&react_page(&own, &offer, "main"), &["A page"]);
        assert_eq!(got, want);
    }
}
