//! Blocks: the unit every later stage works on.
//!
//! The segmenter cuts the page text at block-level boundaries (paragraphs,
//! headings, list items, table rows, divs with direct text, …). Each block
//! keeps its text and the few features selection needs, computed once from
//! the element stack at the moment the block was cut, so no later stage ever
//! needs the tree. Closed elements leave a [`Subtree`] record: the contiguous
//! range of blocks they contain plus totals, which is how selection reasons
//! about "this element" without a DOM.

/// What kind of element a block came from; drives rendering and scoring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// `p`.
    Paragraph,
    /// `h1`..`h6`, with the level.
    Heading(u8),
    /// `li`, `dt`, `dd`.
    ListItem,
    /// A table cell; cells of one row share [`Block::row`].
    Cell,
    /// Preformatted text: line breaks inside the text are kept.
    Pre,
    /// Text directly inside a `blockquote` (a `p` in one is a `Paragraph`).
    Quote,
    /// `caption`, `figcaption`.
    Caption,
    /// Text directly inside a div, section, td or any other block container.
    Other,
}

impl BlockKind {
    /// Whether this is a heading (`h1`..`h6`).
    pub fn is_heading(self) -> bool {
        matches!(self, BlockKind::Heading(_))
    }
}

/// Context flags inherited from the ancestors of a block.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags(pub u32);

impl Flags {
    /// Inside `<article>`, `role=article` or `itemprop=articleBody`.
    pub const ARTICLE: u32 = 1;
    /// Inside `<main>` or `role=main`.
    pub const MAIN: u32 = 1 << 1;
    /// Inside an element whose class/id/role/tag says navigation, sidebar,
    /// footer, comments, … ("unlikely to be content", as Readability puts it).
    pub const UNLIKELY: u32 = 1 << 2;
    /// Inside a comment section.
    pub const COMMENTS: u32 = 1 << 3;
    /// Inside an element marked hidden for screen readers or sighted users.
    pub const HIDDEN: u32 = 1 << 4;
    /// Inside a link.
    pub const LINK: u32 = 1 << 5;
    /// Inside a list (`ul`, `ol`, `dl`, `menu`).
    pub const LIST: u32 = 1 << 6;
    /// Inside a table.
    pub const TABLE: u32 = 1 << 7;
    /// Inside a subtree that never holds page text (script, svg, …): dropped.
    pub const DROP: u32 = 1 << 8;
    /// Inside `<pre>`: whitespace is kept.
    pub const PRE: u32 = 1 << 9;
    /// Inside an element whose class/id says promotion: share, newsletter, ad, cookie banner.
    pub const PROMO: u32 = 1 << 10;
    /// Inside `<header>` or `<footer>` of the page or article.
    pub const HEADER: u32 = 1 << 11;
    /// Inside an element whose class/id says "article body" (strong positive hint).
    pub const BODY_HINT: u32 = 1 << 12;
    /// Inside `<figure>` or an element whose class says caption or photo credit.
    pub const FIGURE: u32 = 1 << 13;
    /// Inside an element whose class says byline, date or post metadata.
    pub const META: u32 = 1 << 14;
    /// Inside an element whose class says lead, deck, intro, standfirst or
    /// excerpt: the article's opening, often outside its body box.
    pub const LEAD: u32 = 1 << 17;
    /// Inside a page landmark that is never the text: `<nav>`, `<aside>`,
    /// the page's `<header>` and `<footer>` (not an article's or main's
    /// header), roles navigation, banner, contentinfo, complementary, search.
    pub const CHROME_TAG: u32 = 1 << 18;
    /// Inside `<noscript>`: what a browser without scripts shows instead.
    pub const NOSCRIPT: u32 = 1 << 19;
    /// Inside an interface control: a `<label>` or `<legend>` of a form, an
    /// element with a widget role (button, tab, checkbox, …) or a class
    /// that says button (`btn`, `button`). Its text names an action or a
    /// field, it does not tell the reader anything.
    pub const CONTROL: u32 = 1 << 20;
    /// Inside a React streamed segment (`<div hidden id="S:0">`) whose
    /// placeholder is inside `<main>`: content sent after the page's
    /// shell, which a script moves into the main it stands outside of.
    pub const STREAMED: u32 = 1 << 21;
    /// Inside an element whose class says signature (`signature`,
    /// `post-signature`, phpBB's `sig123`): a forum poster's footer, the
    /// same under each of their posts. Only a thread's profile acts on it
    /// (elsewhere a "signature" box is as often a dish or a product line).
    pub const SIGNATURE: u32 = 1 << 22;
    /// Inside a component's header (`copy__header`, `accordion-header`,
    /// `section-header`: see `hints::page_header`) outside `<main>`, and
    /// nothing else on the way down says chrome: its `UNLIKELY` comes
    /// from that header alone. Inside `<main>` such a header is never
    /// unlikely; outside it only the service profile keeps it
    /// (`Params::component_headers_kept`).
    pub const PART_HEADER: u32 = 1 << 23;
    /// Inside an element matched by a user `--drop` selector: always removed.
    pub const FORCE_DROP: u32 = 1 << 15;
    /// Inside an element matched by a user `--keep` selector: always kept.
    pub const FORCE_KEEP: u32 = 1 << 16;

