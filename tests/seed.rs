//! The seed: real scraped text with the promo lines still in it. Plain-text
//! mode must remove exactly the text-alert paragraph, "Source link" and
//! "Scroll to Top", and keep every other line in order.

use std::path::Path;

#[test]
fn scraped_article_loses_exactly_the_promos() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/scraped-article.txt");
    // A bare clone (or the published crate) has no ../shared: say so, skip.
    let Ok(input) = std::fs::read_to_string(&path) else {
        eprintln!("note: {} is missing; seed test skipped", path.display());
        return;
    };
    let opts = unboil::Options::default().with_input(unboil::InputKind::Text);
    let doc = unboil::clean(input.as_bytes(), &opts).unwrap();

    let lines = |s: &str| -> Vec<String> {
        s.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    };
    let is_promo = |l: &str| {
        l.starts_with("Get Forbes Breaking News Text Alerts:")
            || l == "Source link"
            || l == "Scroll to Top"
    };
    let original = lines(&input);
    assert_eq!(
        original.iter().filter(|l| is_promo(l)).count(),
        3,
        "the seed has the three promos"
    );
    let expected: Vec<String> = original.into_iter().filter(|l| !is_promo(l)).collect();
    assert_eq!(lines(&doc.text), expected);

    // Automatic detection treats it as text too.
    let auto = unboil::clean(input.as_bytes(), &unboil::Options::default()).unwrap();
    assert!(auto.plain_text);
    assert_eq!(auto.text, doc.text);
}
