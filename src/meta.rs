//! Metadata: title, author, date, site name, canonical URL, language,
//! description, image and tags, gathered in the same streaming pass as the text.
//!
//! The segmenter hands the [`Collector`] the few elements that carry
//! metadata (`<html lang>`, `<meta>`, `<link rel=canonical>`, `<base>`,
//! elements with `itemprop`, `<script type="application/ld+json">`) and the
//! text of the JSON-LD scripts and `itemprop` elements. Everything is
//! bounded in size. [`Collector::finish`] parses the JSON-LD with
//! `serde_json` and picks, for each field, the first source that has it, in
//! an order of trust: JSON-LD and OpenGraph before plain `<meta>`, before
//! `itemprop`, before `<title>`. Fields nobody states stay `None`.

use lol_html::html_content::TextType;
use serde_json::Value;

use crate::link;

/// Values kept per page.
const MAX_VALUES: usize = 128;
/// Bytes kept per value.
const MAX_VALUE_LEN: usize = 2048;
/// Bytes of one JSON-LD script; a longer one is skipped whole.
const MAX_LD_LEN: usize = 256 << 10;
/// JSON-LD scripts read per page.
const MAX_LD_SCRIPTS: usize = 8;
/// Tags kept.
const MAX_TAGS: usize = 32;
/// Characters kept of each text field (title, author, site name,
/// description, language, each tag): a longer one is cut there.
pub const MAX_TEXT_CHARS: usize = 1000;
/// Bytes of a URL field (canonical URL, image): a longer one is left out,
/// since a cut URL would be a wrong one.
pub const MAX_URL_LEN: usize = 4096;

/// `s` cut to [`MAX_TEXT_CHARS`] characters (white space at the cut trimmed).
pub fn cap_text(mut s: String) -> String {
    if let Some((at, _)) = s.char_indices().nth(MAX_TEXT_CHARS) {
        s.truncate(at);
        s.truncate(s.trim_end().len());
    }
    s
}

/// What the page says about itself. Every field is optional. Its fields are
/// for reading; only the crate makes one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Meta {
    /// The title the page gives in its metadata (Open Graph, Twitter,
    /// schema.org headline), else its `<title>`.
    pub title: Option<String>,
    /// The author's name.
    pub author: Option<String>,
    /// ISO 8601: a date (`2026-03-02`) or a date and time as the page gave it
    /// (`2026-03-03T07:30:00-05:00`).
    pub date: Option<String>,
    /// The site's name.
    pub sitename: Option<String>,
    /// The canonical URL (absolute when the page or `Options::url` allows).
    pub url: Option<String>,
    /// The page's language (`<html lang>`, `og:locale`, ...).
    pub lang: Option<String>,
    /// The page's description or summary.
    pub description: Option<String>,
    /// The URL of the page's lead image.
    pub image: Option<String>,
    /// Keywords and article tags, in page order.
    pub tags: Vec<String>,
    /// The URL relative links resolve against: `<base href>` resolved
    /// against the page URL, else the page URL (`Options::url`, else the
    /// canonical URL). Not part of the JSON output.
    pub base: Option<String>,
}

/// The attributes of one element that the collector (and link spans) read.
/// The `*` handler fills them only for elements that can carry metadata.
#[derive(Clone, Debug, Default)]
pub struct MetaAttrs {
    pub name: Option<String>,
    pub property: Option<String>,
    pub content: Option<String>,
    pub rel: Option<String>,
    pub href: Option<String>,
    pub lang: Option<String>,
    pub kind: Option<String>,
    pub datetime: Option<String>,
    pub http_equiv: Option<String>,
}

impl MetaAttrs {
    /// Store attribute `name` if it is one of ours and not yet set; `false`
    /// if it is not ours.
    pub fn set(&mut self, name: &str, value: String) -> bool {
        match self.slot(name) {
            Some(slot) => {
                slot.get_or_insert(value);
                true
            }
            None => false,
        }
    }

