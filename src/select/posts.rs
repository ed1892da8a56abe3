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
//! of two words is a reply). Each post's header, who wrote it and when,
//! stays too: a reader of a thread reads it with the post.

use super::{HashMap, HashSet};

use crate::block::{BlockKind, Flags, Tag};
use crate::segment::Segments;

use super::candidate::{parent, subtree_of};
use super::params::Params;
use super::{Decision, Reason};

/// How far above a block its post may be. Post templates nest the body a
/// dozen or two boxes below the post; the bound keeps a page of deeply
/// nested elements typed forum linear (each block walks its ancestors).
const POST_DEPTH: usize = 64;

/// Siblings of one signature of which one holds more than this share of
/// their text are a page's layout (the page body beside its header and
/// footer boxes), not posts: the posts are inside the big one.
const LAYOUT_SHARE: f64 = 0.9;

/// A line of the posts repeated word for word in half of them is the
/// template's only when at most this long (a post's title, a button).
const REPEATED_LINE_CHARS: u32 = 100;

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
    let mut groups: HashMap<(u32, u32), (u32, u32, u32)> = HashMap::default();
    for s in &page.subtrees {
        if s.id != 0 && s.chars > 0 {
            let g = groups.entry((s.parent, s.sig)).or_default();
            g.0 += 1;
            g.1 += s.chars;
            g.2 = g.2.max(s.chars);
        }
    }
    groups
        .into_iter()
        .filter(|&((parent, _), (n, chars, largest))| {
            let parent_chars = subtree_of(page, parent).map_or(0, |i| page.subtrees[i].chars);
            n >= p.thread_min_posts
                && chars as f64 >= p.items_share * parent_chars as f64
                && (largest as f64) <= LAYOUT_SHARE * chars as f64
        })
        .map(|(k, _)| k)
        .collect()
}

/// A thread on the page: its groups of sibling posts and every block with
/// text inside one of their posts, placed once for both passes below
/// (which blocks are kept only filters them).
pub(super) struct Thread {
    placed: Vec<Placed>,
}

impl Thread {
    /// The page's thread, if the profile looks for one
    /// (`thread_min_posts`) and the page has one.
    pub(super) fn of(page: &Segments, p: &Params) -> Option<Thread> {
        if p.thread_min_posts == 0 {
            return None;
        }
        let groups = thread_groups(page, p);
        if groups.is_empty() {
            return None;
        }
        Some(Thread {
            placed: placed(page, &groups),
        })
    }
}

/// A block inside a post of a thread.
struct Placed {
    block: usize,
    group: Group,
    /// The post's element id.
    post: u32,
    /// The places of the boxes from the post down to the block: the
    /// signatures on the way, hashed, outermost first.
    places: Vec<u64>,
    /// Inside a signature box; inside a quote, or an aside (a quote's
    /// frame, a link's preview), below the post.
    signature: bool,
    quoted: bool,
    aside: bool,
}

/// The blocks with text that are inside a post of one of `groups`. The post
/// is the outermost member of a group among the block's ancestors, so the
/// paragraphs of one post (siblings of one signature too) are not posts.
fn placed(page: &Segments, groups: &HashSet<Group>) -> Vec<Placed> {
    let mut all = Vec::new();
    for (i, b) in page.blocks.iter().enumerate() {
        if b.chars == 0 {
            continue;
        }
        let Some(mut cur) = subtree_of(page, b.owner) else {
            continue;
        };
        // The block's ancestors, innermost first, up to the root.
        let mut chain: Vec<usize> = Vec::new();
        let mut post = None;
        loop {
            let s = &page.subtrees[cur];
            if s.id == 0 || chain.len() >= POST_DEPTH {
                break;
            }
            if groups.contains(&(s.parent, s.sig)) {
                post = Some(((s.parent, s.sig), s.id, chain.len()));
            }
            chain.push(cur);
            match parent(page, cur) {
                Some(pi) => cur = pi,
                None => break,
            }
        }
        let Some((group, id, depth)) = post else {
            continue;
        };
        let inside = &chain[..depth];
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        let places = inside
            .iter()
            .rev()
            .map(|&k| {
                h = (h ^ page.subtrees[k].sig as u64).wrapping_mul(0x0100_0000_01b3);
                h
            })
            .collect();
        all.push(Placed {
            block: i,
            group,
            post: id,
            places,
            signature: b.flags.has(Flags::SIGNATURE),
            quoted: inside
                .iter()
                .any(|&k| page.subtrees[k].tag == Tag::Blockquote),
            aside: inside.iter().any(|&k| page.subtrees[k].tag == Tag::Aside),
        });
    }
    all
}

