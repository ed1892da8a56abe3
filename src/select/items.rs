//! Items: lists of repeated items (cards of a listing, products of a
//! collection, posts of a thread).
//!
//! A list is a parent with several children of one signature (tag and
//! first class word, see [`Subtree::sig`](crate::block::Subtree::sig)) that
//! each hold some text and together hold most of the parent's. Their titles
//! are links and their texts short, so the rules that clean an article
//! (link density, boxes of links) would remove every one; where the items
//! are the page, they are exempt.

use super::HashMap;

use crate::segment::Segments;

use super::params::Params;

/// For each block, whether it is inside an item of a list that holds at
/// least `items_page_share` of `page_chars` (the text of the region the
/// items would be the content of: a list of teasers beside an article is
/// a small part of its page, the cards of a listing are most of it).
pub(super) fn in_items(page: &Segments, p: &Params, page_chars: u32) -> Vec<bool> {
    // (parent id, signature) -> (members, their characters, their blocks)
    let mut groups: HashMap<(u32, u32), (u32, u32, u32)> = HashMap::default();
    for s in &page.subtrees {
        if s.id == 0 || s.chars == 0 {
            continue;
        }
        let g = groups.entry((s.parent, s.sig)).or_default();
        g.0 += 1;
        g.1 += s.chars;
        g.2 += s.end - s.start;
    }
    let lists: HashMap<(u32, u32), ()> = groups
        .into_iter()
        .filter(|&((parent, _), (n, chars, blocks))| {
            n >= p.items_min
                && chars >= n * p.item_chars
                && chars <= n * p.item_max_chars
                && blocks <= n * p.item_max_blocks
                && chars as f64 >= p.items_share * subtree_chars(page, parent) as f64
                && chars as f64 >= p.items_page_share * page_chars as f64
        })
        .map(|(k, _)| (k, ()))
        .collect();
    let n = page.blocks.len();
    let mut delta = vec![0i32; n + 1];
    for s in &page.subtrees {
        if s.id != 0 && lists.contains_key(&(s.parent, s.sig)) {
            delta[s.start as usize] += 1;
            delta[s.end as usize] -= 1;
        }
    }
    let mut depth = 0;
    delta[..n]
        .iter()
        .map(|d| {
            depth += d;
            depth > 0
        })
        .collect()
}

/// For each block, whether it is inside a grid of priced cards: at least
/// `items_min` sibling items of one signature that together hold most of
/// their parent's text, average `item_chars` to `grid_max_item_chars`
/// characters and two blocks or more (a name and a price, not a facet's
/// one-line "$50 to $99 (57)"), of which at least `grid_priced_share`
/// state a price in a short block. That is a shop's product grid, the
/// content of a category page, whose names are links and whose prices and
/// labels are short lines: the scorer, counting prose, prefers the
/// category's description or FAQ, and link density takes the names. Menus
/// and facet lists name no prices; landmarks and hidden boxes never count.
/// Also returned: the blocks of the largest such grid alone (most
/// characters), the one a category page is about (the others are top
/// sellers and recently viewed beside it).
pub(super) fn priced_grids(page: &Segments, p: &Params) -> (Vec<bool>, Vec<bool>) {
    let n = page.blocks.len();
    if p.grid_priced_share <= 0.0 {
        return (Vec::new(), Vec::new());
    }
    // Prefix count of price blocks, to ask whether an item holds one.
    let mut prices = vec![0u32; n + 1];
    for (i, b) in page.blocks.iter().enumerate() {
        let price = b.chars <= p.grid_price_chars && crate::page_model::is_price(&b.text);
        prices[i + 1] = prices[i] + u32::from(price);
    }
    let skip = crate::block::Flags::CHROME_TAG | crate::block::Flags::HIDDEN;
    // (parent id, signature) -> (members, priced members, characters, blocks)
    let mut groups: HashMap<(u32, u32), (u32, u32, u32, u32)> = HashMap::default();
    for s in &page.subtrees {
        if s.id == 0 || s.chars == 0 || s.flags.0 & skip != 0 {
            continue;
        }
        let g = groups.entry((s.parent, s.sig)).or_default();
        g.0 += 1;
        g.1 += u32::from(prices[s.end as usize] > prices[s.start as usize]);
        g.2 += s.chars;
        g.3 += s.end - s.start;
    }
    let grids: HashMap<(u32, u32), u32> = groups
        .into_iter()
        .filter(|&((parent, _), (members, priced, chars, blocks))| {
            members >= p.items_min
                && priced as f64 >= p.grid_priced_share * members as f64
                && chars >= members * p.item_chars
                && chars <= members * p.grid_max_item_chars
                && blocks >= 2 * members
                && chars as f64 >= p.items_share * subtree_chars(page, parent) as f64
        })
        .map(|(k, (_, _, chars, _))| (k, chars))
        .collect();
    let Some(largest) = grids.iter().max_by_key(|&(k, &c)| (c, *k)).map(|(k, _)| *k) else {
        return (Vec::new(), Vec::new());
    };
    let mut marked = vec![false; n];
    let mut main = vec![false; n];
    for s in &page.subtrees {
        let key = (s.parent, s.sig);
        if s.id != 0 && s.flags.0 & skip == 0 && grids.contains_key(&key) {
            marked[s.start as usize..s.end as usize].fill(true);
            if key == largest {
                main[s.start as usize..s.end as usize].fill(true);
            }
        }
    }
    (marked, main)
}

