//! Render: turn the kept blocks into output.
//!
//! Plain text is the only format so far: paragraphs separated by a blank
//! line, list items and table rows on their own lines (cells of one row
//! joined by `" | "`), headings as paragraphs of their own. Renderers only
//! read blocks and decisions; they never decide what to keep.

use crate::block::{Block, BlockKind};
use crate::select::Decision;

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
