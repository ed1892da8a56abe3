//! The output-safety checks shared by the format tests and the fuzz target
//! (`fuzz/fuzz_targets/clean.rs` includes this file by path): ammonia with
//! the allow-list `render::html` promises, and the URL rule it applies.

use std::collections::{HashMap, HashSet};

/// ammonia with the allow-list `render::html` promises and nothing more:
/// its structural tags, `a href` (with the `rel` it always writes), `img src
/// alt`, URLs with the `http`, `https` or `mailto` scheme or relative ones.
/// ammonia judges URLs with the `url` crate (the WHATWG parser) on the
/// attribute as an HTML parser decoded it, so a target that reads as
/// `javascript:` to a browser is removed, and the output changes.
pub fn sanitize(html: &str) -> String {
    let tags: HashSet<&str> = [
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "p",
        "ul",
        "ol",
        "li",
        "blockquote",
        "pre",
        "code",
        "table",
        "caption",
        "tbody",
        "tr",
        "th",
        "td",
        "em",
        "strong",
        "br",
        "a",
        "img",
    ]
    .into();
    let attributes: HashMap<&str, HashSet<&str>> =
        [("a", ["href"].into()), ("img", ["src", "alt"].into())].into();
    ammonia::Builder::empty()
        .tags(tags)
        .generic_attributes(HashSet::new())
        .tag_attributes(attributes)
        .url_schemes(["http", "https", "mailto"].into())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer"))
        .clean(html)
        .to_string()
}

/// The check ammonia makes, on its own: a URL that parses (WHATWG) has a
/// safe scheme, else it must be relative.
pub fn safe_url(u: &str) -> bool {
    match url::Url::parse(u) {
        Ok(url) => ["http", "https", "mailto"].contains(&url.scheme()),
        Err(e) => e == url::ParseError::RelativeUrlWithoutBase,
    }
}
