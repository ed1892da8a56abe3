//! Promo rules: the catalogue of promotional and chrome phrases.
//!
//! The rules are data (`src/rules/promo.toml`, compiled into the binary);
//! this module parses them once and matches whole blocks or whole lines
//! against them, first rule first. Each rule is its own anchored pattern on
//! a forward lazy DFA ([`Pattern`]): it rejects most blocks at the first
//! bytes (a `RegexSet` of all rules makes its DFA give up on most blocks).
//! Only blocks short enough to be promos are ever checked, so long article
//! paragraphs cost a length comparison and nothing else.
//!
//! Users add their own rules with a file of the same shape ([`UserRules`],
//! `--rules`), which may also list `drop` and `keep` CSS selectors;
//! [`Catalogue::merge`] compiles user and built-in rules into one catalogue.
//! The catalogue holds fixed labels and phrasings; promotional lines in any
//! wording are the call-to-action detector's ([`crate::cta`]), which runs
//! after the catalogue wherever the built-in rules do ([`Catalogue::cta`]).

use std::sync::{Arc, LazyLock};

use aho_corasick::AhoCorasick;
use regex::Regex;
use regex_automata::nfa::thompson::{self, pikevm, pikevm::PikeVM};
use regex_automata::util::{pool::Pool, syntax};
use regex_automata::{hybrid, Anchored, Input};
use serde::Deserialize;
use toml::Spanned;

/// Blocks or lines longer than this (in bytes) are never promos.
pub const MAX_PROMO_LEN: usize = 600;

const BUILTIN: &str = include_str!("rules/promo.toml");

/// One promo rule: a block whose whole text matches `pattern` is removed.
#[derive(Debug, Clone, Deserialize)]
pub struct Rule {
    /// Name of the rule; reports show it as `rule:<id>`.
    pub id: String,
    /// What kind of promo it catches (e.g. `source-link`).
    pub reason: String,
    /// Regular expression (Rust `regex` syntax) tried on the block's
    /// collapsed, trimmed text.
    pub pattern: String,
    /// Longest block (in bytes) the rule is tried on; labels such as "Share
    /// this" are short, signup prose is not. Saves running every rule over
    /// every paragraph.
    #[serde(default = "default_max_len")]
    pub max_len: usize,
    /// Words (ASCII case-insensitive) of which the block must contain at
    /// least one before the pattern runs at all; empty: always run. A cheap
    /// gate for patterns that must scan the whole block (`.*cookies.*`).
    #[serde(default)]
    pub requires: Vec<String>,
}

/// Rules without `max_len` are tried on blocks up to this many bytes.
pub const DEFAULT_MAX_LEN: usize = 200;

fn default_max_len() -> usize {
    DEFAULT_MAX_LEN
}

fn user_max_len() -> usize {
    MAX_PROMO_LEN
}

#[derive(Deserialize)]
struct RuleFile {
    rule: Vec<Rule>,
}

fn compile_pattern(pattern: &str) -> String {
    format!("(?i)^(?:{pattern})$")
}

/// One rule's compiled pattern: whether a whole block matches is all the
/// catalogue asks, so only the forward automaton is built (a `Regex` also
/// compiles the reverse NFA that finds where a match starts: half of the
/// start-up's regex work). The lazy DFA answers; where it gives up (its
/// cache cleared too often, or a Unicode word boundary in a user's
/// pattern meeting a non-ASCII byte) the PikeVM answers the same question
/// on the same NFA. The syntax and limits are the `regex` crate's defaults,
/// so a pattern matches exactly what `Regex::new` of it matches.
struct Pattern {
    dfa: Option<hybrid::dfa::DFA>,
    pikevm: PikeVM,
    /// The bytes a text the pattern matches can start with, a bit per byte
    /// value ([`first_bytes`]).
    first: [u64; 4],
}

/// One thread's search state for a [`Pattern`] (the catalogue keeps one
/// pool of all its patterns' caches, so a block takes one from it however
/// many rules it is tried on).
struct Caches {
    dfa: Option<hybrid::dfa::Cache>,
    pikevm: Option<pikevm::Cache>,
}

type CacheFn =
    Box<dyn Fn() -> Vec<Caches> + Send + Sync + std::panic::RefUnwindSafe + std::panic::UnwindSafe>;

