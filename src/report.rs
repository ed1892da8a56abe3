//! Report: what a cleaning removed and why, for people and for tools.
//!
//! `unboil explain` and `unboil diff` are thin wrappers over this module.
//! [`explain`] gives one line per block (kept or removed, the rule id or
//! reason that decided, the block's tag path, a text excerpt) and
//! [`explain_json`] the same as JSON Lines. [`page_diff`] is a unified diff
//! from the page's full visible text (every block rendered as if kept) to the
//! cleaned text, so every removed line shows; [`diff`] compares any two texts
//! (two cleaned outputs, e.g. before and after a rule change). [`Stat`] counts
//! blocks and words kept and removed, by reason. A diff searches for the
//! smallest set of changes for at most [`DIFF_TIMEOUT`], so long texts with
//! little in common cost linear time, not quadratic. Nothing here decides
//! anything: it only reads a [`Document`]'s blocks and decisions.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::time::Duration;

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use crate::block::{BlockKind, Flags};
use crate::select::Decision;
use crate::{render, Document};

/// Characters of block text shown by [`explain`].
const EXCERPT_CHARS: usize = 60;
/// A reason wider than this does not widen the column for the others.
const MAX_REASON_COLUMN: usize = 28;
/// Lines of context around each change in a diff.
const CONTEXT: usize = 3;
/// How long one diff may search for the smallest set of changes. Myers'
/// algorithm takes time O(N·D) (lengths times differences), quadratic for
/// two long texts with little in common; past this it gives up on a
/// minimal diff and reports each part it has not matched yet as removed
/// and added, so a diff costs at most this plus linear time.
pub const DIFF_TIMEOUT: Duration = Duration::from_millis(500);

/// The line diff of `old` and `new`, within [`DIFF_TIMEOUT`].
fn line_diff<'a>(old: &'a str, new: &'a str) -> TextDiff<'a, 'a, 'a, str> {
    TextDiff::configure()
        .timeout(DIFF_TIMEOUT)
        .diff_lines(old, new)
}

/// The page's full visible text: every block rendered as if kept.
pub fn full_text(doc: &Document) -> String {
    let all = vec![Decision::Keep; doc.blocks.len()];
    render::text(&doc.blocks, &all, doc.plain_text)
}

/// What [`explain`] says about one block; one JSON object per block in
/// [`explain_json`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExplainLine {
    /// Position of the block in the page (0-based).
    pub block: usize,
    /// Whether the block is in the output.
    pub kept: bool,
    /// What decided: for a removed block the reason (`outside-main`,
    /// `rule:source-link`, `context:comments`, `user-drop`, …); for a kept
    /// block `user-keep` when a `--keep` selector kept it, else none.
    pub reason: Option<String>,
    /// The selection pass that decided (`choose`, `siblings`, `extend`,
    /// `boxes`, `blocks`, `headline`, `tail-labels`, `dangling-headings`,
    /// `user`; see [`crate::Pass`]).
    pub pass: &'static str,
    /// Tag path of the block's innermost block-level ancestors, e.g.
    /// `article.post>div.entry-content>p` (`line` for plain-text input).
    pub path: String,
    /// paragraph, heading, list-item, cell, pre, quote, caption or other.
    pub kind: &'static str,
    /// Words (runs of non-space) in the block's text.
    pub words: usize,
    /// The block's whole text.
    pub text: String,
    /// The page's type (`article`, `forum`, …, see [`crate::PageType`]),
    /// on every line so each JSON line stands alone; left out when
    /// selection decided none (plain-text input).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_type: Option<&'static str>,
}

impl ExplainLine {
    /// The first characters of the text on one line, `…` when cut.
    pub fn excerpt(&self) -> String {
        let one_line = crate::segment::collapse(&self.text).into_owned();
        match one_line.char_indices().nth(EXCERPT_CHARS) {
            Some((cut, _)) => format!("{}…", one_line[..cut].trim_end()),
            None => one_line,
        }
    }
}

/// One [`ExplainLine`] per block, in page order.
pub fn explain_lines(doc: &Document) -> Vec<ExplainLine> {
    doc.blocks
        .iter()
        .zip(&doc.decisions)
        .enumerate()
        .map(|(i, (b, d))| ExplainLine {
            block: i,
            kept: d.kept(),
            reason: match d {
                Decision::Remove(r) => Some(r.to_string()),
                Decision::Keep if b.flags.has(Flags::FORCE_KEEP) => Some("user-keep".into()),
                Decision::Keep => None,
            },
            pass: doc.decided_by.get(i).map_or("-", |p| p.as_str()),
            path: b.path.clone(),
            kind: kind_name(b.kind),
            words: b.text.split_whitespace().count(),
            text: b.text.clone(),
            page_type: doc.page_type.map(|t| t.as_str()),
        })
        .collect()
}

