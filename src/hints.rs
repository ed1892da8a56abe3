//! Hints: what an element's tag, class, id, role, itemprop and hidden
//! attributes say about the text inside it.
//!
//! This runs once per start tag, so it works on short lower-cased strings with
//! plain substring checks (no regex). The word lists follow Readability's
//! well-tested "unlikely candidate" and weight expressions, plus the promo
//! vocabulary this tool exists for (share bars, newsletter boxes, cookie
//! banners, ads).

use std::sync::LazyLock;

use aho_corasick::automaton::Automaton;
use aho_corasick::Anchored;

use crate::block::{Flags, Tag};

/// What the attributes of one element say.
#[derive(Debug, Default, Clone, Copy)]
pub struct Hint {
    /// Readability-style class weight: +25 content-like, -25 boilerplate-like.
    pub weight: i32,
    /// Flags this element adds to its subtree.
    pub flags: u32,
    /// Its `UNLIKELY` comes only from a component's header class
    /// (`card__header`, `section-header`; see [`page_header`]): inside
    /// `<main>` that is the section's heading, not the page's chrome.
    pub part_header: bool,
}

/// The attributes of one start tag that hints look at.
#[derive(Default)]
pub struct Attrs {
    /// The `class` and `id` values, lower-cased, each word between spaces
    /// (" post entry-content main "), so that "a whole word" is a substring
    /// match; empty when the element has neither.
    pub class_id: String,
    pub role: String,
    pub itemprop: String,
    /// The `itemtype` value as written (microdata item types).
    pub itemtype: String,
    pub hidden: bool,
    /// A form control a reader fills in: `input` (not `type=hidden`, which
    /// is form state), `select`, `textarea` (buttons are everywhere, forms
    /// or not).
    pub control: bool,
    /// The id is a React streaming segment (`S:0`): its `hidden` holds the
    /// content until a script moves it into place.
    pub react_segment: bool,
    /// ... and the placeholder it fills (`<template id="B:0">`) is inside
    /// `<main>`.
    pub streamed_into_main: bool,
    /// A class shows the element from a screen width up (`md:block`).
    pub shown_from_breakpoint: bool,
    /// A hash of the first word of the `class` value, lower-cased and
    /// without its digits (`post-123` and `Post-124` agree); 0 for none.
    pub first_class: u32,
    /// The element says it is a disclosure panel (`aria-labelledby`,
    /// `hidden="until-found"`): collapsed, not hidden for good.
    pub disclosure: bool,
    /// The element names a form field (`<label>`, `<legend>`): see
    /// [`Flags::CONTROL`].
    pub field_label: bool,
    /// A `<button>` (its text is dropped with it: see `Tag::Dropped`).
    pub button: bool,
    /// The element opens or closes another one (`<summary>`, `<button>`,
    /// `aria-expanded`, `aria-controls`): the hidden box right after it is
    /// the panel it opens (see `Segmenter::start`).
    pub toggle: bool,
}

impl Attrs {
    /// Remember the first word of a `class` value (what repeated items share).
    pub fn note_first_class(&mut self, value: &str) {
        if self.first_class == 0 {
            if let Some(w) = value.split_ascii_whitespace().next() {
                let mut h: u32 = 0x811c_9dc5;
                for b in w.bytes().filter(|b| !b.is_ascii_digit()) {
                    h = (h ^ b.to_ascii_lowercase() as u32).wrapping_mul(0x0100_0193);
                }
                self.first_class = h.max(1);
            }
        }
    }