/// The `regex` crate's limits: 10 MiB of NFA, 2 MiB of lazy DFA cache.
const NFA_SIZE_LIMIT: usize = 10 << 20;
const DFA_CACHE: usize = 2 << 20;

impl Pattern {
    fn new(pattern: &str) -> Result<Pattern, String> {
        let nfa = thompson::Compiler::new()
            .syntax(syntax::Config::new())
            .configure(
                thompson::Config::new()
                    .nfa_size_limit(Some(NFA_SIZE_LIMIT))
                    .which_captures(thompson::WhichCaptures::None),
            )
            .build(pattern)
            .map_err(|e| e.to_string())?;
        // As the `regex` crate's own lazy DFA: no cache beyond the limit
        // (a pattern too big for it has none and runs on the PikeVM), and
        // give up on a search rather than thrash.
        let dfa = hybrid::dfa::Builder::new()
            .configure(
                hybrid::dfa::Config::new()
                    .cache_capacity(DFA_CACHE)
                    .skip_cache_capacity_check(false)
                    .minimum_cache_clear_count(Some(3))
                    .minimum_bytes_per_state(Some(10))
                    .unicode_word_boundary(true),
            )
            .build_from_nfa(nfa.clone())
            .ok();
        let pikevm = PikeVM::new_from_nfa(nfa).map_err(|e| e.to_string())?;
        let first = first_bytes(dfa.as_ref());
        Ok(Pattern { dfa, pikevm, first })
    }

    /// A thread's fresh search state for this pattern.
    fn caches(&self) -> Caches {
        Caches {
            dfa: self.dfa.as_ref().map(hybrid::dfa::Cache::new),
            pikevm: None,
        }
    }

    /// Whether the pattern matches `text` (anchored at the start; the
    /// catalogue's patterns are anchored at both ends).
    fn is_match(&self, caches: &mut Caches, text: &str) -> bool {
        // Most rules open with one of a few words, and most blocks with a
        // letter none of them starts with: no search is set up for those.
        if let Some(&b) = text.as_bytes().first() {
            if self.first[usize::from(b >> 6)] >> (b & 63) & 1 == 0 {
                return false;
            }
        }
        let input = Input::new(text).anchored(Anchored::Yes).earliest(true);
        if let (Some(dfa), Some(cache)) = (&self.dfa, caches.dfa.as_mut()) {
            if let Ok(found) = dfa.try_search_fwd(cache, &input) {
                return found.is_some();
            }
        }
        let pikevm = &self.pikevm;
        let cache = caches.pikevm.get_or_insert_with(|| pikevm.create_cache());
        pikevm.is_match(cache, input)
    }
}

/// The bytes that do not end every anchored match of `dfa` at once: those
/// its start state does not send to the dead state (from which no match is
/// found, so a text starting with one of the others matches nothing). All
/// bytes where the DFA cannot tell: no DFA, a byte it quits on, a cache
/// error.
fn first_bytes(dfa: Option<&hybrid::dfa::DFA>) -> [u64; 4] {
    let Some(dfa) = dfa else {
        return [u64::MAX; 4];
    };
    let mut cache = hybrid::dfa::Cache::new(dfa);
    let mut set = [0u64; 4];
    for b in 0..=u8::MAX {
        let text = [b];
        // (The start state of a search from the text's first byte, as
        // `is_match` runs it.)
        let input = Input::new(&text[..]).anchored(Anchored::Yes);
        let live = match dfa.start_state_forward(&mut cache, &input) {
            Ok(start) => dfa
                .next_state(&mut cache, start, b)
                .map_or(true, |next| !next.is_dead()),
            Err(_) => true,
        };
        if live {
            set[usize::from(b >> 6)] |= 1 << (b & 63);
        }
    }
    set
}

/// A compiled set of rules.
pub struct Catalogue {
    rules: Vec<Rule>,
    regexes: Arc<Vec<Pattern>>,
    /// Each thread's caches of all patterns, in rule order.
    caches: Pool<Vec<Caches>, CacheFn>,
    /// All `requires` words of all rules, found in one pass per block.
    gate: AhoCorasick,
    /// For each rule, the bit set of gate words it requires (0: none).
    gate_bits: Vec<u64>,
    /// Whether the call-to-action detector ([`crate::cta`]) runs with this
    /// catalogue: it is built-in knowledge like the built-in rules, so it
    /// runs with [`Catalogue::builtin`] and with merges that include its
    /// rules, not with a catalogue of the user's rules alone
    /// (`--no-default-rules`).
    cta: bool,
}

