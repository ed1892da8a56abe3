//! Markdown (CommonMark, with GitHub-style tables) from the kept blocks.
//!
//! Headings become ATX headings, `pre` blocks fenced code blocks, list items
//! `-` or `1.` items indented under their parents, block quotes `>` lines,
//! data tables GitHub pipe tables (the first row is the header), line breaks
//! backslash hard breaks. Text is escaped so that it renders as the page
//! showed it: characters that CommonMark would read as markup (`*`, `_`,
//! `` ` ``, `[`, `<`, an entity-like `&`, and `#`, `>`, `-`, `+`, `=`, `1.`
//! at the start of a line) get a backslash. Emphasis is written only where
//! CommonMark's flanking rules let the `*` delimiters work, else the text
//! stays plain.

use super::{data_table, descendants_end, kept, lines, shallow, table_rows, Style};
use crate::block::{Block, BlockKind, Span, SpanKind};
use crate::link;
use crate::Document;

/// Markdown of the kept blocks of `doc`. Inline markup and lists, quotes and
/// tables need [`Options::structure`](crate::Options::structure); without
/// it every block is a plain paragraph (or heading, or code block).
pub fn markdown(doc: &Document, style: &Style) -> String {
    let kept = kept(doc);
    let mut w = Writer {
        out: String::new(),
        levels: Vec::new(),
        base: doc.meta.base.as_deref(),
        links: style.links,
        in_link: false,
        in_emphasis: false,
        in_strong: false,
        last_code: None,
    };
    let mut prev: Option<&Block> = None;
    let mut i = 0;
    while i < kept.len() {
        let b = kept[i];
        if let Some(end) = data_table(&kept, i) {
            w.separate(prev, b, false);
            w.table(&kept[i..end]);
            prev = Some(kept[end - 1]);
            i = end;
            continue;
        }
        let (first, rest, new_item) = w.prefixes(b);
        w.separate(prev, b, new_item);
        w.block(b, &first, &rest);
        prev = Some(b);
        i += 1;
    }
    if !w.out.is_empty() {
        w.out.push('\n');
    }
    w.out
}

/// One open list level: the list and item, the item's number and marker
/// style, and the column its content starts at.
struct Level {
    list: u32,
    ordered: bool,
    item: u32,
    number: u32,
    alt: bool,
    content: usize,
}

struct Writer<'d> {
    out: String,
    levels: Vec<Level>,
    base: Option<&'d str>,
    links: bool,
    /// Inside a link being written: CommonMark has no links in links (the
    /// inner one would win and leave the outer brackets as text), so an
    /// inner link is written as its text.
    in_link: bool,
    /// Emphasis and strong spans being written (a nested one of the same
    /// kind adds nothing and would confuse the delimiters).
    in_emphasis: bool,
    in_strong: bool,
    /// The last code span written: where it starts and ends in `out`, and
    /// its content. A code span right after it is written as one span with
    /// both contents: two fences side by side ("`a``b`") would read as one
    /// run of two backticks, and the spans would come back wrong.
    last_code: Option<(usize, usize, String)>,
}

/// How line breaks inside a block's text come out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Breaks {
    /// A backslash hard break, the next line starting with the prefix.
    Hard,
    /// A space (headings, table cells).
    Space,
}

struct Line<'p> {
    /// Nothing but the prefix written on this line yet.
    start: bool,
    rest: &'p str,
    breaks: Breaks,
    in_table: bool,
    /// In an ATX heading, where a trailing `#` run would be dropped.
    in_heading: bool,
}

