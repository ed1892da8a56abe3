//! Page model: a learned page-type classifier for pages that do not say
//! what they are. Features come from what the segmenter already collected
//! (blocks, subtrees, the page's facts and canonical URL): the shape of
//! the address, schema types, how the text is spread over paragraphs,
//! headings, lists, code and links, repeated sibling items, prices, and
//! the class words on the blocks' paths. The model is a multinomial
//! logistic regression trained by `scripts/train_page_type.py` on the
//! WCEB dev pages (cross-validated by site) and stored as text in
//! `src/rules/page-type-model.txt`; it runs here in plain Rust.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::block::{BlockKind, Flags, Tag};
use crate::page_type::{PageType, Schema};
use crate::segment::Segments;

/// The features, by name, in the order [`features`] returns them.
pub const FEATURES: [&str; N] = [
    "url_known",
    "path_depth",
    "url_home",
    "url_dated",
    "url_docs",
    "url_query",
    "url_numeric_id",
    "url_trailing_slash",
    "url_product_word",
    "url_listing_word",
    "url_forum_word",
    "url_service_word",
    "url_article_word",
    "slug_words",
    "schema_article",
    "schema_tech",
    "schema_forum",
    "schema_qa",
    "schema_comments",
    "schema_products",
    "schema_offer",
    "schema_itemlist",
    "schema_collection",
    "schema_search",
    "schema_faq",
    "schema_service",
    "published",
    "forum_engine",
    "og_article",
    "og_product",
    "og_website",
    "og_none",
    "log_blocks",
    "log_chars",
    "link_density",
    "prose_share",
    "log_prose",
    "heading_share",
    "log_headings",
    "list_item_share",
    "cell_share",
    "log_pre",
    "pre_share",
    "log_mean_chars",
    "short_share",
    "comments_share",
    "article_share",
    "has_main",
    "chrome_share",
    "log_prices",
    "price_share",
    "log_articles",
    "log_group_size",
    "group_share",
    "log_group_item_chars",
    "log_groups",
    "groups_share",
    "group_link_density",
    "log_inputs",
    "log_items",
    "path_product",
    "path_post",
    "path_docs",
    "path_card",
    "path_article",
    "path_section",
];

/// How many features there are.
pub const N: usize = 66;

/// Words in a URL path, each with the feature it counts for.
const URL_WORDS: [(&str, usize); 40] = [
    ("/product", 8),
    ("/p/", 8),
    ("/dp/", 8),
    ("/item", 8),
    ("/shop/", 8),
    ("/buy", 8),
    ("/category", 9),
    ("/categories", 9),
    ("/c/", 9),
    ("/collections", 9),
    ("/search", 9),
    ("/tag/", 9),
    ("/tags/", 9),
    ("/list", 9),
    ("/browse", 9),
    ("/chart", 9),
    ("/directory", 9),
    ("/forum", 10),
    ("/thread", 10),
    ("/topic", 10),
    ("/t/", 10),
    ("/questions/", 10),
    ("/comments/", 10),
    ("viewtopic", 10),
    ("/discussion", 10),
    ("/community", 10),
    ("showthread", 10),
    ("/services", 11),
    ("/service/", 11),
    ("/solutions", 11),
    ("/pricing", 11),
    ("/features", 11),
    ("/platform", 11),
    ("/industries", 11),
    ("/blog", 12),
    ("/news", 12),
    ("/article", 12),
    ("/post", 12),
    ("/story", 12),
    ("/stories", 12),
];

/// Class words on block paths, each with the feature it counts for.
const PATH_WORDS: [(&str, usize); 37] = [
    ("product", 60),
    ("price", 60),
    ("cart", 60),
    ("basket", 60),
    ("sku", 60),
    ("pdp", 60),
    ("add-to", 60),
    ("post", 61),
    ("comment", 61),
    ("reply", 61),
    ("message", 61),
    ("thread", 61),
    ("answer", 61),
    ("topic", 61),
    ("forum", 61),
    ("doc", 62),
    ("toc", 62),
    ("markdown", 62),
    ("highlight", 62),
    ("api", 62),
    ("card", 63),
    ("tile", 63),
    ("grid", 63),
    ("item", 63),
    ("teaser", 63),
    ("listing", 63),
    ("result", 63),
    ("article", 64),
    ("entry", 64),
    ("story", 64),
    ("hero", 65),
    ("cta", 65),
    ("feature", 65),
    ("banner", 65),
    ("testimonial", 65),
    ("elementor", 65),
    ("wp-block", 65),
];

