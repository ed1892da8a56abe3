//! Tidy: the last touches on what is kept.
//!
//! The headline is the document's title, not its text ([`headline`]); a
//! short label ending in a colon in the tail of the text heads an appendix
//! of chrome ([`tail_labels`]); a heading left with nothing under it
//! introduced something that was removed ([`dangling_headings`]); on a
//! product or documentation page a short line that is an interface's
//! label, not text, goes ([`interface_labels`]), on a product page so does
//! a stock, shipping or returns label ([`commerce_labels`]), and on a
//! documentation page so do short lines above its title ([`before_title`]);
//! on a product page a copy of text already kept goes too ([`repeats`]);
//! and the linked heading of a teaser whose summary is kept comes back
//! ([`teaser_titles`]).

use super::HashMap;

use crate::block::{Block, BlockKind, Flags};
use crate::segment::Segments;

use super::params::Params;
use super::Decision;

/// The headline: an h1 before any text, a first heading that repeats the
/// page title, or a first styled paragraph that is the title word for word.
/// Returns the blocks to remove.
pub(super) fn headline(
    blocks: &[Block],
    title: Option<&str>,
    p: &Params,
    out: &[Decision],
) -> Vec<usize> {
    let mut removed = Vec::new();
    let title = title.map(normalize_title);
    let mut seen_heading = false;
    let mut seen_text = false;
    for (i, b) in blocks.iter().enumerate() {
        if !out[i].kept() {
            continue;
        }
        if b.kind.is_heading() && !seen_heading {
            seen_heading = true;
            let leading_h1 = b.kind == BlockKind::Heading(1) && !seen_text;
            let repeats_title = title.as_ref().is_some_and(|title| {
                let h = normalize_title(&b.text);
                !h.is_empty() && title.contains(&h)
            });
            if leading_h1 || repeats_title {
                removed.push(i);
                // Removed: it no longer counts as text seen.
                continue;
            }
        }
        if !b.kind.is_heading() && !seen_text && !seen_heading && b.chars < p.title_paragraph_chars
        {
            let h = normalize_title(&b.text);
            if h.split_whitespace().count() >= p.title_paragraph_words
                && title.as_ref().is_some_and(|t| t.contains(&h))
            {
                removed.push(i);
                seen_heading = true;
                continue;
            }
        }
        if !b.kind.is_heading() {
            seen_text = true;
        }
    }
    removed
}

/// Short labels ending in a colon ("Contact:", "Further information:",
/// "Sources:") in the tail of the text, where only short lines (addresses,
/// links, references) follow, head the page's appendix: they are captions
/// for chrome, not text. What they introduce stays; lists after a label are
/// often the content. Short pages are all tail: left alone.
/// Returns the blocks to remove.
pub(super) fn tail_labels(blocks: &[Block], p: &Params, out: &[Decision]) -> Vec<usize> {
    let mut removed = Vec::new();
    let mut before: u32 = blocks
        .iter()
        .zip(out.iter())
        .filter(|(_, d)| d.kept())
        .map(|(b, _)| b.chars)
        .sum();
    for i in (0..blocks.len()).rev() {
        if !out[i].kept() {
            continue;
        }
        let b = &blocks[i];
        before -= b.chars;
        // A kept block this long, and not mostly links, is the text itself:
        // the tail starts after it.
        if b.chars >= p.label_prose_chars && b.link_density() <= 0.3 {
            break;
        }
        let label = b.chars <= p.label_chars
            && b.text.trim_end().ends_with(':')
            && b.text.split_whitespace().count() <= p.label_words;
        if label && before >= p.label_text_before {
            removed.push(i);
        }
    }
    removed
}