impl Writer<'_> {
    /// The prefix of the first and the other lines of `b`, and whether `b`
    /// starts a new item of a list already going (so it follows on the next
    /// line rather than after a blank one).
    fn prefixes(&mut self, b: &Block) -> (String, String, bool) {
        let quote = "> ".repeat(b.ctx.quote_depth as usize);
        if b.ctx.item == 0 {
            self.levels.clear();
            return (quote.clone(), quote, false);
        }
        let depth = (b.ctx.list_depth.max(1) as usize).min(self.levels.len() + 1);
        if let Some(l) = self.levels.get(depth - 1) {
            if l.item == b.ctx.item {
                // More of an item already started.
                let pad = format!("{quote}{}", " ".repeat(l.content));
                self.levels.truncate(depth);
                return (pad.clone(), pad, false);
            }
        }
        let marker_col = if depth >= 2 {
            self.levels[depth - 2].content
        } else {
            0
        };
        let (number, alt, going) = match self.levels.get(depth - 1) {
            Some(l) if l.list == b.ctx.list => (l.number + 1, l.alt, true),
            // A list of the same kind right after another: the other marker
            // keeps them apart.
            Some(l) if l.ordered == b.ctx.ordered => (1, !l.alt, depth > 1),
            _ => (1, false, depth > 1),
        };
        let marker = match (b.ctx.ordered, alt) {
            (true, false) => format!("{number}."),
            (true, true) => format!("{number})"),
            (false, false) => "-".to_string(),
            (false, true) => "*".to_string(),
        };
        let content = marker_col + marker.len() + 1;
        self.levels.truncate(depth - 1);
        self.levels.push(Level {
            list: b.ctx.list,
            ordered: b.ctx.ordered,
            item: b.ctx.item,
            number,
            alt,
            content,
        });
        let first = format!("{quote}{}{marker} ", " ".repeat(marker_col));
        let rest = format!("{quote}{}", " ".repeat(content));
        (first, rest, going)
    }

    /// The break between the previous block and `b`.
    fn separate(&mut self, prev: Option<&Block>, b: &Block, new_item: bool) {
        let Some(p) = prev else { return };
        if new_item && p.ctx.item != 0 {
            self.out.push('\n');
            return;
        }
        self.out.push('\n');
        let q = p.ctx.quote_depth.min(b.ctx.quote_depth) as usize;
        if q > 0 {
            self.out.push_str(">".repeat(q).as_str());
        }
        self.out.push('\n');
    }

    fn block(&mut self, b: &Block, first: &str, rest: &str) {
        self.out.push_str(first);
        match b.kind {
            BlockKind::Heading(n) => {
                for _ in 0..n {
                    self.out.push('#');
                }
                self.out.push(' ');
                let mut line = Line {
                    start: false,
                    rest,
                    breaks: Breaks::Space,
                    in_table: false,
                    in_heading: true,
                };
                self.inline_block(b, &mut line);
            }
            BlockKind::Pre => {
                let fence = "`".repeat(longest_run(&b.text, '`').max(2) + 1);
                self.out.push_str(&fence);
                self.out.push('\n');
                for l in lines(&b.text) {
                    if l.is_empty() {
                        self.out.push_str(rest.trim_end());
                    } else {
                        self.out.push_str(rest);
                        self.out.push_str(&l.replace('\0', "\u{fffd}"));
                    }
                    self.out.push('\n');
                }
                self.out.push_str(rest);
                self.out.push_str(&fence);
            }
            _ => {
                let mut line = Line {
                    start: true,
                    rest,
                    breaks: Breaks::Hard,
                    in_table: false,
                    in_heading: false,
                };
                self.inline_block(b, &mut line);
            }
        }
    }

    fn table(&mut self, run: &[&Block]) {
        self.levels.clear();
        let quote = "> ".repeat(run[0].ctx.quote_depth as usize);
        let (rows, captions) = table_rows(run);
        for c in captions {
            self.block(c, &quote, &quote);
            self.out.push('\n');
            self.out.push_str(quote.trim_end());
            self.out.push('\n');
        }
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        for (r, row) in rows.iter().enumerate() {
            self.out.push_str(&quote);
            self.out.push('|');
            for c in 0..cols {
                self.out.push(' ');
                for (k, b) in row.get(c).into_iter().flatten().enumerate() {
                    if k > 0 {
                        self.out.push(' ');
                    }
                    let mut line = Line {
                        start: false,
                        rest: "",
                        breaks: Breaks::Space,
                        in_table: true,
                        in_heading: false,
                    };
                    self.inline_block(b, &mut line);
                }
                self.out.push_str(" |");
            }
            if r == 0 {
                self.out.push('\n');
                self.out.push_str(&quote);
                self.out.push('|');
                for _ in 0..cols {
                    self.out.push_str(" --- |");
                }
            }
            if r + 1 < rows.len() {
                self.out.push('\n');
            }
        }
    }

    /// The text of `b` with its inline markup, [`MAX_INLINE_DEPTH`](super::MAX_INLINE_DEPTH)
    /// levels of it at most.
    fn inline_block(&mut self, b: &Block, line: &mut Line) {
        self.inline(&b.text, &shallow(&b.spans), 0, b.text.len(), line);
    }

    /// Text `text[from..to]` with the spans inside it (sorted, nested).
    fn inline(&mut self, text: &str, spans: &[Span], from: usize, to: usize, line: &mut Line) {
        let mut pos = from;
        let mut i = 0;
        while i < spans.len() {
            let s = &spans[i];
            let j = i + descendants_end(&spans[i..]);
            let (start, end) = (s.start as usize, (s.end as usize).min(to));
            if start < pos || start >= end {
                i = j;
                continue;
            }
            self.text(&text[pos..start], text[start..].chars().next(), line);
            self.span(text, s, &spans[i + 1..j], end, line);
            pos = end;
            i = j;
        }
        self.text(&text[pos..to], text[to..].chars().next(), line);
    }

    fn span(&mut self, text: &str, s: &Span, children: &[Span], end: usize, line: &mut Line) {
        let start = s.start as usize;
        let next = text[end..].chars().next();
        match &s.kind {
            SpanKind::Emphasis | SpanKind::Strong => {
                let strong = s.kind == SpanKind::Strong;
                let active = if strong {
                    self.in_strong
                } else {
                    self.in_emphasis
                };
                let before = self.out.chars().next_back();
                // Inside a span of the same kind the delimiters add nothing;
                // right after another `*` the runs would merge.
                if active || before == Some('*') {
                    self.inline(text, children, start, end, line);
                    return;
                }
                let delim = if strong { "**" } else { "*" };
                let mark = self.out.len();
                self.out.push_str(delim);
                let inner = self.out.len();
                // The content is written once. `line.start` stays as it
                // was, so the content escapes what would be markup at the
                // start of a line, and it still reads right if the opening
                // delimiter has to go again.
                self.set_active(strong, true);
                self.inline(text, children, start, end, line);
                self.set_active(strong, false);
                let content = &self.out[inner..];
                if content.is_empty() || !flanking(before, content, next) {
                    // Delimiters that would not work: plain text instead.
                    self.out.replace_range(mark..inner, "");
                } else {
                    self.out.push_str(delim);
                }
            }
            SpanKind::Code => {
                let code: String = lines(&text[start..end])
                    .collect::<Vec<_>>()
                    .join(" ")
                    .replace('\0', "\u{fffd}");
                let code = if line.in_table {
                    code.replace('|', "\\|")
                } else {
                    code
                };
                if code.is_empty() {
                    return;
                }
                let code = match self.last_code.take() {
                    Some((mark, end, prev)) if end == self.out.len() => {
                        self.out.truncate(mark);
                        prev + &code
                    }
                    _ => code,
                };
                let mark = self.out.len();
                let ticks = longest_run(&code, '`') + 1;
                if line.start && ticks >= 3 {
                    // Would open a fenced code block.
                    self.text(&text[start..end], next, line);
                    return;
                }
                let fence = "`".repeat(ticks);
                let pad = if code.starts_with('`') || code.ends_with('`') {
                    " "
                } else {
                    ""
                };
                self.out.push_str(&fence);
                self.out.push_str(pad);
                self.out.push_str(&code);
                self.out.push_str(pad);
                self.out.push_str(&fence);
                self.last_code = Some((mark, self.out.len(), code));
                line.start = false;
            }
            SpanKind::Link(href) => {
                let target = (self.links && !self.in_link)
                    .then(|| link::resolve(self.base, href))
                    .flatten();
                let Some(target) = target else {
                    self.inline(text, children, start, end, line);
                    return;
                };
                if self.out.ends_with('!') && !self.out.ends_with("\\!") {
                    // `![` would make an image.
                    self.out.pop();
                    self.out.push_str("\\!");
                }
                self.out.push('[');
                line.start = false;
                self.in_link = true;
                self.inline(text, children, start, end, line);
                self.in_link = false;
                self.out.push_str("](");
                self.out.push_str(&destination(&target));
                self.out.push(')');
            }
            SpanKind::Image(src) => {
                // Images are kept only on request, so their address is
                // always written (absolute where a base is known).
                let Some(target) = link::resolve(self.base, src) else {
                    self.inline(text, children, start, end, line);
                    return;
                };
                self.out.push_str("![");
                line.start = false;
                self.inline(text, children, start, end, line);
                self.out.push_str("](");
                self.out.push_str(&destination(&target));
                self.out.push(')');
            }
        }
    }

    fn set_active(&mut self, strong: bool, on: bool) {
        if strong {
            self.in_strong = on;
        } else {
            self.in_emphasis = on;
        }
    }

    /// Escaped text. `next` is the character after it in the block.
    fn text(&mut self, s: &str, next: Option<char>, line: &mut Line) {
        let mut chars = s.char_indices().peekable();
        let mut prev = self.out.chars().next_back();
        while let Some((i, c)) = chars.next() {
            let after = chars.peek().map(|&(_, c)| c).or(next);
            let c = if c == '\0' { '\u{fffd}' } else { c };
            // CommonMark ends a line at CR and CRLF too (plain-text input
            // keeps a lone CR): one break, or a `#` after it would be read
            // as a heading.
            if c == '\r' && after == Some('\n') {
                continue;
            }
            if c == '\n' || c == '\r' {
                match line.breaks {
                    Breaks::Hard => {
                        self.out.push_str("\\\n");
                        self.out.push_str(line.rest);
                        line.start = true;
                    }
                    Breaks::Space => self.out.push(' '),
                }
                prev = Some('\n');
                continue;
            }
            if line.start && matches!(c, ' ' | '\t') {
                // An indent still lets `#`, `-` or `1.` start a block
                // (CommonMark allows up to three spaces; escaping past more
                // is harmless): the line has not started yet.
                self.out.push(c);
                prev = Some(c);
                continue;
            }
            if line.start {
                line.start = false;
                if matches!(c, '#' | '>' | '-' | '+' | '=') {
                    self.out.push('\\');
                } else if c.is_ascii_digit() {
                    // `1.` / `1)` would start an ordered list.
                    let digits = s[i..].bytes().take_while(u8::is_ascii_digit).count();
                    let delim = s[i + digits..].chars().next();
                    if digits <= 9 && matches!(delim, Some('.' | ')')) {
                        self.out.push_str(&s[i..i + digits]);
                        self.out.push('\\');
                        for _ in 1..digits {
                            chars.next();
                        }
                        prev = s[i..i + digits].chars().next_back();
                        continue;
                    }
                }
            }
            let escape = match c {
                '\\' | '`' | '*' | '[' | ']' | '<' | '~' => true,
                '|' => line.in_table,
                '#' => line.in_heading,
                '_' => {
                    !(prev.is_some_and(char::is_alphanumeric)
                        && after.is_some_and(char::is_alphanumeric))
                }
                '&' => entity_like(&s[i + 1..]),
                _ => false,
            };
            if escape {
                self.out.push('\\');
            }
            self.out.push(c);
            prev = Some(c);
        }
    }
}