    /// Add a `class` or `id` value to [`Attrs::class_id`]. Utility-class
    /// variants (`md:block`, `print:hidden`, `[&>p]:mt-2`) say how the
    /// element looks at some width or in print, not what it holds: they are
    /// left out (a responsive display class is noted in
    /// [`Attrs::shown_from_breakpoint`]). Page builders call every block of
    /// a page a "widget" (`elementor-widget-container`, `et_pb_widget`):
    /// in their class words the word says nothing, and is left out.
    pub fn add_class_id(&mut self, value: &str) {
        let start = self.class_id.len();
        self.class_id.reserve(value.len() + 2);
        // Most values hold no variant (`:`) and no builder "widget": their
        // words go in as they are, lower-cased in one pass. The rest take
        // the word-by-word path below, from the same starting point.
        if !value.as_bytes().contains(&b':') {
            for word in value.split_ascii_whitespace() {
                if self.class_id.is_empty() {
                    self.class_id.push(' ');
                }
                self.class_id.push_str(word);
                self.class_id.push(' ');
            }
            self.class_id[start..].make_ascii_lowercase();
            if !has_widget(&self.class_id[start..]) {
                return;
            }
            self.class_id.truncate(start);
        }
        for word in value.split_ascii_whitespace() {
            if let Some((variant, utility)) = word.split_once(':') {
                self.shown_from_breakpoint |= shows_from_breakpoint(variant, utility);
                continue;
            }
            if self.class_id.is_empty() {
                self.class_id.push(' ');
            }
            let from = self.class_id.len();
            self.class_id.push_str(word);
            self.class_id[from..].make_ascii_lowercase();
            let lower = &self.class_id[from..];
            if lower.contains("widget") && BUILDERS.iter().any(|b| lower.starts_with(b)) {
                let masked = lower.replace("widget", "");
                self.class_id.truncate(from);
                self.class_id.push_str(&masked);
            }
            self.class_id.push(' ');
        }
    }
}

/// `s` holds "widget": a scan for its `w` (most class values have none or
/// few), not a substring searcher set up for every value.
fn has_widget(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(b'w', b).any(|i| b[i..].starts_with(b"widget"))
}