/// The text (characters) under element `id`, 0 when it holds no block.
fn subtree_chars(page: &Segments, id: u32) -> u32 {
    match page.index.get(id as usize) {
        Some(&i) if i != crate::segment::NO_SUBTREE => page.subtrees[i as usize].chars,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::segment::segments_of;

    /// The blocks `in_items` marks, by their text.
    fn marked(html: &str) -> Vec<String> {
        let page = segments_of(html);
        let chars = page.blocks.iter().map(|b| b.chars).sum();
        let items = in_items(&page, &Params::default(), chars);
        page.blocks
            .iter()
            .zip(items)
            .filter(|(_, m)| *m)
            .map(|(b, _)| b.text.to_string())
            .collect()
    }

    #[test]
    fn short_product_cards_are_items_and_a_menu_is_not() {
        // Cards of a name and a price, 25 characters on average.
        let cards: String = [
            ("Solid Oak Desk Shelf", "$49"),
            ("Bamboo Monitor Riser", "$59"),
            ("Clamp-On Cup Holder", "$19"),
            ("Walnut Cable Tray, Dark", "$35"),
            ("Wool Felt Desk Pad", "$29"),
        ]
        .iter()
        .map(|(name, price)| {
            format!("<div class=card><a href=/p>{name}</a><div class=price>{price}</div></div>")
        })
        .collect();
        let menu = "<ul class=menu><li><a href=/a>Desks</a></li><li><a href=/b>Chairs</a></li>\
                    <li><a href=/c>Lamps</a></li><li><a href=/d>Sale</a></li></ul>";
        let got = marked(&format!("<body>{menu}<div class=grid>{cards}</div></body>"));
        assert!(got.iter().any(|t| t == "Bamboo Monitor Riser"), "{got:?}");
        assert!(got.iter().any(|t| t == "$19"), "{got:?}");
        assert!(!got.iter().any(|t| t == "Chairs"), "{got:?}");
    }

    /// Blocks of `priced_grids` (all, and the largest grid's), by text.
    fn grids(html: &str) -> (Vec<String>, Vec<String>) {
        let page = segments_of(html);
        let (all, largest) = priced_grids(&page, &Params::default());
        let text = |marks: &[bool]| -> Vec<String> {
            page.blocks
                .iter()
                .zip(marks)
                .filter(|(_, m)| **m)
                .map(|(b, _)| b.text.to_string())
                .collect()
        };
        (text(&all), text(&largest))
    }

    fn card(name: &str, price: &str) -> String {
        format!(
            "<li class=card><a href=/p>{name}</a><div class=rating>4.5 out of 5</div>\
             <div class=price>{price}</div></li>"
        )
    }

    #[test]
    fn a_grid_of_priced_cards_is_found_and_facets_with_prices_are_not() {
        let products: String = (1..=6)
            .map(|i| card(&format!("Trail running shoe model {i}"), "$120.00"))
            .collect();
        let sellers: String = (1..=3)
            .map(|i| card(&format!("Top seller {i}"), "£99"))
            .collect();
        // Price facets: one line each, a price and a count.
        let facets =
            "<ul class=facets><li>$50.00 to $99.99 (57)</li><li>$100.00 to $199.99 (566)</li>\
                      <li>$200.00 to $499.99 (62)</li><li>$500.00 and above (4)</li></ul>";
        let menu = "<ul class=menu><li><a href=/a>Running shoes</a></li><li><a href=/b>Hiking boots</a></li>\
                    <li><a href=/c>Climbing shoes</a></li></ul>";
        let html = format!(
            "<body>{menu}{facets}<ul class=grid>{products}</ul><ul class=top>{sellers}</ul></body>"
        );
        let (all, largest) = grids(&html);
        assert!(
            all.iter().any(|t| t == "Trail running shoe model 4"),
            "{all:?}"
        );
        assert!(all.iter().any(|t| t == "Top seller 2"), "{all:?}");
        assert!(!all.iter().any(|t| t.contains("(566)")), "{all:?}");
        assert!(!all.iter().any(|t| t == "Hiking boots"), "{all:?}");
        // The largest grid is the category's products, not the top sellers.
        assert!(largest.iter().any(|t| t == "$120.00"), "{largest:?}");
        assert!(!largest.iter().any(|t| t == "Top seller 2"), "{largest:?}");
        // The same cards without prices are no grid of priced cards.
        let unpriced = html
            .replace("$120.00", "in stock")
            .replace("£99", "in stock");
        assert!(grids(&unpriced).0.is_empty());
        // ... and a product page's profile finds none.
        let page = segments_of(&html);
        let product = Params::default().with_profile(crate::PageType::Product, true);
        assert!(priced_grids(&page, &product).0.is_empty());
    }
}
