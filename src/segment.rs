//! Segment: lol_html handlers that turn the HTML stream into blocks.
//!
//! lol_html gives start tags, end tags (only for explicitly closed elements)
//! and text chunks; it builds no tree and applies none of HTML's implied end
//! tags. So the [`Segmenter`] keeps its own stack of open elements, closes
//! `p`/`li`/`dt`/`dd`/`td`/`th`/`tr`/`option` the way HTML parsers do, and
//! cuts the text into [`Block`]s at block-level boundaries. While the stream
//! runs it also does the work a DOM would otherwise be needed for: each
//! block-level element that closes leaves a [`Subtree`] with its contiguous
//! block range, its parent and totals (characters, link characters, commas,
//! paragraphs, list items, inputs, hints). That is the page model: facts,
//! not scores; scoring and selection read it afterwards (`select`). The
//! handlers mostly record what they see, and the segmenter replays it after
//! each chunk lol_html parses (see `Queue`). Memory is the page text, the
//! stack and one chunk's recorded events.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use lol_html::html_content::{TextChunk, TextType};
// The `Send` flavour of lol_html's rewriter, so a `Cleaner` (which owns
// one) can move between threads; its handlers share state through
// `Arc<Mutex<..>>` instead of `Rc<RefCell<..>>`.
use lol_html::send::{Element, ElementContentHandlers, HtmlRewriter, Settings};
use lol_html::{doc_text, element, MemorySettings, OutputSink, Selector};

use crate::block::{Block, BlockKind, Context, Flags, Span, SpanKind, Subtree, Tag};
use crate::hints::{self, Attrs};
use crate::meta::{Collector, MetaAttrs};
use crate::page_type::{PageFacts, Schema, MAX_JSON_LD};

/// [`Segments::index`] of an element that left no subtree.
pub const NO_SUBTREE: u32 = u32::MAX;
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
    /// Flags this element's own tag and attributes add (not inherited).
    own_flags: Flags,
    /// The microdata item type the element declares (`itemscope itemtype`).
    item: Schema,
    /// Tag and first class word (see [`Subtree::sig`]).
    sig: u32,
    hint_sum: i32,
    /// Where its label (`div.first-class`, see [`push_label`]) lies in
    /// [`Segmenter::labels`]: start and end byte; empty for inline elements.
    label: (u32, u32),
    start: u32,
    chars: u32,
    link_chars: u32,
    commas: u32,
    paragraphs: u32,
    list_items: u32,
    inputs: u32,
    buttons: u32,
    /// Lists, quotes and table around the element (only with `structure`).
    ctx: Context,
    /// The element is a toggle ([`Attrs::toggle`]).
    own_toggle: bool,
    /// ... or one of its children is (a question box holding its button).
    toggle: bool,
    /// The last child closed so far is such a toggle: a hidden child that
    /// starts now is the panel it opens.
    after_toggle: bool,
}

/// Everything the segmenter learned about one page.
#[derive(Default, Debug)]
pub struct Segments {
    pub blocks: Vec<Block>,
    pub subtrees: Vec<Subtree>,
    /// For each element id, the index of its [`Subtree`] in `subtrees`, or
    /// [`NO_SUBTREE`] (inline elements, elements without text).
    pub index: Vec<u32>,
    pub title: Option<String>,
    /// What the page says about itself, when metadata was collected.
    pub meta: Option<Collector>,
    /// What the page says about its kind (always gathered: cheap).
    pub facts: PageFacts,
    /// The site's own names and hosts (`og:site_name`, `application-name`,
    /// `twitter:site`, canonical and `og:url` hosts) and the page's
    /// `<html lang>`, always collected: the call-to-action detector counts
    /// the names as the publisher speaking of itself, and judges only pages
    /// in the languages it knows.
    pub site: crate::cta::Site,
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
    /// ... and inside control elements, inline ones included (`<a
    /// class=btn>`, `<label>`, `<span role=button>`).
    buf_control_chars: u32,
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
    /// The open `<script type=application/ld+json>`, and its text so far.
    ld_open: Option<u32>,
    ld_buf: String,
    /// React streaming placeholders (`<template id="B:0">`) met inside
    /// `<main>`, by number: the segment `S:0` that fills one is main text.
    placeholders_in_main: HashSet<Box<str>>,
    /// The labels of the open elements, one after another (see [`Open::label`]).
    labels: String,
    /// The chunk each parser is writing now: [`OUTER`] the page's,
    /// [`INNER`] the `<noscript>` content's (see [`Window`]).
    windows: [Window; 2],
    /// What the page parser's handlers recorded since the last
    /// [`replay`](Segmenter::replay) (see [`Queue`]).
    queue: Queue,
}

/// The page parser's start tags, text chunks and end tags, recorded by its
/// handlers and replayed into the segmenter after each chunk lol_html
/// parses ([`Parser::write_str`]), in the same order. The handlers then
/// run between lol_html's tokenizer steps with little code of their own,
/// and the segmenter's code runs in a loop of its own: together the two
/// overflow the instruction cache, one after the other they mostly do
/// not. Memory: one chunk's events, attribute values and text.
#[derive(Default)]
struct Queue {
    events: Vec<Event>,
    /// The attributes of the queued start tags: index in [`ATTR_NAMES`],
    /// and where the value is (see [`At`]).
    attrs: Vec<(u8, At)>,
    /// Attribute values and text chunks that are not in the page's
    /// window (a lexeme that began in an earlier chunk), one after another.
    arena: String,
    /// Queued start tags of elements that will be pushed: the next one
    /// gets id [`Segmenter::next_id`] plus this.
    pushes: u32,
    /// The class words of the element replayed before, cleared: its
    /// capacity serves the next one.
    class_buf: String,
}

/// Where a recorded value's bytes are: `arena` true in [`Queue::arena`],
/// else in the page parser's window (which holds the chunk until the
/// replay after it: read in place, not copied).
#[derive(Clone, Copy)]
struct At {
    arena: bool,
    start: u32,
    end: u32,
}

/// One recorded handler call (see [`Queue`]).
enum Event {
    /// A start tag: its tag, [`Queue::attrs`] range, name bits
    /// (`NAME_*`) and whether it can have content.
    Start {
        tag: Tag,
        attrs: (u32, u32),
        bits: u8,
        can_have_content: bool,
    },
    /// A text chunk.
    Text {
        at: At,
        text_type: TextType,
        last: bool,
    },
    /// Element `id` closed.
    End(u32),
}

impl Queue {
    /// Where `v` is: in place when it lies in `window`'s text, else copied.
    fn at(&mut self, window: &Window, v: &str) -> At {
        // (Addresses compared as numbers: is `v` a slice of the window?)
        let base = window.text.as_ptr() as usize;
        let p = v.as_ptr() as usize;
        if p >= base && p + v.len() <= base + window.text.len() {
            let start = (p - base) as u32;
            return At {
                arena: false,
                start,
                end: start + v.len() as u32,
            };
        }
        self.copy(v)
    }

    /// Where `v` is once copied to the end of the arena.
    fn copy(&mut self, v: &str) -> At {
        let start = self.arena.len() as u32;
        self.arena.push_str(v);
        At {
            arena: true,
            start,
            end: self.arena.len() as u32,
        }
    }
}

// What a start tag's name says about it, for [`Attrs`] (see `name_bits`).
/// A form control a reader fills in: `input`, `select`, `textarea`.
const NAME_CONTROL: u8 = 1;
/// A form field's label: `label`, `legend`.
const NAME_FIELD_LABEL: u8 = 2;
/// A `button`.
const NAME_BUTTON: u8 = 4;
/// What opens or closes a panel: `button`, `summary`.
const NAME_TOGGLE: u8 = 8;
/// A `template` (whose `B:` id is a React placeholder, see `read_attr`).
const NAME_TEMPLATE: u8 = 16;