/// Class prefixes of page builders, whose every block is a "widget".
const BUILDERS: &[&str] = &[
    "elementor",
    "et_pb_",
    "wpb_",
    "vc_",
    "so-widget",
    "siteorigin",
    "fl-",
    "brxe-",
    "bricks-",
    "fusion-",
    "uagb-",
    "kb-",
    "sqs-",
    "oxy-",
    "thrv_",
];

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
/// The footer of the article or of the main column (`article-footer`,
/// `main-footer`): its last-modified line, feedback box and share links are
/// chrome, although the class also names a word of `MAYBE`.
const FOOTER_OF: &[&str] = &[
    "article-footer",
    "article__footer",
    "article_footer",
    "main-footer",
    "content-footer",
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

// Whole class/id words, matched as substrings of the padded class string
// (" word word "), so that one automaton does all the work:
/// Ad classes: "ad", "ads", "ad-slot", not "head" or "non-ad-column".
const AD: &[&str] = &[
    " ad ",
    " ads ",
    " ad-",
    " ad_",
    " ads-",
    " ads_",
    " advertisement",
];
/// Visually or aurally hidden helpers, whose text is not page text:
/// "hidden", "sr-only…"; not "elementor-hidden-phone" (hidden on phones
/// alone) nor "vce-sid-none" (not "d-none").
const HIDDEN: &[&str] = &[
    " hidden ",
    " hide ",
    " is-hidden ",
    " u-hidden ",
    " sr-only",
    " screen-reader",
    " visually-hidden",
    " visuallyhidden",
    " offscreen",
    " d-none",
];
/// Buttons styled as such (Bootstrap's `btn`, `button`): whole words only,
/// so a `btn-group` or `button-wrapper` box is not one.
// A class word that is or ends in "btn"/"button" ("add-to-cart-button",
// "product-btn") names a button; "btn-group" names the box around some.
const CONTROL: &[&str] = &[
    " btn ", " button ", "-btn ", "_btn ", "-button ", "_button ",
];
/// Disclosure panels: accordions, tabs, FAQ answers, collapsed sections.
const DISCLOSURE: &[&str] = &[
    "accordion",
    "collapse",
    "tab-pane",
    "tabpanel",
    "tab-panel",
    "faq",
    "answer",
];
/// Leads: one of these as a part of a word split at `-`/`_`
/// ("article-lead", "entry-excerpt"); see [`word_parts`].
const LEAD_PARTS: &[&str] = &[
    "lead",
    "deck",
    "standfirst",
    "intro",
    "excerpt",
    "subtitle",
    "subheadline",
    "summary",
    "chapo",
    "lede",
    "leadin",
    "abstract",
    // The same in the other languages of the web: Italian, Spanish,
    // German, Polish, French.
    "sommario",
    "entradilla",
    "bajada",
    "vorspann",
    "einleitung",
    "zajawka",
    "chapeau",
];

// One automaton finds every word of every list in a single pass over the
// class string; per-list substring scans were a fifth of the run time.
const LISTS: [(&[&str], u32); 13] = [
    (UNLIKELY, L_UNLIKELY),
    (FOOTER_OF, L_FOOTER_OF),
    (MAYBE, L_MAYBE),
    (POSITIVE, L_POSITIVE),
    (NEGATIVE, L_NEGATIVE),
    (PROMO, L_PROMO),
    (BODY, L_BODY),
    (CAPTION, L_CAPTION),
    (META, L_META),
    (AD, L_AD),
    (HIDDEN, L_HIDDEN),
    (DISCLOSURE, L_DISCLOSURE),
    (CONTROL, L_CONTROL),
];
const L_UNLIKELY: u32 = 1;
const L_MAYBE: u32 = 1 << 1;
const L_POSITIVE: u32 = 1 << 2;
const L_NEGATIVE: u32 = 1 << 3;
const L_PROMO: u32 = 1 << 4;
const L_BODY: u32 = 1 << 5;
const L_CAPTION: u32 = 1 << 6;
const L_META: u32 = 1 << 7;
const L_AD: u32 = 1 << 8;
const L_HIDDEN: u32 = 1 << 9;
const L_LEAD: u32 = 1 << 10;
/// "teaser(s)" as a word part: see [`teasers`].
const L_TEASER: u32 = 1 << 11;
const L_COMMENT: u32 = 1 << 12;
const L_NO_COMMENT: u32 = 1 << 13;
const L_DISCLOSURE: u32 = 1 << 14;
const L_CONTROL: u32 = 1 << 15;
const L_FOOTER_OF: u32 = 1 << 16;
/// "header" anywhere in a class word: a page's or a component's header
/// (told apart by [`page_header`]).
const L_HEADER: u32 = 1 << 17;
/// "signature", or a word opening with "sig": the gate of [`signature`],
/// so its word scan runs only on the few class strings that may say it.
const L_SIGNATURE: u32 = 1 << 18;

/// `word` as a whole part of a class word: between any two of space, `-`, `_`.
fn word_parts(word: &str) -> impl Iterator<Item = String> + '_ {
    let sep = [' ', '-', '_'];
    sep.into_iter()
        .flat_map(move |a| sep.into_iter().map(move |b| format!("{a}{word}{b}")))
}

struct Vocabulary {
    automaton: aho_corasick::dfa::DFA,
    /// For each pattern, the lists it belongs to.
    lists: Vec<u32>,
}

fn vocabulary() -> &'static Vocabulary {
    static V: LazyLock<Vocabulary> = LazyLock::new(|| {
        let mut words: Vec<String> = Vec::new();
        let mut lists: Vec<u32> = Vec::new();
        let mut add = |w: String, list: u32| match words.iter().position(|x| *x == w) {
            Some(j) => lists[j] |= list,
            None => {
                words.push(w);
                lists.push(list);
            }
        };
        for (list, bit) in LISTS {
            for w in list {
                add(w.to_string(), bit);
            }
        }
        for part in LEAD_PARTS {
            for w in word_parts(part) {
                add(w, L_LEAD);
            }
        }
        for w in word_parts("teaser").chain(word_parts("teasers")) {
            add(w, L_TEASER);
        }
        add("comment".into(), L_COMMENT);
        add("no-comment".into(), L_NO_COMMENT);
        // Found in the one automaton walk, not by scans of their own: class
        // strings run to hundreds of bytes on utility-class pages.
        add("header".into(), L_HEADER);
        add("signature".into(), L_SIGNATURE);
        add(" sig".into(), L_SIGNATURE);
        Vocabulary {
            automaton: aho_corasick::dfa::DFA::builder()
                .match_kind(aho_corasick::MatchKind::Standard)
                .build(&words)
                .expect("hint vocabulary compiles"),
            lists,
        }
    });
    &V
}