static URL_AC: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(URL_WORDS.iter().map(|w| w.0)).expect("fixed URL words build")
});
static PATH_AC: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(PATH_WORDS.iter().map(|w| w.0)).expect("fixed path words build")
});

/// `ln1p(1 + x)`: counts of any size, 0 for none.
fn ln1p(x: f64) -> f32 {
    (1.0 + x).ln() as f32
}

fn share(part: u64, whole: u64) -> f32 {
    if whole == 0 {
        0.0
    } else {
        (part as f64 / whole as f64) as f32
    }
}

/// A short block that states a price: a currency sign or code next to a digit.
pub(crate) fn is_price(text: &str) -> bool {
    let has_digit = text.bytes().any(|b| b.is_ascii_digit());
    has_digit
        && (text.contains(['$', '€', '£', '¥', '₹'])
            || text.contains("USD")
            || text.contains("EUR")
            || text.contains("GBP"))
}

/// The URL features (canonical or `og:url`) into `f[0..14]`.
fn url_features(url: &str, f: &mut [f32; N]) {
    if url.is_empty() {
        return;
    }
    f[0] = 1.0;
    let u = url.to_ascii_lowercase();
    let rest = u.split_once("://").map_or(u.as_str(), |(_, r)| r);
    let (_, path) = rest.split_once('/').unwrap_or((rest, ""));
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let path = path.split('#').next().unwrap_or("");
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    f[1] = segs.len().min(8) as f32;
    f[2] = crate::page_type::home_url(url) as u8 as f32;
    f[3] = crate::page_type::dated_url(url) as u8 as f32;
    f[4] = crate::page_type::docs_url(url) as u8 as f32;
    f[5] = (!query.is_empty()) as u8 as f32;
    f[6] = segs
        .iter()
        .any(|s| s.len() >= 4 && s.bytes().filter(u8::is_ascii_digit).count() * 2 >= s.len())
        as u8 as f32;
    f[7] = path.ends_with('/') as u8 as f32;
    let slashed = format!("/{path}");
    for m in URL_AC.find_overlapping_iter(&slashed) {
        f[URL_WORDS[m.pattern().as_usize()].1] = 1.0;
    }
    let last = segs.last().copied().unwrap_or("");
    let last = last.rsplit_once('.').map_or(last, |(a, _)| a);
    f[13] = (last.matches(['-', '_']).count() + usize::from(!last.is_empty())).min(20) as f32;
}

