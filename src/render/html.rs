//! Clean, safe HTML from the kept blocks: a fragment of structural tags only.
//!
//! The output uses `h1`–`h6`, `p`, `ul`/`ol`/`li`, `blockquote`,
//! `pre`/`code`, `table`/`caption`/`tbody`/`tr`/`th`/`td`, `em`, `strong`,
//! `code`, `br` and (with [`Style::links`]) `a href` with
//! `rel="noopener noreferrer"`, nothing else: no script, style, class or
//! event-handler attribute, and only `http`, `https`, `mailto` or relative
//! link targets. It is serialised the way html5ever serialises (`&amp;`,
//! `&lt;`, `&gt;`, `&nbsp;` in text, `&quot;` too in attributes, `tbody`
//! written out), so a sanitizer such as ammonia finds nothing to change.

use super::{data_table, descendants_end, kept, lines, shallow, table_rows, Style};
use crate::block::{Block, BlockKind, Span, SpanKind};
use crate::link;
use crate::Document;

/// The kept blocks of `doc` as an HTML fragment, one block-level element a
/// line. Lists, quotes, tables and inline markup need
/// [`Options::structure`](crate::Options::structure).
pub fn html(doc: &Document, style: &Style) -> String {
    let kept = kept(doc);
    let mut w = Writer {
        out: String::new(),
        open: Vec::new(),
        bare: false,
        base: doc.meta.base.as_deref(),
        links: style.links,
        in_link: false,
    };
    let mut i = 0;
    while i < kept.len() {
        let b = kept[i];
        w.enter(b);
        if let Some(end) = data_table(&kept, i) {
            w.table(&kept[i..end]);
            i = end;
            continue;
        }
        w.block(b);
        i += 1;
    }
    w.enter_path(Vec::new());
    w.out
}

/// An open container element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Container {
    Quote,
    List { id: u32, ordered: bool },
    Item { id: u32 },
}

struct Writer<'d> {
    out: String,
    open: Vec<Container>,
    /// The last thing written inside the open `li` was bare text.
    bare: bool,
    base: Option<&'d str>,
    links: bool,
    /// Inside an `a` being written: HTML has no links in links (a parser
    /// closes the outer one), so an inner link is written as its text.
    in_link: bool,
}

