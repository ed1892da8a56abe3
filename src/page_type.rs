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