    /// Where attribute `name` goes, if it is one of ours.
    pub fn slot(&mut self, name: &str) -> Option<&mut Option<String>> {
        Some(match name {
            "name" => &mut self.name,
            "property" => &mut self.property,
            "content" => &mut self.content,
            "rel" => &mut self.rel,
            "href" => &mut self.href,
            "lang" => &mut self.lang,
            "type" => &mut self.kind,
            "datetime" => &mut self.datetime,
            "http-equiv" => &mut self.http_equiv,
            _ => return None,
        })
    }
}

/// Where a value came from; the order of variants inside one field is the
/// order of trust.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    OgTitle,
    TwitterTitle,
    ItempropHeadline,
    MetaAuthor,
    ArticleAuthor,
    ItempropAuthor,
    ArticlePublished,
    ItempropDate,
    MetaDate,
    SiteName,
    AppName,
    Canonical,
    OgUrl,
    Base,
    HtmlLang,
    ContentLanguage,
    OgLocale,
    Description,
    OgDescription,
    TwitterDescription,
    OgImage,
    TwitterImage,
    Keywords,
    ArticleTag,
}

fn meta_key(name: &str) -> Option<Key> {
    Some(match name {
        "og:title" => Key::OgTitle,
        "twitter:title" => Key::TwitterTitle,
        "author" | "dc.creator" | "dcterms.creator" | "sailthru.author" | "parsely-author"
        | "byl" => Key::MetaAuthor,
        "article:author" => Key::ArticleAuthor,
        "article:published_time" | "og:article:published_time" | "og:published_time" => {
            Key::ArticlePublished
        }
        "date"
        | "dc.date"
        | "dc.date.issued"
        | "dcterms.date"
        | "dcterms.created"
        | "dcterms.issued"
        | "pubdate"
        | "publish-date"
        | "publish_date"
        | "sailthru.date"
        | "parsely-pub-date"
        | "citation_publication_date" => Key::MetaDate,
        "og:site_name" => Key::SiteName,
        "application-name" => Key::AppName,
        "og:url" => Key::OgUrl,
        "og:locale" => Key::OgLocale,
        "description" | "dc.description" => Key::Description,
        "og:description" => Key::OgDescription,
        "twitter:description" => Key::TwitterDescription,
        "og:image" | "og:image:url" | "og:image:secure_url" => Key::OgImage,
        "twitter:image" | "twitter:image:src" => Key::TwitterImage,
        "keywords" | "news_keywords" => Key::Keywords,
        "article:tag" => Key::ArticleTag,
        _ => return None,
    })
}

/// Gathers metadata while the page streams; see the module docs.
#[derive(Debug, Default)]
pub struct Collector {
    found: Vec<(Key, String)>,
    /// The JSON-LD script being read (element id) and its text so far.
    ld_open: Option<u32>,
    ld_buf: String,
    ld_too_long: bool,
    ld: Vec<String>,
    /// The `itemprop` element whose text is being read.
    capture: Option<(u32, Key)>,
    capture_buf: String,
}

impl Collector {
    pub fn new() -> Collector {
        Collector::default()
    }

    fn add(&mut self, key: Key, value: &str) {
        if self.found.len() >= MAX_VALUES {
            return;
        }
        let v = tidy(value);
        if !v.is_empty() {
            self.found.push((key, v));
        }
    }