/// A heading with nothing kept after it before the next heading of its
/// own rank or higher (or the end) introduced something that was removed:
/// drop it too. A kept sub-heading under it is part of its section (and
/// has text of its own, or it would have gone first: the walk is backwards).
/// A heading the next kept block follows directly, with nothing removed
/// between, introduced nothing that went: a landing page's headings used
/// as text (`<h6>` under `<h3>`), a title over the next section's title.
pub(super) fn dangling_headings(blocks: &[Block], out: &[Decision]) -> Vec<usize> {
    let mut removed = Vec::new();
    // The level of the next kept block when it is a heading; 0 for text
    // (it never closes a section), `None` for the end of the page.
    let mut next: Option<u8> = None;
    // A removed block lies between this one and the next kept block.
    let mut gap = false;
    for i in (0..blocks.len()).rev() {
        if !out[i].kept() {
            gap |= blocks[i].chars > 0;
            continue;
        }
        match blocks[i].kind {
            BlockKind::Heading(level) => {
                if gap && next.is_none_or(|n| n != 0 && n <= level) {
                    removed.push(i);
                    continue;
                }
                next = Some(level);
            }
            _ => next = Some(0),
        }
        gap = false;
    }
    removed
}

/// The linked headings of teasers whose summary is kept: a card of a feed
/// or a section front is a heading that links to the story and a line of
/// prose about it, and link density (or, where the theme wraps the title
/// in a box of its own, the boxes pass) takes the heading while the prose
/// stays. The card is the smallest element that holds the heading, the
/// block after it and a kept summary, at most `teaser_max_blocks` blocks;
/// the summary is the first prose block kept in it after the heading
/// (short kept lines before it, a byline or a date, aside): a paragraph,
/// or text a box holds directly as a theme's `<div class=excerpt>` does,
/// `prose_chars` or more, link density under `prose_link_density`. The
/// heading is at most `teaser_title_chars` long (0: never). Where the
/// summary was kept the card is the content, and its title names what the
/// summary is about; a card removed whole (a related-stories box) stays
/// removed, and so do the titles of fewer than `items_min` cards of one
/// template (headings of one tag path). Returns the headings to keep.
pub(super) fn teaser_titles(page: &Segments, p: &Params, out: &[Decision]) -> Vec<usize> {
    if p.teaser_title_chars == 0 {
        return Vec::new();
    }
    let blocks = &page.blocks;
    // Qualifying headings by their tag path: one template's cards.
    let mut by_path: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, b) in blocks.iter().enumerate() {
        let link_dense = matches!(
            &out[i],
            Decision::Remove(super::Reason::LinkDense | super::Reason::BoilerplateBox)
        );
        if !link_dense || !b.kind.is_heading() || b.chars > p.teaser_title_chars {
            continue;
        }
        // The summary: the first kept block after the heading that is
        // prose; the card's short kept lines before it (a byline, a date)
        // are no summary but do not hide one. Where the title's own box
        // holds none (a shop card's name box: name, maker, rating), the
        // box around it is asked, up to `teaser_max_blocks`.
        let prose = |j: usize| {
            matches!(blocks[j].kind, BlockKind::Paragraph | BlockKind::Other)
                && blocks[j].chars >= p.prose_chars
                && blocks[j].link_density() < p.prose_link_density
        };
        let summarized = cards_of(page, i)
            .take_while(|&(start, end)| end - start <= p.teaser_max_blocks as usize)
            .any(|(_, end)| (i + 1..end).any(|j| out[j].kept() && prose(j)));
        if summarized {
            by_path.entry(b.path.as_str()).or_default().push(i);
        }
    }
    // A lone teaser kept beside an article is a "read also" box that got
    // through; `items_min` of one template are a feed.
    let mut kept: Vec<usize> = by_path
        .into_values()
        .filter(|v| v.len() >= p.items_min as usize)
        .flatten()
        .collect();
    kept.sort_unstable();
    kept
}

/// The block ranges of the elements that hold block `i` and the block
/// after it, smallest first: climbing from the element that owns `i`'s
/// text (never into the root, id 0; a parent was opened before its child,
/// with a smaller id, so the climb ends).
fn cards_of(page: &Segments, i: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = super::candidate::subtree_of(page, page.blocks[i].owner);
    std::iter::from_fn(move || loop {
        let s = &page.subtrees[at?];
        at = if s.parent == 0 {
            None
        } else {
            super::candidate::subtree_of(page, s.parent)
        };
        if s.end as usize > i + 1 {
            return Some((s.start as usize, s.end as usize));
        }
    })
}

