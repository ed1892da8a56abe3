//! Page types on the corpus: for the pages of the non-article types (and
//! two articles), the type `unboil::clean` detects and the strings its text
//! must and must not hold, one test per page, read as a table. What must be
//! there is the content the type's profile is for (a thread's posts, a
//! product's description and specifications, a listing's cards, a docs
//! page's code); what must not is chrome that is on the page (each such
//! string is checked to be in the page's source, so the assertion cannot
//! pass for want of the string). The faults these pages show today
//! (`corpus/README.md`, "Known faults") are not asserted either way, except
//! where the detected type is one.

use std::path::Path;

use unboil::{Options, PageType};

/// Clean `corpus/<file>` with the default options and check its type and
/// text: every `contains` string is in the text, in the order given (so a
/// thread's posts stay in order); no `absent` string is, and each of them
/// is in the page's source.
fn check(file: &str, page_type: PageType, contains: &[&str], absent: &[&str]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(file);
    let html = std::fs::read(&path).unwrap();
    let source = String::from_utf8_lossy(&html);
    let doc = unboil::clean(&html, &Options::default()).unwrap();
    assert_eq!(doc.page_type, Some(page_type), "{file}");
    let text = &doc.text;
    let mut from = 0;
    for s in contains {
        match text[from..].find(s) {
            Some(at) => from += at + s.len(),
            None if text.contains(s) => panic!("{file}: {s:?} out of order in:\n{text}"),
            None => panic!("{file}: {s:?} missing from:\n{text}"),
        }
    }
    for s in absent {
        assert!(source.contains(s), "{file}: {s:?} is not on the page");
        assert!(!text.contains(s), "{file}: {s:?} leaked into:\n{text}");
    }
}

#[test]
fn forum_thread_keeps_every_post_and_drops_member_stats() {
    check(
        "forum-thread.html",
        PageType::Forum,
        &[
            "Pressure canner gauge reads low after replacing the gasket",
            "I replaced the rubber gasket on my old dial-gauge canner",
            "Before the swap the two agreed within half a pound.",
            "A gasket does not change what the gauge reads",
            "Until then, trust the weighted regulator",
            "Thank you, that makes sense.",
        ],
        &[
            "Joined",
            "1,208",
            "Well-known member",
            "Canning and preserving",
            "Similar threads",
            "Canner lid will not seal after the first batch",
            "Log in",
            "Terms and rules",
            "Community platform by Example Software",
        ],
    );
}

#[test]
fn discourse_topic_is_read_from_noscript() {
    check(
        "discourse-noscript.html",
        PageType::Forum,
        &[
            "Every night the scheduled backup to my NAS stops",
            "Could the backup be waking it too slowly?",
            "The disks take about forty seconds to spin up",
            "two nights without a failure so far",
        ],
        &[
            "Loading the community, one moment.",
            "Ask questions and share what you learned",
            "Related topics",
            "Restore is slow over wifi",
            "Powered by Discourse",
        ],
    );
}

#[test]
fn product_keeps_description_and_specs_not_recommendations() {
    check(
        "product-page.html",
        PageType::Product,
        &[
            "Fenwick 2-Slice Stoneware Toaster",
            "$89.00",
            "a heating element that runs the full height of the bread",
            "the six browning levels are marked on a plain dial",
            "Extra-wide slots for bagels and sourdough\nReheat and defrost settings\nRemovable crumb tray",
            "Weight | 5.3 lb",
            "Warranty | 2 years",
        ],
        &[
            "Free shipping on orders over $50",
            "Cart (0)",
            "Kitchen",
            "Add to cart",
            "Sage",
            "You may also like",
            "Fenwick Electric Kettle",
            "$79.00",
            "Join our list",
            "Get 10% off your first order",
            "© 2026 Orrin Home",
        ],
    );
}

#[test]
fn listing_keeps_every_card_title_and_teaser() {
    // No schema says what the page is: the page-type model finds a
    // listing in its repeated cards, and the listing profile keeps its h1.
    check(
        "listing-cards.html",
        PageType::Listing,
        &[
            "Science",
            "The latest from laboratories, field stations and observatories.",
            "Volunteers count twice as many moths as last summer",
            "the highest night-time counts since the survey began in 1998",
            "Ice cores from the Varden glacier reach the lab",
            "four centuries of snowfall",
            "River otters return to the lower Callow",
            "A solar kiln dries timber in half the time",
            "The county seed bank adds its thousandth variety",
            "A bean grown by one family for five generations",
        ],
        &[
            "Most read",
            "Bridge closes for repairs",
            "Sport",
            "About us",
            "© 2026 The Lantern Gazette",
        ],
    );
}

