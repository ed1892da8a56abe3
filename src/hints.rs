//! Hints: what an element's tag, class, id, role, itemprop and hidden
//! attributes say about the text inside it.
//!
//! This runs once per start tag, so it works on short lower-cased strings with
//! plain substring checks (no regex). The word lists follow Readability's
//! well-tested "unlikely candidate" and weight expressions, plus the promo
//! vocabulary this tool exists for (share bars, newsletter boxes, cookie
//! banners, ads).

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::block::{Flags, Tag};

/// What the attributes of one element say.
#[derive(Debug, Default, Clone, Copy)]
pub struct Hint {
    /// Readability-style class weight: +25 content-like, -25 boilerplate-like.
    pub weight: i32,
    /// Flags this element adds to its subtree.
    pub flags: u32,
}

/// The attributes of one start tag that hints look at.
#[derive(Default)]
pub struct Attrs {
    /// `class` and `id` joined by a space, lower-cased.
    pub class_id: String,
    pub role: String,
    pub itemprop: String,
    pub hidden: bool,
}

// Readability's "unlikely candidates": chrome that rarely holds the article.
const UNLIKELY: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumb",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
    "navbar",
    "topbar",
    "masthead",
    "cookie",
    "newsletter",
    "widget",
];
// ... unless the same attributes also say the element may hold content.
const MAYBE: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "shadow",
];

const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text",
    "blog", "story", "prose",
];
const NEGATIVE: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
    "taboola",
    "byline",
    "author",
    "caption",
    "subscribe",
    "newsletter",
    "cookie",
    "nav",
];
/// Promotional chrome: removed even inside the article.
const PROMO: &[&str] = &[
    // Affiliate and legal disclaimers, signup boxes spelled apart.
    "disclaimer",
    "affiliate",
    "news-letter",
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscribe",
    "signup",
    "sign-up",
    "cookie",
    "consent",
    "gdpr",
    "promo",
    "advert",
    "sponsor",
    "outbrain",
    "taboola",
    "related",
    "recommend",
    "popup",
    "modal",
    "paywall",
    "banner",
    "ad-slot",
    "adslot",
    "ad-unit",
    "adunit",
    "ad-container",
    "adsbygoogle",
    "dfp-",
    "scroll-top",
    "scrolltop",
    "back-to-top",
    "backtotop",
    "to-top",
    "breadcrumb",
    "author-bio",
    "authorbio",
    "about-author",
    "post-navigation",
    "nav-links",
    "pagination",
    "more-stories",
    "read-more",
    "readmore",
    "also-read",
    "toolbar",
    "print",
];
/// Class names of article bodies in common CMS themes and schemas.
const BODY: &[&str] = &[
    "articlebody",
    "article-body",
    "article_body",
    "article__body",
    "story-body",
    "storybody",
    "post-content",
    "post_content",
    "postcontent",
    "entry-content",
    "entry_content",
    "post-body",
    "postbody",
    "article-content",
    "article_content",
    "articlecontent",
    "story-content",
    "content-body",
    "article-text",
    "articletext",
    "body-text",
    "bodytext",
    "story-text",
    "post-text",
    "article__content",
    "rich-text",
    "richtext",
    "main-text",
];
/// Captions, legends, image descriptions, photo credits and copyright
/// lines: text about a picture the output lacks.
const CAPTION: &[&str] = &[
    "caption",
    "legend",
    "imagedescription",
    "image-description",
    "img_description",
    "bildunterschrift",
    "copyright",
    "credit",
    "image-meta",
    "img-meta",
    "photo-meta",
    "slide-count",
    "gallery-count",
];
/// Bylines, dates and post metadata around (not inside) the article text.
const META: &[&str] = &[
    "byline",
    "by-line",
    "publish-date",
    "published-date",
    "pub-date",
    "pubdate",
    "post-date",
    "entry-date",
    "article-date",
    "story-date",
    "timestamp",
    "dateline",
    "post-meta",
    "entry-meta",
    "article-meta",
    "story-meta",
    "postinfo",
    "post-info",
    "postmeta",
    "entrymeta",
    "meta-info",
    "author-name",
    "authorname",
    "author-info",
    "contributor",
    "short-bio",
    "author-box",
    "authorbox",
    "post-author",
    "about-the-author",
    "about-author",
    "author-bio",
    "reading-time",
    "readingtime",
    "read-time",
    "estimated-read",
];

/// Visually or aurally hidden helpers: their text is not page text.
const HIDDEN_CLASSES: &[&str] = &[
    "sr-only",
    "screen-reader",
    "visually-hidden",
    "visuallyhidden",
    "offscreen",
    "d-none",
];

