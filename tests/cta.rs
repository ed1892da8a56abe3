//! The call-to-action detector on our labelled lines (tests/data/cta/):
//! every promo line is removed and every near-miss article sentence kept,
//! as a line of plain text and as a paragraph of an article page, at the
//! head, in the middle and at the tail of the text. `promo.txt` and
//! `near-miss.txt` are the lines the detector was tuned on; the
//! `*-heldout.txt` files were written after it was done, worded unlike the
//! first ones, and say how it does on lines it has never seen. Sets 1 to 7
//! and `near-miss-content.txt` have since been tuned on (see
//! `tuned_sets_three_to_eight`, set 8 since the seventh round, and
//! `tuned_set_nine`, since the eighth, `tuned_set_ten`, since the ninth,
//! and `tuned_set_eleven`, since the tenth); only a set written since is
//! unseen (set 12, `unseen_set_twelve`, kept away from the tenth round,
//! and set 13, `unseen_set_thirteen`, written during it). Set 14
//! (`trained_set_fourteen`) was read by no cue round; the learned model is
//! trained on it, and on sets 15 and 17 to 19 (`trained_set_fifteen`,
//! `trained_set_seventeen`, ...); set 16 (`unseen_set_sixteen`) is blind.

use std::path::Path;

use unboil::{Decision, Document, InputKind, Options};

/// `(kind, line)` for every line of a labelled file, `# kind:` headers
/// naming the kind of the lines below them.
fn load(name: &str) -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/cta")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let mut kind = String::from("-");
    let mut out = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(k) = line.strip_prefix("# kind:") {
            kind = k.trim().to_string();
        } else if !line.is_empty() && !line.starts_with('#') {
            out.push((kind.clone(), line.to_string()));
        }
    }
    out
}

/// Article prose around the tested line, written by us.
const PROSE: [&str; 6] = [
    "The harbour board met on Tuesday evening to decide the future of the old ferry pier, which has been closed to the public since a storm tore away part of its deck in the winter of 2024.",
    "Engineers hired by the board told members that the pilings are sound but that the deck and the railings would have to be rebuilt, at a cost they put at between four and five million dollars.",
    "Several fishermen who still tie up at the pier spoke during the public comment period, and most of them asked the board to keep the structure open to working boats while the repairs go on.",
    "The board's chair, Maren Okafor, said the money could come from a state grant for coastal infrastructure, but that the application would not be decided before the end of the year.",
    "A smaller group of residents argued for tearing the pier down altogether and using the money to extend the beach path, a plan the board agreed to study alongside the repair.",
    "Members will vote on both options at their March meeting, after the engineers deliver a second report on how long a rebuilt deck would last in the harbour's salt air.",
];

#[derive(Clone, Copy, Debug)]
enum At {
    Head,
    Middle,
    Tail,
}

const POSITIONS: [At; 3] = [At::Head, At::Middle, At::Tail];

fn insert(line: &str, at: At) -> Vec<String> {
    let mut lines: Vec<String> = PROSE.iter().map(|s| s.to_string()).collect();
    let i = match at {
        At::Head => 0,
        At::Middle => 3,
        At::Tail => lines.len(),
    };
    lines.insert(i, line.to_string());
    lines
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A news page: header and menu, the article with its headline and our
/// paragraphs, a sidebar and a footer.
fn page(paragraphs: &[String]) -> String {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>\n", escape(p)))
        .collect();
    format!(
        "<!doctype html><html lang=en><head><meta charset=utf-8>\
         <title>Board weighs the future of the old ferry pier | Harbour Gazette</title>\
         <meta property=og:site_name content='Harbour Gazette'></head><body>\
         <header class=site-header><a href=/>Harbour Gazette</a><nav class=menu><ul>\
         <li><a href=/news>News</a></li><li><a href=/sport>Sport</a></li>\
         <li><a href=/opinion>Opinion</a></li><li><a href=/weather>Weather</a></li></ul></nav></header>\
         <main><article class=post><h1>Board weighs the future of the old ferry pier</h1>\
         <div class=entry-content>\n{body}</div></article></main>\
         <aside class=sidebar><h3>Most read</h3><ul><li><a href=/a>Tide tables for March</a></li>\
         <li><a href=/b>School board race heats up</a></li></ul></aside>\
         <footer class=site-footer><p>© 2026 Harbour Gazette</p></footer></body></html>"
    )
}

fn decision_of<'a>(doc: &'a Document, line: &str) -> Option<&'a Decision> {
    let want = unboil::segment::collapse(line);
    doc.blocks
        .iter()
        .zip(&doc.decisions)
        .find(|(b, _)| unboil::segment::collapse(&b.text) == want)
        .map(|(_, d)| d)
}

/// How `line` fares at `at`, in plain text or HTML: `Ok(decision)` when the
/// rest of the text (our prose) was kept, else an error.
fn judge(line: &str, at: At, html: bool) -> Result<Decision, String> {
    let lines = insert(line, at);
    let doc = if html {
        unboil::clean(page(&lines).as_bytes(), &Options::default())
    } else {
        let opts = Options::default().with_input(InputKind::Text);
        unboil::clean(lines.join("\n\n").as_bytes(), &opts)
    }
    .map_err(|e| e.to_string())?;
    for p in PROSE {
        if !doc.text.contains(p) {
            return Err(format!(
                "prose lost: {p:.40}…\n{}",
                unboil::report::explain(&doc)
            ));
        }
    }
    decision_of(&doc, line)
        .cloned()
        .ok_or_else(|| format!("no block for the line\n{}", unboil::report::explain(&doc)))
}

/// Every (kind, line, position, mode) where the outcome is not `want_removed`.
fn failures(set: &[(String, String)], want_removed: bool) -> Vec<String> {
    let mut out = Vec::new();
    for (kind, line) in set {
        for at in POSITIONS {
            for html in [false, true] {
                let mode = if html { "html" } else { "text" };
                match judge(line, at, html) {
                    Ok(d) if d.kept() != want_removed => {}
                    Ok(d) => out.push(format!("[{kind}] {at:?} {mode}: {line}  ({d:?})")),
                    Err(e) => out.push(format!("[{kind}] {at:?} {mode}: {line}: {e}")),
                }
            }
        }
    }
    out
}

#[test]
fn the_labelled_sets_are_big_enough() {
    let promo = load("promo.txt");
    let near = load("near-miss.txt");
    assert!(promo.len() >= 80, "{} promo lines", promo.len());
    assert!(near.len() >= promo.len(), "{} near misses", near.len());
    let mut kinds: Vec<&str> = promo.iter().map(|(k, _)| k.as_str()).collect();
    kinds.dedup();
    assert!(kinds.len() >= 12, "{kinds:?}");
}

#[test]
fn every_promo_line_is_removed() {
    let f = failures(&load("promo.txt"), true);
    assert!(f.is_empty(), "{} kept:\n{}", f.len(), f.join("\n"));
}

#[test]
fn every_near_miss_is_kept() {
    let f = failures(&load("near-miss.txt"), false);
    assert!(f.is_empty(), "{} removed:\n{}", f.len(), f.join("\n"));
}

/// `[FILES="a.txt b.txt"] cargo test --test cta scores -- --ignored --nocapture` prints every
/// labelled line's score and signals (as a middle line, no site names).
#[test]
#[ignore]
fn scores() {
    let p = unboil::cta::CtaParams::default();
    let site = unboil::cta::Site::default();
    // `FILES="promo-heldout6.txt near-miss-heldout6.txt"` picks other files.
    let files = std::env::var("FILES").unwrap_or_else(|_| {
        "promo.txt near-miss.txt promo-heldout.txt near-miss-heldout.txt".to_string()
    });
    for file in files.split_whitespace() {
        if !Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/cta")
            .join(file)
            .exists()
        {
            continue;
        }
        println!("== {file}");
        for (kind, line) in load(file) {
            let v = unboil::cta::score(&line, &site, false, &p);
            let rule = unboil::Catalogue::builtin()
                .matches(&line)
                .map(|r| r.id.as_str());
            println!(
                "{:5.2}{} {:<14} {:<16} {line}  [{}]",
                v.score,
                if v.complete { " " } else { "x" },
                kind,
                rule.unwrap_or(""),
                v.signals
            );
        }
    }
}