    /// An element's start tag. `name` is the lower-cased tag name, `id` the
    /// segmenter's id for it (`None` for void elements), `itemprop` the
    /// lower-cased `itemprop` attribute (maybe empty).
    pub fn element(&mut self, name: &str, id: Option<u32>, itemprop: &str, attrs: &MetaAttrs) {
        match name {
            "html" => {
                if let Some(l) = &attrs.lang {
                    self.add(Key::HtmlLang, l);
                }
            }
            "meta" => {
                if let Some(content) = &attrs.content {
                    let keys = [&attrs.property, &attrs.name]
                        .into_iter()
                        .flatten()
                        .filter_map(|n| meta_key(&n.trim().to_ascii_lowercase()));
                    let keys: Vec<Key> = keys.collect();
                    for k in keys {
                        self.add(k, content);
                    }
                    if attrs
                        .http_equiv
                        .as_deref()
                        .is_some_and(|h| h.trim().eq_ignore_ascii_case("content-language"))
                    {
                        self.add(Key::ContentLanguage, content);
                    }
                }
            }
            "link" => {
                let canonical = attrs.rel.as_deref().is_some_and(|r| {
                    r.split_ascii_whitespace()
                        .any(|t| t.eq_ignore_ascii_case("canonical"))
                });
                if let (true, Some(href)) = (canonical, &attrs.href) {
                    self.add(Key::Canonical, href);
                }
            }
            "base" => {
                if let Some(href) = &attrs.href {
                    self.add(Key::Base, href);
                }
            }
            "script" => {
                let ld = attrs
                    .kind
                    .as_deref()
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if ld && self.ld.len() < MAX_LD_SCRIPTS {
                    self.ld_open = id;
                    self.ld_buf.clear();
                    self.ld_too_long = false;
                }
            }
            _ => {}
        }
        if itemprop.is_empty() || name == "meta" && attrs.content.is_none() {
            return;
        }
        for prop in itemprop.split_ascii_whitespace() {
            let key = match prop {
                "headline" => Key::ItempropHeadline,
                "author" => Key::ItempropAuthor,
                "datepublished" => Key::ItempropDate,
                _ => continue,
            };
            if let Some(v) = attrs.content.as_ref().or(attrs.datetime.as_ref()) {
                let v = v.clone();
                self.add(key, &v);
            } else if let (Some(id), None) = (id, self.capture) {
                self.capture = Some((id, key));
                self.capture_buf.clear();
            }
        }
    }

    /// A text chunk (raw: entities not decoded).
    pub fn text(&mut self, chunk: &str, text_type: TextType) {
        if self.ld_open.is_some() && text_type == TextType::ScriptData {
            if self.ld_buf.len() + chunk.len() <= MAX_LD_LEN {
                self.ld_buf.push_str(chunk);
            } else {
                self.ld_too_long = true;
            }
        } else if self.capture.is_some()
            && text_type == TextType::Data
            && self.capture_buf.len() < MAX_VALUE_LEN
        {
            self.capture_buf.push_str(chunk);
        }
    }

    /// Element `id` closed.
    pub fn closed(&mut self, id: u32) {
        if self.ld_open == Some(id) {
            self.ld_open = None;
            let text = std::mem::take(&mut self.ld_buf);
            if !self.ld_too_long && !text.trim().is_empty() {
                self.ld.push(text);
            }
        }
        if let Some((cid, key)) = self.capture {
            if cid == id {
                self.capture = None;
                let raw = std::mem::take(&mut self.capture_buf);
                self.add(key, &raw);
            }
        }
    }

    fn first(&self, keys: &[Key]) -> Option<&str> {
        keys.iter()
            .find_map(|k| self.found.iter().find(|(f, _)| f == k))
            .map(|(_, v)| v.as_str())
    }

