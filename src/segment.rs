//! Segment: lol_html handlers that turn the HTML stream into blocks.
//!
//! lol_html gives start tags, end tags (only for explicitly closed elements)
//! and text chunks; it builds no tree and applies none of HTML's implied end
//! tags. So the [`Segmenter`] keeps its own stack of open elements, closes
//! `p`/`li`/`dt`/`dd`/`td`/`th`/`tr`/`option` the way HTML parsers do, and
//! cuts the text into [`Block`]s at block-level boundaries. While the stream
//! runs it also does the work a DOM would otherwise be needed for: each
//! paragraph credits its ancestors on the stack (Readability's scoring), and
//! each block-level element that closes leaves a [`Subtree`] with its
//! contiguous block range and totals. Memory is the page text plus the stack.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use lol_html::html_content::{Element, TextChunk, TextType};
use lol_html::{
    doc_text, element, ElementContentHandlers, HtmlRewriter, MemorySettings, OutputSink, Selector,
    Settings,
};

use crate::block::{Block, BlockKind, Context, Flags, Span, SpanKind, Subtree, Tag};
use crate::hints::{self, Attrs};
use crate::meta::{Collector, MetaAttrs};

/// Blocks shorter than this (in characters) do not credit their ancestors.
const MIN_SCORED_CHARS: u32 = 25;
/// How far implied-end searches look down the stack; keeps pathological
/// nesting linear instead of quadratic.
const SCOPE_SEARCH_LIMIT: usize = 64;
/// Deeper than this, elements are still tracked but no longer labelled.
const MAX_LABEL_DEPTH: usize = 4;

struct Open {
    id: u32,
    tag: Tag,
    /// Index in the stack of the nearest block-level element at or below this one.
    block_idx: u32,
    /// Id of the nearest block-level ancestor.
    block_parent: u32,
    flags: Flags,
    /// Own class/id weight and the sum over ancestors.
    weight: i32,
    hint_sum: i32,
    label: Box<str>,
    start: u32,
    chars: u32,
    link_chars: u32,
    commas: u32,
    paragraphs: u32,
    list_items: u32,
    inputs: u32,
    score: f32,
    score_all: f32,
    /// Lists, quotes and table around the element (only with `structure`).
    ctx: Context,
}

/// Everything the segmenter learned about one page.
#[derive(Default, Debug)]
pub struct Segments {
    pub blocks: Vec<Block>,
    pub subtrees: Vec<Subtree>,
    /// Scores that ignore "unlikely" hints, per subtree (same order), used
    /// when the hinted choice leaves almost nothing.
    pub scores_all: Vec<f32>,
    pub title: Option<String>,
    /// What the page says about itself, when metadata was collected.
    pub meta: Option<Collector>,
}

/// What the segmenter records beyond plain text and selection features;
/// both cost time, so plain-text output leaves them off.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Detail {
    /// Inline spans and list/quote/table context on every block
    /// ([`Block::spans`], [`Block::ctx`]), for Markdown and HTML output.
    pub structure: bool,
    /// Metadata ([`Segments::meta`]): meta tags, canonical/base links, JSON-LD.
    pub metadata: bool,
    /// Images' alt text as text, marked by [`SpanKind::Image`] spans (needs `structure`).
    pub images: bool,
}

pub struct Segmenter {
    stack: Vec<Open>,
    next_id: u32,
    out: Segments,
    /// Text of the block being built, whitespace already collapsed.
    buf: String,
    buf_chars: u32,
    buf_link_chars: u32,
    /// Characters of the current block inside `--drop` / `--keep` elements.
    buf_drop_chars: u32,
    buf_keep_chars: u32,
    pending_space: bool,
    /// Raw chunks of the current text node (entities not yet decoded).
    raw: String,
    title_buf: String,
    in_title: bool,
    /// Id of the element the last [`start`](Segmenter::start) pushed, if it
    /// pushed one (void elements are not pushed).
    last_pushed: Option<u32>,
    /// How many `p`, `li`/`dt`/`dd`, table parts, `option` and `a` are open:
    /// an implied-end search runs only when its target is open at all.
    open_closable: [u32; CLOSABLE],
    /// Record spans and block context ([`Detail::structure`]).
    structure: bool,
    /// Inline elements open on the stack: element id, kind, start byte in `buf`.
    spans_open: Vec<(u32, SpanKind, u32)>,
    /// Spans of the current block that already closed.
    buf_spans: Vec<Span>,
    meta: Option<Box<Collector>>,
}

const CLOSABLE: usize = 5;

/// The implied-end target group a tag belongs to.
fn closable(tag: Tag) -> Option<usize> {
    match tag {
        Tag::P => Some(0),
        Tag::Li | Tag::Dt | Tag::Dd => Some(1),
        Tag::Td | Tag::Th | Tag::Tr | Tag::Tbody | Tag::Thead | Tag::Tfoot => Some(2),
        Tag::Option => Some(3),
        Tag::A => Some(4),
        _ => None,
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new()
    }
}

impl Segmenter {
    pub fn new() -> Self {
        let root = Open {
            id: 0,
            tag: Tag::Html,
            block_idx: 0,
            block_parent: 0,
            flags: Flags::default(),
            weight: 0,
            hint_sum: 0,
            label: "".into(),
            start: 0,
            chars: 0,
            link_chars: 0,
            commas: 0,
            paragraphs: 0,
            list_items: 0,
            inputs: 0,
            score: 0.0,
            score_all: 0.0,
            ctx: Context::default(),
        };
        Segmenter {
            stack: vec![root],
            next_id: 1,
            out: Segments::default(),
            buf: String::new(),
            buf_chars: 0,
            buf_link_chars: 0,
            buf_drop_chars: 0,
            buf_keep_chars: 0,
            pending_space: false,
            raw: String::new(),
            title_buf: String::new(),
            in_title: false,
            open_closable: [0; CLOSABLE],
            last_pushed: None,
            structure: false,
            spans_open: Vec::new(),
            buf_spans: Vec::new(),
            meta: None,
        }
    }