/// Every line of `lines` removed (`gone`) or kept, in every position and
/// mode: a round's forms on wordings of our own.
fn every(lines: &[&str], gone: bool) {
    let set: Vec<(String, String)> = lines
        .iter()
        .map(|l| ("ours".to_string(), l.to_string()))
        .collect();
    let f = failures(&set, gone);
    assert!(f.is_empty(), "{}", f.join("\n"));
}

/// Cases of `set` (line, position, mode) with the outcome wanted, all
/// cases, and the failures.
fn rate(set: &[(String, String)], want_removed: bool) -> (usize, usize, Vec<String>) {
    let f = failures(set, want_removed);
    let cases = set.len() * POSITIONS.len() * 2;
    (cases - f.len(), cases, f)
}

/// How one held-out pair of files fares: prints the figures and fails when
/// the share of promo cases removed is under `promo_floor` or the share of
/// near-miss cases kept is under `near_floor`, listing the failures.
fn held_out(promo: &str, near: &str, promo_floor: f64, near_floor: f64) {
    let (promo_ok, promo_all, promo_f) = rate(&load(promo), true);
    let (near_ok, near_all, near_f) = rate(&load(near), false);
    let p = promo_ok as f64 / promo_all as f64;
    let n = near_ok as f64 / near_all as f64;
    println!(
        "{promo}: promo removed {promo_ok}/{promo_all} ({p:.3}); {near}: kept {near_ok}/{near_all} ({n:.3})"
    );
    let detail = format!(
        "promo kept:\n{}\nnear misses removed:\n{}",
        promo_f.join("\n"),
        near_f.join("\n")
    );
    println!("{detail}");
    assert!(p >= promo_floor, "{promo}: {p:.3}\n{detail}");
    assert!(n >= near_floor, "{near}: {n:.3}\n{detail}");
}

/// `promo-heldout.txt` and `near-miss-heldout.txt` were written after the
/// detector was done. First measured: 58.7% of promo lines removed, 70 of
/// 71 near misses kept. The detector was then extended on what they showed
/// (disclosures, "originally … published" apart, appeals, more cue words),
/// so they are no longer held out (97.3% and 70/71 then; the second
/// round, issue 14, took the rest: an ad-free perk stated by members, a
/// "Chip in" after an uncued sentence, and the one near miss, "Sign up at
/// the front desk …"): every case now.
#[test]
fn first_held_out_set() {
    held_out("promo-heldout.txt", "near-miss-heldout.txt", 1.0, 1.0);
}

/// `promo-heldout2.txt` and `near-miss-heldout2.txt` were written after
/// that. First measured: 36 of 43 promo lines removed (0.837 of cases), all
/// 41 near misses kept. The second round (issue 14) was tuned on what they
/// showed (German du forms, sign-ups, support, thanks, venues after "im"),
/// so they are no longer held out either: every case now.
#[test]
fn second_held_out_set() {
    held_out(
        "promo-heldout2.txt",
        "near-miss-heldout2.txt",
        PROMO_FLOOR_2,
        NEAR_FLOOR_2,
    );
}

const PROMO_FLOOR_2: f64 = 1.0;
const NEAR_FLOOR_2: f64 = 1.0;