fn kind_name(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Paragraph => "paragraph",
        BlockKind::Heading(_) => "heading",
        BlockKind::ListItem => "list-item",
        BlockKind::Cell => "cell",
        BlockKind::Pre => "pre",
        BlockKind::Quote => "quote",
        BlockKind::Caption => "caption",
        BlockKind::Other => "other",
    }
}

/// The human form of `unboil explain`: one aligned line per block, with
/// the block number, `kept` or `removed`, the reason, the pass that
/// decided, an excerpt of the text and last the tag path:
/// `18  removed  rule:source-link  blocks  Source link  article.post>div.entry-content>p`.
/// Kept blocks that nothing special decided show `-` as their reason.
/// A first line `# page type: forum` names the page's type when selection
/// decided one.
pub fn explain(doc: &Document) -> String {
    let lines = explain_lines(doc);
    let excerpts: Vec<String> = lines.iter().map(ExplainLine::excerpt).collect();
    let num_w = lines.len().saturating_sub(1).to_string().len();
    let reason_w = lines
        .iter()
        .map(|l| l.reason.as_deref().unwrap_or("-").chars().count())
        .filter(|&w| w <= MAX_REASON_COLUMN)
        .max()
        .unwrap_or(0);
    let pass_w = lines.iter().map(|l| l.pass.len()).max().unwrap_or(0);
    let text_w = excerpts
        .iter()
        .map(|e| e.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    if let Some(t) = doc.page_type {
        out.push_str(&format!("# page type: {}\n", t.as_str()));
    }
    for (l, excerpt) in lines.iter().zip(&excerpts) {
        let line = format!(
            "{:>num_w$}  {:<7}  {:<reason_w$}  {:<pass_w$}  {:<text_w$}  {}",
            l.block,
            if l.kept { "kept" } else { "removed" },
            l.reason.as_deref().unwrap_or("-"),
            l.pass,
            excerpt,
            l.path,
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `unboil explain --json`: JSON Lines, one [`ExplainLine`] object per block,
/// `{"block":0,"kept":false,"reason":"outside-main","pass":"choose","path":"…","kind":"paragraph","words":3,"text":"…"}`.
pub fn explain_json(doc: &Document) -> String {
    let mut out = String::new();
    for l in explain_lines(doc) {
        out.push_str(&serde_json::to_string(&l).expect("plain data serializes"));
        out.push('\n');
    }
    out
}

/// A unified diff (3 lines of context) from `old` to `new`, empty when they
/// are equal; minimal unless finding that takes over [`DIFF_TIMEOUT`]. With `color`, removed lines are red, added lines green and
/// hunk headers cyan (ANSI escapes); context stays plain.
pub fn diff(old: &str, new: &str, old_label: &str, new_label: &str, color: bool) -> String {
    let d = line_diff(old, new);
    let mut out = String::new();
    let paint = |out: &mut String, style: &str, line: &str| {
        if color && !style.is_empty() {
            let _ = writeln!(out, "{style}{line}\x1b[0m");
        } else {
            let _ = writeln!(out, "{line}");
        }
    };
    for (i, hunk) in d
        .unified_diff()
        .context_radius(CONTEXT)
        .iter_hunks()
        .enumerate()
    {
        if i == 0 {
            paint(&mut out, "\x1b[1m", &format!("--- {old_label}"));
            paint(&mut out, "\x1b[1m", &format!("+++ {new_label}"));
        }
        paint(&mut out, "\x1b[36m", &hunk.header().to_string());
        for change in hunk.iter_changes() {
            let (sign, style) = match change.tag() {
                ChangeTag::Delete => ('-', "\x1b[31m"),
                ChangeTag::Insert => ('+', "\x1b[32m"),
                ChangeTag::Equal => (' ', ""),
            };
            let value = change.value();
            let text = value.strip_suffix('\n').unwrap_or(value);
            paint(&mut out, style, &format!("{sign}{text}"));
            if change.missing_newline() {
                out.push_str("\\ No newline at end of file\n");
            }
        }
    }
    out
}

/// [`diff`] from the page's [`full_text`] to its cleaned text: every line
/// that cleaning removed shows as a `-` line. `name` labels both sides.
pub fn page_diff(doc: &Document, name: &str, color: bool) -> String {
    diff(
        &full_text(doc),
        &doc.text,
        &format!("{name} (all text)"),
        &format!("{name} (cleaned)"),
        color,
    )
}

/// Blocks and words removed for one reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReasonCount {
    /// The reason, as [`ExplainLine::reason`] writes it.
    pub reason: String,
    /// Blocks removed for it.
    pub blocks: usize,
    /// Words in those blocks.
    pub words: usize,
}

/// Counts for `unboil diff --stat`: blocks and words kept and removed, and
/// the removals by reason (most words first).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Stat {
    /// Blocks in the page.
    pub blocks: usize,
    /// Blocks kept.
    pub blocks_kept: usize,
    /// Blocks removed.
    pub blocks_removed: usize,
    /// Words in the kept blocks.
    pub words_kept: usize,
    /// Words in the removed blocks.
    pub words_removed: usize,
    /// The removals by reason, most words first.
    pub by_reason: Vec<ReasonCount>,
}

impl Stat {
    /// The counts of a cleaned page.
    pub fn of(doc: &Document) -> Stat {
        let mut s = Stat::default();
        let mut by_reason: HashMap<String, ReasonCount> = HashMap::new();
        for (b, d) in doc.blocks.iter().zip(&doc.decisions) {
            let words = b.text.split_whitespace().count();
            s.blocks += 1;
            match d {
                Decision::Keep => {
                    s.blocks_kept += 1;
                    s.words_kept += words;
                }
                Decision::Remove(r) => {
                    s.blocks_removed += 1;
                    s.words_removed += words;
                    let reason = r.to_string();
                    let c = by_reason.entry(reason.clone()).or_insert(ReasonCount {
                        reason,
                        blocks: 0,
                        words: 0,
                    });
                    c.blocks += 1;
                    c.words += words;
                }
            }
        }
        s.by_reason = by_reason.into_values().collect();
        s.by_reason.sort_by(|a, b| {
            b.words
                .cmp(&a.words)
                .then(b.blocks.cmp(&a.blocks))
                .then_with(|| a.reason.cmp(&b.reason))
        });
        s
    }
}

impl fmt::Display for Stat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "blocks: {} ({} kept, {} removed)",
            self.blocks, self.blocks_kept, self.blocks_removed
        )?;
        writeln!(
            f,
            "words: {} kept, {} removed",
            self.words_kept, self.words_removed
        )?;
        if self.by_reason.is_empty() {
            return Ok(());
        }
        writeln!(f, "removed by reason:")?;
        let w = self
            .by_reason
            .iter()
            .map(|c| c.reason.chars().count())
            .max()
            .unwrap_or(0);
        for c in &self.by_reason {
            writeln!(
                f,
                "  {:<w$}  {:>5} {:<6}  {:>6} {}",
                c.reason,
                c.blocks,
                plural(c.blocks, "block", "blocks"),
                c.words,
                plural(c.words, "word", "words"),
            )?;
        }
        Ok(())
    }
}