/// Per group: its posts, and per place the posts that have it and the
/// characters and blocks under it.
type Tally = (HashMap<Group, HashSet<u32>>, HashMap<(Group, u64), Place>);

fn tally<'a>(page: &Segments, placed: impl IntoIterator<Item = &'a Placed>) -> Tally {
    let mut posts: HashMap<Group, HashSet<u32>> = HashMap::default();
    let mut places: HashMap<(Group, u64), Place> = HashMap::default();
    for x in placed {
        posts.entry(x.group).or_default().insert(x.post);
        for &place in &x.places {
            let e = places.entry((x.group, place)).or_default();
            e.posts.insert(x.post);
            e.chars += page.blocks[x.block].chars;
            e.blocks += 1;
        }
    }
    (posts, places)
}

/// Per group, the places from the post down to its body: the innermost
/// place holding the most text, and the boxes around it (a wrapper of the
/// body and the user card holds the body too).
fn bodies<'a>(
    placed: impl IntoIterator<Item = &'a Placed>,
    places: &HashMap<(Group, u64), Place>,
) -> HashMap<Group, &'a [u64]> {
    let mut body: HashMap<Group, (u32, &[u64])> = HashMap::default();
    for x in placed {
        let Some(last) = x.places.last() else {
            continue;
        };
        let chars = places[&(x.group, *last)].chars;
        let e = body.entry(x.group).or_insert((0, &[]));
        if chars > e.0 {
            *e = (chars, x.places.as_slice());
        }
    }
    body.into_iter().map(|(g, (_, b))| (g, b)).collect()
}

/// The removed blocks of a thread that are its posts' text after all: in
/// the box that holds the posts' body (`div.post`, `div.bbwrapper`,
/// `div.s-prose`), not quoted from another post nor in an aside, removed
/// only as a box of links or a link-dense line. A
/// short post is a small box beside its user card and its reply and quote
/// buttons, and a reply that is a link is a reply; the template's chrome
/// goes by its place instead ([`chrome`]).
pub(super) fn restore(
    thread: &Thread,
    page: &Segments,
    p: &Params,
    out: &[Decision],
) -> Vec<usize> {
    if !p.restore_post_text {
        return Vec::new();
    }
    let all = &thread.placed;
    let (_, places) = tally(page, all);
    let body = bodies(all, &places);
    // Only the thread the selection kept some of.
    let kept: HashSet<Group> = all
        .iter()
        .filter(|x| out[x.block].kept())
        .map(|x| x.group)
        .collect();
    all.iter()
        .filter(|x| {
            let b = body.get(&x.group).copied().unwrap_or(&[]);
            kept.contains(&x.group)
                && matches!(
                    out[x.block],
                    Decision::Remove(Reason::BoilerplateBox | Reason::LinkDense)
                )
                && !x.signature
                && !x.quoted
                && !x.aside
                && b.len() >= 2
                && x.places.get(b.len() - 2) == Some(&b[b.len() - 2])
        })
        .map(|x| x.block)
        .collect()
}