/// Sets 3, 4 and 5 were written by engineers who never saw the detector,
/// its cue lists or the other sets (2026-12-01), from lines scraped from
/// many kinds of sites (set 5 from 300 imagined sites, no two lines on one
/// template), in English, German, French and Spanish. Unseen, after the
/// second round of cues (tuned on sets 1 and 2 only): promo cases removed
/// 0.666 (set 3), 0.589 (set 4), 0.486 (set 5); near misses kept 0.978,
/// 0.980, 0.973.
///
/// They are TUNED ON since the third round (issue 14, helper-m): its cues
/// were read off their failures, grouped by cause (coupon codes, press
/// contact cards, paywall restrictions and meters, cookie notices,
/// contests, corrections and press-release "About" notices, teaser labels
/// with a bar, German "Jetzt … abonnieren", steps of a procedure as a
/// negative; catalogue rules for back-to-top, pagers, breadcrumbs, comment
/// counts and wire credits). After it: promo cases 0.793 / 0.815 / 0.683,
/// near misses 0.991 / 0.993 / 0.984.
///
/// Set 6 (338 promo lines in 20 kinds, 338 near misses; en, de, fr, es)
/// was written by an engineer who saw neither the detector nor any other
/// set, and was kept away from the third round: unseen, 0.577 of its promo
/// cases removed before that round and 0.646 after it, 0.981 and 0.980 of
/// its near misses kept. It is TUNED ON since the fourth round (issue 14,
/// helper-u), read by general cause, not by phrase: symbols and arrows
/// opening a clause; abbreviations ("Oct. 20", "a.m.", "am 12.
/// September") and short fragments after the first sentence (buttons and
/// fine print, "Cancel anytime.") that end no uncued sentence; imperatives
/// known by form (the Spanish voseo "Bajá", enclitics "Desactívalo", German
/// "Markiere den …") as cues of their sentences; a price per period;
/// comments as an object in short lines; print products, tickets, fine
/// print; a sign-up form's consent line and a consent banner's buttons; a
/// feedback widget's yes/no; an author's bio box; paid-content labels and
/// shops' price notes; accounts and audio as a paywall's way on. After
/// it: set 6 0.950 of promo cases (1,926 of 2,028), 0.982 of near misses;
/// sets 3 / 4 / 5, not read for this round, rose with it to 0.883 / 0.909
/// / 0.841, near misses unchanged (0.991 / 0.993 / 0.984). So these figures
/// no longer say how the detector does on unseen wording: a fresh set
/// (set 7, measured by the lead before and after the round) does.
///
/// Set 7 (464 promo lines in 27 kinds, 436 near misses; en, de, fr, es,
/// from news, shop, forum, recipe, docs, radio, newsletter, podcast and NGO
/// pages) was written by an engineer who saw neither the detector nor any
/// other set, while the fourth round was tuned on set 6, and kept away from
/// it until measured: before the fourth round (2026-12-02) 0.578 of its
/// promo cases removed (1,608 of 2,784), 0.989 of its near misses kept
/// (2,588 of 2,616); after it 0.704 (1,960) and 0.989: the round, tuned on
/// set 6 (0.646 -> 0.950), carried over to unseen wording at about half
/// its gain; with the fifth (marketing calls to action read off WCEB leaks)
/// 0.706 (1,966) and 0.989. It is TUNED ON since the sixth round (issue
/// 14, helper-c6), read by general cause, not by phrase: sign-offs (thanks
/// for reading, farewells); price offers (an offer's label then a price, a
/// bargain price per period); buttons acting on the page ("Print this
/// page"); cookie and privacy labels; question widgets with bracketed
/// buttons; teaser labels in brackets, after arrows, related-list heads
/// with a title; German infinitive buttons; emoji as clause breaks;
/// notifications, hiring, events, lead magnets, login-to-continue,
/// print+digital, fundraising drives, partner syndication as cue words;
/// catalogue rules for comment-count buttons and display controls; and for
/// its near misses, "says" and "rät das" as reported speech, a report's
/// "customers reply STOP", a German capitalised infinitive with a finite
/// verb after it as a noun. After it: set 7 0.952 of promo cases (2,650),
/// 0.998 of near misses (2,610); sets 3 / 4 / 5 / 6, not read for it,
/// rose to 0.911 / 0.922 / 0.866 / 0.956, near misses unchanged (0.991 /
/// 0.993 / 0.984 / 0.982).
///
/// Set 8 (546 promo lines in 29 kinds, 468 near misses; en, de, fr, es;
/// kinds the earlier sets lacked among them: shops' cart nudges and
/// coupons, push-notification and cookie prompts, loyalty programmes,
/// lead-gen downloads, radio "listen live", contests) was written on
/// 2026-12-02 by an engineer who saw neither the detector nor any other
/// set, and kept away from the sixth round and the model's training:
/// unseen, 0.569 of its promo cases removed (1,864 of 3,276) before that
/// day's work, 0.606 (1,984) after the sixth round, 0.633 (2,074) with the
/// learned model too (`src/cta_model.rs`, trained on sets 1-7 and the
/// bench's real content lines, taken at p >= 0.9 on lines with a cue of a
/// call or an object), 0.984 of its near misses kept (2,762 of 2,808). It is TUNED ON since the seventh round (issue 14,
/// helper-c7), read by general cause, not by phrase: a shop's cart as a
/// promotional word and a cart label as a button, and a shop's urgency
/// (stock running out, a sale ending) in a short line that calls or
/// exclaims (neither on product or collection pages, `CtaParams::cart`);
/// a consent button alone (a consent verb with "all", two consent words);
/// buttons set apart by bars after a question (push prompts); joining a
/// crowd of thousands ("Join 84,000 readers"); a form's field ("Your
/// email address *"); an opt-in in the reader's voice ("Ja, ich möchte
/// …"); SMS carrier and operator terms; smart speakers and TV devices as
/// channels; catalogue labels of page actions (copy link, print, gallery),
/// skip and back-to-top links, comment-form chrome, most-read and related
/// heads, a feedback widget's thanks and questions, in all four languages.
/// After it: set 8 0.766 of promo cases (2,510), near misses 0.984
/// (2,762) unchanged; sets 3 / 4 / 5 / 6 / 7, not read for it, 0.943 ->
/// 0.949, 0.953 -> 0.965, 0.897 -> 0.898, 0.967 =, 0.967 -> 0.969 (these
/// "before" figures include the learned model, trained on them), near
/// misses and `near-miss-content.txt` unchanged. Only a fresh set (set 9,
/// measured by the lead) says how the seventh round carries over. The
/// floors are the figures reached, so a change that loses ground shows
/// here; merged with the model's cue gate (the model judges only lines
/// with a cue of a call or an object): 0.943, 0.958, 0.889, 0.967, 0.967
/// and set 8 0.764 (2,504), near misses as above. The eighth round (tuned
/// on set 9, `tuned_set_nine`) raised sets 3 and 8 to 0.953 and 0.805;
/// the ninth (tuned on set 10, `tuned_set_ten`) sets 5, 6 and 8 to 0.892,
/// 0.968 and 0.812, set 3's near misses to 0.993, the rest unchanged.
/// The learned model retrained on sets 1-10 (it knew sets 1-7 until then)
/// raised sets 3 / 5 / 6 / 8 to 0.965, 0.898, 0.974 and 0.837 and cost
/// sets 4 and 7 one line each (0.958 -> 0.954, 0.969 -> 0.967). The tenth
/// round (tuned on set 11, `tuned_set_eleven`) raised set 7 to 0.969 and
/// set 8 to 0.842, its near misses to 0.985. The model retrained on sets
/// 1-11 then raised sets 5 and 8 to 0.903 and 0.846 (set 4's near misses
/// to 0.993) and cost sets 3, 6 and 7 one line each (0.965 -> 0.962, 0.974
/// -> 0.971, 0.969 -> 0.967; floors lowered with it) for +0.010 on both
/// unseen sets, 12 and 13. The stacked model (it reads the rules' verdict
/// and cue classes beside the words, and judges lines of four words or
/// more that the rules found no cue in; trained on sets 1-11 and 14) raised
/// sets 3 / 5 / 6 / 7 / 8 to 0.969, 0.922, 0.982, 0.974 and 0.885 (sets 9,
/// 10, 11 below) and cost set 4 one line (0.954 -> 0.951; floor lowered).
/// Retrained with sets 15 and 17 (and the prefix cue's word tail): set 4
/// 0.954 and set 8 0.893 up, sets 3, 5 and 7 down two, one and one lines
/// (0.969 -> 0.963: a price disclaimer and "Tickets are on sale now …";
/// 0.922 -> 0.919; 0.974 -> 0.973; floors lowered) for +0.02–0.03 on the
/// folds the script leaves out of sets 14, 15 and 17, none of them read
/// by a rule. "Anzeige" no longer a promotional word by itself (it is a
/// device's display as well as an ad; the ad label keeps it): set 8 one
/// line down (0.893 -> 0.891), set 15's manual step "Drücken Sie die
/// Taste so lange, bis die Anzeige blinkt." kept. Retrained with sets 18
/// and 19: sets 3 / 4 / 6 / 7 up to 0.966, 0.958, 0.985 and 0.976, set 8
/// one line down (0.891 -> 0.889; floor lowered), near misses equal, for
/// +0.01–0.02 on the folds left out of sets 14, 15 and 17.
#[test]
fn tuned_sets_three_to_eight() {
    for (promo, near, promo_floor, near_floor) in [
        ("promo-heldout3.txt", "near-miss-heldout3.txt", 0.965, 0.993),
        ("promo-heldout4.txt", "near-miss-heldout4.txt", 0.957, 0.992),
        ("promo-heldout5.txt", "near-miss-heldout5.txt", 0.918, 0.983),
        ("promo-heldout6.txt", "near-miss-heldout6.txt", 0.984, 0.982),
        ("promo-heldout7.txt", "near-miss-heldout7.txt", 0.975, 0.997),
        ("promo-heldout8.txt", "near-miss-heldout8.txt", 0.888, 0.984),
    ] {
        held_out(promo, near, promo_floor, near_floor);
    }
}

/// Set 9 (573 promo lines in 48 kinds, 448 near misses; en, de, fr, es;
/// with kinds no set had: forum chrome, job boards, real estate, travel
/// booking, course platforms, charity matching, whitepaper gates, referral
/// programmes, mailing footers, translation widgets, accessibility
/// toolbars and captcha notices as text) was written on 2026-12-02 by an
/// engineer who saw neither the detector nor any other set, and kept away
/// from the seventh round. Unseen: before that day's work 0.457 of its
/// promo cases removed (1,570 of 3,438), 0.996 of its near misses kept
/// (2,678 of 2,688); after the sixth round 0.489 (1,680) and 0.998
/// (2,682); with the learned model too 0.506 (1,740) and 0.998; after the
/// seventh round (tuned on set 8) 0.588 (2,022) and 0.998 (2,682).
///
/// It is TUNED ON since the eighth round (issue 14, helper-a), read by
/// general cause: most of what it kept were a page's buttons set as text,
/// a verb and a few words with no sentence in them ("Schedule a tour",
/// "Check availability", "Job merken", "Passer commande") or a row of them
/// set apart by bars ("Quote | Reply | Report"), which had a call and no
/// object (`CtaParams::label_words`, the `label-verb` cues): 0.764
/// (2,628); then a gate that asks the reader to sign in ("You must be
/// logged in to post", the `login-gate` cues) and a bot check's notice set
/// as text (the catalogue's `robot-check`): 0.789 (2,712). After it:
/// 0.789 and 0.998 (2,682); sets 3-8, not read for it, 0.943 ->
/// 0.953, 0.958 =, 0.889 =, 0.967 =, 0.969 =, 0.764 -> 0.805 (set 8),
/// near misses and `near-miss-content.txt` unchanged. Only a fresh set
/// (set 10, measured by the lead) says how the eighth round carries over.
/// The floors are the figures reached; after the ninth round (tuned on set
/// 10 only) 0.813 and 0.998; after the tenth (tuned on set 11 only) 0.847.
#[test]
fn tuned_set_nine() {
    // (0.878 with the stacked model.)
    // (0.890 with sets 18 and 19 in training.)
    held_out("promo-heldout9.txt", "near-miss-heldout9.txt", 0.898, 0.997);
}