/// Line counts of a diff between two texts (blank lines not counted).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LineStat {
    /// Lines of `old` not in `new`.
    pub lines_removed: usize,
    /// Words in those lines.
    pub words_removed: usize,
    /// Lines of `new` not in `old`.
    pub lines_added: usize,
    /// Words in those lines.
    pub words_added: usize,
}

impl LineStat {
    /// The counts of the line diff from `old` to `new`.
    pub fn of(old: &str, new: &str) -> LineStat {
        let mut s = LineStat::default();
        for change in line_diff(old, new).iter_all_changes() {
            let words = change.value().split_whitespace().count();
            if words == 0 {
                continue;
            }
            match change.tag() {
                ChangeTag::Delete => {
                    s.lines_removed += 1;
                    s.words_removed += words;
                }
                ChangeTag::Insert => {
                    s.lines_added += 1;
                    s.words_added += words;
                }
                ChangeTag::Equal => {}
            }
        }
        s
    }
}

impl fmt::Display for LineStat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} {} removed ({} {}), {} {} added ({} {})",
            self.lines_removed,
            plural(self.lines_removed, "line", "lines"),
            self.words_removed,
            plural(self.words_removed, "word", "words"),
            self.lines_added,
            plural(self.lines_added, "line", "lines"),
            self.words_added,
            plural(self.words_added, "word", "words"),
        )
    }
}