    /// A segmenter that also records what `detail` asks for.
    pub fn with_detail(detail: Detail) -> Self {
        let mut s = Segmenter::new();
        s.structure = detail.structure;
        if detail.metadata {
            s.meta = Some(Box::default());
        }
        s
    }

    fn top(&self) -> &Open {
        self.stack.last().expect("root is never popped")
    }

    /// A start tag. Returns the id to close it with, or `None` for void
    /// elements that never get an end tag.
    pub fn start(&mut self, tag: Tag, attrs: &Attrs, can_have_content: bool) -> Option<u32> {
        self.last_pushed = None;
        self.imply_end_tags(tag);
        if tag.is_block() || tag == Tag::Br {
            if tag == Tag::Br && !self.top().flags.has(Flags::PRE) {
                self.line_break();
            } else if tag != Tag::Br {
                self.flush();
            } else {
                self.push_text("\n");
            }
        }
        if !can_have_content {
            let bi = self.top().block_idx as usize;
            if tag == Tag::Input {
                self.stack[bi].inputs += 1;
            }
            return None;
        }
        if tag == Tag::Title && !self.top().flags.has(Flags::DROP) {
            self.in_title = true;
        }
        let parent = self.top();
        let hint = hints::classify(tag, attrs);
        let mut flags = Flags(parent.flags.0 | hint.flags);
        // "header" means the page header only outside an article.
        // An article inside a wrapper whose class says "sidebar" or "ad" (sticky
        // sidebar plugins, "non-ad-column") is still the article.
        if hint.flags & (Flags::ARTICLE | Flags::MAIN | Flags::BODY_HINT) != 0 {
            flags.0 &= !((Flags::UNLIKELY | Flags::PROMO) & !hint.flags);
        }
        if tag == Tag::Header && flags.has(Flags::ARTICLE) {
            flags.0 &= !Flags::HEADER;
        }
        let block_parent = self.stack[parent.block_idx as usize].id;
        let idx = self.stack.len() as u32;
        let label = if tag.is_block() && self.stack.len() < 4096 {
            label(tag, &attrs.class_id)
        } else {
            "".into()
        };
        let open = Open {
            id: self.next_id,
            tag,
            block_idx: if tag.is_block() {
                idx
            } else {
                parent.block_idx
            },
            block_parent,
            flags,
            weight: hint.weight,
            hint_sum: parent.hint_sum + hint.weight,
            label,
            start: self.out.blocks.len() as u32,
            chars: 0,
            link_chars: 0,
            commas: 0,
            paragraphs: 0,
            list_items: 0,
            inputs: 0,
            score: 0.0,
            score_all: 0.0,
            ctx: if self.structure {
                parent.ctx.child(tag, self.next_id)
            } else {
                Context::default()
            },
        };
        self.next_id += 1;
        if let Some(c) = closable(tag) {
            self.open_closable[c] += 1;
        }
        self.stack.push(open);
        self.last_pushed = Some(self.next_id - 1);
        Some(self.next_id - 1)
    }

    /// A user selector matched the element the last [`start`](Segmenter::start)
    /// saw: give it (and so its subtree) `flag`, [`Flags::FORCE_DROP`] or
    /// [`Flags::FORCE_KEEP`]. The opposite flag inherited from an ancestor is
    /// cleared, so the innermost matching element decides. Does nothing for
    /// elements that were not pushed (void elements).
    pub fn force(&mut self, flag: u32) {
        let Some(id) = self.last_pushed else { return };
        let top = self.stack.last_mut().expect("root is never popped");
        if top.id != id {
            return;
        }
        let other = (Flags::FORCE_DROP | Flags::FORCE_KEEP) & !flag;
        top.flags.0 = (top.flags.0 | flag) & !other;
    }

    /// An `<img>` with alt text: the alt text joins the block as an image span.
    pub fn image(&mut self, alt: &str, src: &str) {
        let alt = collapse(alt);
        if !self.structure || alt.is_empty() || self.top().flags.has(Flags::DROP) {
            return;
        }
        if !self.buf.is_empty() {
            self.pending_space = true;
        }
        // The span is what `push_text` added to the buffer, read from the
        // buffer itself: the text it adds may be shorter than `alt` (it
        // drops NUL), and it may start with the pending space (which
        // `take_spans` trims).
        let start = self.buf.len() as u32;
        self.push_text(&alt);
        let end = self.buf.len() as u32;
        self.buf_spans.push(Span {
            start,
            end,
            kind: SpanKind::Image(src.into()),
        });
        self.pending_space = true;
    }

    /// The element the last [`start`](Segmenter::start) pushed is inline
    /// markup of `kind`: its text becomes a [`Span`] of the block(s) it is in.
    pub fn open_span(&mut self, kind: SpanKind) {
        let Some(id) = self.last_pushed else { return };
        if self.top().id == id && !self.top().flags.has(Flags::DROP) {
            self.spans_open.push((id, kind, self.buf.len() as u32));
        }
    }

    /// An element that may carry metadata (see [`Collector::element`]).
    pub fn meta_element(&mut self, name: &str, id: Option<u32>, itemprop: &str, a: &MetaAttrs) {
        if let Some(m) = self.meta.as_deref_mut() {
            m.element(name, id, itemprop, a);
        }
    }

    /// An explicit end tag (or an ancestor's) closed element `id`.
    pub fn end(&mut self, id: u32) {
        // Ids grow in document order, so the stack is sorted by id.
        if let Ok(i) = self.stack.binary_search_by_key(&id, |o| o.id) {
            if i > 0 {
                self.pop_to(i);
            }
        }
    }

