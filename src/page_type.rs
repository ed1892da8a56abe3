//! Page type: what kind of page this is (article, forum thread, product,
//! service, documentation, listing, collection), decided from general
//! signals before selection runs, so that selection can follow the profile
//! of the type (a thread keeps all its posts, a product its description and
//! specifications, a listing its items).

use std::fmt;

/// The kinds of page selection has a profile for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PageType {
    /// A news story, blog post or essay: one main text.
    Article,
    /// A forum thread or Q&A page: a sequence of posts.
    Forum,
    /// A product page: description, specifications, price.
    Product,
    /// A service or landing page: several sections about an offer.
    Service,
    /// Documentation: text and code, with a docs navigation around it.
    Documentation,
    /// A listing: search results, category pages, a feed of items.
    Listing,
    /// A collection: a curated set of items (a gallery, a roundup).
    Collection,
}

impl PageType {
    /// Every type, in a fixed order.
    pub const ALL: [PageType; 7] = [
        PageType::Article,
        PageType::Forum,
        PageType::Product,
        PageType::Service,
        PageType::Documentation,
        PageType::Listing,
        PageType::Collection,
    ];

    /// The lower-case name used in JSON output and `explain`.
    pub fn as_str(self) -> &'static str {
        match self {
            PageType::Article => "article",
            PageType::Forum => "forum",
            PageType::Product => "product",
            PageType::Service => "service",
            PageType::Documentation => "documentation",
            PageType::Listing => "listing",
            PageType::Collection => "collection",
        }
    }
}

impl fmt::Display for PageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The schema.org types that say what a page is, from JSON-LD `@type`,
/// microdata `itemtype` and OpenGraph `og:type`. Everything else is
/// [`Schema::Other`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[repr(u8)]
pub enum Schema {
    #[default]
    Other,
    /// Article, NewsArticle, BlogPosting, Report, …
    Article,
    /// TechArticle, APIReference: documentation.
    TechArticle,
    /// DiscussionForumPosting, SocialMediaPosting: a thread's opening post.
    ForumPosting,
    QaPage,
    Question,
    Answer,
    Comment,
    /// Product, ProductGroup, IndividualProduct, ProductModel.
    Product,
    /// Offer, AggregateOffer.
    Offer,
    ItemList,
    CollectionPage,
    SearchResultsPage,
    FaqPage,
    /// Service, ProfessionalService, FinancialProduct, SoftwareApplication, …
    Service,
}

impl Schema {
    /// How many kinds there are (for counting arrays).
    pub const COUNT: usize = 15;

    /// The kind of a type name: `NewsArticle`, `https://schema.org/Product`.
    pub fn from_name(name: &str) -> Schema {
        let name = name.trim();
        let name = name.rsplit(['/', '#', ':']).next().unwrap_or(name);
        match name {
            "Article"
            | "NewsArticle"
            | "BlogPosting"
            | "Report"
            | "OpinionNewsArticle"
            | "AnalysisNewsArticle"
            | "ReportageNewsArticle"
            | "LiveBlogPosting"
            | "ScholarlyArticle"
            | "BackgroundNewsArticle"
            | "ReviewNewsArticle"
            | "SatiricalArticle"
            | "MedicalScholarlyArticle" => Schema::Article,
            "TechArticle" | "APIReference" => Schema::TechArticle,
            "DiscussionForumPosting" | "SocialMediaPosting" => Schema::ForumPosting,
            "QAPage" => Schema::QaPage,
            "Question" => Schema::Question,
            "Answer" => Schema::Answer,
            "Comment" | "UserComments" => Schema::Comment,
            "Product" | "ProductGroup" | "IndividualProduct" | "ProductModel" | "SomeProducts"
            | "Vehicle" | "Car" => Schema::Product,
            "Offer" | "AggregateOffer" => Schema::Offer,
            "ItemList" | "OfferCatalog" => Schema::ItemList,
            "CollectionPage" => Schema::CollectionPage,
            "SearchResultsPage" => Schema::SearchResultsPage,
            "FAQPage" => Schema::FaqPage,
            "Service"
            | "ProfessionalService"
            | "FinancialService"
            | "FinancialProduct"
            | "SoftwareApplication"
            | "WebApplication"
            | "MobileApplication" => Schema::Service,
            _ => Schema::Other,
        }
    }
}