/// The bits of [`Event::Start`] for a lower-cased tag name.
fn name_bits(name: &str) -> u8 {
    match name {
        "input" | "select" | "textarea" => NAME_CONTROL,
        "label" | "legend" => NAME_FIELD_LABEL,
        "button" => NAME_BUTTON | NAME_TOGGLE,
        "summary" => NAME_TOGGLE,
        "template" => NAME_TEMPLATE,
        _ => 0,
    }
}

/// A start tag's [`Attrs`] before its attributes are read, from its name bits.
fn attrs_of(bits: u8, class_buf: String) -> Attrs {
    Attrs {
        class_id: class_buf,
        // A form control a reader fills in (not `<input type=hidden>`, see `read_attr`).
        control: bits & NAME_CONTROL != 0,
        field_label: bits & NAME_FIELD_LABEL != 0,
        button: bits & NAME_BUTTON != 0,
        toggle: bits & NAME_TOGGLE != 0,
        ..Attrs::default()
    }
}

/// Read attribute `k` of [`ATTR_NAMES`] (its index, from [`attr_index`])
/// into `attrs`: the same for a replayed start tag as for one read in the
/// handler. By index, so a name is matched once, not again here.
/// `react_id` gets an id that names a React streaming segment or
/// placeholder; `extra` (when the handler gathers metadata) the `type`.
fn read_attr(
    attrs: &mut Attrs,
    k: u8,
    v: &str,
    tag: Tag,
    bits: u8,
    react_id: &mut Option<String>,
    extra: Option<&mut MetaAttrs>,
) {
    match k {
        CLASS => {
            attrs.note_first_class(v);
            attrs.add_class_id(v);
        }
        ID => {
            attrs.react_segment = hints::is_react_segment(v);
            if attrs.react_segment || (bits & NAME_TEMPLATE != 0 && v.starts_with("B:")) {
                *react_id = Some(v.to_owned());
            }
            attrs.add_class_id(v);
        }
        ROLE => attrs.role = v.to_ascii_lowercase(),
        ARIA_LABELLEDBY => attrs.disclosure = true,
        ARIA_EXPANDED | ARIA_CONTROLS => attrs.toggle = true,
        ITEMPROP => attrs.itemprop = v.to_ascii_lowercase(),
        ITEMTYPE => attrs.itemtype = v.to_owned(),
        HIDDEN => {
            attrs.hidden = true;
            // Found by the browser's find-in-page: a collapsed section.
            attrs.disclosure |= v.eq_ignore_ascii_case("until-found");
        }
        ARIA_HIDDEN => {
            attrs.hidden |= v.eq_ignore_ascii_case("true");
        }
        STYLE => attrs.hidden |= hints::style_hides(v),
        TYPE => {
            // A hidden input is no form control a reader sees.
            attrs.control &= !(tag == Tag::Input && v.eq_ignore_ascii_case("hidden"));
            if let Some(extra) = extra {
                extra.kind.get_or_insert_with(|| v.to_owned());
            }
        }
        _ => {}
    }
}

/// The longest chunk [`Parser::write`] hands lol_html at once (and so copies
/// into the window): most pages are shorter and go in whole (a cut costs
/// lol_html a copy of the lexeme it falls in).
const WINDOW: usize = 1 << 20;

/// [`Segmenter::windows`] of the page's parser ...
const OUTER: usize = 0;
/// ... and of the parser of `<noscript>` content.
const INNER: usize = 1;

/// The chunk a parser is writing, and where it starts in the parser's
/// stream. lol_html 3 hands tag and attribute names and values out as
/// fresh `String`s only (three allocations or so per element); their
/// source locations point into the chunk, so the element handler reads
/// them here in place. A lexeme that began in an earlier chunk (lol_html
/// buffers it) is outside the window and read through lol_html as before.
#[derive(Default)]
struct Window {
    /// Stream offset of `text`'s first byte.
    start: usize,
    text: String,
}

impl Window {
    /// The next chunk of the same stream.
    fn load(&mut self, chunk: &str) {
        self.start += self.text.len();
        if self.text.capacity() < chunk.len() {
            // A fresh buffer: growing the old one would copy its stale bytes.
            self.text = chunk.to_owned();
        } else {
            self.text.clear();
            self.text.push_str(chunk);
        }
    }

    /// The next `len` bytes of the stream are no text: nothing is read here.
    fn skip(&mut self, len: usize) {
        self.start += self.text.len() + len;
        self.text.clear();
    }

    /// The window's text at stream bytes `range`, if it holds all of them
    /// (on character boundaries).
    fn get(&self, range: std::ops::Range<usize>) -> Option<&str> {
        let start = range.start.checked_sub(self.start)?;
        let end = range.end.checked_sub(self.start)?;
        self.text.get(start..end)
    }

    /// An attribute's name as written, as `Attribute::name_preserve_case`
    /// gives it (decoded by `Encoding::decode`, which drops a leading
    /// byte-order mark).
    fn attr_name<'a>(&'a self, a: &lol_html::html_content::Attribute<'_>) -> Option<&'a str> {
        let n = self.get(a.name_source_location()?.bytes())?;
        Some(n.strip_prefix('\u{feff}').unwrap_or(n))
    }

    /// An attribute's value, as `Attribute::value` gives it: the value's
    /// bytes decoded as UTF-8 by `Encoding::decode`, which drops a leading
    /// byte-order mark.
    fn attr_value<'a>(&'a self, a: &lol_html::html_content::Attribute<'_>) -> Cow<'a, str> {
        let Some(loc) = a.value_source_location() else {
            // No value (`<div hidden>`): the empty string, no allocation.
            return Cow::Owned(a.value());
        };
        match self.get(loc.bytes()) {
            Some(v) => Cow::Borrowed(v.strip_prefix('\u{feff}').unwrap_or(v)),
            None => Cow::Owned(a.value()),
        }
    }