/// Which lists have a word inside `hay`: one table step per byte (the
/// automaton walked by hand; the overlapping-search iterator cost more
/// than the walk itself on these short strings).
fn lists_in(hay: &str) -> u32 {
    let v = vocabulary();
    let dfa = &v.automaton;
    let mut sid = dfa
        .start_state(Anchored::No)
        .expect("unanchored search is supported");
    let mut found = 0;
    for &b in hay.as_bytes() {
        sid = dfa.next_state(Anchored::No, sid, b);
        if dfa.is_special(sid) && dfa.is_match(sid) {
            for i in 0..dfa.match_len(sid) {
                found |= v.lists[dfa.match_pattern(sid, i).as_usize()];
            }
        }
    }
    found
}

/// Class words with a "teaser(s)" part: `(story, other)`. Teasers are
/// mostly links to other pages ("teaser-wrapper"), unless the word also
/// says this story's ("article-teaser", a lead).
fn teasers(hay: &str) -> (bool, bool) {
    let (mut story, mut other) = (false, false);
    for t in hay.split_ascii_whitespace() {
        let parts = || t.split(['-', '_']);
        let names_story = ["article", "story", "post", "entry"]
            .iter()
            .any(|x| t.contains(x));
        story |= names_story && parts().any(|p| p == "teaser");
        other |= !names_story && parts().any(|p| p == "teaser" || p == "teasers");
    }
    (story, other)
}

/// The caption hint comes only from a design system's text style: a
/// class word "caption" with a size after it (`caption-s`, `caption_lg`,
/// `caption2`) or a type scale before it (`text-caption`,
/// `typography-caption`), and no other caption word (`legend`, `credit`,
/// `wp-caption`). Such a style sets small print anywhere (a paper's
/// authors, a card's tags), not the caption of a picture.
fn type_style_caption(hay: &str) -> bool {
    const SIZES: [&str; 11] = [
        "xs", "s", "sm", "m", "md", "l", "lg", "xl", "small", "medium", "large",
    ];
    let mut styles = 0;
    for w in hay.split_ascii_whitespace() {
        if !CAPTION.iter().any(|c| w.contains(c)) {
            continue;
        }
        let style = w.strip_prefix("caption").is_some_and(|rest| {
            let rest = rest.trim_start_matches(['-', '_']);
            SIZES.contains(&rest) || (!rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
        }) || w == "text-caption"
            || w == "typography-caption";
        if !style {
            return false;
        }
        styles += 1;
    }
    styles > 0
}

/// A class word that names a forum signature: one with a "signature" part
/// (`signature`, `post-signature`, `signaturecontainer`), or "sig" alone or
/// followed by digits only (phpBB's `sig36151648`); not "signup", "sight".
fn signature(hay: &str) -> bool {
    hay.split_ascii_whitespace().any(|w| {
        w.contains("signature")
            || w.strip_prefix("sig")
                .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit()))
    })
}