/// The kept blocks of a thread that are the forum's (see the module doc):
/// in a place of the posts' template (the signatures of the elements from
/// the post down to the block) that at least half the posts have (kept or
/// not: the template), that is not the place holding most of the kept
/// text, and whose kept blocks average at most `post_chrome_chars`
/// characters; the posters' signatures; and lines of counters (`stats_line`). Quotes of other
/// posts are the poster's text and stay.
pub(super) fn chrome(thread: &Thread, page: &Segments, p: &Params, out: &[Decision]) -> Vec<usize> {
    if p.post_chrome_chars == 0 {
        return Vec::new();
    }
    let kept =
        |x: &&Placed| out[x.block].kept() && !page.blocks[x.block].flags.has(Flags::FORCE_KEEP);
    let mut removed: Vec<usize> = thread
        .placed
        .iter()
        .filter(|x| x.signature && kept(x))
        .map(|x| x.block)
        .collect();
    // Which posts have a place is the template's, whatever earlier passes
    // removed: a user card whose links went as link-dense in most posts
    // is still in every post, and its lines left in a few are chrome.
    let template: Vec<&Placed> = thread
        .placed
        .iter()
        .filter(|x| !x.signature && !x.quoted)
        .collect();
    let placed: Vec<&Placed> = template.iter().copied().filter(kept).collect();
    let (posts, present) = tally(page, template.iter().copied());
    let (_, places) = tally(page, placed.iter().copied());
    let body = bodies(placed.iter().copied(), &places);
    let chrome_place = |group: Group, place: u64| {
        let n_posts = posts[&group].len();
        let pl = &places[&(group, place)];
        n_posts as u32 >= p.thread_min_posts
            && !body.get(&group).is_some_and(|b| b.contains(&place))
            && present[&(group, place)].posts.len() * 2 >= n_posts
            && pl.chars <= p.post_chrome_chars * pl.blocks
    };
    removed.extend(
        placed
            .iter()
            .filter(|x| x.places.iter().any(|&place| chrome_place(x.group, place)))
            .map(|x| x.block),
    );

    // A line the same in at least half the posts (and `thread_min_posts`)
    // is the template's, wherever it stands: phpBB's "Re: <the thread's
    // title>" over each post, "Reply with quote" below it; but not a
    // paragraph ("Thanks all!" closing every post is the poster's). Who
    // wrote a post stays by `headers`, however often the same poster speaks.
    let mut same: HashMap<(Group, &str), HashSet<u32>> = HashMap::default();
    for x in &placed {
        let b = &page.blocks[x.block];
        let prose = matches!(
            b.kind,
            BlockKind::Paragraph | BlockKind::Quote | BlockKind::Pre
        );
        if b.chars <= REPEATED_LINE_CHARS && !prose {
            same.entry((x.group, b.text.as_str()))
                .or_default()
                .insert(x.post);
        }
    }
    removed.extend(
        placed
            .iter()
            .filter(|x| {
                let b = &page.blocks[x.block];
                let n_posts = posts[&x.group].len();
                same.get(&(x.group, b.text.as_str()))
                    .is_some_and(|s| s.len() as u32 >= p.thread_min_posts && s.len() * 2 >= n_posts)
            })
            .map(|x| x.block),
    );

    // The thread's counters ("6.5K views 5 replies", "Asked 11 years
    // ago", a vote count alone) anywhere in a page that has posts.
    removed.extend(
        page.blocks
            .iter()
            .enumerate()
            .filter(|&(i, b)| {
                out[i].kept()
                    && !b.flags.has(Flags::FORCE_KEEP)
                    && b.chars <= p.post_stats_chars
                    && (stats_line(&b.text) || (bare_count(&b.text) && !b.flags.has(Flags::TABLE)))
            })
            .map(|(i, _)| i),
    );
    removed.sort_unstable();
    removed.dedup();
    removed
}