impl Writer<'_> {
    /// Open and close quotes, lists and items so that `b` sits where it belongs.
    fn enter(&mut self, b: &Block) {
        let quotes = b.ctx.quote_depth as usize;
        let mut path = vec![Container::Quote; quotes];
        let in_list = b.ctx.item != 0 || b.ctx.list_depth > 0;
        if in_list {
            let depth = b.ctx.list_depth.max(1) as usize;
            // Outer levels: keep what is open, else plain lists.
            let mut open = self.open.iter().skip(quotes).copied();
            for _ in 1..depth {
                match (open.next(), open.next()) {
                    (Some(l @ Container::List { .. }), Some(it @ Container::Item { .. })) => {
                        path.push(l);
                        path.push(it);
                    }
                    _ => {
                        path.push(Container::List {
                            id: 0,
                            ordered: false,
                        });
                        path.push(Container::Item { id: 0 });
                    }
                }
            }
            path.push(Container::List {
                id: b.ctx.list,
                ordered: b.ctx.ordered,
            });
            path.push(Container::Item { id: b.ctx.item });
        }
        self.enter_path(path);
    }

    fn enter_path(&mut self, path: Vec<Container>) {
        let common = self
            .open
            .iter()
            .zip(&path)
            .take_while(|(a, b)| a == b)
            .count();
        while self.open.len() > common {
            let c = self.open.pop().expect("len > common");
            self.out.push_str(match c {
                Container::Quote => "</blockquote>\n",
                Container::List { ordered: true, .. } => "</ol>\n",
                Container::List { .. } => "</ul>\n",
                Container::Item { .. } => "</li>\n",
            });
            self.bare = false;
        }
        for c in &path[common..] {
            if !self.out.is_empty() && !self.out.ends_with('\n') {
                self.out.push('\n');
            }
            self.out.push_str(match c {
                Container::Quote => "<blockquote>\n",
                Container::List { ordered: true, .. } => "<ol>\n",
                Container::List { .. } => "<ul>\n",
                Container::Item { .. } => "<li>",
            });
            self.bare = false;
        }
        self.open = path;
    }

    fn in_item(&self) -> bool {
        matches!(self.open.last(), Some(Container::Item { .. }))
    }

    fn block(&mut self, b: &Block) {
        let (open, close) = match b.kind {
            BlockKind::Heading(n) => {
                let n = n.clamp(1, 6);
                (format!("<h{n}>"), format!("</h{n}>\n"))
            }
            BlockKind::Pre => ("<pre><code>".into(), "</code></pre>\n".into()),
            BlockKind::ListItem if self.in_item() => {
                // Text straight in the `li`.
                if self.bare {
                    self.out.push_str("<br>");
                }
                self.inline_block(b, b.kind == BlockKind::Pre);
                self.bare = true;
                return;
            }
            _ => ("<p>".into(), "</p>\n".into()),
        };
        if self.in_item() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.out.push_str(&open);
        self.inline_block(b, b.kind == BlockKind::Pre);
        self.out.push_str(&close);
        self.bare = false;
    }

    fn table(&mut self, run: &[&Block]) {
        if self.in_item() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        let (rows, captions) = table_rows(run);
        self.out.push_str("<table>\n");
        if !captions.is_empty() {
            self.out.push_str("<caption>");
            for (k, c) in captions.iter().enumerate() {
                if k > 0 {
                    self.out.push_str("<br>");
                }
                self.inline_block(c, false);
            }
            self.out.push_str("</caption>\n");
        }
        self.out.push_str("<tbody>\n");
        for row in rows {
            self.out.push_str("<tr>");
            for cell in row {
                let tag = if cell[0].ctx.header { "th" } else { "td" };
                self.out.push('<');
                self.out.push_str(tag);
                self.out.push('>');
                for (k, b) in cell.iter().enumerate() {
                    if k > 0 {
                        self.out.push_str("<br>");
                    }
                    self.inline_block(b, false);
                }
                self.out.push_str("</");
                self.out.push_str(tag);
                self.out.push('>');
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody>\n</table>\n");
        self.bare = false;
    }

    /// The text of `b` with its inline markup, [`MAX_INLINE_DEPTH`](super::MAX_INLINE_DEPTH)
    /// levels of it at most.
    fn inline_block(&mut self, b: &Block, pre: bool) {
        self.inline(&b.text, &shallow(&b.spans), 0, b.text.len(), pre);
    }

    /// `text[from..to]` with its spans; in `pre` line breaks stay newlines
    /// and spans are left out (the block is code as a whole).
    fn inline(&mut self, text: &str, spans: &[Span], from: usize, to: usize, pre: bool) {
        let mut pos = from;
        let mut i = 0;
        while i < spans.len() && !pre {
            let s = &spans[i];
            let j = i + descendants_end(&spans[i..]);
            let (start, end) = (s.start as usize, (s.end as usize).min(to));
            if start < pos || start >= end {
                i = j;
                continue;
            }
            self.text(&text[pos..start], false);
            if let SpanKind::Image(src) = &s.kind {
                match link::resolve(self.base, src) {
                    Some(url) => {
                        self.out.push_str("<img src=\"");
                        escape_into(&mut self.out, &url, true);
                        self.out.push_str("\" alt=\"");
                        escape_into(&mut self.out, text[start..end].trim(), true);
                        self.out.push_str("\">");
                    }
                    None => self.text(&text[start..end], false),
                }
                pos = end;
                i = j;
                continue;
            }
            let tag = match &s.kind {
                SpanKind::Emphasis => Some(("<em>".to_string(), "</em>")),
                SpanKind::Strong => Some(("<strong>".to_string(), "</strong>")),
                SpanKind::Code => Some(("<code>".to_string(), "</code>")),
                SpanKind::Link(href) => (self.links && !self.in_link)
                    .then(|| link::resolve(self.base, href))
                    .flatten()
                    .map(|url| {
                        let mut a = String::from("<a href=\"");
                        escape_into(&mut a, &url, true);
                        a.push_str("\" rel=\"noopener noreferrer\">");
                        (a, "</a>")
                    }),
                SpanKind::Image(_) => None,
            };
            if let Some((open, _)) = &tag {
                self.out.push_str(open);
            }
            let outer = self.in_link;
            self.in_link |= tag.is_some() && matches!(s.kind, SpanKind::Link(_));
            self.inline(text, &spans[i + 1..j], start, end, false);
            self.in_link = outer;
            if let Some((_, close)) = tag {
                self.out.push_str(close);
            }
            pos = end;
            i = j;
        }
        self.text(&text[pos..to], pre);
    }

    fn text(&mut self, s: &str, pre: bool) {
        for (k, line) in lines(s).enumerate() {
            if k > 0 {
                self.out.push_str(if pre { "\n" } else { "<br>" });
            }
            escape_into(&mut self.out, line, false);
        }
    }
}

/// Escape as html5ever's serializer does. Nothing is dropped, so an
/// attribute reads back as exactly the string given (link targets come
/// from [`link::resolve`], which leaves no character a parser would alter);
/// NUL, which block text never holds, is written as the U+FFFD an HTML
/// parser would read it as, CR as the LF it would read.
fn escape_into(out: &mut String, s: &str, attribute: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            '"' if attribute => out.push_str("&quot;"),
            '\0' => out.push('\u{fffd}'),
            // Read as LF by an HTML parser (text goes through `lines` first).
            '\r' => out.push('\n'),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{clean, Options};

    fn html_of(body: &str, links: bool) -> String {
        let page = format!(
            "<article>{body}<p>Filler sentence one, which is long enough to count as prose, \
             with commas, clauses, and more words.</p></article>"
        );
        let options = Options {
            structure: true,
            ..Options::default()
        };
        let doc = clean(page.as_bytes(), &options).unwrap();
        html(&doc, &Style { links })
    }

    const FILLER: &str = "<p>Filler sentence one, which is long enough to count as prose, \
                          with commas, clauses, and more words.</p>\n";

    #[test]
    fn structure_comes_back_as_plain_tags() {
        let out = html_of(
            "<h2 class=x onclick=\"evil()\">T &amp; U</h2>\
             <ol><li>a<ul><li>b</li></ul></li><li><p>c</p><p>d</p></li></ol>\
             <blockquote><p>q<br>r</p></blockquote><pre>x &lt; y\n  z</pre>\
             <table><tr><th>h</th></tr><tr><td><em>c</em> &gt; 1</td></tr></table>",
            false,
        );
        let want = "<h2>T &amp; U</h2>\n<ol>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n\
                    <li>\n<p>c</p>\n<p>d</p>\n</li>\n</ol>\n\
                    <blockquote>\n<p>q<br>r</p>\n</blockquote>\n<pre><code>x &lt; y\n  z</code></pre>\n\
                    <table>\n<tbody>\n<tr><th>h</th></tr>\n<tr><td><em>c</em> &gt; 1</td></tr>\n</tbody>\n</table>\n";
        assert_eq!(out, format!("{want}{FILLER}"));
    }

    #[test]
    fn links_are_vetted() {
        let out = html_of(
            "<p>Three links in a paragraph of prose: <a href=\"/x?a=1&amp;b=&quot;2&quot;\">ok</a>, \
             <a href=\"javascript:alert(1)\">js</a> and <a href=\"data:text/html,x\">data</a>.</p>",
            true,
        );
        assert!(
            out.starts_with(
                "<p>Three links in a paragraph of prose: \
                 <a href=\"/x?a=1&amp;b=&quot;2&quot;\" rel=\"noopener noreferrer\">ok</a>, js and data.</p>\n"
            ),
            "{out}"
        );
    }

    /// A character a browser strips or an HTML parser drops cannot hide
    /// `javascript:` from the check: the target is printed as it was
    /// checked, controls percent-encoded, so it stays a relative path.
    #[test]
    fn control_characters_in_targets_are_printed_as_checked() {
        let out = html_of(
            "<p>Links in a paragraph of prose, with enough words around them to count: \
             <a href=\"java\0script:alert(1)\">one</a>, <a href=\"\u{1}javascript:alert(2)\">two</a>, \
             <a href=\" java&#9;scr&#10;ipt:alert(3)\">three</a> and <a href=\"da\0ta:text/html,x\">four</a>.</p>",
            true,
        );
        assert!(
            out.starts_with(
                "<p>Links in a paragraph of prose, with enough words around them to count: \
                 <a href=\"java%00script:alert(1)\" rel=\"noopener noreferrer\">one</a>, two, three \
                 and <a href=\"da%00ta:text/html,x\" rel=\"noopener noreferrer\">four</a>.</p>\n"
            ),
            "{out}"
        );
    }

    /// A link inside a link (a block inside an `a`, holding another `a`)
    /// is written as its text: an HTML parser would close the outer link
    /// at the inner `<a>` and read a different page than the one written.
    #[test]
    fn links_never_nest() {
        let page = "<article><p>A paragraph of filler prose, long enough, with commas, \
                    to make the article count.</p><a href=/x><p>Outer words, <a href=/y>inner \
                    <em>link</em></a> and more.</p></a></article>";
        let options = Options {
            structure: true,
            keep: vec!["a".into()],
            ..Options::default()
        };
        let doc = clean(page.as_bytes(), &options).unwrap();
        let out = html(&doc, &Style { links: true });
        assert!(
            out.ends_with(
                "<p><a href=\"/x\" rel=\"noopener noreferrer\">Outer words, inner \
                 <em>link</em> and more.</a></p>\n"
            ),
            "{out}"
        );
    }

    /// Plain-text input keeps a lone CR inside a line; an HTML parser reads
    /// it as a line break, so it is written as one (ammonia found it).
    #[test]
    fn carriage_returns_are_line_breaks() {
        let options = Options {
            input: crate::InputKind::Text,
            structure: true,
            ..Options::default()
        };
        let doc = clean(b"One line\rof text\r\nand the next.\n", &options).unwrap();
        let out = html(&doc, &Style::default());
        assert!(!out.contains('\r'), "{out:?}");
        assert!(out.contains("One line<br>of text"), "{out:?}");
    }
}