    /// Pick the fields. `title` is the `<title>` text; `texts` the page's
    /// block texts (a heading or first line that is one side of a
    /// `<title>` like "Headline | Site" gives the headline and the site
    /// name); `page_url` the URL the page was fetched from, when known.
    pub fn finish<'t>(
        self,
        title: Option<&str>,
        texts: impl IntoIterator<Item = &'t str>,
        page_url: Option<&str>,
    ) -> Meta {
        let ld = self
            .ld
            .iter()
            .filter_map(|s| json_ld(s))
            .fold(LdArticle::default(), LdArticle::or);
        let split = title.and_then(|t| split_title(t, texts));
        let sitename = self
            .first(&[Key::SiteName])
            .map(str::to_string)
            .or(ld.publisher)
            .or_else(|| self.first(&[Key::AppName]).map(str::to_string))
            .or_else(|| split.as_ref().map(|s| s.1.clone()));
        let title = self
            .first(&[Key::OgTitle])
            .map(str::to_string)
            .or_else(|| split.map(|s| s.0))
            .or(ld.headline)
            .or_else(|| {
                self.first(&[Key::TwitterTitle, Key::ItempropHeadline])
                    .map(str::to_string)
            })
            .or_else(|| title.map(|t| strip_site(t, sitename.as_deref())));
        let author = ld
            .author
            .or_else(|| self.first(&[Key::MetaAuthor]).map(str::to_string))
            .or_else(|| {
                self.first(&[Key::ArticleAuthor])
                    .filter(|a| link::scheme(a).is_none())
                    .map(str::to_string)
            })
            .or_else(|| self.first(&[Key::ItempropAuthor]).map(str::to_string));
        let date = ld.date.as_deref().and_then(iso_date).or_else(|| {
            [Key::ArticlePublished, Key::ItempropDate, Key::MetaDate]
                .iter()
                .flat_map(|k| self.found.iter().filter(move |(f, _)| f == k))
                .find_map(|(_, v)| iso_date(v))
        });
        let page_url = page_url.map(link::clean);
        let canonical = self
            .first(&[Key::Canonical, Key::OgUrl])
            .map(str::to_string)
            .or(ld.url);
        let url = match canonical {
            Some(c) => link::resolve(page_url.as_deref(), &c),
            None => None,
        }
        .or_else(|| page_url.clone().filter(|u| link::is_safe(u)));
        let doc_url = page_url.clone().or_else(|| url.clone());
        let base = match self.first(&[Key::Base]) {
            Some(b) => link::resolve(doc_url.as_deref(), b).or(doc_url),
            None => doc_url,
        };
        let lang = self
            .first(&[Key::HtmlLang, Key::ContentLanguage, Key::OgLocale])
            .map(|l| l.replace('_', "-"));
        let description = self
            .first(&[
                Key::Description,
                Key::OgDescription,
                Key::TwitterDescription,
            ])
            .map(str::to_string)
            .or(ld.description);
        let image = self
            .first(&[Key::OgImage, Key::TwitterImage])
            .map(str::to_string)
            .or(ld.image)
            .and_then(|i| link::resolve(base.as_deref(), &i));
        let mut tags: Vec<String> = Vec::new();
        let sources = self
            .found
            .iter()
            .filter(|(k, _)| *k == Key::ArticleTag)
            .chain(self.found.iter().filter(|(k, _)| *k == Key::Keywords))
            .map(|(_, v)| v.as_str())
            .chain(ld.keywords.iter().map(String::as_str));
        for list in sources {
            for t in list.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                if tags.len() < MAX_TAGS && !tags.iter().any(|x| x.eq_ignore_ascii_case(t)) {
                    tags.push(t.to_string());
                }
            }
        }
        let url_ok = |u: &String| u.len() <= MAX_URL_LEN;
        Meta {
            title: title.map(cap_text).filter(|t| !t.is_empty()),
            author: author.map(cap_text),
            date,
            sitename: sitename.map(cap_text),
            url: url.filter(url_ok),
            lang: lang.map(cap_text),
            description: description.map(cap_text),
            image: image.filter(url_ok),
            tags: tags.into_iter().map(cap_text).collect(),
            base,
        }
    }
}

/// Decode entities, collapse white space, bound the length.
fn tidy(raw: &str) -> String {
    let mut end = raw.len().min(MAX_VALUE_LEN);
    while !raw.is_char_boundary(end) {
        end -= 1;
    }
    let decoded = htmlize::unescape_attribute(&raw[..end]);
    crate::segment::collapse(&decoded).into_owned()
}

const TITLE_SEPARATORS: [&str; 6] = [" | ", " - ", " – ", " — ", " · ", " :: "];