// One automaton finds every word of every list in a single pass over the
// class string; per-list substring scans were a fifth of the run time.
const LISTS: [&[&str]; 8] = [
    UNLIKELY, MAYBE, POSITIVE, NEGATIVE, PROMO, BODY, CAPTION, META,
];
const L_UNLIKELY: u16 = 1;
const L_MAYBE: u16 = 1 << 1;
const L_POSITIVE: u16 = 1 << 2;
const L_NEGATIVE: u16 = 1 << 3;
const L_PROMO: u16 = 1 << 4;
const L_BODY: u16 = 1 << 5;
const L_CAPTION: u16 = 1 << 6;
const L_META: u16 = 1 << 7;

struct Vocabulary {
    automaton: AhoCorasick,
    /// For each pattern, the lists it belongs to.
    lists: Vec<u16>,
}

fn vocabulary() -> &'static Vocabulary {
    static V: LazyLock<Vocabulary> = LazyLock::new(|| {
        let mut words: Vec<&str> = Vec::new();
        let mut lists: Vec<u16> = Vec::new();
        for (i, list) in LISTS.iter().enumerate() {
            for w in list.iter() {
                match words.iter().position(|x| x == w) {
                    Some(j) => lists[j] |= 1 << i,
                    None => {
                        words.push(w);
                        lists.push(1 << i);
                    }
                }
            }
        }
        Vocabulary {
            automaton: AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .build(&words)
                .expect("hint vocabulary compiles"),
            lists,
        }
    });
    &V
}

/// Which lists have a word inside `hay`.
fn lists_in(hay: &str) -> u16 {
    let v = vocabulary();
    v.automaton
        .find_overlapping_iter(hay)
        .fold(0, |acc, m| acc | v.lists[m.pattern().as_usize()])
}

/// What whole class/id words say, found in one pass over the words:
/// ad classes ("ad", "ads", "ad-slot", not "head" or "non-ad-column"),
/// leads ("article-lead", "entry-excerpt": a word part split at `-`/`_`),
/// teasers of other pages ("teaser-wrapper", not "article-teaser")
/// and hidden helpers ("hidden", "sr-only…"; "elementor-hidden-phone" hides
/// on phones alone and "vce-sid-none" is not "d-none").
#[derive(Default)]
struct Words {
    ad: bool,
    lead: bool,
    teaser: bool,
    hidden: bool,
}

fn words(hay: &str) -> Words {
    let mut w = Words::default();
    for t in hay.split_ascii_whitespace() {
        w.ad |= t == "ad"
            || t == "ads"
            || t.starts_with("ad-")
            || t.starts_with("ad_")
            || t.starts_with("ads-")
            || t.starts_with("ads_")
            || t.starts_with("advertisement");
        w.hidden |= matches!(t, "hidden" | "hide" | "is-hidden" | "u-hidden")
            || HIDDEN_CLASSES.iter().any(|h| t.starts_with(h));
        w.lead |= t.split(['-', '_']).any(|p| match p {
            "lead" | "deck" | "standfirst" | "intro" | "excerpt" | "subtitle" | "subheadline"
            | "summary" | "chapo" | "lede" | "leadin" | "abstract" => true,
            // Teasers are mostly links to other stories, unless the class
            // says this story's.
            "teaser" => ["article", "story", "post", "entry"]
                .iter()
                .any(|x| t.contains(x)),
            _ => false,
        });
        w.teaser |= t.split(['-', '_']).any(|p| p == "teaser" || p == "teasers")
            && !["article", "story", "post", "entry"]
                .iter()
                .any(|x| t.contains(x));
    }
    w
}