    /// An element's tag name as written: the start tag's bytes after `<`
    /// up to the whitespace, `/` or `>` that ends the name in lol_html's
    /// tokenizer.
    fn tag_name(&self, el: &Element) -> Option<&str> {
        let tag = self.get(el.source_location().bytes())?.strip_prefix('<')?;
        let end = tag
            .bytes()
            .position(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'/' | b'>'))?;
        // (An ASCII byte ends it: `end` is a character boundary.)
        tag.get(..end)
    }
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
            own_flags: Flags::default(),
            item: Schema::Other,
            sig: 0,
            hint_sum: 0,
            label: (0, 0),
            start: 0,
            chars: 0,
            link_chars: 0,
            commas: 0,
            paragraphs: 0,
            list_items: 0,
            inputs: 0,
            buttons: 0,
            ctx: Context::default(),
            own_toggle: false,
            toggle: false,
            after_toggle: false,
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
            buf_control_chars: 0,
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
            ld_open: None,
            ld_buf: String::new(),
            placeholders_in_main: HashSet::new(),
            labels: String::new(),
            windows: Default::default(),
            queue: Queue::default(),
        }
    }

    /// Run the recorded handler calls (see [`Queue`]), in their order.
    fn replay(&mut self) {
        if self.queue.events.is_empty() {
            return;
        }
        let mut q = std::mem::take(&mut self.queue);
        // (Taken out while the calls write `self`; nothing they call reads it.)
        let window = std::mem::take(&mut self.windows[OUTER].text);
        let arena = std::mem::take(&mut q.arena);
        let value = |at: At| {
            let from = if at.arena { &arena } else { &window };
            &from[at.start as usize..at.end as usize]
        };
        for event in q.events.drain(..) {
            match event {
                Event::Start {
                    tag,
                    attrs: (from, to),
                    bits,
                    can_have_content,
                } => {
                    let mut attrs = attrs_of(bits, std::mem::take(&mut q.class_buf));
                    let mut react_id = None;
                    for &(k, at) in &q.attrs[from as usize..to as usize] {
                        read_attr(&mut attrs, k, value(at), tag, bits, &mut react_id, None);
                    }
                    if let Some(r) = &react_id {
                        self.react_id(r, &mut attrs);
                    }
                    self.start(tag, &attrs, can_have_content);
                    q.class_buf = std::mem::take(&mut attrs.class_id);
                    q.class_buf.clear();
                }
                Event::Text {
                    at,
                    text_type,
                    last,
                } => self.text(value(at), text_type, last),
                Event::End(id) => self.end(id),
            }
        }
        self.windows[OUTER].text = window;
        q.arena = arena;
        q.arena.clear();
        q.attrs.clear();
        q.pushes = 0;
        self.queue = q;
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

    /// A React streaming id: a placeholder `B:n` opened inside `<main>` is
    /// remembered, and a segment `S:n` filling one is streamed into the
    /// main (`attrs.streamed_into_main`). The shell, placeholders
    /// included, comes before the segments that fill it.
    fn react_id(&mut self, id: &str, attrs: &mut Attrs) {
        if let Some(n) = id.strip_prefix("B:") {
            if self.top().flags.has(Flags::MAIN) {
                self.placeholders_in_main.insert(n.into());
            }
        } else if let Some(n) = id.strip_prefix("S:") {
            attrs.streamed_into_main = self.placeholders_in_main.contains(n);
        }
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
        // A highlighter writes each line of a code block as its own
        // `<span class="line">` (shiki, prism's `token-line`), often with
        // no newline between them: the style sheet shows one per line.
        if !tag.is_block()
            && self.top().flags.has(Flags::PRE)
            && !self.buf.is_empty()
            && !self.buf.ends_with('\n')
            && [" line ", " code-line ", " token-line "]
                .iter()
                .any(|w| attrs.class_id.contains(w))
        {
            self.buf.push('\n');
        }
        if attrs.control {
            let bi = self.top().block_idx as usize;
            self.stack[bi].inputs += 1;
        }
        if attrs.button {
            let bi = self.top().block_idx as usize;
            self.stack[bi].buttons += 1;
        }
        if !can_have_content {
            return None;
        }
        if tag == Tag::Title && !self.top().flags.has(Flags::DROP) {
            self.in_title = true;
        }
        let item = if attrs.itemtype.is_empty() {
            Schema::Other
        } else {
            self.out.facts.item(&attrs.itemtype)
        };
        // (The stack's own borrow, not `top()`'s of all of `self`: the
        // labels are written while `parent` is read.)
        let parent = self.stack.last().expect("root is never popped");
        let mut hint = hints::classify(tag, attrs);
        // A hidden box right after a button or `<summary>` (an FAQ's
        // question, a tab's label) is the panel the reader opens with one
        // click: collapsed text, not hidden chrome.
        if parent.after_toggle {
            hint = hints::unhide_disclosure(tag, hint, true);
        }
        // A component's header inside `<main>` (`hero__header`,
        // `accordion-header`) heads a section of the main text.
        if hint.part_header && parent.flags.has(Flags::MAIN) {
            hint.flags &= !Flags::UNLIKELY;
        }
        let mut flags = Flags(parent.flags.0 | hint.flags);
        // What makes a block unlikely outside `<main>`: a component's
        // header alone (marked), or anything else (the mark goes).
        if hint.flags & Flags::UNLIKELY != 0 {
            // (A landmark or a role says chrome whatever its class.)
            let only_header = hint.part_header
                && (hint.flags & Flags::CHROME_TAG == 0 || tag == Tag::Header)
                && attrs.role.is_empty();
            if only_header && !parent.flags.has(Flags::UNLIKELY) {
                flags.0 |= Flags::PART_HEADER;
            } else if !only_header {
                flags.0 &= !Flags::PART_HEADER;
            }
        }
        // "header" means the page header only outside an article.
        // An article inside a wrapper whose class says "sidebar" or "ad" (sticky
        // sidebar plugins, "non-ad-column") is still the article.
        if hint.flags & (Flags::ARTICLE | Flags::MAIN | Flags::BODY_HINT) != 0 {
            flags.0 &= !((Flags::UNLIKELY | Flags::PROMO) & !hint.flags);
        }
        if tag == Tag::Header && flags.has(Flags::ARTICLE) {
            flags.0 &= !Flags::HEADER;
        }
        // An article's own header and footer, and a header inside `<main>`
        // (its title and intro), are not the page's chrome.
        if (tag == Tag::Header && flags.has(Flags::ARTICLE | Flags::MAIN))
            || (tag == Tag::Footer && flags.has(Flags::ARTICLE))
        {
            flags.0 &= !(Flags::CHROME_TAG & !parent.flags.0);
        }
        // A table, quote or code in a figure (`figure.wp-block-table`, a
        // pull quote) is text, not a picture's caption.
        if matches!(tag, Tag::Table | Tag::Blockquote | Tag::Pre) {
            flags.0 &= !Flags::FIGURE;
        }
        let block_parent = self.stack[parent.block_idx as usize].id;
        let idx = self.stack.len() as u32;
        let label_start = self.labels.len() as u32;
        if tag.is_block() && self.stack.len() < 4096 {
            push_label(&mut self.labels, tag, &attrs.class_id);
        }
        let label = (label_start, self.labels.len() as u32);
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
            own_flags: Flags(hint.flags),
            item,
            sig: signature(tag, attrs.first_class),
            hint_sum: parent.hint_sum + hint.weight,
            label,
            start: self.out.blocks.len() as u32,
            chars: 0,
            link_chars: 0,
            commas: 0,
            paragraphs: 0,
            list_items: 0,
            inputs: 0,
            buttons: 0,
            ctx: if self.structure {
                parent.ctx.child(tag, self.next_id)
            } else {
                Context::default()
            },
            own_toggle: attrs.toggle,
            toggle: attrs.toggle,
            after_toggle: false,
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

    /// An element that may say what kind of page this is: `<meta>` (og:type,
    /// published time, generator), `<link rel=canonical>`, a JSON-LD script.
    pub fn fact_element(&mut self, name: &str, id: Option<u32>, a: &MetaAttrs) {
        match name {
            "meta" => {
                if let (Some(key), Some(content)) = (
                    a.property.as_deref().or(a.name.as_deref()),
                    a.content.as_deref(),
                ) {
                    self.out
                        .facts
                        .meta(key, &htmlize::unescape_attribute(content));
                }
            }
            "link" => {
                let canonical = a.rel.as_deref().is_some_and(|r| {
                    r.split_ascii_whitespace()
                        .any(|w| w.eq_ignore_ascii_case("canonical"))
                });
                if canonical {
                    if let Some(href) = a.href.as_deref() {
                        let href = htmlize::unescape_attribute(href);
                        self.out.facts.canonical = Some(href.trim().into());
                    }
                }
            }
            "script" => {
                let ld = a
                    .kind
                    .as_deref()
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if ld && self.ld_open.is_none() {
                    self.ld_open = id;
                    self.ld_buf.clear();
                }
            }
            _ => {}
        }
    }

    /// A `<meta>`, `<link>` or `<html>` element: keep what names the site
    /// and the page's language ([`Segments::site`]). Entities in the
    /// values are decoded.
    pub fn site_element(&mut self, name: &str, a: &MetaAttrs) {
        if name == "html" {
            if let Some(lang) = a.lang.as_deref() {
                self.out.site.set_lang(lang);
            }
            return;
        }
        let key = a.property.as_deref().or(a.name.as_deref()).unwrap_or("");
        let value = match (a.content.as_deref(), a.href.as_deref()) {
            (Some(c), _) if !key.is_empty() => c,
            (_, Some(h))
                if a.rel
                    .as_deref()
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                self.out.site.add_url(&htmlize::unescape_attribute(h));
                return;
            }
            _ => return,
        };
        let value = htmlize::unescape_attribute(value);
        match key.to_ascii_lowercase().as_str() {
            "og:site_name" | "application-name" | "twitter:site" => self.out.site.add_name(&value),
            "og:url" => self.out.site.add_url(&value),
            _ => {}
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
        if self.ld_open.is_some() && text_type != TextType::Data {
            if self.ld_buf.len() + chunk.len() <= MAX_JSON_LD {
                self.ld_buf.push_str(chunk);
            }
            return;
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
        if flags.has(Flags::CONTROL) {
            self.buf_control_chars += added;
        }
        if let std::borrow::Cow::Owned(mut owned) = raw {
            // Keep the allocation for the next split node.
            owned.clear();
            self.raw = owned;
        }
    }

    /// End of input: close what is still open and hand over the result.
    pub fn finish(&mut self) -> Segments {
        self.replay();
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
                buttons: root.buttons,
                hint: 0,
                own_flags: root.own_flags,
                item: Schema::Other,
                sig: 0,
                flags: root.flags,
                depth: 0,
            });
        }
        let mut index = vec![NO_SUBTREE; self.next_id as usize];
        for (i, t) in self.out.subtrees.iter().enumerate() {
            index[t.id as usize] = i as u32;
        }
        self.out.index = index;
        unhide_the_page(&mut self.out);
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
            // Labels lie in stack order: the popped one is the last.
            self.labels.truncate(o.label.0 as usize);
            if let Some(parent) = self.stack.last_mut() {
                parent.after_toggle = o.toggle;
                parent.toggle |= o.own_toggle;
            }
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
            if self.ld_open == Some(o.id) {
                self.ld_open = None;
                self.out.facts.json_ld_text(&self.ld_buf);
                self.ld_buf.clear();
            }
            if !o.tag.is_block() {
                continue;
            }
            let end = self.out.blocks.len() as u32;
            if o.chars > 0 {
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
                    buttons: o.buttons,
                    hint: o.weight,
                    own_flags: o.own_flags,
                    item: o.item,
                    sig: o.sig,
                    flags: o.flags,
                    depth: self.stack.len() as u32,
                });
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
            p.buttons += o.buttons;
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
            let (run_end, is_space, chars) = if b < 0x80 {
                // ... and so are single spaces between such runs ("a b c"
                // goes in as one piece, as it would word by word: each
                // space follows a word, so it is pushed).
                let word = |c: u8| c.is_ascii() && !c.is_ascii_whitespace() && c != 0;
                let mut end = i;
                let mut spaces = 0;
                loop {
                    end = bytes[end..]
                        .iter()
                        .position(|&c| !word(c))
                        .map_or(bytes.len(), |p| end + p);
                    if bytes.get(end) == Some(&b' ') && bytes.get(end + 1).is_some_and(|&c| word(c))
                    {
                        end += 1;
                        spaces += 1;
                    } else {
                        break;
                    }
                }
                (end, false, (end - i - spaces) as u32)
            } else {
                let c = s[i..].chars().next().expect("i is on a char boundary");
                (i + c.len_utf8(), c.is_whitespace(), 1)
            };
            if is_space {
                self.pending_space = true;
            } else {
                if self.pending_space && !self.buf.is_empty() && !self.buf.ends_with('\n') {
                    self.buf.push(' ');
                }
                self.pending_space = false;
                self.buf.push_str(&s[i..run_end]);
                self.buf_chars += chars;
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
        let control_chars = std::mem::take(&mut self.buf_control_chars);
        if self.buf_chars == 0 {
            self.buf.clear();
            self.buf_link_chars = 0;
            if self.structure {
                self.buf_spans.clear();
                self.spans_open.iter_mut().for_each(|s| s.2 = 0);
            }
            return;
        }
        // A copy of just the text's length: the buffer keeps its capacity
        // for the next block, which would otherwise grow it anew.
        let text = self.buf.as_str().to_owned();
        self.buf.clear();
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
        // So does a control: a block that is all a button's or a field's
        // label is a control's. (Not so a hidden inline element: screen-
        // reader text often says what the picture next to it shows.)
        if control_chars >= chars {
            flags.0 |= Flags::CONTROL;
        }
        let hint = owner.hint_sum;
        // (Bytes: ',' is ASCII, and the other two are counted only in text
        // that is not.)
        let mut commas = text.bytes().filter(|&b| b == b',').count();
        if !text.is_ascii() {
            commas += text.matches('，').count() + text.matches('、').count();
        }
        let commas = commas as u32;
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
        self.out.blocks.push(Block {
            text,
            kind,
            chars,
            link_chars,
            depth: bi as u32,
            hint,
            flags,
            path,
            commas,
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

    /// The label of the element at stack index `i`.
    fn label_of(&self, i: usize) -> &str {
        let (start, end) = self.stack[i].label;
        self.labels.get(start as usize..end as usize).unwrap_or("")
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
        let len = parts[..n].iter().map(|&i| self.label_of(i).len() + 1).sum();
        let mut path = String::with_capacity(len);
        for (k, &i) in parts[..n].iter().rev().enumerate() {
            if k > 0 {
                path.push('>');
            }
            path.push_str(self.label_of(i));
        }
        path
    }
}

/// A hidden box that holds more than half of the page's text is the page
/// itself, hidden until a script has run (`<div class="root hide">` around
/// the app): no reader sees a blank page, so its text is not hidden, unless
/// another hidden box inside it hides it too.
fn unhide_the_page(page: &mut Segments) {
    let Some(root) = page.subtrees.last().filter(|r| r.id == 0) else {
        return;
    };
    let total = root.chars;
    let hider = |s: &Subtree| s.own_flags.has(Flags::HIDDEN);
    // The outermost such box (post-order: the last of equals).
    let Some(page_box) = (0..page.subtrees.len())
        .filter(|&i| hider(&page.subtrees[i]))
        .max_by_key(|&i| page.subtrees[i].chars)
        .filter(|&i| page.subtrees[i].chars as u64 * 2 > total as u64)
    else {
        return;
    };
    let (start, end) = (page.subtrees[page_box].start, page.subtrees[page_box].end);
    // Blocks inside another hider stay hidden: +1 where one starts, -1
    // where it ends.
    let n = page.blocks.len();
    let mut delta = vec![0i32; n + 1];
    for (i, s) in page.subtrees.iter().enumerate() {
        if i != page_box && hider(s) && s.start >= start && s.end <= end {
            delta[s.start as usize] += 1;
            delta[s.end as usize] -= 1;
        }
    }
    let mut depth = 0;
    for (i, (b, d)) in page.blocks.iter_mut().zip(&delta).enumerate() {
        depth += d;
        if (start..end).contains(&(i as u32)) && depth == 0 {
            b.flags.0 &= !Flags::HIDDEN;
        }
    }
    page.subtrees[page_box].flags.0 &= !Flags::HIDDEN;
}

/// What repeated items of a list share: the tag and the first class word
/// without its digits (`div.card`, `li.post-123` → `li.post-`), as a hash;
/// never 0.
fn signature(tag: Tag, first_class: u32) -> u32 {
    let mut h = first_class;
    for b in tag.name().bytes() {
        h = (h ^ b as u32).wrapping_mul(0x0100_0193);
    }
    h.max(1)
}

fn list_boundary(t: Tag) -> bool {
    t.is_block()
        && !matches!(
            t,
            Tag::Div | Tag::P | Tag::OtherBlock | Tag::Li | Tag::Dt | Tag::Dd
        )
}

/// Append an element's label to `labels`: its tag name, and its first
/// class word when that is short (`div.entry-content`). The labels of the
/// open elements share one string, not an allocation each.
fn push_label(labels: &mut String, tag: Tag, class_id: &str) {
    labels.push_str(tag.name());
    // `class_id` is words between single spaces (" post entry "): a first
    // word of printable ASCII is found by bytes, as `split_whitespace`
    // would find it (other words may hold white space it splits at).
    let ascii_first = || {
        let w = class_id.trim_start_matches(' ');
        let w = &w[..w.find(' ').unwrap_or(w.len())];
        (!w.is_empty() && w.bytes().all(|b| b.is_ascii_graphic())).then_some(w)
    };
    if let Some(c) = ascii_first().or_else(|| class_id.split_whitespace().next()) {
        if c.len() <= 40 {
            labels.push('.');
            labels.push_str(c);
        }
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

/// White space in `t` only as single spaces between words. Read byte by
/// byte: a byte below 0x80 is its own character, and only characters led
/// by 0xC2, 0xE1, 0xE2 or 0xE3 (U+0085, U+00A0, U+1680, U+2000-U+205F,
/// U+3000) can be white space among the others, so only those are decoded.
fn is_collapsed(t: &str) -> bool {
    let mut after_space = true;
    for (i, &b) in t.as_bytes().iter().enumerate() {
        let space = match b {
            b'\t'..=b'\r' | b' ' => true,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => t
                .get(i..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_whitespace),
            _ => false,
        };
        if space {
            if b != b' ' || after_space {
                return false;
            }
            after_space = true;
        } else {
            after_space = false;
        }
    }
    !after_space || t.is_empty()
}

/// Elements whose attributes can say what kind of page this is, whose
/// site and in what language (`<html lang>`).
fn says_what_page(name: &str) -> bool {
    matches!(name, "meta" | "link" | "script" | "html")
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

/// The shared state behind `m`. A panic while it was held (caught at the
/// page, see `pipeline::catch_page`) leaves the page failed anyway, so a
/// poisoned lock is taken as it is rather than panicking again.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The segments of a whole page given as one string (tests of the stages
/// after segmentation).
#[cfg(test)]
pub(crate) fn segments_of(html: &str) -> Segments {
    let mut p = Parser::new(usize::MAX);
    p.write_str(html).expect("the page segments");
    p.finish().expect("the page segments")
}

/// The lol_html rewriter wired to a shared segmenter.
pub struct Parser {
    rewriter: HtmlRewriter<'static, NullSink>,
    state: Arc<Mutex<Segmenter>>,
    noscript: Arc<Mutex<Noscript>>,
}

/// What a parser is built from, shared with the parser of `<noscript>`
/// content (built as the first such content arrives).
struct Config {
    memory_limit: usize,
    drop: Vec<String>,
    keep: Vec<String>,
    detail: Detail,
}

/// The inner parser of the `<noscript>` open now. lol_html hands noscript
/// content over as raw text (it parses as a browser with scripts on); a
/// page that serves its posts to crawlers there (Discourse) has them only
/// there, so the text is parsed again as markup, into the same segmenter,
/// where it stands in the page. Its blocks are flagged
/// [`Flags::NOSCRIPT`] (and hidden, as a browser with scripts shows none of
/// it), unless they are most of the page.
#[derive(Default)]
struct Noscript {
    parser: Option<HtmlRewriter<'static, NullSink>>,
    /// A `<noscript>` of the outer page is open: raw text is its content.
    open: bool,
    /// The inner parse of this noscript failed (memory limit): the rest of
    /// its content is dropped, as before there was an inner parser.
    failed: bool,
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
        // Selectors are checked here, once, so the inner parser cannot fail on them.
        for s in drop.iter().chain(keep) {
            parse_selector(s)?;
        }
        let config = Arc::new(Config {
            memory_limit,
            drop: drop.to_vec(),
            keep: keep.to_vec(),
            detail,
        });
        let state = Arc::new(Mutex::new(Segmenter::with_detail(detail)));
        let noscript = Arc::new(Mutex::new(Noscript::default()));
        let settings = settings(&state, &config, Some(&noscript));
        Ok(Parser {
            rewriter: HtmlRewriter::new(settings, NullSink),
            state,
            noscript,
        })
    }

    /// Feed UTF-8 bytes (invalid ones read as U+FFFD).
    pub fn write(&mut self, utf8: &[u8]) -> Result<(), lol_html::errors::RewritingError> {
        match simdutf8::basic::from_utf8(utf8) {
            Ok(s) => self.write_str(s),
            Err(_) => {
                // Not text: lol_html reads names and values itself. In
                // pieces, so the queue of recorded events stays short.
                for piece in utf8.chunks(WINDOW) {
                    lock(&self.state).windows[OUTER].skip(piece.len());
                    let r = self.rewriter.write(piece);
                    lock(&self.state).replay();
                    r?;
                }
                Ok(())
            }
        }
    }

    /// Feed UTF-8 text.
    pub fn write_str(&mut self, utf8: &str) -> Result<(), lol_html::errors::RewritingError> {
        // The window holds a copy of what lol_html reads, so a long chunk
        // goes in pieces of at most `WINDOW` bytes (cut between characters).
        let mut rest = utf8;
        while !rest.is_empty() {
            let mut cut = rest.len().min(WINDOW);
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            let (piece, after) = rest.split_at(cut);
            lock(&self.state).windows[OUTER].load(piece);
            let r = self.rewriter.write(piece.as_bytes());
            // The events of one piece at a time: the queue stays short.
            lock(&self.state).replay();
            r?;
            rest = after;
        }
        Ok(())
    }

    pub fn finish(self) -> Result<Segments, lol_html::errors::RewritingError> {
        let r = self.rewriter.end();
        lock(&self.state).replay();
        r?;
        // A `<noscript>` left open at the end of the page.
        let inner = lock(&self.noscript).parser.take();
        if let Some(inner) = inner {
            let _ = inner.end();
        }
        let segments = lock(&self.state).finish();
        Ok(segments)
    }
}

/// The attribute names the element handler reads (when it gathers no
/// metadata, whose names it reads all of): `class`, `id`, `role`,
/// `aria-labelledby`, `aria-expanded`, `aria-controls`, `itemprop`,
/// `itemtype`, `hidden`, `aria-hidden`, `style`, `type`. Keep in step with
/// [`attr_index`] and [`read_attr`].
const ATTR_NAMES: [&str; 12] = [
    "class",
    "id",
    "role",
    "aria-labelledby",
    "aria-expanded",
    "aria-controls",
    "itemprop",
    "itemtype",
    "hidden",
    "aria-hidden",
    "style",
    "type",
];

// The indices of [`ATTR_NAMES`] (what [`attr_index`] gives, [`read_attr`] reads).
const CLASS: u8 = 0;
const ID: u8 = 1;
const ROLE: u8 = 2;
const ARIA_LABELLEDBY: u8 = 3;
const ARIA_EXPANDED: u8 = 4;
const ARIA_CONTROLS: u8 = 5;
const ITEMPROP: u8 = 6;
const ITEMTYPE: u8 = 7;
const HIDDEN: u8 = 8;
const ARIA_HIDDEN: u8 = 9;
const STYLE: u8 = 10;
const TYPE: u8 = 11;

/// The index of a lower-cased attribute name in [`ATTR_NAMES`] (a test
/// keeps the two in step).
fn attr_index(name: &[u8]) -> Option<u8> {
    Some(match name {
        b"class" => CLASS,
        b"id" => ID,
        b"role" => ROLE,
        b"aria-labelledby" => ARIA_LABELLEDBY,
        b"aria-expanded" => ARIA_EXPANDED,
        b"aria-controls" => ARIA_CONTROLS,
        b"itemprop" => ITEMPROP,
        b"itemtype" => ITEMTYPE,
        b"hidden" => HIDDEN,
        b"aria-hidden" => ARIA_HIDDEN,
        b"style" => STYLE,
        b"type" => TYPE,
        _ => return None,
    })
}

/// Bit `n` set: some name of [`ATTR_NAMES`] is `n` bytes long. An ASCII
/// name is as many bytes long in every encoding `lol_html` reads, so an
/// attribute whose source name has another length is none of them.
const ATTR_LENGTHS: u32 = {
    let mut mask = 0u32;
    let mut i = 0;
    while i < ATTR_NAMES.len() {
        mask |= 1 << ATTR_NAMES[i].len();
        i += 1;
    }
    mask
};

/// The handlers of a parser over `state`. The outer parser gets `noscript`,
/// the slot of its inner parser; the inner one gets none (a noscript inside
/// a noscript stays raw text).
fn settings(
    state: &Arc<Mutex<Segmenter>>,
    config: &Arc<Config>,
    noscript: Option<&Arc<Mutex<Noscript>>>,
) -> Settings<'static, 'static> {
    let detail = config.detail;
    let window = if noscript.is_some() { OUTER } else { INNER };
    // The page parser records its handler calls for `Segmenter::replay`
    // (see `Queue`) when they need nothing but the element's tag and the
    // attributes of `ATTR_NAMES`: not with user selectors (they act on the
    // element just pushed), metadata, structure or images (read more of
    // the element). The `<noscript>` content's parser calls the segmenter
    // at once, after what is queued (which its outer text handler replays
    // before it writes to it).
    let record = noscript.is_some()
        && detail == Detail::default()
        && config.drop.is_empty()
        && config.keep.is_empty();
    let on_element = {
        let state = Arc::clone(state);
        let noscript = noscript.map(Arc::clone);
        // The class words of the element before, cleared: its capacity
        // serves the next element instead of an allocation per element.
        let mut class_buf = String::new();
        // The same for the tag name, lower-cased.
        let mut name = String::new();
        // The attributes metadata and page facts read: filled only when
        // they `want` them, so emptied only then, not built and dropped
        // for every element.
        let mut extra = MetaAttrs::default();
        move |el: &mut Element| {
            let mut guard = lock(&state);
            let seg = &mut *guard;
            name.clear();
            match seg.windows[window].tag_name(el) {
                Some(n) => name.push_str(n),
                None => name.push_str(&el.tag_name()),
            }
            name.make_ascii_lowercase();
            let name = name.as_str();
            let tag = Tag::from_name(name);
            let bits = name_bits(name);
            let facts = says_what_page(name);
            let want = (detail.structure && tag == Tag::A)
                || (detail.metadata && carries_meta(name))
                || facts;
            // Queued with its attributes still to read, or read and
            // called at once (after what is queued).
            let queued = record && !want;
            if !queued {
                seg.replay();
            }
            let mut attrs = if queued {
                Attrs::default()
            } else {
                attrs_of(bits, std::mem::take(&mut class_buf))
            };
            let q_from = seg.queue.attrs.len() as u32;
            let mut react_id: Option<String> = None;
            let win = &seg.windows[window];
            // An attribute name lower-cased, when it is short: the arms
            // of `read_attr` are, and metadata reads none longer.
            let mut lower = [0u8; 32];
            for a in el.attributes() {
                let len = a.name_source_location().map(|l| l.bytes().len());
                // A name of a length none of `ATTR_NAMES` has is skipped unread.
                if !want && len.is_some_and(|n| n >= 32 || ATTR_LENGTHS & 1 << n == 0) {
                    continue;
                }
                let owned;
                let attr_name: &[u8] = match win.attr_name(a) {
                    // Most names are written in lower case already.
                    Some(n) if !n.bytes().any(|b| b.is_ascii_uppercase()) => n.as_bytes(),
                    Some(n) if n.len() < lower.len() => {
                        let lower = &mut lower[..n.len()];
                        lower.copy_from_slice(n.as_bytes());
                        lower.make_ascii_lowercase();
                        lower
                    }
                    _ => {
                        owned = a.name();
                        owned.as_bytes()
                    }
                };
                let Some(k) = attr_index(attr_name) else {
                    if want {
                        // (ASCII lower-casing keeps UTF-8 valid.)
                        let other = std::str::from_utf8(attr_name).unwrap_or_default();
                        if let Some(slot) = extra.slot(other) {
                            slot.get_or_insert_with(|| win.attr_value(a).into_owned());
                        }
                    }
                    continue;
                };
                if queued {
                    let q = &mut seg.queue;
                    // The three `aria-*` names count by their presence alone.
                    let at = if !matches!(k, ARIA_LABELLEDBY | ARIA_EXPANDED | ARIA_CONTROLS) {
                        match win.attr_value(a) {
                            Cow::Borrowed(v) => q.at(win, v),
                            Cow::Owned(v) => q.copy(&v),
                        }
                    } else {
                        q.copy("")
                    };
                    q.attrs.push((k, at));
                } else {
                    let v = win.attr_value(a);
                    let extra = want.then_some(&mut extra);
                    read_attr(&mut attrs, k, &v, tag, bits, &mut react_id, extra);
                }
            }
            let id = if queued {
                let q = &mut seg.queue;
                let can_have_content = el.can_have_content();
                q.events.push(Event::Start {
                    tag,
                    attrs: (q_from, q.attrs.len() as u32),
                    bits,
                    can_have_content,
                });
                // The id `start` will give it (ids count pushed elements).
                can_have_content.then(|| {
                    q.pushes += 1;
                    seg.next_id + q.pushes - 1
                })
            } else {
                if let Some(r) = &react_id {
                    seg.react_id(r, &mut attrs);
                }
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
                    if let Some(kind) = span_kind(name, extra.href.as_deref()) {
                        seg.open_span(kind);
                    }
                }
                if facts {
                    seg.fact_element(name, id, &extra);
                    if name != "script" {
                        seg.site_element(name, &extra);
                    }
                }
                if detail.metadata
                    && ((detail.structure && tag == Tag::A)
                        || carries_meta(name)
                        || !attrs.itemprop.is_empty())
                {
                    seg.meta_element(name, id, &attrs.itemprop, &extra);
                }
                id
            };
            drop(guard);
            if want {
                extra = MetaAttrs::default();
            }
            if !queued {
                class_buf = std::mem::take(&mut attrs.class_id);
                class_buf.clear();
            }
            if let Some(id) = id {
                let state = Arc::clone(&state);
                let inner = match (&noscript, tag) {
                    (Some(n), Tag::Noscript) => {
                        let mut open = lock(n);
                        open.failed = false;
                        open.open = true;
                        Some(Arc::clone(n))
                    }
                    _ => None,
                };
                el.on_end_tag(Box::new(move |_| {
                    // The inner parser ends first: its last text and
                    // open elements belong inside the noscript.
                    let parser = inner.as_ref().and_then(|n| {
                        let mut n = lock(n);
                        n.open = false;
                        n.parser.take()
                    });
                    if let Some(parser) = parser {
                        // (It calls the segmenter at once: after what is queued.)
                        lock(&state).replay();
                        let _ = parser.end();
                    }
                    let mut seg = lock(&state);
                    if record {
                        seg.queue.events.push(Event::End(id));
                    } else {
                        seg.replay();
                        seg.end(id);
                    }
                    Ok(())
                }))?;
            }
            Ok(())
        }
    };
    let on_text = {
        let state = Arc::clone(state);
        let config = Arc::clone(config);
        let noscript = noscript.map(Arc::clone);
        move |t: &mut TextChunk| {
            if let Some(n) = &noscript {
                // Raw text (noscript content, but also every script and
                // style chunk) takes the slot's lock once; page text none.
                if t.text_type() != TextType::Data {
                    let mut n = lock(n);
                    if n.open {
                        if !n.failed {
                            let chunk = t.as_str();
                            let parser = n.parser.get_or_insert_with(|| {
                                // A new stream: its window starts at 0.
                                lock(&state).windows[INNER] = Window::default();
                                HtmlRewriter::new(settings(&state, &config, None), NullSink)
                            });
                            let mut seg = lock(&state);
                            seg.windows[INNER].load(chunk);
                            // The inner parser calls the segmenter at once: after what is queued.
                            seg.replay();
                            drop(seg);
                            if parser.write(chunk.as_bytes()).is_err() {
                                n.failed = true;
                                n.parser = None;
                            }
                        }
                        return Ok(());
                    }
                }
            }
            let mut guard = lock(&state);
            let seg = &mut *guard;
            if record {
                let chunk = t.as_str();
                // UTF-8 text is its source bytes: read in the window when
                // it holds them.
                let at = match seg.windows[OUTER].get(t.source_location().bytes()) {
                    Some(w) if w.len() == chunk.len() => {
                        debug_assert_eq!(w, chunk);
                        seg.queue.at(&seg.windows[OUTER], w)
                    }
                    _ => seg.queue.copy(chunk),
                };
                seg.queue.events.push(Event::Text {
                    at,
                    text_type: t.text_type(),
                    last: t.last_in_text_node(),
                });
            } else {
                seg.replay();
                seg.text(t.as_str(), t.text_type(), t.last_in_text_node());
            }
            Ok(())
        }
    };
    let mut settings = Settings::new_send()
        .with_strict(false)
        .with_adjust_charset_on_meta_tag(false)
        .with_memory_settings(
            // lol_html panics when its preallocated buffer (1 KiB by
            // default) exceeds the limit: never preallocate more.
            MemorySettings::new()
                .with_max_allowed_memory_usage(config.memory_limit)
                .with_preallocated_parsing_buffer_size(config.memory_limit.min(1024)),
        )
        .append_element_content_handler(element!("*", on_element));
    // Handlers run in the order they were added: `*` first, then keep, then drop.
    for (selectors, flag) in [
        (&config.keep, Flags::FORCE_KEEP),
        (&config.drop, Flags::FORCE_DROP),
    ] {
        for selector in selectors {
            let Ok(selector) = parse_selector(selector) else {
                continue; // checked in `Parser::with_detail`
            };
            let state = Arc::clone(state);
            let on_match = move |_: &mut Element| {
                lock(&state).force(flag);
                Ok(())
            };
            settings = settings.append_element_content_handler((
                Cow::Owned(selector),
                ElementContentHandlers::default().element(on_match),
            ));
        }
    }
    settings.append_document_content_handler(doc_text!(on_text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_indices_name_their_attributes() {
        for (i, name) in ATTR_NAMES.iter().enumerate() {
            assert_eq!(attr_index(name.as_bytes()), Some(i as u8), "{name}");
        }
        assert_eq!(attr_index(b"href"), None);
        assert_eq!(attr_index(b"Class"), None, "names come lower-cased");
    }

    fn seg(html: &str) -> Segments {
        segments_of(html)
    }

    fn texts(s: &Segments) -> Vec<&str> {
        s.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    /// Which blocks carry `flag`, in order.
    pub(super) fn with_flag(s: &Segments, flag: u32) -> Vec<bool> {
        s.blocks.iter().map(|b| b.flags.has(flag)).collect()
    }

    #[test]
    fn text_collapses_and_counts_characters_not_spaces() {
        // Runs of words between single spaces go in whole; every other
        // white space (doubled, tabs, U+00A0, at the ends) collapses the
        // same way, and U+0000 is dropped.
        let s = seg("<p> ab cd  e\u{a0}f\tg h\0i j <b>k</b> l\u{e9}m n</p>");
        assert_eq!(texts(&s), ["ab cd e f g hi j k lém n"]);
        assert_eq!(s.blocks[0].chars, 15);
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
    fn a_react_segment_is_streamed_into_main_when_its_placeholder_is() {
        let s = seg("<body><main><template id=\"B:0\"></template></main>\
             <aside><template id=\"B:1\"></template></aside>\
             <div hidden id=\"S:0\"><p>into main</p></div>\
             <div hidden id=\"S:1\"><p>into aside</p></div>\
             <div hidden id=\"S:2\"><p>nowhere</p></div></body>");
        assert_eq!(texts(&s), ["into main", "into aside", "nowhere"]);
        let streamed = with_flag(&s, Flags::STREAMED);
        assert_eq!(streamed, [true, false, false]);
        assert!(s.blocks.iter().all(|b| !b.flags.has(Flags::HIDDEN)));
    }

    #[test]
    fn a_components_header_is_chrome_outside_main_only() {
        let s = seg("<body><div class=hero__header><h2>Outside</h2></div>\
             <main><div class=hero__header><h2>Inside</h2></div>\
             <div class=site-header><p>Site</p></div></main></body>");
        assert_eq!(texts(&s), ["Outside", "Inside", "Site"]);
        let unlikely = with_flag(&s, Flags::UNLIKELY);
        assert_eq!(unlikely, [true, false, true]);
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
        let s = seg("<p>x<script>var a='<p>no</p>'</script><style>p{}</style><svg><text>no</text></svg>y</p><noscript>not shown</noscript>");
        assert_eq!(texts(&s), ["xy", "not shown"]);
        // Noscript text is a block of its own, hidden (see the noscript tests).
        assert!(s.blocks[1].flags.has(Flags::HIDDEN | Flags::NOSCRIPT));
    }

    /// The byte scan agrees with a scan of characters on every kind of
    /// white space `char::is_whitespace` knows, and on the non-space
    /// characters that share their lead bytes.
    #[test]
    fn is_collapsed_reads_bytes_as_characters() {
        let by_chars = |t: &str| {
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
        };
        let spaces = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace());
        let others = [
            '\u{a9}', '\u{1681}', '\u{2014}', '\u{2060}', '\u{3001}', 'é', '日',
        ];
        for c in spaces.chain(others) {
            for t in [
                format!("a{c}b"),
                format!("{c}"),
                format!("a {c}"),
                format!("{c}a"),
                format!("a{c} b"),
            ] {
                assert_eq!(is_collapsed(&t), by_chars(&t), "{t:?}");
            }
        }
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
            p.write_str(piece).unwrap();
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
    fn a_highlighters_line_spans_are_lines_of_the_code() {
        let s = seg(
            "<pre class=shiki><code><span class=line><span>npm</span><span> create app</span>\
             </span><span class=line><span>cd</span><span> app</span></span></code></pre>\
             <pre>a <span class=line-x>b</span></pre>",
        );
        assert_eq!(texts(&s), ["npm create app\ncd app", "a b"]);
        // Where the highlighter wrote the newlines itself, none is added.
        let s = seg("<pre><span class=line>x</span>\n<span class=line>y</span></pre>");
        assert_eq!(texts(&s), ["x\ny"]);
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
        p.write_str(html).unwrap();
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
        p.write_str(html).unwrap();
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
    fn noscript_content_is_parsed_as_markup_in_place() {
        // As in a browser, the first `</noscript>` ends it: an inner one
        // stays raw text of the inner parse, and what follows is the page.
        let s = seg(
            "<p>before</p><noscript><div class=post><p>One &amp; two</p>\
                     <noscript><p>inner</p></noscript></div><p>after",
        );
        assert_eq!(texts(&s), ["before", "One & two", "after"]);
        let ns = |s: &Segments, i: usize| s.blocks[i].flags.has(Flags::NOSCRIPT);
        assert!(!ns(&s, 0) && ns(&s, 1) && !ns(&s, 2));
        assert!(s.blocks[1].path.ends_with("noscript>div.post>p"));
        // Left open at the end of the page, it still ends.
        let s = seg("<p>before</p><noscript><div><p>left open");
        assert_eq!(texts(&s), ["before", "left open"]);
        assert!(ns(&s, 1));
        // Closed normally, the page goes on outside it.
        let s = seg("<noscript><img src=x.gif><p>No scripts</p></noscript><p>after</p>");
        assert_eq!(texts(&s), ["No scripts", "after"]);
        assert!(s.blocks[0].flags.has(Flags::NOSCRIPT | Flags::HIDDEN));
        assert!(!s.blocks[1].flags.has(Flags::NOSCRIPT));
    }

    #[test]
    fn a_block_that_is_all_a_controls_label_is_a_control() {
        let s = seg("<div><a class=btn href=/w>Add to wish list</a></div>\
             <div><span role=button>Price alert</span></div>\
             <p><label for=q>Quantity</label></p>\
             <div class=button>Notify me</div>\
             <div><a class=btn href=/x>Read</a> the whole review</div>\
             <div class=btn-group><p>Ships in two days</p></div>\
             <form><button>Send</button><p>Was this helpful?</p></form>");
        let control = |i: usize| s.blocks[i].flags.has(Flags::CONTROL);
        assert_eq!(texts(&s)[4], "Read the whole review");
        // All of the text inside a button-like link, a widget role, a
        // field's label or a box whose class says button.
        assert!(control(0) && control(1) && control(2) && control(3));
        // A button inside a sentence, a box of buttons, a form's text: not.
        assert!(!control(4) && !control(5) && !control(6));
        // The form's button is counted, not its (dropped) text.
        let form = s.subtrees.iter().find(|t| t.tag == Tag::Form).unwrap();
        assert_eq!((form.buttons, form.inputs), (1, 0));
    }

    #[test]
    fn noscript_text_is_hidden_unless_it_is_most_of_the_page() {
        let s = seg(
            "<main><p>The page's own text, long enough to be most of it.</p></main>\
                     <noscript><p>Enable JavaScript</p></noscript>",
        );
        assert!(s.blocks[1].flags.has(Flags::HIDDEN));
        let s = seg(
            "<div class=hero><p>Welcome</p></div><noscript><div><p>First post of \
                     the thread, served to crawlers.</p></div></noscript>",
        );
        assert!(!s.blocks[1].flags.has(Flags::HIDDEN));
        assert!(s.blocks[1].flags.has(Flags::NOSCRIPT));
    }

    #[test]
    fn attributes_are_read_by_name_whatever_their_case_and_neighbours() {
        // The handler skips names by their length before reading them: the
        // ones it reads still count in upper case and among long data
        // attributes, and a name as long as one of them ("data-hidden",
        // "aria-hidden") is read and is not it.
        let s = seg(
            "<div data-tracking-component-name=x ARIA-HIDDEN=\"true\"><p>gone</p></div>\
             <div data-hidden=\"true\" data-role=navigation><p>shown</p></div>\
             <div Hidden><p>hidden too</p></div>",
        );
        let hidden = with_flag(&s, Flags::HIDDEN);
        assert_eq!(hidden, [true, false, true]);
        assert!(ATTR_NAMES.iter().any(|n| n.len() == "data-hidden".len()));
    }

    #[test]
    fn recorded_handler_calls_replay_as_direct_ones_would() {
        // The default parser records its handler calls and replays them
        // after each chunk; a parser with a user selector (one that
        // matches nothing) calls the segmenter at once. The same page,
        // whole and cut into small pieces, segments alike either way:
        // implied ends, a React segment streamed into main, a title,
        // JSON-LD, hidden inputs, a hidden panel after its toggle, a
        // `<noscript>` with markup, entities split across chunks.
        let html = "<html lang=en><head><title>The &amp; title</title>\
             <script type=application/ld+json>{\"@type\":\"NewsArticle\"}</script>\
             <meta property=og:site_name content=Herald></head><body>\
             <main><template id=\"B:0\"></template><div class=\"post entry-content\">\
             <p>One &amp; two<p>three<ul><li>four<li>five</ul></div></main>\
             <div hidden id=\"S:0\"><p>streamed in</p></div>\
             <button aria-expanded=false>More</button><div hidden><p>the panel</p></div>\
             <noscript><div class=comments><p>Posted by a crawler reader</p></div></noscript>\
             <input type=hidden><select><option>one<option>two</select>\
             <span role=Button style=\"display:none\">x</span>\
             <table><tr><td>a<td>b</table><p>caf&eacute; tail</body></html>";
        let run = |drop: &[String], piece: usize| {
            let mut p = Parser::with_selectors(usize::MAX, drop, &[]).unwrap();
            for chunk in html.as_bytes().chunks(piece) {
                p.write(chunk).unwrap();
            }
            format!("{:?}", p.finish().unwrap())
        };
        let none = ["unboil-no-such-element".to_string()];
        let direct = run(&none, html.len());
        // (What the page says reached the segmenter: the test can fail.)
        for said in [
            "The & title",
            "streamed in",
            "Posted by a crawler reader",
            "\"herald\"",
        ] {
            assert!(direct.contains(said), "{said}");
        }
        assert!(direct.contains("json_ld: SchemaCounts([0, 1,"), "{direct}");
        for piece in [html.len(), 7, 1] {
            assert_eq!(run(&[], piece), direct, "pieces of {piece} bytes");
        }
    }

    #[test]
    fn names_and_values_read_in_place_agree_with_lol_htmls() {
        // Written whole, every tag is read from the window; written a
        // byte at a time, every tag began in an earlier chunk and is
        // read through lol_html. Both see the same names and values: upper
        // case, a byte-order mark that `Attribute::value` drops, valueless
        // and unquoted attributes, a name cut by `/`, a `<noscript>`'s
        // markup (the inner parser's own window).
        let html = "<HTML lang=en><Body><DIV CLASS=\"\u{feff}Post Entry-Content\" id=Main>\
             <P Style=\"display: none\">gone</P><p>kept text here</p></DIV>\
             <nav/ hidden><a href=/x class=btn>Link</a></nav>\
             <section role=Navigation aria-expanded><p>menu</p></section>\
             <noscript><DIV class=\"comments\"><p>Posted by a crawler reader</p></DIV></noscript>\
             <input type=HIDDEN><select><option>one</select>\
             <div \u{feff}class=\"promo-box\"><p>a name after a byte-order mark</p></div></Body></HTML>";
        let detail = Detail {
            structure: true,
            metadata: true,
            images: true,
        };
        let run = |pieces: &[&[u8]]| {
            let mut p = Parser::with_detail(usize::MAX, &[], &[], detail).unwrap();
            for piece in pieces {
                p.write(piece).unwrap();
            }
            format!("{:?}", p.finish().unwrap())
        };
        let whole = run(&[html.as_bytes()]);
        // (A byte at a time: the halves of a character are no text, skipped.)
        let bytes: Vec<&[u8]> = html.as_bytes().chunks(1).collect();
        assert_eq!(whole, run(&bytes));
        let w = Window {
            start: 10,
            text: "<p class=x>é".into(),
        };
        assert_eq!(w.get(10..12), Some("<p"));
        assert_eq!(w.get(9..12), None, "began in an earlier chunk");
        assert_eq!(w.get(20..22), None, "inside a character");
    }

    #[test]
    fn deep_nesting_is_fine() {
        let html = "<div>".repeat(100_000) + "text" + &"</div>".repeat(100_000);
        let s = seg(&html);
        assert_eq!(texts(&s), ["text"]);
    }
}
#[cfg(test)]
mod unhide_tests {
    use super::tests::with_flag;
    use super::*;

    fn seg(html: &str) -> Segments {
        segments_of(html)
    }

    #[test]
    fn a_hidden_box_with_most_of_the_page_is_not_hidden() {
        let s = seg(
            "<body><div class=\"root hide\"><main><p>The whole article is here, long.</p>\
                     <div hidden><p>A hidden dialog</p></div></main></div><p>x</p></body>",
        );
        let hidden = with_flag(&s, Flags::HIDDEN);
        assert_eq!(hidden, [false, true, false]);
    }

    fn hidden(html: &str) -> Vec<(String, bool)> {
        seg(html)
            .blocks
            .iter()
            .map(|b| (b.text.clone(), b.flags.has(Flags::HIDDEN)))
            .collect()
    }

    #[test]
    fn a_hidden_panel_right_after_its_toggle_is_collapsed_text() {
        // An FAQ: the question is a button (or a box holding one, or a
        // `<summary>`), the answer a hidden box right after it.
        let h = hidden(
            "<div class=q><h3>Rates</h3><button type=button>+</button></div>\
             <div class=\"text-sm hidden\"><p>From 40 a month.</p></div>\
             <details><summary>Refunds?</summary><div aria-hidden=true><p>Within 30 days.</p>\
             </div></details>\
             <h3 aria-expanded=false>Hours</h3><div style='display:none'><p>Nine to five.</p></div>",
        );
        for (text, hid) in &h {
            assert!(!hid, "{text} is not hidden: {h:?}");
        }
    }

    #[test]
    fn a_hidden_box_not_after_a_toggle_or_a_hidden_menu_stays_hidden() {
        let h = hidden(
            "<p>Intro</p><div hidden><p>A dialog</p></div>\
             <button aria-expanded=false>Menu</button><div class=\"menu hidden\"><p>Shop</p></div>\
             <button>+</button><div hidden><p>Opened</p></div><div hidden><p>Second</p></div>",
        );
        let hid = |t: &str| h.iter().find(|(x, _)| x == t).map(|(_, b)| *b);
        assert_eq!(hid("A dialog"), Some(true), "{h:?}");
        assert_eq!(hid("Shop"), Some(true), "a menu stays hidden: {h:?}");
        assert_eq!(hid("Opened"), Some(false), "{h:?}");
        assert_eq!(hid("Second"), Some(true), "only the box right after: {h:?}");
    }
}