/// A `<title>` such as "Headline | Site" where a block of the page reads
/// "Headline" (or starts with it, as a longer `h1` does): (headline,
/// site). The headline is the longer side, so a logo block that repeats
/// the site name does not count.
fn split_title<'t>(
    title: &str,
    texts: impl IntoIterator<Item = &'t str>,
) -> Option<(String, String)> {
    let parts: Vec<(&str, &str)> = TITLE_SEPARATORS
        .iter()
        .flat_map(|sep| [title.split_once(sep), title.rsplit_once(sep)])
        .flatten()
        .collect();
    if parts.is_empty() {
        return None;
    }
    texts.into_iter().take(2000).find_map(|t| {
        parts.iter().find_map(|&(a, b)| {
            let (a, b) = (a.trim(), b.trim());
            let starts = |side: &str| {
                t.get(..side.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(side))
                    && (t.len() == side.len() || side.chars().count() >= 20)
            };
            if starts(a) && !b.is_empty() && b.len() < a.len() {
                Some((a.to_string(), b.to_string()))
            } else if starts(b) && !a.is_empty() && a.len() < b.len() {
                Some((b.to_string(), a.to_string()))
            } else {
                None
            }
        })
    })
}

/// `<title>` without a trailing or leading " | Site name" when the site name is known.
fn strip_site(title: &str, site: Option<&str>) -> String {
    let Some(site) = site.filter(|s| !s.is_empty()) else {
        return title.to_string();
    };
    for sep in TITLE_SEPARATORS {
        if let Some(t) = title.strip_suffix(site).and_then(|t| t.strip_suffix(sep)) {
            return t.trim().to_string();
        }
        if let Some(t) = title.strip_prefix(site).and_then(|t| t.strip_prefix(sep)) {
            return t.trim().to_string();
        }
    }
    title.to_string()
}

/// What JSON-LD says about the article.
#[derive(Debug, Default)]
struct LdArticle {
    headline: Option<String>,
    author: Option<String>,
    date: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
    image: Option<String>,
    description: Option<String>,
    keywords: Vec<String>,
}

impl LdArticle {
    /// Fields of `self`, completed by `other`'s.
    fn or(self, other: LdArticle) -> LdArticle {
        LdArticle {
            headline: self.headline.or(other.headline),
            author: self.author.or(other.author),
            date: self.date.or(other.date),
            publisher: self.publisher.or(other.publisher),
            url: self.url.or(other.url),
            image: self.image.or(other.image),
            description: self.description.or(other.description),
            keywords: if self.keywords.is_empty() {
                other.keywords
            } else {
                self.keywords
            },
        }
    }
}

/// Parse one JSON-LD script and read the first article node in it.
fn json_ld(text: &str) -> Option<LdArticle> {
    let value: Value = serde_json::from_str(text.trim())
        .or_else(|_| {
            // Raw newlines and tabs inside strings are common and invalid JSON.
            let fixed: String = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            serde_json::from_str(fixed.trim())
        })
        .ok()?;
    let mut nodes = Vec::new();
    collect_nodes(&value, &mut nodes, 0);
    let article = nodes.iter().find(|n| is_article(n))?;
    let deref = |v: &'_ Value| -> Option<Value> {
        // `{"@id": "…"}` refers to another node of the graph.
        if let Some(id) = v.get("@id").and_then(Value::as_str) {
            if v.as_object().is_some_and(|o| o.len() == 1) {
                return nodes
                    .iter()
                    .find(|n| n.get("@id").and_then(Value::as_str) == Some(id))
                    .map(|n| (*n).clone());
            }
        }
        Some(v.clone())
    };
    let names = |v: Option<&Value>| -> Option<String> {
        let v = v?;
        let items: Vec<&Value> = match v {
            Value::Array(a) => a.iter().collect(),
            other => vec![other],
        };
        let names: Vec<String> = items
            .into_iter()
            .filter_map(|item| match deref(item)? {
                Value::String(s) => Some(tidy(&s)),
                Value::Object(o) => o.get("name").and_then(Value::as_str).map(tidy),
                _ => None,
            })
            .filter(|s| !s.is_empty())
            .collect();
        (!names.is_empty()).then(|| names.join(", "))
    };
    let string = |k: &str| article.get(k).and_then(Value::as_str).map(tidy);
    let image = article.get("image").and_then(|i| {
        let i = match i {
            Value::Array(a) => a.first()?,
            other => other,
        };
        match deref(i)? {
            Value::String(s) => Some(s),
            Value::Object(o) => o.get("url").and_then(Value::as_str).map(str::to_string),
            _ => None,
        }
    });
    let keywords = match article.get("keywords") {
        Some(Value::String(s)) => vec![tidy(s)],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(tidy).collect(),
        _ => Vec::new(),
    };
    Some(LdArticle {
        headline: string("headline").or_else(|| string("name")),
        author: names(article.get("author")),
        date: string("datePublished").or_else(|| string("dateCreated")),
        publisher: names(article.get("publisher")),
        url: string("url").or_else(|| string("mainEntityOfPage")),
        image,
        description: string("description"),
        keywords,
    })
}