/// The headers of the posts of a thread the selection kept some of: in
/// each post whose body has kept text, the last line before the body of
/// at most `post_header_chars` characters that holds a date ("Mar 27,
/// 2025", "Posted March 19, 2024", "amondale (Amondale) November 8, 2024,
/// 7:33pm"), and, unless that line has it, the poster's name: the first
/// short line before the body without a date. Who wrote a post and
/// when is part of a thread as its reader sees it; the user card's other
/// lines (rank, join date, post count) stay the template's chrome. A
/// template that puts the date after the body (a Q&A site's "answered …"
/// card) has no header.
pub(super) fn headers(
    thread: &Thread,
    page: &Segments,
    p: &Params,
    out: &[Decision],
) -> Vec<usize> {
    if p.post_header_chars == 0 {
        return Vec::new();
    }
    let all = &thread.placed;
    let (_, places) = tally(page, all);
    let body = bodies(all, &places);
    // The blocks of each post, in document order.
    let mut posts: HashMap<u32, Vec<&Placed>> = HashMap::default();
    for x in all {
        posts.entry(x.post).or_default().push(x);
    }
    let usable = |x: &Placed| {
        let b = &page.blocks[x.block];
        !x.signature
            && !x.quoted
            && !b.flags.has(Flags::HIDDEN)
            && !b.flags.has(Flags::FORCE_DROP)
            && b.chars <= p.post_header_chars
    };
    let mut keep = Vec::new();
    for xs in posts.values() {
        let Some(&last) = body.get(&xs[0].group).and_then(|b| b.last()) else {
            continue;
        };
        let Some(start) = xs.iter().position(|x| x.places.contains(&last)) else {
            continue;
        };
        if !xs[start..].iter().any(|x| out[x.block].kept()) {
            continue;
        }
        let head = &xs[..start];
        // A date in a field of the user card (`dl.pairs>dd`: "Joined Feb
        // 8, 2023") is the poster's, not the post's.
        let field = |x: &Placed| {
            let path = &page.blocks[x.block].path;
            path.rsplit('>')
                .next()
                .is_some_and(|e| e == "dd" || e.starts_with("dd."))
        };
        let Some(d) = head.iter().rposition(|x| {
            let t = &page.blocks[x.block].text;
            usable(x)
                && !field(x)
                && !labelled(t)
                && dated(t)
                && undated_words(t) <= POST_HEADER_WORDS
        }) else {
            continue;
        };
        keep.push(head[d].block);
        let date_line = &page.blocks[head[d].block].text;
        // The name is the first line of the post's head (but for the date
        // and an avatar's initial): a user card's later lines are its
        // rank and counts, names of a kind too.
        let first = head
            .iter()
            .enumerate()
            .find(|&(k, x)| k != d && page.blocks[x.block].text.trim().chars().count() > 1);
        if let Some((_, x)) = first {
            let t = &page.blocks[x.block].text;
            if usable(x) && name_line(t) && !date_line.contains(t.trim()) {
                keep.push(x.block);
            }
        }
    }
    keep.retain(|&i| !out[i].kept());
    keep.sort_unstable();
    keep
}

/// A word that is a day or a year: digits, with an ordinal's suffix or a
/// trailing comma or dot ("27,", "3rd", "11.").
fn day_or_year(w: &str) -> bool {
    let w = w.trim_end_matches([',', '.']);
    let d = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    !d.is_empty() && d.len() <= 4 && d.chars().all(|c| c.is_ascii_digit()) && w.len() - d.len() <= 2
}

/// A word that is a month's name ("Mar", "March", "Sep.").
fn month(w: &str) -> bool {
    let w = w.trim_end_matches([',', '.']).to_ascii_lowercase();
    (3..=9).contains(&w.len())
        && w.chars().all(|c| c.is_ascii_alphabetic())
        && crate::meta::MONTHS.iter().any(|m| w.starts_with(m))
}

/// A word that is a numeric date: three runs of digits joined by `-`, `/`
/// or `.` ("2024-08-03", "03/03/2026", "11-29-2024,").
fn numeric_date(w: &str) -> bool {
    let w = w.trim_end_matches([',', '.']);
    let parts: Vec<&str> = w.split(['-', '/', '.']).collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|x| (1..=4).contains(&x.len()) && x.chars().all(|c| c.is_ascii_digit()))
}