    /// Whether flag `f` (one of the constants above) is set.
    pub fn has(self, f: u32) -> bool {
        self.0 & f != 0
    }
}

/// One block of page text.
#[derive(Clone, Debug)]
pub struct Block {
    /// Decoded text, whitespace collapsed (except inside `pre`), never empty.
    pub text: String,
    /// What kind of element the text came from.
    pub kind: BlockKind,
    /// Characters (not bytes) of text, and of text inside links.
    pub chars: u32,
    /// Characters of `text` inside links.
    pub link_chars: u32,
    /// Number of elements open when the block was cut.
    pub depth: u32,
    /// Sum of the class/id/tag hints of the ancestors (positive = content-like).
    pub hint: i32,
    /// Context inherited from the ancestors (inside `article`, `nav`, a
    /// forced drop or keep, ...).
    pub flags: Flags,
    /// Tag path of the innermost few ancestors, e.g. `article>div.entry-content>p`.
    pub path: String,
    /// Commas (`,`, `，`, `、`) in the text: a sign of prose.
    pub commas: u32,
    /// Id of the block-level element that owns the text.
    pub owner: u32,
    /// For table cells: the id of their row, so renderers can join them; else 0.
    pub row: u32,
    /// Inline markup inside `text`, in order of `start` (outer spans before
    /// the spans they contain). Recorded only when
    /// [`Options::structure`](crate::Options::structure) is on; empty otherwise.
    pub spans: Vec<Span>,
    /// Where the block sits in lists, quotes and tables. Recorded only when
    /// [`Options::structure`](crate::Options::structure) is on; default otherwise.
    pub ctx: Context,
}

/// A run of inline markup inside a block's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// Byte range in [`Block::text`]: never empty, on character boundaries,
    /// without white space at either end. Spans nest: a span that starts
    /// inside another ends inside it too.
    pub start: u32,
    /// End of the byte range (exclusive).
    pub end: u32,
    /// What the span marks.
    pub kind: SpanKind,
}

/// What a [`Span`] marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpanKind {
    /// `em`, `i`.
    Emphasis,
    /// `strong`, `b`.
    Strong,
    /// `code`, `kbd`, `samp`, `tt` (outside `pre`; a `pre` block is code as a whole).
    Code,
    /// `a` with an `href`, as written in the page (renderers resolve and vet it).
    Link(Box<str>),
    /// `img` (with `Options::images`): the span's text is the alt text, the
    /// payload the `src` as written in the page.
    Image(Box<str>),
}

/// The lists, quotes and table around a block, for renderers that rebuild
/// structure (Markdown, HTML). Ids are element ids ([`Block::owner`]'s kind);
/// 0 means "none".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// Enclosing `ul`/`ol`/`dl` elements.
    pub list_depth: u8,
    /// The innermost of them, and whether it is an `ol`.
    pub list: u32,
    /// Whether that innermost list is an `ol`.
    pub ordered: bool,
    /// The `li`/`dt`/`dd` of the innermost list that holds the block.
    pub item: u32,
    /// Enclosing `blockquote` elements.
    pub quote_depth: u8,
    /// The innermost enclosing table, its row and cell; `header` for a `th`.
    pub table: u32,
    /// The `tr` of the innermost table that holds the block.
    pub row: u32,
    /// The `td`/`th` that holds the block.
    pub cell: u32,
    /// Whether that cell is a `th`.
    pub header: bool,
}