    /// A text chunk; entities are still raw.
    pub fn text(&mut self, chunk: &str, text_type: TextType, last: bool) {
        if let Some(m) = self.meta.as_deref_mut() {
            m.text(chunk, text_type);
        }
        let flags = self.top().flags;
        if self.in_title && self.top().tag == Tag::Title {
            if matches!(text_type, TextType::RCData | TextType::Data) && self.out.title.is_none() {
                self.title_buf.push_str(chunk);
                if last {
                    let t = collapse(&decode_entities(&self.title_buf)).into_owned();
                    if !t.is_empty() {
                        self.out.title = Some(t);
                    }
                    self.title_buf.clear();
                }
            }
            return;
        }
        if text_type != TextType::Data || flags.has(Flags::DROP) {
            return;
        }
        if !last {
            self.raw.push_str(chunk);
            return;
        }
        // Most text nodes arrive as one chunk: use it in place, and decode
        // entities only when there is an `&`.
        let raw = if self.raw.is_empty() {
            std::borrow::Cow::Borrowed(chunk)
        } else {
            self.raw.push_str(chunk);
            std::borrow::Cow::Owned(std::mem::take(&mut self.raw))
        };
        let before = self.buf_chars;
        self.push_text(&decode_entities(&raw));
        let added = self.buf_chars - before;
        if flags.has(Flags::LINK) {
            self.buf_link_chars += added;
        }
        if flags.has(Flags::FORCE_DROP) {
            self.buf_drop_chars += added;
        }
        if flags.has(Flags::FORCE_KEEP) {
            self.buf_keep_chars += added;
        }
        if let std::borrow::Cow::Owned(mut owned) = raw {
            // Keep the allocation for the next split node.
            owned.clear();
            self.raw = owned;
        }
    }

    /// End of input: close what is still open and hand over the result.
    pub fn finish(&mut self) -> Segments {
        if !self.raw.is_empty() {
            let raw = std::mem::take(&mut self.raw);
            self.text("", TextType::Data, true);
            drop(raw);
        }
        if self.stack.len() > 1 {
            self.pop_to(1);
        }
        self.flush();
        self.out.meta = self.meta.take().map(|m| *m);
        let root = &self.stack[0];
        if root.chars > 0 {
            self.out.subtrees.push(Subtree {
                id: 0,
                parent: 0,
                tag: Tag::Html,
                start: 0,
                end: self.out.blocks.len() as u32,
                chars: root.chars,
                link_chars: root.link_chars,
                commas: root.commas,
                paragraphs: root.paragraphs,
                list_items: root.list_items,
                inputs: root.inputs,
                hint: 0,
                score: root.score,
                flags: root.flags,
                depth: 0,
            });
            self.out.scores_all.push(root.score_all);
        }
        std::mem::take(&mut self.out)
    }

    /// HTML's implied end tags, for the elements where they matter to text.
    fn imply_end_tags(&mut self, tag: Tag) {
        let open = |g: usize| self.open_closable[g] > 0;
        let (p_open, list_open, table_open, option_open, a_open) =
            (open(0), open(1), open(2), open(3), open(4));
        match tag {
            Tag::Li | Tag::Dt | Tag::Dd if !list_open => {}
            Tag::Td | Tag::Th | Tag::Tr | Tag::Tbody | Tag::Thead | Tag::Tfoot if !table_open => {}
            Tag::Option if !option_open => {}
            Tag::A if !a_open => {}
            Tag::Li => self.close_nearest(|t| t == Tag::Li, list_boundary),
            Tag::Dt | Tag::Dd => {
                self.close_nearest(|t| matches!(t, Tag::Dt | Tag::Dd), list_boundary)
            }
            Tag::Td | Tag::Th => self.close_nearest(
                |t| matches!(t, Tag::Td | Tag::Th),
                |t| {
                    matches!(
                        t,
                        Tag::Tr | Tag::Table | Tag::Tbody | Tag::Thead | Tag::Tfoot
                    )
                },
            ),
            Tag::Tr => self.close_nearest(
                |t| t == Tag::Tr,
                |t| matches!(t, Tag::Table | Tag::Tbody | Tag::Thead | Tag::Tfoot),
            ),
            Tag::Tbody | Tag::Thead | Tag::Tfoot => self.close_nearest(
                |t| matches!(t, Tag::Tbody | Tag::Thead | Tag::Tfoot),
                |t| t == Tag::Table,
            ),
            Tag::Option => self.close_nearest(|t| t == Tag::Option, |t| t != Tag::Other),
            // A link never nests in a link: a new `<a>` closes an open one
            // (the adoption agency's effect), so an unclosed `<a>` cannot
            // turn the rest of the page into link text.
            Tag::A => self.close_nearest(|t| t == Tag::A, |t| t.is_block()),
            Tag::H(_) => {
                if matches!(self.top().tag, Tag::H(_)) {
                    let i = self.stack.len() - 1;
                    self.pop_to(i);
                }
            }
            _ => {}
        }
        if p_open && tag.closes_p() {
            self.close_nearest(
                |t| t == Tag::P,
                |t| {
                    matches!(
                        t,
                        Tag::Html
                            | Tag::Body
                            | Tag::Table
                            | Tag::Td
                            | Tag::Th
                            | Tag::Caption
                            | Tag::Dropped
                    )
                },
            );
        }
    }

    fn close_nearest(&mut self, target: impl Fn(Tag) -> bool, boundary: impl Fn(Tag) -> bool) {
        let n = self.stack.len();
        for i in (1..n).rev().take(SCOPE_SEARCH_LIMIT) {
            let t = self.stack[i].tag;
            if target(t) {
                self.pop_to(i);
                return;
            }
            if boundary(t) {
                return;
            }
        }
    }