#[test]
fn section_front_that_says_article_keeps_its_stories() {
    // og:type article on a section page (sites stamp it on every page):
    // the element chosen first is the intro line, a sliver of the main
    // region, so the region's story items are kept though linked.
    check(
        "section-front.html",
        PageType::Article,
        &[
            "Reporting on clinics, public health",
            "The Eastgate clinic opens on Saturdays from April",
            "the first weekend hours the clinic has offered",
            "A late flu season fills the children's ward",
            "Well owners can have their water tested for free",
            "A walking group for people recovering from heart surgery",
            "Why the valley has one dentist for every six thousand people",
            "A pharmacy van now stops in four hill villages",
            "checks blood pressure while people wait",
        ],
        &[
            "Load more stories",
            "Popular",
            "Ferry timetable changes in May",
            "Donate",
            "© 2026 Harbor Public Radio",
        ],
    );
}

#[test]
fn product_grid_keeps_short_cards() {
    // A shop category with no schema (the model is not sure: an article
    // by default): its cards, a linked name and a price each, are the
    // items of a list, not a box of links.
    check(
        "product-grid.html",
        PageType::Article,
        &[
            "Solid Oak Desk Shelf",
            "$49",
            "Walnut Cable Management Tray",
            "LED Task Lamp with Clamp",
            "Under-Desk Headphone Hook",
            "$15",
        ],
        &["Chairs", "Sale", "Returns", "© 2026 Fernhill Office"],
    );
}

#[test]
fn course_list_keeps_linked_titles_of_its_items() {
    // No schema, no landmarks: the list of courses is chosen as the main
    // element and its prose is enough, so the region attempt never runs;
    // each course's title is a link, and stays as the item's heading.
    check(
        "course-list.html",
        PageType::Article,
        &[
            "Bookkeeping for small businesses",
            "Six evening sessions on ledgers",
            "Introduction to MIG welding",
            "Conversational Spanish, beginners",
            "Pruning fruit trees",
            "First aid at work",
            "Friday 24 April, 9 am to 5 pm, the sports hall.",
        ],
        &["Apply", "Library", "Station Road", "Privacy"],
    );
}

#[test]
fn service_landing_keeps_sections_and_hidden_faq_answers() {
    check(
        "service-landing.html",
        PageType::Service,
        &[
            "Bookkeeping for workshops that would rather be making things",
            "so the month-end pile of receipts is no longer yours to sort",
            "What we do",
            "chase the ones that are missing",
            "Quarterly returns, filed for you",
            "checked by a second person",
            "Do I need to change banks?",
            "read the feed only",
            "How much does it cost?",
            "quoted before you sign anything",
        ],
        &[
            "Pricing",
            "We use cookies",
            "Accept",
            "Imprint",
            "© 2026 Tidewell Bookkeeping",
        ],
    );
}

#[test]
fn docs_page_keeps_code_samples_whole_and_drops_docs_chrome() {
    check(
        "docs-page.html",
        PageType::Documentation,
        &[
            "Rate limits",
            "Every API key may send 600 requests per minute.",
            "X-RateLimit-Limit: 600\nX-RateLimit-Remaining: 42\nX-RateLimit-Reset: 1767225600",
            "The reset time is a Unix timestamp in seconds",
            "Retrying",
            "for attempt in range(5):\n    response = client.get(\"/v2/orders\")\n    if response.status != 429:\n        break",
            "Enterprise | 6,000",
        ],
        &[
            "Search the docs",
            "Getting started",
            "Webhooks",
            "Was this page helpful?",
            "Edit this page",
            "Changelog",
            "© 2026 Quarrel Ltd.",
        ],
    );
}

#[test]
fn react_streamed_article_is_read_from_its_hidden_segment() {
    check(
        "react-streamed.html",
        PageType::Article,
        &[
            "The lower gates of the Mossgrove lock had leaked for a decade",
            "Volunteers numbered every brick as it came out",
            "the chamber now fills in six minutes",
        ],
        &["Loading…", "Posts", "© 2026 Canal Notes"],
    );
}

#[test]
fn wordpress_autoblog_is_an_article() {
    check(
        "autoblog-wordpress.html",
        PageType::Article,
        &[
            "Harrowgate borough council voted 6 to 1",
            "Residents split over location",
            "fourteen months",
        ],
        &[
            "Text Alerts",
            "(201) 335-0739",
            "Source link",
            "Scroll to Top",
            "Recent Posts",
            "Powered by",
        ],
    );
}

#[test]
fn news_story_with_byline_is_an_article() {
    check(
        "news-with-byline.html",
        PageType::Article,
        &[
            "OAKHURST, March 2",
            "grain dust",
            "post a guard at the site",
        ],
        &["By Jane Marlow", "Firefighters spray water", "Tags:"],
    );
}
