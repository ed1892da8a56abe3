//! Params: every threshold selection uses, in one table.
//!
//! Each field says what it is for. [`Params::default`] is the balanced
//! table; [`Params::with_favor`] lays the precision or recall overlay on
//! it, and a page type's profile lays its own overlay on that (see
//! `profile`). Nothing in the passes is a bare number that is not here,
//! except the structure of the rules themselves.

use crate::{Favor, PageType};

/// The thresholds of scoring and of every selection pass.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    // --- scoring (`score`) ---
    /// Blocks shorter than this (characters) do not credit their ancestors:
    /// a date or a button label says nothing about where the text is.
    pub min_scored_chars: u32,
    /// A scored block is worth `1 + commas + min(chars / chars_per_point,
    /// max_length_points)`: Readability's paragraph score.
    pub chars_per_point: f32,
    pub max_length_points: f32,
    /// Ancestors a block credits, its parent first (full score, then half,
    /// then a third per level).
    pub credit_levels: u32,
    /// Starting score of a container by its tag (Readability's
    /// `initializeNode`): boxes that hold text, lists and headings that
    /// rarely are the article.
    pub init_box: f32,
    pub init_pre: f32,
    pub init_list: f32,
    pub init_heading: f32,
    /// Class/id weights are clamped to this (either sign).
    pub max_class_weight: i32,

    // --- candidate ---
    /// A box with this many `<article>` children is a list of posts.
    pub listing_min_articles: u32,
    /// ... and it and everything in it score this share.
    pub listing_factor: f32,
    /// Readability's alternative candidates: the best few that score at
    /// least `alternative_ratio` of the best...
    pub alternatives: usize,
    pub alternative_ratio: f32,
    /// ... and when this many of them share an ancestor, it is the article.
    pub alternatives_shared: usize,
    /// The climb stops at an ancestor scoring under this share of the
    /// candidate's score.
    pub climb_floor: f32,
    /// A choice that is one of at least this many sibling posts (one
    /// signature, most of their parent's text) widens to their parent: a
    /// thread's posts are all its content (0: never; see `candidate::thread`).
    pub thread_min_posts: u32,
    /// In such a thread, a place of the posts' template (the same element
    /// path in at least half the posts, not the one holding most text)
    /// whose blocks average at most this many characters is the forum's
    /// chrome: user cards, vote counts, "2 Likes" (0: kept; see `posts`).
    pub post_chrome_chars: u32,
    /// ... and a line of the thread's counters ("7 Posts 3 Posters 15.8k
    /// Views", "Asked 11 years ago") at most this long goes too.
    pub post_stats_chars: u32,
    /// ... and each post's header stays, the poster's name and the post's
    /// date, which a reader of a thread reads with its text: the last line
    /// of at most this many characters before the post's body that holds a
    /// date, and, when that line is a date alone, the poster's name (see
    /// `posts::headers`; 0: they go as the template's chrome).
    pub post_header_chars: u32,
    /// ... and what the posts' body box holds stays, even where it went as
    /// a box of links or a link-dense line (a short post, a reply that is
    /// a link; see `posts::restore`).
    pub restore_post_text: bool,

    // --- expand ---
    /// A sibling joins when it scores at least this share of the chosen
    /// element (and at least `sibling_min_score`).
    pub sibling_ratio: f32,
    pub sibling_min_score: f32,
    /// A sibling with the same positive class weight and flags as the
    /// chosen element gets this share of its score as a bonus.
    pub sibling_bonus: f32,
    /// A `<p>` sibling this long with less link text than `prose_link_density`
    /// is prose and joins; so does text the parent holds directly.
    pub prose_chars: u32,
    pub prose_link_density: f32,
    /// Extension outward from the chosen range: a block joins when it is
    /// at least `extend_chars` long with link density under
    /// `extend_link_density`; up to `extend_gap` short blocks are stepped over.
    pub extend_chars: u32,
    pub extend_link_density: f32,
    pub extend_gap: usize,
    /// Short blocks stepped over must have less link density than this.
    pub extend_short_link_density: f32,
    /// A lead is at least this long, with link density under
    /// `extend_link_density`; one up to `lead_reach` blocks above the text,
    /// in the same article box, joins even past a stop.
    pub lead_chars: u32,
    pub lead_reach: usize,

    /// The region attempt runs when the kept text is less than this share
    /// of the one `<main>`'s visible text...
    pub widen_main_ratio: f64,
    /// ... or, on a page without one `<main>`, of the body's visible text
    /// outside its navigation, header, footer and asides (0: never; the
    /// body holds more than the text on too many article pages).
    pub widen_body_ratio: f64,
    /// ... and only when it kept less prose than this (characters of
    /// paragraphs: at least `prose_chars` long, link density under
    /// `prose_link_density`).
    pub widen_body_max_prose: u32,
    /// The one `<main>` is a React shell when its own text is less than
    /// this share of the text streamed into its placeholders (segments
    /// `<div hidden id="S:0">` at the end of the body): the region then
    /// holds those segments. (Where the main has text of its own, what is
    /// streamed into it is more often feeds and recommendations.)
    pub streamed_shell_ratio: f64,

    /// A list of items: at least `items_min` children of one signature
    /// with `item_chars` characters each on average, holding at least
    /// `items_share` of their parent's text. (A product card is a name and
    /// a price, 20 to 30 characters: `item_chars` is under that; a menu's
    /// entries are shorter, and a menu is rarely half its region.)
    pub items_min: u32,
    pub item_chars: u32,
    pub items_share: f64,
    /// ... and at least this share of the region's text.
    pub items_page_share: f64,
    /// Items longer than this on average are sections of a layout, not
    /// the cards of a list.
    pub item_max_chars: u32,
    /// ... or more blocks than this on average (a box of lists).
    pub item_max_blocks: u32,
    /// Items of lists are exempt from link density and boilerplate boxes
    /// when the region is the content (not on a page that says it is an
    /// article: there a list of links is other articles).
    pub keep_items: bool,
    /// ... but where `keep_items` is off they are exempt after all when
    /// the first attempt kept less than this share of the region's text
    /// (0: never): a section front or a "List of" page that states it is
    /// an article, where the one element chosen is a sliver of the items.
    pub items_if_kept_below: f64,
    /// ... and when it kept less than this share (0: never), the items
    /// are spread over the whole landmark region, not the one element
    /// chosen: the region attempt runs and wins when it keeps more, as on
    /// a listing.
    pub items_widen_below: f64,
    /// A grid of priced cards (see `items::priced_grids`): at least this
    /// share of its `items_min` or more items state a price in a block of
    /// at most `grid_price_chars` characters, and its items average at
    /// most `grid_max_item_chars` (a card's name, price, rating and a few
    /// features; longer items are sections). Such a grid joins the main
    /// content and its cards are exempt from link density and boxes of
    /// links; 0 turns it off (a product page's grid is other products).
    pub grid_priced_share: f64,
    pub grid_price_chars: u32,
    pub grid_max_item_chars: u32,
    /// Items of lists are excused the promo and chrome class hints of
    /// their blocks (a listing's cards are classed for tracking, teasers,
    /// promos; elsewhere a sponsored carousel is a list of items too).
    pub items_excuse_classes: bool,

    // --- prune ---
    /// A block with more link text than this share is link-dense.
    pub link_density: f32,
    /// A box holding at least this share of the container's text is part of
    /// the article, whatever its class says.
    pub large_share: f64,
    /// A header-classed box holding the region's `<h1>` and at most this
    /// many characters is the page's title and intro, not chrome (see
    /// `prune::excused`); 0: never excused.
    pub title_box_chars: u32,
    /// A box with this many commas is prose, never boilerplate.
    pub box_prose_commas: u32,
    /// A box with a negative class weight and more link text than this is
    /// boilerplate.
    pub box_negative_link_density: f32,
    /// A box with more than `2 × paragraphs + 2` list items and more link
    /// text than this is a link list.
    pub box_list_link_density: f32,
    /// A form-like box: more inputs than `paragraphs / 3 + 1` and shorter
    /// than this.
    pub box_form_chars: u32,
    /// A link-dense box (over `link_density`) shorter than this is boilerplate
    /// (0: link density alone never makes a box boilerplate).
    pub box_link_chars: u32,
    /// A link-dense block at least this long (in characters) is prose inside
    /// a link (a card's description), not a link list; `u32::MAX`: none is.
    pub link_dense_prose_chars: u32,
    /// A linked heading removed as link-dense comes back when the first
    /// block kept after it in its card (the smallest element holding it
    /// and the next block, at most `teaser_max_blocks` blocks) is prose:
    /// a teaser's title over its kept summary (`tidy::teaser_titles`).
    /// Headings longer than `teaser_title_chars` are not titles (0: off).
    pub teaser_title_chars: u32,
    /// A teaser's card holds at most this many blocks (its heading, its
    /// summary and what else it shows: a date, a byline, a "read more");
    /// a larger element around the heading is a section, not one card.
    pub teaser_max_blocks: u32,
    /// A block in a box whose class says promotion (share, newsletter, ad,
    /// promo) inside the main range is removed for it.
    pub promo_boxes_go: bool,

    /// A block whose only chrome word is a component's header class
    /// (`copy__header`, `accordion-header`; `Flags::PART_HEADER`) stays
    /// inside the chosen range even on a page without `<main>` (inside
    /// one it always does): there it heads a section of the text. Only
    /// when that header box holds at most `component_header_chars`
    /// characters: a heading and a line, not a grid of cards whose
    /// wrapper's class happens to say "big-header".
    pub component_headers_kept: bool,
    pub component_header_chars: u32,

    /// A list of at most this many items right after a paragraph that
    /// ends in a colon ("For more information, see:", "The following
    /// types are available:") is the text's own list, announced by it:
    /// neither a box of links nor link-dense lines (0: no list is).
    pub announced_list_items: u32,

    /// The call-to-action detector's weights and threshold (see `cta`).
    pub cta: crate::cta::CtaParams,

    // --- tidy ---
    /// A paragraph shorter than this that repeats the page title, before
    /// any text, is the headline.
    pub title_paragraph_chars: u32,
    pub title_paragraph_words: usize,
    /// Tail labels ("Contact:"): at most `label_chars` characters and
    /// `label_words` words, after at least `label_text_before` characters of
    /// text; the tail starts after the last block of `label_prose_chars`.
    pub label_chars: u32,
    pub label_words: usize,
    pub label_text_before: u32,
    pub label_prose_chars: u32,

    /// Interface labels (see `tidy::interface_labels`): removed when
    /// `drop_interface_labels` is on, at most `ui_label_chars` characters
    /// and `ui_label_words` words (also the size of a box whose text is
    /// its control's label).
    pub drop_interface_labels: bool,
    pub ui_label_chars: u32,
    pub ui_label_words: usize,
    /// A line of at most this many characters and `ui_label_words` words
    /// that is a stock, shipping or returns label ("Out of stock", "Free
    /// Shipping*", "Pick-up available at select stores"; see
    /// `tidy::commerce_labels`) goes from the attempt that won: a buy
    /// box's interface; 0 turns the rule off.
    pub commerce_label_chars: u32,
    /// With the interface-label filter, a short line followed directly by
    /// at least `caption_of_removed` removed blocks captioned what went (a
    /// "Frequently Bought Together" over its product cards) and goes with
    /// it; 0 turns the rule off.
    pub caption_of_removed: usize,
    /// Kept lines of at most `before_title_chars` characters above the
    /// first kept `<h1>` are removed when `drop_before_title` is on (see
    /// `tidy::before_title`).
    pub drop_before_title: bool,
    pub before_title_chars: u32,
    /// Copies of kept text are removed when `drop_repeats` is on (see
    /// `tidy::repeats`): a kept block whose text an earlier kept block
    /// already has, when it is at least `repeat_block_chars` long or one
    /// of a run of at least `repeat_run` consecutive kept blocks that
    /// repeat an earlier run in order. (Shorter lines and runs repeat by
    /// nature: "100% cotton" under each of the sheets compared, the
    /// "Fabric: … Weight: …" labels of a comparison's cards.)
    pub drop_repeats: bool,
    pub repeat_block_chars: u32,
    pub repeat_run: usize,

    // --- profile switches (see `with_profile`) ---
    /// Comment sections are the content (a forum thread's posts): they
    /// score and are kept.
    pub comments_are_content: bool,
    /// The headline stays (a product's or thread's title is part of what
    /// a reader comes for).
    pub keep_headline: bool,

    // --- the retry ladder ---
    /// Kept text shorter than this makes selection try the next attempt.
    pub retry_below_chars: u32,
    /// A later attempt wins when it keeps more than this many times the text.
    pub retry_gain: u32,

    // --- the block model (`learned`) ---
    /// The page type the profile is for: one of the block model's features.
    pub page_type: PageType,
    /// The block model runs (off: the rules' decisions stand, as when the
    /// bench records the features the model is trained on).
    pub learned: bool,
    /// A removed block comes back when the model gives it at least this
    /// probability of being main text (above 1: never; no profile sets it
    /// today, see `src/rules/block-model.txt`).
    pub learned_restore: f32,
    /// A kept block goes when the model gives it less than this
    /// probability (below 0: never; no profile sets it: dropping measured
    /// worse on both halves, forum pages most).
    pub learned_drop: f32,
    /// The block model to use instead of the built-in one (the bench's
    /// cross-half measurement: a model trained on the other half's sites).
    #[doc(hidden)]
    pub block_model: Option<std::sync::Arc<super::BlockModel>>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            min_scored_chars: 25,
            chars_per_point: 100.0,
            max_length_points: 3.0,
            credit_levels: 5,
            init_box: 5.0,
            init_pre: 3.0,
            init_list: -3.0,
            init_heading: -5.0,
            max_class_weight: 25,

            listing_min_articles: 3,
            listing_factor: 0.5,
            alternatives: 5,
            alternative_ratio: 0.75,
            alternatives_shared: 3,
            climb_floor: 1.0 / 3.0,
            thread_min_posts: 0,
            post_chrome_chars: 0,
            post_stats_chars: 120,
            post_header_chars: 0,
            restore_post_text: false,

            sibling_ratio: 0.2,
            sibling_min_score: 10.0,
            sibling_bonus: 0.2,
            prose_chars: 80,
            prose_link_density: 0.25,
            extend_chars: 80,
            extend_link_density: 0.2,
            extend_gap: 3,
            extend_short_link_density: 0.5,
            lead_chars: 20,
            lead_reach: 8,

            widen_main_ratio: 0.5,
            widen_body_ratio: 0.0,
            widen_body_max_prose: 400,
            streamed_shell_ratio: 0.1,

            items_min: 3,
            item_chars: 20,
            items_share: 0.6,
            items_page_share: 0.5,
            item_max_chars: 1500,
            item_max_blocks: 40,
            keep_items: true,
            items_if_kept_below: 0.0,
            items_widen_below: 0.0,
            items_excuse_classes: false,
            grid_priced_share: 0.6,
            grid_price_chars: 40,
            grid_max_item_chars: 800,

            link_density: 0.5,
            large_share: 0.4,
            title_box_chars: 1000,
            box_prose_commas: 10,
            box_negative_link_density: 0.2,
            box_list_link_density: 0.3,
            box_form_chars: 400,
            box_link_chars: 2000,
            link_dense_prose_chars: u32::MAX,
            teaser_title_chars: 200,
            teaser_max_blocks: 8,
            promo_boxes_go: true,
            component_headers_kept: false,
            component_header_chars: 300,
            announced_list_items: 0,

            cta: crate::cta::CtaParams::default(),

            title_paragraph_chars: 200,
            title_paragraph_words: 3,
            label_chars: 40,
            label_words: 4,
            label_text_before: 500,
            label_prose_chars: 200,
            drop_interface_labels: false,
            ui_label_chars: 40,
            ui_label_words: 6,
            commerce_label_chars: 0,
            caption_of_removed: 0,
            drop_before_title: false,
            before_title_chars: 60,
            drop_repeats: false,
            repeat_block_chars: 80,
            repeat_run: 4,

            comments_are_content: false,
            keep_headline: false,

            retry_below_chars: 500,
            retry_gain: 2,

            page_type: PageType::Article,
            learned: true,
            learned_restore: 2.0,
            learned_drop: -1.0,
            block_model: None,
        }
    }
}