pub fn classify(tag: Tag, attrs: &Attrs) -> Hint {
    let mut h = Hint::default();
    match tag {
        Tag::Article => h.flags |= Flags::ARTICLE,
        Tag::Main => h.flags |= Flags::MAIN,
        Tag::Nav => h.flags |= Flags::UNLIKELY | Flags::CHROME_TAG,
        Tag::Aside => h.flags |= Flags::UNLIKELY | Flags::CHROME_TAG,
        Tag::Footer => h.flags |= Flags::UNLIKELY | Flags::HEADER | Flags::CHROME_TAG,
        Tag::Header => h.flags |= Flags::HEADER | Flags::CHROME_TAG,
        Tag::Ul | Tag::Ol | Tag::Dl => h.flags |= Flags::LIST,
        Tag::Table => h.flags |= Flags::TABLE,
        Tag::A => h.flags |= Flags::LINK,
        Tag::Pre => h.flags |= Flags::PRE,
        Tag::Figure => h.flags |= Flags::FIGURE,
        Tag::Dropped => h.flags |= Flags::DROP,
        // Hidden from a browser that runs scripts, unless it is the page.
        Tag::Noscript => h.flags |= Flags::NOSCRIPT | Flags::HIDDEN,
        _ => {}
    }
    // React's streamed segments (`<div hidden id="S:0">`) are the page,
    // shown as soon as a script runs.
    if attrs.hidden && !attrs.react_segment {
        h.flags |= Flags::HIDDEN;
    }
    if attrs.hidden && attrs.streamed_into_main {
        h.flags |= Flags::STREAMED;
    }
    let disclosure = attrs.disclosure || matches!(attrs.role.as_str(), "tabpanel" | "region");
    match attrs.role.as_str() {
        "" => {}
        "main" => h.flags |= Flags::MAIN,
        "article" => h.flags |= Flags::ARTICLE,
        "navigation" | "complementary" | "banner" | "contentinfo" | "search" => {
            h.flags |= Flags::UNLIKELY | Flags::CHROME_TAG
        }
        "menu" | "menubar" | "alert" | "alertdialog" | "dialog" | "toolbar" => {
            h.flags |= Flags::UNLIKELY
        }
        // Widgets a reader clicks or sets: their text is the control's label.
        "button" | "tab" | "switch" | "checkbox" | "radio" | "menuitem" | "option" | "combobox"
        | "slider" | "spinbutton" => h.flags |= Flags::CONTROL,
        _ => {}
    }
    if attrs.field_label {
        h.flags |= Flags::CONTROL;
    }
    if attrs.itemprop.contains("articlebody") || attrs.itemprop == "text" {
        h.flags |= Flags::BODY_HINT;
        h.weight += 25;
    }
    // schema.org says "this is the summary": the article's lead.
    if matches!(
        attrs.itemprop.as_str(),
        "description" | "abstract" | "alternativeheadline"
    ) && !matches!(
        tag,
        Tag::Body | Tag::Html | Tag::Article | Tag::Main | Tag::A | Tag::H(_)
    ) {
        h.flags |= Flags::LEAD;
    }
    let ci = attrs.class_id.as_str();
    if ci.is_empty() {
        return unhide_disclosure(tag, h, disclosure);
    }
    let structural = matches!(
        tag,
        Tag::Body | Tag::Html | Tag::Article | Tag::Main | Tag::A
    );
    let found = lists_in(ci);
    let any_in = |list: u32| found & list != 0;
    let ad = any_in(L_AD);
    let header = any_in(L_HEADER);
    let unlikely = any_in(L_UNLIKELY) || header;
    if !structural && unlikely && (!any_in(L_MAYBE) || any_in(L_FOOTER_OF)) {
        h.part_header = !any_in(L_UNLIKELY) && !page_header(ci);
        h.flags |= Flags::UNLIKELY;
    }
    if any_in(L_COMMENT) && !any_in(L_NO_COMMENT) {
        h.flags |= Flags::COMMENTS;
    }
    if any_in(L_POSITIVE) {
        h.weight += 25;
    }
    if any_in(L_NEGATIVE) || ad {
        h.weight -= 25;
    }
    if !structural && (any_in(L_PROMO) || ad) && !any_in(L_BODY) {
        h.flags |= Flags::PROMO;
    }
    if !structural && any_in(L_CAPTION) && !type_style_caption(ci) {
        h.flags |= Flags::FIGURE;
    }
    if !structural && any_in(L_META) && !any_in(L_BODY) {
        h.flags |= Flags::META;
    }
    let (story_teaser, other_teaser) = if any_in(L_TEASER) {
        teasers(ci)
    } else {
        (false, false)
    };
    let lead = any_in(L_LEAD) || story_teaser;
    // Teasers point to other pages: a box of them is rarely the text (but
    // pages made of teasers exist, so only the weight says so).
    if !structural && other_teaser && !lead {
        h.weight -= 25;
    }
    if !structural && lead {
        h.flags |= Flags::LEAD;
    }
    // A link styled as a button is a control too.
    if !matches!(tag, Tag::Body | Tag::Html | Tag::Article | Tag::Main) && any_in(L_CONTROL) {
        h.flags |= Flags::CONTROL;
    }
    if any_in(L_BODY) {
        h.flags |= Flags::BODY_HINT;
        h.weight += 25;
    }
    if !structural && any_in(L_SIGNATURE) && signature(ci) {
        h.flags |= Flags::SIGNATURE;
    }
    // Tailwind's `hidden md:block` is hidden on phones only.
    if any_in(L_HIDDEN) && !attrs.shown_from_breakpoint {
        h.flags |= Flags::HIDDEN;
    }
    unhide_disclosure(tag, h, disclosure || any_in(L_DISCLOSURE))
}