/// The features of a segmented page, in the order of [`FEATURES`].
pub fn features(page: &Segments) -> [f32; N] {
    let mut f = [0f32; N];
    let facts = &page.facts;
    url_features(facts.canonical.as_deref().unwrap_or(""), &mut f);
    let either = |s: Schema| (facts.json_ld.get(s) + facts.microdata.get(s)) as f64;
    f[14] = ln1p(either(Schema::Article));
    f[15] = ln1p(either(Schema::TechArticle));
    f[16] = ln1p(either(Schema::ForumPosting));
    f[17] = ln1p(either(Schema::QaPage) + either(Schema::Question) + either(Schema::Answer));
    f[18] = ln1p(either(Schema::Comment));
    f[19] = ln1p(either(Schema::Product));
    f[20] = ln1p(either(Schema::Offer));
    f[21] = ln1p(either(Schema::ItemList));
    f[22] = ln1p(either(Schema::CollectionPage));
    f[23] = ln1p(either(Schema::SearchResultsPage));
    f[24] = ln1p(either(Schema::FaqPage));
    f[25] = ln1p(either(Schema::Service));
    f[26] = facts.published as u8 as f32;
    f[27] = facts.forum_engine as u8 as f32;
    let og = facts.og_type.as_deref().unwrap_or("");
    f[28] = (og == "article") as u8 as f32;
    f[29] = og.starts_with("product") as u8 as f32;
    f[30] = (og == "website") as u8 as f32;
    f[31] = og.is_empty() as u8 as f32;

    // Blocks: how the text is spread.
    let blocks = &page.blocks;
    let n = blocks.len() as u64;
    let (mut chars, mut links, mut prose_chars, mut prose) = (0u64, 0u64, 0u64, 0u64);
    let (mut headings, mut items, mut cells, mut pre, mut pre_chars) = (0u64, 0, 0, 0, 0u64);
    let (mut short, mut comments, mut article, mut chrome, mut prices) =
        (0u64, 0u64, 0u64, 0u64, 0);
    let mut path_hits = [0u64; 6];
    let mut seen = [false; 6];
    let mut last_path: Option<&str> = None;
    for b in blocks {
        let c = b.chars as u64;
        chars += c;
        links += b.link_chars as u64;
        match b.kind {
            BlockKind::Heading(_) => headings += 1,
            BlockKind::ListItem => items += 1,
            BlockKind::Cell => cells += 1,
            BlockKind::Pre => {
                pre += 1;
                pre_chars += c;
            }
            BlockKind::Paragraph if b.chars >= 80 && b.link_density() < 0.25 => {
                prose += 1;
                prose_chars += c;
            }
            _ => {}
        }
        if b.chars < 30 {
            short += 1;
            if is_price(&b.text) {
                prices += 1;
            }
        }
        if b.flags.has(Flags::COMMENTS) {
            comments += c;
        }
        if b.flags.has(Flags::ARTICLE) {
            article += c;
        }
        if b.flags.0 & (Flags::CHROME_TAG | Flags::UNLIKELY) != 0 {
            chrome += c;
        }
        // Blocks of one box share their path: scan each path once.
        if last_path != Some(b.path.as_str()) {
            seen = [false; 6];
            for m in PATH_AC.find_overlapping_iter(&b.path) {
                seen[PATH_WORDS[m.pattern().as_usize()].1 - 60] = true;
            }
            last_path = Some(b.path.as_str());
        }
        for (h, s) in path_hits.iter_mut().zip(seen) {
            *h += s as u64;
        }
    }
    f[32] = ln1p(n as f64);
    f[33] = ln1p(chars as f64);
    f[34] = share(links, chars);
    f[35] = share(prose_chars, chars);
    f[36] = ln1p(prose as f64);
    f[37] = share(headings, n);
    f[38] = ln1p(headings as f64);
    f[39] = share(items, n);
    f[40] = share(cells, n);
    f[41] = ln1p(pre as f64);
    f[42] = share(pre_chars, chars);
    f[43] = if n == 0 {
        0.0
    } else {
        ln1p(chars as f64 / n as f64)
    };
    f[44] = share(short, n);
    f[45] = share(comments, chars);
    f[46] = share(article, chars);
    f[47] = page.subtrees.iter().any(|s| s.own_flags.has(Flags::MAIN)) as u8 as f32;
    f[48] = share(chrome, chars);
    f[49] = ln1p(prices as f64);
    f[50] = share(prices, n);
    for (k, h) in path_hits.iter().enumerate() {
        f[60 + k] = share(*h, n);
    }

    // Subtrees: repeated sibling items.
    let mut articles = 0u64;
    let mut micro_items = 0u64;
    let mut inputs = 0u64;
    // Repeated siblings: (parent, signature) keys sorted, so a group is a run.
    let mut keyed: Vec<(u64, u32, u32)> = Vec::with_capacity(page.subtrees.len());
    for s in &page.subtrees {
        if s.tag == Tag::Article {
            articles += 1;
        }
        if s.item != Schema::Other {
            micro_items += 1;
        }
        if s.id == 0 {
            inputs = s.inputs as u64;
            continue;
        }
        if s.chars > 0 {
            keyed.push((
                ((s.parent as u64) << 32) | s.sig as u64,
                s.chars,
                s.link_chars,
            ));
        }
    }
    keyed.sort_unstable_by_key(|k| k.0);
    let mut best = (0u32, 0u64, 0u64);
    let (mut count, mut in_groups) = (0u64, 0u64);
    for run in keyed.chunk_by(|a, b| a.0 == b.0) {
        if run.len() >= 3 {
            let g = (
                run.len() as u32,
                run.iter().map(|k| k.1 as u64).sum::<u64>(),
                run.iter().map(|k| k.2 as u64).sum::<u64>(),
            );
            count += 1;
            in_groups += g.1;
            if g.1 > best.1 {
                best = g;
            }
        }
    }
    f[51] = ln1p(articles as f64);
    f[52] = ln1p(best.0 as f64);
    f[53] = share(best.1, chars);
    f[54] = if best.0 == 0 {
        0.0
    } else {
        ln1p(best.1 as f64 / best.0 as f64)
    };
    f[55] = ln1p(count as f64);
    f[56] = share(in_groups, chars).min(4.0);
    f[57] = share(best.2, best.1);
    f[58] = ln1p(inputs as f64);
    f[59] = ln1p(micro_items as f64);
    f
}

