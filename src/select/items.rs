//! Items: lists of repeated items (cards of a listing, products of a
//! collection, posts of a thread).
//!
//! A list is a parent with several children of one signature (tag and
//! first class word, see [`Subtree::sig`](crate::block::Subtree::sig)) that
//! each hold some text and together hold most of the parent's. Their titles
//! are links and their texts short, so the rules that clean an article
//! (link density, boxes of links) would remove every one; where the items
//! are the page, they are exempt.

use std::collections::HashMap;

use crate::segment::Segments;

use super::params::Params;

/// For each block, whether it is inside an item of a list that holds at
/// least `items_page_share` of `page_chars` (the text of the region the
/// items would be the content of: a list of teasers beside an article is
/// a small part of its page, the cards of a listing are most of it).
pub(super) fn in_items(page: &Segments, p: &Params, page_chars: u32) -> Vec<bool> {
    // (parent id, signature) -> (members, their characters, their blocks)
    let mut groups: HashMap<(u32, u32), (u32, u32, u32)> = HashMap::new();
    for s in &page.subtrees {
        if s.id == 0 || s.chars == 0 {
            continue;
        }
        let g = groups.entry((s.parent, s.sig)).or_default();
        g.0 += 1;
        g.1 += s.chars;
        g.2 += s.end - s.start;
    }
    let chars_of = |id: u32| -> u32 {
        match page.index.get(id as usize) {
            Some(&i) if i != crate::segment::NO_SUBTREE => page.subtrees[i as usize].chars,
            _ => 0,
        }
    };
    let lists: HashMap<(u32, u32), ()> = groups
        .into_iter()
        .filter(|&((parent, _), (n, chars, blocks))| {
            n >= p.items_min
                && chars >= n * p.item_chars
                && chars <= n * p.item_max_chars
                && blocks <= n * p.item_max_blocks
                && chars as f64 >= p.items_share * chars_of(parent) as f64
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
}