impl Catalogue {
    /// Parse and compile a rule file in the catalogue's TOML shape.
    pub fn parse(toml_text: &str) -> Result<Catalogue, String> {
        let file: RuleFile = toml::from_str(toml_text).map_err(|e| e.to_string())?;
        Catalogue::from_rules(file.rule)
    }

    /// Compile rules; when several match a block, the first one is reported.
    pub fn from_rules(rules: Vec<Rule>) -> Result<Catalogue, String> {
        let regexes = rules
            .iter()
            .map(|r| Pattern::new(&compile_pattern(&r.pattern)))
            .collect::<Result<Vec<_>, _>>()?;
        let regexes = Arc::new(regexes);
        let for_caches = Arc::clone(&regexes);
        let caches: CacheFn = Box::new(move || for_caches.iter().map(Pattern::caches).collect());
        let mut words: Vec<String> = Vec::new();
        let mut gate_bits = Vec::with_capacity(rules.len());
        for r in &rules {
            let mut bits = 0u64;
            for w in &r.requires {
                let i = match words.iter().position(|x| x == w) {
                    Some(i) => i,
                    None => {
                        words.push(w.clone());
                        words.len() - 1
                    }
                };
                if i >= 64 {
                    return Err("more than 64 distinct `requires` words".to_string());
                }
                bits |= 1 << i;
            }
            gate_bits.push(bits);
        }
        let gate = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&words)
            .map_err(|e| e.to_string())?;
        Ok(Catalogue {
            rules,
            regexes,
            caches: Pool::new(caches),
            gate,
            gate_bits,
            cta: false,
        })
    }

    /// One catalogue from several rule lists, in order: put user rules
    /// before [`Catalogue::builtin`]'s so their ids show when both match.
    /// The call-to-action detector runs with it when one of the parts is
    /// the built-in rule list itself.
    pub fn merge(parts: &[&[Rule]]) -> Result<Catalogue, String> {
        let builtin = Catalogue::builtin().rules();
        let cta = parts
            .iter()
            .any(|p| !p.is_empty() && std::ptr::eq(p.as_ptr(), builtin.as_ptr()));
        let cat = Catalogue::from_rules(parts.iter().flat_map(|p| p.iter().cloned()).collect())?;
        Ok(cat.with_cta(cta))
    }

    /// The catalogue compiled into the binary, with the call-to-action detector.
    pub fn builtin() -> &'static Catalogue {
        static CAT: LazyLock<Catalogue> = LazyLock::new(|| {
            Catalogue::parse(BUILTIN)
                .expect("built-in promo catalogue is valid")
                .with_cta(true)
        });
        &CAT
    }

    /// The same catalogue with the call-to-action detector on or off.
    pub fn with_cta(mut self, on: bool) -> Catalogue {
        self.cta = on;
        self
    }

    /// Whether the call-to-action detector runs with this catalogue.
    pub fn cta(&self) -> bool {
        self.cta
    }

    /// The rules, in the order they are tried.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The first rule that matches the whole of `text`, if any.
    pub fn matches(&self, text: &str) -> Option<&Rule> {
        let t = text.trim();
        if t.is_empty() || t.len() > MAX_PROMO_LEN {
            return None;
        }
        let t = crate::segment::collapse(t);
        let t = t.as_ref();
        let present = self
            .gate
            .find_overlapping_iter(t)
            .fold(0u64, |acc, m| acc | 1 << m.pattern().as_usize());
        let mut caches = self.caches.get();
        for (((rule, re), &bits), caches) in self
            .rules
            .iter()
            .zip(self.regexes.iter())
            .zip(&self.gate_bits)
            .zip(caches.iter_mut())
        {
            if t.len() <= rule.max_len
                && (bits == 0 || bits & present != 0)
                && re.is_match(caches, t)
            {
                // (Someone quoted saying it is reported speech: "'People
                // sign up for a newsletter because …,' said the analyst.")
                return (!crate::cta::reported_speech(t)).then_some(rule);
            }
        }
        None
    }
}