pub fn classify(tag: Tag, attrs: &Attrs) -> Hint {
    let mut h = Hint::default();
    match tag {
        Tag::Article => h.flags |= Flags::ARTICLE,
        Tag::Main => h.flags |= Flags::MAIN,
        Tag::Nav => h.flags |= Flags::UNLIKELY,
        Tag::Aside => h.flags |= Flags::UNLIKELY,
        Tag::Footer => h.flags |= Flags::UNLIKELY | Flags::HEADER,
        Tag::Header => h.flags |= Flags::HEADER,
        Tag::Ul | Tag::Ol | Tag::Dl => h.flags |= Flags::LIST,
        Tag::Table => h.flags |= Flags::TABLE,
        Tag::A => h.flags |= Flags::LINK,
        Tag::Pre => h.flags |= Flags::PRE,
        Tag::Figure => h.flags |= Flags::FIGURE,
        Tag::Dropped => h.flags |= Flags::DROP,
        _ => {}
    }
    if attrs.hidden {
        h.flags |= Flags::HIDDEN;
    }
    match attrs.role.as_str() {
        "" => {}
        "main" => h.flags |= Flags::MAIN,
        "article" => h.flags |= Flags::ARTICLE,
        "navigation" | "menu" | "menubar" | "complementary" | "banner" | "contentinfo"
        | "search" | "alert" | "alertdialog" | "dialog" | "toolbar" => h.flags |= Flags::UNLIKELY,
        _ => {}
    }
    if attrs.itemprop.contains("articlebody") || attrs.itemprop == "text" {
        h.flags |= Flags::BODY_HINT;
        h.weight += 25;
    }
    let ci = attrs.class_id.as_str();
    if ci.is_empty() {
        return h;
    }
    let structural = matches!(
        tag,
        Tag::Body | Tag::Html | Tag::Article | Tag::Main | Tag::A
    );
    let found = lists_in(ci);
    let any_in = |list: u16| found & list != 0;
    let w = words(ci);
    if !structural && any_in(L_UNLIKELY) && !any_in(L_MAYBE) {
        h.flags |= Flags::UNLIKELY;
    }
    if ci.contains("comment") && !ci.contains("no-comment") {
        h.flags |= Flags::COMMENTS;
    }
    if any_in(L_POSITIVE) {
        h.weight += 25;
    }
    if any_in(L_NEGATIVE) || w.ad {
        h.weight -= 25;
    }
    if !structural && (any_in(L_PROMO) || w.ad) && !any_in(L_BODY) {
        h.flags |= Flags::PROMO;
    }
    if !structural && any_in(L_CAPTION) {
        h.flags |= Flags::FIGURE;
    }
    if !structural && any_in(L_META) && !any_in(L_BODY) {
        h.flags |= Flags::META;
    }
    // Teasers point to other pages: a box of them is rarely the text (but
    // pages made of teasers exist, so only the weight says so).
    if !structural && w.teaser && !w.lead {
        h.weight -= 25;
    }
    if !structural && w.lead {
        h.flags |= Flags::LEAD;
    }
    if any_in(L_BODY) {
        h.flags |= Flags::BODY_HINT;
        h.weight += 25;
    }
    if w.hidden {
        h.flags |= Flags::HIDDEN;
    }
    h
}

/// `style` attributes that hide the element.
pub fn style_hides(style: &str) -> bool {
    let s: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(ci: &str) -> Attrs {
        Attrs {
            class_id: ci.to_string(),
            ..Attrs::default()
        }
    }

    #[test]
    fn sidebar_is_unlikely_but_main_sidebar_layout_is_not() {
        assert!(classify(Tag::Div, &attrs("sidebar widget-area")).flags & Flags::UNLIKELY != 0);
        assert!(classify(Tag::Div, &attrs("main-wrap sidebar-right")).flags & Flags::UNLIKELY == 0);
    }

    #[test]
    fn ad_token_is_whole_word() {
        assert!(classify(Tag::Div, &attrs("ad slot")).flags & Flags::PROMO != 0);
        assert!(classify(Tag::Div, &attrs("masthead-loader")).flags & Flags::PROMO == 0);
        assert!(classify(Tag::Div, &attrs("non-ad-column-l")).flags & Flags::PROMO == 0);
    }

    #[test]
    fn entry_content_is_body() {
        let h = classify(Tag::Div, &attrs("entry-content clearfix"));
        assert!(h.flags & Flags::BODY_HINT != 0);
        assert!(h.weight > 0);
    }

    #[test]
    fn legends_and_picture_credits_are_captions() {
        for ci in [
            "bildlegende",
            "imagedescription",
            "img_description",
            "photo-copyright",
        ] {
            assert!(
                classify(Tag::Div, &attrs(ci)).flags & Flags::FIGURE != 0,
                "{ci}"
            );
        }
    }

    #[test]
    fn disclaimers_and_affiliate_boxes_are_promo() {
        for ci in ["aawp-disclaimer", "affiliate-text", "news-letter-section"] {
            assert!(
                classify(Tag::Div, &attrs(ci)).flags & Flags::PROMO != 0,
                "{ci}"
            );
        }
    }

    #[test]
    fn teasers_weigh_against_but_an_article_teaser_is_a_lead() {
        let h = classify(Tag::Div, &attrs("teaser-wrapper"));
        assert!(h.weight < 0 && h.flags & Flags::PROMO == 0);
        let h = classify(Tag::Div, &attrs("article-teaser"));
        assert!(h.weight >= 0 && h.flags & Flags::LEAD != 0);
    }

    #[test]
    fn hidden_styles() {
        assert!(style_hides("color: red; display : none"));
        assert!(!style_hides("display:block"));
    }
}
