//! Posts: the parts of a thread's posts that are the forum's, not the poster's.
//!
//! A thread is a run of sibling posts of one signature (`li.postbit`,
//! `div.post`, `article.message`) that hold most of their parent's text.
//! Every post is built from the same template: the poster's text in one
//! place, and around it the user card (rank, join date, post count,
//! badges), the vote count, "2 Likes", "Last edited by …". What the
//! template puts in the same place of most posts, always short, is the
//! forum's chrome; the place that holds most of the thread's text is the
//! posts' body, and whatever the body holds stays however short (a reply
//! of two words is a reply).

use std::collections::{HashMap, HashSet};

use crate::block::{Flags, Tag};
use crate::segment::Segments;

use super::candidate::{parent, subtree_of};
use super::params::Params;
use super::Decision;

/// A group of sibling posts: its parent's id and its signature.
type Group = (u32, u32);

/// What one place of a group's template holds: the posts that have it,
/// its characters and its blocks.
#[derive(Default)]
struct Place {
    posts: HashSet<u32>,
    chars: u32,
    blocks: u32,
}

/// Groups of sibling posts: (parent id, signature) of at least
/// `thread_min_posts` members with text that hold `items_share` of their
/// parent's text.
pub(super) fn thread_groups(page: &Segments, p: &Params) -> HashSet<Group> {
    let mut groups: HashMap<(u32, u32), (u32, u32)> = HashMap::new();
    for s in &page.subtrees {
        if s.id != 0 && s.chars > 0 {
            let g = groups.entry((s.parent, s.sig)).or_default();
            g.0 += 1;
            g.1 += s.chars;
        }
    }
    groups
        .into_iter()
        .filter(|&((parent, _), (n, chars))| {
            let parent_chars = subtree_of(page, parent).map_or(0, |i| page.subtrees[i].chars);
            n >= p.thread_min_posts && chars as f64 >= p.items_share * parent_chars as f64
        })
        .map(|(k, _)| k)
        .collect()
}

/// The kept blocks of a thread that are the forum's (see the module doc):
/// in a place of the posts' template (the signatures of the elements from
/// the post down to the block) that at least half the posts have, that is
/// not the place holding most of the thread's text, and whose blocks
/// average at most `post_chrome_chars` characters; the posters'
/// signatures; and lines of counters (`stats_line`). Quotes of other
/// posts are the poster's text and stay.
pub(super) fn chrome(page: &Segments, p: &Params, out: &[Decision]) -> Vec<usize> {
    if p.thread_min_posts == 0 || p.post_chrome_chars == 0 {
        return Vec::new();
    }
    let groups = thread_groups(page, p);
    if groups.is_empty() {
        return Vec::new();
    }
    // For each kept block inside a post: (group, post, place). The post is
    // the outermost member of a group among the block's ancestors, so the
    // paragraphs of one post (siblings of one signature too) are not posts.
    let mut placed: Vec<(usize, Group, u32, u64)> = Vec::new();
    let mut signatures: Vec<usize> = Vec::new();
    for (i, b) in page.blocks.iter().enumerate() {
        if !out[i].kept() || b.flags.has(Flags::FORCE_KEEP) {
            continue;
        }
        let Some(mut cur) = subtree_of(page, b.owner) else {
            continue;
        };
        let mut chain: Vec<u32> = Vec::new();
        let mut quote_chain: Vec<usize> = Vec::new();
        let mut post = None;
        loop {
            let s = &page.subtrees[cur];
            if s.id == 0 {
                break;
            }
            if groups.contains(&(s.parent, s.sig)) {
                post = Some(((s.parent, s.sig), s.id, chain.len()));
            }
            chain.push(s.sig);
            quote_chain.push(cur);
            match parent(page, cur) {
                Some(pi) => cur = pi,
                None => break,
            }
        }
        let Some((group, id, depth)) = post else {
            continue;
        };
        // A poster's signature is chrome whatever its length; a quote of
        // another post is the poster's text, whatever template it has.
        if b.flags.has(Flags::SIGNATURE) {
            signatures.push(i);
            continue;
        }
        let quoted = |k: &usize| page.subtrees[*k].tag == Tag::Blockquote;
        if quote_chain[..depth].iter().any(quoted) {
            continue;
        }
        // The place: the signatures below the post, innermost last.
        let place = chain[..depth]
            .iter()
            .rev()
            .fold(0xcbf2_9ce4_8422_2325u64, |h, &sig| {
                (h ^ sig as u64).wrapping_mul(0x0100_0000_01b3)
            });
        placed.push((i, group, id, place));
    }
    // Per group: its posts, and per place the posts that have it, its
    // characters and its blocks.
    let mut posts: HashMap<Group, HashSet<u32>> = HashMap::new();
    let mut places: HashMap<(Group, u64), Place> = HashMap::new();
    for &(i, group, id, place) in &placed {
        posts.entry(group).or_default().insert(id);
        let e = places.entry((group, place)).or_default();
        e.posts.insert(id);
        e.chars += page.blocks[i].chars;
        e.blocks += 1;
    }
    let mut body: HashMap<Group, (u64, u32)> = HashMap::new();
    for (&(group, place), pl) in &places {
        let e = body.entry(group).or_insert((place, 0));
        if pl.chars > e.1 {
            *e = (place, pl.chars);
        }
    }
    let mut removed: Vec<usize> = placed
        .into_iter()
        .filter(|&(_, group, _, place)| {
            let n_posts = posts[&group].len();
            let pl = &places[&(group, place)];
            n_posts as u32 >= p.thread_min_posts
                && body[&group].0 != place
                && pl.posts.len() * 2 >= n_posts
                && pl.chars <= p.post_chrome_chars * pl.blocks
        })
        .map(|(i, ..)| i)
        .collect();
    removed.extend(signatures);
    // The thread's counters ("6.5K views 5 replies", "Asked 11 years
    // ago") anywhere in a page that has posts.
    removed.extend(
        page.blocks
            .iter()
            .enumerate()
            .filter(|&(i, b)| {
                out[i].kept()
                    && !b.flags.has(Flags::FORCE_KEEP)
                    && b.chars <= p.post_stats_chars
                    && stats_line(&b.text)
            })
            .map(|(i, _)| i),
    );
    removed.dedup();
    removed.sort_unstable();
    removed.dedup();
    removed
}