impl Params {
    /// The table with the overlay of page type `t`'s profile: what
    /// selection does differently on a forum thread, a product, a listing.
    /// `stated`: the page says it is an article (schema, date, og:type),
    /// rather than being one for want of other signs; only then is a short
    /// text in a busy body trusted to be all there is.
    pub fn with_profile(mut self, t: PageType, stated: bool) -> Params {
        self.page_type = t;
        match t {
            PageType::Article if stated => {
                // A list of links beside a story is other stories: items
                // count only when no story was found (a section front or a
                // "List of" page that says it is an article).
                self.keep_items = false;
                self.items_if_kept_below = 1.0 / 3.0;
                // WCEB dev: listing .646 -> .656 (h1 .660 -> .682), AEB
                // unchanged; widening at every sliver under a third took
                // AEB news stories that are a tenth to a third of a busy
                // body (AEB 0.979 -> 0.963).
                self.items_widen_below = 0.1;
                // ... and when they do, they are the cards of a collection
                // or section front, whose class hints (teaser, promo,
                // tracking) say nothing about them, as on a listing.
                self.items_excuse_classes = true;
                // A story's priced cards are its shopping picks or the
                // plans it compares, not a category's products.
                self.grid_priced_share = 0.0;
            }
            PageType::Article => self.widen_body_ratio = 0.2,
            PageType::Forum => {
                self.comments_are_content = true;
                // A post quoted in full in a reply, a thread's first post
                // repeated over each page of it: the copies go.
                self.drop_repeats = true;
                // One post chosen is one post of the thread: take them all.
                self.thread_min_posts = 3;
                // A thread's posts are sibling `<article>`s: a list of them
                // is the page, not teasers beside it.
                self.listing_factor = 1.0;
                self.post_chrome_chars = 40;
                self.post_header_chars = 80;
                self.restore_post_text = true;
                self.keep_headline = true;
                self.widen_body_ratio = 0.3;
                self.keep_items = false;
            }
            PageType::Product => {
                // Its cart buttons and cart lines are what it shows.
                self.cta.cart = false;
                self.cta.label_words = 0;
                // A product's description, specifications and reviews
                // stand in sibling sections across its landmark region:
                // the region is kept, and the shop's interface in it
                // filtered (labels, captions of removed product cards).
                self.keep_headline = true;
                self.widen_always();
                self.drop_interface_labels = true;
                // ... and its buy box's stock, shipping and returns labels
                // (WCEB dev: `without` left out 0.9705 -> 0.9717).
                self.commerce_label_chars = 60;
                self.caption_of_removed = 3;
                self.keep_items = false;
                // Its grids of priced cards are other products (related,
                // recently viewed, bought together).
                self.grid_priced_share = 0.0;
                // A shop's theme writes a section once per screen size
                // (desktop, tablet and mobile variants, all but one hidden
                // by style sheets it does not inline): the copies go.
                self.drop_repeats = true;
            }
            PageType::Service => {
                // A landing page writes its sections once per screen size
                // and clones the slides of its carousels: the copies go.
                self.drop_repeats = true;
                // An offer's sections, each too short to win on its own:
                // widen to the landmark region when less than 70% of its
                // text (60% of a body's) was kept, whatever the prose.
                self.keep_headline = true;
                self.widen_main_ratio = 0.7;
                self.widen_body_ratio = 0.6;
                self.widen_body_max_prose = u32::MAX;
                // Much of its content is card grids (features, integrations,
                // case studies) where each card is one link around a title
                // and a line of description: link text alone does not make
                // a box boilerplate here (the section's own heading and
                // intro went with it), a box with a negative class word
                // must be mostly links to go, and a card's description, a
                // sentence however linked, stays while its short title and
                // menu-like links still go.
                self.box_link_chars = 0;
                self.box_negative_link_density = 0.5;
                self.link_dense_prose_chars = 60;
                // Its components are promotions by nature: a theme's
                // "promo" card or banner holds an offer's description, and
                // the call-to-action detector still takes the sign-ups.
                self.promo_boxes_go = false;
                // A landing page built without `<main>` heads each of its
                // sections with a component's header box (`copy__header`,
                // `accordion-header`): the section's title, not the
                // site's chrome.
                self.component_headers_kept = true;
                // Its trials, demos, consultations and "talk to our
                // experts" are what it offers, not a pitch beside a text.
                self.cta.marketing = false;
                self.cta.trial_max_chars = 0;
                self.cta.label_words = 0;
                // The learned model was taught sellers' pitches as promo
                // ("Start your free trial today!"): it would overrule the
                // line above, so it does not judge here.
                self.cta.model_threshold = 2.0;
            }
            PageType::Documentation => {
                self.keep_headline = true;
                // Its labels are its matter: a manual's "See also", a
                // command's "Show no untracked files", its own "Get started".
                self.cta.label_words = 0;
                // A page of a manual is its landmark region: its sections
                // and examples, each too short to win alone. Its interface
                // (feedback widgets, "Edit this page" links) is filtered
                // instead, and so is what stands above its title.
                self.widen_always();
                self.drop_interface_labels = true;
                self.drop_before_title = true;
                // A manual points to its other pages in the text ("For
                // more information, see:" and two links): those lists
                // are its own. (On an article the same shape is as
                // often a "Read more:" list of other stories.)
                self.announced_list_items = 6;
            }
            PageType::Collection => {
                // Its cards' cart buttons and labels too.
                self.cta.cart = false;
                self.cta.label_words = 0;
                // Cards cloned for a carousel, a grid written per screen size.
                self.drop_repeats = true;
                self.widen_body_ratio = 0.3;
                self.keep_headline = true;
                // A collection's products are cards classed as a listing's
                // are. (What else carries over from the listing profile
                // does not: widening always or counting items at 0.2 of
                // the region keeps the chrome of the product pages typed
                // as collections, and loses precision on true ones.)
                self.items_excuse_classes = true;
            }
            PageType::Listing => {
                self.keep_headline = true;
                self.widen_always();
                // The items are the page, even where a description, filters
                // or a long footer hold as much text as they do.
                self.items_page_share = 0.2;
                self.items_excuse_classes = true;
            }
        }
        self
    }

    /// The region attempt always runs, and wins when it keeps more: on a
    /// listing what a reader comes for is the items spread over the
    /// page's landmark region, and a choice of one element keeps some of
    /// them; on a documentation page, its sections; on a product page, its
    /// description, specifications and feature sections, with the
    /// captions of the removed product cards dropped (`caption_of_removed`:
    /// without them the region leaked 11 more `without` lines on the WCEB
    /// dev pages, with them 3). Collection pages gain recall too, but keep
    /// their chrome with it.
    fn widen_always(&mut self) {
        self.widen_main_ratio = 1.0;
        self.widen_body_ratio = 1.0;
        self.widen_body_max_prose = u32::MAX;
    }

    /// The table with `favor`'s overlay: precision takes fewer links and
    /// fewer siblings, recall more.
    pub fn with_favor(mut self, favor: Favor) -> Params {
        match favor {
            Favor::Balanced => {}
            Favor::Precision => {
                self.link_density = 0.33;
                self.sibling_ratio = 0.35;
            }
            Favor::Recall => {
                self.link_density = 0.7;
                self.sibling_ratio = 0.1;
            }
        }
        self
    }
}