/// The parts of a class word before "header" that say the page's header
/// (`site-header`, `global-header`, `l-header`), not a component's.
const PAGE_HEADER_OF: &[&str] = &[
    "site", "page", "global", "main", "top", "sticky", "fixed", "mobile", "desktop", "primary",
    "location", "theme", "app", "nav", "navbar", "brand", "masthead", "template",
];

/// A class word says the page's header: "header" opens it (`header`,
/// `header-inner`), or follows a namespace of one or two letters or a
/// word of [`PAGE_HEADER_OF`]. After any other name it is that
/// component's header (`accordion-header`, `card__header`, `hero_header`,
/// `section-header`): its heading and intro are the section's own.
fn page_header(ci: &str) -> bool {
    ci.split_ascii_whitespace().any(|w| {
        let Some(at) = w.find("header") else {
            return false;
        };
        let before = w[..at].trim_end_matches(['-', '_']);
        let last = before.rsplit(['-', '_']).next().unwrap_or("");
        before.is_empty() || last.len() <= 2 || PAGE_HEADER_OF.contains(&last)
    })
}

/// A collapsed accordion, tab or FAQ panel holds text the reader opens with
/// one click: it is content, not hidden chrome (menus and forms aside).
pub(crate) fn unhide_disclosure(tag: Tag, mut h: Hint, disclosure: bool) -> Hint {
    if disclosure
        && h.flags & Flags::HIDDEN != 0
        && h.flags & (Flags::UNLIKELY | Flags::PROMO) == 0
        && !matches!(tag, Tag::Nav | Tag::Ul | Tag::Ol | Tag::Form)
    {
        h.flags &= !Flags::HIDDEN;
    }
    h
}

/// A React streaming segment id: `S:` and a base-36 number.
pub fn is_react_segment(id: &str) -> bool {
    id.strip_prefix("S:").is_some_and(|n| {
        !n.is_empty()
            && n.bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
    })
}

/// A responsive display class (`md:block`, `lg:flex`, …): the element is
/// shown from that screen width up, as on a desktop.
fn shows_from_breakpoint(variant: &str, utility: &str) -> bool {
    matches!(variant, "sm" | "md" | "lg" | "xl" | "2xl")
        && matches!(
            utility,
            "block"
                | "flex"
                | "grid"
                | "inline"
                | "inline-block"
                | "inline-flex"
                | "table"
                | "contents"
        )
}