    /// Pop elements until the one at stack index `i` (inclusive) is closed.
    fn pop_to(&mut self, i: usize) {
        while self.stack.len() > i {
            if self.top().tag.is_block() {
                self.flush();
            }
            let o = self.stack.pop().expect("len > i >= 1");
            if let Some(c) = closable(o.tag) {
                self.open_closable[c] -= 1;
            }
            if o.tag == Tag::Title {
                self.in_title = false;
            }
            if self.spans_open.last().is_some_and(|s| s.0 == o.id) {
                let (_, kind, start) = self.spans_open.pop().expect("checked");
                let end = self.buf.len() as u32;
                self.buf_spans.push(Span { start, end, kind });
            }
            if let Some(m) = self.meta.as_deref_mut() {
                m.closed(o.id);
            }
            if !o.tag.is_block() {
                continue;
            }
            let end = self.out.blocks.len() as u32;
            if o.chars > 0 {
                let ld = o.link_chars as f32 / o.chars as f32;
                let init = match o.tag {
                    Tag::Div | Tag::Article | Tag::Main | Tag::Section => 5.0,
                    Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
                    Tag::Ul | Tag::Ol | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form => -3.0,
                    Tag::H(_) | Tag::Th => -5.0,
                    _ => 0.0,
                };
                let finalize = |s: f32| {
                    if s > 0.0 {
                        (s + init + o.weight.clamp(-25, 25) as f32) * (1.0 - ld)
                    } else {
                        0.0
                    }
                };
                self.out.subtrees.push(Subtree {
                    id: o.id,
                    parent: o.block_parent,
                    tag: o.tag,
                    start: o.start,
                    end,
                    chars: o.chars,
                    link_chars: o.link_chars,
                    commas: o.commas,
                    paragraphs: o.paragraphs,
                    list_items: o.list_items,
                    inputs: o.inputs,
                    hint: o.weight,
                    score: finalize(o.score),
                    flags: o.flags,
                    depth: self.stack.len() as u32,
                });
                self.out.scores_all.push(finalize(o.score_all));
            }
            // Totals roll up to the nearest block-level ancestor.
            let bi = self.top().block_idx as usize;
            let p = &mut self.stack[bi];
            p.chars += o.chars;
            p.link_chars += o.link_chars;
            p.commas += o.commas;
            p.paragraphs += o.paragraphs;
            p.list_items += o.list_items;
            p.inputs += o.inputs;
        }
    }

