//! Link targets: resolve an `href` against the page's URL and decide whether
//! it is safe to hand on.
//!
//! Renderers and the metadata collector use this module so every URL that
//! leaves unboil went through one place. Resolution follows RFC 3986 §5.2
//! for hierarchical bases (`http:`, `https:`, …); only `http`, `https`,
//! `mailto` and relative references (when no base is known) count as safe,
//! so `javascript:`, `data:`, `vbscript:` and the like never reach output.

/// Schemes a link may keep.
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Remove what browsers remove from a URL before parsing it: leading and
/// trailing C0 controls and spaces, and every tab and newline inside.
pub fn clean(href: &str) -> String {
    href.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The scheme of an absolute URL, lower-cased; `None` for a relative reference.
pub fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let s = &url[..colon];
    let mut chars = s.chars();
    let first = chars.next()?;
    if !first.is_ascii_alphabetic()
        || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return None;
    }
    Some(s.to_ascii_lowercase())
}

/// Is this (already [`clean`]ed) URL safe to keep in output?
pub fn is_safe(url: &str) -> bool {
    match scheme(url) {
        Some(s) => SAFE_SCHEMES.contains(&s.as_str()),
        // A relative reference that does not smuggle a scheme-like prefix.
        None => !url.is_empty(),
    }
}

/// Resolve `href` against `base` and return it when safe to keep.
/// Without a (hierarchical) base a relative reference stays relative.
pub fn resolve(base: Option<&str>, href: &str) -> Option<String> {
    let href = clean(href);
    if href.is_empty() {
        return None;
    }
    let out = match scheme(&href) {
        Some(_) => href,
        None => match base.and_then(Base::parse) {
            Some(b) => b.join(&href),
            None => href,
        },
    };
    is_safe(&out).then_some(out)
}

/// A hierarchical absolute URL split as RFC 3986 does.
struct Base<'a> {
    scheme: &'a str,
    authority: &'a str,
    path: &'a str,
    query: Option<&'a str>,
}

impl<'a> Base<'a> {
    fn parse(url: &'a str) -> Option<Base<'a>> {
        let scheme_len = scheme(url)?.len();
        let rest = url[scheme_len + 1..].strip_prefix("//")?;
        let rest = rest.split('#').next().unwrap_or("");
        let auth_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, rest) = rest.split_at(auth_end);
        let (path, query) = match rest.find('?') {
            Some(q) => (&rest[..q], Some(&rest[q + 1..])),
            None => (rest, None),
        };
        Some(Base {
            scheme: &url[..scheme_len],
            authority,
            path,
            query,
        })
    }

    fn join(&self, r: &str) -> String {
        let scheme = self.scheme.to_ascii_lowercase();
        if let Some(net) = r.strip_prefix("//") {
            return format!("{scheme}://{net}");
        }
        let split = r.find(['?', '#']).unwrap_or(r.len());
        let (rpath, suffix) = r.split_at(split);
        let path = if rpath.is_empty() {
            self.path.to_string()
        } else if rpath.starts_with('/') {
            remove_dot_segments(rpath)
        } else {
            let dir = match self.path.rfind('/') {
                Some(i) => &self.path[..=i],
                None => "/",
            };
            remove_dot_segments(&format!("{dir}{rpath}"))
        };
        let path = if path.is_empty() { "/".into() } else { path };
        let mut out = format!("{scheme}://{}{path}", self.authority);
        if rpath.is_empty() && !suffix.starts_with('?') {
            if let Some(q) = self.query {
                out.push('?');
                out.push_str(q);
            }
        }
        out.push_str(suffix);
        out
    }
}

/// RFC 3986 §5.2.4.
fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len() - 1;
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if path.starts_with('/') && !joined.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "http://a/b/c/d;p?q";

    #[test]
    fn rfc3986_examples() {
        for (r, want) in [
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("g#s", "http://a/b/c/g#s"),
            (";x", "http://a/b/c/;x"),
            (".", "http://a/b/c/"),
            ("./", "http://a/b/c/"),
            ("..", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../g", "http://a/g"),
            ("../../../g", "http://a/g"),
            ("/./g", "http://a/g"),
            ("g.", "http://a/b/c/g."),
            ("./../g", "http://a/b/g"),
            ("g/../h", "http://a/b/c/h"),
        ] {
            assert_eq!(resolve(Some(BASE), r).as_deref(), Some(want), "{r}");
        }
        assert_eq!(
            resolve(Some("https://example.com"), "x").as_deref(),
            Some("https://example.com/x")
        );
    }

    #[test]
    fn unsafe_schemes_are_refused() {
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<b>x</b>",
            "vbscript:x",
            "",
            "  ",
        ] {
            assert_eq!(resolve(Some(BASE), bad), None, "{bad:?}");
            assert_eq!(resolve(None, bad), None, "{bad:?}");
        }
        assert_eq!(
            resolve(None, "mailto:a@b.c").as_deref(),
            Some("mailto:a@b.c")
        );
        assert_eq!(resolve(None, "/rel").as_deref(), Some("/rel"));
    }
}
