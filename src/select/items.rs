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

use crate::block::Flags;
use crate::segment::Segments;

use super::params::Params;

/// For each block inside an item of a list that holds at least
/// `items_page_share` of `page_chars` (the text of the region the items
/// would be the content of: a list of teasers beside an article is a small
/// part of its page, the cards of a listing are most of it), the flags of
/// that item (its own and its ancestors'); `None` outside items.
pub(super) fn in_items(page: &Segments, p: &Params, page_chars: u32) -> Vec<Option<Flags>> {
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
    // Each block takes the flags of the innermost item it is in (the card,
    // not a row of cards): a sweep over the blocks with the open items on
    // a stack, so nested lists cost no more than flat ones.
    let mut members: Vec<&crate::block::Subtree> = page
        .subtrees
        .iter()
        .filter(|s| s.id != 0 && s.start < s.end && lists.contains_key(&(s.parent, s.sig)))
        .collect();
    members.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut next = members.into_iter().peekable();
    let mut open: Vec<&crate::block::Subtree> = Vec::new();
    (0..page.blocks.len() as u32)
        .map(|i| {
            while open.last().is_some_and(|s| s.end <= i) {
                open.pop();
            }
            while let Some(s) = next.next_if(|s| s.start <= i) {
                // Items of one list are disjoint and nested ones close
                // first, so what is open stays nested.
                while open.last().is_some_and(|o| o.end <= s.start) {
                    open.pop();
                }
                open.push(s);
            }
            while open.last().is_some_and(|s| s.end <= i) {
                open.pop();
            }
            open.last().map(|s| s.flags)
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
            .filter(|(_, m)| m.is_some())
            .map(|(b, _)| b.text.to_string())
            .collect()
    }

    #[test]
    fn an_item_block_carries_the_flags_of_its_item_and_list() {
        // Rows of cards in a grid classed "promo": a card's block carries
        // the grid's flag, the context the items are excused.
        let card = |i: u32| {
            format!(
                "<div class=card><h3>Story number {i} about the harbour</h3>\
                 <p class=teaser>A summary of story {i}, about the works.</p></div>"
            )
        };
        let row = |r: u32| {
            let cards: String = (r * 3..r * 3 + 3).map(card).collect();
            format!("<div class=row>{cards}</div>")
        };
        let rows: String = (0..3).map(row).collect();
        let page = segments_of(&format!("<body><div class=promo-grid>{rows}</div></body>"));
        let chars = page.blocks.iter().map(|b| b.chars).sum();
        let items = in_items(&page, &Params::default(), chars);
        let (b, f) = page
            .blocks
            .iter()
            .zip(&items)
            .find(|(b, _)| b.text.starts_with("A summary of story 4"))
            .unwrap();
        let f = f.expect("in an item");
        assert!(f.has(Flags::PROMO), "{:?} of {}", f, b.text);
        assert_eq!(items.iter().filter(|f| f.is_some()).count(), 18);
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