    /// Append decoded text, collapsing white space (kept as is inside `pre`).
    ///
    /// U+0000 is dropped, as HTML tree builders do; lol_html passes it
    /// through, and it must not reach the output.
    fn push_text(&mut self, s: &str) {
        if self.top().flags.has(Flags::PRE) {
            for c in s.chars() {
                if c == '\r' || c == '\0' || (self.buf.is_empty() && c == '\n') {
                    continue;
                }
                self.buf.push(c);
                if !c.is_whitespace() {
                    self.buf_chars += 1;
                }
            }
            return;
        }
        // Runs of ASCII non-space bytes are copied whole; only other
        // characters go through `char` decoding (U+00A0 and friends are
        // white space too).
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_whitespace() || b == 0 {
                self.pending_space |= b != 0;
                i += 1;
                continue;
            }
            let (run_end, is_space) = if b < 0x80 {
                let end = bytes[i..]
                    .iter()
                    .position(|&c| !c.is_ascii() || c.is_ascii_whitespace() || c == 0)
                    .map_or(bytes.len(), |p| i + p);
                (end, false)
            } else {
                let c = s[i..].chars().next().expect("i is on a char boundary");
                (i + c.len_utf8(), c.is_whitespace())
            };
            if is_space {
                self.pending_space = true;
            } else {
                if self.pending_space && !self.buf.is_empty() && !self.buf.ends_with('\n') {
                    self.buf.push(' ');
                }
                self.pending_space = false;
                let run = &s[i..run_end];
                self.buf.push_str(run);
                self.buf_chars += if b < 0x80 { run.len() as u32 } else { 1 };
            }
            i = run_end;
        }
    }

    /// `<br>`: a line break; two in a row end the block, as a blank line would.
    fn line_break(&mut self) {
        if self.buf.ends_with('\n') {
            self.flush();
        } else if !self.buf.is_empty() {
            self.buf.push('\n');
        }
        self.pending_space = false;
    }

    /// Cut the text gathered so far into a block owned by the nearest
    /// block-level element, and credit that element's ancestors.
    fn flush(&mut self) {
        self.pending_space = false;
        let trimmed_len = self.buf.trim_end().len();
        self.buf.truncate(trimmed_len);
        let drop_chars = std::mem::take(&mut self.buf_drop_chars);
        let keep_chars = std::mem::take(&mut self.buf_keep_chars);
        if self.buf_chars == 0 {
            self.buf.clear();
            self.buf_link_chars = 0;
            if self.structure {
                self.buf_spans.clear();
                self.spans_open.iter_mut().for_each(|s| s.2 = 0);
            }
            return;
        }
        let text = std::mem::take(&mut self.buf);
        let spans = if self.structure {
            self.take_spans(&text)
        } else {
            Vec::new()
        };
        let chars = std::mem::take(&mut self.buf_chars);
        let link_chars = std::mem::take(&mut self.buf_link_chars).min(chars);
        let bi = self.top().block_idx as usize;
        let owner = &self.stack[bi];
        let kind = match owner.tag {
            Tag::P => BlockKind::Paragraph,
            Tag::H(n) => BlockKind::Heading(n),
            Tag::Li | Tag::Dt | Tag::Dd => BlockKind::ListItem,
            Tag::Td | Tag::Th => BlockKind::Cell,
            Tag::Pre => BlockKind::Pre,
            Tag::Blockquote => BlockKind::Quote,
            Tag::Caption | Tag::Figcaption => BlockKind::Caption,
            _ => BlockKind::Other,
        };
        let owner_id = owner.id;
        let row = if kind == BlockKind::Cell {
            owner.block_parent
        } else {
            0
        };
        let ctx = owner.ctx;
        let mut flags = owner.flags;
        // A user selector that matched an inline element (a span, a link)
        // decides the block when that element holds all of the block's text.
        if drop_chars >= chars {
            flags.0 = (flags.0 | Flags::FORCE_DROP) & !Flags::FORCE_KEEP;
        } else if keep_chars >= chars {
            flags.0 = (flags.0 | Flags::FORCE_KEEP) & !Flags::FORCE_DROP;
        }
        let hint = owner.hint_sum;
        let commas = text.matches([',', '，', '、']).count() as u32;
        let path = self.path(bi);
        {
            let o = &mut self.stack[bi];
            o.chars += chars;
            o.link_chars += link_chars;
            o.commas += commas;
            if kind == BlockKind::ListItem {
                o.list_items += 1;
            } else if kind == BlockKind::Paragraph || chars >= 80 {
                o.paragraphs += 1;
            }
        }
        if chars >= MIN_SCORED_CHARS && !kind.is_heading() && !flags.has(Flags::HIDDEN) {
            let content = 1.0 + commas as f32 + (chars as f32 / 100.0).min(3.0);
            let likely =
                !flags.has(Flags::UNLIKELY | Flags::PROMO | Flags::COMMENTS | Flags::FORCE_DROP);
            // The owner plays Readability's paragraph: its parent gets the full
            // score, the grandparent half, further ancestors a third per level.
            let mut level = 0;
            let mut j = bi;
            // Text loose in a container (a div with text and `<br>`s, or
            // text between its child blocks) is a paragraph of that
            // container, as Readability wraps such runs in a `p`: the
            // container gets the paragraph's full score, its parent half.
            if kind == BlockKind::Other && bi > 0 {
                let o = &mut self.stack[bi];
                if likely {
                    o.score += content;
                }
                o.score_all += content;
                level = 1;
            }
            while j > 0 && level < 5 {
                j = self.stack[j - 1].block_idx as usize;
                let div = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                let o = &mut self.stack[j];
                if likely {
                    o.score += content / div;
                }
                o.score_all += content / div;
                level += 1;
            }
        }
        self.out.blocks.push(Block {
            text,
            kind,
            chars,
            link_chars,
            depth: bi as u32,
            hint,
            flags,
            path,
            owner: owner_id,
            row,
            spans,
            ctx,
        });
    }

    /// The spans of the block whose text is `text`: those closed inside it,
    /// plus the part of still-open ones (which go on in the next block).
    /// Trimmed to non-white text, empty ones dropped, outer before inner.
    fn take_spans(&mut self, text: &str) -> Vec<Span> {
        let len = text.len() as u32;
        let mut spans = std::mem::take(&mut self.buf_spans);
        for (_, kind, start) in &mut self.spans_open {
            spans.push(Span {
                start: *start,
                end: len,
                kind: kind.clone(),
            });
            *start = 0;
        }
        spans.retain_mut(|s| {
            s.start = s.start.min(len);
            let end = s.end.clamp(s.start, len) as usize;
            let inner = &text[s.start as usize..end];
            let lead = inner.len() - inner.trim_start().len();
            s.start += lead as u32;
            s.end = s.start + inner.trim().len() as u32;
            s.start < s.end
        });
        spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
        // `<em>a</em><em>b</em>` is one emphasis. Joined, the last span
        // must still nest inside every span that holds it, and those are
        // nested in each other, so the innermost of them decides: `chain`
        // is the last span and the spans that hold it, outermost first
        // (indices into `merged`), which keeps the check O(1).
        let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
        let mut chain: Vec<usize> = Vec::new();
        for s in spans {
            let joins = chain.last().is_some_and(|&p| {
                let (p, holder) = (&merged[p], chain.len().checked_sub(2));
                p.end == s.start
                    && p.kind == s.kind
                    && holder.is_none_or(|h| merged[chain[h]].end >= s.end)
            });
            if joins {
                let p = *chain.last().expect("joins");
                merged[p].end = s.end;
                continue;
            }
            while chain.last().is_some_and(|&q| merged[q].end <= s.start) {
                chain.pop();
            }
            chain.push(merged.len());
            merged.push(s);
        }
        merged
    }

    fn path(&self, bi: usize) -> String {
        // Innermost first into a fixed array, then one allocation.
        let mut parts = [0usize; MAX_LABEL_DEPTH];
        let mut n = 0;
        let mut j = bi;
        while j > 0 && n < MAX_LABEL_DEPTH {
            parts[n] = j;
            n += 1;
            let below = self.stack[j - 1].block_idx as usize;
            if below == j {
                break;
            }
            j = below;
        }
        let len = parts[..n]
            .iter()
            .map(|&i| self.stack[i].label.len() + 1)
            .sum();
        let mut path = String::with_capacity(len);
        for (k, &i) in parts[..n].iter().rev().enumerate() {
            if k > 0 {
                path.push('>');
            }
            path.push_str(&self.stack[i].label);
        }
        path
    }
}

fn list_boundary(t: Tag) -> bool {
    t.is_block()
        && !matches!(
            t,
            Tag::Div | Tag::P | Tag::OtherBlock | Tag::Li | Tag::Dt | Tag::Dd
        )
}

fn label(tag: Tag, class_id: &str) -> Box<str> {
    match class_id.split_whitespace().next() {
        Some(c) if c.len() <= 40 => {
            let name = tag.name();
            let mut l = String::with_capacity(name.len() + 1 + c.len());
            l.push_str(name);
            l.push('.');
            l.push_str(c);
            l.into()
        }
        _ => tag.name().into(),
    }
}