/// `unboil diff --stat` for two cleaned documents: each side's [`Stat`]
/// under its diff label, then the [`LineStat`] between their texts.
pub fn compare_stat(old: &Document, new: &Document, old_label: &str, new_label: &str) -> String {
    format!(
        "--- {old_label}\n{}+++ {new_label}\n{}lines: {}",
        Stat::of(old),
        Stat::of(new),
        LineStat::of(&old.text, &new.text)
    )
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<title>Ferry</title><body><nav><a href=/>Home</a> <a href=/n>News</a></nav>\
        <article><h1>Ferry</h1><p>The ferry left at noon, on time, for once, said the harbor master.</p>\
        <p>Source link</p></article>";

    fn doc() -> Document {
        crate::clean(PAGE.as_bytes(), &crate::Options::default()).unwrap()
    }

    #[test]
    fn full_text_has_every_block() {
        let d = doc();
        let all = full_text(&d);
        for b in &d.blocks {
            assert!(all.contains(&b.text), "{all}");
        }
        assert!(all.contains("Source link") && all.contains("Home News"));
    }

    #[test]
    fn explain_says_kept_or_removed_and_why() {
        let d = doc();
        let lines = explain_lines(&d);
        assert_eq!(lines.len(), d.blocks.len());
        let source = lines.iter().find(|l| l.text == "Source link").unwrap();
        assert!(!source.kept);
        assert_eq!(source.reason.as_deref(), Some("rule:source-link"));
        assert_eq!(source.pass, "blocks");
        assert_eq!(source.kind, "paragraph");
        let kept = lines.iter().find(|l| l.kept).unwrap();
        assert_eq!(kept.reason, None);
        let text = explain(&d);
        // The page type's line, then one line per block.
        assert_eq!(text.lines().next(), Some("# page type: article"));
        assert_eq!(text.lines().count(), d.blocks.len() + 1);
        let line = text.lines().find(|l| l.contains("Source link")).unwrap();
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(
            words[1..4],
            ["removed", "rule:source-link", "blocks"],
            "{text}"
        );
        assert_eq!(
            lines[0].pass, "choose",
            "the menu is outside the chosen element"
        );
    }

    #[test]
    fn explain_json_is_one_object_per_line() {
        let d = doc();
        let json = explain_json(&d);
        assert_eq!(json.lines().count(), d.blocks.len());
        for (i, line) in json.lines().enumerate() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(v["block"], i);
            assert!(v["kept"].is_boolean());
            assert!(v["reason"].is_null() || v["reason"].is_string());
            assert!(v["path"].is_string() && v["text"].is_string());
        }
    }

    #[test]
    fn excerpt_is_one_short_line() {
        let l = ExplainLine {
            block: 0,
            kept: true,
            reason: None,
            pass: "choose",
            path: "pre".into(),
            kind: "pre",
            words: 0,
            text: format!("line one\n  line two {}", "x".repeat(100)),
            page_type: None,
        };
        let e = l.excerpt();
        assert!(e.starts_with("line one line two x"), "{e}");
        assert!(e.ends_with('…'));
        assert_eq!(e.chars().count(), EXCERPT_CHARS + 1);
    }

    #[test]
    fn page_diff_shows_removed_lines_only() {
        let d = doc();
        let out = page_diff(&d, "p.html", false);
        assert!(out.starts_with("--- p.html (all text)\n+++ p.html (cleaned)\n@@ "));
        assert!(out.contains("\n-Source link\n"), "{out}");
        assert!(out.contains("\n The ferry left"), "{out}");
        assert!(!out
            .lines()
            .any(|l| l.starts_with('+') && !l.starts_with("+++")));
        assert!(!out.contains('\x1b'));
        let colored = page_diff(&d, "p.html", true);
        assert!(colored.contains("\x1b[31m-Source link\x1b[0m"), "{colored}");
    }

    #[test]
    fn equal_texts_diff_to_nothing() {
        assert_eq!(diff("a\nb\n", "a\nb\n", "x", "y", true), "");
        let out = diff("a\nb", "a\nc\n", "x", "y", false);
        assert_eq!(
            out,
            "--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n"
        );
    }

    #[test]
    fn stat_counts_by_reason() {
        let d = doc();
        let s = Stat::of(&d);
        assert_eq!(s.blocks, d.blocks.len());
        assert_eq!(s.blocks_kept + s.blocks_removed, s.blocks);
        assert_eq!(
            s.by_reason.iter().map(|c| c.blocks).sum::<usize>(),
            s.blocks_removed
        );
        assert!(s
            .by_reason
            .iter()
            .any(|c| c.reason == "rule:source-link" && c.blocks == 1 && c.words == 2));
        let text = s.to_string();
        assert!(text.starts_with("blocks: "), "{text}");
        assert!(text.contains("rule:source-link"), "{text}");

        let l = LineStat::of("a b\n\nc\n", "a b\n\nd e\n");
        assert_eq!(
            (
                l.lines_removed,
                l.words_removed,
                l.lines_added,
                l.words_added
            ),
            (1, 1, 1, 2)
        );
        assert_eq!(
            l.to_string(),
            "1 line removed (1 word), 1 line added (2 words)\n"
        );
    }
}