/// Set 10 (882 promo lines in 64 kinds, 554 near misses; en, de, fr, es,
/// about 55% English; kinds no set had among them: review requests,
/// exit-intent pop-ups, chatbot greetings, ad-blocker notices, social
/// logins, creator crowdfunding, gift subscriptions, e-mail footers; near
/// misses that lean hard on promo words: quoted urging, help-centre and
/// API-docs steps, travel tips, recipe steps, forum advice) was written on
/// 2026-12-02 by an engineer who saw neither the detector nor any other
/// set, and kept away from the eighth round: the honest figure for unseen
/// wording. Before the eighth round 0.569 of its promo cases removed
/// (3,012 of 5,292), 0.983 of its near misses kept (3,268 of 3,324);
/// after it 0.650 (3,438) and 0.983 (3,268): the round (+0.20 on set 9,
/// which it was tuned on) carried over at 0.4 of its gain. Its misses
/// are mostly short interface text with no call in it ("Please verify you
/// are a human.", "Customers who bought this also bought", "Comments are
/// moderated …"); the near misses it loses are quoted urging ("'Subscribe
/// to my channel,' the boy shouted …") and a manual's steps.
///
/// It is TUNED ON since the ninth round (issue 14, helper-a), read by
/// general cause, not by phrase: notices of the site's machinery (a thing
/// of the page and its state, "Your browser is out of date", "Comments are
/// moderated"; an ad blocker or JavaScript to switch; a check in
/// progress), a chat widget's greeting and offer of help, urgency right
/// after a known verb ("Book now", "Réservez maintenant"), reviews asked
/// for, a stock count that exclaims, a shop's carousel heads, rows of
/// buttons set apart by middle dots, a closing ellipsis on a button, and
/// as near misses reported speech with its narration after the quote,
/// code and numbered steps of a manual: promo cases 0.650 -> 0.731 (3,870
/// of 5,292), near misses 0.983 -> 0.996 (3,310 of 3,324); with the
/// learned model retrained on sets 1-10 too, 0.765 (4,048). What it still
/// keeps is mostly pitch with no cue of a call or an object ("One email.
/// Five minutes.", "Triple your impact: gifts … are matched 2-to-1."),
/// section labels ("Latest news", "Editor's picks") and shop lines the
/// content set keeps as a product's copy ("Free shipping on orders over
/// $50"). The floors are the figures measured; after the tenth round
/// (tuned on set 11 only) 0.777 (4,114).
#[test]
fn tuned_set_ten() {
    held_out(
        "promo-heldout10.txt",
        "near-miss-heldout10.txt",
        // (0.826 with the stacked model, 0.839 with sets 18 and 19, 0.846
        // with the two-word gate.)
        0.845,
        0.995,
    );
}

/// Set 11 (1,022 promo lines in 75 kinds, 715 near misses in 51 kinds; en
/// 54%, de, fr and es about 15% each; with kinds no set had: trust badges,
/// pay-later plugs, exit-intent pop-ups, age gates and geo-blocks,
/// countdown sales, warranty add-ons, e-paper plugs, player and gallery
/// controls, live-blog refresh bars, copyright footers, reading-time
/// labels) was written on 2026-12-02 by an engineer who saw neither the
/// detector nor any other set, and kept away from the ninth round: the
/// honest figure for unseen wording. Before the ninth round 0.610 of its
/// promo cases removed (3,742 of 6,132), 0.988 of its near misses kept
/// (4,238 of 4,290); after it 0.667 (4,088) and 0.992 (4,256): the round
/// (+0.08 on set 10, which it was tuned on) carried over at 0.7 of its
/// gain. With the learned model retrained on sets 1-10 (not 11): 0.682
/// (4,180) and 0.992.
///
/// It is TUNED ON since the tenth round (issue 14, helper-a), read by
/// general cause: what it kept was mostly shop and interface text with no
/// call in it. A shop's nudge (a word of its service with a price, a
/// percentage or a free offer, pressed on the reader; or a row of its
/// badges), 0.704 (4,318); an exit pop-up (the reader leaving, a decline
/// button in the reader's voice) and site notices for the reader's comment,
/// old browsers and age checks, 0.729 (4,468); a footer's row of legal
/// links, a forum member's statistics, consent buttons set apart by dots
/// and countdowns, 0.740 (4,540); a lead magnet and a player's controls,
/// 0.760; a language picker, 0.761 (4,666); a shop's box of what the
/// reader viewed as a related head, 0.763 (4,678). Its near misses rose 0.992 ->
/// 0.996 (4,274) with steps naming the settings menu they are done in. Its
/// plain shop terms ("Free shipping on orders over $50.") stay by design:
/// `near-miss-content.txt` keeps the same lines as a product's copy. Sets
/// 3-10, not read for it: set 7 0.967 -> 0.969, set 8 0.837 -> 0.842 (near
/// misses 0.984 -> 0.985), set 9 0.840 -> 0.847, set 10 0.765 -> 0.777, the
/// rest and the content set equal. Set 12 (blind) says how the round
/// carries over. With the model retrained on sets 1-11 (this set in its
/// training now): 0.780 (4,786), near misses 0.996 =. The floors are a
/// hair under the figures reached.
#[test]
fn tuned_set_eleven() {
    held_out(
        "promo-heldout11.txt",
        "near-miss-heldout11.txt",
        // (0.818 with the stacked model, 0.826 with sets 15 and 17 and the
        // badge labels, 0.834 with sets 18 and 19, 0.847 with the
        // two-word gate.)
        0.846,
        0.996,
    );
}

/// The ninth round's forms (issue 14), on wordings of our own, not set
/// 10's, in plain text and as a paragraph, at head, middle and tail: a
/// notice of the site's machinery (a thing of the page and its state, a
/// thing to switch named to the reader, a check in progress), a chat
/// widget's greeting and offer of help, a call pressed with urgency, a
/// review asked for, a stock count that exclaims, a shop's carousel head,
/// a button's closing ellipsis go. Reported speech with its narration
/// after the quote, code and numbered steps of a manual, reports on the
/// same machinery, a service's offer of help and a plain count stay.
#[test]
fn the_ninth_rounds_forms() {
    every(
        &[
            // A thing of the page and its state.
            "This video is not available in your region.",
            "Die Kommentare werden vor der Freischaltung von der Redaktion gelesen.",
            "Les messages hors sujet seront supprimés sans préavis.",
            "Este contenido no está disponible en tu país.",
            // A thing to switch, to the reader, with its state, in progress.
            "JavaScript is turned off in your browser.",
            "Hemos detectado un bloqueador de anuncios en tu navegador.",
            "Comprobación de seguridad en curso…",
            // A greeting and help offered.
            "Hello! How can we help you today?",
            "Bonjour ! Comment pouvons-nous vous aider ?",
            // Urgency right after the verb.
            "Reserve now and pay at the desk.",
            "Reserva hoy y paga después.",
            "Jetzt bestellen und morgen erhalten",
            // A review asked for.
            "Leave a review and help other guests.",
            "Donnez votre avis sur cet hôtel.",
            // A count that exclaims, a carousel's head, an ellipsis.
            "Only 2 tickets left!",
            "Customers also bought",
            "Tap to expand...",
            // A prize to win, and the call to enter.
            "Three readers will win a tasting menu. Enter by June 2.",
        ],
        true,
    );
    every(
        &[
            // Quoted urging, the narration after the quote.
            "\"Join the club today,\" the coach told the parents gathered by the pitch after the match.",
            "„Laden Sie die App herunter“, forderte die Bürgermeisterin die Anwohner bei der Versammlung auf.",
            "« Abonnez-vous à la chaîne », lançait l'animateur à chaque pause du direct, selon les témoins.",
            "\"Suscríbanse al canal\", gritaba el niño mientras grababa a la multitud en la plaza.",
            // A manual's code and numbered steps.
            "Call subscribe() on the stream before the first event arrives.",
            "Step 2: Sign up for an API key",
            // Reports on the same machinery, a service's offer, a plain count.
            "The newspaper closed its comments section in 2019 after years of abuse.",
            "Make sure JavaScript is enabled before running the tests.",
            "Our volunteers are here to help you with the forms.",
            "Only 4 of the 11 members voted for it.",
            "And now the council must decide what to do with the pier.",
        ],
        false,
    );
}

