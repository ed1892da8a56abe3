//! Link targets: resolve an `href` against the page's URL and decide whether
//! it is safe to hand on.
//!
//! Renderers and the metadata collector use this module so every URL that
//! leaves unboil went through one place. A URL is judged the way a browser
//! reads it, by the WHATWG URL Standard (the `url` crate): leading and
//! trailing C0 controls and spaces go, ASCII tabs and newlines go wherever
//! they are, the scheme is case-insensitive. Only `http`, `https` and
//! `mailto` count as safe, plus relative references when no base is known,
//! so `javascript:`, `data:`, `vbscript:` and the like never reach output.
//! What is judged is, byte for byte, what renderers print: [`clean`]
//! percent-encodes every character an HTML parser or a Markdown reader
//! would drop or change (C0 controls, DEL, white space), so no character can
//! vanish after the check and reveal a scheme the check did not see.

use std::fmt::Write as _;

/// Schemes a link may keep.
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// `href` as the WHATWG URL parser reads it, ready to print: leading and
/// trailing C0 controls and spaces removed, every ASCII tab and newline
/// removed, then the other C0 controls, DEL and white space (ASCII and
/// Unicode) percent-encoded. The URL parser encodes those the same way
/// where they may appear (and rejects them where they may not), so the
/// result means what `href` meant, and survives HTML and Markdown as it is.
pub fn clean(href: &str) -> String {
    let mut out = String::with_capacity(href.len());
    for c in href.trim_matches(|c: char| c <= ' ').chars() {
        match c {
            '\t' | '\n' | '\r' => {}
            c if c <= ' ' || c == '\u{7f}' || c.is_whitespace() => {
                let mut utf8 = [0; 4];
                for b in c.encode_utf8(&mut utf8).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// The scheme of an absolute URL, lower-cased; `None` for a relative
/// reference. As the WHATWG scheme state reads it: an ASCII letter, then
/// letters, digits, `+`, `-` or `.`, up to the first `:`; anything else
/// before that `:` makes the URL relative.
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

/// Is `url` safe to print as a link target, exactly as it is? It must be
/// [`clean`] already (nothing a parser would strip or change); an absolute
/// URL must parse with a safe scheme; a relative reference must not be
/// empty (it names no scheme: [`scheme`] reads it as a URL parser does).
pub fn is_safe(url: &str) -> bool {
    if url.is_empty() || clean(url) != url {
        return false;
    }
    match scheme(url) {
        Some(s) => SAFE_SCHEMES.contains(&s.as_str()) && url::Url::parse(url).is_ok(),
        None => true,
    }
}

/// Resolve `href` against `base` and return it when safe to keep: an
/// absolute `href` as [`clean`] leaves it, a relative one joined to `base`
/// (the WHATWG way, serialised by the `url` crate). Without a base that can
/// take relative references a relative reference stays relative.
pub fn resolve(base: Option<&str>, href: &str) -> Option<String> {
    let href = clean(href);
    if href.is_empty() {
        return None;
    }
    let base = base
        .and_then(|b| url::Url::parse(b).ok())
        .filter(|b| !b.cannot_be_a_base());
    let out = match (scheme(&href), base) {
        (None, Some(b)) => String::from(b.join(&href).ok()?),
        _ => href,
    };
    is_safe(&out).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "http://a/b/c/d;p?q";

    /// RFC 3986 §5.4.1; the WHATWG joiner agrees, except that a URL with a
    /// host and no path gets the path `/` (`//g`).
    #[test]
    fn rfc3986_examples() {
        for (r, want) in [
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g/"),
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

    /// Characters a browser strips (or an HTML parser drops) cannot hide a
    /// scheme: what is checked is what is printed, with every control
    /// character percent-encoded, so `java\0script:` stays a relative path.
    #[test]
    fn control_characters_cannot_hide_a_scheme() {
        for sneaky in [
            "java\0script:alert(1)",
            "\0javascript:alert(1)",
            "\u{1}\u{1f} javascript:alert(1)",
            "javascript:alert(1)\0",
            "java\nscr\ript:alert(1)",
            "jav\u{7f}ascript:alert(1)",
            "java\u{a0}script:alert(1)",
            "\u{feff}javascript:alert(1)",
            "JAVA\tSCRIPT:alert(1)",
            "d\0ata:text/html,x",
            "vb\0script:x",
        ] {
            for base in [None, Some(BASE), Some("mailto:x@y.z")] {
                if let Some(out) = resolve(base, sneaky) {
                    assert!(
                        !out.chars().any(|c| c.is_control() || c.is_whitespace()),
                        "{sneaky:?} -> {out:?}"
                    );
                    assert!(is_safe(&out), "{sneaky:?} -> {out:?}");
                    assert!(
                        matches!(scheme(&out).as_deref(), None | Some("http")),
                        "{sneaky:?} -> {out:?}"
                    );
                }
            }
        }
        assert_eq!(
            resolve(None, "java\0script:alert(1)").as_deref(),
            Some("java%00script:alert(1)")
        );
        assert_eq!(
            resolve(Some(BASE), "a\0b c").as_deref(),
            Some("http://a/b/c/a%00b%20c")
        );
        assert_eq!(
            resolve(None, " \u{1}/x\ty\n ").as_deref(),
            Some("/xy"),
            "stripped at the ends, tabs and newlines gone"
        );
    }

    #[test]
    fn only_clean_urls_are_safe() {
        assert!(is_safe("https://e.com/a"));
        assert!(is_safe("/a%00b"));
        assert!(!is_safe("/a\0b"), "a NUL an HTML parser would change");
        assert!(!is_safe(" https://e.com/"));
        assert!(!is_safe("https://e.com/a b"));
        assert!(!is_safe("https://exa mple.com/"));
        assert!(!is_safe("https://[::1/"), "does not parse");
        assert!(!is_safe("HTTPS:"), "no host");
        assert!(is_safe("HTTPS://E.com"));
    }
}