/// The words of a date in a line: a month's name beside a day or year, a
/// numeric date, or "3 hours ago". Returns which words they are.
fn date_words(text: &str) -> Vec<bool> {
    let w: Vec<&str> = text.split_whitespace().collect();
    let mut date = vec![false; w.len()];
    for i in 0..w.len() {
        if numeric_date(w[i]) {
            date[i] = true;
        }
        if month(w[i]) {
            let before = i > 0 && day_or_year(w[i - 1]);
            let after = i + 1 < w.len() && day_or_year(w[i + 1]);
            if before || after {
                date[i] = true;
                date[i - usize::from(before)] = true;
                if after {
                    date[i + 1] = true;
                    if i + 2 < w.len() && day_or_year(w[i + 2]) {
                        date[i + 2] = true;
                    }
                }
            }
        }
        if w[i].eq_ignore_ascii_case("ago") && i >= 2 && day_or_year(w[i - 2]) {
            date[i - 2..=i].fill(true);
        }
    }
    date
}

/// The line holds a date: some word of [`date_words`] is one. Read word
/// by word with no vectors, and stops at the first: it runs on every short
/// block of a page (`page_type`'s bulletin board test).
pub(crate) fn dated(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let (mut two_back, mut one_back) = (None, None);
    let mut at = words.next();
    while let Some(w) = at {
        let next = words.next();
        let month_date =
            month(w) && (one_back.is_some_and(day_or_year) || next.is_some_and(day_or_year));
        let ago = w.eq_ignore_ascii_case("ago") && two_back.is_some_and(day_or_year);
        if numeric_date(w) || month_date || ago {
            return true;
        }
        (two_back, one_back, at) = (one_back, Some(w), next);
    }
    false
}

/// Words a post's date line has beside the date: "Posted March 19, 2024",
/// "#1 2024-08-03 10:59:47", "Mar 27, 2025 at 9:14 AM".
const DATE_LINE_WORDS: &[&str] = &[
    "posted", "on", "at", "am", "pm", "edited", "·", "»", "|", "-",
];

/// A post's date line holds at most this many words beside its date (the
/// poster's name, "Post by …", the post's number): a longer line is a
/// header of the post's interface ("Jul 5, 2024 at 5:39 PM Thread Starter
/// Post #1 of 7").
const POST_HEADER_WORDS: usize = 3;

/// The words of a line beside its date, the words of a date line, times
/// and numbers (a post's number, "#2"): 0 is a date and nothing more.
fn undated_words(text: &str) -> usize {
    let date = date_words(text);
    text.split_whitespace()
        .zip(date)
        .filter(|&(w, d)| {
            let l = w.to_ascii_lowercase();
            let n = l.strip_prefix('#').unwrap_or(&l);
            !(d || DATE_LINE_WORDS.contains(&l.as_str())
                || (!n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == ':')))
        })
        .count()
}

/// A line with a field's label ("Joined: Mar 1, 2019", "Registered:"): a
/// user card's field, not the post's date ("Posted:" is the post's).
fn labelled(text: &str) -> bool {
    text.split_whitespace().any(|w| {
        w.strip_suffix(':').is_some_and(|l| {
            let l = l.to_lowercase();
            !l.is_empty()
                && l.chars().all(char::is_alphabetic)
                && !DATE_LINE_WORDS.contains(&l.as_str())
        })
    })
}

/// A poster's name: a short line of at most three words, no date, count or
/// counters, not a label ("Quote:") nor a post's title ("Re: …"), nor an
/// avatar's initial.
fn name_line(text: &str) -> bool {
    let t = text.trim();
    let words = t.split_whitespace().count();
    (1..=3).contains(&words)
        && (2..=40).contains(&t.chars().count())
        && !t.ends_with(':')
        && !t.starts_with("Re:")
        && !dated(t)
        && !bare_count(t)
        && !stats_line(t)
}