/// The eighth round's forms (issue 14), on wordings of our own, not set
/// 9's: a button's few words opened by a verb, or a row of them set apart
/// by bars, a sign-in gate and a bot check's notice go in plain text and as a paragraph, at head, middle and
/// tail; a sentence opened by the same verbs, a title in capitals, a label
/// with a figure and a statement of a few words stay. In a heading or a
/// list item the same label stays: a section's title, a checklist's step.
#[test]
fn the_eighth_rounds_forms() {
    let all_go = |lines: &[&str]| every(lines, true);
    let all_stay = |lines: &[&str]| every(lines, false);
    all_go(&[
        "Book a viewing",
        "Compare plans now",
        "Preview this lesson",
        "Jump to comments",
        "Like | Reply | Share",
        "Termin vereinbaren",
        "Demander un devis",
        "Guardar esta búsqueda",
        "Watch the trailer →",
        // A gate before the page's forms and a bot check's notice.
        "You need to be logged in to reply.",
        "Veuillez vous connecter pour voter.",
        "Confirm you're human to continue",
        "Ich bin kein Roboter",
    ]);
    all_stay(&[
        "Check the tyres before a long drive.",
        "Install Solar Panels Yourself",
        "Save $40 on winter boots",
        "Thanks a lot in advance",
        "Roast chicken with garden herbs",
        "Hecho a mano en Portugal",
        "Name | Age | City",
        "You must be logged in as an editor to publish the page.",
        "The robot vacuum maps each room before it starts cleaning.",
    ]);
    let label = "Book a viewing";
    for (open, close) in [("<h2>", "</h2>"), ("<ul><li>", "</li></ul>")] {
        let mut lines: Vec<String> = PROSE.iter().map(|s| s.to_string()).collect();
        lines.insert(3, label.to_string());
        let page =
            page(&lines).replace(&format!("<p>{label}</p>"), &format!("{open}{label}{close}"));
        let doc = unboil::clean(page.as_bytes(), &Options::default()).unwrap();
        assert!(
            decision_of(&doc, label).is_some_and(Decision::kept),
            "{open}: {}",
            unboil::report::explain(&doc)
        );
    }
}

/// The learned model (`src/cta_model.rs`) is the rules' second opinion on
/// lines with a cue of a call or an object: wordings the rules score too
/// low go, with `model` among the signals, in plain text and HTML at head,
/// middle and tail; with the model off they stay. Sentences about alerts,
/// sign-ups and settings stay either way, and so does a sentence whose only
/// cue is the publisher speaking (the model alone gives it 0.985).
#[test]
fn the_model_takes_wordings_no_rule_names() {
    let site = unboil::cta::Site::default();
    let on = unboil::cta::CtaParams::default();
    let off = unboil::cta::CtaParams {
        model_threshold: 2.0,
        ..Default::default()
    };
    let promo = [
        "Hungry for more? Get our best recipes straight to your phone.",
        "Enjoyed this? Our morning edition lands on your phone at 6.",
    ];
    for line in promo {
        let v = unboil::cta::judge(line, &site, false, &on).expect(line);
        assert!(
            v.signals.has(unboil::cta::Signals::MODEL),
            "{line}: {}",
            v.signals
        );
        assert!(
            unboil::cta::judge(line, &site, false, &off).is_none(),
            "{line}"
        );
    }
    let set: Vec<(String, String)> = promo
        .iter()
        .map(|l| ("model".to_string(), l.to_string()))
        .collect();
    let (ok, all, f) = rate(&set, true);
    assert_eq!(ok, all, "{}", f.join("\n"));
    let near: Vec<(String, String)> = [
        "The mayor said residents could sign up for alerts at city hall.",
        "Click Save to apply the settings.",
        "The app lets farmers check grain prices by text message.",
        "Our reporter took the first ferry on Monday morning.",
    ]
    .iter()
    .map(|l| ("near".to_string(), l.to_string()))
    .collect();
    let (ok, all, f) = rate(&near, false);
    assert_eq!(ok, all, "{}", f.join("\n"));
}

/// Short lines of main content (headings, list items, ingredients, specs,
/// captions, quotes, names, scores, forum replies, FAQ questions, product
/// copy, listing titles, how-to steps), written with set 5 and as unseen:
/// 5,270 of 5,364 cases kept (0.982), 5,282 once an IPv4 address stopped
/// counting as a phone number and Spanish "haz clic" (click) as a web
/// channel without "aquí" (here), 5,290 (0.986) with the third round (steps
/// of a procedure, the narrower `subscribe-to` rule), 5,290 still after the
/// fourth round (issue 14, tuned on set 6) and after the sixth (tuned on
/// set 7). The rest are how-to
/// steps that read as calls ("Sign up for a free account, confirm your email
/// address, then log in") and, by design, dates alone and figure labels
/// ("Figure 2: Annual rainfall by region").
#[test]
fn short_content_lines_are_kept() {
    let (ok, all, f) = rate(&load("near-miss-content.txt"), false);
    let share = ok as f64 / all as f64;
    println!("near-miss-content.txt: kept {ok}/{all} ({share:.3})");
    assert!(share >= 0.986, "{ok}/{all}\n{}", f.join("\n"));
}

/// The catalogue's `subscribe-to` took any line up to 600 bytes opening
/// "Subscribe to": now only the publisher's own and the paywall's. A
/// sentence that subscribes to a view and a how-to step are kept, in plain
/// text and HTML, at the head, middle and tail; the publisher's own goes by
/// the rule, a named podcast by the detector.
#[test]
fn subscribe_to_is_the_publishers_own_or_the_paywalls() {
    let rule = |line: &str| {
        unboil::Catalogue::builtin()
            .matches(line)
            .map(|r| r.id.clone())
    };
    for line in [
        "Subscribe to our YouTube channel for more videos like this.",
        "Subscribe to keep reading.",
    ] {
        assert_eq!(rule(line).as_deref(), Some("subscribe-to"), "{line}");
    }
    let text = [
        "Subscribe to the view that markets always know best, and the rescue of the harbour board makes no sense at all.",
        "Subscribe to the channel in the app, then tap the bell icon to get notified about new episodes.",
    ];
    for line in text {
        assert_eq!(rule(line), None, "{line}");
    }
    every(&text, false);
    let gone = [(
        "podcast".to_string(),
        "Subscribe to The Daily Grind podcast — new episodes every Monday.".to_string(),
    )];
    let f = failures(&gone, true);
    assert!(f.is_empty(), "{}", f.join("\n"));
}

/// `LINE="..." cargo test --test cta one -- --ignored --nocapture` scores one line.
#[test]
#[ignore]
fn one() {
    let line = std::env::var("LINE").unwrap_or_default();
    let v = unboil::cta::score(
        &line,
        &unboil::cta::Site::default(),
        false,
        &unboil::cta::CtaParams::default(),
    );
    println!("{v:?} {}", v.signals);
}

fn reason_of(doc: &Document, line: &str) -> Option<String> {
    match decision_of(doc, line) {
        Some(Decision::Remove(r)) => Some(r.to_string()),
        _ => None,
    }
}

fn html_doc(paragraphs: &[String], head: &str) -> Document {
    let page = page(paragraphs).replace(
        "<meta property=og:site_name content='Harbour Gazette'>",
        head,
    );
    unboil::clean(page.as_bytes(), &Options::default()).unwrap()
}

fn text_doc(lines: &[String], url: Option<&str>) -> Document {
    let opts = Options::default()
        .with_input(InputKind::Text)
        .with_url(url.map(String::from));
    unboil::clean(lines.join("\n\n").as_bytes(), &opts).unwrap()
}