/// Counts of schema kinds, one per [`Schema`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SchemaCounts(pub [u16; Schema::COUNT]);

impl SchemaCounts {
    pub fn add(&mut self, s: Schema) {
        let c = &mut self.0[s as usize];
        *c = c.saturating_add(1);
    }

    pub fn get(&self, s: Schema) -> u16 {
        self.0[s as usize]
    }

    pub fn has(&self, s: Schema) -> bool {
        self.get(s) > 0
    }
}

/// What a page says about its own kind, gathered while it streams: the
/// facts the page-type step reads besides the blocks and subtrees.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageFacts {
    /// `@type`s of the JSON-LD scripts.
    pub json_ld: SchemaCounts,
    /// `itemtype`s of microdata items.
    pub microdata: SchemaCounts,
    /// `og:type`, lower-cased (`article`, `product`, `product.group`, `website`).
    pub og_type: Option<Box<str>>,
    /// `article:published_time` or `datePublished` is stated.
    pub published: bool,
    /// `<meta name=generator>` names forum software.
    pub forum_engine: bool,
    /// The canonical URL (or `og:url`) as written.
    pub canonical: Option<Box<str>>,
}

/// Bytes of JSON-LD read per page for `@type`s.
pub const MAX_JSON_LD: usize = 1 << 20;

impl PageFacts {
    /// Count the `@type`s of a JSON-LD script (`"@type": "X"` or
    /// `"@type": ["X", "Y"]`), without parsing the rest: a broken script
    /// still says what it describes. `"datePublished"` marks the page
    /// published.
    pub fn json_ld_text(&mut self, text: &str) {
        if text.contains("\"datePublished\"") {
            self.published = true;
        }
        let mut rest = text;
        while let Some(at) = rest.find("\"@type\"") {
            rest = rest[at + 7..].trim_start();
            let Some(after) = rest.strip_prefix(':') else {
                continue;
            };
            rest = after.trim_start();
            let (list, tail) = match rest.strip_prefix('[') {
                Some(inner) => match inner.find(']') {
                    Some(end) => (&inner[..end], &inner[end..]),
                    None => break,
                },
                None => {
                    let end = rest
                        .char_indices()
                        .skip(1)
                        .find(|&(_, c)| c == '"')
                        .map_or(rest.len(), |(i, _)| i + 1);
                    (&rest[..end], &rest[end..])
                }
            };
            for name in list.split(',') {
                let name = name.trim().trim_matches('"');
                if !name.is_empty() {
                    self.json_ld.add(Schema::from_name(name));
                }
            }
            rest = tail;
        }
    }

    /// A `<meta>` element's `name`/`property` and `content`.
    pub fn meta(&mut self, key: &str, content: &str) {
        match key.to_ascii_lowercase().as_str() {
            "og:type" => self.og_type = Some(content.trim().to_ascii_lowercase().into()),
            "article:published_time" | "datepublished" => self.published = true,
            "generator" => {
                let g = content.to_ascii_lowercase();
                const ENGINES: [&str; 12] = [
                    "discourse",
                    "xenforo",
                    "phpbb",
                    "vbulletin",
                    "mybb",
                    "flarum",
                    "nodebb",
                    "invision",
                    "smf",
                    "simple machines",
                    "vanilla",
                    "fluxbb",
                ];
                self.forum_engine |= ENGINES.iter().any(|e| g.contains(e));
            }
            "og:url" if self.canonical.is_none() => self.canonical = Some(content.trim().into()),
            _ => {}
        }
    }