/// A line that is one count alone ("1", "2.1k", "1,295", a score of
/// "-1" or "+3"): a vote or reaction counter, outside a table (where it
/// is a cell of data).
pub(super) fn bare_count(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_prefix(['-', '+', '\u{2212}']).unwrap_or(t);
    let digits = t.trim_end_matches(['k', 'K', 'm', 'M']);
    !digits.is_empty()
        && t.len() <= 6
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
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
/// its verb and holding a digit ("Asked 11 years, 9 months ago"). A user
/// card's badges count by kind ("1,655 11 gold badges 14 silver badges").
pub(super) fn stats_line(text: &str) -> bool {
    // A user card's counts may be glued to the label before them
    // ("gold badges125 silver badges"): a digit after a letter starts a
    // word.
    let mut spaced = String::with_capacity(text.len() + 8);
    let mut prev = ' ';
    for c in text.chars() {
        if c.is_ascii_digit() && prev.is_alphabetic() {
            spaced.push(' ');
        }
        spaced.push(c);
        prev = c;
    }
    let words: Vec<String> = spaced
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
        .count()
        // A user card's badges counted by their kind: "11 gold badges".
        + words
            .windows(3)
            .filter(|p| number(&p[0]) && matches!(p[2].as_str(), "badge" | "badges"))
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
            "1,655 11 gold badges 14 silver badges 31 bronze badges",
            "88.7k1616 gold badges125125 silver badges181181 bronze badges",
        ] {
            assert!(stats_line(line), "{line}");
        }
        for line in [
            "I got 2 replies from support and 3 views on my ticket, nothing more.",
            "She earned 2 gold badges at the scout camp last summer, and a silver one.",
            "Thanks for the help!",
            "Asked my landlord and he agreed.",
            "Likes",
        ] {
            assert!(!stats_line(line), "{line}");
        }
    }

    #[test]
    fn a_post_header_has_a_date_and_the_name_beside_it() {
        for line in [
            "Mar 27, 2025",
            "Posted March 19, 2024",
            "amondale (Amondale) November 8, 2024, 7:33pm 1",
            "#1 2024-08-03 10:59:47",
            "keepingsanity · 03/03/2026 19:49",
            "Post by galitsyn » 11. Sep 2024, 18:36",
            "3 hours ago",
        ] {
            assert!(dated(line), "{line}");
        }
        for line in ["March on!", "I paid 27 dollars in May", "v1.2", "Members"] {
            assert!(!dated(line), "{line}");
        }
        // `dated` reads the words `date_words` marks, without its vectors.
        for line in [
            "",
            "May",
            "May 5",
            "5 May",
            "in May",
            "2 days ago",
            "days ago",
            "ago",
            "x 3 weeks ago",
            "Jan 2024 x",
            "1.2.2024",
            "March on! 12",
        ] {
            assert_eq!(dated(line), date_words(line).contains(&true), "{line}");
        }
        assert_eq!(undated_words("Posted March 19, 2024"), 0);
        assert_eq!(undated_words("#1 2024-08-03 10:59:47"), 0);
        assert_eq!(undated_words("keepingsanity · 03/03/2026 19:49"), 1);
        assert!(
            undated_words("Jul 5, 2024 at 5:39 PM Thread Starter Post #1 of 7") > POST_HEADER_WORDS
        );
        assert!(labelled("Senior Member Joined: Mar 1, 2019"));
        assert!(!labelled("Posted: Mon Jan 1, 2024 10:02 am"));
        assert!(name_line("TissueBox"));
        assert!(!name_line("F"));
        assert!(!name_line("Re: Open source forum software"));
        assert!(!name_line("2 Likes"));
        assert!(!name_line("Joined Oct 25, 2017"));
    }

    #[test]
    fn a_count_alone_is_a_counter() {
        for t in ["1", "2.1k", "1,295", " 37 ", "-1", "+3", "\u{2212}2"] {
            assert!(bare_count(t), "{t}");
        }
        for t in [
            "v2",
            "2024-06-14",
            "1234567",
            "k",
            "12 apples",
            "-",
            "+",
            "-x",
        ] {
            assert!(!bare_count(t), "{t}");
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