/// One decision per block with one reason: the catalogue's rule first,
/// then the detector. A line both catch reports the rule, in HTML and in
/// plain text alike; a line only the detector catches shows its signals.
#[test]
fn catalogue_and_detector_agree_on_one_reason() {
    let both = "Sign up for our daily newsletter to get the best stories in your inbox.";
    let p = unboil::cta::CtaParams::default();
    let site = unboil::cta::Site::default();
    assert!(unboil::cta::judge(both, &site, false, &p).is_some());
    assert!(unboil::Catalogue::builtin().matches(both).is_some());
    for at in POSITIONS {
        let lines = insert(both, at);
        let html = html_doc(&lines, "");
        let text = text_doc(&lines, None);
        assert_eq!(
            reason_of(&html, both).as_deref(),
            Some("rule:newsletter-signup")
        );
        assert_eq!(
            reason_of(&text, both).as_deref(),
            Some("rule:newsletter-signup")
        );
        let explain = unboil::report::explain(&html);
        assert!(
            explain.contains("removed  rule:newsletter-signup"),
            "{explain}"
        );
    }
    let only = "Text HARBOR to 40404 for storm alerts from our newsroom.";
    assert!(unboil::Catalogue::builtin().matches(only).is_none());
    let lines = insert(only, At::Middle);
    let want = "cta:imperative+channel:sms+self+own+promo+short";
    assert_eq!(
        reason_of(&html_doc(&lines, ""), only).as_deref(),
        Some(want)
    );
    assert_eq!(
        reason_of(&text_doc(&lines, None), only).as_deref(),
        Some(want)
    );
    let explain = unboil::report::explain(&text_doc(&lines, None));
    assert!(explain.contains(want), "{explain}");
}

/// A line just under the threshold in the middle of the text goes at its
/// tail: position is a signal, computed once the kept text is known.
#[test]
fn the_tail_of_the_text_tips_a_borderline_line() {
    // (No "every morning": a recurring delivery to the inbox is an offer
    // and would decide alone; no "e-paper": the publisher's print product
    // is a promotional word since the fourth round.)
    let line =
        "Read the Valley Herald on the way to work, with the front page in your inbox by seven.";
    let p = unboil::cta::CtaParams::default();
    let site = unboil::cta::Site::default();
    let mid = unboil::cta::score(line, &site, false, &p);
    assert!(mid.complete && mid.score < p.threshold, "{mid:?}");
    for html in [false, true] {
        let doc = |at| {
            let lines = insert(line, at);
            if html {
                html_doc(&lines, "")
            } else {
                text_doc(&lines, None)
            }
        };
        assert_eq!(reason_of(&doc(At::Middle), line), None, "html {html}");
        let tail = reason_of(&doc(At::Tail), line).unwrap_or_default();
        assert!(
            tail.starts_with("cta:") && tail.contains("edge"),
            "html {html}: {tail}"
        );
    }
}

/// The site's own name (from `og:site_name`, collected even without
/// `--format json`) and its host (from `--url`) make the publisher speak.
#[test]
fn the_site_name_and_host_count_as_the_publisher() {
    let named =
        "Start the day with the Valley Herald, the stories that matter in your inbox by seven.";
    let lines = insert(named, At::Middle);
    let without = html_doc(&lines, "");
    assert_eq!(reason_of(&without, named), None);
    let with = html_doc(
        &lines,
        "<meta property='og:site_name' content='The Valley Herald'>",
    );
    let r = reason_of(&with, named).unwrap_or_default();
    assert!(r.starts_with("cta:") && r.contains("self"), "{r}");

    // (No "e-paper" here either: it would decide without the host.)
    let hosted =
        "Start each morning with the full edition, always waiting at valleyherald.com for you.";
    let lines = insert(hosted, At::Middle);
    // (Without the host the learned model may still take the line, but
    // not as the publisher's.)
    let r = reason_of(&text_doc(&lines, None), hosted).unwrap_or_default();
    assert!(!r.contains("self"), "{r}");
    let doc = text_doc(&lines, Some("https://www.valleyherald.com/news/pier"));
    let r = reason_of(&doc, hosted).unwrap_or_default();
    assert!(r.starts_with("cta:") && r.contains("self"), "{r}");
}

/// A page in a language the cue words do not cover is not judged; the
/// same page in English is.
#[test]
fn pages_in_other_languages_are_not_judged() {
    let line = "Text HARBOR to 40404 for storm alerts from our newsroom.";
    let lines = insert(line, At::Middle);
    let page_in = |lang: &str| {
        let p = page(&lines).replace("<html lang=en>", &format!("<html lang={lang}>"));
        unboil::clean(p.as_bytes(), &Options::default()).unwrap()
    };
    assert!(reason_of(&page_in("en-GB"), line).is_some());
    assert_eq!(reason_of(&page_in("pt-BR"), line), None);
}

/// The detector is built-in knowledge: it runs with the built-in rules,
/// alone or merged with a user's, and not with the user's rules alone
/// (`--no-default-rules`).
#[test]
fn the_detector_runs_with_the_builtin_rules_only() {
    let builtin = unboil::Catalogue::builtin();
    assert!(builtin.cta());
    let user =
        unboil::promo::UserRules::parse("mine.toml", "[[rule]]\nid = \"x\"\npattern = 'zzz'\n")
            .unwrap();
    assert!(unboil::Catalogue::merge(&[&user.rules, builtin.rules()])
        .unwrap()
        .cta());
    assert!(!unboil::Catalogue::merge(&[&user.rules]).unwrap().cta());
}

/// A heading names its section: a trial or consultation in it ("Get a Free
/// Quote for Moving Services in Staten Island") is the offer the section
/// presents and stays, while the same offer in a short paragraph, a
/// banner's line, goes (issue 14, fifth round).
#[test]
fn a_trial_in_a_heading_names_its_section() {
    let heading = "Get a Free Quote for Moving Services in Staten Island";
    let banner = "Get a free quote for your move today!";
    let mut lines: Vec<String> = PROSE.iter().map(|s| s.to_string()).collect();
    lines.insert(3, banner.to_string());
    let page = page(&lines).replace(
        &format!("<p>{}</p>", PROSE[3]),
        &format!("<h2>{heading}</h2>\n<p>{}</p>", PROSE[3]),
    );
    assert!(page.contains("<h2>"), "{page}");
    let doc = unboil::clean(page.as_bytes(), &Options::default()).unwrap();
    assert!(
        decision_of(&doc, heading).is_some_and(Decision::kept),
        "{}",
        unboil::report::explain(&doc)
    );
    assert!(
        reason_of(&doc, banner).is_some_and(|r| r.starts_with("cta:")),
        "{}",
        unboil::report::explain(&doc)
    );
}

/// The seventh round's forms (issue 14, tuned on set 8), each on wordings
/// of our own, not set 8's: a shop's cart and urgency, consent buttons,
/// bar buttons after a question, a crowd to join, a form's field, an
/// opt-in in the reader's voice, and the catalogue's page actions and
/// feedback thanks go (a cart line still needs a call,
/// "Visit your cart", and an urgent line a cue in each sentence), in plain text and HTML at head, middle and tail;
/// their near relatives in prose stay. On product and collection pages
/// (`CtaParams::cart` false) the cart and the stock stay.
#[test]
fn the_seventh_rounds_forms() {
    let promo: Vec<(String, String)> = [
        "View cart",
        "Zum Warenkorb",
        "Mettre au panier",
        "Ver el carrito",
        "Visit your cart to finish your order.",
        "Selling fast! Order yours today.",
        "Nur für kurze Zeit: Jetzt bestellen!",
        "Reject all",
        "Alle ablehnen",
        "Tout refuser",
        "Rechazar todas",
        "Get alerts when prices change? Later | Allow",
        "Activer les notifications ? Non merci · Oui",
        "Join 12,000 gardeners who get our tips first.",
        "Tu dirección de correo",
        "Votre adresse e-mail",
        "Ja, ich möchte Angebote per E-Mail erhalten.",
        "Copy the link",
        "Imprimer la recette",
        "Thanks for your rating!",
        "Merci pour votre avis !",
        "Les plus commentés",
        "Aller au contenu principal",
        "Sé la primera en comentar",
        "Haut de la page",
        "Hat Ihnen dieser Artikel geholfen?",
    ]
    .iter()
    .map(|l| ("round7".to_string(), l.to_string()))
    .collect();
    let (ok, all, f) = rate(&promo, true);
    assert_eq!(ok, all, "{}", f.join("\n"));
    let near: Vec<(String, String)> = [
        "Only 3 left in stock",
        "The shop ran out of stock within an hour, and the owner said the next delivery would come on Friday.",
        "Shoppers abandoned their carts when the checkout page crashed during the sale.",
        "Join 2 strands of yarn and knit the first row loosely.",
        "Scan the barcode at the self-checkout and pay by card.",
        "Your email address will not be published or shared with the contractor.",
        "Yes, I want to know why the council waited so long to fix the road.",
        "Regulators said many banners make it easier to accept all cookies than to reject them.",
    ]
    .iter()
    .map(|l| ("round7-near".to_string(), l.to_string()))
    .collect();
    let (ok, all, f) = rate(&near, false);
    assert_eq!(ok, all, "{}", f.join("\n"));
    let site = unboil::cta::Site::default();
    // As the product and collection profiles set them.
    let shop = unboil::cta::CtaParams {
        cart: false,
        label_words: 0,
        ..Default::default()
    };
    let on = unboil::cta::CtaParams::default();
    for line in ["View cart", "Only 3 left in stock, order now!"] {
        assert!(
            unboil::cta::judge(line, &site, false, &on).is_some(),
            "{line}"
        );
        let v = unboil::cta::score(line, &site, false, &shop);
        assert!(!(v.complete && v.score >= shop.threshold), "{line}: {v:?}");
    }
}