/// `style` attributes that hide the element.
pub fn style_hides(style: &str) -> bool {
    // The declarations without white space, ASCII lower-cased, matched as
    // they stream by: the last 17 characters (the longer pattern) are kept,
    // any other than ASCII as a byte no pattern has.
    const NONE: &[u8] = b"display:none";
    const HIDDEN: &[u8] = b"visibility:hidden";
    let mut last = [0u8; HIDDEN.len()];
    for c in style.chars().filter(|c| !c.is_whitespace()) {
        last.copy_within(1.., 0);
        last[HIDDEN.len() - 1] = if c.is_ascii() {
            (c as u8).to_ascii_lowercase()
        } else {
            0xff
        };
        if last.ends_with(NONE) || last == HIDDEN {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widget_is_found_past_other_ws() {
        assert!(has_widget(" wp-block elementor-widget-container "));
        assert!(has_widget("widget"));
        assert!(!has_widget(" wow widge wide "));
        assert!(!has_widget(""));
    }

    fn attrs(ci: &str) -> Attrs {
        let mut a = Attrs::default();
        a.add_class_id(ci);
        a
    }

    #[test]
    fn class_and_id_words_are_lower_cased_spaced_and_filtered() {
        let mut a = Attrs::default();
        a.add_class_id("Post  ENTRY\tcard");
        assert_eq!(a.class_id, " post entry card ");
        // An id after the class joins the same run of words.
        a.add_class_id("Main-Story");
        assert_eq!(a.class_id, " post entry card main-story ");
        // A builder's "widget" is masked in its own words only, and a
        // variant is left out (a display one noted), in either order.
        let mut b = Attrs::default();
        b.add_class_id("Elementor-Widget-Container my-widget md:block");
        assert_eq!(b.class_id, " elementor--container my-widget ");
        assert!(b.shown_from_breakpoint);
        let mut c = Attrs::default();
        c.add_class_id("print:hidden Sidebar");
        assert_eq!(c.class_id, " sidebar ");
        assert!(!c.shown_from_breakpoint);
    }

    #[test]
    fn a_type_styles_caption_is_no_pictures_caption() {
        let figure = |ci: &str| classify(Tag::P, &attrs(ci)).flags & Flags::FIGURE != 0;
        for style in [
            "caption-s",
            "caption_lg",
            "caption2",
            "text-caption",
            "mb-2 caption-xs",
        ] {
            assert!(!figure(style), "{style}");
        }
        for caption in [
            "caption",
            "wp-caption-text",
            "image-caption",
            "caption-s photo-credit",
            "figure-caption",
        ] {
            assert!(figure(caption), "{caption}");
        }
    }

    #[test]
    fn a_page_header_class_is_told_from_a_components_header() {
        for page in [
            "header",
            "header-inner",
            "site-header",
            "c-header",
            "sticky_header",
        ] {
            assert!(page_header(&format!(" {page} ")), "{page}");
        }
        for part in [
            "accordion-header",
            "copy__header",
            "hero_header",
            "section-header",
        ] {
            assert!(!page_header(&format!(" {part} ")), "{part}");
        }
        // Both are unlikely wherever they stand; only the component's says so.
        let page = classify(Tag::Div, &attrs("site-header"));
        let part = classify(Tag::Div, &attrs("card__header"));
        assert!(page.flags & Flags::UNLIKELY != 0 && !page.part_header);
        assert!(part.flags & Flags::UNLIKELY != 0 && part.part_header);
        // Another unlikely word makes it the page's chrome after all.
        assert!(!classify(Tag::Div, &attrs("card__header menu")).part_header);
    }

    #[test]
    fn sidebar_is_unlikely_but_main_sidebar_layout_is_not() {
        assert!(classify(Tag::Div, &attrs("sidebar widget-area")).flags & Flags::UNLIKELY != 0);
        assert!(classify(Tag::Div, &attrs("main-wrap sidebar-right")).flags & Flags::UNLIKELY == 0);
    }

    #[test]
    fn the_footer_of_the_article_or_main_column_is_unlikely() {
        let unlikely = |ci: &str| classify(Tag::Div, &attrs(ci)).flags & Flags::UNLIKELY != 0;
        for footer in [
            "article-footer__inner",
            "article__footer",
            "main-footer",
            "content-footer",
        ] {
            assert!(unlikely(footer), "{footer}");
        }
        // The article's own wrappers, and a footer's content box, as before.
        for kept in [
            "article-body",
            "article-header",
            "main-content",
            "footer-content",
        ] {
            assert!(!unlikely(kept), "{kept}");
        }
    }

    #[test]
    fn a_class_word_ending_in_button_is_a_control_and_a_group_is_not() {
        let control = |ci: &str| classify(Tag::Div, &attrs(ci)).flags & Flags::CONTROL != 0;
        for c in [
            "btn",
            "product-btn",
            "add_to_cart_button",
            "wishlist-button",
        ] {
            assert!(control(c), "{c}");
        }
        for c in ["btn-group", "buttons", "button-row", "product-info"] {
            assert!(!control(c), "{c}");
        }
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
    fn a_schema_org_description_is_a_lead_but_not_in_a_heading() {
        let mut a = attrs("teaser-text");
        a.itemprop = "description".into();
        assert!(classify(Tag::Div, &a).flags & Flags::LEAD != 0);
        assert!(classify(Tag::H(2), &a).flags & Flags::LEAD == 0);
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
        // As the declarations without white space, lower-cased, hold it.
        let filtered = |s: &str| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            let s = s.to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        };
        for s in [
            "",
            "VISIBILITY:\u{a0}Hidden",
            "visibility:hidde",
            "display:nonedisplay:block",
            "dis\tplay:\n none!important",
            "displ\u{e9}ay:none",
            "displaydisplay:none",
            "x:visibility:hiddenvisibility",
            "ddisplay:nnone",
            "isibility:hidden",
        ] {
            assert_eq!(style_hides(s), filtered(s), "{s:?}");
        }
    }

    #[test]
    fn whole_words_and_word_parts() {
        let has = |ci: &str, flag: u32| classify(Tag::Div, &attrs(ci)).flags & flag != 0;
        assert!(has("article-lead", Flags::LEAD));
        assert!(has("entry_excerpt big", Flags::LEAD));
        assert!(!has("leader-board", Flags::LEAD));
        assert!(has("card article-teaser", Flags::LEAD));
        assert!(has("sommario", Flags::LEAD));
        assert!(has("article-bajada", Flags::LEAD));
        assert!(!has("teaser", Flags::LEAD));
        assert!(has("sr-only-focusable", Flags::HIDDEN));
        assert!(has("box\thidden", Flags::HIDDEN));
        assert!(!has("elementor-hidden-phone", Flags::HIDDEN));
        assert!(!has("vce-sid-none", Flags::HIDDEN));
        assert!(has("comments-area", Flags::COMMENTS));
        assert!(!has("no-comments", Flags::COMMENTS));
    }

    #[test]
    fn builder_widgets_and_utility_variants_say_nothing() {
        let flags = |ci: &str| classify(Tag::Div, &attrs(ci)).flags;
        // Every Elementor block is a "widget"; a sidebar widget is chrome.
        assert_eq!(flags("elementor-widget-container") & Flags::UNLIKELY, 0);
        assert_ne!(flags("widget widget_recent_entries") & Flags::UNLIKELY, 0);
        // What the builder word says besides stays.
        assert_ne!(flags("elementor-widget-share-buttons") & Flags::PROMO, 0);
        // `print:` and `md:` variants say how it looks, not what it is.
        assert_eq!(flags("print:break-inside-avoid mb-4") & Flags::PROMO, 0);
        assert_ne!(flags("hidden") & Flags::HIDDEN, 0);
        assert_eq!(flags("hidden md:block") & Flags::HIDDEN, 0);
        assert_ne!(flags("hidden print:block") & Flags::HIDDEN, 0);
    }
}