/// The trained model: per feature a mean and scale, per type a bias and a
/// weight for each standardized feature.
struct Model {
    /// A type other than article is taken when its probability is at
    /// least this (an article taken for a listing costs more than the
    /// other way round).
    threshold: f32,
    /// The types the model may give; for the others it says article
    /// (their profiles measured no better than the article one's).
    apply: Vec<PageType>,
    mean: [f32; N],
    scale: [f32; N],
    classes: Vec<(PageType, f32, [f32; N])>,
}

static MODEL: LazyLock<Option<Model>> =
    LazyLock::new(|| parse(include_str!("rules/page-type-model.txt")));

/// The lines of a model file (`src/rules/*-model.txt`) that say
/// something: its first word and the rest, blank lines and `#` comments
/// skipped. The page-type and the block model files share this form.
pub(crate) fn model_lines(
    text: &str,
) -> impl Iterator<Item = (&str, std::str::SplitAsciiWhitespace<'_>)> {
    text.lines().filter_map(|line| {
        let line = line.trim();
        if line.starts_with('#') {
            return None;
        }
        let mut it = line.split_ascii_whitespace();
        Some((it.next()?, it))
    })
}

/// Reads the model file: `mean`, `scale` lines, then one line per type
/// (`<type> <bias> <weights>`); `None` when it does not match [`FEATURES`].
fn parse(text: &str) -> Option<Model> {
    let mut mean = None;
    let mut scale = None;
    let mut threshold = None;
    let mut apply = Vec::new();
    let mut classes = Vec::new();
    let row = |it: std::str::SplitAsciiWhitespace| -> Option<[f32; N]> {
        let v: Vec<f32> = it.map(|x| x.parse().ok()).collect::<Option<_>>()?;
        v.try_into().ok()
    };
    for (head, mut it) in model_lines(text) {
        match head {
            "features" => {
                let names: Vec<&str> = it.collect();
                if names != FEATURES {
                    return None;
                }
            }
            "threshold" => threshold = Some(it.next()?.parse().ok()?),
            "apply" => {
                for name in it {
                    apply.push(PageType::ALL.into_iter().find(|t| t.as_str() == name)?);
                }
            }
            "mean" => mean = Some(row(it)?),
            "scale" => scale = Some(row(it)?),
            name => {
                let t = PageType::ALL.into_iter().find(|t| t.as_str() == name)?;
                let bias: f32 = it.next()?.parse().ok()?;
                classes.push((t, bias, row(it)?));
            }
        }
    }
    Some(Model {
        threshold: threshold?,
        apply,
        mean: mean?,
        scale: scale?,
        classes,
    })
}