/// Short lines of an interface inside the kept text: "Add to wish list",
/// "Was this helpful?", "Price alert", "Sort by". A line is short (at most
/// `ui_label_chars` characters and `ui_label_words` words) and not a
/// sentence (it does not end in a full stop), and its structure says it
/// is a label:
/// - it is all the label of a control ([`Flags::CONTROL`]: a button, a
///   field's label, a widget role);
/// - it is all the text of a small box that holds a form control or a
///   button (the question of a "Was this helpful? Yes / No" widget, the
///   "Quantity" by its field);
/// - it is all link text outside a list (a way out, "Learn how to
///   contribute", not the text; a list of links may be the content);
/// - the `caption_of_removed` blocks after it (when that is not 0) were
///   all removed: it captioned what went ("Frequently Bought Together"
///   over product cards removed as boxes), as a dangling heading does.
///
/// Table cells (a specification's "Yes") and code are left alone, and
/// `spared` blocks (the items of a list) are judged by the first two only.
/// Returns the blocks to remove.
pub(super) fn interface_labels(
    page: &Segments,
    p: &Params,
    out: &[Decision],
    spared: impl Fn(usize) -> bool,
) -> Vec<usize> {
    let blocks = &page.blocks;
    let short = |b: &Block| {
        b.chars <= p.ui_label_chars
            && !matches!(b.kind, BlockKind::Cell | BlockKind::Pre)
            && !b.text.trim_end().ends_with(['.', '。'])
    };
    // All of a control's text is its label however many words it has
    // ("Add to wish list (Found on 1 wish list)"); other lines need few.
    let few_words = |b: &Block| b.text.split_whitespace().count() <= p.ui_label_words;
    // Blocks of small boxes with a control: a box that short holds few
    // blocks, so marking them is linear in the page.
    let mut in_control_box = vec![false; blocks.len()];
    for s in &page.subtrees {
        if s.inputs + s.buttons > 0 && s.chars <= p.ui_label_chars && s.end as usize <= blocks.len()
        {
            in_control_box[s.start as usize..s.end as usize].fill(true);
        }
    }
    // How many removed blocks with text follow each block before the next
    // kept one: one backward pass, as in `dangling_headings`, instead of a
    // look ahead from every short line (quadratic over a run of empty
    // blocks).
    let k = p.caption_of_removed;
    let mut removed_after = vec![0usize; if k > 0 { blocks.len() } else { 0 }];
    let mut run = 0;
    for i in (0..removed_after.len()).rev() {
        removed_after[i] = run;
        if blocks[i].chars > 0 {
            run = if out[i].kept() { 0 } else { run + 1 };
        }
    }
    let mut removed = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if !out[i].kept() || !short(b) {
            continue;
        }
        let control = b.flags.has(Flags::CONTROL) || in_control_box[i];
        if !control && !few_words(b) {
            continue;
        }
        let way_out = b.link_chars >= b.chars && !b.flags.has(Flags::LIST) && !spared(i);
        let caption = k > 0 && removed_after[i] >= k;
        if control || way_out || caption {
            removed.push(i);
        }
    }
    removed
}

/// A shop's buy box in what was kept: lines of at most
/// `commerce_label_chars` characters that are a stock, shipping or
/// returns label ([`commerce_label`], at most `ui_label_words` words).
/// Table cells (a specification's values), code and headings (a section
/// on the terms; `dangling_headings` takes it if its text went) are left
/// alone. Run on the attempt that won (see
/// `select_with`): inside the ladder, taking them made a region look like
/// it kept less than a choice of one element that missed the description.
/// Returns the blocks to remove; none when `commerce_label_chars` is 0.
pub(super) fn commerce_labels(blocks: &[Block], p: &Params, out: &[Decision]) -> Vec<usize> {
    if p.commerce_label_chars == 0 {
        return Vec::new();
    }
    blocks
        .iter()
        .enumerate()
        .filter(|&(i, b)| {
            out[i].kept()
                && b.chars <= p.commerce_label_chars
                && !matches!(b.kind, BlockKind::Cell | BlockKind::Pre)
                && !b.kind.is_heading()
                && commerce_label(&b.text, p.ui_label_words)
        })
        .map(|(i, _)| i)
        .collect()
}

