//! User rules through the library: `--keep` / `--drop` selectors beat
//! selection.

use unboil::{Catalogue, Cleaner, Decision, Options, Reason};

const PAGE: &[u8] = include_bytes!("../corpus/autoblog-wordpress.html");

fn clean(options: Options, rules: &Catalogue) -> unboil::Document {
    let mut c = Cleaner::with_rules(options, rules);
    c.write(PAGE).unwrap();
    c.finish().unwrap()
}

fn decision_of<'d>(doc: &'d unboil::Document, text: &str) -> &'d Decision {
    let i = doc
        .blocks
        .iter()
        .position(|b| b.text == text)
        .unwrap_or_else(|| panic!("no block {text:?}"));
    &doc.decisions[i]
}

#[test]
fn keep_brings_back_a_removed_block_and_drop_removes_a_kept_one() {
    let plain = clean(Options::default(), Catalogue::builtin());
    assert!(!plain.text.contains("Recent Posts"));
    assert!(plain.text.contains("fourteen months"));
    assert_eq!(
        decision_of(&plain, "Recent Posts"),
        &Decision::Remove(Reason::OutsideMain)
    );

    let opts = Options {
        keep: vec!["#recent-posts-2".into()],
        drop: vec!["h2:not(.widget-title)".into(), "p:nth-of-type(6)".into()],
        ..Options::default()
    };
    opts.check().unwrap();
    let user = clean(opts, Catalogue::builtin());
    assert_eq!(decision_of(&user, "Recent Posts"), &Decision::Keep);
    assert!(user.text.contains("Recent Posts"), "{}", user.text);
    assert_eq!(
        decision_of(&user, "Residents split over location"),
        &Decision::Remove(Reason::UserDrop)
    );
    assert!(!user.text.contains("Residents split"));
    assert!(!user.text.contains("fourteen months"), "6th p dropped");
    // Everything else is as before.
    assert!(user
        .text
        .contains("Harrowgate borough council voted 6 to 1"));
    assert!(!user.text.contains("Source link"));
}

#[test]
fn invalid_selector_is_caught_before_any_input() {
    let opts = Options {
        drop: vec!["div[".into()],
        ..Options::default()
    };
    let err = opts.check().unwrap_err();
    assert!(err.to_string().contains("div["), "{err}");
}