impl Context {
    /// The context of a child element `tag` with id `id` inside this one.
    #[doc(hidden)]
    pub fn child(mut self, tag: Tag, id: u32) -> Context {
        match tag {
            Tag::Ul | Tag::Ol | Tag::Dl => {
                self.list_depth = self.list_depth.saturating_add(1);
                self.list = id;
                self.ordered = tag == Tag::Ol;
                self.item = 0;
            }
            Tag::Li | Tag::Dt | Tag::Dd => self.item = id,
            Tag::Blockquote => self.quote_depth = self.quote_depth.saturating_add(1),
            Tag::Table => {
                self.table = id;
                self.row = 0;
                self.cell = 0;
                self.header = false;
            }
            Tag::Tr => self.row = id,
            Tag::Td | Tag::Th => {
                self.cell = id;
                self.header = tag == Tag::Th;
            }
            _ => {}
        }
        self
    }
}

impl Block {
    /// Share of the characters that are link text (0 for an empty block).
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// A closed element: its block range and totals over its subtree.
#[doc(hidden)]
#[derive(Clone, Debug)]
pub struct Subtree {
    /// Unique id of the element (document order of its start tag).
    pub id: u32,
    /// Id of the parent element (0 for top level).
    pub parent: u32,
    pub tag: Tag,
    /// Blocks `start..end` are exactly the text of this element.
    pub start: u32,
    pub end: u32,
    pub chars: u32,
    pub link_chars: u32,
    pub commas: u32,
    /// Paragraph-like blocks (long enough to be prose) inside.
    pub paragraphs: u32,
    pub list_items: u32,
    pub inputs: u32,
    /// `<button>`s inside: what a reader clicks, not fills in.
    pub buttons: u32,
    /// Own class/id weight (see `hints`).
    pub hint: i32,
    /// Flags the element's own tag and attributes add; `flags` has these
    /// and the inherited ones.
    pub own_flags: Flags,
    /// The microdata item type the element declares, if any.
    pub item: crate::page_type::Schema,
    /// What repeated items share: a hash of the tag and the first class
    /// word without its digits (`li.post-123` and `li.post-124` agree); 0
    /// for the root.
    pub sig: u32,
    pub flags: Flags,
    pub depth: u32,
}

impl Subtree {
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// The tags the segmenter tells apart. Everything else is `Other`.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tag {
    Html,
    Body,
    Head,
    Title,
    P,
    Div,
    Section,
    Article,
    Main,
    Nav,
    Aside,
    Header,
    Footer,
    H(u8),
    Ul,
    Ol,
    Dl,
    Li,
    Dt,
    Dd,
    Table,
    Tbody,
    Thead,
    Tfoot,
    Tr,
    Td,
    Th,
    Caption,
    Pre,
    Blockquote,
    Figure,
    Figcaption,
    Form,
    A,
    Br,
    Hr,
    Img,
    Input,
    Option,
    /// Other block-level containers: address, center, details, fieldset, …
    OtherBlock,
    /// `<noscript>`: its content is parsed again as markup (see `segment`).
    Noscript,
    /// Subtrees dropped whole: script, style, svg, iframe, select,
    /// ruby annotations (`rt`, `rp`: readings printed above the text, not
    /// the text), …
    Dropped,
    /// Inline and unknown elements.
    Other,
}

impl Tag {
    pub fn from_name(name: &str) -> Tag {
        // Names arrive lower-cased from lol_html's `tag_name()`.
        match name {
            "p" => Tag::P,
            "div" => Tag::Div,
            "a" => Tag::A,
            "span" | "b" | "i" | "em" | "strong" | "u" | "small" | "font" | "abbr" | "cite"
            | "code" | "sup" | "sub" | "time" | "mark" | "q" | "s" | "label" => Tag::Other,
            "li" => Tag::Li,
            "ul" => Tag::Ul,
            "ol" => Tag::Ol,
            "td" => Tag::Td,
            "tr" => Tag::Tr,
            "th" => Tag::Th,
            "br" => Tag::Br,
            "img" | "picture" => Tag::Img,
            "section" => Tag::Section,
            "article" => Tag::Article,
            "main" => Tag::Main,
            "nav" => Tag::Nav,
            "aside" => Tag::Aside,
            "header" => Tag::Header,
            "footer" => Tag::Footer,
            "h1" => Tag::H(1),
            "h2" => Tag::H(2),
            "h3" => Tag::H(3),
            "h4" => Tag::H(4),
            "h5" => Tag::H(5),
            "h6" => Tag::H(6),
            "dl" => Tag::Dl,
            "dt" => Tag::Dt,
            "dd" => Tag::Dd,
            "table" => Tag::Table,
            "tbody" => Tag::Tbody,
            "thead" => Tag::Thead,
            "tfoot" => Tag::Tfoot,
            "caption" => Tag::Caption,
            "pre" | "listing" | "plaintext" => Tag::Pre,
            "blockquote" => Tag::Blockquote,
            "figure" => Tag::Figure,
            "figcaption" => Tag::Figcaption,
            "form" => Tag::Form,
            "hr" => Tag::Hr,
            "input" => Tag::Input,
            "option" => Tag::Option,
            "html" => Tag::Html,
            "body" => Tag::Body,
            "head" => Tag::Head,
            "title" => Tag::Title,
            "address" | "center" | "details" | "dialog" | "dir" | "fieldset" | "hgroup"
            | "menu" | "summary" | "legend" | "search" => Tag::OtherBlock,
            "noscript" => Tag::Noscript,
            "script" | "style" | "template" | "svg" | "math" | "iframe" | "select" | "textarea"
            | "button" | "object" | "embed" | "canvas" | "audio" | "video" | "map" | "datalist"
            | "noembed" | "noframes" | "xmp" | "frameset" | "rt" | "rp" => Tag::Dropped,
            _ => Tag::Other,
        }
    }

