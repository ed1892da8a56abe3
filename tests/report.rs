//! Snapshots of `unboil explain` and `unboil diff` output on a few corpus
//! pages, stored in the top-level `snapshots/` folder next to the text
//! snapshots. A change in what is removed, or in why, shows up here line by
//! line; review with `cargo insta review`.

use std::path::Path;

use unboil::report;

/// Pages that between them show most reasons: rules, outside-main,
/// promo context, boilerplate boxes.
const PAGES: [&str; 4] = [
    "autoblog-wordpress",
    "promo-lines",
    "newsletter-inside-article",
    "div-soup",
];

fn clean(name: &str, options: &unboil::Options) -> unboil::Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(format!("{name}.html"));
    unboil::clean(&std::fs::read(path).unwrap(), options).unwrap()
}

#[test]
fn explain_snapshots() {
    for name in PAGES {
        let doc = clean(name, &unboil::Options::default());
        insta::with_settings!({
            snapshot_path => "../snapshots",
            prepend_module_to_snapshot => false,
            description => format!("unboil explain corpus/{name}.html"),
        }, {
            insta::assert_snapshot!(format!("explain__{name}"), report::explain(&doc));
        });
    }
}

#[test]
fn diff_snapshots() {
    for name in PAGES {
        let doc = clean(name, &unboil::Options::default());
        let diff = report::page_diff(&doc, &format!("corpus/{name}.html"), false);
        insta::with_settings!({
            snapshot_path => "../snapshots",
            prepend_module_to_snapshot => false,
            description => format!("unboil diff corpus/{name}.html"),
        }, {
            insta::assert_snapshot!(format!("diff__{name}"), diff);
        });
    }
}

#[test]
fn diff_of_two_option_sets_snapshot() {
    let name = "comments-section";
    let plain = clean(name, &unboil::Options::default());
    let kept = clean(
        name,
        &unboil::Options::default().with_keep(["div.comment-content"]),
    );
    let diff = report::diff(
        &plain.text,
        &kept.text,
        &format!("corpus/{name}.html [default options]"),
        &format!("corpus/{name}.html [keep=div.comment-content]"),
        false,
    );
    insta::with_settings!({
        snapshot_path => "../snapshots",
        prepend_module_to_snapshot => false,
        description => format!("unboil diff corpus/{name}.html --against-keep div.comment-content"),
    }, {
        insta::assert_snapshot!(format!("diff__{name}__keep-comment-content"), diff);
    });
}