/// What a shop's buy box says about stock, shipping and returns, in
/// English, German, French and Spanish ("Out of Stock", "En stock",
/// "Free Standard Delivery for orders over $75", "Sold and shipped by",
/// "Pick-up available", "Return for refund within: 30 days").
const COMMERCE_PHRASES: &[&str] = &[
    "in stock",
    "out of stock",
    "shipping",
    "delivery",
    "returns",
    "return policy",
    "return for ",
    "sold and shipped",
    "ships from",
    "pick-up",
    "pickup",
    "add-ons",
    "customer reviews",
    "auf lager",
    "lieferbar",
    "versand",
    "lieferung",
    "rückgabe",
    "rücksendung",
    "en stock",
    "rupture de stock",
    "livraison",
    "retours",
    "agotado",
    "en existencia",
    "envío",
    "devolución",
    "devoluciones",
];

/// A short line (at most `words` words) that names one of
/// [`COMMERCE_PHRASES`]: the shop's stock, shipping or returns label. A
/// line with a price in it ("+ $37.75 delivery", "US $15.47 International
/// Shipping") is an offer's term, which product pages' own text often
/// holds, and is left alone.
pub(super) fn commerce_label(text: &str, words: usize) -> bool {
    let n = text.split_whitespace().count();
    // A sentence about the terms ("Seller does not accept returns.") is
    // the listing's fact, not its label.
    if n > words || (n >= 4 && text.trim_end().ends_with('.')) {
        return false;
    }
    if text.contains(['$', '€', '£', '¥']) {
        return false;
    }
    let t = text.to_lowercase();
    COMMERCE_PHRASES.iter().any(|ph| t.contains(ph))
}

/// A page of a manual opens with its title: short lines kept above the
/// first kept `<h1>` (at most `before_title_chars` characters each) are
/// the site's, not the page's: an announcement bar, a breadcrumb, "Failed
/// to load latest commit information." A page without a kept `<h1>` is
/// left alone. Returns the blocks to remove.
pub(super) fn before_title(blocks: &[Block], p: &Params, out: &[Decision]) -> Vec<usize> {
    let Some(title) = blocks
        .iter()
        .zip(out)
        .position(|(b, d)| d.kept() && b.kind == BlockKind::Heading(1))
    else {
        return Vec::new();
    };
    (0..title)
        .filter(|&i| out[i].kept() && blocks[i].chars <= p.before_title_chars)
        .collect()
}

/// How far back [`repeats`] looks for earlier copies of a line: the last
/// few are enough to follow a run, and it keeps the pass linear.
const REPEAT_LOOKBACK: usize = 8;

/// Copies of kept text: a theme that writes one section per screen size
/// (desktop, tablet, mobile variants, all but one hidden by its style
/// sheets) leaves the section two or three times in what is kept, and
/// every copy after the first is text no reader sees twice. A kept block
/// goes when an earlier kept block has its text (white space and case
/// aside) and it is at least `repeat_block_chars` long, or it is one of a
/// run of at least `repeat_run` consecutive kept blocks each repeating,
/// in order, the blocks of an earlier run. Short lines alone stay: spec
/// values and labels repeat by nature across the cards of a comparison.
/// Lines without a letter or digit (a carousel's arrows) are no part of
/// any run: icons repeat around every slide and would join runs of text
/// that repeats only once.
/// Returns the blocks to remove.
pub(super) fn repeats(blocks: &[Block], p: &Params, out: &[Decision]) -> Vec<usize> {
    let kept: Vec<usize> = (0..blocks.len())
        .filter(|&i| out[i].kept() && blocks[i].text.chars().any(char::is_alphanumeric))
        .collect();
    let keys: Vec<String> = kept
        .iter()
        .map(|&i| {
            let words: Vec<&str> = blocks[i].text.split_whitespace().collect();
            words.join(" ").to_lowercase()
        })
        .collect();
    // For each pair (x, y), y < x, of kept positions with one text: the
    // length of the run of such pairs ending there.
    let mut earlier: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut ending: HashMap<(usize, usize), usize> = HashMap::default();
    let mut pairs = Vec::new();
    for (x, key) in keys.iter().enumerate() {
        let seen = earlier.entry(key.as_str()).or_default();
        for &y in seen.iter().rev().take(REPEAT_LOOKBACK) {
            let before = match (x.checked_sub(1), y.checked_sub(1)) {
                (Some(a), Some(b)) => ending.get(&(a, b)).copied().unwrap_or(0),
                _ => 0,
            };
            ending.insert((x, y), before + 1);
            pairs.push((x, y));
        }
        seen.push(x);
    }
    // The whole run each pair belongs to: its length where it ends.
    let mut whole: HashMap<(usize, usize), usize> = HashMap::default();
    let mut gone = vec![false; kept.len()];
    for &(x, y) in pairs.iter().rev() {
        let run = match whole.get(&(x + 1, y + 1)) {
            Some(&n) => n,
            None => ending[&(x, y)],
        };
        whole.insert((x, y), run);
        if run >= p.repeat_run || blocks[kept[x]].chars >= p.repeat_block_chars {
            gone[x] = true;
        }
    }
    (0..kept.len())
        .filter(|&x| gone[x])
        .map(|x| kept[x])
        .collect()
}