/// The model's probability for each type it knows, from features `f`.
pub fn probabilities(f: &[f32; N]) -> Vec<(PageType, f32)> {
    let Some(m) = MODEL.as_ref() else {
        return Vec::new();
    };
    let z: [f32; N] = std::array::from_fn(|i| {
        if m.scale[i] > 0.0 {
            (f[i] - m.mean[i]) / m.scale[i]
        } else {
            0.0
        }
    });
    let logits: Vec<f32> = m
        .classes
        .iter()
        .map(|(_, b, w)| b + w.iter().zip(&z).map(|(w, x)| w * x).sum::<f32>())
        .collect();
    let top = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exp: Vec<f32> = logits.iter().map(|l| (l - top).exp()).collect();
    let sum: f32 = exp.iter().sum();
    m.classes
        .iter()
        .zip(exp)
        .map(|((t, _, _), e)| (*t, e / sum))
        .collect()
}

/// The model's type for `page`: the most likely one when it reaches the
/// model's threshold and is one the model may give; `None` when it is
/// not sure, or there is no model.
pub fn predict(page: &Segments) -> Option<PageType> {
    let m = MODEL.as_ref()?;
    let (t, p) = probabilities(&features(page))
        .into_iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    (p >= m.threshold && m.apply.contains(&t)).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::segment::segments_of as page;

    fn feature(f: &[f32; N], name: &str) -> f32 {
        f[FEATURES.iter().position(|n| *n == name).unwrap()]
    }

    /// A page of cards: links around a title and a teaser, under an h1.
    fn cards(n: usize) -> String {
        let card = |i: usize| {
            format!(
                "<article class=card><a href=/s/{i}><h2>Story {i} about the new harbour \
                 crane</h2><p>A teaser of story {i}, a line long, about the works.</p></a>\
                 <span class=date>May {i}</span></article>"
            )
        };
        format!(
            "<link rel=canonical href='https://example.com/news/'><body><header><nav>\
             <a href=/>Home</a></nav></header><main><h1>News</h1><div class=list>{}</div>\
             </main></body>",
            (1..=n).map(card).collect::<String>()
        )
    }

    #[test]
    fn the_model_file_matches_the_features() {
        let m = MODEL
            .as_ref()
            .expect("src/rules/page-type-model.txt parses");
        assert!(!m.classes.is_empty());
        assert!(m.scale.iter().all(|s| s.is_finite() && *s >= 0.0));
        assert!((0.0..=1.0).contains(&m.threshold));
    }

    #[test]
    fn features_read_the_address_prices_and_repeated_items() {
        let f = features(&page(&cards(8)));
        assert_eq!(feature(&f, "url_known"), 1.0);
        assert_eq!(feature(&f, "path_depth"), 1.0);
        assert_eq!(feature(&f, "url_article_word"), 1.0, "/news");
        assert_eq!(feature(&f, "log_articles"), ln1p(8.0));
        assert_eq!(feature(&f, "log_group_size"), ln1p(8.0));
        assert!(feature(&f, "group_share") > 0.9);
        assert!(feature(&f, "path_card") > 0.8);
        let shop = page(
            "<link rel=canonical href='https://shop.example/product/kettle-2'>\
             <div class=product><h1>Kettle</h1><p class=price>$79.00</p>\
             <p>A kettle that boils a litre in three minutes, with a filter.</p></div>",
        );
        let f = features(&shop);
        assert_eq!(feature(&f, "url_product_word"), 1.0);
        assert_eq!(feature(&f, "log_prices"), ln1p(1.0));
        assert!(feature(&f, "path_product") > 0.5);
        assert_eq!(feature(&f, "slug_words"), 2.0);
    }

    #[test]
    fn a_page_of_cards_is_a_listing_and_a_story_is_not() {
        assert_eq!(predict(&page(&cards(8))), Some(PageType::Listing));
        let story = format!(
            "<link rel=canonical href='https://example.com/2026/05/03/the-new-crane-arrives'>\
             <body><main><article><h1>The new crane arrives</h1>{}</article></main></body>",
            "<p>The crane came by barge on Tuesday, and the harbour master, who had \
             waited for it since March, watched it land from the quay.</p>"
                .repeat(6)
        );
        assert_eq!(predict(&page(&story)), None);
    }

    #[test]
    fn parse_refuses_a_model_for_other_features() {
        assert!(parse("threshold 0.5\nfeatures a b c\n").is_none());
        assert!(parse("").is_none());
    }
}