/// Decode character references; text without an `&` is borrowed as is.
pub fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('&') {
        htmlize::unescape(s)
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Collapse runs of white space to one space and trim.
/// `s` with white space collapsed to single spaces and trimmed; borrowed
/// when it already is (block text mostly is: the segmenter collapses it as
/// it goes).
pub fn collapse(s: &str) -> Cow<'_, str> {
    if is_collapsed(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// White space in `t` only as single spaces between words.
fn is_collapsed(t: &str) -> bool {
    let mut after_space = true;
    for c in t.chars() {
        if c.is_whitespace() {
            if c != ' ' || after_space {
                return false;
            }
            after_space = true;
        } else {
            after_space = false;
        }
    }
    !after_space || t.is_empty()
}

/// Elements whose attributes can carry metadata.
fn carries_meta(name: &str) -> bool {
    matches!(name, "html" | "meta" | "link" | "base" | "script" | "time")
}

/// The span an inline element makes, if any (`a` only with an `href`).
fn span_kind(name: &str, href: Option<&str>) -> Option<SpanKind> {
    Some(match name {
        "em" | "i" => SpanKind::Emphasis,
        "strong" | "b" => SpanKind::Strong,
        "code" | "kbd" | "samp" | "tt" => SpanKind::Code,
        "a" => {
            let href = crate::link::clean(&htmlize::unescape_attribute(href?));
            SpanKind::Link(href.into())
        }
        _ => return None,
    })
}

struct NullSink;

impl OutputSink for NullSink {
    fn handle_chunk(&mut self, _: &[u8]) {}
}

/// Parse a user CSS selector (`--drop`, `--keep`) as lol_html will use it.
pub fn parse_selector(selector: &str) -> Result<Selector, crate::Error> {
    selector
        .parse::<Selector>()
        .map_err(|e| crate::Error::Selector {
            selector: selector.to_string(),
            message: e.to_string(),
        })
}

/// The lol_html rewriter wired to a shared segmenter.
pub struct Parser {
    rewriter: HtmlRewriter<'static, NullSink>,
    state: Rc<RefCell<Segmenter>>,
}

impl Parser {
    pub fn new(memory_limit: usize) -> Parser {
        Parser::with_selectors(memory_limit, &[], &[]).expect("no selectors, nothing to fail")
    }

    /// A parser where elements matching a `drop` selector and their subtrees
    /// get [`Flags::FORCE_DROP`], and those matching a `keep` selector get
    /// [`Flags::FORCE_KEEP`]. Each selector is one more element handler that
    /// runs after the `*` handler has pushed the element; the innermost
    /// matching element decides, and on one element `drop` beats `keep`.
    pub fn with_selectors(
        memory_limit: usize,
        drop: &[String],
        keep: &[String],
    ) -> Result<Parser, crate::Error> {
        Parser::with_detail(memory_limit, drop, keep, Detail::default())
    }

    /// [`with_selectors`](Parser::with_selectors), also recording what
    /// `detail` asks for: the `*` handler then reads a few more attributes
    /// of links and of the elements that carry metadata.
    pub fn with_detail(
        memory_limit: usize,
        drop: &[String],
        keep: &[String],
        detail: Detail,
    ) -> Result<Parser, crate::Error> {
        let state = Rc::new(RefCell::new(Segmenter::with_detail(detail)));
        let on_element = {
            let state = Rc::clone(&state);
            move |el: &mut Element| {
                let name = el.tag_name();
                let tag = Tag::from_name(&name);
                let mut attrs = Attrs::default();
                let want =
                    (detail.structure && tag == Tag::A) || (detail.metadata && carries_meta(&name));
                let mut extra = MetaAttrs::default();
                for a in el.attributes() {
                    match a.name().as_str() {
                        "class" | "id" => attrs.add_class_id(&a.value()),
                        "role" => attrs.role = a.value().to_ascii_lowercase(),
                        "itemprop" => attrs.itemprop = a.value().to_ascii_lowercase(),
                        "hidden" => attrs.hidden = true,
                        "aria-hidden" => attrs.hidden |= a.value().eq_ignore_ascii_case("true"),
                        "style" => attrs.hidden |= hints::style_hides(&a.value()),
                        other if want => {
                            if let Some(slot) = extra.slot(other) {
                                slot.get_or_insert_with(|| a.value());
                            }
                        }
                        _ => {}
                    }
                }
                let id = {
                    let mut seg = state.borrow_mut();
                    let id = seg.start(tag, &attrs, el.can_have_content());
                    if detail.images && tag == Tag::Img && name == "img" {
                        if let (Some(alt), Some(src)) =
                            (el.get_attribute("alt"), el.get_attribute("src"))
                        {
                            seg.image(
                                &htmlize::unescape_attribute(&alt),
                                &htmlize::unescape_attribute(&src),
                            );
                        }
                    }
                    if detail.structure && id.is_some() {
                        if let Some(kind) = span_kind(&name, extra.href.as_deref()) {
                            seg.open_span(kind);
                        }
                    }
                    if detail.metadata && (want || !attrs.itemprop.is_empty()) {
                        seg.meta_element(&name, id, &attrs.itemprop, &extra);
                    }
                    id
                };
                if let Some(id) = id {
                    let state = Rc::clone(&state);
                    el.on_end_tag(Box::new(move |_| {
                        state.borrow_mut().end(id);
                        Ok(())
                    }))?;
                }
                Ok(())
            }
        };
        let on_text = {
            let state = Rc::clone(&state);
            move |t: &mut TextChunk| {
                state
                    .borrow_mut()
                    .text(t.as_str(), t.text_type(), t.last_in_text_node());
                Ok(())
            }
        };
        let mut settings = Settings::new()
            .with_strict(false)
            .with_adjust_charset_on_meta_tag(false)
            .with_memory_settings(MemorySettings::new().with_max_allowed_memory_usage(memory_limit))
            .append_element_content_handler(element!("*", on_element));
        // Handlers run in the order they were added: `*` first, then keep, then drop.
        for (selectors, flag) in [(keep, Flags::FORCE_KEEP), (drop, Flags::FORCE_DROP)] {
            for selector in selectors {
                let selector = parse_selector(selector)?;
                let state = Rc::clone(&state);
                let on_match = move |_: &mut Element| {
                    state.borrow_mut().force(flag);
                    Ok(())
                };
                settings = settings.append_element_content_handler((
                    Cow::Owned(selector),
                    ElementContentHandlers::default().element(on_match),
                ));
            }
        }
        let settings = settings.append_document_content_handler(doc_text!(on_text));
        Ok(Parser {
            rewriter: HtmlRewriter::new(settings, NullSink),
            state,
        })
    }

    /// Feed UTF-8 bytes.
    pub fn write(&mut self, utf8: &[u8]) -> Result<(), lol_html::errors::RewritingError> {
        self.rewriter.write(utf8)
    }

    pub fn finish(self) -> Result<Segments, lol_html::errors::RewritingError> {
        self.rewriter.end()?;
        let segments = self.state.borrow_mut().finish();
        Ok(segments)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(html: &str) -> Segments {
        let mut p = Parser::new(usize::MAX);
        p.write(html.as_bytes()).unwrap();
        p.finish().unwrap()
    }

    fn texts(s: &Segments) -> Vec<&str> {
        s.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn implied_paragraph_and_list_ends() {
        let s = seg("<body><p>one<p>two<ul><li>a<li>b</ul><p>three");
        assert_eq!(texts(&s), ["one", "two", "a", "b", "three"]);
        let p: Vec<_> = s.subtrees.iter().filter(|t| t.tag == Tag::P).collect();
        assert_eq!(p.len(), 3, "each implicitly closed p is its own subtree");
        assert_eq!((p[0].start, p[0].end), (0, 1));
    }

    #[test]
    fn table_cells_share_a_row() {
        let s = seg("<table><tr><td>a<td>b<tr><td>c</table>");
        assert_eq!(texts(&s), ["a", "b", "c"]);
        assert_eq!(s.blocks[0].row, s.blocks[1].row);
        assert_ne!(s.blocks[1].row, s.blocks[2].row);
    }

    #[test]
    fn scripts_styles_and_svg_are_not_text() {
        let s = seg("<p>x<script>var a='<p>no</p>'</script><style>p{}</style><svg><text>no</text></svg>y</p><noscript>no</noscript>");
        assert_eq!(texts(&s), ["xy"]);
    }

    #[test]
    fn collapse_borrows_what_is_already_collapsed() {
        for done in ["Share this story", "", "x"] {
            assert!(matches!(collapse(done), Cow::Borrowed(t) if t == done));
        }
        for (raw, want) in [
            ("Share  this", "Share this"),
            ("Share\nthis", "Share this"),
            ("Share\u{a0}this", "Share this"),
            (" Share this ", "Share this"),
        ] {
            assert!(
                matches!(collapse(raw), Cow::Owned(t) if t == want),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn ruby_annotations_are_not_text() {
        let s = seg("<p><ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp>字<rt>じ</rt></ruby>です</p>");
        assert_eq!(texts(&s), ["漢字です"]);
    }

    #[test]
    fn entities_split_across_chunks_decode() {
        let mut p = Parser::new(usize::MAX);
        for piece in ["<p>AT&am", "p;T &e", "acute; &#8212; R&D</p>"] {
            p.write(piece.as_bytes()).unwrap();
        }
        let s = p.finish().unwrap();
        assert_eq!(texts(&s), ["AT&T é — R&D"]);
    }

    #[test]
    fn links_are_counted() {
        let s = seg("<p>read <a href=x>this link</a></p>");
        assert_eq!(s.blocks[0].chars, 12);
        assert_eq!(s.blocks[0].link_chars, 8);
    }

    #[test]
    fn br_breaks_lines_and_double_br_blocks() {
        let s = seg("<div>a<br>b<br><br>c</div>");
        assert_eq!(texts(&s), ["a\nb", "c"]);
    }

    #[test]
    fn title_is_captured_not_text() {
        let s = seg("<html><head><title>T &amp; U</title></head><body><p>x</p>");
        assert_eq!(s.title.as_deref(), Some("T & U"));
        assert_eq!(texts(&s), ["x"]);
    }

    fn seg_with(html: &str, drop: &[&str], keep: &[&str]) -> Segments {
        let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let mut p = Parser::with_selectors(usize::MAX, &owned(drop), &owned(keep)).unwrap();
        p.write(html.as_bytes()).unwrap();
        p.finish().unwrap()
    }

    fn forced(s: &Segments) -> Vec<(&str, &str)> {
        s.blocks
            .iter()
            .map(|b| {
                let f = match (
                    b.flags.has(Flags::FORCE_DROP),
                    b.flags.has(Flags::FORCE_KEEP),
                ) {
                    (true, false) => "drop",
                    (false, true) => "keep",
                    (false, false) => "-",
                    (true, true) => "both",
                };
                (b.text.as_str(), f)
            })
            .collect()
    }

    #[test]
    fn user_selectors_flag_subtrees_and_the_innermost_match_decides() {
        let s = seg_with(
            "<div class=box><p>a</p><div class=inner><p>b</p></div></div><p>c</p>",
            &[".box"],
            &[".inner"],
        );
        assert_eq!(forced(&s), [("a", "drop"), ("b", "keep"), ("c", "-")]);
        let s = seg_with(
            "<div class=box><p>a</p><div class=inner><p>b</p></div></div>",
            &[".inner"],
            &[".box"],
        );
        assert_eq!(forced(&s), [("a", "keep"), ("b", "drop")]);
    }

    #[test]
    fn drop_beats_keep_on_one_element() {
        let s = seg_with("<p class=x>a</p>", &["p"], &[".x"]);
        assert_eq!(forced(&s), [("a", "drop")]);
    }

    #[test]
    fn inline_matches_decide_only_blocks_they_fill() {
        let s = seg_with(
            "<div><span class=ad>Ad text</span></div><p>Story <span class=ad>with ad</span> text</p>",
            &["span.ad"],
            &[],
        );
        assert_eq!(
            forced(&s),
            [("Ad text", "drop"), ("Story with ad text", "-")]
        );
    }

    #[test]
    fn void_elements_are_not_flagged_and_do_not_leak() {
        // `img` is never pushed: its match must not flag the paragraph it sits in.
        let s = seg_with("<p>a<img class=x src=i.png>b</p><p>c</p>", &["img.x"], &[]);
        assert_eq!(forced(&s), [("ab", "-"), ("c", "-")]);
    }

    #[test]
    fn invalid_selector_is_an_error() {
        let err = Parser::with_selectors(usize::MAX, &["div[".to_string()], &[])
            .err()
            .expect("invalid");
        assert!(err.to_string().contains("div["), "{err}");
    }

    fn seg_detail(html: &str) -> Segments {
        let detail = Detail {
            structure: true,
            metadata: true,
            images: false,
        };
        let mut p = Parser::with_detail(usize::MAX, &[], &[], detail).unwrap();
        p.write(html.as_bytes()).unwrap();
        p.finish().unwrap()
    }

    fn spans(b: &Block) -> Vec<(&str, SpanKind)> {
        b.spans
            .iter()
            .map(|s| (&b.text[s.start as usize..s.end as usize], s.kind.clone()))
            .collect()
    }

    #[test]
    fn inline_markup_becomes_trimmed_nested_spans() {
        let s = seg_detail(
            "<p>A <em> very </em><b>bold <i>and</i> <code>x()</code></b> \
             <a href=\"/a?b=1&amp;c=2\">link</a> <a>no href</a> <span>plain</span>.</p>",
        );
        assert_eq!(s.blocks[0].text, "A very bold and x() link no href plain.");
        assert_eq!(
            spans(&s.blocks[0]),
            [
                ("very", SpanKind::Emphasis),
                ("bold and x()", SpanKind::Strong),
                ("and", SpanKind::Emphasis),
                ("x()", SpanKind::Code),
                ("link", SpanKind::Link("/a?b=1&c=2".into())),
            ]
        );
    }

    #[test]
    fn spans_across_blocks_are_cut_and_adjacent_ones_join() {
        let s = seg_detail("<a href=x><h2>Title</h2><p>Teaser</p></a><p><b>a</b><b>b</b></p>");
        assert_eq!(texts(&s), ["Title", "Teaser", "ab"]);
        assert_eq!(spans(&s.blocks[0]), [("Title", SpanKind::Link("x".into()))]);
        assert_eq!(
            spans(&s.blocks[1]),
            [("Teaser", SpanKind::Link("x".into()))]
        );
        assert_eq!(spans(&s.blocks[2]), [("ab", SpanKind::Strong)]);
    }

    #[test]
    fn blocks_know_their_lists_quotes_and_tables() {
        let s = seg_detail(
            "<ol><li>one<ul><li>inner</ul><li><p>two</ol>\
             <blockquote><p>q</blockquote>\
             <table><tr><th>h<td>c</table>",
        );
        assert_eq!(texts(&s), ["one", "inner", "two", "q", "h", "c"]);
        let c: Vec<Context> = s.blocks.iter().map(|b| b.ctx).collect();
        assert_eq!((c[0].list_depth, c[0].ordered), (1, true));
        assert_eq!((c[1].list_depth, c[1].ordered), (2, false));
        assert_ne!(c[1].item, c[0].item);
        assert_eq!((c[2].list, c[2].list_depth), (c[0].list, 1));
        assert_ne!(c[2].item, c[0].item);
        assert_eq!(c[3].quote_depth, 1);
        assert_eq!(c[3].list_depth, 0);
        assert_eq!((c[4].header, c[5].header), (true, false));
        assert_eq!(c[4].row, c[5].row);
        assert_ne!(c[4].cell, c[5].cell);
        assert_ne!(c[4].table, 0);
    }

    #[test]
    fn structure_and_metadata_are_off_by_default() {
        let s = seg("<html lang=en><meta name=author content=X><ul><li><em>a</em></ul>");
        assert!(s.blocks[0].spans.is_empty());
        assert_eq!(s.blocks[0].ctx, Context::default());
        assert!(s.meta.is_none());
    }

    #[test]
    fn metadata_is_read_from_head_and_json_ld() {
        let s = seg_detail(
            "<html lang=de><head><title>T</title>\
             <meta name=description content='D &amp; d'>\
             <link rel=canonical href='https://e.com/x'>\
             <script type='application/ld+json'>{\"@type\":\"NewsArticle\",\
             \"author\":[{\"name\":\"A\"},{\"name\":\"B\"}],\"datePublished\":\"2020-02-29\"}</script>\
             <script>var x = {\"@type\":\"Article\",\"author\":\"no\"}</script>\
             </head><body><p>Body</p>",
        );
        assert_eq!(texts(&s), ["Body"]);
        let texts = s.blocks.iter().map(|b| b.text.as_str());
        let m = s.meta.unwrap().finish(s.title.as_deref(), texts, None);
        assert_eq!(m.lang.as_deref(), Some("de"));
        assert_eq!(m.description.as_deref(), Some("D & d"));
        assert_eq!(m.url.as_deref(), Some("https://e.com/x"));
        assert_eq!(m.author.as_deref(), Some("A, B"));
        assert_eq!(m.date.as_deref(), Some("2020-02-29"));
        assert_eq!(m.title.as_deref(), Some("T"));
    }

    #[test]
    fn loose_text_scores_its_own_container() {
        let text = "Loose text, written straight into the box, long enough to count. ".repeat(3);
        let s = seg(&format!(
            "<body><div class=outer><div class=inner><h2>Title</h2>{text}</div></div></body>"
        ));
        let mut divs: Vec<_> = s.subtrees.iter().filter(|t| t.tag == Tag::Div).collect();
        divs.sort_by_key(|t| std::cmp::Reverse(t.depth));
        let (inner, outer) = (divs[0].score, divs[1].score);
        assert!(inner > 0.0, "the owner of the text is credited");
        assert!(inner > outer, "its parent gets less");
    }

    #[test]
    fn deep_nesting_is_fine() {
        let html = "<div>".repeat(100_000) + "text" + &"</div>".repeat(100_000);
        let s = seg(&html);
        assert_eq!(texts(&s), ["text"]);
    }
}
