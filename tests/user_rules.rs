//! User rules through the library: `--keep` / `--drop` selectors beat
//! selection, and a user rules file adds phrase rules and selectors, with
//! errors that name the file and the line.

use unboil::promo::UserRules;
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

    let opts = Options::default()
        .with_keep(["#recent-posts-2"])
        .with_drop(["h2:not(.widget-title)", "p:nth-of-type(6)"]);
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
    let opts = Options::default().with_drop(["div["]);
    let err = opts.check().unwrap_err();
    assert!(err.to_string().contains("div["), "{err}");
}

#[test]
fn user_rules_file_adds_phrases_and_selectors() {
    let user = UserRules::parse(
        "mine.toml",
        r##"
drop = ["div.entry-meta"]
keep = ["#archives-2"]

[[rule]]
id = "lone-dissent"
reason = "testing a rule"
pattern = 'not everyone was pleased .*'
"##,
    )
    .unwrap();
    assert_eq!(user.drop, ["div.entry-meta"]);
    assert_eq!(user.keep, ["#archives-2"]);
    let rules = Catalogue::merge(&[user.rules.as_slice(), Catalogue::builtin().rules()]).unwrap();
    let doc = clean(
        Options::default()
            .with_drop(user.drop.clone())
            .with_keep(user.keep.clone()),
        &rules,
    );
    let i = doc
        .blocks
        .iter()
        .position(|b| b.text.starts_with("Not everyone was pleased"))
        .unwrap();
    assert_eq!(
        doc.decisions[i],
        Decision::Remove(Reason::Rule("lone-dissent".into()))
    );
    assert!(doc.text.contains("Archives"));
    // The built-in rules still apply after the user's.
    assert!(!doc.text.contains("Source link"));

    // Without the built-in catalogue, only the user's rule removes phrases.
    let only = Catalogue::merge(&[user.rules.as_slice()]).unwrap();
    let doc = clean(Options::default(), &only);
    let i = doc
        .blocks
        .iter()
        .position(|b| b.text == "Source link")
        .unwrap();
    assert_ne!(
        doc.decisions[i],
        Decision::Remove(Reason::Rule("source-link".into()))
    );
}

#[test]
fn invalid_rules_files_name_the_file_and_line() {
    // A regex that does not compile: the line of that rule's pattern.
    let err = UserRules::parse(
        "bad.toml",
        "[[rule]]\nid = \"a\"\nreason = \"r\"\npattern = 'fine'\n\n[[rule]]\nid = \"b\"\nreason = \"r\"\npattern = 'unclosed ('\n",
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("bad.toml:9:"), "{err}");
    assert!(err.contains("rule \"b\""), "{err}");

    // TOML syntax.
    let err = UserRules::parse("bad.toml", "drop = [\".x\"]\n\n[[rule]\nid = 1\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("bad.toml:3:"), "{err}");

    // A field the catalogue does not have (a typo) is an error, not ignored.
    let err = UserRules::parse("bad.toml", "[[rule]]\nid = \"a\"\npatern = 'x'\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("bad.toml:"), "{err}");

    // A selector lol_html does not understand.
    let err = UserRules::parse("bad.toml", "keep = [\n  \"p\",\n  \"div[\",\n]\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("bad.toml:3:"), "{err}");
    assert!(err.contains("div["), "{err}");
}