/// Set 12 (871 promo lines in 61 kinds, 519 near misses in 28; en about
/// 60%, de, fr and es the rest; pages beyond news: recipe blogs, real
/// estate, job boards, SaaS, government and university sites, shops,
/// travel, forums, streaming, local news) was written at the end of
/// 2026-12-02, after the ninth round and the model's retraining, by an
/// engineer who saw neither the detector nor any set. First measured at
/// once: 0.626 of its promo cases removed (3,274 of 5,226), 0.988 of its
/// near misses kept (3,076 of 3,114). Blind, as set 11 is: the next round
/// tunes on set 11 and is measured here. After the tenth round (tuned on
/// set 11: 0.682 -> 0.763 there), measured once: 0.646 (3,376), near
/// misses 0.988 (3,076, equal): a fourth of the tuned gain carried over.
/// With the model retrained on sets 1-11, once: 0.656 (3,430), near
/// misses 0.988 =. Still unseen: no round or training has read it.
///
/// With the stacked model (it reads the rules' verdict beside the words,
/// and judges lines of four words with no cue too; trained on sets 1-11
/// and 14, chosen by the script's cross-validation and the bench halves),
/// measured once: 0.664 (3,468), near misses 0.987 (3,074 of 3,114).
/// Stop 27 (the model retrained with sets 15 and 17, the shop's badge and
/// widget labels, "Anzeige" not promotional alone), measured once: 0.675
/// (3,528), near misses 0.987 (3,074). Then the model retrained with sets
/// 18 and 19, measured once: 0.684 (3,576), near misses 0.987 (3,074);
/// with the model's two-word gate and the ordinal "first" (no retraining
/// on any unseen set): 0.690 (3,606), near misses equal.
#[test]
fn unseen_set_twelve() {
    held_out(
        "promo-heldout12.txt",
        "near-miss-heldout12.txt",
        0.689,
        0.987,
    );
}

/// Set 13 (911 promo lines in 70 kinds, 600 near misses in 36; en 54%,
/// de, fr and es 15% each; imagined from sites of many trades: sports,
/// pharmacy, banking, crypto, ticketing, academic publishers, telecom,
/// insurance, dating, churches, museums ...) was written on 2026-12-02
/// while the tenth round ran, by an engineer who saw neither the detector
/// nor any set, and kept outside the repository until the round was
/// merged. First measured once, on the merged tenth round: 0.605 of its
/// promo cases removed (3,308 of 5,466), 0.987 of its near misses kept
/// (3,552 of 3,600). What it keeps most: implicit calls with no cue word
/// ("Members get it first.") all, trust badges and sign-up bonuses 0.92,
/// shipping banners 0.86, language switchers 0.83, warranties, stock
/// counts and countdowns 0.77, exit pop-ups 0.75 (a kind the tenth round
/// took on set 11: its shapes are narrower than the kind); the near misses
/// lost are how-to steps in German and French, settings steps, docs and
/// legal text. With the model retrained on sets 1-11, once: 0.615
/// (3,360), near misses 0.987 =. With the stacked model, measured once:
/// 0.635 (3,472), near misses 0.986 (3,550 of 3,600).
#[test]
fn unseen_set_thirteen() {
    // Stop 27, measured once: 0.645 (3,526), near misses 0.987 (3,552);
    // with sets 18 and 19 in training, once: 0.657 (3,592), near misses
    // 0.986 (3,550); with the two-word gate and the ordinal "first",
    // 0.664 (3,628), near misses equal; with the click-path steps and
    // the model retrained, 0.663 (3,622).
    held_out(
        "promo-heldout13.txt",
        "near-miss-heldout13.txt",
        0.662,
        0.986,
    );
}

/// Set 14 (about 300 promo lines in 25 kinds, 250 near misses in 27;
/// written by helper D on 2026-12-04 without reading the rules) was read
/// by no cue round: it is training data of the learned model only (sets
/// 1-11 and 14, `scripts/train_cta_model.py`). Scored as the fold left out
/// by the script (rules in the middle of a text, the model trained on sets
/// 1-11): 0.760 removed by rules and the cue-gated word model, 0.787 by the
/// stacked model and its word gate, near misses 0.992 both. Trained on, in
/// every position: 0.832 (1,498 of 1,800), near misses 0.981 (1,484 of
/// 1,512; the rules' losses at the edge of the text, a manual's "Click
/// Share … enter the email addresses", none the model's). As the fold
/// left out with sets 15 and 17 in training: 0.793 / 0.988 (0.773 without
/// them), with 18 and 19 too 0.807 / 0.988; trained on with them 0.861.
#[test]
fn trained_set_fourteen() {
    held_out(
        "promo-heldout14.txt",
        "near-miss-heldout14.txt",
        // (0.868 with the two-word gate; 0.864 with the click-path steps
        // and the model retrained with them.)
        0.863,
        0.981,
    );
}

/// Set 15 (282 promo lines in 33 kinds, 246 near misses in 41; about half
/// English, the rest German, French and Spanish with a few Italian, Dutch
/// and Portuguese) was written by helper W on 2026-12-04 without reading
/// the rules or any set. Measured once on 5c3016f before anything was
/// trained on it: 0.883 of its promo cases removed
/// (1,494 of 1,692), near misses 0.986 kept (1,456 of 1,476). Training data of the learned model since.
#[test]
fn trained_set_fifteen() {
    // Trained on: 0.904 (1,530), near misses 0.986 (1,456), 0.991 (1,462)
    // with "Anzeige" a display as well as an ad; as the fold
    // the script leaves out, 0.809 / 0.992 in the middle of a text (0.833
    // / 0.996 with sets 18 and 19 in training; trained on with them, 0.922).
    held_out(
        "promo-heldout15.txt",
        "near-miss-heldout15.txt",
        // (0.918 since a deal button, "See the deal at …", "Zum Angebot",
        // and "Share via email" are catalogue labels: set 15 read for it;
        // 0.929 with the two-word gate.)
        0.928,
        0.990,
    );
}

/// Set 16 (342 promo lines in 38 kinds, 241 near misses in 42; the same
/// mix of languages), written with set 15 by the same engineer but with
/// other kinds and shapes (tip jars, smart-speaker prompts, reprint
/// footers, form labels; near misses of pub/sub docs and quoted appeals),
/// is never trained on: unseen wording, measured once a stop. First, on
/// 5c3016f: 0.723 removed (1,484 of 2,052), near misses 0.989 kept
/// (1,430 of 1,446). After the stop's work (the model trained on its
/// sibling set 15 and on set 17, the shop's badge and widget labels),
/// once: 0.726 (1,490), near misses 0.989 (1,430): its sibling's wording
/// carried over to it hardly at all. With sets 18 and 19 (news
/// publishers; blogs, nonprofits, courses, local services) in training
/// too, once: 0.738 (1,514), near misses 0.989 (1,430); with the
/// two-word gate and the ordinal "first", 0.746 (1,530), equal; with the
/// click-path steps and the model retrained: 0.744 (1,526), equal.
#[test]
fn unseen_set_sixteen() {
    held_out(
        "promo-heldout16.txt",
        "near-miss-heldout16.txt",
        0.743,
        0.988,
    );
}