/// Would `&` followed by `rest` read as a character reference?
fn entity_like(rest: &str) -> bool {
    let body = rest.strip_prefix('#').unwrap_or(rest);
    let n = body.bytes().take_while(u8::is_ascii_alphanumeric).count();
    n > 0 && body[n..].starts_with(';')
}

/// Can `*`/`**` around `content` open and close, given the characters
/// before and after the span? CommonMark's flanking rules, erring on the
/// side of "no": a content edge that may be punctuation (anything but a
/// letter or digit) needs a neighbour that surely is white space or
/// punctuation (ASCII) or the edge of the line.
fn flanking(before: Option<char>, content: &str, after: Option<char>) -> bool {
    let (Some(first), Some(last)) = (content.chars().next(), content.chars().next_back()) else {
        return false;
    };
    let maybe_punct = |c: char| !c.is_alphanumeric();
    let surely_free =
        |c: Option<char>| c.is_none_or(|c| c.is_ascii_whitespace() || c.is_ascii_punctuation());
    let open = !first.is_whitespace() && (!maybe_punct(first) || surely_free(before));
    let close = !last.is_whitespace() && (!maybe_punct(last) || surely_free(after));
    open && close
}

fn longest_run(s: &str, c: char) -> usize {
    let (mut best, mut cur) = (0, 0);
    for x in s.chars() {
        cur = if x == c { cur + 1 } else { 0 };
        best = best.max(cur);
    }
    best
}