/// Words that count what a thread or post has (English forums).
const STAT_WORDS: &[&str] = &[
    "views",
    "view",
    "replies",
    "reply",
    "posts",
    "posters",
    "participants",
    "watching",
    "watchers",
    "answers",
    "votes",
    "likes",
    "comments",
    "followers",
    "members",
];
/// Words that open a post's or thread's time stamp ("Asked 11 years ago").
const STAMP_WORDS: &[&str] = &[
    "asked", "viewed", "modified", "active", "answered", "edited",
];

/// A line of a thread's counters: at least two counts with few other words
/// ("7 Posts 3 Posters 15.8k Views"), or one count in a line of at most four words ("Viewed
/// 4k times", "2 Likes"), or a time stamp of at most eight words opened by
/// its verb and holding a digit ("Asked 11 years, 9 months ago").
pub(super) fn stats_line(text: &str) -> bool {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 16 {
        return false;
    }
    let number = |w: &str| {
        let w = w.trim_end_matches(['k', 'm']);
        !w.is_empty()
            && w.starts_with(|c: char| c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    };
    let stat = |w: &str| STAT_WORDS.contains(&w) || w == "times";
    let counts = words
        .windows(2)
        .filter(|p| (number(&p[0]) && stat(&p[1])) || (p[0] == "viewed" && number(&p[1])))
        .count();
    let stamp = STAMP_WORDS.contains(&words[0].as_str())
        && words.len() <= 8
        && text.contains(|c: char| c.is_ascii_digit());
    // Counters, not a sentence that counts: little else between them.
    let mostly_counts = counts >= 2 && words.len() <= 3 * counts + 5;
    mostly_counts || (counts == 1 && words.len() <= 4) || stamp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_are_stats_lines_and_sentences_are_not() {
        for line in [
            "7 Posts 3 Posters 15.8k Views 3 Watching",
            "6.5K views 5 replies 5 participants last post by nwberm Jun 5, 2024",
            "Viewed 4k times",
            "2 Likes",
            "Asked 11 years, 9 months ago",
        ] {
            assert!(stats_line(line), "{line}");
        }
        for line in [
            "I got 2 replies from support and 3 views on my ticket, nothing more.",
            "Thanks for the help!",
            "Asked my landlord and he agreed.",
            "Likes",
        ] {
            assert!(!stats_line(line), "{line}");
        }
    }

    #[test]
    fn signature_class_words() {
        use crate::hints::{classify, Attrs};
        let flagged = |ci: &str| {
            let mut a = Attrs::default();
            a.add_class_id(ci);
            classify(crate::block::Tag::Div, &a).flags & Flags::SIGNATURE != 0
        };
        assert!(flagged("signaturecontainer"));
        assert!(flagged("post-signature"));
        assert!(flagged("sig36151648"));
        assert!(!flagged("signup"));
        assert!(!flagged("sight-line"));
    }
}