    /// A microdata item's `itemtype` (one or more type URLs).
    pub fn item(&mut self, itemtype: &str) -> Schema {
        let mut first = Schema::Other;
        for t in itemtype.split_ascii_whitespace() {
            let s = Schema::from_name(t);
            self.microdata.add(s);
            if first == Schema::Other {
                first = s;
            }
        }
        first
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_types_are_counted_without_parsing() {
        let mut f = PageFacts::default();
        f.json_ld_text(
            r#"{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle",
               "datePublished":"2026-01-02"},{"@type" : ["Product", "Thing"]},
               {"@type":"https://schema.org/Comment"},{"@type":"Comment","text":"#,
        );
        assert_eq!(f.json_ld.get(Schema::Article), 1);
        assert_eq!(f.json_ld.get(Schema::Product), 1);
        assert_eq!(f.json_ld.get(Schema::Comment), 2);
        assert_eq!(f.json_ld.get(Schema::Other), 1);
        assert!(f.published);
    }

    #[test]
    fn meta_and_microdata() {
        let mut f = PageFacts::default();
        f.meta("og:type", " Product.Group ");
        f.meta("generator", "Discourse 3.4.0");
        assert_eq!(f.og_type.as_deref(), Some("product.group"));
        assert!(f.forum_engine);
        assert_eq!(
            f.item("http://schema.org/Comment https://schema.org/Thing"),
            Schema::Comment
        );
        assert_eq!(f.microdata.get(Schema::Comment), 1);
    }
}

/// A docs address: a `docs.`/`developer.` host or a `/docs/`, `/api/`,
/// `/reference/`, `/manual/`, `/library/` path.
pub(crate) fn docs_url(url: &str) -> bool {
    let u = url.to_ascii_lowercase();
    let rest = u.split_once("://").map_or(u.as_str(), |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let path = format!("/{path}");
    host.starts_with("docs.")
        || host.starts_with("developer.")
        || host.starts_with("developers.")
        || [
            "/docs/",
            "/doc/",
            "/api/",
            "/reference/",
            "/manual/",
            "/library/",
        ]
        .iter()
        .any(|p| path.contains(p))
}

/// A site's home page: the path is `/` (or empty), with no query.
pub(crate) fn home_url(url: &str) -> bool {
    let Some((_, rest)) = url.split_once("://") else {
        return false;
    };
    let path = rest.split_once('/').map_or("", |(_, p)| p);
    let path = path.split('#').next().unwrap_or("");
    path.is_empty() || path == "index.html"
}

/// A dated address (`/2024/05/…`): a post in a blog or news archive.
pub(crate) fn dated_url(url: &str) -> bool {
    url.split('/').any(|part| {
        part.len() == 4 && part.starts_with(['1', '2']) && part.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The page says it is an article: an Article schema, a publication date,
/// `og:type` article.
pub fn stated_article(page: &crate::segment::Segments) -> bool {
    let f = &page.facts;
    f.json_ld.has(Schema::Article)
        || f.microdata.has(Schema::Article)
        || f.published
        || f.og_type.as_deref() == Some("article")
}

/// What kind of page `page` is: what it says about itself
/// ([`stated_type`]), else what the learned model ([`crate::page_model`])
/// makes of its structure and address when it is sure, else a site's home
/// page is a service page, else an article, the profile that has always
/// been the default.
pub fn classify(page: &crate::segment::Segments) -> PageType {
    if let Some(t) = stated_type(page) {
        return t;
    }
    if let Some(t) = crate::page_model::predict(page) {
        return t;
    }
    let canonical = page.facts.canonical.as_deref().unwrap_or("");
    if !canonical.is_empty() && home_url(canonical) {
        return PageType::Service;
    }
    PageType::Article
}

/// A block a reader sees: not hidden, not in a chrome tag, not dropped by
/// a rule (what [`discussion`] and [`bulletin_board`] count as the page's text).
fn shown(b: &crate::block::Block) -> bool {
    use crate::block::Flags;
    b.flags.0 & (Flags::HIDDEN | Flags::CHROME_TAG | Flags::DROP) == 0
}

/// A block of prose: a paragraph's length, few links (what [`discussion`]
/// and [`bulletin_board`] allow little of outside the comments or posts).
fn is_prose(b: &crate::block::Block) -> bool {
    b.chars >= 80 && b.link_density() < 0.25
}

/// Most of the page's visible text (at least `DISCUSSION_MIN_CHARS`, and
/// `DISCUSSION_SHARE` of the text outside its landmarks) is in comment
/// sections (the `comment` class word), and what stands outside them
/// holds less prose than an article would (`DISCUSSION_MAX_PROSE`
/// characters of paragraphs): a blog post with a long comment section is
/// still its post.
fn discussion(page: &crate::segment::Segments) -> bool {
    use crate::block::Flags;
    const DISCUSSION_MIN_CHARS: u32 = 2000;
    const DISCUSSION_SHARE: f64 = 0.6;
    const DISCUSSION_MAX_PROSE: u32 = 600;
    // A theme's word on the whole page (`<body class="… comment-styles">`)
    // says nothing about where its comments are.
    let whole = page.subtrees.iter().any(|s| {
        matches!(s.tag, crate::block::Tag::Body | crate::block::Tag::Html)
            && s.own_flags.has(Flags::COMMENTS)
    });
    if whole {
        return false;
    }
    let (mut comments, mut all, mut prose) = (0u32, 0u32, 0u32);
    for b in page.blocks.iter().filter(|b| shown(b)) {
        all += b.chars;
        if b.flags.has(Flags::COMMENTS) {
            comments += b.chars;
        } else if is_prose(b) {
            prose += b.chars;
        }
    }
    comments >= DISCUSSION_MIN_CHARS
        && comments as f64 >= DISCUSSION_SHARE * all as f64
        && prose < DISCUSSION_MAX_PROSE
}

/// The page is a run of dated posts: one group of sibling elements (one
/// parent, one signature; at least `BOARD_MIN_POSTS`) holds
/// `BOARD_SHARE` of the page's visible text, few of its characters are
/// links (`BOARD_MAX_LINK_DENSITY`: teaser cards are their headlines'
/// links), none holds more than `BOARD_LARGEST` of them (a theme's
/// sections around a story are a layout, not posts), most members
/// (`BOARD_DATED`) have a short line with a date, each post's header, and
/// what stands outside them holds less prose than an article would
/// (`BOARD_MAX_PROSE`, as in [`discussion`]: a blog post above its dated
/// comments is still its post). A bulletin board without markup or
/// generator (a thread of `div.post`s, each with its user card and
/// "by … » Tue Aug 27, 2019"): its posts are the content, and their
/// template is the forum's.
fn bulletin_board(page: &crate::segment::Segments) -> bool {
    // (FxHash, as selection's maps: keys are the page's own indices.)
    use rustc_hash::FxHashMap as HashMap;
    const BOARD_MIN_POSTS: u32 = 4;
    const BOARD_SHARE: f64 = 0.6;
    const BOARD_MAX_LINK_DENSITY: f64 = 0.15;
    const BOARD_DATED: f64 = 0.75;
    const BOARD_LARGEST: f64 = 0.5;
    const BOARD_MAX_PROSE: u32 = 600;
    const HEADER_CHARS: u32 = 80;
    // Running totals over the blocks, so each element's are two look-ups
    // (an element's blocks are a range): visible characters, prose
    // characters (as in `discussion`), and short dated lines.
    let n = page.blocks.len();
    let (mut all, mut prose_chars, mut dated) =
        (vec![0u32; n + 1], vec![0u32; n + 1], vec![0u32; n + 1]);
    for (i, b) in page.blocks.iter().enumerate() {
        let seen = shown(b);
        all[i + 1] = all[i] + if seen { b.chars } else { 0 };
        let prose_line = seen && is_prose(b);
        prose_chars[i + 1] = prose_chars[i] + if prose_line { b.chars } else { 0 };
        let header = seen && b.chars <= HEADER_CHARS && crate::select::dated_line(&b.text);
        dated[i + 1] = dated[i] + u32::from(header);
    }
    if all[n] == 0 {
        return false;
    }
    // Per (parent, signature): its members and their totals.
    #[derive(Default)]
    struct Run {
        members: u32,
        chars: u32,
        links: u32,
        dated: u32,
        prose: u32,
        largest: u32,
    }
    let mut groups: HashMap<(u32, u32), Run> = HashMap::default();
    for s in &page.subtrees {
        let (start, end) = (s.start as usize, (s.end as usize).min(n));
        if s.id == 0 || s.chars == 0 || s.sig == 0 || start > end {
            continue;
        }
        let g = groups.entry((s.parent, s.sig)).or_default();
        g.members += 1;
        g.chars += s.chars;
        g.links += s.link_chars;
        g.dated += u32::from(dated[end] > dated[start]);
        g.prose += prose_chars[end] - prose_chars[start];
        g.largest = g.largest.max(s.chars);
    }
    groups.values().any(|g| {
        g.members >= BOARD_MIN_POSTS
            && g.chars as f64 >= BOARD_SHARE * all[n] as f64
            && (g.links as f64) <= BOARD_MAX_LINK_DENSITY * g.chars as f64
            && g.dated as f64 >= BOARD_DATED * g.members as f64
            && prose_chars[n].saturating_sub(g.prose) < BOARD_MAX_PROSE
            && g.largest as f64 <= BOARD_LARGEST * g.chars as f64
    })
}

/// What kind of page `page` says it is, from JSON-LD, microdata,
/// OpenGraph, generator, canonical URL and its structure (code blocks). A
/// cascade, strongest signals first; `None` when it says nothing.
pub fn stated_type(page: &crate::segment::Segments) -> Option<PageType> {
    let f = &page.facts;
    let (ld, md) = (&f.json_ld, &f.microdata);
    let either = |s: Schema| ld.get(s) + md.get(s);
    let og = f.og_type.as_deref().unwrap_or("");
    // Forums: a thread's posting, a Q&A page, several comments as items.
    let article_schema = either(Schema::Article) > 0;
    // Comments as items under an article are its comment section.
    let comments =
        !article_schema && (md.get(Schema::Comment) >= 3 || ld.get(Schema::Comment) >= 2);
    if either(Schema::ForumPosting) > 0 || either(Schema::QaPage) > 0 || comments || f.forum_engine
    {
        return Some(PageType::Forum);
    }
    let products = either(Schema::Product);
    // `og:type` product, also in a shop's own namespace ("shop:product"):
    // the page is one product, whatever related products its JSON-LD lists.
    let og_product = og.starts_with("product") || og.ends_with(":product");
    if og_product && og != "product.group" && !article_schema {
        return Some(PageType::Product);
    }
    if og == "product.group"
        || either(Schema::CollectionPage) > 0 && products > 0
        || (ld.has(Schema::ItemList) && ld.get(Schema::Product) >= 2)
        || (products >= 3 && !article_schema)
    {
        return Some(PageType::Collection);
    }
    // A product with an offer (a price) is for sale here, whatever
    // `og:type` a shop's theme stamps on every page; a product alone under
    // `og:type` article is what a post reviews.
    let offered = products > 0 && either(Schema::Offer) > 0 && !article_schema;
    if og_product || offered || (products > 0 && !article_schema && og != "article") {
        return Some(PageType::Product);
    }
    let canonical = f.canonical.as_deref().unwrap_or("");
    let code = page
        .blocks
        .iter()
        .filter(|b| b.kind == crate::block::BlockKind::Pre)
        .count();
    if either(Schema::TechArticle) > 0
        || docs_url(canonical)
        || (code >= 3 && !f.published && !article_schema && !dated_url(canonical))
    {
        return Some(PageType::Documentation);
    }
    // A Service schema, not an article's: the page is the offer (a theme's
    // `og:type` article and publication date are on every page it serves).
    if either(Schema::Service) > 0 && !article_schema {
        return Some(PageType::Service);
    }
    if article_schema || f.published || og == "article" {
        return Some(PageType::Article);
    }
    // A page that says nothing and is mostly its comment section is a
    // discussion (a link aggregator's thread, a bulletin board without
    // markup): its comments are the content.
    if discussion(page) || bulletin_board(page) {
        return Some(PageType::Forum);
    }
    if either(Schema::SearchResultsPage) > 0 || either(Schema::CollectionPage) > 0 {
        return Some(PageType::Listing);
    }
    None
}

#[cfg(test)]
mod classify_tests {
    use super::*;

    fn type_of(html: &str) -> PageType {
        classify(&crate::segment::segments_of(html))
    }

    fn ld(t: &str) -> String {
        format!("<script type=application/ld+json>{{\"@type\":\"{t}\"}}</script>")
    }

    #[test]
    fn a_page_that_is_mostly_its_comments_is_a_discussion() {
        let comments: String = (0..30)
            .map(|n| {
                format!(
                    "<div class=comment><p>Reply {n}: I think the other side has a point here, \
                     but the numbers in the story do not add up for me at all.</p></div>"
                )
            })
            .collect();
        let story = "<h1>Ask: what are your predictions?</h1><p>Tell us.</p>";
        let thread = format!("<body>{story}<div class=comments>{comments}</div></body>");
        assert_eq!(type_of(&thread), PageType::Forum);
        // A post of real length above the same comments is still a post.
        let prose = "<p>The long post itself, with many words in it, goes on and on about the matter at hand, and then some more about it. </p>".repeat(12);
        let post =
            format!("<body><article>{prose}</article><div class=comments>{comments}</div></body>");
        assert_ne!(type_of(&post), PageType::Forum);
        // A theme's word on the body says nothing about comments.
        let themed = format!("<body class=comment-styles>{story}{comments}</body>");
        assert_ne!(type_of(&themed), PageType::Forum);
    }

    #[test]
    fn the_cascade_reads_what_pages_say_about_themselves() {
        assert_eq!(
            type_of("<p>Plain text, nothing said.</p>"),
            PageType::Article
        );
        assert_eq!(type_of(&ld("DiscussionForumPosting")), PageType::Forum);
        assert_eq!(type_of(&ld("QAPage")), PageType::Forum);
        assert_eq!(
            type_of("<meta name=generator content='Discourse 3.2'>"),
            PageType::Forum
        );
        assert_eq!(type_of(&ld("Product")), PageType::Product);
        assert_eq!(
            type_of("<meta property=og:type content=product.group>"),
            PageType::Collection
        );
        assert_eq!(type_of(&ld("Product").repeat(3)), PageType::Collection);
        // One product in a shop's own `og:type`, whatever related products
        // its JSON-LD lists; a product group stays a collection.
        let own = "<meta property=og:type content=shop_sharing:product>";
        assert_eq!(
            type_of(&format!("{own}{}", ld("Product").repeat(3))),
            PageType::Product
        );
        assert_eq!(
            type_of(&format!(
                "<meta property=og:type content=product.group>{}",
                ld("Product").repeat(3)
            )),
            PageType::Collection
        );
        assert_eq!(type_of(&ld("TechArticle")), PageType::Documentation);
        assert_eq!(
            type_of("<link rel=canonical href='https://docs.example.com/guide/start'>"),
            PageType::Documentation
        );
        assert_eq!(
            type_of("<link rel=canonical href='https://example.com/'>"),
            PageType::Service
        );
        assert_eq!(type_of(&ld("SearchResultsPage")), PageType::Listing);
    }

    #[test]
    fn a_service_schema_beats_a_themes_article_tags_but_not_an_article_schema() {
        // WordPress themes put og:type article and a publication date on
        // every page, the offer's too.
        let theme = "<meta property=og:type content=article>\
                     <meta property=article:published_time content=2024-05-01>";
        assert_eq!(
            type_of(&format!("{theme}{}", ld("ProfessionalService"))),
            PageType::Service
        );
        assert_eq!(type_of(theme), PageType::Article);
        assert_eq!(
            type_of(&format!("{theme}{}{}", ld("Service"), ld("BlogPosting"))),
            PageType::Article
        );
    }

    #[test]
    fn a_product_on_offer_is_a_product_under_a_themes_article_tag() {
        // Shop themes stamp og:type article on every page; a Product with
        // an Offer says the page sells it.
        let theme = "<meta property=og:type content=article>";
        assert_eq!(
            type_of(&format!("{theme}{}{}", ld("Product"), ld("Offer"))),
            PageType::Product
        );
        // A product alone is what a post reviews; an article's schema
        // keeps a post with an offer in it an article.
        assert_eq!(
            type_of(&format!("{theme}{}", ld("Product"))),
            PageType::Article
        );
        assert_eq!(
            type_of(&format!(
                "{theme}{}{}{}",
                ld("Product"),
                ld("Offer"),
                ld("BlogPosting")
            )),
            PageType::Article
        );
    }

    #[test]
    fn a_run_of_dated_posts_is_a_bulletin_board() {
        let post = |n: usize| {
            format!(
                "<div class=post><dl class=profile><dt>member{n}</dt><dd>Senator</dd>\
                 <dd>Founded: Oct 05, 2011</dd></dl><div class=body>\
                 <p>by member{n} » Tue Aug 27, 2019 1:47 am</p><p>Reply {n}: I think \
                 the league has a point here, but the numbers do not add up for me.</p>\
                 </div></div>"
            )
        };
        let posts: String = (0..10).map(post).collect();
        let board = format!("<body><h1>Football thread</h1><div class=topic>{posts}</div></body>");
        assert_eq!(type_of(&board), PageType::Forum);
        // A story of real length above the same posts is still a story.
        let prose = "<p>The long post itself, with many words in it, goes on and on about the \
                     matter at hand, and then some more about it. </p>"
            .repeat(8);
        let story =
            format!("<body><article>{prose}</article><div class=topic>{posts}</div></body>");
        assert_ne!(type_of(&story), PageType::Forum);
        // Teasers are their headlines' links, however dated.
        let teaser = |n: usize| {
            format!(
                "<div class=card><p><a href=/n{n}>A headline of the news item number {n} here</a>\
                 </p><p>Aug 27, 2019</p><p><a href=/n{n}>Read more about it</a></p></div>"
            )
        };
        let cards: String = (0..6).map(teaser).collect();
        assert_ne!(
            type_of(&format!("<body><div>{cards}</div></body>")),
            PageType::Forum
        );
        // A theme's sections around a story are a layout: the one holding
        // most of the text is not a post.
        let sections = format!(
            "<body><div class=sec><p>Aug 27, 2019</p></div><div class=sec><p>Aug 27, 2019</p>\
             {prose}</div><div class=sec><p>Aug 28, 2019</p></div><div class=sec>\
             <p>Aug 29, 2019</p></div></body>"
        );
        assert_ne!(type_of(&sections), PageType::Forum);
    }

    #[test]
    fn articles_with_comments_products_or_a_query_stay_articles() {
        let comments =
            "<div itemscope itemtype=https://schema.org/Comment><p>c</p></div>".repeat(4);
        assert_eq!(
            type_of(&comments),
            PageType::Forum,
            "comments alone: a thread"
        );
        assert_eq!(
            type_of(&format!("{}{comments}", ld("NewsArticle"))),
            PageType::Article
        );
        assert_eq!(
            type_of(&format!("{}{}", ld("Review"), ld("BlogPosting"))),
            PageType::Article
        );
        assert_eq!(
            type_of(
                "<meta property=og:type content=article>\
                 <div itemscope itemtype=http://schema.org/Product>x</div>"
            ),
            PageType::Article
        );
        assert_eq!(
            type_of("<link rel=canonical href='http://blog.example.de/?p=2895'>"),
            PageType::Article
        );
        let code = "<pre>let x = 1;</pre>".repeat(3);
        assert_eq!(type_of(&code), PageType::Documentation);
        assert_eq!(
            type_of(&format!(
                "<link rel=canonical href='https://example.com/2018/10/09/a-post/'>{code}"
            )),
            PageType::Article,
            "a dated post with code is a blog post"
        );
    }
}