    /// Does the element start and end a block of text?
    pub fn is_block(self) -> bool {
        !matches!(
            self,
            Tag::Other | Tag::A | Tag::Img | Tag::Input | Tag::Br | Tag::Title | Tag::Dropped
        )
    }

    /// Starting this element closes an open `<p>` (HTML's implied end tag).
    pub fn closes_p(self) -> bool {
        matches!(
            self,
            Tag::P
                | Tag::Div
                | Tag::Section
                | Tag::Article
                | Tag::Main
                | Tag::Nav
                | Tag::Aside
                | Tag::Header
                | Tag::Footer
                | Tag::H(_)
                | Tag::Ul
                | Tag::Ol
                | Tag::Dl
                | Tag::Li
                | Tag::Dt
                | Tag::Dd
                | Tag::Table
                | Tag::Pre
                | Tag::Blockquote
                | Tag::Figure
                | Tag::Figcaption
                | Tag::Form
                | Tag::Hr
                | Tag::OtherBlock
        )
    }

    pub fn name(self) -> &'static str {
        match self {
            Tag::Html => "html",
            Tag::Body => "body",
            Tag::Head => "head",
            Tag::Title => "title",
            Tag::P => "p",
            Tag::Div => "div",
            Tag::Section => "section",
            Tag::Article => "article",
            Tag::Main => "main",
            Tag::Nav => "nav",
            Tag::Aside => "aside",
            Tag::Header => "header",
            Tag::Footer => "footer",
            Tag::H(1) => "h1",
            Tag::H(2) => "h2",
            Tag::H(3) => "h3",
            Tag::H(4) => "h4",
            Tag::H(5) => "h5",
            Tag::H(_) => "h6",
            Tag::Ul => "ul",
            Tag::Ol => "ol",
            Tag::Dl => "dl",
            Tag::Li => "li",
            Tag::Dt => "dt",
            Tag::Dd => "dd",
            Tag::Table => "table",
            Tag::Tbody => "tbody",
            Tag::Thead => "thead",
            Tag::Tfoot => "tfoot",
            Tag::Tr => "tr",
            Tag::Td => "td",
            Tag::Th => "th",
            Tag::Caption => "caption",
            Tag::Pre => "pre",
            Tag::Blockquote => "blockquote",
            Tag::Figure => "figure",
            Tag::Figcaption => "figcaption",
            Tag::Form => "form",
            Tag::A => "a",
            Tag::Br => "br",
            Tag::Hr => "hr",
            Tag::Img => "img",
            Tag::Input => "input",
            Tag::Option => "option",
            Tag::OtherBlock => "block",
            Tag::Noscript => "noscript",
            Tag::Dropped => "dropped",
            Tag::Other => "inline",
        }
    }
}