/// A user rules file (`--rules`): `[[rule]]` entries of the built-in
/// catalogue's shape (`id`, `reason`, `pattern`; `reason` may be left out)
/// plus optional top-level `drop = [..]` and `keep = [..]` CSS selectors.
#[derive(Debug, Clone, Default)]
pub struct UserRules {
    /// The `[[rule]]` entries, in file order.
    pub rules: Vec<Rule>,
    /// The `drop` selectors (see [`Options::drop`](crate::Options::drop)).
    pub drop: Vec<String>,
    /// The `keep` selectors (see [`Options::keep`](crate::Options::keep)).
    pub keep: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UserFile {
    #[serde(default)]
    rule: Vec<UserRule>,
    #[serde(default)]
    drop: Vec<Spanned<String>>,
    #[serde(default)]
    keep: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UserRule {
    id: String,
    #[serde(default)]
    reason: String,
    pattern: Spanned<String>,
    /// User rules are tried on every block a promo can be unless they say
    /// otherwise: a user's pattern must never be silently skipped.
    #[serde(default = "user_max_len")]
    max_len: usize,
    #[serde(default)]
    requires: Vec<String>,
}

impl UserRules {
    /// Parse and check a rules file. `name` (usually the path) and the line
    /// of the fault start every error: `rules.toml:7: rule "x": regex parse error …`.
    pub fn parse(name: &str, text: &str) -> Result<UserRules, crate::Error> {
        let at = |offset: usize, msg: &str| {
            let line = text[..offset.min(text.len())].matches('\n').count() + 1;
            let msg = msg.trim().lines().collect::<Vec<_>>().join("; ");
            crate::Error::Rules(format!("{name}:{line}: {msg}"))
        };
        let file: UserFile =
            toml::from_str(text).map_err(|e| at(e.span().map_or(0, |s| s.start), e.message()))?;
        let mut rules = Vec::with_capacity(file.rule.len());
        for r in file.rule {
            if let Err(e) = Regex::new(&compile_pattern(r.pattern.get_ref())) {
                let msg = format!("rule {:?}: {}", r.id, regex_message(&e));
                return Err(at(r.pattern.span().start, &msg));
            }
            rules.push(Rule {
                id: r.id,
                reason: r.reason,
                pattern: r.pattern.into_inner(),
                max_len: r.max_len.min(MAX_PROMO_LEN),
                requires: r.requires,
            });
        }
        let selectors = |list: Vec<Spanned<String>>| {
            list.into_iter()
                .map(|s| match crate::segment::parse_selector(s.get_ref()) {
                    Ok(_) => Ok(s.into_inner()),
                    Err(e) => Err(at(s.span().start, &e.to_string())),
                })
                .collect::<Result<Vec<_>, _>>()
        };
        Ok(UserRules {
            rules,
            drop: selectors(file.drop)?,
            keep: selectors(file.keep)?,
        })
    }
}

/// The regex crate's message without its multi-line picture of the pattern.
fn regex_message(e: &regex::Error) -> String {
    let full = e.to_string();
    match full.lines().rev().find(|l| l.starts_with("error: ")) {
        Some(l) => l["error: ".len()..].to_string(),
        None => full.lines().last().unwrap_or("").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sponsor_and_date_labels_are_labels_not_sentences() {
        assert_eq!(id("Sponsored by Acme Bank"), Some("advertisement"));
        assert_eq!(id("Powered by WordPress"), Some("advertisement"));
        assert_eq!(
            id("Sponsored by the city, the festival drew 2,000 runners."),
            None
        );
        assert_eq!(
            id("Published on March 3, 2024 at 10:30 am EST"),
            Some("dateline")
        );
        assert_eq!(id("Updated: 12/03/2024 14:35"), Some("dateline"));
        assert_eq!(id("2019-01-21T21:40:59.62Z+00:00"), Some("date-only"));
        assert_eq!(id("2024-08-03T10:59+02:00"), Some("date-only"));
        assert_eq!(
            id("2024-08-03T10:59 was when the job ran out of memory."),
            None
        );
        assert_eq!(
            id("Publicado originalmente en 1998, el libro se convirtió en un clásico de la literatura juvenil argentina."),
            None
        );
    }

    #[test]
    fn rules_see_collapsed_text() {
        let cat = Catalogue::builtin();
        assert_eq!(
            cat.matches("Scroll\n to   Top").map(|r| r.id.as_str()),
            cat.matches("Scroll to Top").map(|r| r.id.as_str())
        );
        assert!(cat.matches("Scroll to Top").is_some());
    }

    fn id(text: &str) -> Option<&'static str> {
        Catalogue::builtin().matches(text).map(|r| r.id.as_str())
    }

    #[test]
    fn forum_user_panels_are_chrome_and_sentences_about_members_are_not() {
        // The labels forum software prints beside each post (phpBB,
        // XenForo, vBulletin, Discourse alike), not one site's wording.
        for line in [
            "Joined: Mar 3, 2021",
            "Joined",
            "Registered: 2024-01-27",
            "Posts: 98",
            "Messages 1,204",
            "Reaction score 3.2k",
            "Well-known member",
            "New Member",
            "Member",
            "Offline",
            "OP posts:",
        ] {
            assert_eq!(id(line), Some("forum-user-stats"), "{line}");
        }
        for line in [
            "Registered nurse since 2010",
            "Joined the club in 2019.",
            "Members of the council voted 6 to 1.",
            "Posts from the team",
            "Online banking is down",
        ] {
            assert_ne!(id(line), Some("forum-user-stats"), "{line}");
        }
    }

    /// Fixed labels of the third round (issue 14): in four languages, and
    /// the sentences that only look like them stay.
    #[test]
    fn navigation_comment_and_wire_labels() {
        for (line, rule) in [
            ("Zurück nach oben", "scroll-to-top"),
            ("Retour en haut de page", "scroll-to-top"),
            ("Volver arriba", "scroll-to-top"),
            ("« Previous post | Next post »", "pager"),
            ("Artículo anterior | Siguiente artículo", "pager"),
            ("Home » News » Local", "breadcrumb"),
            ("Startseite › Lokales › Ulm", "breadcrumb"),
            ("Comments (12)", "comments-heading"),
            ("Kommentare (12) – Jetzt mitdiskutieren", "comments-heading"),
            ("Les commentaires sont fermés.", "comments-heading"),
            ("Leave a Reply Cancel reply", "comments-heading"),
            ("SOURCE Harborpoint Biosciences", "wire-credit"),
            ("- 30 -", "wire-credit"),
            (
                "(Reporting by Nick Calder; Editing by Sarah Morley)",
                "wire-credit",
            ),
            ("(Avec AFP)", "wire-credit"),
        ] {
            assert_eq!(id(line), Some(rule), "{line}");
        }
        for line in [
            "Source of the trouble was a broken valve.",
            "Home prices fell 3% in March.",
            "The next article in the series looks at rents.",
            "Comments from residents were mostly positive.",
            "Volver arriba costó dos horas de escalada.",
        ] {
            assert_eq!(id(line), None, "{line}");
        }
    }

    /// A comment count as a button ("View 214 comments", "Kommentare (58)
    /// anzeigen") and a reader's display controls ("Switch to dark mode",
    /// "Text size: A A A") are labels; sentences that name them are not.
    #[test]
    fn comment_count_buttons_and_display_controls_are_labels() {
        for (line, rule) in [
            ("View 214 comments", "comments-heading"),
            ("Voir les 37 commentaires", "comments-heading"),
            ("Ver 112 comentarios", "comments-heading"),
            ("Kommentare (58) anzeigen", "comments-heading"),
            ("Switch to dark mode 🌙", "display-settings"),
            ("Reading mode", "display-settings"),
            ("Text size: A A A", "display-settings"),
            ("Dunkelmodus aktivieren", "display-settings"),
            ("Modo oscuro", "display-settings"),
        ] {
            assert_eq!(id(line), Some(rule), "{line}");
        }
        for line in [
            "View the 214 comments the council received before it voted.",
            "The app added a dark mode in its spring update.",
            "Text size matters less than contrast for readers with low vision.",
        ] {
            assert_eq!(id(line), None, "{line}");
        }
    }

    #[test]
    fn catalogue_covers_the_promos_we_exist_for() {
        assert_eq!(id("Source link"), Some("source-link"));
        assert_eq!(id("Scroll to Top"), Some("scroll-to-top"));
        assert_eq!(id("Back to top ↑"), Some("scroll-to-top"));
        assert_eq!(
            id("Get Forbes Breaking News Text Alerts: We’re launching text message alerts so you’ll always know the biggest stories shaping the day’s headlines. Text “Alerts” to (201) 335-0739 or sign up here."),
            Some("text-alerts")
        );
        assert_eq!(
            id("Sign up for our daily newsletter to get the best stories in your inbox."),
            Some("newsletter-signup")
        );
        assert_eq!(id("Share this"), Some("share-this"));
        assert_eq!(id("Share this: Facebook Twitter Email"), Some("share-this"));
        assert_eq!(id("Advertisement"), Some("advertisement"));
        assert_eq!(id("Click here to subscribe"), Some("click-to-subscribe"));
        assert_eq!(
            id("Never miss the latest news by signing up to our newsletter today!"),
            Some("newsletter-signup")
        );
        assert_eq!(
            id("Do you want to be informed of our actions? Sign up here"),
            Some("click-to-subscribe")
        );
        assert_eq!(id("Where do I sign up here in the town hall?"), None);
        assert_eq!(
            id("Abbildung 4: klassische Schwachschicht."),
            Some("figure-label")
        );
        assert_eq!(id("Figure 2. Sales by region"), Some("figure-label"));
        assert_eq!(id("Figure 2 shows that sales rose."), None);
        assert_eq!(id("Follow us on Twitter and Facebook"), Some("follow-us"));
        assert_eq!(
            id("We use cookies to improve your experience. By continuing to browse, you agree to our use of cookies."),
            Some("cookie-consent")
        );
        assert_eq!(id("Related Posts"), Some("related-heading"));
    }

    #[test]
    fn a_forum_control_label_goes_but_a_sentence_about_one_stays() {
        for line in [
            "Click to expand...",
            "Click to expand…",
            "Tap to collapse",
            "You must log in to answer this question.",
            "You must be logged in to reply to this topic.",
        ] {
            assert_eq!(id(line), Some("expand-label"), "{line}");
        }
        for line in [
            "Click to expand the menu, then choose Settings and Privacy.",
            "You must log in to the router first, then open the firewall page.",
        ] {
            assert_eq!(id(line), None, "{line}");
        }
    }

    #[test]
    fn a_demo_button_goes_but_a_sentence_about_a_demo_stays() {
        for line in [
            "Request a demo",
            "Book a Demo",
            "Get a demo →",
            "Schedule a free demo",
            "Watch a 5-minute demo",
            "Demo anfordern",
            "Demander une démo",
        ] {
            assert_eq!(id(line), Some("demo-button"), "{line}");
        }
        for line in [
            "Request a demo and a sales engineer walks you through the platform.",
            "The demo ran for an hour.",
            "Watch the demo of the new ferry at the harbour on Sunday.",
        ] {
            assert_eq!(id(line), None, "{line}");
        }
    }

    #[test]
    fn a_shops_press_and_trust_badges_go_but_sentences_about_them_stay() {
        for line in [
            "As seen on",
            "As featured in The Daily Post, Kitchen Monthly and FoodWire",
            "Featured on Channel 4 Breakfast",
            "Bekannt aus TV und Presse",
            "Vu à la télé",
            "Como se vio en Canal Sur",
        ] {
            assert_eq!(id(line), Some("as-seen-on"), "{line}");
        }
        for line in [
            "100% secure checkout",
            "Sicher bezahlen mit SSL-Verschlüsselung",
            "Paiement 100 % sécurisé",
            "Pago 100 % seguro",
            "Satisfait ou remboursé",
            "30-day money-back guarantee",
            "Trusted by 2 million customers worldwide",
            "Rated 4.9/5 by 8,200 happy customers ★★★★★",
        ] {
            assert_eq!(id(line), Some("trust-badge"), "{line}");
        }
        for line in [
            "As seen on TV, the gadget sold two million units in a year.",
            "Featured in the exhibition are works by Miró and Klee.",
            "The shop promised a secure checkout but leaked card numbers.",
            "Rated 4.8 out of 5 by critics, the film still lost money.",
        ] {
            assert_eq!(id(line), None, "{line}");
        }
    }

    #[test]
    fn a_shops_widgets_and_a_book_direct_badge_go_but_sentences_stay() {
        for line in [
            "Notify me when back in stock",
            "Benachrichtigen, sobald verfügbar",
            "M'avertir du retour en stock",
            "Avísame cuando esté disponible",
            "Das könnte dir auch gefallen",
            "Complete the look",
            "Sign in to add this item to your wishlist",
        ] {
            assert_eq!(id(line), Some("shop-widget"), "{line}");
        }
        for line in [
            "Best rate guaranteed | Book now",
            "Book direct and save 15%",
            "Reserva directa: mejor precio garantizado",
        ] {
            assert_eq!(id(line), Some("book-direct"), "{line}");
        }
        for line in [
            "Sign in to the portal with your staff ID.",
            "Best Price Guaranteed!",
            "The hotel dropped its best price guarantee in 2019.",
            "Das könnte dir auch gefallen, sagte sie.",
        ] {
            assert_eq!(id(line), None, "{line}");
        }
    }

    #[test]
    fn a_deal_button_goes_but_a_sentence_about_a_price_stays() {
        for line in [
            "See the deal at Brightway",
            "Check price on Amazon",
            "Zum Angebot",
            "Voir l'offre chez Fnac",
            "Ver oferta en Mediamarkt",
            "Share via email",
        ] {
            assert_eq!(id(line), Some("deal-button"), "{line}");
        }
        for line in [
            "Check the price before you buy.",
            "See the deal they struck with the union in 2019.",
            "Zum Angebot gehört auch ein Frühstück.",
        ] {
            assert_eq!(id(line), None, "{line}");
        }
    }

    #[test]
    fn credits_datelines_permalinks_and_pdf_prompts() {
        assert_eq!(id("(Credit: Clayton Aldern / Grist)"), Some("image-credit"));
        assert_eq!(
            id("Beitragsbild: Titelseite der FAZ vom 2.4.2019, Ausriss."),
            Some("image-credit")
        );
        assert_eq!(id("Publiziert: 03.04.2020, 12:35"), Some("dateline"));
        assert_eq!(
            id("(Noch keine Bewertungen) Loading..."),
            Some("rating-widget")
        );
        assert_eq!(
            id("Ten tekst przeczytasz w mniej niż minutę"),
            Some("reading-time")
        );
        assert_eq!(id("Permalien https://p.dw.com/p/RPYx"), Some("permalink"));
        assert_eq!(id("Permalink:"), Some("permalink"));
        assert_eq!(
            id("Dieses Skript als PDF herunterladen"),
            Some("pdf-download")
        );
        assert_eq!(id("Download this article as PDF"), Some("pdf-download"));
        assert_eq!(
            id("The permalink scheme changed in 2019 and broke old links."),
            None
        );
        assert_eq!(
            id("Weitere Infos unter www.itfjuniors.de."),
            Some("more-info-at")
        );
        assert_eq!(
            id("For more information, visit example.org."),
            Some("more-info-at")
        );
        assert_eq!(
            id("Quelle: Deutscher Jagdverband (DJV)"),
            Some("source-line")
        );
        assert_eq!(id("aja/PAP"), Some("agency-initials"));
        assert_eq!(id("(dpa/lno)"), Some("agency-initials"));
        assert_eq!(
            id("The plague wiped out half of Europe in the 14th century (Image: GETTY)"),
            Some("caption-credit")
        );
        assert_eq!(id("The council met (as the photo shows) on Monday."), None);
    }

    #[test]
    fn sentences_that_merely_contain_promo_words_stay() {
        assert_eq!(
            id("The council voted to follow us on the matter, said the mayor, who added that residents could share this view at the next meeting."),
            None
        );
        assert_eq!(id("Further Reading"), None);
        assert_eq!(
            id("Despite the advertisement campaign, sales of the cookies fell by a third in March."),
            None
        );
    }

    /// A label or sign-up quoted and attributed to someone is reported
    /// speech; the same words alone are the label.
    #[test]
    fn quoted_and_attributed_labels_are_reported_speech() {
        for (alone, quoted) in [
            (
                "We may earn a commission when you buy through links on our site.",
                "\"We may earn a commission when you buy through links on our site,\" the founder said, \"and we tell readers so.\"",
            ),
            (
                "Sign up for our newsletter",
                "“Sign up for our newsletter” was the first line of every email, the agency’s director explained.",
            ),
        ] {
            assert!(id(alone).is_some(), "{alone}");
            assert_eq!(id(quoted), None, "{quoted}");
        }
    }

    /// The forward-only patterns say what `Regex::is_match` says: every
    /// built-in rule on lines it takes and lines it leaves, and a Unicode
    /// word boundary (the lazy DFA gives up on non-ASCII text, the PikeVM
    /// answers).
    #[test]
    fn patterns_match_what_regex_matches() {
        let lines = [
            "Share this",
            "Sign up for our daily newsletter to get the best stories in your inbox.",
            "Published on March 3, 2024 at 10:30 am EST",
            "Home » News » Local",
            "Kommentare (12) – Jetzt mitdiskutieren",
            "(Reporting by Nick Calder; Editing by Sarah Morley)",
            "SOURCE Harborpoint Biosciences",
            "Joined: Mar 3, 2021",
            "Switch to dark mode 🌙",
            "The plague wiped out half of Europe in the 14th century (Image: GETTY)",
            "Ten tekst przeczytasz w mniej niż minutę",
            "The council voted seven to two to approve the new budget on Tuesday.",
            "Volver arriba costó dos horas de escalada.",
            "",
        ];
        let mut matched = 0;
        for rule in Catalogue::builtin().rules() {
            let full = compile_pattern(&rule.pattern);
            let (pattern, regex) = (Pattern::new(&full).unwrap(), Regex::new(&full).unwrap());
            let mut caches = pattern.caches();
            for line in lines {
                let got = pattern.is_match(&mut caches, line);
                assert_eq!(got, regex.is_match(line), "{}: {line:?}", rule.id);
                matched += usize::from(got);
            }
        }
        assert!(matched >= 10, "{matched}");
        let full = compile_pattern(r"\bgrüße\b.*");
        let (pattern, regex) = (Pattern::new(&full).unwrap(), Regex::new(&full).unwrap());
        let mut caches = pattern.caches();
        for line in ["Grüße aus Ulm", "Grüßeaus Ulm", "grüße", "Viele Grüße"] {
            assert_eq!(
                pattern.is_match(&mut caches, line),
                regex.is_match(line),
                "{line:?}"
            );
        }
        assert!(pattern.is_match(&mut caches, "Grüße aus Ulm"));
    }

    /// A pattern's first bytes are those a match can open with, in either
    /// case: the skip in `is_match` loses no match.
    #[test]
    fn first_bytes_are_the_openings_of_matches() {
        let has = |p: &Pattern, b: u8| p.first[usize::from(b >> 6)] >> (b & 63) & 1 == 1;
        let share = Pattern::new(&compile_pattern("share this|teilen")).unwrap();
        for b in *b"sStT" {
            assert!(has(&share, b), "{}", b as char);
        }
        for b in *b"aZ 1." {
            assert!(!has(&share, b), "{}", b as char);
        }
        // Every byte a built-in rule's matches open with, in its tests' lines.
        let arrow = Pattern::new(&compile_pattern(r"[↑⬆]?\s*top")).unwrap();
        assert!(has(&arrow, "↑".as_bytes()[0]) && has(&arrow, b't') && has(&arrow, b' '));
        for rule in Catalogue::builtin().rules() {
            let full = compile_pattern(&rule.pattern);
            let (pattern, regex) = (Pattern::new(&full).unwrap(), Regex::new(&full).unwrap());
            for b in 0..=u8::MAX {
                if has(&pattern, b) {
                    continue;
                }
                // No text opening with a byte left out matches.
                for rest in ["", "hare this", "op", " 30 -", "omments"] {
                    let mut text = vec![b];
                    text.extend_from_slice(rest.as_bytes());
                    if let Ok(text) = std::str::from_utf8(&text) {
                        assert!(!regex.is_match(text), "{}: {text:?}", rule.id);
                    }
                }
            }
        }
    }

    #[test]
    fn long_blocks_are_never_checked() {
        let long = format!("Source link {}", "word ".repeat(200));
        assert_eq!(id(&long), None);
    }
}