fn collect_nodes<'v>(v: &'v Value, out: &mut Vec<&'v Value>, depth: u32) {
    if depth > 4 || out.len() > 256 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| collect_nodes(x, out, depth + 1)),
        Value::Object(o) => {
            out.push(v);
            if let Some(g) = o.get("@graph") {
                collect_nodes(g, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn is_article(v: &Value) -> bool {
    let is = |t: &str| t.ends_with("Article") || t.ends_with("BlogPosting");
    match v.get("@type") {
        Some(Value::String(t)) => is(t),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).any(is),
        _ => false,
    }
}

/// Month names (English), by their first three letters.
pub(crate) const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A date as ISO 8601: `YYYY-MM-DD`, or with the time (and zone) as the
/// page gave it when it is well formed. Also reads `YYYY/MM/DD`,
/// `March 3, 2026` and `3 March 2026`. `None` when it cannot be read.
pub fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    if b.len() >= 10 && (b[4] == b'-' || b[4] == b'/') && b[7] == b[4] {
        let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        let date = ymd(y, m, d)?;
        if b[4] == b'-' {
            if let Some(t) = s.get(10..).and_then(iso_time) {
                return Some(format!("{date}T{t}"));
            }
        }
        return Some(date);
    }
    // Month names: "March 3, 2026", "3 March 2026", "Mar. 3 2026".
    let words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let month = |w: &str| {
        MONTHS
            .iter()
            .position(|m| w.len() >= 3 && w.starts_with(m))
            .map(|i| i as u32 + 1)
    };
    let num = |w: &str| -> Option<u32> {
        let n = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        (!n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()))
            .then(|| n.parse().ok())
            .flatten()
    };
    for win in words.windows(3) {
        let found = match (month(&win[0]), month(&win[1])) {
            (Some(m), _) => num(&win[1]).zip(num(&win[2])).map(|(d, y)| (y, m, d)),
            (None, Some(m)) => num(&win[0]).zip(num(&win[2])).map(|(d, y)| (y, m, d)),
            _ => None,
        };
        if let Some((y, m, d)) = found {
            if (1000..=9999).contains(&y) {
                return ymd(y, m, d);
            }
        }
    }
    None
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (y >= 1000 && (1..=days).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// `THH:MM[:SS[.fff]][Z|±HH:MM|±HHMM]` after a date; returns it without the `T`.
fn iso_time(rest: &str) -> Option<String> {
    let rest = rest.strip_prefix(['T', ' '])?;
    let b = rest.as_bytes();
    let two = |i: usize| -> Option<u32> {
        let p = rest.get(i..i + 2)?;
        p.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| p.parse().ok())?
    };
    let (h, mi) = (two(0)?, two(3)?);
    if b.get(2) != Some(&b':') || h > 23 || mi > 59 {
        return None;
    }
    let mut end = 5;
    if b.get(5) == Some(&b':') {
        if two(6)? > 60 {
            return None;
        }
        end = 8;
        if b.get(8) == Some(&b'.') {
            end = 9 + rest[9..].bytes().take_while(u8::is_ascii_digit).count();
            if end == 9 {
                return None;
            }
        }
    }
    let time = &rest[..end];
    let zone = &rest[end..];
    let zone = match zone.as_bytes() {
        [] => String::new(),
        [b'Z'] | [b'z'] => "Z".into(),
        [s @ (b'+' | b'-'), ..] => {
            let z = &zone[1..];
            let (zh, zm) = match z.len() {
                5 if z.as_bytes()[2] == b':' => (z.get(0..2)?, z.get(3..5)?),
                4 => (z.get(0..2)?, z.get(2..4)?),
                2 => (z.get(0..2)?, "00"),
                _ => return None,
            };
            if !(zh.bytes().chain(zm.bytes())).all(|c| c.is_ascii_digit()) {
                return None;
            }
            format!("{}{zh}:{zm}", *s as char)
        }
        _ => return None,
    };
    Some(format!("{time}{zone}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_iso_8601() {
        for (input, want) in [
            (
                "2026-03-03T07:30:00-05:00",
                Some("2026-03-03T07:30:00-05:00"),
            ),
            ("2026-03-03T07:30:00.123Z", Some("2026-03-03T07:30:00.123Z")),
            ("2026-03-03 07:30", Some("2026-03-03T07:30")),
            (
                "2026-03-03T07:30:00+0100",
                Some("2026-03-03T07:30:00+01:00"),
            ),
            ("2026-03-03T25:00", Some("2026-03-03")),
            ("2026/03/03", Some("2026-03-03")),
            ("March 3, 2026", Some("2026-03-03")),
            ("Published Mar. 3rd 2026 at noon", Some("2026-03-03")),
            ("3 September 2025", Some("2025-09-03")),
            ("2026-02-30", None),
            ("yesterday", None),
            ("", None),
        ] {
            assert_eq!(iso_date(input).as_deref(), want, "{input}");
        }
    }

    fn attrs(pairs: &[(&str, &str)]) -> MetaAttrs {
        let mut a = MetaAttrs::default();
        for (k, v) in pairs {
            assert!(a.set(k, v.to_string()));
        }
        a
    }

    #[test]
    fn sources_are_trusted_in_order() {
        let mut c = Collector::new();
        c.element("html", Some(1), "", &attrs(&[("lang", "en_GB")]));
        c.element(
            "meta",
            None,
            "",
            &attrs(&[("name", "author"), ("content", "Meta Name")]),
        );
        c.element(
            "meta",
            None,
            "",
            &attrs(&[("property", "og:title"), ("content", "OG &amp; title")]),
        );
        c.element(
            "meta",
            None,
            "",
            &attrs(&[("property", "og:site_name"), ("content", "The Site")]),
        );
        c.element(
            "link",
            None,
            "",
            &attrs(&[("rel", "Canonical"), ("href", "/story")]),
        );
        c.element(
            "meta",
            None,
            "",
            &attrs(&[("name", "keywords"), ("content", "a, b,A")]),
        );
        c.element(
            "script",
            Some(2),
            "",
            &attrs(&[("type", "application/ld+json")]),
        );
        c.text(
            r#"{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","#,
            TextType::ScriptData,
        );
        c.text(
            r##""headline":"LD headline","author":{"@id":"#p"},"datePublished":"2026-01-02T03:04:05Z"},{"@id":"#p","@type":"Person","name":"Ld Person"}]}"##,
            TextType::ScriptData,
        );
        c.closed(2);
        let m = c.finish(
            Some("Page title | The Site"),
            ["Page title"],
            Some("https://example.com/a/b"),
        );
        assert_eq!(m.title.as_deref(), Some("OG & title"));
        assert_eq!(m.author.as_deref(), Some("Ld Person"));
        assert_eq!(m.date.as_deref(), Some("2026-01-02T03:04:05Z"));
        assert_eq!(m.sitename.as_deref(), Some("The Site"));
        assert_eq!(m.url.as_deref(), Some("https://example.com/story"));
        assert_eq!(m.base.as_deref(), Some("https://example.com/a/b"));
        assert_eq!(m.lang.as_deref(), Some("en-GB"));
        assert_eq!(m.tags, ["a", "b"]);
        assert_eq!(m.description, None);
    }

    #[test]
    fn title_tag_loses_the_site_name_and_itemprop_text_is_read() {
        let mut c = Collector::new();
        c.element(
            "meta",
            None,
            "",
            &attrs(&[("property", "og:site_name"), ("content", "Gazette")]),
        );
        c.element("span", Some(5), "author", &MetaAttrs::default());
        c.text("  Ann ", TextType::Data);
        c.text("Lee &amp; co", TextType::Data);
        c.closed(5);
        c.element(
            "time",
            Some(6),
            "datepublished",
            &attrs(&[("datetime", "2025-12-31")]),
        );
        let m = c.finish(Some("Big news - Gazette"), [], None);
        assert_eq!(m.title.as_deref(), Some("Big news"));
        assert_eq!(m.author.as_deref(), Some("Ann Lee & co"));
        assert_eq!(m.date.as_deref(), Some("2025-12-31"));
        assert_eq!(m.url, None);
    }

    #[test]
    fn a_heading_that_is_half_the_title_splits_it() {
        let m = Collector::new().finish(
            Some("Ferry cuts in winter - Velmont Online"),
            ["Menu", "Velmont Online", "Ferry cuts in winter", "Body"],
            None,
        );
        assert_eq!(m.title.as_deref(), Some("Ferry cuts in winter"));
        assert_eq!(m.sitename.as_deref(), Some("Velmont Online"));
        let m = Collector::new().finish(
            Some("Choir wins regional festival | Echo"),
            ["Choir wins regional festival with a song of its own"],
            None,
        );
        assert_eq!(m.title.as_deref(), Some("Choir wins regional festival"));
        assert_eq!(m.sitename.as_deref(), Some("Echo"));
        let m = Collector::new().finish(Some("A - B - C"), ["Other", "A - Bee"], None);
        assert_eq!(m.title.as_deref(), Some("A - B - C"));
        assert_eq!(m.sitename, None);
    }

    #[test]
    fn text_fields_are_capped_and_huge_urls_left_out() {
        let long = "é".repeat(5000);
        let m = Collector::new().finish(
            Some(&long),
            [],
            Some(&format!("https://a.test/{}", "x".repeat(5000))),
        );
        assert_eq!(
            m.title.as_deref().map(|t| t.chars().count()),
            Some(MAX_TEXT_CHARS)
        );
        assert!(m.url.is_none(), "a 5 KB URL is left out");
    }

    #[test]
    fn broken_or_huge_json_ld_is_ignored() {
        let mut c = Collector::new();
        c.element(
            "script",
            Some(1),
            "",
            &attrs(&[("type", "application/ld+json")]),
        );
        c.text(
            "{\"@type\": \"Article\", \"headline\": ",
            TextType::ScriptData,
        );
        c.closed(1);
        c.element(
            "script",
            Some(2),
            "",
            &attrs(&[("type", "application/ld+json")]),
        );
        let big = "x".repeat(MAX_LD_LEN);
        c.text(
            "{\"@type\": \"Article\", \"headline\": \"",
            TextType::ScriptData,
        );
        c.text(&big, TextType::ScriptData);
        c.text("\"}", TextType::ScriptData);
        c.closed(2);
        let m = c.finish(None, [], None);
        assert_eq!(m, Meta::default());
    }
}