/// `url` (from [`link::resolve`], so with no control character or white
/// space) as a link destination that a CommonMark reader reads back as
/// exactly `url`: `\\`, `(`, `)`, `<`, `>` and an `&` that would start a
/// character reference get a backslash, nothing else changes.
fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for (i, c) in url.char_indices() {
        if matches!(c, '\\' | '(' | ')' | '<' | '>') || (c == '&' && entity_like(&url[i + 1..])) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{clean, Options};

    fn md(html: &str, links: bool) -> String {
        let options = Options {
            structure: true,
            metadata: links,
            url: Some("https://example.com/news/story".into()),
            ..Options::default()
        };
        let doc = clean(html.as_bytes(), &options).unwrap();
        markdown(&doc, &Style { links })
    }

    fn article(body: &str) -> String {
        format!(
            "<article>{body}<p>Filler sentence one, which is long enough to count as prose, \
             with commas, clauses, and more words.</p></article>"
        )
    }

    const FILLER: &str = "Filler sentence one, which is long enough to count as prose, \
                          with commas, clauses, and more words.\n";

    #[test]
    fn headings_lists_quotes_and_code() {
        let out = md(
            &article(
                "<h2>Part two</h2><p>Intro <em>here</em>, <strong>strong</strong> and <code>a*b</code>.</p>\
                 <ul><li>one<ul><li>nested</li></ul></li><li>two</li></ul>\
                 <ol><li>first</li><li>second</li></ol>\
                 <blockquote><p>Quoted words.</p><p>More.</p></blockquote>\
                 <pre><code>fn main() {\n    x();\n}</code></pre>",
            ),
            false,
        );
        let want = "## Part two\n\nIntro *here*, **strong** and `a*b`.\n\n\
                    - one\n  - nested\n- two\n\n1. first\n2. second\n\n\
                    > Quoted words.\n>\n> More.\n\n```\nfn main() {\n    x();\n}\n```\n\n";
        assert_eq!(out, format!("{want}{FILLER}"));
    }

    #[test]
    fn markup_characters_are_escaped() {
        let out = md(
            &article("<p>1. not a list, *stars*, _under_ snake_case [x](y) &amp;amp; &lt;b&gt; \\ `t`</p><p>- dash</p><p># hash</p>"),
            false,
        );
        assert!(out.starts_with(
            "1\\. not a list, \\*stars\\*, \\_under\\_ snake_case \\[x\\](y) \\&amp; \\<b> \\\\ \\`t\\`\n\n\\- dash\n\n\\# hash\n\n"
        ), "{out}");
    }

    #[test]
    fn links_resolve_only_when_asked_and_only_safe_ones() {
        let html = article(
            "<p>Read more about the people who write these pages: see <a href=\"../about\">about us</a>, \
             <a href=\"javascript:alert(1)\">this</a> and <a href=\"https://x.org/a b(c)\">that</a>.</p>",
        );
        let out = md(&html, true);
        assert!(
            out.starts_with("Read more about the people who write these pages: see \
                 [about us](https://example.com/about), this and [that](https://x.org/a%20b\\(c\\)).\n"),
            "{out}"
        );
        let out = md(&html, false);
        assert!(out.contains(": see about us, this and that.\n"), "{out}");
    }

    #[test]
    fn data_tables_are_pipe_tables() {
        let out = md(
            &article(
                "<table><tr><th>Month</th><th>mm</th></tr>\
                 <tr><td>Jan</td><td>1|2</td></tr><tr><td>Feb</td></tr></table>",
            ),
            false,
        );
        assert!(
            out.starts_with("| Month | mm |\n| --- | --- |\n| Jan | 1\\|2 |\n| Feb |  |\n\n"),
            "{out}"
        );
    }

    #[test]
    fn emphasis_that_cannot_flank_stays_plain() {
        assert!(flanking(Some(' '), "word", Some(' ')));
        assert!(flanking(Some('a'), "word", Some('b')));
        assert!(!flanking(Some('a'), "\"q\"", Some('b')));
        assert!(flanking(None, "\"q\"", Some('.')));
    }

    /// Targets read back (by a CommonMark reader) as they were checked:
    /// controls are percent-encoded, and an `&` that would start a
    /// character reference is escaped, so `&#106;avascript:` stays text.
    #[test]
    fn targets_read_back_as_checked() {
        let out = md(
            &article(
                "<p>Links in a paragraph of prose, with enough words around them to count: \
                 <a href=\"java\0script:alert(1)\">one</a>, <a href=\"&amp;#106;avascript:alert(2)\">two</a> \
                 and <a href=\"/a?b=1&amp;copy;\">three</a>.</p>",
            ),
            true,
        );
        assert!(
            out.starts_with(
                "Links in a paragraph of prose, with enough words around them to count: \
                 [one](https://example.com/news/java%00script:alert\\(1\\)), \
                 [two](https://example.com/news/\\&#106;avascript:alert\\(2\\)) \
                 and [three](https://example.com/a?b=1\\&copy;).\n"
            ),
            "{out}"
        );
    }

    /// A link inside a link is written as its text (see `Writer::in_link`).
    #[test]
    fn links_never_nest() {
        let page = article(
            "<a href=/x><p>Outer words, <a href=/y>inner <em>link</em></a> and more.</p></a>",
        );
        let options = Options {
            structure: true,
            metadata: true,
            url: Some("https://example.com/news/story".into()),
            keep: vec!["a".into()],
            ..Options::default()
        };
        let doc = clean(page.as_bytes(), &options).unwrap();
        let out = markdown(&doc, &Style { links: true });
        assert!(
            out.contains("[Outer words, inner *link* and more.](https://example.com/x)\n"),
            "{out}"
        );
    }

    /// A lone CR (kept by plain-text input) is a line break to CommonMark,
    /// so it is written as a hard break and the next line is escaped.
    #[test]
    fn carriage_returns_are_line_breaks() {
        assert_eq!(
            md_of_text(b"One line\r# not a heading\r\n"),
            "One line\\\n\\# not a heading\n"
        );
    }

    /// Markdown of plain-text input (which keeps a lone CR inside a line).
    fn md_of_text(text: &[u8]) -> String {
        let options = Options {
            input: crate::InputKind::Text,
            structure: true,
            ..Options::default()
        };
        markdown(&clean(text, &options).unwrap(), &Style::default())
    }

    /// Up to three spaces before a `#`, `-` or `1.` still start a heading
    /// or a list, so the line after a lone CR is escaped past its indent.
    #[test]
    fn an_indented_line_after_a_carriage_return_is_escaped() {
        assert_eq!(
            md_of_text(b"One\r  # two\r - three\r 4. four\n"),
            "One\\\n  \\# two\\\n \\- three\\\n 4\\. four\n"
        );
    }
}