fn normalize_title(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::select::Reason;

    #[test]
    fn stock_shipping_and_returns_labels_are_told_from_facts() {
        for label in [
            "Out of stock",
            "En stock",
            "Free Shipping*",
            "Pick-up available at select stores",
            "Livraison",
            "Versand & Rückgabe",
            "Choose your add-ons",
            "Customer Reviews",
        ] {
            assert!(commerce_label(label, 6), "{label}");
        }
        for fact in [
            // an offer's term with its price
            "+ $37.75 delivery",
            // a sentence about the terms
            "Seller does not accept returns.",
            // too long for a label
            "Ships in a box made of recycled card and printed with soy ink",
            "Dishwasher safe",
        ] {
            assert!(!commerce_label(fact, 6), "{fact}");
        }
    }

    #[test]
    fn copies_of_a_section_go_and_short_repeated_values_stay() {
        let long = "The tray slides out for cleaning, the lid seals with a silicone gasket \
                    and the handle folds flat against the side for storage.";
        let html = format!(
            "<h2>Details</h2><p>{long} It holds two litres.</p>\
             <p>Steel</p><p>2 kg</p><p>Blue</p><p>Dishwasher safe</p>\
             <h2>Compare</h2><p>Small</p><p>Steel</p><p>2 kg</p><p>Large</p><p>Steel</p><p>3 kg</p>\
             <p>{long} It holds two litres.</p>\
             <p>Steel</p><p>2 kg</p><p>Blue</p><p>Dishwasher safe</p>"
        );
        let page = crate::segment::segments_of(&html);
        let out = vec![Decision::Keep; page.blocks.len()];
        assert_eq!(page.blocks.len(), 18);
        let p = Params {
            drop_repeats: true,
            ..Params::default()
        };
        // The long paragraph's copy and the copied run of four values go;
        // "Steel" and "2 kg" under each size of the comparison stay.
        assert_eq!(repeats(&page.blocks, &p, &out), vec![13, 14, 15, 16, 17]);
        // A run (the paragraph and its four values) one block shorter than
        // `repeat_run` stays, but for the long paragraph.
        let p = Params { repeat_run: 6, ..p };
        assert_eq!(repeats(&page.blocks, &p, &out), vec![13]);
    }

    #[test]
    fn a_caption_goes_only_when_what_follows_it_went() {
        // A caption over product cards the boxes pass removed, then the
        // same caption over text that stayed.
        let page = crate::segment::segments_of(
            "<p>Frequently Bought Together</p><p>Mug one</p><p>$5.95</p><p>Mug two</p>\
             <p>Care and cleaning</p><p>Rinse in warm water</p><p>$6.95</p><p>Dry well</p>",
        );
        let gone = Decision::Remove(Reason::OutsideMain);
        let out = [
            Decision::Keep,
            gone.clone(),
            gone.clone(),
            gone.clone(),
            Decision::Keep,
            Decision::Keep,
            gone,
            Decision::Keep,
        ];
        assert_eq!(page.blocks.len(), out.len());
        let p = Params {
            caption_of_removed: 3,
            ..Params::default()
        };
        assert_eq!(interface_labels(&page, &p, &out, |_| false), vec![0]);
        // Off by default: the other profiles keep such lines.
        let removed = interface_labels(&page, &Params::default(), &out, |_| false);
        assert!(removed.is_empty(), "{removed:?}");
    }
}
