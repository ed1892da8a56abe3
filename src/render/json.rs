//! JSON: the page's content and metadata in one object.
//!
//! [`json`] is the one place the object is built, so every command that
//! prints JSON (`--format json`, and line-oriented batch output) gives the
//! same fields: `title`, `author`, `date` (ISO 8601), `sitename`, `url`
//! (canonical), `lang`, `description`, `image`, `tags`, each present only
//! when the page states it, `page_type` when selection decided one, and the
//! content under a key named after its format: `text` (plain text),
//! `markdown` or `html`, always present. `url` and `image` appear only when
//! [`link::is_safe`] accepts them.

use serde_json::{Map, Value};

use super::Style;
use crate::{link, Document};

/// The format of the content field of [`json`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Body {
    /// `"text"`: [`Document::text`].
    #[default]
    Text,
    /// `"markdown"`: [`markdown`](super::markdown).
    Markdown,
    /// `"html"`: [`html`](super::html).
    Html,
}

/// The JSON object for `doc`: metadata fields that were found, plus the
/// content as `body` says. Metadata needs
/// [`Options::metadata`](crate::Options::metadata) (without it only
/// `title`, from `<title>`, can appear); Markdown and HTML bodies want
/// [`Options::structure`](crate::Options::structure). Callers may add their
/// own fields to the map before printing it.
pub fn json(doc: &Document, body: Body, style: &Style) -> Map<String, Value> {
    let m = &doc.meta;
    let mut o = Map::new();
    let mut put = |k: &str, v: Option<&String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            o.insert(k.to_string(), Value::String(v.clone()));
        }
    };
    put("title", m.title.as_ref().or(doc.title.as_ref()));
    put("author", m.author.as_ref());
    put("date", m.date.as_ref());
    put("sitename", m.sitename.as_ref());
    // The metadata collector only keeps safe URLs; checked again here, at
    // the output, since a `Meta` may come from anywhere.
    let safe = |u: &&String| link::is_safe(u);
    put("url", m.url.as_ref().filter(safe));
    put("lang", m.lang.as_ref());
    put("description", m.description.as_ref());
    put("image", m.image.as_ref().filter(safe));
    if let Some(t) = doc.page_type {
        o.insert("page_type".into(), Value::String(t.as_str().into()));
    }
    if !m.tags.is_empty() {
        o.insert(
            "tags".into(),
            Value::Array(m.tags.iter().cloned().map(Value::String).collect()),
        );
    }
    let (key, content) = match body {
        Body::Text => ("text", doc.text.clone()),
        Body::Markdown => ("markdown", super::markdown(doc, style)),
        Body::Html => ("html", super::html(doc, style)),
    };
    o.insert(key.into(), Value::String(content));
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{clean, Options};

    #[test]
    fn fields_found_are_present_and_others_absent() {
        let page = "<html lang=fr><head><title>Le titre | Site</title>\
                    <meta property=og:site_name content=Site>\
                    <meta property=article:published_time content=2026-05-01T10:00:00Z>\
                    </head><body><article><h1>Le titre</h1><p>Un paragraphe assez long \
                    pour compter, avec des virgules, des mots et encore des mots.</p></article>";
        let options = Options {
            metadata: true,
            ..Options::default()
        };
        let doc = clean(page.as_bytes(), &options).unwrap();
        let o = json(&doc, Body::Text, &Style::default());
        let keys: Vec<&str> = o.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["date", "lang", "page_type", "sitename", "text", "title"]
        );
        assert_eq!(o["page_type"], "article");
        assert_eq!(o["title"], "Le titre");
        assert_eq!(o["date"], "2026-05-01T10:00:00Z");
        assert_eq!(o["text"], doc.text.as_str());
        let o = json(&doc, Body::Markdown, &Style::default());
        assert!(o.contains_key("markdown") && !o.contains_key("text"));
    }

    #[test]
    fn unsafe_urls_are_left_out() {
        let mut doc = clean(b"<p>Some text of a page.</p>", &Options::default()).unwrap();
        doc.meta.url = Some("java\0script:alert(1)".into());
        doc.meta.image = Some("data:image/png;base64,x".into());
        let o = json(&doc, Body::Text, &Style::default());
        assert!(!o.contains_key("url") && !o.contains_key("image"), "{o:?}");
        doc.meta.url = Some("https://example.com/a".into());
        let o = json(&doc, Body::Text, &Style::default());
        assert_eq!(o["url"], "https://example.com/a");
    }
}