/// Set 17 (507 promo lines in 56 kinds, 309 near misses in 39; about half
/// English; the whole web, not news only: recipe blogs, shops, docs,
/// forums, podcasts, local services, hotels) was written by helper V on
/// 2026-12-04 without reading the rules or any set. Measured once on
/// 5c3016f before anything was trained on it: 0.750 of its promo cases removed
/// (2,282 of 3,042), near misses 0.988 kept (1,832 of 1,854). Training data of
/// the learned model since.
#[test]
fn trained_set_seventeen() {
    // Trained on: 0.777 (2,364), near misses 0.991 (1,838): most of what
    // is kept is short labels ("Learn more", "Anzeige") under the model's
    // four-word gate, and Italian, Dutch and Portuguese; as the fold left
    // out, 0.728 / 0.990. Read since for one small cue round (stop 27):
    // a shop's press and trust badges as catalogue labels ("As seen on",
    // "Paiement 100 % sécurisé"), "add to bag" and "a la cesta" as a cart:
    // 0.811 (2,466), near misses equal; set 14 0.832 -> 0.836, set 11
    // 0.821 -> 0.826, no near miss of any set lost, 0 bench outputs changed;
    // then a shop's widgets (back-in-stock buttons, cross-sell heads,
    // sign-in nudges) and book-direct badges: 0.832 (2,532), set 14 0.842,
    // set 11 0.828, near misses equal; 10 bench outputs changed, product
    // 0.5940 -> 0.5946 (8 pages up, "Shop the look" in one page's truth);
    // a referral programme's ask as a promotional word: 0.836 (2,544).
    // With sets 18 and 19 in training: 0.848 (2,580); as the fold left
    // out, 0.757 / 0.990 (0.738 without them).
    held_out(
        "promo-heldout17.txt",
        "near-miss-heldout17.txt",
        0.847,
        0.991,
    );
}

/// Set 18 (589 promo lines in 28 kinds, 418 near misses in 25; about half
/// English, the rest German, French and Spanish; news and magazine
/// publishers: text alerts, channels, briefings, paywalls, syndication
/// footers, teasers, ad labels) was written by a helper on 2026-12-04
/// without reading the rules or any set. Measured once on 98600c0 (stop 27,
/// helper T merged) before anything was trained on it: 0.854 of its promo
/// cases removed (3,018 of 3,534), near misses 0.994 kept (2,494 of
/// 2,508; lost: "Back to the drawing board" as a heading, taken for a
/// button's "Back to …").
/// Training data of the learned model since: 0.898 (3,172), near misses
/// equal; as the fold the script leaves out, 0.803 / 0.998.
#[test]
fn trained_set_eighteen() {
    held_out(
        "promo-heldout18.txt",
        "near-miss-heldout18.txt",
        // (0.908 with the two-word gate.)
        0.907,
        0.993,
    );
}

/// Set 19 (489 promo lines in 37 kinds, 438 near misses in 23; about 40%
/// English, the rest German, French and Spanish; the web that is not news:
/// blogs, SaaS, nonprofits, clubs, courses, forums, listings, local
/// services) was written by a helper on 2026-12-04 without reading the
/// rules or any set. Measured once before anything was trained on it:
/// 0.750 of its promo cases removed (2,200 of 2,934), near misses 0.982
/// kept (2,580 of 2,628): the rules take a manual's steps about e-mail
/// settings ("Klicke auf „Einstellungen“ …, um die Benachrichtigungen per
/// E-Mail abzuschalten"), a parent's story of a YouTube channel, a
/// sentence on affiliate links as law, a heading on what membership fees
/// pay for. Training data of the learned model since: 0.805 (2,362), near
/// misses equal; as the fold left out, 0.732 / 0.982.
#[test]
fn trained_set_nineteen() {
    held_out(
        "promo-heldout19.txt",
        "near-miss-heldout19.txt",
        0.808,
        0.981,
    );
}

/// Set 20 (500 promo lines in 25 kinds, 445 near misses in 21; 40%
/// English, 20% each German, French and Spanish; implicit calls that
/// avoid the obvious verbs: member benefits, scarcity, soft questions,
/// P.S. lines, form microcopy, sponsor reads; near misses of the same
/// shapes in reports) was written by a helper on 2026-12-04 without
/// reading the rules or any set. Measured once on be838d6 before anything
/// used it: 0.225 of its promo cases removed (674 of 3,000), near misses
/// 0.999 kept (2,666 of 2,670): a call with no cue word is what the
/// detector cannot see. Blind: trained on, it lifted the script's other
/// folds by up to 0.03 but taught the model that "Our …" statements sell
/// ("Our reporter took the first ferry on Monday morning." 0.98). With
/// the ordinal "first" no syndication cue: 0.232 (696), near misses equal;
/// with the click-path steps and the model retrained, 0.229 (686).
#[test]
fn unseen_set_twenty() {
    held_out(
        "promo-heldout20.txt",
        "near-miss-heldout20.txt",
        0.228,
        0.998,
    );
}

/// Set 21 (525 promo lines in 24 kinds, 491 near misses in 23; German,
/// French and Spanish 30% each with regional forms, Swiss and Austrian
/// German, Belgian and Canadian French, voseo, English 10%) was written
/// by a helper on 2026-12-04 without reading the rules or any set.
/// Measured once on be838d6 before anything used it: 0.777 (2,448 of
/// 3,150), near misses 0.994 (2,928 of 2,946; a how-to in voseo on
/// leaving a mailing list). Blind, like set 20: trained on (with 22), the
/// other folds gained 0.00-0.01 and the model's test line above went over
/// its threshold. With the ordinal "first": equal.
#[test]
fn unseen_set_twenty_one() {
    held_out(
        "promo-heldout21.txt",
        "near-miss-heldout21.txt",
        0.777,
        0.993,
    );
}

/// Set 22 (485 promo lines in 25 kinds, 441 near misses in 14; 55%
/// English; what is left inside crawled text: feed footers, press-release
/// boilerplate, e-mail archive chrome, transcript plugs, paywall
/// fragments, forum signatures, job-board chrome) was written by a helper
/// on 2026-12-04 without reading the rules or any set. Measured once on
/// be838d6 before anything used it: 0.751 (2,185 of 2,910), near misses
/// 0.996 (2,636 of 2,646; "Vos missions au quotidien", a job ad's
/// heading). Blind. With the ordinal "first": 0.755 (2,197), equal; with
/// the click-path steps and the model retrained, 0.751 (2,185).
#[test]
fn unseen_set_twenty_two() {
    held_out(
        "promo-heldout22.txt",
        "near-miss-heldout22.txt",
        0.750,
        0.996,
    );
}

/// Set 23 (325 promo lines in 23 kinds, 316 near misses in 15; about 40%
/// English, 20% each German, French and Spanish; what publishers drop
/// between an article's paragraphs: newsletter boxes, players, gift and
/// survey prompts, live-blog nudges, teasers) was written by a helper on
/// 2026-12-04 without reading the rules or any set. Blind: measured
/// once on 26872e4, 0.803 of its promo cases removed (1,566 of 1,950),
/// every near miss kept (1,896).
#[test]
fn unseen_set_twenty_three() {
    held_out("promo-heldout23.txt", "near-miss-heldout23.txt", 0.803, 1.0);
}

/// Set 24 (309 promo lines in 22 kinds, 305 near misses in 19; health,
/// government-service, education and finance sites: booking pushes,
/// patient portals, open days, account offers, quote requests, chat
/// widgets; near misses of medical guidance, procedures and bank fees)
/// was written by a helper on 2026-12-04 without reading the rules or any
/// set. Blind: measured once on 26872e4, 0.650 of its promo cases removed
/// (1,206 of 1,854), near misses 0.995 kept (1,820 of 1,830).
#[test]
fn unseen_set_twenty_four() {
    held_out(
        "promo-heldout24.txt",
        "near-miss-heldout24.txt",
        0.650,
        0.994,
    );
}
