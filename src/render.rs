//! Render: turn the kept blocks into output.
//!
//! Plain text ([`text`]): paragraphs separated by a blank line, list items
//! and table rows on their own lines (cells of one row joined by `" | "`),
//! headings as paragraphs of their own. [`markdown`] and [`html`] rebuild
//! headings, lists, quotes, code blocks, data tables, emphasis and (with
//! [`Style::links`]) links from the blocks' spans and context, which the
//! segmenter records when [`Options::structure`](crate::Options::structure)
//! is on; [`json`] puts the text (or Markdown, or HTML) and the page's
//! metadata in one object. Renderers only read blocks and decisions; they
//! never decide what to keep.
//!
//! Inline markup nested more than [`MAX_INLINE_DEPTH`] levels deep is
//! rendered as the plain text of its level: the renderers walk spans
//! recursively, one level a call, and a page may nest `<b>` a hundred
//! thousand deep. No page needs more than a few levels to read right.

mod html;
mod json;
mod markdown;

pub use html::html;
pub use json::{json, Body};
pub use markdown::markdown;

use std::borrow::Cow;

use crate::block::{Block, BlockKind, Span};
use crate::select::Decision;
use crate::Document;

/// Choices shared by the Markdown, HTML and JSON renderers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    /// Keep links, made absolute against the page URL (see
    /// [`Meta::base`](crate::meta::Meta::base)); links to unsafe schemes
    /// (`javascript:`, `data:`, …) are dropped, their text kept.
    pub links: bool,
}

/// The kept blocks of a document, in order.
fn kept(doc: &Document) -> Vec<&Block> {
    doc.blocks
        .iter()
        .zip(&doc.decisions)
        .filter(|(_, d)| d.kept())
        .map(|(b, _)| b)
        .collect()
}

/// When a data table starts at `kept[i]`, the end of its run of blocks: the
/// blocks of one table, all text straight in cells (or the caption). A
/// table whose cells hold paragraphs, headings or lists is layout, and its
/// blocks render as they would outside it.
fn data_table(kept: &[&Block], i: usize) -> Option<usize> {
    let t = kept[i].ctx.table;
    if t == 0 {
        return None;
    }
    let end = i + kept[i..].iter().take_while(|b| b.ctx.table == t).count();
    let run = &kept[i..end];
    let cells = |b: &&&Block| b.kind == BlockKind::Cell && b.ctx.cell != 0;
    let ok = run
        .iter()
        .all(|b| cells(&b) || (b.kind == BlockKind::Caption && b.ctx.cell == 0))
        && run.iter().any(|b| cells(&b));
    ok.then_some(end)
}

/// The blocks of one table cell.
type Cell<'b> = Vec<&'b Block>;

/// The rows of a data table, each a list of cells; and the caption blocks.
fn table_rows<'b>(run: &[&'b Block]) -> (Vec<Vec<Cell<'b>>>, Vec<&'b Block>) {
    let mut rows: Vec<(u32, Vec<(u32, Cell<'b>)>)> = Vec::new();
    let mut captions = Vec::new();
    for b in run {
        if b.kind == BlockKind::Caption {
            captions.push(*b);
            continue;
        }
        if rows.last().is_none_or(|r| r.0 != b.ctx.row) {
            rows.push((b.ctx.row, Vec::new()));
        }
        let cells = &mut rows.last_mut().expect("pushed").1;
        match cells.last_mut() {
            Some(c) if c.0 == b.ctx.cell => c.1.push(b),
            _ => cells.push((b.ctx.cell, vec![b])),
        }
    }
    let rows = rows
        .into_iter()
        .map(|(_, cells)| cells.into_iter().map(|(_, c)| c).collect())
        .collect();
    (rows, captions)
}

/// Levels of inline markup (emphasis, strong, code, links, images) the
/// Markdown and HTML renderers keep; deeper spans render as plain text.
pub const MAX_INLINE_DEPTH: usize = 32;

/// `spans` (sorted, nested, as [`Block::spans`]) without the spans nested
/// inside [`MAX_INLINE_DEPTH`] others; borrowed when none is that deep.
fn shallow(spans: &[Span]) -> Cow<'_, [Span]> {
    // The ends of the spans that hold the current one, outermost first.
    let mut holders: Vec<u32> = Vec::new();
    let mut kept: Option<Vec<Span>> = None;
    for (i, s) in spans.iter().enumerate() {
        while holders.last().is_some_and(|&end| end <= s.start) {
            holders.pop();
        }
        let deep = holders.len() >= MAX_INLINE_DEPTH;
        holders.push(s.end);
        match (&mut kept, deep) {
            (Some(k), false) => k.push(s.clone()),
            (None, true) => kept = Some(spans[..i].to_vec()),
            _ => {}
        }
    }
    match kept {
        Some(k) => Cow::Owned(k),
        None => Cow::Borrowed(spans),
    }
}

/// The lines of `s`, split (as `split('\n')` does) at every line ending a
/// reader of the output sees: HTML and CommonMark both read CR and CRLF
/// as LF, and plain-text input keeps a lone CR inside a line.
fn lines(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.find(['\r', '\n']) {
            Some(i) => {
                let ending = if r[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&r[i + ending..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// The spans nested directly in `spans[0]`: the index after its last descendant.
fn descendants_end(spans: &[Span]) -> usize {
    let end = spans[0].end;
    1 + spans[1..].iter().take_while(|s| s.start < end).count()
}

/// Plain text of the kept blocks. In `lines` mode (plain-text input) blocks
/// are lines, and lines of one paragraph (same owner) stay on adjacent lines.
pub fn text(blocks: &[Block], decisions: &[Decision], lines: bool) -> String {
    let mut out = String::new();
    let mut prev: Option<&Block> = None;
    for (b, d) in blocks.iter().zip(decisions) {
        if !d.kept() {
            continue;
        }
        if let Some(p) = prev {
            out.push_str(separator(p, b, lines));
        }
        out.push_str(&b.text);
        prev = Some(b);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

fn separator(a: &Block, b: &Block, lines: bool) -> &'static str {
    if lines {
        return if a.owner == b.owner { "\n" } else { "\n\n" };
    }
    match (a.kind, b.kind) {
        (BlockKind::Cell, BlockKind::Cell) if a.row == b.row => " | ",
        (BlockKind::Cell, BlockKind::Cell) => "\n",
        (BlockKind::ListItem, BlockKind::ListItem) => "\n",
        _ => "\n\n",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lines_end_at_lf_cr_and_crlf() {
        let got: Vec<&str> = super::lines("a\nb\rc\r\nd\n\re\r").collect();
        assert_eq!(got, ["a", "b", "c", "d", "", "e", ""]);
        assert_eq!(super::lines("").collect::<Vec<_>>(), [""]);
    }
}
