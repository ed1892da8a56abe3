//! Snapshot of every corpus page's text output, stored in the top-level
//! `snapshots/` folder. Any change in output fails until it is reviewed
//! (`cargo insta review`): each snapshot must be the article and nothing else.

mod common;
use common::corpus_pages;

#[test]
fn corpus_text_snapshots() {
    let pages = corpus_pages();
    assert!(pages.len() >= 15, "corpus has {} pages", pages.len());
    for page in pages {
        let bytes = std::fs::read(&page).unwrap();
        let doc = unboil::clean(&bytes, &unboil::Options::default()).unwrap();
        let name = page.file_stem().unwrap().to_string_lossy().into_owned();
        insta::with_settings!({
            snapshot_path => "../snapshots",
            prepend_module_to_snapshot => false,
            description => format!("text output of corpus/{name}.html"),
        }, {
            insta::assert_snapshot!(format!("text__{name}"), doc.text);
        });
    }
}
