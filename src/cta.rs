//! Calls to action: promotional lines in any wording, judged from general
//! signals rather than from a list of phrases.
//!
//! The phrase catalogue ([`crate::promo`]) knows fixed labels ("Source
//! link", "Advertisement"). A call to action is worded a new way on every
//! site ("Text HARBOR to 40404", "the best of the Gazette in your inbox",
//! "Have a news tip? Email …"), but the same few things are always in it:
//! an imperative or a question aimed at the reader, a channel (SMS, phone,
//! e-mail, app store, messaging app, social network, podcast platform), the
//! publisher speaking of itself ("our", "we", the site's own name), the
//! vocabulary of promotion (newsletter, alerts, membership, donation, app,
//! deal, sponsored, affiliate …), syndication footers ("appeared first on"),
//! teaser labels ("READ MORE: …"), and it is short and often at the head or
//! tail of the text. Each signal adds the weight [`CtaParams`] gives it; a
//! quoted, attributed sentence ("…," the mayor said) and length take weight
//! away. A line is a call to action when its score reaches
//! [`CtaParams::threshold`] and it is complete: a call (imperative,
//! question, words to the reader, an appeal) and an object (a channel, a
//! promotional word), or a syndication, disclosure or teaser form, with a
//! cue in every sentence ([`Verdict::complete`]). [`Signals`] names what
//! fired (`imperative+channel:sms+self`), which is what `explain` shows. One
//! signal alone never reaches the threshold: an article sentence that
//! mentions a newsletter, or a recipe step that tells the reader what to
//! do, stays.
//!
//! The cue words per signal and language (English, German, French,
//! Spanish) are data, `src/rules/cta.toml`; phone numbers, e-mail
//! addresses, social handles, SMS short codes and web addresses are found by
//! small scanners here. Cost: lines longer than [`CtaParams::max_len`] are
//! never looked at; the rest get one Aho-Corasick pass for all cue words, and
//! a line with no cue word and no `@` stops there (but for the learned
//! model, which reads lines of a few words with no cue too:
//! [`CtaParams::model_min_words`]). There is no regex.

use std::fmt;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use crate::select::Decision;

const LEXICON: &str = include_str!("rules/cta.toml");

/// Weights and threshold of the call-to-action score. Every weight is what
/// one signal adds to a line's score (negative ones take away); a line is
/// a call to action when the sum reaches `threshold`. The defaults are
/// tuned on `tests/data/cta/promo.txt` and `near-miss.txt`: every promo
/// line there reaches the threshold as a middle paragraph, and no article
/// sentence does even at the head or tail.
#[derive(Clone, Debug, PartialEq)]
pub struct CtaParams {
    /// A line whose score reaches this is a call to action.
    pub threshold: f32,
    /// Lines longer than this (bytes, after trimming) are never judged:
    /// promos are short, and long lines cost nothing.
    pub max_len: usize,
    /// A verb telling the reader to act, at the start of a clause
    /// ("Sign up", "Abonnieren Sie", "Inscrivez-vous", "Suscríbete").
    pub imperative: f32,
    /// A question aimed at the reader ("Like this story?", "Have a news tip?").
    pub question: f32,
    /// The reader addressed in the second person (you, Sie, vous, tú).
    pub reader: f32,
    /// The first kind of channel named (SMS, phone, e-mail/inbox, app
    /// store, messaging app, social network, podcast platform, web link).
    pub channel: f32,
    /// Each further kind of channel, up to two more.
    pub channel_more: f32,
    /// The publisher speaking of itself: our, we, us, "this article", or
    /// the site's name or host ([`Site`]).
    pub self_ref: f32,
    /// The publisher named only by the site's name or host ([`Site`]):
    /// less than "our", since a brand's own pages name it in every line.
    pub self_name: f32,
    /// "Our" right before what it offers ("our free weekday email", "notre
    /// application"): the publisher selling its own product.
    pub own: f32,
    /// The first promotional word (newsletter, alerts, subscription,
    /// member, donation, podcast, app, deal, sponsored, affiliate, free …).
    pub promo: f32,
    /// A second, different promotional word.
    pub promo_more: f32,
    /// A shopping word (deal, coupon, discount, % off, free). Less than
    /// `promo`: on shop and service pages such lines are the content, and
    /// the detector does not know the page type (raise it for articles).
    pub commerce: f32,
    /// A sign-up ("Sign up", "Inscrivez-vous", "Jetzt anmelden") with
    /// nothing on offer named in the line: little more than a verb, since
    /// people sign up at the front desk as often as for a newsletter.
    pub signup: f32,
    /// A syndication footer phrase anywhere ("appeared first on",
    /// "originally published at", "read the full story at").
    pub syndication: f32,
    /// A syndication phrase that opens the line ("Originally published …").
    pub syndication_start: f32,
    /// The publisher asking for support in a statement ("A gift of any
    /// size helps us …", "Con tu donación nos ayudas"): a call.
    pub appeal: f32,
    /// What members or subscribers get ("early access", "ad-free",
    /// "unbegrenzt lesen"): an offer to the reader, which is a call.
    pub offer: f32,
    /// A place to go in person ("at the front desk", "vor Ort", "sur
    /// place", "en persona"): instructions, not a call to the page's
    /// reader (negative).
    pub offline: f32,
    /// More for an offer the publisher makes itself: it speaks or addresses
    /// the reader ("Members get early access to our events").
    pub own_offer: f32,
    /// A disclosure: being paid (commission, affiliate, compensation) for
    /// links or purchases, said by the publisher or the page.
    pub disclosure: f32,
    /// A teaser label opening the line, then a colon ("READ MORE: …").
    pub teaser: f32,
    /// Teaser lines longer than this (characters) are prose, not a label and a title.
    pub teaser_max_chars: usize,
    /// An ad label's way on ("Advertisement. Scroll to continue reading",
    /// "Publicité – la suite ci-dessous"), in a line of at most
    /// `ad_label_max_chars` characters.
    pub ad_label: f32,
    pub ad_label_max_chars: usize,
    /// A label of paid content opening the line ("Sponsored content from
    /// …") counts only in a line of at most this many words, with no comma.
    pub ad_label_max_words: usize,
    /// The terms an SMS service states ("Msg & data rates may apply",
    /// "Abmelden jederzeit mit STOP").
    pub terms: f32,
    /// A code to type at checkout ("Use code SPRING15 for 15% off"), in a
    /// line with a shopping word or a percentage.
    pub coupon: f32,
    /// A contact label opening the line, then a colon and an e-mail address
    /// or a phone number ("Media contact: …", "Pressekontakt: …").
    pub contact_card: f32,
    /// A paywall's meter spoken to the reader ("You have 2 free articles
    /// left", "Has alcanzado el límite de artículos gratuitos").
    pub paywall: f32,
    /// A cookie or consent notice: a word of cookies and one of consent,
    /// privacy or tracking.
    pub consent: f32,
    /// A cookie or privacy label (cookies and consent, no sentence) is a
    /// consent notice in a line of at most this many words.
    pub consent_label_words: usize,
    /// A notice about the text, not the text: a correction or an editor's
    /// note ("Correction: An earlier version of this story …"), or a press
    /// release's "About <issuer>: <issuer> is …". It speaks for the whole
    /// paragraph, so its sentences need no cue of their own.
    pub notice: f32,
    /// A feedback widget: a question about the text, then its yes/no
    /// buttons ("Was this article helpful? Yes No", "War dieser Artikel
    /// hilfreich? Ja | Nein"). Complete by itself.
    pub feedback: f32,
    /// A sign-off: thanks for reading or a farewell ("Thanks for reading!
    /// See you next week.", "Bis nächste Woche", "Nos vemos"), in a line of
    /// at most `short_chars` whose every sentence is one. Complete by itself.
    pub signoff: f32,
    /// A price offer: an offer's label opening the line, then a colon and
    /// a price, a percentage or a promotional word ("Offre spéciale : 1 €
    /// le premier mois", "Angebot nur bis Sonntag: Das Wochenend-Abo …"),
    /// in a line of at most `long_chars`; or a promotional thing's price
    /// per period held out as a bargain ("Digital-Abo für nur 0,99 € im
    /// ersten Monat"). A fixed form.
    pub price_offer: f32,
    /// A button acting on the page: a verb, then within a few words the
    /// text naming itself, and nothing after ("Print this page", "Bookmark
    /// this story", "Report an issue with this page"), at most
    /// `button_max_words` words. A fixed form.
    pub button: f32,
    pub button_max_words: usize,
    /// Lines of at most this many characters may send the reader to the
    /// comments as a promotional object ("Leave a comment").
    pub comment_max_chars: usize,
    /// An author's bio box with a way to reach the author in its last
    /// sentence ("Jane Okafor writes about food. Follow her on X …").
    /// Complete by itself.
    pub bio: f32,
    /// A notice of the site's own machinery, not of the world: a thing of
    /// the page (the browser, a video, the comments, a thread, the
    /// reader's sign-up) and its state ("is out of date", "is unavailable
    /// in your country", "are moderated", "has been locked", "a bien été
    /// prise en compte"), or a thing the reader must switch (an ad
    /// blocker, JavaScript) named to the reader or with its state, or a
    /// check in progress ("Vérification de sécurité en cours…"), in a line
    /// of at most `short_chars` with no one quoted. Complete by itself.
    pub site_notice: f32,
    /// A widget's offer of help: a greeting or the publisher speaking,
    /// and help offered to the reader ("Hallo! Wie können wir Ihnen
    /// helfen?", "Besoin d'aide ? Nos conseillers vous répondent"), in a
    /// line of at most `short_chars`. Complete by itself.
    pub help_offer: f32,
    /// A shop's nudge: a word of its service (shipping, returns, payment,
    /// instalments, gift cards, points, a warranty) and a value (a price,
    /// a percentage, a free offer) in a line of at most `short_chars`
    /// that addresses the reader, exclaims, calls, is in capitals, sets a
    /// time limit or says how far the reader is from the offer ("You're
    /// $12.40 away from free shipping!"); or a row of a shop's badges set
    /// apart by dots ("Free returns · Fast delivery · Secure payment").
    /// Not where `cart` or `marketing` is off: there the shop's terms are
    /// the page's copy. Complete by itself.
    pub shop_nudge: f32,
    /// An exit pop-up: the reader leaving, those words closing their clause
    /// or followed by "without" ("Wait! Before you go…", "Leaving so
    /// soon? Here's 10% off", "No te vayas sin tu descuento"), with an
    /// exclamation, a call or an offer; or a decline button in the
    /// reader's voice ("No thanks, I prefer paying full price"); in a line
    /// of at most `short_chars` with no one quoted. Complete by itself.
    pub exit_popup: f32,
    /// A forum member's or a post's statistics, a label, its colon and a
    /// figure or a date ("Joined: Mar 2019", "Mitglied seit: 2017"), are
    /// its chrome (`BUTTON`) in a line of at most this many words.
    pub stat_words: usize,
    /// A media player's control ("Autoplay: On", "Replay video", "Nächstes
    /// Video") in a label of at most this many words with no sentence is
    /// its chrome (`BUTTON`); off where `label_words` is 0.
    pub player_label_words: usize,
    /// A call presses a shop's nudge only in a line of at most this many
    /// words: a button's or a banner's label, not product copy's sentence.
    pub shop_call_words: usize,
    /// How many bytes before a price-per-period cue ("a week", "/Monat")
    /// may hold the currency sign of the price ("$1 a week").
    pub price_gap_bytes: usize,
    /// Steps of a procedure ("…, then tap the bell icon", "open Settings,
    /// tap your name, select …") with no address or number and no
    /// publisher speaking: an instruction, not a call (negative).
    pub steps: f32,
    /// The line is among the first `head_blocks` or last `tail_blocks`
    /// lines of the kept text ([`edges`]).
    pub edge: f32,
    pub head_blocks: usize,
    pub tail_blocks: usize,
    /// Lines of at most `short_chars` characters get `short`; of more
    /// than `long_chars`, `long`, and of more than `very_long_chars`,
    /// `very_long` instead (negative: long lines are article prose).
    pub short_chars: usize,
    pub short: f32,
    pub long_chars: usize,
    pub long: f32,
    pub very_long_chars: usize,
    pub very_long: f32,
    /// Reported speech ("said", "sagte", "a déclaré", "dijo", "according
    /// to"): an article sentence quoting someone (negative).
    pub quote: f32,
    /// The line's only call is that it addresses the reader (no
    /// imperative, question or contact verb) and it is longer than
    /// `short_chars`: a sentence telling the reader something, not asking.
    pub reader_only: f32,
    /// How many words may stand between "our" and what it offers for `own`.
    pub own_gap_words: usize,
    /// A seller's pitch is boilerplate: a trial, demo or consultation
    /// offered in a short line is a promotional word, a question to the
    /// reader then a button ("Ready to …? Get started today.") a call, a
    /// verb of reaching the publisher ("Talk to our experts") an
    /// imperative. False on a service page, where the offer is the content
    /// (`Params::with_profile`).
    pub marketing: bool,
    /// A trial, demo or consultation is a promotional word only in a line
    /// of at most this many characters (a banner, a button); the selection
    /// sets it to 0 for headings, which name the offer their section
    /// presents ("Get a Free Quote for Moving Services in New Jersey").
    pub trial_max_chars: usize,
    /// A shop's cart ("Add to cart", "Zum Warenkorb", "Ajouter au panier")
    /// is a promotional word, and a label of at most `cart_label_words`
    /// words naming it a button: a shop's nudge beside an article. False
    /// on product and collection pages, where the cart buttons are part of
    /// what the page shows (`Params::with_profile`).
    pub cart: bool,
    pub cart_label_words: usize,
    /// A label of at most this many words opening with the reader's
    /// possessive and naming an e-mail address or a phone number is a
    /// form's field (`BUTTON`).
    pub field_label_words: usize,
    /// A button's label: a line of two to `label_words` words with no
    /// sentence in it (no period, comma, colon or question mark; a closing
    /// "!", arrow or symbol may follow) that opens with a verb ("Schedule a
    /// tour", "Check availability", "Job merken", "Passer commande", "See if
    /// you qualify →"), or a row of such buttons set apart by bars, each of
    /// at most `bar_segment_words` words, two of them opening with a verb
    /// ("Quote | Reply | Report", "Abmelden | Einstellungen ändern"). A
    /// label ending in an arrow may hold `arrow_label_words` ("View all
    /// posts by Dana Whitlock →"). 0: off, for headings (a section's "Check
    /// the wiring" names it); the page-type profiles turn it off where
    /// buttons are the page's matter (service, product, collection and
    /// documentation pages).
    pub label_words: usize,
    pub arrow_label_words: usize,
    pub bar_segment_words: usize,
    /// A line the cue rules did not take is still a call to action when
    /// the learned model ([`crate::cta_model`]), which reads the rules'
    /// verdict beside the words, gives it at least this probability (above
    /// 1: the model is off). High: the model is a second opinion for
    /// wordings no rule names, not a judge of prose.
    pub model_threshold: f32,
    /// The model judges a line in which the rules found no cue of a call
    /// or an object (the publisher speaking, the position and the length
    /// are none) only when it has at least this many words: lines with no
    /// cue are most of what new wording misses, and a label of two or
    /// three ("Up next", "Paid ads", "Continue this thread") is much of it,
    /// but one word alone ("Inhalt", "Default:", "Kommentare") is as often
    /// a table's cell or a heading as a label (2 since stop 27; it was 4:
    /// the script's honest folds gained up to 0.03, the bench equal).
    /// `usize::MAX`: cued lines only (the gate before the model read the
    /// rules' verdict).
    pub model_min_words: usize,
    /// The model judges only lines of at most this many bytes: it learned
    /// from lines, and a paragraph's many words outvote its one call.
    pub model_max_len: usize,
}

impl Default for CtaParams {
    fn default() -> Self {
        CtaParams {
            threshold: 3.5,
            max_len: 400,
            imperative: 2.0,
            question: 1.5,
            reader: 0.25,
            channel: 1.0,
            channel_more: 0.5,
            self_ref: 1.0,
            self_name: 0.5,
            own: 1.0,
            promo: 1.0,
            promo_more: 0.5,
            commerce: 0.5,
            signup: 0.25,
            syndication: 2.0,
            syndication_start: 3.0,
            appeal: 1.5,
            offer: 0.5,
            offline: -1.5,
            own_offer: 1.0,
            disclosure: 3.0,
            teaser: 3.5,
            teaser_max_chars: 160,
            ad_label: 3.5,
            ad_label_max_chars: 80,
            ad_label_max_words: 8,
            terms: 3.0,
            coupon: 3.0,
            contact_card: 3.0,
            paywall: 3.0,
            consent: 3.5,
            consent_label_words: 8,
            notice: 5.0,
            feedback: 3.5,
            signoff: 3.5,
            price_offer: 3.0,
            button: 3.5,
            button_max_words: 6,
            price_gap_bytes: 12,
            bio: 3.5,
            site_notice: 3.5,
            help_offer: 3.5,
            shop_nudge: 3.5,
            exit_popup: 3.5,
            stat_words: 6,
            player_label_words: 5,
            shop_call_words: 8,
            comment_max_chars: 140,
            steps: -1.5,
            edge: 0.5,
            head_blocks: 2,
            tail_blocks: 3,
            short_chars: 80,
            short: 0.5,
            long_chars: 140,
            long: -0.5,
            very_long_chars: 220,
            very_long: -1.5,
            quote: -2.0,
            reader_only: -0.5,
            own_gap_words: 3,
            marketing: true,
            model_threshold: 0.9,
            model_min_words: 2,
            model_max_len: 240,
            trial_max_chars: 60,
            cart: true,
            cart_label_words: 4,
            field_label_words: 4,
            label_words: 5,
            arrow_label_words: 8,
            bar_segment_words: 3,
        }
    }
}

/// The signals that fired on a line, as a bit set; `Display` gives the
/// `explain` form, `imperative+channel:sms+self`, in a fixed order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Signals(pub u64);

impl Signals {
    pub const IMPERATIVE: u64 = 1;
    pub const QUESTION: u64 = 1 << 1;
    pub const READER: u64 = 1 << 2;
    pub const SMS: u64 = 1 << 3;
    pub const PHONE: u64 = 1 << 4;
    pub const EMAIL: u64 = 1 << 5;
    pub const APP: u64 = 1 << 6;
    pub const MESSAGING: u64 = 1 << 7;
    pub const SOCIAL: u64 = 1 << 8;
    pub const PODCAST: u64 = 1 << 9;
    pub const WEB: u64 = 1 << 10;
    pub const SELF: u64 = 1 << 11;
    pub const OWN: u64 = 1 << 12;
    pub const PROMO: u64 = 1 << 13;
    pub const SYNDICATION: u64 = 1 << 14;
    pub const TEASER: u64 = 1 << 15;
    pub const EDGE: u64 = 1 << 16;
    pub const SHORT: u64 = 1 << 17;
    pub const LONG: u64 = 1 << 18;
    pub const QUOTE: u64 = 1 << 19;
    pub const APPEAL: u64 = 1 << 20;
    pub const DISCLOSURE: u64 = 1 << 21;
    pub const OFFER: u64 = 1 << 22;
    pub const OFFLINE: u64 = 1 << 23;
    pub const AD_LABEL: u64 = 1 << 24;
    pub const TERMS: u64 = 1 << 25;
    pub const COUPON: u64 = 1 << 26;
    pub const CONTACT_CARD: u64 = 1 << 27;
    pub const PAYWALL: u64 = 1 << 28;
    pub const CONSENT: u64 = 1 << 29;
    pub const NOTICE: u64 = 1 << 30;
    pub const STEPS: u64 = 1 << 31;
    pub const FEEDBACK: u64 = 1 << 32;
    pub const BIO: u64 = 1 << 33;
    pub const SIGNOFF: u64 = 1 << 34;
    pub const PRICE_OFFER: u64 = 1 << 35;
    pub const BUTTON: u64 = 1 << 36;
    /// The learned model took the line ([`crate::cta_model`]).
    pub const MODEL: u64 = 1 << 37;
    pub const SITE_NOTICE: u64 = 1 << 38;
    pub const HELP_OFFER: u64 = 1 << 39;
    pub const SHOP_NUDGE: u64 = 1 << 40;
    pub const EXIT_POPUP: u64 = 1 << 41;
    /// All channel kinds.
    pub const CHANNELS: u64 = Self::SMS
        | Self::PHONE
        | Self::EMAIL
        | Self::APP
        | Self::MESSAGING
        | Self::SOCIAL
        | Self::PODCAST
        | Self::WEB;

    const NAMES: [(u64, &'static str); 42] = [
        (Self::MODEL, "model"),
        (Self::IMPERATIVE, "imperative"),
        (Self::QUESTION, "question"),
        (Self::APPEAL, "appeal"),
        (Self::OFFER, "offer"),
        (Self::READER, "reader"),
        (Self::SMS, "channel:sms"),
        (Self::PHONE, "channel:phone"),
        (Self::EMAIL, "channel:email"),
        (Self::APP, "channel:app"),
        (Self::MESSAGING, "channel:messaging"),
        (Self::SOCIAL, "channel:social"),
        (Self::PODCAST, "channel:podcast"),
        (Self::WEB, "channel:web"),
        (Self::SELF, "self"),
        (Self::OWN, "own"),
        (Self::PROMO, "promo"),
        (Self::SYNDICATION, "syndication"),
        (Self::DISCLOSURE, "disclosure"),
        (Self::TEASER, "teaser"),
        (Self::AD_LABEL, "ad-label"),
        (Self::TERMS, "terms"),
        (Self::COUPON, "coupon"),
        (Self::CONTACT_CARD, "contact-card"),
        (Self::PAYWALL, "paywall"),
        (Self::CONSENT, "consent"),
        (Self::NOTICE, "notice"),
        (Self::FEEDBACK, "feedback"),
        (Self::BIO, "bio"),
        (Self::SITE_NOTICE, "site-notice"),
        (Self::HELP_OFFER, "help-offer"),
        (Self::SHOP_NUDGE, "shop-nudge"),
        (Self::EXIT_POPUP, "exit-popup"),
        (Self::SIGNOFF, "signoff"),
        (Self::PRICE_OFFER, "price-offer"),
        (Self::BUTTON, "button"),
        (Self::EDGE, "edge"),
        (Self::SHORT, "short"),
        (Self::LONG, "long"),
        (Self::QUOTE, "quote"),
        (Self::OFFLINE, "offline"),
        (Self::STEPS, "steps"),
    ];

    pub fn has(self, s: u64) -> bool {
        self.0 & s != 0
    }
}

impl fmt::Display for Signals {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (bit, name) in Self::NAMES {
            if self.0 & bit != 0 {
                if !first {
                    f.write_str("+")?;
                }
                f.write_str(name)?;
                first = false;
            }
        }
        Ok(())
    }
}

/// What the detector made of one line.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Verdict {
    pub score: f32,
    pub signals: Signals,
    /// The line has what every call to action has: a call and an object
    /// (or a syndication or teaser form), and a cue in every sentence.
    /// Only a complete line can be a call to action, whatever its score.
    pub complete: bool,
}

/// What the page says about its site: the site's own names, so that "the
/// best of the Valley Herald" and `tips@valleyherald.com` count as the
/// publisher speaking of itself (from `og:site_name`, `application-name`
/// and `twitter:site`, and the host of the canonical URL, `og:url` and
/// `--url`, see [`Site::add_url`]), and the page's language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Site {
    /// Lower-cased names, white space collapsed.
    names: Vec<String>,
    /// Lower-cased hosts without `www.`.
    domains: Vec<String>,
    /// The primary subtag of the page's `lang`, lower-cased, if it has one.
    lang: Option<String>,
}

/// The languages the cue lexicon covers.
const LANGUAGES: [&str; 4] = ["en", "de", "fr", "es"];

/// Names and hosts kept per page: a page states its name a few times at most.
const MAX_SITE_ENTRIES: usize = 8;
/// Longer "names" are descriptions, not names.
const MAX_SITE_NAME: usize = 60;

impl Site {
    /// Add a name the site calls itself. Too short (under 3 characters) or
    /// too long names are ignored.
    pub fn add_name(&mut self, name: &str) {
        let n = crate::segment::collapse(name.trim().trim_start_matches('@')).to_lowercase();
        let chars = n.chars().count();
        if (3..=MAX_SITE_NAME).contains(&chars)
            && self.names.len() < MAX_SITE_ENTRIES
            && !self.names.contains(&n)
        {
            self.names.push(n);
        }
    }

    /// Add the host of a URL (`https://www.valleyherald.com/x` gives
    /// `valleyherald.com`, and the name `valleyherald`).
    pub fn add_url(&mut self, url: &str) {
        let Some(host) = host_of(url) else { return };
        if let Some(label) = main_label(&host) {
            if label.len() >= 4 {
                self.add_name(label);
            }
        }
        if self.domains.len() < MAX_SITE_ENTRIES && !self.domains.contains(&host) {
            self.domains.push(host);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.domains.is_empty()
    }

    /// The page's language (`<html lang="pt-BR">`); the first one counts.
    pub fn set_lang(&mut self, lang: &str) {
        let primary = lang.trim().split(['-', '_']).next().unwrap_or("");
        if self.lang.is_none() && !primary.is_empty() {
            self.lang = Some(primary.to_ascii_lowercase());
        }
    }

    /// Lines are judged unless the page says it is in a language the cue
    /// words do not cover: in a Portuguese or Polish page, a match ("email",
    /// "clique") is a coincidence, not a signal.
    pub fn judged(&self) -> bool {
        self.lang.as_deref().is_none_or(|l| LANGUAGES.contains(&l))
    }

    /// A name of the site occurs in `lower` (lower-cased text) as whole words.
    fn named_in(&self, lower: &str) -> bool {
        self.names.iter().any(|n| find_word(lower, n))
    }

    /// `domain` (lower-cased) is the site's host or below it.
    fn owns(&self, domain: &str) -> bool {
        self.domains
            .iter()
            .any(|d| domain == d || domain.ends_with(&format!(".{d}")))
    }
}

/// `needle` in `hay` with no letter or digit right before or after it.
fn find_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, m)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The lower-cased host of a URL, without `www.` (`None` when there is none).
fn host_of(url: &str) -> Option<String> {
    let rest = match url.find("://") {
        Some(i) => &url[i + 3..],
        None => url.strip_prefix("//")?,
    };
    let end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    let host = rest[..end].rsplit('@').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (host.contains('.') && !host.contains(char::is_whitespace)).then_some(host)
}

/// The label that names the site: `valleyherald` in `news.valleyherald.com`,
/// `bbc` in `bbc.co.uk` (a short second-level label like `co` is skipped).
fn main_label(host: &str) -> Option<&str> {
    let mut labels: Vec<&str> = host.split('.').collect();
    labels.pop()?;
    if labels.len() >= 2 && labels.last().is_some_and(|l| l.len() <= 3) {
        labels.pop();
    }
    labels.pop()
}

/// Which lines stand at the head or tail of the kept text: the first
/// `head_blocks` and the last `tail_blocks` of those `decisions` keeps.
/// Selection calls it once the main range is known; plain text once the
/// catalogue has decided.
pub fn edges(decisions: &[Decision], p: &CtaParams) -> Vec<bool> {
    let mut out = vec![false; decisions.len()];
    let kept: Vec<usize> = (0..decisions.len())
        .filter(|&i| decisions[i].kept())
        .collect();
    for &i in kept.iter().take(p.head_blocks) {
        out[i] = true;
    }
    for &i in kept.iter().rev().take(p.tail_blocks) {
        out[i] = true;
    }
    out
}

/// A quotation attributed to someone ("'We earn a commission on some
/// products,' said the site's founder"): reported speech, which the phrase
/// catalogue's labels and sign-ups do not make promotional either.
pub fn reported_speech(text: &str) -> bool {
    let t = text.trim();
    let p = CtaParams::default();
    t.len() <= p.max_len
        && t.contains(['"', '“', '”', '«', '»', '„'])
        && cues(t, &Site::default(), false, &p)
            .verdict
            .signals
            .has(Signals::QUOTE)
}

/// A call to action, if `text` is one: its verdict when the line is
/// complete and its score reaches the threshold. Lines on pages in a
/// language the cue words do not cover are not judged ([`Site::judged`]).
pub fn judge(text: &str, site: &Site, edge: bool, p: &CtaParams) -> Option<Verdict> {
    let t = text.trim();
    if t.is_empty() || t.len() > p.max_len || !site.judged() {
        return None;
    }
    let c = cues(t, site, edge, p);
    let v = c.verdict;
    if v.complete && v.score >= p.threshold {
        return Some(v);
    }
    // The model's second opinion, on a line the rules found a cue of a
    // call or an object in (the publisher speaking, the position and the
    // length are no cue) or one of `model_min_words`; a reported quote the
    // rules saw is prose.
    const CONTEXT: u64 =
        Signals::SELF | Signals::OWN | Signals::EDGE | Signals::SHORT | Signals::LONG;
    // (Words counted up to the `model_min_words`th: most lines have more.)
    let n = p.model_min_words;
    let cued = v.signals.0 & !CONTEXT != 0 || t.split_whitespace().take(n).count() >= n;
    (cued
        && !v.signals.has(Signals::QUOTE)
        && t.len() <= p.model_max_len
        && crate::cta_model::probability(t, &c.stack(p)) >= p.model_threshold)
        .then_some(Verdict {
            signals: Signals(v.signals.0 | Signals::MODEL),
            complete: true,
            ..v
        })
}

// Cue classes: which list of src/rules/cta.toml a word came from.
const IMPERATIVE: u128 = 1;
const FILLER: u128 = 1 << 1;
const READER: u128 = 1 << 2;
const SELF: u128 = 1 << 3;
const DEIXIS: u128 = 1 << 4;
const THANKS: u128 = 1 << 5;
const PROMO: u128 = 1 << 6;
const SMS: u128 = 1 << 7;
const EMAIL: u128 = 1 << 8;
const PHONE: u128 = 1 << 9;
const APP: u128 = 1 << 10;
const MESSAGING: u128 = 1 << 11;
const SOCIAL: u128 = 1 << 12;
const PODCAST: u128 = 1 << 13;
const WEB: u128 = 1 << 14;
const SYNDICATION: u128 = 1 << 15;
const SYNDICATION_START: u128 = 1 << 16;
const TEASER: u128 = 1 << 17;
const OPENER: u128 = 1 << 18;
const ATTRIBUTION: u128 = 1 << 19;
const CONTACT: u128 = 1 << 20;
const REQUEST: u128 = 1 << 21;
const POLITE: u128 = 1 << 22;
const COMMERCE: u128 = 1 << 23;
const APPEAL: u128 = 1 << 24;
const DISCLOSURE: u128 = 1 << 25;
const PURCHASE: u128 = 1 << 26;
const FIRST: u128 = 1 << 27;
const PUBLISHED: u128 = 1 << 28;
const THANKS_OPEN: u128 = 1 << 29;
const READING: u128 = 1 << 30;
const PERK: u128 = 1 << 31;
const OFFLINE: u128 = 1 << 32;
const SIGNUP: u128 = 1 << 33;
const PERIODIC: u128 = 1 << 34;
const DELIVERY: u128 = 1 << 35;
const CONTINUE: u128 = 1 << 36;
const AD_WORD: u128 = 1 << 37;
const AVAILABLE: u128 = 1 << 38;
const AD_START: u128 = 1 << 39;
const SMS_TERMS: u128 = 1 << 40;
const MARKED: u128 = 1 << 41;
const COUPON: u128 = 1 << 42;
const CONTACT_LABEL: u128 = 1 << 43;
const RESTRICTED: u128 = 1 << 44;
const METER: u128 = 1 << 45;
const COOKIE: u128 = 1 << 46;
const CONSENT: u128 = 1 << 47;
const CONTACT_OPEN: u128 = 1 << 48;
const NEWSROOM: u128 = 1 << 49;
const CORRECTION: u128 = 1 << 50;
const REVISION: u128 = 1 << 51;
const ABOUT_OPEN: u128 = 1 << 52;
const STEP: u128 = 1 << 53;
const PRICE_PERIOD: u128 = 1 << 54;
const COMMENT: u128 = 1 << 55;
const AGREE: u128 = 1 << 56;
const PRICE_NOTE: u128 = 1 << 57;
const PRICE_CHANGE: u128 = 1 << 58;
const BIO_LABEL: u128 = 1 << 59;
const BIO_VERB: u128 = 1 << 60;
const GO: u128 = 1 << 61;
const RELATED: u128 = 1 << 62;
const TRIAL: u128 = 1 << 63;
const FAREWELL: u128 = 1 << 64;
const OFFER_LABEL: u128 = 1 << 65;
const CART: u128 = 1 << 66;
const SCARCITY: u128 = 1 << 67;
const LABEL_VERB: u128 = 1 << 68;
const LOGIN_GATE: u128 = 1 << 69;
const MACHINE: u128 = 1 << 70;
const STATE: u128 = 1 << 71;
const SWITCH: u128 = 1 << 72;
const REVIEW: u128 = 1 << 73;
const HELP: u128 = 1 << 74;
const GREETING: u128 = 1 << 75;
const URGENT_WORD: u128 = 1 << 76;
const SHOP: u128 = 1 << 77;
const SHOP_OFFER: u128 = 1 << 78;
const LEAVING: u128 = 1 << 79;
const DECLINE: u128 = 1 << 80;
const LEGAL: u128 = 1 << 81;
const MEMBER_STAT: u128 = 1 << 82;
const LEAD: u128 = 1 << 83;
const PLAYER: u128 = 1 << 84;
const LANGUAGE: u128 = 1 << 85;
/// Classes whose words decide a line of their own, as a label, a row or a
/// pop-up (a footer's row, a member's statistics, a player's control, the
/// reader leaving or declining, a lead magnet): each is an object a call
/// can have (`score`'s `OBJECTS`) and none cues another sentence
/// (`every_sentence_cued`).
const OWN_LINE: u128 = LEAVING | DECLINE | LEGAL | MEMBER_STAT | LEAD | PLAYER | LANGUAGE;

const CLASSES: [(&str, u128); 86] = [
    ("imperative", IMPERATIVE),
    ("filler", FILLER),
    ("reader", READER),
    ("self", SELF),
    ("deixis", DEIXIS),
    ("thanks", THANKS),
    ("promo", PROMO),
    ("channel-sms", SMS),
    ("channel-email", EMAIL),
    ("channel-phone", PHONE),
    ("channel-app", APP),
    ("channel-messaging", MESSAGING),
    ("channel-social", SOCIAL),
    ("channel-podcast", PODCAST),
    ("channel-web", WEB),
    ("syndication", SYNDICATION),
    ("syndication-start", SYNDICATION_START),
    ("teaser", TEASER),
    ("opener", OPENER),
    ("attribution", ATTRIBUTION),
    ("contact", CONTACT),
    ("request", REQUEST),
    ("polite", POLITE),
    ("commerce", COMMERCE),
    ("appeal", APPEAL),
    ("disclosure", DISCLOSURE),
    ("purchase", PURCHASE),
    ("first", FIRST),
    ("published", PUBLISHED),
    ("thanks-open", THANKS_OPEN),
    ("reading", READING),
    ("perk", PERK),
    ("offline", OFFLINE),
    ("signup", SIGNUP),
    ("periodic", PERIODIC),
    ("delivery", DELIVERY),
    ("continue", CONTINUE),
    ("ad-word", AD_WORD),
    ("available", AVAILABLE),
    ("ad-start", AD_START),
    ("sms-terms", SMS_TERMS),
    ("marked", MARKED),
    ("coupon", COUPON),
    ("contact-label", CONTACT_LABEL),
    ("restricted", RESTRICTED),
    ("meter", METER),
    ("cookie", COOKIE),
    ("consent", CONSENT),
    ("contact-open", CONTACT_OPEN),
    ("newsroom", NEWSROOM),
    ("correction", CORRECTION),
    ("revision", REVISION),
    ("about-open", ABOUT_OPEN),
    ("step", STEP),
    ("price-period", PRICE_PERIOD),
    ("comment", COMMENT),
    ("agree", AGREE),
    ("price-note", PRICE_NOTE),
    ("price-change", PRICE_CHANGE),
    ("bio-label", BIO_LABEL),
    ("bio-verb", BIO_VERB),
    ("go", GO),
    ("related", RELATED),
    ("trial", TRIAL),
    ("farewell", FAREWELL),
    ("offer-label", OFFER_LABEL),
    ("cart", CART),
    ("scarcity", SCARCITY),
    ("label-verb", LABEL_VERB),
    ("login-gate", LOGIN_GATE),
    ("machine", MACHINE),
    ("state", STATE),
    ("switch", SWITCH),
    ("review", REVIEW),
    ("help", HELP),
    ("greeting", GREETING),
    ("urgent", URGENT_WORD),
    ("shop", SHOP),
    ("shop-offer", SHOP_OFFER),
    ("leaving", LEAVING),
    ("decline", DECLINE),
    ("legal", LEGAL),
    ("member-stat", MEMBER_STAT),
    ("lead", LEAD),
    ("player", PLAYER),
    ("language", LANGUAGE),
];

/// Cue class to the signal it gives, for the channel classes.
const CHANNEL_SIGNALS: [(u128, u64); 8] = [
    (SMS, Signals::SMS),
    (PHONE, Signals::PHONE),
    (EMAIL, Signals::EMAIL),
    (APP, Signals::APP),
    (MESSAGING, Signals::MESSAGING),
    (SOCIAL, Signals::SOCIAL),
    (PODCAST, Signals::PODCAST),
    (WEB, Signals::WEB),
];
const CHANNEL_CLASSES: u128 = SMS | EMAIL | PHONE | APP | MESSAGING | SOCIAL | PODCAST | WEB;

/// One pattern of the automaton.
struct Entry {
    classes: u128,
    /// Case-sensitive (`=Word`): the matched text must be exactly this.
    exact: Option<Box<str>>,
    /// A prefix (`word*`): no word boundary needed after it.
    prefix: bool,
    /// Only at the start of the line (`^words`).
    line_start: bool,
    /// Only after a capitalised word or a word of the publisher (`!app`).
    named: bool,
    /// A verb that is also a noun (`~text`: "Text alerts fail"): an
    /// imperative only when an object follows ([`object_follows`]).
    needs_object: bool,
    /// Word boundaries are checked only on sides that are letters or digits.
    alnum_first: bool,
    alnum_last: bool,
}

struct Lexicon {
    ac: AhoCorasick,
    entries: Vec<Entry>,
}

#[derive(Deserialize)]
struct LexiconFile(
    std::collections::BTreeMap<String, std::collections::BTreeMap<String, Vec<String>>>,
);

impl Lexicon {
    fn parse(text: &str) -> Result<Lexicon, String> {
        let file: LexiconFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut patterns: Vec<String> = Vec::new();
        let mut entries: Vec<Entry> = Vec::new();
        for (table, langs) in &file.0 {
            let class = CLASSES
                .iter()
                .find(|(name, _)| name == table)
                .map(|&(_, c)| c)
                .ok_or_else(|| format!("unknown cue class [{table}]"))?;
            for word in langs.values().flatten() {
                let line_start = word.starts_with('^');
                let w = word.trim_start_matches('^');
                let needs_object = w.starts_with('~');
                let w = w.trim_start_matches('~');
                let named = w.starts_with('!');
                let w = w.trim_start_matches('!');
                let exact = w.starts_with('=');
                let w = w.trim_start_matches('=');
                let prefix = w.ends_with('*');
                let suffix = w.starts_with('*');
                let w = w.trim_matches('*');
                if w.is_empty() {
                    return Err(format!("empty cue in [{table}]"));
                }
                for v in variants(w, line_start) {
                    entries.push(Entry {
                        classes: class,
                        exact: exact.then(|| v.clone().into_boxed_str()),
                        prefix,
                        line_start,
                        needs_object,
                        named,
                        alnum_first: !suffix && v.chars().next().is_some_and(char::is_alphanumeric),
                        alnum_last: v.chars().next_back().is_some_and(char::is_alphanumeric),
                    });
                    patterns.push(v);
                }
            }
        }
        // A contiguous NFA, not a DFA: the DFA searched short blocks a
        // little faster but took 260 M instructions and 10 MB to build, in
        // every process before its first page (a small page's run went
        // from 0.03 s to 0.1 s); per page the NFA costs about 1% more.
        // Dense transition tables down to depth 4 (the default is fewer):
        // the search walks the first letters of words most, and a dense
        // state is one lookup, not a scan of its transitions; 278 bench
        // pages, search 145 M -> 129 M, build 62 M -> 69 M instructions
        // (depth 6: search 126 M, build 79 M, a loss).
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .dense_depth(4)
            .build(&patterns)
            .map_err(|e| e.to_string())?;
        Ok(Lexicon { ac, entries })
    }

    fn builtin() -> &'static Lexicon {
        static LEX: LazyLock<Lexicon> =
            LazyLock::new(|| Lexicon::parse(LEXICON).expect("built-in cue lexicon is valid"));
        &LEX
    }
}

/// A cue word as written, with a curly apostrophe for a straight one, with
/// a capital first letter when that letter is not ASCII (the automaton
/// folds ASCII case only), and for a `label`, all in capitals.
fn variants(w: &str, label: bool) -> Vec<String> {
    let mut out = vec![w.to_string()];
    if w.contains('\'') {
        out.push(w.replace('\'', "\u{2019}"));
    }
    for i in 0..out.len() {
        let mut chars = out[i].chars();
        if let Some(c) = chars.next().filter(|c| !c.is_ascii()) {
            let upper: String = c.to_uppercase().chain(chars).collect();
            if upper != out[i] {
                out.push(upper);
            }
        }
    }
    // All in capitals, for a label (`^`) with a letter outside ASCII, which
    // the ASCII case-insensitive search does not fold: labels are often set
    // in capitals ("LEE TAMBIÉN:", "À LIRE AUSSI"). (Only labels: capitals
    // for every cue word doubled the automaton's build time.)
    if label && !w.is_ascii() {
        for i in 0..out.len() {
            let caps = out[i].to_uppercase();
            if caps.len() == out[i].len() && !out.contains(&caps) {
                out.push(caps);
            }
        }
    }
    out
}

/// A cue word found in the line.
#[derive(Clone, Copy, Debug)]
struct Hit {
    start: usize,
    end: usize,
    classes: u128,
    needs_object: bool,
}

/// Words that follow a verb used as an imperative, not a noun: "Text the
/// word", "Email us", "Share it", "Call now" (but "Text alerts fail",
/// "Email newsletters have become").
const OBJECT_WORDS: [&str; 32] = [
    "us", "me", "it", "them", "him", "her", "this", "that", "these", "those", "our", "your", "the",
    "a", "an", "my", "now", "here", "today", "today's", "up", "in", "on", "to", "for", "with",
    "at", "and", "or", "all", "more", "every",
];

/// An object (or the clause's end) follows the verb ending at byte `end`.
fn object_follows(t: &str, end: usize) -> bool {
    let rest = &t[end..];
    if rest.starts_with('-') {
        // A compound: "sign-up", "follow-up", "e-mail-Adresse".
        return false;
    }
    let Some(w) = rest.split_ascii_whitespace().next() else {
        return true;
    };
    if !rest.starts_with(char::is_whitespace) {
        // Punctuation that ends a call right after the verb: "Call!",
        // "Share:" (not "--message=<msg>").
        return rest.starts_with(['!', '.', ':', ',', '?']);
    }
    let word = w.trim_matches(|c: char| !c.is_alphanumeric());
    w.starts_with(|c: char| c.is_ascii_digit() || "(+\"“'‘«".contains(c))
        || w.contains('@')
        || (word.chars().count() >= 2 && word.chars().all(|c| c.is_uppercase()))
        || OBJECT_WORDS.iter().any(|o| word.eq_ignore_ascii_case(o))
}

/// Words opening a short line ending on "this article" that make it a
/// heading or a label, not a button ("In this article", "About this site",
/// "More from this author").
const NOT_BUTTONS: [&str; 26] = [
    "in",
    "about",
    "on",
    "from",
    "of",
    "for",
    "to",
    "with",
    "inside",
    "within",
    "throughout",
    "beyond",
    "more",
    "all",
    "behind",
    "why",
    "how",
    "what",
    "who",
    "dans",
    "sur",
    "en",
    "über",
    "auf",
    "in",
    "sobre",
];

/// Words that hold a price out as a bargain right before it ("for only",
/// "für nur", "pour seulement", "por solo", "à partir de", "ab", "desde").
const BARGAIN_WORDS: [&str; 10] = [
    "only",
    "just",
    "nur",
    "seulement",
    "partir",
    "ab",
    "solo",
    "sólo",
    "desde",
    "dès",
];

/// Indefinite articles: "send an email" names no one's channel.
const INDEFINITE: [&str; 10] = [
    "a", "an", "ein", "eine", "einen", "einer", "un", "une", "una", "uno",
];

/// Third-person possessives: "its newsletter", "ihrem Rundbrief", "sa
/// lettre", "su boletín" are someone else's, not the site's offer. (The
/// reader's are kept: "your donation", "tu donación" is what is asked for.)
const OTHERS: [&str; 20] = [
    "its", "his", "her", "their", "sein", "seine", "seinem", "seinen", "seiner", "ihrem", "ihren",
    "ihrer", "son", "sa", "ses", "leur", "leurs", "su", "sus", "ihre",
];

/// Verbs that hand the reader a thing, for `!named` cues ("Get the app").
const OFFER_VERBS: [&str; 16] = [
    "get",
    "download",
    "install",
    "try",
    "grab",
    "hol",
    "holen",
    "lade",
    "laden",
    "téléchargez",
    "installez",
    "descarga",
    "descargue",
    "instala",
    "descárgate",
    "bájate",
];

/// Words that may follow a thing handed to the reader ("Get the app for
/// iOS", "Download the app today").
const HANDED_NEXT: [&str; 14] = [
    "for", "on", "from", "today", "now", "and", "free", "für", "pour", "para", "gratis", "und",
    "et", "y",
];

/// The publisher's possessives, for `!named` cues ("our free app").
const OURS: [&str; 13] = [
    "our", "unser", "unsere", "unseren", "unserem", "unserer", "notre", "nos", "nuestra",
    "nuestro", "nuestras", "nuestros", "my",
];

/// Words that present a product on offer, for `!named` cues ("the free
/// app", "die kostenlose App"): a thing held out to the reader.
const OFFERED: [&str; 15] = [
    "free",
    "new",
    "official",
    "kostenlose",
    "kostenlosen",
    "neue",
    "neuen",
    "offizielle",
    "gratuite",
    "nouvelle",
    "officielle",
    "gratuita",
    "nueva",
    "oficial",
    "gratis",
];

/// Month names in English, German, French and Spanish, lower case
/// (compared ASCII case-insensitively: "März", "Février").
const MONTHS: [&str; 43] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// English months shortened ("Oct. 20", "Mar 5, 2024").
const SHORT_MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

fn is_month(w: &str) -> bool {
    MONTHS.iter().any(|m| w.eq_ignore_ascii_case(m))
}

/// The line names where it was published: a preposition, then (after an
/// article) a capitalised word that is not a month or a weekday ("at the
/// Midland Observer", "bei Zeit Online", "sur The Conversation"), or a web
/// address. "Originally published in April 2020" names only a date.
fn names_a_venue(t: &str) -> bool {
    // With the article folded in: "im Tagesspiegel", "beim SWR", "au Monde".
    const PREPOSITIONS: [&str; 22] = [
        "on", "at", "by", "in", "bei", "auf", "von", "sur", "dans", "par", "en", "por", "chez",
        "im", "beim", "vom", "au", "aux", "del", "from", "aus", "de",
    ];
    const ARTICLES: [&str; 11] = [
        "the", "der", "die", "dem", "den", "le", "la", "les", "l'", "el", "los",
    ];
    // Or a time: a month ([`MONTHS`]), a weekday, a season, a year.
    // (German capitalises every noun: "im Jahr 2019", "im Frühjahr".)
    const TIME: [&str; 22] = [
        "monday",
        "sunday",
        "jahr",
        "jahre",
        "jahren",
        "frühjahr",
        "frühling",
        "sommer",
        "herbst",
        "winter",
        "year",
        "spring",
        "summer",
        "autumn",
        "fall",
        "année",
        "printemps",
        "été",
        "automne",
        "hiver",
        "año",
        "primavera",
    ];
    let words: Vec<&str> = t.split_ascii_whitespace().collect();
    words.iter().enumerate().any(|(i, w)| {
        let bare = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        if bare.contains('.') && bare.split('.').all(|p| p.len() >= 2) {
            return true; // netzpolitik.org
        }
        if !PREPOSITIONS.contains(&w.to_lowercase().as_str()) {
            return false;
        }
        let mut j = i + 1;
        if words
            .get(j)
            .is_some_and(|a| ARTICLES.contains(&a.to_lowercase().as_str()))
        {
            j += 1;
        }
        // Or a kind of venue ("on Medium", "en el blog de la autora").
        const VENUES: [&str; 17] = [
            "blog",
            "website",
            "site",
            "newsletter",
            "substack",
            "sitio",
            "web",
            "webseite",
            "homepage",
            "revista",
            "magazine",
            "magazin",
            "revue",
            "zeitschrift",
            "zeitung",
            "periódico",
            "diario",
        ];
        words.get(j).is_some_and(|n| {
            let n = n.trim_matches(|c: char| !c.is_alphanumeric());
            let lower = n.to_lowercase();
            (n.starts_with(char::is_uppercase) && !TIME.contains(&lower.as_str()) && !is_month(n))
                || VENUES.contains(&lower.as_str())
        })
    })
}

/// Words that may stand in a teaser label after its cue ("More from the
/// Ledger:", "Mehr zum Thema:", "Plus sur le sujet :", "Más sobre el tema:").
const LABEL_WORDS: [&str; 40] = [
    "from", "on", "about", "the", "this", "our", "news", "stories", "coverage", "in", "de", "du",
    "la", "le", "sur", "ce", "sujet", "zum", "thema", "dazu", "aus", "der", "del", "el", "sobre",
    "tema", "este", "also", "même", "notre", "site", "unserer", "seite", "nuestra", "web", "blog",
    "website", "more", "aussi", "también",
];

/// A sign-up for a named thing or the publisher's own: "for The Morning
/// Brief", "à notre lettre", "für unseren Newsletter", "a El Faro".
fn signs_up_for_a_name(t: &str, end: usize) -> bool {
    let mut words = t[end..].split_ascii_whitespace();
    let link = words.next().map(str::to_lowercase);
    let link_ok = link.as_deref().is_some_and(|l| {
        matches!(
            l,
            "for" | "to" | "für" | "zu" | "zum" | "à" | "au" | "pour" | "a" | "al" | "para"
        )
    });
    let name = words.next().unwrap_or("");
    link_ok
        && (name.starts_with(char::is_uppercase)
            || OURS.iter().any(|o| name.eq_ignore_ascii_case(o))
            || name.starts_with("unser"))
}

/// "app de El Diario", "App der Tagesschau", "app of the Ledger": the
/// thing is named right after it.
fn named_after(t: &str, end: usize) -> bool {
    let mut words = t[end..].split_ascii_whitespace();
    let link = words.next().map(str::to_lowercase);
    let link_ok = link.as_deref().is_some_and(|l| {
        matches!(
            l,
            "of" | "from" | "de" | "du" | "des" | "von" | "der" | "del"
        )
    });
    let mut name = words.next();
    if name.is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "the" | "la" | "le" | "el" | "die"
        )
    }) {
        name = words.next();
    }
    link_ok && name.is_some_and(|w| w.starts_with(char::is_uppercase))
}

/// The line dates something to a bare year (1800-2099) after a preposition
/// or "originally" and names no month: "in 1998", "en 1947", "ursprünglich
/// 1989", not "March 5, 2024", "12 mars 2021", "© 2024" or a title's "Best
/// Laptops of 2026".
fn bare_year(t: &str) -> bool {
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .collect();
    let year = |w: &str| {
        w.len() == 4
            && w.bytes().all(|b| b.is_ascii_digit())
            && (1800..=2099).contains(&w.parse::<u32>().unwrap_or(0))
    };
    let dated = words.iter().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        is_month(w) || SHORT_MONTHS.iter().any(|m| w.eq_ignore_ascii_case(m))
    });
    !dated
        && words.iter().enumerate().any(|(i, w)| {
            year(w)
                && i > 0
                && [
                    "in",
                    "en",
                    "im",
                    "ursprünglich",
                    "erstmals",
                    "originally",
                    "initialement",
                    "originalmente",
                ]
                .iter()
                .any(|p| words[i - 1].eq_ignore_ascii_case(p))
        })
}

/// English words before an ordinal "first" ("the first ferry").
const DETERMINERS: [&str; 12] = [
    "the", "a", "an", "its", "our", "their", "his", "her", "my", "your", "this", "that",
];

/// The word right before byte `at` (empty at the start), and where it starts.
fn prev_word(t: &str, at: usize) -> (usize, &str) {
    let head = t[..at].trim_end();
    let start = head
        .rfind(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    (start, &head[start..])
}

/// Words that open a subordinate clause or phrase at the start of a line:
/// after its first comma a new clause starts ("If you value our work,
/// consider …", "For reprints, email …", "Wenn Ihnen … gefallen hat, …").
const INTRO_WORDS: [&str; 14] = [
    "if", "when", "whether", "for", "to", "wenn", "falls", "für", "um", "si", "pour", "para",
    "cuando", "quand",
];

/// Prepositions opening a phrase at the start of a line: after its first
/// comma a clause starts ("Por menos de un café al mes, apoya …", "With
/// your help, …"), but unlike [`INTRO_WORDS`] the phrase holds no verb.
const PHRASE_INTROS: [&str; 8] = ["por", "with", "mit", "avec", "con", "dès", "ab", "desde"];

/// A word may start at byte `s`: no letter or digit before it, and it is
/// not the tail of an address (`@support`, `apple.com/support`).
fn left_boundary(t: &str, s: usize) -> bool {
    let mut before = t[..s].chars().rev();
    match before.next() {
        None => true,
        Some(c) if c.is_alphanumeric() || c == '@' || c == '_' => false,
        Some('.' | '/') => !before.next().is_some_and(char::is_alphanumeric),
        Some(_) => true,
    }
}

/// A word may end at byte `end`: no letter or digit after it, and it is
/// not the head of an address (`support.apple.com`, `news@`).
fn right_boundary(t: &str, end: usize) -> bool {
    let mut after = t[end..].chars();
    match after.next() {
        None => true,
        Some(c) if c.is_alphanumeric() || c == '@' || c == '_' => false,
        Some('.' | '/') => !after.next().is_some_and(char::is_alphanumeric),
        Some(_) => true,
    }
}

/// Characters that may open a clause before its first word: quotes,
/// brackets, bullets, Spanish inverted marks.
fn is_opener(c: char) -> bool {
    // Any symbol outside ASCII too: emoji, pictographs and arrows set
    // before a call ("📱 Get our top stories", "🎙️ Abonne-toi", "➜ Jetzt
    // anmelden") open it as a bullet does.
    (!c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace() && !is_closer(c))
        || matches!(
            c,
            '"' | '\''
                | '“'
                | '‘'
                | '„'
                | '«'
                | '»'
                | '‹'
                | '›'
                | '('
                | '['
                | '¿'
                | '¡'
                | '*'
                | '-'
                | '•'
                | '·'
                | '>'
                | '→'
                | '▶'
                | '►'
                | '■'
                | '–'
                | '—'
                | '|'
        )
}

/// Characters that end a clause when white space follows.
fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | ':' | ';' | '…' | '|' | '•' | '·' | '–' | '—' | '-' | '»' | '→'
    )
}

/// Closing marks that may stand between a terminator and the white space.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '“')
}

/// Byte offsets of the first word of every clause: the line's start and
/// each word after `. ! ? : ;`, a dash or a bullet followed by white space.
fn clause_starts(t: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut expecting = true;
    let mut ended = false;
    for (i, c) in t.char_indices() {
        if expecting {
            if c.is_whitespace() || is_opener(c) {
                continue;
            }
            expecting = false;
            if c.is_alphanumeric() {
                out.push(i);
                continue;
            }
        }
        if c.is_whitespace() {
            expecting = ended;
            ended = false;
        } else if matches!(c, '—' | '–') {
            // A dash between words opens a clause even when set solid
            // ("Never fear—check out ...").
            expecting = true;
            ended = false;
        } else if is_terminator(c) || (c >= '\u{2190}' && !c.is_alphanumeric()) {
            // (An emoji, an arrow or a pictograph between words sets a
            // clause apart: "GIVEAWAY 🎉 Comment your …".)
            ended = true;
        } else if !(ended && is_closer(c)) {
            ended = false;
        }
    }
    out
}

/// The word (letters, digits, apostrophes, hyphens) starting at byte `at`.
fn word_at(t: &str, at: usize) -> &str {
    let rest = &t[at..];
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The start of the next word after byte `at`, skipping white space and commas.
fn next_word(t: &str, at: usize) -> Option<usize> {
    let rest = &t[at..];
    let skip = rest.find(|c: char| !(c.is_whitespace() || c == ','))?;
    rest[skip..]
        .starts_with(char::is_alphanumeric)
        .then_some(at + skip)
}

/// Words that may open a German clause before "dich", "dir", "euch" or
/// "uns" without being a verb: prepositions and particles ("Für dich",
/// "Mit uns", "Auch dir").
const DE_NOT_VERBS: [&str; 30] = [
    "für", "mit", "bei", "von", "zu", "an", "auf", "aus", "nach", "ohne", "gegen", "um", "über",
    "unter", "vor", "hinter", "neben", "zwischen", "durch", "wie", "als", "laut", "dank", "trotz",
    "wegen", "seit", "und", "auch", "nur", "außer",
];

/// German: a capitalised word opening a clause, then the reader or the
/// publisher as its object ("Lass dich informieren", "Hol dir die App",
/// "Schreibt uns"). A German statement puts its subject or an adverb
/// first and its verb second, so a verb then "dich" at the start is an
/// imperative (or a question to the reader, which also calls).
fn german_du_form(t: &str, at: usize, word: &str) -> bool {
    let Some(rest) = t[at + word.len()..].strip_prefix(' ') else {
        return false;
    };
    let pronoun = ["dich", "dir", "euch", "uns"]
        .iter()
        .any(|p| rest.starts_with(p) && !rest[p.len()..].starts_with(char::is_alphanumeric));
    pronoun
        && word.starts_with(char::is_uppercase)
        && word.chars().count() >= 3
        && !word.contains('-')
        && !DE_NOT_VERBS.contains(&word.to_lowercase().as_str())
}

/// German: a capitalised word in "-e" opening a clause, then an article
/// or possessive of the accusative ("Markiere den Text", "Drücke die
/// Taste", "Sichere dir", "Teile deinen Fund"): the du imperative. A noun
/// in "-e" opening a statement is followed by its verb or a genitive
/// ("Ende der Woche", "Mitte des Jahres"), not by these.
fn german_e_imperative(t: &str, at: usize, word: &str) -> bool {
    if !(word.ends_with('e') && word.starts_with(char::is_uppercase) && word.chars().count() >= 5)
        || word.contains(['-', '\'', '’'])
    {
        return false;
    }
    let Some(rest) = t[at + word.len()..].strip_prefix(' ') else {
        return false;
    };
    const OBJECTS: [&str; 10] = [
        "den", "die", "das", "einen", "eine", "ein", "deinen", "deine", "dein", "diesen",
    ];
    let next = rest.split(' ').next().unwrap_or("");
    // Adverbs and pronouns in "-e" ("Heute die …", "Keine …").
    const NOT_VERBS: [&str; 12] = [
        "heute", "gerade", "gerne", "danke", "bitte", "keine", "meine", "deine", "seine", "welche",
        "solche", "diese",
    ];
    let lower = word.to_lowercase();
    OBJECTS.contains(&next)
        && !DE_NOT_VERBS.contains(&lower.as_str())
        && !NOT_VERBS.contains(&lower.as_str())
}

/// An imperative by its form, for verbs the lexicon does not list: French
/// `-ez` and `verb-vous/-nous/-le`, Spanish verbs with an enclitic pronoun
/// and a stress accent (`compártela`, `apúntate`), German `Verb Sie …`.
fn imperative_form(t: &str, at: usize) -> bool {
    let word = word_at(t, at);
    if german_du_form(t, at, word) || german_e_imperative(t, at, word) {
        return true;
    }
    if spanish_accented_imperative(word) {
        return true;
    }
    // Every form below ends in an ASCII letter pair or has a hyphen or an
    // accent: skip the rest (and its allocation) for most words.
    let last = word
        .as_bytes()
        .last()
        .copied()
        .unwrap_or(0)
        .to_ascii_lowercase();
    if !matches!(last, b'z' | b's' | b'e' | b'n') && !word.contains('-') {
        return false;
    }
    let lower = word.to_lowercase();
    let chars = lower.chars().count();
    let (head, tail) = match lower.split_once('-') {
        Some((h, r)) => (h, Some(r)),
        None => (lower.as_str(), None),
    };
    // French: écoutez, abonnez-vous, partagez-le, suis-nous.
    let fr_ez = head.ends_with("ez") && head.chars().count() >= 5 && head != "assez";
    // ("dis-le-nous": the last pronoun counts.)
    let fr_pronoun = tail.and_then(|r| r.rsplit('-').next()).is_some_and(|r| {
        matches!(
            r,
            "vous" | "nous" | "toi" | "moi" | "le" | "la" | "les" | "en"
        )
    }) && head.chars().count() >= 3;
    if fr_ez || fr_pronoun {
        return true;
    }
    // Spanish: an enclitic pronoun moves the stress, which then needs its
    // written accent: síguenos, apúntate, entérate. (Only the pronouns of
    // the reader and the publisher: "-la" and "-lo" end many nouns too,
    // película, artículo.)
    if tail.is_none() && chars >= 6 {
        let enclitic = ["te", "nos", "se", "me"].iter().any(|e| lower.ends_with(e));
        let accent = lower.contains(['á', 'é', 'í', 'ó', 'ú']);
        if enclitic && accent {
            return true;
        }
    }
    // German: a verb then the formal "Sie" opens a clause only as a
    // request or a question to the reader.
    let after = &t[at + word.len()..];
    let sie = after
        .strip_prefix(' ')
        .is_some_and(|r| r.starts_with("Sie") && !r[3..].starts_with(char::is_alphanumeric));
    sie && word.starts_with(char::is_uppercase)
        && (lower.ends_with("en") || lower.ends_with("ern") || lower.ends_with("eln"))
}

/// Spanish imperatives known by their written accent, at a clause start:
/// the voseo of Argentina and Uruguay stresses the last vowel ("Bajá la
/// app", "Doná", "Reservá la tuya", "Participá", "Contactá"), and a verb
/// with an enclitic "lo"/"la" after its stem vowel keeps the stress on the
/// stem ("Desactívalo", "Cómpralo"; not "artículo", "película", whose
/// stems end in "u").
fn spanish_accented_imperative(word: &str) -> bool {
    // Both forms carry a written accent: ASCII words (most) stop here.
    if word.is_ascii() {
        return false;
    }
    let lower = word.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let n = chars.len();
    // (Only "-á", the voseo of "-ar" verbs: French nouns end in "-é",
    // "Société", "L'Autorité".)
    if n >= 4 && chars[n - 1] == 'á' && !lower.contains('\'') {
        // Not the future ("será", "podrá", "tendrá", "habrá": r, then the
        // stress; so "mirá", "comprá" are lost) nor the common words with a
        // final stress.
        const NOT_VERBS: [&str; 22] = [
            "está", "están", "allá", "acá", "aquí", "allí", "café", "mamá", "papá", "sofá", "bebé",
            "josé", "quizá", "también", "jamás", "además", "según", "perú", "panamá", "canadá",
            "bogotá", "maní",
        ];
        let future = chars[n - 2] == 'r';
        return !future && !NOT_VERBS.contains(&lower.as_str());
    }
    let stem = lower
        .strip_suffix("los")
        .or_else(|| lower.strip_suffix("las"))
        .or_else(|| lower.strip_suffix("lo"))
        .or_else(|| lower.strip_suffix("la"));
    stem.is_some_and(|s| {
        n >= 7 && (s.ends_with('a') || s.ends_with('e')) && s.contains(['á', 'é', 'í', 'ó', 'ú'])
    })
}

/// The line opens with an author's bio and ends with a sentence holding a
/// channel: a bio label at its start ("About the author:"), or a name of
/// two or three capitalised words then a bio verb ("Anna Berger ist
/// Redakteurin", "Dr. Helen Voss is a dermatologist"); and at least two
/// sentences, the last holding an address, a handle or a network's name.
fn author_bio(t: &str, hits: &[Hit], line_start: usize) -> bool {
    let labelled = hits
        .iter()
        .any(|h| h.classes & BIO_LABEL != 0 && h.start == line_start);
    let named = labelled
        || hits
            .iter()
            .any(|h| h.classes & BIO_VERB != 0 && named_before(t, h.start, line_start));
    if !named {
        return false;
    }
    // The last sentence (after the last ". ", "! " or "? ") holds the channel.
    let Some(from) = [". ", "! ", "? "]
        .iter()
        .filter_map(|e| t.rfind(e))
        .max()
        .map(|i| i + 2)
    else {
        return false;
    };
    let tail = &t[from..];
    tail.contains('@')
        || tail.contains("www.")
        || tail.split(' ').any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.contains('.') && w.split('.').all(|p| p.len() >= 2)
        })
        || hits
            .iter()
            .any(|h| h.start >= from && h.classes & (SOCIAL | MESSAGING | EMAIL | PHONE) != 0)
}

/// Words for someone who writes for a living, for [`writer_bio`].
const WRITERS: [&str; 22] = [
    "writer",
    "journalist",
    "editor",
    "copywriter",
    "blogger",
    "columnist",
    "autor",
    "autorin",
    "journalistin",
    "redakteur",
    "redakteurin",
    "texter",
    "texterin",
    "journaliste",
    "rédacteur",
    "rédactrice",
    "autrice",
    "periodista",
    "redactor",
    "redactora",
    "escritor",
    "escritora",
];

/// A line opening with a name of two or three capitalised words, then "is
/// a" / "ist" / "est" / "es", and within four words a word of
/// [`WRITERS`] ("Yaren Fadiloglulari is a freelance writer and
/// researcher."): the author's bio.
fn writer_bio(t: &str, hits: &[Hit], line_start: usize) -> bool {
    hits.iter().any(|h| {
        h.classes & BIO_VERB != 0
            && matches!(
                t[h.start..h.end].to_lowercase().as_str(),
                "is a" | "is an" | "ist" | "est" | "es"
            )
            && named_before(t, h.start, line_start)
            && t[h.end..].split_ascii_whitespace().take(5).any(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                WRITERS.iter().any(|x| w.eq_ignore_ascii_case(x))
            })
    })
}

/// The text before byte `at` is a name of two or three capitalised words
/// opening the line (not a noun phrase, which German writes in capitals
/// too: "Meine Mutter ist …").
fn named_before(t: &str, at: usize, line_start: usize) -> bool {
    if line_start == usize::MAX || line_start >= at {
        return false;
    }
    let head = t[line_start..at].trim_end();
    let head = head.strip_prefix("Dr. ").unwrap_or(head);
    let words: Vec<&str> = head.split(' ').collect();
    (2..=3).contains(&words.len())
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
        && !NOT_NAMES.iter().any(|n| words[0].eq_ignore_ascii_case(n))
        && !head.contains(['.', ',', ':', '!', '?'])
}

/// First words that make a capitalised phrase no name ([`named_before`]).
const NOT_NAMES: [&str; 36] = [
    "the", "a", "an", "my", "our", "this", "that", "der", "die", "das", "ein", "eine", "mein",
    "meine", "unser", "unsere", "dieser", "diese", "dieses", "le", "la", "les", "un", "une", "mon",
    "ma", "notre", "ce", "cette", "el", "los", "las", "una", "mi", "este", "esta",
];

/// A question about the text answered by a yes/no pair after it ("Was this
/// article helpful? 👍 Yes 👎 No", "War dieser Artikel hilfreich? Ja |
/// Nein", "¿Te resultó útil? Sí / No"): a feedback widget's label and its
/// two buttons.
fn yes_no_after_question(t: &str) -> bool {
    let Some(q) = t.rfind('?') else {
        return false;
    };
    // Or two buttons drawn as symbols ("Was this article helpful? 👍 👎").
    let after = t[q + 1..].trim();
    if q > 0
        && !after.contains(char::is_alphanumeric)
        && after.split(' ').filter(|w| !w.is_empty()).count() >= 2
    {
        return true;
    }
    let mut words = t[q + 1..]
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty());
    let (Some(a), Some(b), None) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    const PAIRS: [(&str, &str); 5] = [
        ("yes", "no"),
        ("ja", "nein"),
        ("oui", "non"),
        ("sí", "no"),
        ("si", "no"),
    ];
    q > 0
        && PAIRS
            .iter()
            .any(|(y, n)| a.eq_ignore_ascii_case(y) && b.eq_ignore_ascii_case(n))
}

/// "All" in a consent button's label ("Accept all", "Alle ablehnen",
/// "Tout accepter", "Rechazar todas").
const ALL_WORDS: [&str; 9] = [
    "all",
    "alle",
    "tout",
    "tous",
    "toutes",
    "todas",
    "todos",
    "todo",
    "everything",
];

/// Verbs of a consent button ("Accept", "Ablehnen", "Refuser"), not its
/// nouns ("All settings" is a menu's label).
const CONSENT_VERBS: [&str; 9] = [
    "accept",
    "reject",
    "agree",
    "akzeptier",
    "ablehn",
    "zustimm",
    "refus",
    "acept",
    "rechaz",
];

/// A question, then two or three buttons set apart by bars or middle dots
/// ("Want a ping when we publish? Allow | Maybe later", "Autoriser les
/// notifications ? Plus tard | Oui"): a prompt's buttons, each of at most
/// three words and opening with a capital (not a sentence's clauses).
fn bar_buttons_after_question(t: &str) -> bool {
    let Some(q) = t.rfind('?') else {
        return false;
    };
    let after = &t[q + 1..];
    if q == 0 || !after.contains([' ', '|', '·']) {
        return false;
    }
    let labels: Vec<&str> = after.split(['|', '·']).map(|l| l.trim()).collect();
    (2..=3).contains(&labels.len())
        && labels.iter().all(|l| {
            let words = l.split_ascii_whitespace().count();
            (1..=3).contains(&words)
                && l.starts_with(char::is_uppercase)
                && !l.contains(['.', '?', ':', ';'])
        })
}

/// `h` is a verb of joining followed by a count of a crowd: four digits or
/// more, or a number with "+" or "k" ("Join 84,000 readers", "Rejoignez
/// plus de 20 000 abonnés", "Únete a 10k lectores").
fn joins_a_crowd(t: &str, h: &Hit) -> bool {
    const JOIN: [&str; 7] = [
        "join",
        "rejoignez",
        "rejoins",
        "únete",
        "únase",
        "sumate",
        "súmate",
    ];
    let verb = &t[h.start..h.end];
    if h.classes & IMPERATIVE == 0 || !JOIN.iter().any(|j| verb.eq_ignore_ascii_case(j)) {
        return false;
    }
    const LEAD: [&str; 10] = [
        "over", "more", "than", "a", "más", "de", "plus", "the", "über", "mehr",
    ];
    let mut rest = t[h.end..]
        .split_ascii_whitespace()
        .skip_while(|w| LEAD.iter().any(|l| w.eq_ignore_ascii_case(l)));
    let count = rest.next().unwrap_or("");
    // (Thousands set apart by a space: "20 000".)
    let groups = rest
        .take_while(|w| w.len() == 3 && w.bytes().all(|c| c.is_ascii_digit()))
        .count();
    let digits = count.chars().filter(char::is_ascii_digit).count() + 3 * groups;
    count.starts_with(|c: char| c.is_ascii_digit())
        && (digits >= 4 || count.contains('+') || count.trim_end_matches(',').ends_with(['k', 'K']))
}

/// The line ends with buttons in brackets ("… [Not now] [Allow]",
/// "… [Answer]"): each of at most three words, opening with a capital, no
/// stage direction of a transcript ("[Laughs]"); the byte offset of the
/// first.
fn bracket_buttons(t: &str) -> Option<usize> {
    const DIRECTIONS: [&str; 8] = [
        "laughs",
        "laughter",
        "applause",
        "inaudible",
        "crosstalk",
        "pause",
        "sic",
        "music",
    ];
    let mut end = t.trim_end().len();
    let mut first = None;
    while t[..end].ends_with(']') {
        let open = t[..end].rfind('[')?;
        let label = &t[open + 1..end - 1];
        let words = label.split_ascii_whitespace().count();
        if !(1..=3).contains(&words)
            || label.contains(['[', ']'])
            || !label.starts_with(char::is_uppercase)
            || DIRECTIONS.iter().any(|d| label.eq_ignore_ascii_case(d))
        {
            return None;
        }
        first = Some(open);
        end = t[..open].trim_end().len();
    }
    first
}

/// Where a teaser label ends in `rest` (the text after its cue): a colon,
/// or a bar, an angle quote or an arrow set between spaces ("ALSO READ |
/// …", "LIRE AUSSI > …"), as the byte offset of the separator and of the
/// text after it.
fn label_separator(rest: &str) -> Option<(usize, usize)> {
    let colon = rest.find(':').map(|c| (c, c + 1));
    // (A label in brackets opening the line, "[Read next] …", ends at its
    // bracket.)
    if rest.starts_with("] ") {
        return Some((0, 1));
    }
    let bar = [
        " | ", " > ", " › ", " » ", " → ", " ▸ ", " ▶ ", " ► ", " ➔ ", " ➜ ", " ➤ ", " ➡ ", " >> ",
        " ⇒ ",
    ]
    .iter()
    .filter_map(|sep| rest.find(sep).map(|c| (c, c + sep.len())))
    .min();
    match (colon, bar) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A quotation opening the line, then the narration that reports it
/// ("'Subscribe to my channel,' the boy shouted …", "„Melden Sie sich
/// an“, appellierte der Landrat …", "« Abonnez-vous ! » : c'est ainsi que
/// …", "\"Descarguen la app\", pidió el alcalde"): the call is someone's
/// reported speech, not the page's. The quote of two words or more closes
/// on a comma, "!" or "?" inside it or a comma or colon right after it,
/// and at least two words follow, the first in lower case (a verb of
/// saying, a pronoun, an article: a testimonial's "— Dana, reader" has a
/// dash and a name).
fn quote_then_narration(t: &str) -> bool {
    let mut chars = t.char_indices();
    let Some((_, open)) = chars.next() else {
        return false;
    };
    let closers: &[char] = match open {
        '"' => &['"', '”'],
        '“' => &['”', '“'],
        '„' => &['“', '”'],
        '«' => &['»'],
        '‘' | '\'' => &['’', '\''],
        _ => return false,
    };
    let body = &t[open.len_utf8()..];
    // The closing mark: one with no letter right after it (an apostrophe
    // inside a word, "it's", closes nothing).
    let Some(close) = body.char_indices().find_map(|(i, c)| {
        (closers.contains(&c) && !body[i + c.len_utf8()..].starts_with(char::is_alphanumeric))
            .then_some(i)
    }) else {
        return false;
    };
    let quoted = body[..close].trim_end();
    let mark = body[close..].chars().next().map_or(1, char::len_utf8);
    let after = &body[close + mark..];
    let after_trim = after.trim_start();
    let punct_after = after_trim.starts_with([',', ':']);
    let punct_in = quoted.ends_with([',', '!', '?']);
    let rest = after_trim.trim_start_matches([',', ':', ' ']);
    quoted.split_ascii_whitespace().count() >= 2
        && (punct_in || punct_after)
        && rest.starts_with(char::is_lowercase)
        && rest.split_ascii_whitespace().count() >= 2
}

/// Code in the line: a call with its brackets set solid after a name
/// ("start()", "client.subscribe(\"topic\")"): a manual's or an API's
/// step, not a call to the page's reader.
fn code_call(t: &str) -> bool {
    t.match_indices('(').any(|(i, _)| {
        // The name: letters, digits, dots and underscores right before it.
        let head = &t[..i];
        let solid = |c: char| c.is_alphanumeric() || c == '.' || c == '_';
        let name = &head[head.trim_end_matches(solid).len()..];
        !name.is_empty() && (t[i + 1..].starts_with(')') || name.contains(['.', '_']))
    })
}

/// A numbered step's label opening the line ("Step 3: …", "Schritt 2 –
/// …", "Étape 4 : …", "Paso 1. …"): a procedure, whatever it tells the
/// reader to do.
fn step_label(t: &str, line_start: usize) -> bool {
    const STEP_WORDS: [&str; 5] = ["step", "schritt", "étape", "etape", "paso"];
    if line_start >= t.len() {
        return false;
    }
    let mut words = t[line_start..].split_ascii_whitespace();
    let (Some(label), Some(n)) = (words.next(), words.next()) else {
        return false;
    };
    let n = n.trim_end_matches([':', '.', ')', '–', '—', '-']);
    // (The number first: most lines' second word is none, and lower-casing
    // the label allocates.)
    !n.is_empty()
        && n.bytes().all(|b| b.is_ascii_digit())
        && STEP_WORDS.contains(&label.to_lowercase().as_str())
}

/// Urgency right after a verb opening a clause ("Book now", "Enroll today
/// and start …", "Réservez maintenant", "Reserva ahora y paga …",
/// "Pre-order now"): the call presses the reader to act at once, which is
/// a seller's or a sign-up's; a statement puts its subject first
/// ("Streaming now accounts for …"). Also German "Jetzt" then an
/// infinitive ("Jetzt buchen und … sparen").
const URGENT: [&str; 8] = [
    "now",
    "today",
    "tonight",
    "maintenant",
    "aujourd'hui",
    "ahora",
    "hoy",
    "ya",
];

fn urgent_call(t: &str, hits: &[Hit], at: usize) -> bool {
    if at >= t.len() {
        return false;
    }
    let word = word_at(t, at);
    if word.eq_ignore_ascii_case("jetzt") {
        return german_infinitive_request(t, at);
    }
    let urgent_after = |end: usize| {
        t[end..]
            .strip_prefix(' ')
            .map(|r| word_at(r, 0))
            .is_some_and(|next| URGENT.iter().any(|u| next.eq_ignore_ascii_case(u)))
    };
    // A verb the lexicon knows, the urgency right after the cue ("Book now",
    // "Tune in tonight"), or one by its form ("And now we're …",
    // "Enrollment now open" are no calls), or a hyphenated English verb,
    // "Pre-order now", as one word.
    let cue = hits.iter().any(|h| {
        h.start == at
            && h.classes & (LABEL_VERB | IMPERATIVE) != 0
            && (!h.needs_object || object_follows(t, h.end))
            && (urgent_after(h.end) || urgent_after(at + word.len()))
    });
    if cue {
        return true;
    }
    if !urgent_after(at + word.len()) {
        return false;
    }
    let hyphenated = word.contains('-')
        && word.is_ascii()
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && word
            .split('-')
            .all(|p| p.len() >= 2 && p.bytes().all(|b| b.is_ascii_alphabetic()));
    imperative_form(t, at) || hyphenated
}

/// `s` opens with `prefix`, ASCII letters in either case ("Without" for
/// "without"; the rest of `prefix` as it is).
fn starts_ignoring_case(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|x| x.eq_ignore_ascii_case(prefix))
}

/// A price: a currency sign next to a digit ("$50", "50 €", "£4/month",
/// "8,50 €").
fn money(t: &str) -> bool {
    t.char_indices()
        .filter(|&(_, c)| matches!(c, '$' | '€' | '£' | '¥'))
        .any(|(i, c)| {
            let after = t[i + c.len_utf8()..].trim_start_matches(' ');
            let before = t[..i].trim_end_matches(' ');
            after.starts_with(|d: char| d.is_ascii_digit())
                || before.ends_with(|d: char| d.is_ascii_digit())
        })
}

/// A line in capitals: at least three words of letters and no lower-case
/// letter ("FREE U.S. SHIPPING ON ALL ORDERS $75+"), a banner shouting.
fn shouted(t: &str) -> bool {
    !t.contains(char::is_lowercase)
        && t.split_ascii_whitespace()
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
            .count()
            >= 3
}

/// How far the reader is from an offer, or how long it lasts: a price then
/// "more" or "away" within two words ("$12.40 away from …", "Spend £30
/// more"), "only" or "just" at most two words before a price ("Plus que
/// 8,50 € pour …", "Nur noch 5 € bis …"), or "only" closing the line
/// ("this weekend only", "heute nur").
fn short_of(t: &str) -> bool {
    const AFTER: [&str; 6] = ["more", "away", "mehr", "entfernt", "más", "plus"];
    const BEFORE: [&str; 7] = ["only", "just", "noch", "que", "faltan", "solo", "sólo"];
    const LAST: [&str; 4] = ["only", "nur", "seulement", "solamente"];
    const SIGNS: [char; 3] = ['$', '€', '£'];
    let words: Vec<&str> = t
        .split_ascii_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && !SIGNS.contains(&c)))
        .filter(|w| !w.is_empty())
        .collect();
    let is = |w: &str, list: &[&str]| list.iter().any(|x| w.eq_ignore_ascii_case(x));
    // A word with a sign in it ("$12.40"), or a figure and its sign after
    // it as the next word ("8,50 €").
    let priced = |i: usize| {
        let w = words[i];
        w.contains(SIGNS)
            || (w.starts_with(|c: char| c.is_ascii_digit())
                && words.get(i + 1).is_some_and(|n| {
                    let mut c = n.chars();
                    c.next().is_some_and(|x| SIGNS.contains(&x)) && c.next().is_none()
                }))
    };
    words.last().is_some_and(|w| is(w, &LAST))
        || (0..words.len()).any(|i| {
            priced(i)
                && (words[i.saturating_sub(2)..i].iter().any(|w| is(w, &BEFORE))
                    || words[i + 1..(i + 3).min(words.len())]
                        .iter()
                        .any(|w| is(w, &AFTER)))
        })
}

/// A row of a shop's badges: two or more labels of at most four words set
/// apart by middle dots or bullets, none a sentence ("Free returns · Fast
/// delivery · Secure payment", "Geprüfter Shop · Käuferschutz"); the
/// caller asks for a word of the shop's service in it.
fn badge_row(t: &str) -> bool {
    let parts: Vec<&str> = t.split(['·', '•']).collect();
    parts.len() >= 2
        && parts.iter().all(|s| {
            let n = s.split_ascii_whitespace().count();
            (1..=4).contains(&n) && !s.contains(['.', '?', ',', ':', '!'])
        })
}

/// The words of leaving close their clause (`rest` is what follows them):
/// nothing, a mark of punctuation, or "without" and what the reader would
/// leave without ("… sin tu descuento", "… les mains vides"); "before you
/// go to bed" goes on.
fn leaves_off(rest: &str) -> bool {
    const WITHOUT: [&str; 6] = [
        "without",
        "empty-handed",
        "ohne",
        "sans",
        "les mains",
        "sin",
    ];
    let rest = rest.trim_start();
    rest.is_empty()
        || rest.starts_with([',', '.', '!', '?', '…', ';', ':', '-', '–', '—'])
        || WITHOUT.iter().any(|w| {
            starts_ignoring_case(rest, w) && !rest[w.len()..].starts_with(char::is_alphanumeric)
        })
}

/// The reader's own voice after a decline ("No thanks, I …", "Nein danke,
/// ich …", "Non merci, je …", "No, gracias, prefiero …"): `rest` opens,
/// after its comma, with the first person.
fn first_person(rest: &str) -> bool {
    const FIRST: [&str; 9] = [
        "i ",
        "i'",
        "i’",
        "ich ",
        "je ",
        "j'",
        "j’",
        "yo ",
        "prefiero ",
    ];
    let rest = rest.trim_start_matches([',', ' ']);
    FIRST.iter().any(|f| starts_ignoring_case(rest, f))
}

/// A footer's row of links: labels of 1 to `max_words` words set apart by
/// bars or middle dots, none a sentence, two or more holding a word of the
/// site's own pages (`legal`) or its language versions (`language`):
/// "Kontakt | Impressum | Datenschutz", "Nous contacter · Mentions légales
/// · CGV", "English | Deutsch | Français".
fn footer_row(t: &str, hits: &[Hit], max_words: usize) -> bool {
    let bar = if t.contains(" | ") { " | " } else { " · " };
    let mut from = 0;
    let mut segments = 0;
    let mut legal = 0;
    for end in t
        .match_indices(bar)
        .map(|(i, _)| i)
        .chain(std::iter::once(t.len()))
    {
        let seg = &t[from..end];
        if !(1..=max_words).contains(&seg.split_ascii_whitespace().count())
            || seg.contains(['.', '?', '!', ',', ':'])
        {
            return false;
        }
        segments += 1;
        if hits
            .iter()
            .any(|h| h.classes & (LEGAL | LANGUAGE) != 0 && h.start >= from && h.end <= end)
        {
            legal += 1;
        }
        from = end + bar.len();
    }
    segments >= 2 && legal >= 2
}

/// The time left in a line ([`countdown`]).
enum Countdown {
    None,
    /// "in 3 days", "dans 2 heures": a span of time left.
    Left,
    /// A clock with seconds ("02:14:33") or two spans in a row ("2 hrs 13
    /// mins"): a timer counting down on the page.
    Ticking,
}

/// Units of time for a countdown, in the four languages.
const TIME_UNITS: [&str; 30] = [
    "days", "day", "hours", "hour", "hrs", "hr", "h", "minutes", "minute", "mins", "min",
    "seconds", "secs", "sec", "tagen", "tage", "stunden", "stunde", "minuten", "sekunden", "jours",
    "jour", "heures", "heure", "secondes", "días", "dias", "horas", "hora", "minutos",
];

/// How a line counts down the time left: a clock with seconds or two spans
/// in a row are ticking; "in"/"within" (in, within, innerhalb, noch, dans,
/// en) before a number and a unit of time is a span left.
fn countdown(t: &str) -> Countdown {
    let clock = t.split_ascii_whitespace().any(|w| {
        let parts: Vec<&str> = w
            .trim_matches(|c: char| !c.is_ascii_digit())
            .split(':')
            .collect();
        parts.len() == 3
            && parts
                .iter()
                .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
    });
    if clock {
        return Countdown::Ticking;
    }
    const WITHIN: [&str; 6] = ["in", "within", "innerhalb", "dans", "en", "noch"];
    let words: Vec<&str> = t
        .split_ascii_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    let span = |i: usize| {
        words[i].bytes().all(|b| b.is_ascii_digit())
            && !words[i].is_empty()
            && words
                .get(i + 1)
                .is_some_and(|u| TIME_UNITS.iter().any(|x| u.eq_ignore_ascii_case(x)))
    };
    let mut left = false;
    for i in 0..words.len() {
        if span(i) {
            if i + 2 < words.len() && span(i + 2) {
                return Countdown::Ticking;
            }
            left |= i > 0 && WITHIN.iter().any(|w| words[i - 1].eq_ignore_ascii_case(w));
        }
    }
    if left {
        Countdown::Left
    } else {
        Countdown::None
    }
}

/// Words of a shop's stock after a count ("Only 3 left", "Nur noch 2 Stück
/// auf Lager", "Plus que 4 exemplaires disponibles", "Solo quedan 5
/// unidades"), for [`stock_count`].
const STOCK_WORDS: [&str; 18] = [
    "left",
    "remaining",
    "stock",
    "lager",
    "verfügbar",
    "übrig",
    "stück",
    "disponible",
    "disponibles",
    "restant",
    "restants",
    "restantes",
    "exemplaires",
    "unidades",
    "seats",
    "rooms",
    "tickets",
    "places",
];

/// A count of what is left, held up as running out: "only" (nur noch,
/// plus que, solo, quedan) within two words before a number, and a word
/// of stock within three words after it.
fn stock_count(t: &str) -> bool {
    const ONLY: [&str; 8] = [
        "only",
        "just",
        "noch",
        "que",
        "seulement",
        "solo",
        "sólo",
        "quedan",
    ];
    let words: Vec<&str> = t
        .split_ascii_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        !w.is_empty()
            && w.bytes().all(|b| b.is_ascii_digit())
            && words[i.saturating_sub(2)..i]
                .iter()
                .any(|o| ONLY.iter().any(|x| o.eq_ignore_ascii_case(x)))
            && words[i + 1..(i + 4).min(words.len())]
                .iter()
                .any(|s| STOCK_WORDS.iter().any(|x| s.eq_ignore_ascii_case(x)))
    })
}

/// A code to type follows the word ending at byte `end` ("code SPRING15",
/// "Gutscheincode HERBST20", "code promo : BIENVENUE10"): a token of 4 to
/// 20 capitals and digits with both in it.
fn code_follows(t: &str, end: usize) -> bool {
    let rest = t[end..].trim_start_matches([' ', ':']);
    let token = rest
        .split_ascii_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric());
    // (Or five capitals or more with no digit, "code SHIPFREE".)
    (4..=20).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && (token.bytes().any(|b| b.is_ascii_digit()) || token.len() >= 5)
        && token.bytes().any(|b| b.is_ascii_uppercase())
}

/// A label of a few words ends in a colon right after byte `end`
/// ("Media contact:", "Kontakt zur Redaktion:", "Contact presse :"): the
/// colon's byte offset.
fn label_then_colon(t: &str, end: usize) -> Option<usize> {
    let c = end + t[end..].find(':')?;
    let label = &t[end..c];
    (label.split_ascii_whitespace().count() <= 3 && !label.contains(['.', '!', '?', ',']))
        .then_some(c)
}

/// The label between bytes `from` and `colon` names an issuer (its first
/// capitalised word, past an article) and the text after the colon names
/// it again: "About Veltrix Systems: Veltrix Systems is …", "Über die
/// Brandauer AG: Die Brandauer AG ist …" ("About the author: …" names none).
fn issuer_named_again(t: &str, from: usize, colon: usize) -> bool {
    t[from..colon]
        .split_ascii_whitespace()
        .find(|w| w.starts_with(char::is_uppercase))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .is_some_and(|name| name.chars().count() >= 3 && find_word(&t[colon..], name))
}

/// German: a clause opening with "Jetzt" or "Einfach" and closing on an
/// infinitive ("Jetzt den Newsletter abonnieren", "Jetzt reinhören:",
/// "Einfach bis Sonntag teilnehmen."): a request. German writes nouns with
/// a capital, so a lower-case word in -en or -ern ending the clause is a
/// verb, and a verb at the end with no subject before it is a request.
fn german_infinitive_request(t: &str, at: usize) -> bool {
    let first = word_at(t, at);
    if !["jetzt", "einfach"]
        .iter()
        .any(|w| first.eq_ignore_ascii_case(w))
    {
        return false;
    }
    let rest = &t[at + first.len()..];
    let clause = &rest[..rest
        .find(['.', '!', '?', ':', ';', '–', '—', '|', ','])
        .unwrap_or(rest.len())];
    let mut words = clause.split_ascii_whitespace();
    let last = words
        .next_back()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
        .unwrap_or("");
    // ("Jetzt im Handel", one word: not a verb phrase; adjectives that end
    // a clause, "jetzt noch günstigen", are rare enough.)
    const NOT_VERBS: [&str; 6] = ["morgen", "unten", "oben", "eben", "einen", "allen"];
    last.chars().count() >= 5
        && last.starts_with(char::is_lowercase)
        && (last.ends_with("en") || last.ends_with("ern"))
        && !NOT_VERBS.contains(&last)
}

/// German: a capitalised infinitive opening a clause is a noun when a
/// finite verb follows in the clause ("Spenden an gemeinnützige
/// Organisationen können von der Steuer abgesetzt werden": the donations
/// are its subject), not a request ("Spenden Sie jetzt", "Jetzt spenden").
fn german_noun_subject(t: &str, h: &Hit) -> bool {
    let word = &t[h.start..h.end];
    if !(word.ends_with("en") && word.starts_with(char::is_uppercase) && !word.contains(' ')) {
        return false;
    }
    const FINITE: [&str; 16] = [
        "kann", "können", "muss", "müssen", "soll", "sollen", "sollten", "wird", "werden", "ist",
        "sind", "war", "waren", "darf", "dürfen", "helfen",
    ];
    let rest = &t[h.end..];
    let clause = &rest[..rest.find(['.', '!', '?', ';', ':']).unwrap_or(rest.len())];
    clause
        .split_ascii_whitespace()
        .any(|w| FINITE.contains(&w.trim_matches(|c: char| !c.is_alphabetic())))
}

/// German: a button's few words ending on an infinitive ("In der App
/// weiterlesen", "Kommentare (58) anzeigen", "Push-Mitteilungen aktivieren
/// und …"): the first clause of the line (up to its punctuation or "und")
/// holds at most four words, the last a lower-case word in -en or -ern
/// (German nouns have capitals), and opens with no article or pronoun,
/// which a statement's subject would ("Die Preise steigen").
fn german_infinitive_button(t: &str, at: usize) -> bool {
    let rest = &t[at..];
    let end = rest
        .find(['.', '!', '?', ':', ';', '–', '—', '|', ','])
        .unwrap_or(rest.len());
    let end = rest[..end].find(" und ").unwrap_or(end);
    let words: Vec<&str> = rest[..end].split_ascii_whitespace().collect();
    const SUBJECTS: [&str; 20] = [
        "der", "die", "das", "ein", "eine", "einen", "wir", "sie", "er", "es", "ich", "man", "du",
        "ihr", "dies", "diese", "dieser", "wer", "was", "wie",
    ];
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    let last = last.trim_matches(|c: char| !c.is_alphabetic());
    (2..=4).contains(&words.len())
        && last.chars().count() >= 5
        && last.starts_with(char::is_lowercase)
        && (last.ends_with("en") || last.ends_with("ern"))
        && !SUBJECTS.iter().any(|w| first.eq_ignore_ascii_case(w))
}

/// Words that follow a verb opening a button's label, as its object's
/// article or the label's urgency: in English ("Schedule a tour",
/// "Preview this course", "Earn your certificate", "Apply now"), and in
/// French and Spanish after an infinitive ("Demander une visite", "Ouvrir
/// dans l'application", "Responder al tema").
/// ("Your" not: "Choose your pace", "Search your files" head a product's
/// features.)
const LABEL_NEXT_EN: [&str; 8] = ["a", "an", "the", "this", "my", "it", "now", "today"];
const LABEL_NEXT_ROMANCE: [&str; 36] = [
    "une",
    "un",
    "le",
    "la",
    "les",
    "au",
    "aux",
    "à",
    "dans",
    "cette",
    "cet",
    "ce",
    "mes",
    "mon",
    "ma",
    "nos",
    "vos",
    "votre",
    "maintenant",
    "el",
    "los",
    "las",
    "al",
    "con",
    "esta",
    "este",
    "tu",
    "tus",
    "mi",
    "ahora",
    "ya",
    "nuevo",
    "nueva",
    "nouveau",
    "nouvelle",
    "en",
];

/// Words that open a heading or a statement, never a button's verb ("The
/// end", "In the news", "Why it matters", "Available now").
const NOT_LABEL_VERBS: [&str; 32] = [
    "the",
    "a",
    "an",
    "in",
    "on",
    "about",
    "for",
    "with",
    "from",
    "of",
    "to",
    "by",
    "at",
    "why",
    "how",
    "what",
    "who",
    "where",
    "when",
    "our",
    "your",
    "my",
    "all",
    "more",
    "this",
    "is",
    "available",
    "out",
    "open",
    "coming",
    "now",
    "here",
];

/// English words in -en that are no German infinitive ending a button's
/// label ("South-facing garden", "Roast chicken").
const EN_WORDS_IN_EN: [&str; 24] = [
    "garden", "gardens", "chicken", "kitchen", "kitchens", "women", "children", "open", "seven",
    "eleven", "oven", "golden", "hidden", "wooden", "broken", "frozen", "often", "written",
    "gluten", "token", "linen", "dozen", "citizen", "heaven",
];

/// A verb opens the label at byte `at` (up to `end`): a cue of the
/// lexicon's imperatives or interface verbs there (a verb that is also a
/// noun with its object: "Text alerts fail" is a headline), an imperative
/// by its form, a German button's infinitive ("Job merken"), an English
/// word then an article, a possessive or "now" ("Schedule a tour"), or a
/// French or Spanish infinitive then an article ("Passer une commande").
fn verb_led(t: &str, hits: &[Hit], at: usize, end: usize) -> bool {
    let t = &t[..end];
    let cue = hits.iter().any(|h| {
        h.start == at
            && h.end <= end
            && h.classes & (LABEL_VERB | IMPERATIVE) != 0
            && (!h.needs_object || object_follows(t, h.end))
    });
    if cue || imperative_form(t, at) {
        return true;
    }
    let words: Vec<&str> = t[at..].split_ascii_whitespace().collect();
    let (Some(first), Some(second)) = (words.first(), words.get(1)) else {
        return false;
    };
    if german_infinitive_button(t, at) {
        let last = words[words.len() - 1].to_lowercase();
        return !first.contains('-') && !EN_WORDS_IN_EN.contains(&last.as_str());
    }
    let second = second.to_lowercase();
    let second = second
        .strip_prefix("l'")
        .or_else(|| second.strip_prefix("l’"))
        .map_or(second.as_str(), |_| "la");
    let lower = first.to_lowercase();
    if lower.chars().count() < 3
        || !lower.chars().all(char::is_alphabetic)
        || NOT_LABEL_VERBS.contains(&lower.as_str())
    {
        return false;
    }
    // (An English verb ends in no other vowel than "e": "Hecho a mano",
    // "Casa a la playa" are Spanish.
    // Nor in "-s", "-ing" or "-ed": "Thanks a lot", "Putting the
    // principles to work" are no imperatives.)
    let english = lower.is_ascii()
        && !lower.ends_with(['a', 'i', 'o', 'u'])
        && (!lower.ends_with('s') || lower.ends_with("ss"))
        && !lower.ends_with("ing")
        && !lower.ends_with("ed");
    let infinitive = ["er", "ir", "re", "ar"].iter().any(|e| lower.ends_with(e));
    (english && LABEL_NEXT_EN.contains(&second))
        || (infinitive && LABEL_NEXT_ROMANCE.contains(&second))
}

/// A button's label or a row of them ([`CtaParams::label_words`]): two to
/// `label_words` words with no sentence in them, opened by a verb; or
/// segments set apart by bars, each of at most `bar_segment_words`
/// words, at least two opened by a verb.
fn label_button(t: &str, hits: &[Hit], line_start: usize, p: &CtaParams) -> bool {
    if p.label_words == 0 || line_start >= t.len() {
        return false;
    }
    // A closing "!", arrow or symbol is the button's own ("Listen now ▶",
    // "Save this home ♡", "RSVP →").
    let core = t.trim_end_matches(|c: char| {
        c.is_whitespace() || c == '!' || (!c.is_ascii() && !c.is_alphanumeric())
    });
    // (And an ellipsis: "Click to expand...", "Zum Vergrößern anklicken…",
    // a button that opens more.)
    let core = core
        .strip_suffix("...")
        .or_else(|| core.strip_suffix('…'))
        .map_or(core, str::trim_end);
    // (And a count in brackets after it: "View comments (47)".)
    let core = core
        .strip_suffix(')')
        .and_then(|c| c.rsplit_once(" ("))
        .filter(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .map_or(core, |(c, _)| c.trim_end());
    // (No figure: "Save $50", "Save 45%" are a card's price badge.)
    if core.len() <= line_start
        || core.contains(['.', ',', ':', ';', '?', '"', '“', '$', '€', '£', '%'])
        || core.bytes().any(|c| c.is_ascii_digit())
    {
        return false;
    }
    let arrow = t[core.len()..].contains(['→', '↓', '▼', '▶', '›', '»', '➜', '➔', '↗']);
    let segments: Vec<(usize, usize)> = {
        let mut out = Vec::new();
        let mut from = line_start;
        // (Or middle dots: "Reply · Quote · Like", "Jump to recipe · Print".)
        let bar = if core.contains(" | ") { " | " } else { " · " };
        for (i, _) in core.match_indices(bar) {
            if i > from {
                out.push((from, i));
            }
            from = i + bar.len();
        }
        out.push((from, core.len()));
        out
    };
    if segments.len() >= 2 {
        return segments.iter().all(|&(s, e)| {
            (1..=p.bar_segment_words).contains(&core[s..e].split_ascii_whitespace().count())
        }) && segments
            .iter()
            .filter(|&&(s, e)| verb_led(core, hits, s, e))
            .count()
            >= 2;
    }
    let words = core[line_start..].split_ascii_whitespace().count();
    // (Three or more words all capitalised are a title set in a box: "Install
    // Basic Outlets" over a price table's row.)
    if words >= 3
        && core[line_start..]
            .split_ascii_whitespace()
            .all(|w| !w.starts_with(char::is_lowercase))
    {
        return false;
    }
    let max = if arrow {
        p.arrow_label_words
    } else {
        p.label_words
    };
    (2..=max).contains(&words) && verb_led(core, hits, line_start, core.len())
}

/// The score and the signals of one line (already trimmed, at most
/// `p.max_len` bytes). Lines with no cue word and no `@` score 0.
pub fn score(text: &str, site: &Site, edge: bool, p: &CtaParams) -> Verdict {
    score_into(text, site, edge, p, None)
}

/// What the learned model reads of a line beside its words
/// ([`crate::cta_model`]): the rules' verdict and the line's cue classes in
/// order ([`Cues::tokens`]), so that "Sign up for our newsletter" and
/// "Abonnez-vous à notre lettre d'information" share features across
/// languages.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cues {
    pub verdict: Verdict,
    /// Runs of overlapping cue hits, each the union of their classes, in
    /// the order of the line; 0 stands for words between them that no cue
    /// names.
    groups: Vec<u128>,
}

impl Cues {
    /// The class sequence as words: a group's class names joined by `+`
    /// (in `CLASSES` order), `_` for uncued words between groups.
    pub fn tokens(&self) -> Vec<String> {
        self.groups
            .iter()
            .map(|&g| {
                let mut s = String::new();
                class_token(g, |b| s.push_str(std::str::from_utf8(b).unwrap_or("")));
                s
            })
            .collect()
    }

    /// What the model reads of the verdict: the position's signal and
    /// weight taken out, so that a line reads the same wherever it stands.
    pub(crate) fn stack(&self, p: &CtaParams) -> crate::cta_model::Stack<'_> {
        let v = &self.verdict;
        let edge = v.signals.has(Signals::EDGE);
        crate::cta_model::Stack {
            signals: v.signals.0 & !(Signals::EDGE | Signals::MODEL),
            score: if edge { v.score - p.edge } else { v.score },
            complete: v.complete,
            groups: &self.groups,
        }
    }
}

/// Feeds the bytes of a class group's token ([`Cues::tokens`]) to `out`,
/// without building it: the model hashes them as they come.
pub(crate) fn class_token(group: u128, mut out: impl FnMut(&[u8])) {
    if group == 0 {
        out(b"_");
        return;
    }
    // The group's set bits, lowest first, are its classes in `CLASSES`
    // order (entry `i` is bit `i`, which a test checks): a walk over those
    // few bits, not over all 86 classes (the model spells a token per
    // group and one per class of it, on every line it reads).
    let mut rest = group;
    let mut first = true;
    while rest != 0 {
        let i = rest.trailing_zeros() as usize;
        rest &= rest - 1;
        let Some((name, _)) = CLASSES.get(i) else {
            continue;
        };
        if !first {
            out(b"+");
        }
        out(name.as_bytes());
        first = false;
    }
}

/// [`score`] with the line's cue classes too ([`Cues`]).
pub fn cues(text: &str, site: &Site, edge: bool, p: &CtaParams) -> Cues {
    let mut groups = Vec::new();
    let verdict = score_into(text, site, edge, p, Some(&mut groups));
    Cues { verdict, groups }
}

/// The cue hits of `t` as class groups ([`Cues`]): overlapping hits are
/// one group, and uncued words between groups one 0.
fn class_groups(t: &str, hits: &[Hit], out: &mut Vec<u128>) {
    // A hit that ends inside a word (a prefix cue: "unser" of "unseren")
    // holds the whole word, or its tail would read as an uncued word and
    // "Abonnieren Sie unseren Newsletter" as `self _ promo`.
    let word_end = |e: usize| {
        t[e..]
            .find(|c: char| !c.is_alphanumeric())
            .map_or(t.len(), |n| e + n)
    };
    let mut spans: Vec<(usize, usize, u128)> = hits
        .iter()
        .map(|h| (h.start, word_end(h.end), h.classes))
        .collect();
    spans.sort_unstable_by_key(|&(s, e, _)| (s, e));
    let words = |a: usize, b: usize| {
        t.get(a..b)
            .is_some_and(|x| x.contains(char::is_alphanumeric))
    };
    let mut at = 0;
    for (s, e, c) in spans {
        if let Some(last) = out.last_mut().filter(|_| s < at) {
            *last |= c;
            at = at.max(e);
            continue;
        }
        if words(at, s) {
            out.push(0);
        }
        out.push(c);
        at = e;
    }
    if words(at, t.len()) {
        out.push(0);
    }
}

fn score_into(
    text: &str,
    site: &Site,
    edge: bool,
    p: &CtaParams,
    groups: Option<&mut Vec<u128>>,
) -> Verdict {
    // Collapsed, the line's only white space is single ASCII spaces, so the
    // scanners below split words with the cheaper `split_ascii_whitespace`.
    let t = crate::segment::collapse(text.trim());
    let t = t.as_ref();
    let lex = Lexicon::builtin();
    // The first word, for `^` cues; every clause start only past the gate.
    let line_start = t
        .find(|c: char| !(c.is_whitespace() || is_opener(c)))
        .filter(|&i| t[i..].starts_with(char::is_alphanumeric))
        .unwrap_or(usize::MAX);
    // (Room for a typical line's hits up front: growing from empty cost
    // three reallocations a line.)
    let mut hits: Vec<Hit> = Vec::with_capacity(16);
    for m in lex.ac.find_overlapping_iter(t) {
        let e = &lex.entries[m.pattern().as_usize()];
        let (s, end) = (m.start(), m.end());
        if e.alnum_first && !left_boundary(t, s) {
            continue;
        }
        if e.alnum_last && !e.prefix && !right_boundary(t, end) {
            continue;
        }
        if e.exact.as_deref().is_some_and(|x| &t[s..end] != x) {
            continue;
        }
        if e.line_start && s != line_start {
            continue;
        }
        let mut classes = e.classes;
        // Only channel, promotional and `!named` cues look at the words
        // before them; the rest (most hits: you, our, said) skip this.
        if classes & (CHANNEL_CLASSES | PROMO | PERK) != 0 || e.named {
            let (at, before) = prev_word(t, s);
            let two_back = prev_word(t, at).1;
            let is = |w: &str, list: &[&str]| list.iter().any(|x| w.eq_ignore_ascii_case(x));
            let readers = is(before, &["your", "dein", "deine", "votre", "ton", "tu"]);
            // ("a tu correo": the Spanish "a" before a possessive is "to".)
            let owned = readers || is(before, &OURS);
            if is(before, &INDEFINITE) || (is(two_back, &INDEFINITE) && !owned) {
                // "an email", "an outbound SMS message": the thing, not a channel.
                classes &= !CHANNEL_CLASSES;
            }
            // "Get the app", "Download the app today": the one the page
            // offers (not "Get the app the council recommends").
            let handed = is(before, &["the", "die", "la", "el", "l'", "l’"])
                && is(two_back, &OFFER_VERBS)
                && {
                    let rest = &t[end..];
                    let next = rest.split_ascii_whitespace().next().unwrap_or("");
                    !rest.starts_with(' ')
                        || next.is_empty()
                        || HANDED_NEXT.iter().any(|w| next.eq_ignore_ascii_case(w))
                };
            // A compound ("News-App", "Telegram-Kanal") or a name with a
            // number ("the StormTrack 9 app") names the product too.
            let compound = t[..s].ends_with('-') && before.is_empty();
            let numbered = before.bytes().all(|c| c.is_ascii_digit())
                && !before.is_empty()
                && two_back.starts_with(char::is_uppercase);
            let unnamed = !before.starts_with(char::is_uppercase)
                && !compound
                && !numbered
                && !is(before, &OURS)
                && !is(two_back, &OURS)
                && !is(before, &OFFERED)
                && !handed
                && !named_after(t, end);
            if e.named && (unnamed || readers) {
                // "the app lets riders pay", "8,000 apps", "your PWA app": an
                // app, not one on offer.
                continue;
            }
            if is(before, &OTHERS) {
                // "its newsletter", "ihrem Rundbrief": someone else's, not on offer.
                classes &= !(PROMO | PERK);
            }
        }
        // "the first ferry", "its first issue": an ordinal, not the adverb
        // of a syndication footer ("… first appeared on …", "was first
        // published in …").
        if classes & FIRST != 0 && t[s..end].eq_ignore_ascii_case("first") {
            let before = prev_word(t, s).1;
            if DETERMINERS.iter().any(|w| before.eq_ignore_ascii_case(w)) {
                classes &= !FIRST;
            }
        }
        // "our free virtual town hall", "an online workshop at the library":
        // no place to go in person.
        if classes & OFFLINE != 0 {
            let before = prev_word(t, s).1;
            if ["virtual", "online", "virtuelle", "virtuel"]
                .iter()
                .any(|w| before.eq_ignore_ascii_case(w))
            {
                classes &= !OFFLINE;
            }
        }
        // "customers reply STOP to end …": terms a report describes, not a
        // service's own (its terms open a clause: "Reply STOP to cancel").
        if classes & SMS_TERMS != 0
            && ["reply", "text", "répondez", "envoyez", "responde", "envía"]
                .iter()
                .any(|v| starts_ignoring_case(&t[s..], v))
        {
            let before = prev_word(t, s).1;
            if before.starts_with(char::is_lowercase)
                && !["or", "and", "to", "und", "oder", "ou", "et", "o", "y"].contains(&before)
            {
                classes &= !SMS_TERMS;
            }
        }
        if classes == 0 {
            continue;
        }
        hits.push(Hit {
            start: s,
            end,
            classes,
            needs_object: e.needs_object,
        });
    }
    // A trial, a demo, a consultation ("Start your free trial today!",
    // "Request a demo"): what a seller's banner or button offers, a
    // promotional word in a short line where the seller's pitch is no
    // content (`CtaParams::marketing`, `trial_max_chars`); in a longer
    // sentence, a heading (0: a section's "Get a Free Quote for Moving
    // Services" names the offer it presents) ("Start your
    // free 14-day trial and make pricing the easiest part of your
    // business.") or on a service page, a shopping word.
    // (Two of them, "Start your free 14-day trial … No credit card
    // required.", are a banner's pitch in a short line too; in a longer
    // sentence, "Start a free 14-day trial (no credit card required!) to
    // see how …", the post's own closing text.)
    // (Overlapping cues, "a free quote" and "free quote", are one; a
    // heading, `trial_max_chars` 0, keeps its offer.)
    let mut trials = 0;
    let mut trial_end = 0;
    for h in hits.iter().filter(|h| h.classes & TRIAL != 0) {
        if trials == 0 || h.start >= trial_end {
            trials += 1;
        }
        trial_end = trial_end.max(h.end);
    }
    // The line's length in characters, counted once (`t` stays as it is).
    let chars = t.chars().count();
    let trial_class = if p.marketing
        && (chars <= p.trial_max_chars
            || (p.trial_max_chars > 0 && trials >= 2 && chars <= p.short_chars))
    {
        PROMO
    } else {
        COMMERCE
    };
    for h in hits.iter_mut().filter(|h| h.classes & TRIAL != 0) {
        h.classes |= trial_class;
    }
    // The comments are an object in a short line only: a blog's closing
    // paragraph that asks for comments is its own text.
    // (So is a review or a rating asked of the reader: "Leave a review",
    // "Donnez votre avis", "Lass uns eine Bewertung da"; not on a product
    // page, `cart` off, whose reviews and their prompt are its matter.)
    let asked = if p.cart { COMMENT | REVIEW } else { COMMENT };
    if hits.iter().any(|h| h.classes & asked != 0) && chars <= p.comment_max_chars {
        for h in hits.iter_mut().filter(|h| h.classes & asked != 0) {
            h.classes |= PROMO;
        }
    }
    // A shop's cart is what its nudges push ("Add to cart", "You have
    // items in your cart"), except on a shop's own product and collection
    // pages, where the cart is part of what they show.
    // (So is the urgency of its stock and its sale, "Only 3 left in
    // stock", "solange der Vorrat reicht", "Últimas unidades": a product
    // page's stock line is its content.)
    if !p.cart {
        hits.retain(|h| h.classes & !(CART | SCARCITY) != 0);
        for h in hits.iter_mut() {
            h.classes &= !(CART | SCARCITY);
        }
    }
    for h in hits.iter_mut().filter(|h| h.classes & CART != 0) {
        h.classes |= PROMO;
    }
    if let Some(out) = groups {
        class_groups(t, &hits, out);
    }
    // Every call to action has an object or a fixed form: a line with no
    // cue word for one and nothing a channel scanner could find (an
    // address, a handle, a number, a web address) cannot be one.
    const OBJECTS: u128 = PROMO
        | PERK
        | SIGNUP
        | DELIVERY
        | AD_WORD
        | AD_START
        | SMS_TERMS
        | CHANNEL_CLASSES
        | CONTACT
        | SYNDICATION
        | SYNDICATION_START
        | TEASER
        | DISCLOSURE
        | FIRST
        | RESTRICTED
        | METER
        | COOKIE
        | CORRECTION
        | ABOUT_OPEN
        | AGREE
        | PRICE_NOTE
        | GO
        | RELATED
        | TRIAL
        | THANKS
        | FAREWELL
        | OFFER_LABEL
        | CART
        | SCARCITY
        | LOGIN_GATE
        | STATE
        | SWITCH
        | REVIEW
        | HELP
        | OWN_LINE;
    let scannable = || {
        t.bytes()
            .any(|c| c == b'@' || c == b'#' || c == b'/' || c.is_ascii_digit())
            || t.contains("www.")
            || t.contains('.')
                && t.split_ascii_whitespace().any(|w| {
                    let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
                    w.contains('.') && !w.ends_with('.')
                })
    };
    // (Or a question to the reader, then its buttons in brackets: "Quick
    // question: How did you hear about us? [Answer]", "Allow
    // notifications? … [Not now] [Allow]".)
    let feedback = t.contains('?')
        && (yes_no_after_question(t)
            || bar_buttons_after_question(t)
            || bracket_buttons(t).is_some_and(|b| {
                t[..b].contains('?')
                    && hits
                        .iter()
                        .any(|h| h.start < b && h.classes & (READER | OPENER) != 0)
            }));
    // (A writer's bio needs no object: `writer_bio`.)
    let writer = edge && writer_bio(t, &hits, line_start);
    // (Or two words of consent: a banner's buttons, "Alle akzeptieren |
    // Einstellungen".)
    // (Or the text naming itself in a line of a few words: a button,
    // "Print this page"; or cookies and consent: a banner's label.)
    let few_words = || t.split_ascii_whitespace().count() <= p.button_max_words;
    let button_like = hits.iter().any(|h| h.classes & DEIXIS != 0) && few_words();
    let cookie_like = hits.iter().any(|h| h.classes & COOKIE != 0)
        && hits.iter().any(|h| h.classes & CONSENT != 0);
    // (Urgency is looked for only in a line with a word of it.)
    let any_urgent = hits.iter().any(|h| h.classes & URGENT_WORD != 0);
    let label = label_button(t, &hits, line_start, p);
    // (A shop's word is looked at only where a shop's nudge may be one.)
    let shop_gate = p.cart && p.marketing && chars <= p.short_chars;
    if !feedback
        && !writer
        && !label
        && !button_like
        && !cookie_like
        && !hits.iter().any(|h| h.classes & OBJECTS != 0)
        && hits.iter().filter(|h| h.classes & CONSENT != 0).count() < 2
        && !(hits.iter().any(|h| h.classes & CONSENT != 0)
            && t.split_ascii_whitespace().count() <= 3)
        && !(any_urgent && urgent_call(t, &hits, line_start))
        && !(shop_gate && hits.iter().any(|h| h.classes & (SHOP | SHOP_OFFER) != 0))
        && !scannable()
    {
        return Verdict::default();
    }
    let starts = clause_starts(t);

    // A filler word at a clause start moves the start to the next word;
    // after an opening "If …," or "For …," the main clause starts.
    // (By index over the clause starts found: the ones pushed here are
    // not looked at again, without a copy of the list.)
    let mut starts = starts;
    for i in 0..starts.len() {
        let s = starts[i];
        let first = word_at(t, s);
        let intro = |list: &[&str]| list.iter().any(|w| first.eq_ignore_ascii_case(w));
        if intro(&INTRO_WORDS) || intro(&PHRASE_INTROS) {
            if let Some(n) = t[s..].find(", ").and_then(|c| next_word(t, s + c + 1)) {
                starts.push(n);
            }
        }
    }
    for h in &hits {
        if h.classes & FILLER != 0 && starts.contains(&h.start) {
            if let Some(n) = next_word(t, h.end) {
                starts.push(n);
            }
        }
    }

    // Thanks to the reader for reading, for being here, for the support
    // ("Danke, dass Sie uns lesen", "Gracias por llegar hasta aquí"): a
    // word of thanks opening a clause, then in the same sentence a word of
    // reading or support, is the publisher addressing the reader, as the
    // fixed `thanks` phrases are. ("Thanks to the rain, …" is a cause.)
    let mut thanked = Vec::new();
    for h in hits.iter().filter(|h| h.classes & THANKS_OPEN != 0) {
        let rest = &t[h.end..];
        if !starts.contains(&h.start) || rest.starts_with(" to ") {
            continue;
        }
        let end = h.end + rest.find(['.', '!', '?']).unwrap_or(rest.len());
        if hits
            .iter()
            .any(|r| r.classes & READING != 0 && r.start >= h.end && r.start < end)
        {
            thanked.push(Hit {
                classes: THANKS,
                ..*h
            });
        }
    }
    hits.extend(thanked);
    let any = |class: u128| hits.iter().any(|h| h.classes & class != 0);

    // Clauses opened by "For …", "To …", "If …" ("For the latest news
    // download our app"): an imperative may stand anywhere in them.
    let intro_clauses: Vec<(usize, usize)> = starts
        .iter()
        .filter(|&&s| {
            // (The clause's first word found once, not once per intro word.)
            let first = word_at(t, s);
            INTRO_WORDS.iter().any(|w| first.eq_ignore_ascii_case(w))
        })
        .map(|&s| {
            (
                s,
                t[s..]
                    .find(['.', '!', '?', ':', ';'])
                    .map_or(t.len(), |e| s + e),
            )
        })
        .collect();
    let mut sig = 0u64;
    let imperative_cue = hits.iter().any(|h| {
        let placed = starts.contains(&h.start)
            || intro_clauses
                .iter()
                .any(|&(s, e)| h.start > s && h.start < e);
        (h.classes & IMPERATIVE != 0
            && placed
            && (!h.needs_object || object_follows(t, h.end))
            && !german_noun_subject(t, h))
            || (h.classes & POLITE != 0 && starts.contains(&h.start))
            || h.classes & REQUEST != 0
    });
    // Imperatives known by their form are cues of their sentences too
    // ("Einfach bis Freitag das Formular ausfüllen!").
    let form_imperatives: Vec<usize> = starts
        .iter()
        .copied()
        .filter(|&s| {
            imperative_form(t, s)
                || german_infinitive_request(t, s)
                || (s == line_start && chars <= p.short_chars && german_infinitive_button(t, s))
        })
        .collect();
    if imperative_cue || !form_imperatives.is_empty() {
        sig |= Signals::IMPERATIVE;
    }
    // The formal "Sie" at the start of a clause may be "she" or "they".
    let reader = hits.iter().any(|h| {
        h.classes & THANKS != 0
            || (h.classes & READER != 0
                && !(starts.contains(&h.start) && &t[h.start..h.end] == "Sie"))
    });
    if reader {
        sig |= Signals::READER;
    }
    // A question to the reader: the sentence that ends in `?` addresses the
    // reader, or opens with a reader's question ("Like this story?").
    for (q, _) in t.match_indices('?') {
        let from = t[..q].rfind(['.', '!', '?']).map_or(0, |i| i + 1);
        let aimed = hits.iter().any(|h| {
            h.start >= from
                && h.end <= q
                && (h.classes & READER != 0
                    || (h.classes & OPENER != 0 && starts.contains(&h.start)))
        });
        if aimed {
            sig |= Signals::QUESTION;
            break;
        }
    }
    // A pitch: a question to the reader, then a button's words opening the
    // next sentence ("Ready to simplify your nutrition? Get started today.",
    // "Want to see how it works? Learn more here."): the question names what
    // is on offer, the button is the call. (Right after the question only:
    // "Click Get started and choose a plan." is a step; in a line of at most
    // `long_chars`: a paragraph of prose may ask and answer.)
    let pitch = p.marketing
        && sig & Signals::QUESTION != 0
        && chars <= p.long_chars
        && hits.iter().any(|h| {
            // (A button, at most a fragment's words after it: "Get started
            // with Venteur to compare plans in your state" is prose.)
            h.classes & GO != 0
                && starts.contains(&h.start)
                && t[h.end..].split_ascii_whitespace().count() <= FRAGMENT_WORDS
                && t[..h.start]
                    .trim_end()
                    .trim_end_matches(is_closer)
                    .ends_with('?')
        });
    // "Talk to our experts", "connect with one of our specialists",
    // "Sprechen Sie mit unseren Experten": a verb of reaching opening a
    // clause with the publisher right after it asks the reader to reach
    // it (not "Connect with your client's favourite tools").
    let reach_us = p.marketing
        && hits.iter().any(|c| {
            c.classes & CONTACT != 0
                && starts.contains(&c.start)
                && hits.iter().any(|s| {
                    s.classes & SELF != 0
                        && s.start >= c.end
                        && t[c.end..s.start].split_ascii_whitespace().count() <= p.own_gap_words
                })
        });
    if pitch || reach_us {
        sig |= Signals::IMPERATIVE;
    }
    for (class, signal) in CHANNEL_SIGNALS {
        if any(class) {
            sig |= signal;
        }
    }
    let mut domains_own = false;
    let mut scanned = 0u64;
    scan_channels(t, &mut scanned, &mut |domain| {
        domains_own |= site.owns(domain)
    });
    sig |= scanned;
    // "Reach the author at @sdelgado", "Contact reporter Dana Whitfield at
    // dw@…": a verb of reaching opens a clause and the line gives an
    // address, a handle or a number to reach someone by. (In a short line:
    // a business's own long closing paragraph, "Call LakeCrest Dental at
    // 918-… or contact us online to schedule …", is its page's text.)
    if chars <= p.long_chars
        && scanned & (Signals::EMAIL | Signals::PHONE | Signals::SOCIAL) != 0
        && hits.iter().any(|h| {
            // (A word follows the verb: "message = @client" is code.)
            h.classes & CONTACT != 0
                && starts.contains(&h.start)
                && t[h.end..]
                    .strip_prefix(' ')
                    .is_some_and(|r| r.starts_with(char::is_alphabetic))
        })
    {
        sig |= Signals::IMPERATIVE;
    }
    // (A farewell is the publisher signing off: "Das war's für heute –
    // wenn Ihnen der Newsletter gefällt, leiten Sie ihn weiter.")
    let self_words = any(SELF | DEIXIS | THANKS | FAREWELL);
    let self_named = domains_own || (!site.is_empty() && site.named_in(&t.to_lowercase()));
    if self_words || self_named {
        sig |= Signals::SELF;
    }
    // "our" a few words before a promotional word or a channel, or next to
    // a verb of reaching ("nous contacter", "Contact us"): the publisher
    // offering its own product or its own line.
    let near = |a: &Hit, b: &Hit| {
        let (x, y) = if a.start <= b.start { (a, b) } else { (b, a) };
        // One word can be both ("escribirnos": write to us).
        y.start < x.end || t[x.end..y.start].split_ascii_whitespace().count() <= p.own_gap_words
    };
    let own = hits.iter().any(|s| {
        s.classes & SELF != 0
            && hits.iter().any(|o| {
                (o.classes & (PROMO | PERK | CHANNEL_CLASSES) != 0
                    && o.start >= s.end
                    && near(s, o))
                    || (o.classes & CONTACT != 0 && near(s, o))
            })
    });
    if own {
        sig |= Signals::OWN;
    }
    // Promotional words, overlapping ones counted once, and none inside a
    // channel's name ("app" in "App Store").
    let in_channel = |h: &Hit| {
        hits.iter().any(|c| {
            c.classes & CHANNEL_CLASSES != 0
                && c.start <= h.start
                && c.end >= h.end
                && (c.end - c.start) > (h.end - h.start)
        })
    };
    let mut promos = 0;
    let mut last_end = 0;
    for h in hits
        .iter()
        .filter(|h| h.classes & PROMO != 0 && !in_channel(h))
    {
        if promos == 0 || h.start >= last_end {
            promos += 1;
            last_end = h.end;
        } else {
            last_end = last_end.max(h.end);
        }
    }
    let commerce = hits
        .iter()
        .filter(|h| h.classes & COMMERCE != 0 && !in_channel(h))
        .count();
    // A lead magnet, a thing to download with "free" or another shopping
    // word right by it, at most two words between ("Claim your free
    // template pack", "Descarga el ebook gratuito", "Gratis-Checkliste
    // sichern"): a seller's giveaway, a promotional word, in a short line. ("Follow the guide below" names
    // the text's own; a post's "they're now available as free PDFs" and a
    // guide's closing "Download our free Event Planning Checklist to …"
    // are the text's.)
    let lead = chars <= p.short_chars
        && hits.iter().any(|l| {
            l.classes & LEAD != 0
                && hits.iter().any(|c| {
                    c.classes & COMMERCE != 0 && !in_channel(c) && {
                        let (x, y) = if c.start <= l.start { (c, l) } else { (l, c) };
                        y.start >= x.end && t[x.end..y.start].split_ascii_whitespace().count() <= 2
                    }
                })
        });
    if lead {
        promos += 1;
    }
    // A sign-up is for something on offer when the line names it: another
    // promotional or shopping word ("Sign Up for free") or a channel, a
    // name after "for"/"à"/"para", or a delivery that recurs ("… et
    // recevez chaque soir …"). Else it is a
    // weak object: "Sign up at the front desk", "Inscríbete en el
    // polideportivo" are how to join a class.
    let signups = hits.iter().filter(|h| h.classes & SIGNUP != 0);
    let mut signup = false;
    for h in signups {
        if promos > 0
            || commerce > 0
            || sig & Signals::CHANNELS != 0
            || any(PERIODIC)
            || signs_up_for_a_name(t, h.end)
        {
            if promos == 0 || h.start >= last_end {
                promos += 1;
                last_end = h.end;
            }
        } else {
            signup = true;
        }
    }
    // A price per period ("$1 a week", "9,99 €/Monat", "1 € le premier
    // mois", "1,50 € a la semana"): a subscription's price, a promotional
    // word of its own. (A currency sign or digit-led amount right before
    // the period words; "twice a week" names no price. With an imperative
    // and a promotional word only: "L'offre coûte 12 euros par mois"
    // reports a price, and "$159/mo with special financing. Learn how." on
    // a shop's page is its content.)
    // (Or with a price held out as a bargain, "für nur 0,99 € im ersten
    // Monat", "por solo 1 € el primer mes": the offer is the call.)
    let mut bargain = false;
    let priced = promos > 0
        && hits.iter().any(|h| {
            h.classes & PRICE_PERIOD != 0 && {
                let from = h.start.saturating_sub(p.price_gap_bytes);
                let from = (from..=h.start)
                    .find(|&i| t.is_char_boundary(i))
                    .unwrap_or(h.start);
                let before = &t[from..h.start];
                let price = before.contains(['$', '€', '£']) || before.contains("euro");
                if price {
                    let wide = h.start.saturating_sub(2 * p.price_gap_bytes);
                    let wide = (wide..=from)
                        .find(|&i| t.is_char_boundary(i))
                        .unwrap_or(from);
                    let lead = t[wide..h.start].to_lowercase();
                    bargain |= BARGAIN_WORDS
                        .iter()
                        .any(|w| lead.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w));
                }
                price
            }
        });
    if priced && (sig & Signals::IMPERATIVE != 0 || bargain) {
        promos += 1;
    }
    // A call pressed with urgency ("Book now", "Réservez maintenant",
    // "Jetzt buchen und … sparen"): what it asks for is on offer now, the
    // call's object.
    if any_urgent && starts.iter().any(|&s| urgent_call(t, &hits, s)) {
        sig |= Signals::IMPERATIVE;
        promos += 1;
    }
    // Joining a crowd of thousands ("Join 84,000 readers who …", "Únete a
    // más de 10.000 lectores", "join 2,300 fellow sustainers"): the count
    // of those who took the offer is the pitch, so the offer's object.
    // (A count of four digits or with "+"/"k": "Join 2 strands of yarn" is
    // a step. Not on a service page, whose hero says it of its own
    // product.)
    if p.marketing && sig & Signals::IMPERATIVE != 0 && hits.iter().any(|h| joins_a_crowd(t, h)) {
        promos += 1;
    }
    if promos > 0 || commerce > 0 || signup {
        sig |= Signals::PROMO;
    }
    // Syndication is strongest where the line opens with it, or with the
    // text naming itself ("This article originally appeared on …").
    let opens_with_self = hits
        .iter()
        .any(|h| h.classes & DEIXIS != 0 && h.start == line_start);
    // "Originally" and "published" apart, in a line that opens with the
    // text naming itself ("Dieser Beitrag wurde ursprünglich bei … veröffentlicht").
    let first_published = opens_with_self
        && hits.iter().any(|f| {
            f.classes & FIRST != 0
                && hits
                    .iter()
                    .any(|p| p.classes & PUBLISHED != 0 && p.start.abs_diff(f.start) < 60)
        });
    let syndication_start = (any(SYNDICATION_START) || first_published) && names_a_venue(t)
        || (opens_with_self && any(SYNDICATION));
    // (A first publication dated to a bare year is the text's history,
    // "The story first appeared in the Guardian in 1998", "erschien
    // ursprünglich 1989": a footer names the venue, not the year.)
    // (After the cue: in "The post Best Laptops in 2026 appeared first on
    // …" the year is the title's. Looked for only on a syndication line.)
    let dated_history = || {
        let cue_at = hits
            .iter()
            .filter(|h| h.classes & (SYNDICATION | FIRST | PUBLISHED) != 0)
            .map(|h| h.start)
            .min()
            .unwrap_or(t.len());
        bare_year(&t[cue_at..])
    };
    if (syndication_start || any(SYNDICATION)) && !dated_history() {
        sig |= Signals::SYNDICATION;
    }
    // Thanking the reader is the publisher asking too ("Danke, dass Sie
    // Abonnentin sind", "Thanks for reading … consider subscribing").
    if any(APPEAL | THANKS) {
        sig |= Signals::APPEAL;
    }
    // What members or subscribers get ("early access", "ad-free",
    // "accès illimité"), with who gets it or what they join (member,
    // subscription, app): an offer held out to the reader, so a call.
    // (The promotional word is another word than the perk: "ad-free" is
    // both; in "as a member" it is part of the perk.)
    let perks: Vec<&Hit> = hits.iter().filter(|h| h.classes & PERK != 0).collect();
    // Or a delivery to the reader ("in your inbox", "directo a tu correo")
    // that recurs, carries a promotional word or is free.
    let recurs = any(PERIODIC);
    let delivered = any(DELIVERY) && (recurs || promos > 0 || commerce > 0);
    // Or the text held back for subscribers ("Cet article est réservé aux
    // abonnés"): the text naming itself, a restriction and who may read.
    let restricted = any(RESTRICTED) && any(DEIXIS) && promos > 0;
    let offer = delivered
        || restricted
        || (priced && bargain)
        || !perks.is_empty()
            && hits.iter().any(|h| {
                h.classes & PROMO != 0
                    && !perks.iter().any(|k| h.start == k.start && h.end == k.end)
            });
    if offer {
        sig |= Signals::OFFER;
    }
    // The offer is the publisher's own when it speaks or addresses the
    // reader ("Members get early access to our events"), not someone
    // else's ("Netflix subscribers get early access …", "The gym offers
    // members unlimited access").
    let own_offer = offer && (self_words || reader);
    // Then the perks (or the recurring delivery) are its products too: a
    // further promotional word.
    if own_offer && (!perks.is_empty() || recurs) {
        promos += 1;
    }
    // A place to go in person ("at the front desk", "vor Ort", "sur
    // place"): instructions for the world, not a call to the page's reader,
    // unless the line also gives a way to reach someone from the page.
    if any(OFFLINE) && sig & Signals::CHANNELS == 0 {
        sig |= Signals::OFFLINE;
    }
    // Paid for links or purchases, and the publisher or the page says so.
    // Or a shop's note on its prices opening a short line ("Prices were
    // accurate at the time of publishing but may change").
    let price_note = any(PRICE_NOTE) && any(PRICE_CHANGE) && chars <= p.long_chars;
    let disclosure =
        price_note || any(DISCLOSURE) && any(PURCHASE) && (sig & Signals::SELF != 0 || any(MARKED));
    if disclosure {
        sig |= Signals::DISCLOSURE;
    }
    let teaser = chars <= p.teaser_max_chars
        && hits.iter().any(|h| {
            h.classes & TEASER != 0 && {
                let rest = &t[h.end..];
                // The label may run on a few words before its colon ("MORE
                // FROM THE LEDGER:", "Lea además sobre el tema:"), words of
                // a label: capitalised, or linking words, never prose
                // ("More than 300 people came: …").
                // A capitalised word only after a linking word ("from the
                // Ledger", not a title-case heading "Popular Furniture
                // Styles: An Overview"); capitals are a label's own.
                label_separator(rest).is_some_and(|(c, after)| {
                    let label: Vec<&str> = rest[..c].split_ascii_whitespace().collect();
                    let mut linked = false;
                    label.len() <= 4
                        && label.iter().all(|w| {
                            let caps = w.chars().all(|c| !c.is_lowercase());
                            let link = LABEL_WORDS.iter().any(|l| w.eq_ignore_ascii_case(l));
                            let ok = caps || link || (linked && w.starts_with(char::is_uppercase));
                            linked |= link;
                            ok
                        })
                        && (rest[after..].split_ascii_whitespace().count() >= 2
                            // A label alone, ending in its colon ("MORE
                            // FROM THE HERALD:"): the titles follow as links.
                            || (rest[after..].trim().is_empty()
                                && rest[c..].starts_with(':')
                                && !label.is_empty()))
                })
            }
        });
    // The head of a list of other posts in the reader's voice ("You might
    // also like:", "If you liked this post you might also like:"): a short
    // line that opens with it and has nothing after its last such words but
    // a colon or words naming the list ("the following topics as well"). Not
    // "You might also like the lemon variation": that is the text's advice.
    let related = chars <= p.short_chars && {
        let rel = || hits.iter().filter(|h| h.classes & RELATED != 0);
        rel().any(|h| h.start == line_start)
            && rel().map(|h| h.end).max().is_some_and(|e| {
                // (Or an arrow pointing to the list: "You might also like ↓".)
                t[e..]
                    .trim_end_matches(|c: char| !c.is_alphanumeric())
                    .split_ascii_whitespace()
                    .all(|w| LIST_WORDS.iter().any(|x| w.eq_ignore_ascii_case(x)))
            })
    };
    // The same head with a separator and a title after it ("Vous aimerez
    // aussi : Tarte aux pommes …"): a teaser label. Or a teaser label of
    // two or more words with only an arrow after it ("More from this
    // author →"): a box's title, its links below.
    let headed = chars <= p.teaser_max_chars
        && hits.iter().any(|h| {
            h.start == line_start && {
                let rest = &t[h.end..];
                (h.classes & RELATED != 0
                    && label_separator(rest).is_some_and(|(c, after)| {
                        rest[..c].trim().is_empty()
                            && rest[after..].split_ascii_whitespace().count() >= 2
                    }))
                    || (h.classes & TEASER != 0
                        && t[h.start..h.end].contains(' ')
                        && !rest.contains(char::is_alphanumeric)
                        // (With an arrow or a bar after it: "Further
                        // Reading" or a wire story's "UP NEXT" alone is a
                        // section's heading, and so is "See also:" in a
                        // manual.)
                        && !rest.trim().trim_end_matches([':', '.']).is_empty())
            }
        });
    if teaser || related || headed {
        sig |= Signals::TEASER;
    }
    // An offer's label, a colon, then its price or what it sells
    // ("Offre spéciale : 1 € le premier mois", "BLACK FRIDAY SALE: 4
    // months for $4", "Angebot nur bis Sonntag: Das Wochenend-Abo …").
    // (Or "!" after it, "¡Solo hoy! Envío gratis … a partir de 30 €"; or
    // the label is promotional itself, "Now hiring: part-time …".)
    let offer_label = chars <= p.long_chars
        && hits.iter().any(|h| {
            h.classes & OFFER_LABEL != 0
                && h.start == line_start
                && label_then_colon(t, h.end)
                    .or_else(|| t[h.end..].starts_with('!').then_some(h.end))
                    .is_some_and(|c| {
                        let after = &t[c..];
                        after.contains(['$', '€', '£', '%'])
                            || hits.iter().any(|o| {
                                o.classes & PROMO != 0
                                    && (o.start > c || (o.start <= h.start && o.end >= h.end))
                            })
                    })
        });
    // (Or a bargain price per period of a promotional thing.)
    let bargain_offer = priced && bargain && chars <= p.long_chars;
    // (Or a shop's urgency in a short line that calls or exclaims:
    // "Hurry! Only 3 left in stock.", "Oferta por tiempo limitado.
    // ¡Aprovecha ya!", "Nur noch 2 Stück auf Lager!": the sale pressing the
    // reader to buy. A plain "Only 3 left in stock" or "Sale ends Mar 9"
    // is a product's stock line or its card's, content wherever the
    // product is; on a product page, `cart` off, none counts.)
    let scarce = chars <= p.short_chars
        && (sig & Signals::IMPERATIVE != 0 || t.contains(['!', '¡']))
        && (any(SCARCITY) || p.cart && stock_count(t));
    // (Or a countdown: a sale's end or a shop's order deadline with the
    // time left ticking, "Sale ends in 02:14:33", "Sale endet in 3 Tagen",
    // "Order within 2 hrs 13 mins for next-day delivery"; a date, "Sale
    // ends Mar 9", is a card's, and stays.)
    let scarce = scarce
        || (chars <= p.short_chars
            && p.cart
            && t.bytes().any(|b| b.is_ascii_digit())
            && match countdown(t) {
                Countdown::Ticking => any(SCARCITY | SHOP),
                Countdown::Left => any(SCARCITY),
                Countdown::None => false,
            });
    let offer_label = offer_label || scarce;
    let words = t.split_ascii_whitespace().count();
    // A shop's nudge (`CtaParams::shop_nudge`): a word of its service
    // (shipping, returns, payment, instalments, gift cards, points, a
    // warranty) with a value (a price, a percentage, a free offer) in a
    // short line that presses it on the reader: addresses them, exclaims,
    // calls, shouts in capitals, sets a time limit or says how far the
    // reader is from it ("You're $12.40 away from free shipping!", "Plus
    // que 8,50 € pour bénéficier de la livraison gratuite", "FREE SHIPPING
    // ON ALL ORDERS $75+"). Or a row of a shop's badges set apart by dots
    // ("Free returns · Fast delivery · Secure payment"). A shop's plain
    // terms ("Livraison gratuite dès 50 €") are a product page's copy and
    // stay; on a shop's own pages (`cart` off) and a service's
    // (`marketing` off) none counts; no one quoted.
    let shop_nudge = shop_gate && any(SHOP | SHOP_OFFER) && !any(ATTRIBUTION) && {
        // (A shopping word that is not the service's own word: "checkout"
        // is both, and "Scan the barcode at the self-checkout" offers
        // nothing.)
        let shop_word = |h: &Hit| {
            hits.iter()
                .any(|s| s.classes & SHOP != 0 && s.start <= h.start && s.end >= h.end)
        };
        let value = hits
            .iter()
            .any(|h| h.classes & SHOP_OFFER != 0 || (h.classes & COMMERCE != 0 && !shop_word(h)))
            || t.contains('%')
            || money(t);
        // (A call in a label's few words, "Add engraving (+$10)": a
        // sentence of product copy tells the reader what it offers, "Add a
        // personalised engraving of up to twenty characters for … £5.")
        let pressed = || {
            sig & Signals::READER != 0
                || (sig & Signals::IMPERATIVE != 0 && words <= p.shop_call_words)
                || t.contains(['!', '¡'])
                || any(SCARCITY)
                || shouted(t)
                || short_of(t)
        };
        (value && pressed()) || badge_row(t)
    };
    if shop_nudge {
        sig |= Signals::SHOP_NUDGE;
    }
    if offer_label || bargain_offer {
        sig |= Signals::PRICE_OFFER;
    }
    // A button acting on the page: a verb opening a line of a few words
    // that ends with the text naming itself ("Print this page", "Bookmark
    // this story", "Report an issue with this page"); not a heading opened
    // by a preposition ("In this article", "About this site").
    let button = (2..=p.button_max_words).contains(&words)
        && !t.contains(['.', '?', ':', ','])
        && hits.iter().any(|h| {
            h.classes & DEIXIS != 0
                && h.start > line_start
                && t[h.end..].trim_end_matches(['!', ' ']).is_empty()
        })
        && {
            let first = word_at(t, line_start.min(t.len()));
            first.starts_with(char::is_uppercase)
                && !NOT_BUTTONS.iter().any(|w| first.eq_ignore_ascii_case(w))
        };
    // Or a shop's label of a few words naming the cart ("Add to cart",
    // "In den Warenkorb", "Ajouter au panier", "View cart"): its button.
    let cart_button =
        any(CART) && words <= p.cart_label_words && !t.contains(['.', '?', ':', ',', ';']);
    // Or a form's field: the reader's own address or number in a label
    // of a few words ("Your email address *", "Ihre E-Mail-Adresse",
    // "Votre numéro de téléphone"), what a sign-up box asks for.
    let field_label = words <= p.field_label_words
        && !t.contains(['.', '?', ',', '!', ';'])
        && sig & (Signals::EMAIL | Signals::PHONE) != 0
        && hits
            .iter()
            .any(|h| h.classes & READER != 0 && h.start == line_start);
    // Or a footer's row of links to the site's own pages, two of them
    // its legal or contact pages ("Kontakt | Impressum | Datenschutz",
    // "Contacto · Aviso legal · Política de privacidad"), each of at most
    // `bar_segment_words` words: on every page type. (Or its language
    // picker, the versions by their own names: "English | Deutsch |
    // Français".)
    let footer = any(LEGAL | LANGUAGE) && footer_row(t, &hits, p.bar_segment_words);
    // Or a forum member's or a post's statistics: the label opening the
    // line, its colon and a figure or a date, a few words
    // (`CtaParams::stat_words`; "Joined: Mar 2019 · Posts: 1,482",
    // "Inscrit le : 12/04/2015").
    let member_stat = words <= p.stat_words
        && hits.iter().any(|h| {
            h.classes & MEMBER_STAT != 0
                && label_then_colon(t, h.end)
                    .is_some_and(|c| t[c..].bytes().any(|b| b.is_ascii_digit()))
        });
    // Or a media player's control in a label of a few words with no
    // sentence ("Autoplay: On", "Replay video", "Lecture automatique", "Now
    // playing 0:00 / 7:42"): where interface labels go (`label_words`).
    let player_label = p.label_words > 0
        && words <= p.player_label_words
        && any(PLAYER)
        && !t.contains(['.', '?', ',', '!', ';']);
    let button =
        button || cart_button || field_label || label || footer || member_stat || player_label;
    if button {
        sig |= Signals::BUTTON;
    }
    // A sign-off: thanks for reading or a farewell opening a clause, in a
    // short line whose every sentence is one ("Thanks for reading! See you
    // next week.", "Danke fürs Lesen! Bis nächste Woche.", "Until
    // tomorrow, The Morning Team"). (What readers are thanked for is a cue
    // here: "If you made it this far, you're awesome.")
    // (Thanks for reading right after the thanks, "Merci de nous avoir
    // lu", not "Thank you for your patience …, the sign reads"; no one
    // quoted: "Thank you for everything," the widow wrote.)
    let thanks_for_reading = |h: &Hit| {
        h.classes & THANKS != 0
            && hits.iter().any(|r| {
                r.classes & READING != 0
                    && r.start > h.start
                    && (r.start <= h.end || t[h.end..r.start].split_ascii_whitespace().count() <= 3)
            })
    };
    let signoff = chars <= p.short_chars
        && !any(ATTRIBUTION)
        && hits.iter().any(|h| {
            thanks_for_reading(h) || (h.classes & FAREWELL != 0 && starts.contains(&h.start))
        })
        && every_sentence_cued(t, &hits, &form_imperatives, false, false, true);
    if signoff {
        sig |= Signals::SIGNOFF;
    }
    // An ad label: a short line with an ad word at its start or after the
    // text's way on ("Advertisement. Scroll to continue", "Story continues
    // below advertisement"), not "The ad campaign continues after …".
    // Or a label of paid content opening a line of a few words and no
    // comma ("Sponsored content from Northwind Bank").
    let ad_label = chars <= p.ad_label_max_chars
        && (hits.iter().any(|c| {
            c.classes & CONTINUE != 0
                && hits.iter().any(|a| {
                    a.classes & AD_WORD != 0 && (a.start == line_start || a.start >= c.end)
                })
        }) || any(AD_START)
            && !t.contains(',')
            && t.split_ascii_whitespace()
                .filter(|w| w.contains(char::is_alphanumeric))
                .count()
                <= p.ad_label_max_words);
    if ad_label {
        sig |= Signals::AD_LABEL;
    }
    // The terms an SMS service states ("Msg & data rates may apply").
    if any(SMS_TERMS) {
        sig |= Signals::TERMS | Signals::SMS;
    }
    // A code to type at checkout, with a price cut in the line ("Use code
    // SPRING15 for 15% off", "Cupón VERANO20 para 20 % de descuento").
    // (A short line: an article reporting an offer may end with its code.)
    let price_cut = commerce > 0 || t.contains('%');
    if price_cut
        && chars <= p.long_chars
        && hits
            .iter()
            .any(|h| h.classes & COUPON != 0 && code_follows(t, h.end))
    {
        sig |= Signals::COUPON;
    }
    // A contact label, a colon, and an address or a number: a contact card
    // ("Media contact: Dana Whitfield, dana@…", "Pressekontakt: Tel. …").
    // A plain "Contact:" or "Kontakt zur Lokalredaktion:" needs the
    // newsroom in its label: a business's "Phone number: 615 …" is content.
    let card = |h: &Hit| {
        let label = label_then_colon(t, h.end);
        label.is_some_and(|c| {
            h.classes & CONTACT_LABEL != 0
                || (h.classes & CONTACT_OPEN != 0
                    && hits
                        .iter()
                        .any(|n| n.classes & NEWSROOM != 0 && n.start >= h.start && n.end <= c))
        })
    };
    if scanned & (Signals::EMAIL | Signals::PHONE) != 0 && hits.iter().any(card) {
        sig |= Signals::CONTACT_CARD;
    }
    // A paywall's meter, to the reader ("You have 2 free articles left").
    // Or a gate in a short line: the reader must sign in to go on ("You
    // must be logged in to post", "Debes iniciar sesión para publicar").
    // (Not for a role: "Tienes que iniciar sesión como administrador para
    // editar ese archivo" is a manual's step.)
    let role = t
        .split_ascii_whitespace()
        .any(|w| ["as", "als", "comme", "como"].contains(&w));
    if (any(METER) && reader) || (any(LOGIN_GATE) && chars <= p.short_chars && !role) {
        sig |= Signals::PAYWALL;
    }
    // A cookie notice: cookies and consent, privacy or tracking in one
    // line, said by the site or to the reader ("We use cookies …", "… you
    // accept"), not a report on cookie rules ("Regulators fined the
    // retailer for making it harder to reject cookies than to accept them").
    // (At most `very_long_chars`: a privacy policy explains its cookies in
    // long paragraphs, a banner says it in a sentence or two.)
    // Or a sign-up form's consent line: agreeing to terms with a sign-up or
    // an e-mail ("By signing up, you agree to our Terms of Use", "Al
    // suscribirte aceptas nuestra política de privacidad"; not a shop's "By
    // enrolling, you consent to the recurring charge for your
    // subscription"). Two words of it: "by signing up" and "you agree".
    // Or a consent banner's buttons: two words of consent set apart by a
    // bar or a slash in a short line ("Alle akzeptieren | Einstellungen",
    // "Tout accepter / Tout refuser / Personnaliser").
    let buttons = chars <= p.short_chars
        && (t.contains(" | ") || t.contains(" / ") || t.contains(" · "))
        && hits
            .iter()
            .filter(|h| h.classes & (CONSENT | COOKIE) != 0)
            .count()
            >= 2;
    // Or a banner's or a footer's label: cookies and consent in a line of
    // a few words with no sentence in it ("Reject non-essential cookies",
    // "Política de cookies", "Datenschutzeinstellungen", "Do Not Sell or
    // Share My Personal Information").
    let cookie_label = chars <= p.short_chars
        && words <= p.consent_label_words
        && !t.contains(['.', '!', '?', ',', ':'])
        && any(COOKIE)
        && any(CONSENT);
    // Or a consent banner's button alone: a word of consent with "all"
    // ("Alle akzeptieren", "Tout refuser", "Aceptar todas") or two of them
    // ("Reject non-essential"), in a label of at most three words.
    let consent_button = words <= 3
        && !t.contains(['.', '!', '?', ',', ':', ';'])
        && any(CONSENT)
        && (hits.iter().filter(|h| h.classes & CONSENT != 0).count() >= 2
            || hits.iter().any(|h| {
                h.classes & CONSENT != 0 && {
                    let w = t[h.start..h.end].to_lowercase();
                    CONSENT_VERBS.iter().any(|v| w.starts_with(v))
                }
            }) && t
                .split_ascii_whitespace()
                .any(|w| ALL_WORDS.iter().any(|a| w.eq_ignore_ascii_case(a))));
    let cookie_label = cookie_label || consent_button;
    if buttons || cookie_label {
        sig |= Signals::CONSENT;
    }
    let agreed = hits.iter().filter(|h| h.classes & AGREE != 0).count() >= 2
        || any(AGREE) && (any(SIGNUP) || sig & Signals::EMAIL != 0);
    if chars <= p.very_long_chars
        && (any(COOKIE) && any(CONSENT) || agreed)
        && (self_words || reader)
    {
        sig |= Signals::CONSENT;
    }
    // A notice of the site's machinery (`CtaParams::site_notice`): a thing
    // of the page and its state ("Your browser is out of date", "Comments
    // are moderated", "Dieses Video kann nicht abgespielt werden"), a
    // thing the reader must switch named with its state, to the reader or
    // in a request ("We noticed you have an ad blocker enabled", "Bitte
    // aktivieren Sie JavaScript"), or a check in progress, a line ending
    // in an ellipsis ("Sicherheitsüberprüfung läuft …"). Not a report:
    // no one quoted, and a short line ("The newspaper disabled comments
    // after readers posted threats" names no state of this page).
    // (A word of saying inside the state, "has been added", is the state's.)
    let narrated = quote_then_narration(t);
    let unquoted = !narrated
        && !hits.iter().any(|a| {
            a.classes & ATTRIBUTION != 0
                && !hits
                    .iter()
                    .any(|s| s.classes & STATE != 0 && s.start <= a.start && s.end >= a.end)
        });
    let in_progress = t.ends_with('…') || t.ends_with("...");
    let site_notice = chars <= p.short_chars
        && unquoted
        && ((any(MACHINE | SWITCH) && any(STATE))
            || (any(SWITCH) && (reader || any(REQUEST) || in_progress)));
    if site_notice {
        sig |= Signals::SITE_NOTICE;
    }
    // A widget's offer of help (`CtaParams::help_offer`): help offered to
    // the reader after a greeting ("Hi there 👋 Need a hand? Ask me
    // anything!", "¡Hola! ¿En qué podemos ayudarte?"). (Not the publisher
    // alone: a service page's "How can we help?" or "Our staff are here
    // to help you" heads and states its offer.)
    let help_offer = chars <= p.short_chars && unquoted && any(HELP) && any(GREETING);
    // An exit pop-up (`CtaParams::exit_popup`): the reader leaving, the
    // words closing their clause ("Wait! Before you go…", "Leaving so
    // soon? Here's 10% off", "No te vayas sin tu descuento"), with an
    // exclamation, a call or an offer; or its decline button in the
    // reader's voice ("No thanks, I prefer paying full price"). In a short
    // line with no one quoted: "Before you go to bed, …" is a step, and
    // "Leaving so soon?" she asked, a story's.
    let exit_popup = chars <= p.short_chars
        && unquoted
        && !t.contains(['"', '“', '”', '«', '»', '„'])
        && (hits.iter().any(|h| {
            h.classes & LEAVING != 0
                && leaves_off(&t[h.end..])
                && (t.contains(['!', '¡', '%'])
                    || promos > 0
                    || commerce > 0
                    || sig & Signals::IMPERATIVE != 0)
        }) || hits
            .iter()
            .any(|h| h.classes & DECLINE != 0 && first_person(&t[h.end..])));
    if exit_popup {
        sig |= Signals::EXIT_POPUP;
    }
    if help_offer {
        sig |= Signals::HELP_OFFER;
    }
    // A correction label, a colon, and the text naming itself or its
    // revision; or "About Veltrix Systems: Veltrix Systems is …", the
    // issuer named in the label and again after it.
    let notice = hits.iter().any(|h| {
        let Some(c) = label_then_colon(t, h.end) else {
            return false;
        };
        (h.classes & CORRECTION != 0 && any(DEIXIS | REVISION))
            || (h.classes & ABOUT_OPEN != 0 && issuer_named_again(t, h.end, c))
    });
    if notice {
        sig |= Signals::NOTICE;
    }
    if feedback {
        sig |= Signals::FEEDBACK;
    }
    // An author's bio box: a bio (a label, or a verb right after the name
    // that opens the line), then a last sentence with a way to reach or
    // follow the author ("Jane Okafor writes about food. Follow her on X
    // @janeokafor_eats"). It speaks for its paragraph, as a notice does.
    // Or, at the edge of the text, a line that opens with the author's
    // name and says they write for a living ("Kelia Reinoso is a content
    // writer at Tastewise with …", "Anna Berger ist freie Journalistin."):
    // the bio box under or over a post, with or without a way to reach
    // them. (Only at the edge: "Maria Lopez is a freelance journalist who
    // was detained in …" in the middle of a story is its news.)
    let bio = chars <= p.very_long_chars
        && (sig & Signals::CHANNELS != 0 && author_bio(t, &hits, line_start) || writer);
    if bio {
        sig |= Signals::BIO;
    }
    // (Or code in the line, "start()", or a numbered step's label,
    // "Step 3: …": a manual's step whatever the line names.)
    let steps =
        any(STEP) && !self_words && scanned == 0 || code_call(t) || step_label(t, line_start);
    if steps {
        sig |= Signals::STEPS;
    }
    if any(ATTRIBUTION) || narrated {
        sig |= Signals::QUOTE;
    }
    if edge {
        sig |= Signals::EDGE;
    }

    // A call to action calls someone to something: it needs a call (an
    // imperative, a question or words to the reader; the publisher speaking
    // of itself alone is a report, "we raised prices") and an object (a channel, a promotional word, or a contact
    // verb with "us": "Contact our reporters"); a syndication footer or a
    // teaser label is both. And each of its sentences carries a cue: a
    // paragraph with one promotional sentence among others is article text.
    let reach = hits.iter().any(|c| {
        c.classes & CONTACT != 0 && hits.iter().any(|s| s.classes & SELF != 0 && near(s, c))
    });
    // "Our podcast is on Spotify": the publisher holding out its own
    // product on a channel is a call in itself.
    // So is its own product that comes on a schedule ("Unser Newsletter
    // kommt jeden Morgen").
    // Or is said to be available ("Notre podcast est disponible sur …").
    let own_channel =
        sig & Signals::OWN != 0 && (sig & Signals::CHANNELS != 0 || recurs || any(AVAILABLE));
    let call = sig
        & (Signals::IMPERATIVE
            | Signals::QUESTION
            | Signals::READER
            | Signals::APPEAL
            | Signals::OFFER)
        != 0
        || reach
        || own_channel;
    // Thanks and a plea in one line ("Vielen Dank fürs Lesen … brauchen wir
    // Ihre Hilfe"): the support asked for is the object.
    // Or an appeal naming a sum ("If every reader gave just £2, … Will you
    // help?"): the gift asked for.
    let pleads = sig & Signals::APPEAL != 0 && (any(THANKS) || t.contains(['$', '€', '£']));
    let object = promos > 0
        || pitch
        || signup
        || pleads
        || !perks.is_empty()
        || sig & Signals::CHANNELS != 0
        || reach;
    let form = sig
        & (Signals::SYNDICATION
            | Signals::TEASER
            | Signals::DISCLOSURE
            | Signals::AD_LABEL
            | Signals::TERMS
            | Signals::COUPON
            | Signals::CONTACT_CARD
            | Signals::PAYWALL
            | Signals::CONSENT
            | Signals::NOTICE
            | Signals::FEEDBACK
            | Signals::PRICE_OFFER
            | Signals::BUTTON)
        != 0;
    let complete = notice
        || scarce
        || shop_nudge
        || exit_popup
        || site_notice
        || help_offer
        || feedback
        || bio
        || signoff
        || button
        || sig & Signals::CONSENT != 0
        || (form || (call && object))
            && every_sentence_cued(
                t,
                &hits,
                &form_imperatives,
                sig & Signals::IMPERATIVE != 0,
                sig & Signals::SYNDICATION != 0,
                false,
            );

    let has = |s: u64| sig & s != 0;
    let mut score = 0.0;
    let mut add = |on: bool, w: f32| {
        if on {
            score += w;
        }
    };
    add(has(Signals::IMPERATIVE), p.imperative);
    add(has(Signals::QUESTION), p.question);
    add(has(Signals::READER), p.reader);
    let channels = (sig & Signals::CHANNELS).count_ones();
    add(channels >= 1, p.channel);
    add(
        channels >= 2,
        p.channel_more * channels.saturating_sub(1).min(2) as f32,
    );
    add(self_words, p.self_ref);
    add(self_named && !self_words, p.self_name);
    add(has(Signals::OWN), p.own);
    add(promos >= 1, p.promo);
    add(promos >= 2, p.promo_more);
    add(commerce >= 1, p.commerce);
    add(signup && promos == 0, p.signup);
    add(
        has(Signals::SYNDICATION),
        if syndication_start {
            p.syndication_start
        } else {
            p.syndication
        },
    );
    add(has(Signals::TEASER), p.teaser);
    add(has(Signals::AD_LABEL), p.ad_label);
    add(has(Signals::TERMS), p.terms);
    add(has(Signals::COUPON), p.coupon);
    add(has(Signals::CONTACT_CARD), p.contact_card);
    add(has(Signals::PAYWALL), p.paywall);
    add(has(Signals::CONSENT), p.consent);
    add(notice, p.notice);
    add(feedback, p.feedback);
    add(site_notice, p.site_notice);
    add(help_offer, p.help_offer);
    add(shop_nudge, p.shop_nudge);
    add(exit_popup, p.exit_popup);
    add(bio, p.bio);
    add(signoff, p.signoff);
    add(offer_label || bargain_offer, p.price_offer);
    add(button, p.button);
    add(steps, p.steps);
    add(has(Signals::APPEAL), p.appeal);
    add(has(Signals::OFFER), p.offer);
    add(own_offer, p.own_offer);
    add(has(Signals::OFFLINE), p.offline);
    add(has(Signals::DISCLOSURE), p.disclosure);
    add(has(Signals::QUOTE), p.quote);
    add(edge, p.edge);
    let asks = sig & (Signals::IMPERATIVE | Signals::QUESTION | Signals::APPEAL) != 0 || reach;
    add(!asks && chars > p.short_chars, p.reader_only);
    if chars <= p.short_chars {
        sig |= Signals::SHORT;
        score += p.short;
    } else if chars > p.very_long_chars {
        sig |= Signals::LONG;
        score += p.very_long;
    } else if chars > p.long_chars {
        sig |= Signals::LONG;
        score += p.long;
    }
    Verdict {
        score,
        signals: Signals(sig),
        complete,
    }
}

/// Every sentence of `t` holds a cue word, an address, a number of three
/// or more digits or a currency sign (the channel scanners' material). "We"
/// and "our" alone do not count: "At Appen, we provide training data." is a
/// company describing itself, not a call. A question followed by an
/// imperative is the shape of a call ("Une question ? Écrivez-nous …"), so
/// with `imperative` a question needs no cue of its own. A fragment of at
/// most `FRAGMENT_WORDS` words or with no letter, after the first
/// sentence, is no sentence of prose but a button, a term or a figure
/// ("Cancel anytime.", "Jetzt reinhören!", "Se connecter"), and needs none
/// either ("It's possible." or a list number "43." opening a line is
/// prose); nor does a
/// period end a sentence after an abbreviation ("a.m.", "Oct. 20", "am
/// 12. September").
fn every_sentence_cued(
    t: &str,
    hits: &[Hit],
    form_imperatives: &[usize],
    imperative: bool,
    syndication: bool,
    signoff: bool,
) -> bool {
    // "First" and "published" are cues only in a syndication footer, and
    // "links" or "buy" only with a disclosure word (which is a cue itself).
    let mut not_cues = SELF
        | DEIXIS
        | FILLER
        | ATTRIBUTION
        | PURCHASE
        | THANKS_OPEN
        | READING
        | OFFLINE
        | MARKED
        | COUPON
        | RESTRICTED
        // Labels and notices decide their own lines (`notice`, `consent`)
        // and are no cue for another's sentence ("Note that all of this data
        // comes from our own Data Hub." stays uncued).
        | CORRECTION
        | REVISION
        | ABOUT_OPEN
        | CONTACT_OPEN
        | NEWSROOM
        | COOKIE
        | CONSENT
        | STEP
        | LABEL_VERB
        // (A site notice decides its own line too: "is closed" cues no
        // other sentence.)
        | MACHINE
        | STATE
        | GREETING
        | URGENT_WORD
        // (The tenth round's words decide their own lines and cue no
        // other sentence: a shop's word its nudge, `shop_nudge`; the reader
        // leaving or declining, an exit pop-up; a footer's row, a member's
        // statistics and a player's control, their labels (`BUTTON`); a
        // lead magnet, the promotional word it makes.)
        | SHOP
        | SHOP_OFFER
        | OWN_LINE;
    if !syndication {
        not_cues |= FIRST | PUBLISHED;
    }
    if signoff {
        not_cues &= !(READING | THANKS_OPEN);
    }
    let cued = |from: usize, to: usize| {
        let s = &t[from..to];
        (from > 0
            && (!s.contains(char::is_alphabetic)
                || s.split_ascii_whitespace().count() <= FRAGMENT_WORDS))
            || (imperative && s.trim_end().ends_with('?'))
            || form_imperatives.iter().any(|&f| f >= from && f < to)
            || hits
                .iter()
                .any(|h| h.start >= from && h.start < to && h.classes & !not_cues != 0)
            || s.contains(['@', '$', '€', '£', '¥', '%'])
            || s.contains("www.")
            || s.contains("http")
            || s.as_bytes()
                .windows(3)
                .any(|w| w.iter().all(u8::is_ascii_digit))
    };
    let mut from = 0;
    let mut ended = false;
    for (i, c) in t.char_indices() {
        if matches!(c, '.' | '!' | '?' | '…') {
            ended = true;
        } else if c.is_whitespace() && ended {
            if abbreviation_at(t, i) {
                ended = false;
                continue;
            }
            if !cued(from, i) {
                return false;
            }
            from = i;
            ended = false;
        } else if !is_closer(c) {
            ended = false;
        }
    }
    from >= t.len() || t[from..].trim().is_empty() || cued(from, t.len())
}

/// Words that may follow the head of a list of other posts ("You may be
/// interested in the following topics as well", "Vous aimerez aussi ces
/// articles"): they name the list, not a thing the text recommends.
const LIST_WORDS: [&str; 30] = [
    "the",
    "following",
    "these",
    "those",
    "other",
    "related",
    "topics",
    "posts",
    "articles",
    "stories",
    "reads",
    "as",
    "well",
    "too",
    "also",
    "ces",
    "les",
    "articles",
    "suivants",
    "aussi",
    "estos",
    "artículos",
    "temas",
    "siguientes",
    "también",
    "diese",
    "folgenden",
    "themen",
    "artikel",
    "beiträge",
];

/// Sentences of at most this many words are fragments: buttons, terms,
/// figures ([`every_sentence_cued`]).
const FRAGMENT_WORDS: usize = 3;

/// The period before the white space at byte `i` closes an abbreviation,
/// not a sentence: "a.m.", "U.S." (a dot inside the word), a single
/// letter, a month shortened before a day ("Oct. 20"), or a day before a
/// month ("am 12. September").
fn abbreviation_at(t: &str, i: usize) -> bool {
    let head = &t[..i];
    let word = head.rsplit(' ').next().unwrap_or("");
    let Some(bare) = word.strip_suffix('.') else {
        return false;
    };
    let next = t[i..].trim_start();
    let next_word = next.split(' ').next().unwrap_or("");
    if bare.contains('.') || (bare.chars().count() == 1 && bare.chars().all(char::is_alphabetic)) {
        return true;
    }
    if next.starts_with(|c: char| c.is_ascii_digit())
        && SHORT_MONTHS.iter().any(|m| bare.eq_ignore_ascii_case(m))
    {
        return true;
    }
    (1..=2).contains(&bare.len()) && bare.bytes().all(|c| c.is_ascii_digit()) && is_month(next_word)
}

/// Channels no word list can hold: e-mail addresses (their domains go to
/// `domain`, to tell the site's own), social handles and hashtags, phone
/// numbers, SMS short codes ("Text NEWS to 78723") and web addresses.
fn scan_channels(t: &str, sig: &mut u64, domain: &mut dyn FnMut(&str)) {
    let b = t.as_bytes();
    for (i, _) in t.match_indices('@') {
        let local = t[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
        let rest = &t[i + 1..];
        let dlen = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
            .unwrap_or(rest.len());
        let d = rest[..dlen].trim_end_matches('.');
        let tld_ok = d
            .rsplit_once('.')
            .is_some_and(|(_, tld)| tld.len() >= 2 && tld.bytes().all(|c| c.is_ascii_alphabetic()));
        if local && tld_ok {
            *sig |= Signals::EMAIL;
            domain(&d.to_ascii_lowercase());
        } else if !local {
            // A handle, not a package scope (`@tailwindcss/vite`) or a CSS
            // at-rule written in prose.
            let n = rest
                .bytes()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == b'_')
                .count();
            if n >= 2 && !rest[n..].starts_with('/') {
                *sig |= Signals::SOCIAL;
            }
        }
    }
    for (i, _) in t.match_indices('#') {
        let open = i == 0 || b[i - 1] == b' ';
        if open && t[i + 1..].starts_with(|c: char| c.is_alphabetic()) {
            *sig |= Signals::SOCIAL;
        }
    }
    // Web addresses: www., http(s):// or a name.tld word.
    for w in t.split_ascii_whitespace() {
        // A web address has a dot or a scheme's colon; trimming only takes
        // characters away, so a word with neither is none (most words).
        if !w.bytes().any(|c| c == b'.' || c == b':') {
            continue;
        }
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
        if w.contains('@') {
            continue;
        }
        let scheme = |p: &str| starts_ignoring_case(w, p);
        let url = scheme("www.") || scheme("http://") || scheme("https://");
        // Without a dot only an `http(s)://` word names a web address (most
        // words are neither: they cost no lower-cased copy).
        if !url && !w.contains('.') {
            continue;
        }
        let lower = w.to_ascii_lowercase();
        let host = host_of(&lower).or_else(|| {
            // name.tld, with a common top-level domain or a path after it
            // ("t.me/channel"); "a.m." and "e.g." have neither.
            let (h, path) = match lower.split_once('/') {
                Some((h, _)) => (h, true),
                None => (lower.as_str(), false),
            };
            let (name, tld) = h.rsplit_once('.')?;
            let known = matches!(
                tld,
                "com"
                    | "org"
                    | "net"
                    | "de"
                    | "fr"
                    | "es"
                    | "uk"
                    | "io"
                    | "co"
                    | "news"
                    | "info"
                    | "eu"
                    | "at"
                    | "ch"
                    | "be"
                    | "mx"
                    | "ar"
                    | "us"
                    | "ca"
                    | "au"
                    | "example"
            );
            let plausible =
                (2..=6).contains(&tld.len()) && tld.bytes().all(|c| c.is_ascii_lowercase());
            let name_ok = !name.is_empty()
                && name
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'-');
            ((known || (path && plausible)) && name_ok).then(|| h.to_string())
        });
        if let Some(h) = host.or_else(|| url.then(|| lower.clone())) {
            *sig |= Signals::WEB;
            domain(h.strip_prefix("www.").unwrap_or(&h));
        }
    }
    if phone_number(t) {
        *sig |= Signals::PHONE;
    }
    if short_code(t) {
        *sig |= Signals::SMS;
    }
}

/// A phone number: 7 to 15 digits written with the separators phone
/// numbers use (`(555) 201-7788`, `+49 30 1234567`, `555-0142`), not a
/// date (`2026-04-11`, `12.03.2024`) or a plain count.
fn phone_number(t: &str) -> bool {
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let starts = c.is_ascii_digit()
            || ((c == b'+' || c == b'(') && b.get(i + 1).is_some_and(u8::is_ascii_digit));
        if !starts || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut digits = 0;
        let mut groups: Vec<usize> = Vec::new();
        let mut group = 0;
        let mut seps = 0u8; // bit 0: '-', 1: '(' or '+', 2: '.', 3: ' ', 4: '/'
        while j < b.len() {
            let c = b[j];
            if c.is_ascii_digit() {
                digits += 1;
                group += 1;
            } else if matches!(c, b'-' | b'.' | b'/' | b'(' | b')' | b'+')
                || (c == b' '
                    && b.get(j + 1)
                        .is_some_and(|n| n.is_ascii_digit() || *n == b'('))
            {
                if group > 0 {
                    groups.push(group);
                    group = 0;
                }
                seps |= match c {
                    b'-' => 1,
                    b'(' | b'+' => 2,
                    b'.' => 4,
                    b' ' => 8,
                    b'/' => 16,
                    _ => 0,
                };
            } else {
                break;
            }
            j += 1;
        }
        if group > 0 {
            groups.push(group);
        }
        let date = matches!(
            groups.as_slice(),
            [4, 2, 2] | [2, 2, 4] | [1, 2, 4] | [2, 1, 4] | [1, 1, 4]
        );
        let spaced_only = seps == 8;
        if (7..=15).contains(&digits)
            && groups.len() >= 2
            && !date
            && !(seps == 4 && ipv4(&t[i..j]))
            && (!spaced_only || groups.len() >= 3)
            && !b.get(j).is_some_and(u8::is_ascii_alphabetic)
        {
            return true;
        }
        i = j.max(i + 1);
    }
    false
}

/// An IPv4 address (`192.168.1.1`, a trailing full stop allowed): four
/// numbers up to 255 without leading zeros, written with dots, as routers
/// and how-to steps give them. (`02.123.45.67`, a phone number written with
/// dots, has a leading zero.)
fn ipv4(s: &str) -> bool {
    let parts: Vec<&str> = s.strip_suffix('.').unwrap_or(s).split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            (1..=3).contains(&p.len())
                && p.bytes().all(|b| b.is_ascii_digit())
                && !(p.len() > 1 && p.starts_with('0'))
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// Verbs of texting before an SMS keyword ("Text JOIN", "Reply YES").
const SEND_VERBS: [&str; 19] = [
    "text",
    "txt",
    "reply",
    "send",
    "texting",
    "replying",
    "sende",
    "senden",
    "schick",
    "schicke",
    "schicken",
    "envoyez",
    "envoie",
    "tapez",
    "répondez",
    "envía",
    "envíe",
    "manda",
    "responde",
];

/// An SMS short code: a keyword in capitals (or quotes), then within two
/// words "to" (an, au, al, à), then a 4 to 6 digit number or a phone
/// number: "Text NEWS to 78723", "Senden Sie NEWS an 83333".
fn short_code(t: &str) -> bool {
    let words: Vec<&str> = t.split_ascii_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        // A word opening with a small letter is neither in capitals nor
        // quoted (most words): no keyword, and no trimming to find out.
        if w.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
            continue;
        }
        let k = w.trim_matches(|c: char| !c.is_alphanumeric());
        let quoted = w.starts_with(['"', '“', '\'', '‘', '«', '„', '‚']);
        let caps = k.chars().count() >= 2
            && k.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
            && k.chars().any(char::is_alphabetic);
        if !(caps || (quoted && !k.is_empty())) {
            continue;
        }
        // "Reply COURT to this number", "Text HELP for help": a keyword
        // in capitals right after a verb of texting, then a link word or
        // the clause's end ("send NATO troops" is not one).
        // (Lower-cased only for such a keyword: most words stop at `caps`.)
        let sent = || {
            i > 0 && {
                let v = words[i - 1].to_lowercase();
                SEND_VERBS.contains(&v.as_str())
            }
        };
        let closes = || {
            !w.ends_with(|c: char| c.is_alphanumeric())
                || words
                    .get(i + 1)
                    .map(|n| n.to_lowercase())
                    .as_deref()
                    .is_none_or(|n| {
                        matches!(
                            n,
                            "to" | "for"
                                | "an"
                                | "au"
                                | "al"
                                | "à"
                                | "and"
                                | "or"
                                | "und"
                                | "ou"
                                | "o"
                                | "y"
                                | "et"
                                | "pour"
                                | "para"
                                | "um"
                        )
                    })
        };
        if caps && k.chars().count() >= 3 && sent() && closes() {
            return true;
        }
        for j in i + 1..(i + 4).min(words.len()) {
            let to = words[j].to_lowercase();
            if matches!(to.as_str(), "to" | "an" | "au" | "al" | "à") {
                let Some(n) = words.get(j + 1) else { break };
                let digits: String = n
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '(')
                    .filter(char::is_ascii_digit)
                    .collect();
                let year =
                    digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"));
                if (4..=6).contains(&digits.len()) && !year || n.starts_with('(') {
                    return true;
                }
                break;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Verdict {
        score(text, &Site::default(), false, &CtaParams::default())
    }

    fn signals(text: &str) -> String {
        v(text).signals.to_string()
    }

    fn called(text: &str) -> bool {
        judge(text, &Site::default(), false, &CtaParams::default()).is_some()
    }

    /// "first" after a determiner is an ordinal ("the first ferry"), not
    /// the adverb of a syndication footer: the model reads no `first` cue
    /// in it (it did, and with our newsroom's word took a reporter's trip
    /// for an appeal).
    #[test]
    fn ordinal_first_is_no_syndication_cue() {
        let p = CtaParams::default();
        let tokens = |l: &str| cues(l, &Site::default(), false, &p).tokens().join(" ");
        for line in [
            "Our reporter took the first ferry on Monday morning.",
            "Her first novel appeared on bestseller lists in 2019.",
            "Its first issue was published in 1851.",
        ] {
            assert!(!tokens(line).contains("first"), "{line}: {}", tokens(line));
        }
        for line in [
            "This story first appeared on The Daily Bugle.",
            "The post Ten Tips first appeared on Example Blog.",
            "It was first published by the Harbour Herald.",
        ] {
            assert!(tokens(line).contains("first"), "{line}: {}", tokens(line));
        }
        assert!(called("This story first appeared on The Daily Bugle."));
    }

    /// A first publication dated to a bare year after the cue is the
    /// text's history, not a footer; a footer's date, a title's year and
    /// a copyright year are not.
    #[test]
    fn a_bare_year_after_the_cue_is_history() {
        never_called(&[
            "The story first appeared in the Harbour Review in 1962 and was later made into a film.",
            "Ce texte a été publié initialement en 1931 dans une revue de poésie.",
            "Der Text erschien ursprünglich 1923 in einer Wiener Zeitung und wurde nun neu aufgelegt.",
        ]);
        for line in [
            "This article first appeared on The Conversation on March 5, 2024.",
            "The post Best Budget Laptops in 2026 appeared first on TechRoundup.",
            "© 2024 Example. This story originally appeared on Example.com.",
        ] {
            assert!(
                signals(line).contains("syndication"),
                "{line}: {}",
                signals(line)
            );
        }
        assert!(bare_year("in 1998 and later"));
        assert!(!bare_year("on March 5, 2024"));
        assert!(!bare_year("in Mar 2024"));
        assert!(!bare_year("am 3. März 1989 in Wien"));
        assert!(!bare_year("the Best Laptops of 2026"));
    }

    /// A month after the preposition is a date, not a venue, in every
    /// language the months are listed for (Spanish August to December were
    /// missing from the venue check's own list).
    #[test]
    fn a_month_is_no_venue() {
        for line in [
            "Originally published in April 2020.",
            "Publicado originalmente en Diciembre de 2020.",
            "Ursprünglich erschienen im Oktober 2019.",
        ] {
            assert!(!names_a_venue(line), "{line}");
        }
        assert!(names_a_venue(
            "Originally published at the Midland Observer."
        ));
    }

    /// A click path through an app's screens is a manual's step, whatever
    /// it switches off ("wähle „Benachrichtigungen“ …", "puis choisissez
    /// …", "y elige …"), at the edge of the text too.
    #[test]
    fn click_paths_are_steps() {
        let lines = [
            "Tippe auf „Profil“, wähle „Benachrichtigungen“ und schalte die E-Mails zum Newsletter ab.",
            "Ouvrez l’application, puis choisissez « Compte » pour changer l’adresse de votre newsletter.",
            "Abre la app y elige «Cuenta» para cambiar el correo de tus alertas.",
            "Open the app and then tap Settings to turn off the newsletter emails.",
        ];
        let p = CtaParams::default();
        for line in lines {
            assert!(signals(line).contains("steps"), "{line}: {}", signals(line));
            for edge in [false, true] {
                assert!(judge(line, &Site::default(), edge, &p).is_none(), "{line}");
            }
        }
    }

    /// `class_token` reads a class's name at the index of its bit.
    #[test]
    fn each_class_is_named_at_its_bit() {
        for (i, (name, bit)) in CLASSES.iter().enumerate() {
            assert_eq!(*bit, 1u128 << i, "{name}");
        }
        let mut token = Vec::new();
        class_token(IMPERATIVE | SELF | LANGUAGE, |b| token.extend_from_slice(b));
        assert_eq!(token, b"imperative+self+language");
        token.clear();
        class_token(0, |b| token.extend_from_slice(b));
        assert_eq!(token, b"_");
    }

    /// `line` is a call to action and `signal` is among its signals.
    fn called_for(signal: &str, line: &str) {
        let v = signals(line);
        assert!(v.split('+').any(|s| s == signal), "{line}: {v}");
        assert!(called(line), "{line}: {v}");
    }

    /// No line of `lines` is a call to action.
    fn never_called(lines: &[&str]) {
        for line in lines {
            assert!(!called(line), "{line}: {}", signals(line));
        }
    }

    /// `signal` is among no line's signals (matched whole, as in
    /// [`called_for`]).
    fn never_signalled(signal: &str, lines: &[&str]) {
        for line in lines {
            let v = signals(line);
            assert!(!v.split('+').any(|s| s == signal), "{line}: {v}");
        }
    }

    #[test]
    fn a_quote_with_its_narration_after_it_is_reported_speech() {
        for line in [
            "\"Sign up for the raffle,\" the organiser kept calling across the square.",
            "‘Download it now!’ she told everyone at the table.",
            "„Abonnieren Sie den Kanal“, rief der Moderator ins Publikum.",
            "« Partagez la vidéo » : voilà ce que répétait le candidat, selon ses proches.",
            "\"Compartan el enlace\", insistía la concejala durante el pleno.",
        ] {
            assert!(quote_then_narration(line), "{line}");
            assert!(!called(line), "{line}: {}", signals(line));
        }
        // A testimonial's name after a dash, a quoted button opening a
        // call, a quote with nothing after it: not narration.
        for line in [
            "\"The best ten minutes of my morning\" — Dana, reader since 2019",
            "\"Sign up\" takes you to the form.",
            "\"Subscribe to the channel.\"",
            "Subscribe to the channel, it's free.",
        ] {
            assert!(!quote_then_narration(line), "{line}");
        }
    }

    #[test]
    fn code_and_numbered_steps_are_a_manuals() {
        assert!(code_call("Call connect() before you send the first frame."));
        assert!(code_call(
            "Use bus.subscribe(\"orders\") to get every new order."
        ));
        assert!(!code_call("Join the conversation (124 comments)"));
        assert!(!code_call("Invite friend(s) to the group"));
        assert!(step_label("Step 4: Subscribe the endpoint", 0));
        assert!(step_label("Schritt 2 – Konto anlegen", 0));
        assert!(step_label("Étape 3 : abonnez le service", 0));
        assert!(!step_label("Steps to a better newsletter", 0));
        assert!(!step_label("Step up your game today", 0));
        for line in [
            "Step 4: Subscribe the endpoint",
            "Subscribe the listener with events.subscribe() before the first message.",
        ] {
            assert!(signals(line).contains("steps"), "{line}: {}", signals(line));
            assert!(!called(line), "{line}");
        }
    }

    #[test]
    fn urgency_right_after_a_known_verb_is_the_calls_object() {
        for line in [
            "Reserve now and pay at the desk.",
            "Réservez maintenant et payez plus tard.",
            "Reserva hoy y paga después.",
            "Jetzt bestellen und morgen erhalten",
        ] {
            assert!(called(line), "{line}: {}", signals(line));
        }
        // A statement's subject before "now", a noun, a verb the lexicon
        // does not know.
        never_called(&[
            "Streaming now accounts for a third of all viewing.",
            "And now the council must decide what to do.",
            "Enrollment now open for the spring term",
        ]);
    }

    #[test]
    fn a_site_notice_names_a_thing_of_the_page_and_its_state() {
        for line in [
            "This video is not available in your region.",
            "Your browser is out of date.",
            "Comments are moderated before they appear.",
            "Les messages hors sujet seront supprimés.",
            "Este contenido no está disponible en tu país.",
            "JavaScript is turned off.",
            "Bitte aktivieren Sie JavaScript.",
            "Wir haben einen Werbeblocker erkannt.",
            "Comprobación de seguridad en curso…",
        ] {
            called_for("site-notice", line);
        }
        never_called(&[
            "The minister posted the video on her channel.",
            "The newspaper disabled comments after the election.",
            "Make sure JavaScript is enabled before running the tests.",
            "\"Comments are closed,\" the editor wrote in a note to readers.",
            "What browser are you using?",
        ]);
        // Reported, a notice is someone's words, not the page's; a word of
        // saying inside the state ("has been added") is the state's.
        for (line, notice) in [
            (
                "\"Comments are closed,\" the editor wrote in a note to readers.",
                false,
            ),
            ("The editor wrote that comments are closed.", false),
            ("Your email address has been added to the list.", true),
        ] {
            assert_eq!(
                signals(line).contains("site-notice"),
                notice,
                "{line}: {}",
                signals(line)
            );
        }
    }

    #[test]
    fn a_greeting_and_help_offered_is_a_chat_widget() {
        for line in [
            "Hello! How can we help you today?",
            "¡Hola! ¿En qué podemos ayudarte?",
        ] {
            called_for("help-offer", line);
        }
        // A service's offer with no greeting heads its section.
        never_called(&[
            "How can we help?",
            "Our staff are here to help you with any question.",
        ]);
    }

    #[test]
    fn a_count_of_stock_presses_only_when_it_exclaims() {
        assert!(stock_count("Only 2 tickets left"));
        assert!(stock_count("Nur noch 3 Stück verfügbar"));
        assert!(stock_count("Solo quedan 4 unidades"));
        assert!(!stock_count("Only 4 of the 11 members voted for it."));
        assert!(called("Only 2 tickets left!"));
        assert!(!called("Only 2 tickets left"));
        // Not on a product page, where the stock line is the product's.
        let shop = CtaParams {
            cart: false,
            ..CtaParams::default()
        };
        assert!(judge("Only 2 tickets left!", &Site::default(), false, &shop).is_none());
    }

    #[test]
    fn accented_spanish_imperatives_are_known_by_their_form() {
        // Voseo: the stress on the last "-á".
        assert!(spanish_accented_imperative("Bajá"));
        assert!(spanish_accented_imperative("Reservá"));
        // An enclitic "lo"/"la" after the stem vowel.
        assert!(spanish_accented_imperative("Desactívalo"));
        // Nouns, the future and French nouns in "-é" are not.
        for w in [
            "artículo",
            "película",
            "Será",
            "Podrá",
            "Habrá",
            "está",
            "L'Autorité",
            "Société",
            "data",
        ] {
            assert!(!spanish_accented_imperative(w), "{w}");
        }
        assert!(called(
            "¡Bajá la app de Radio Pampa y escuchanos en vivo donde estés!"
        ));
    }

    #[test]
    fn german_e_imperatives_need_an_accusative_after_them() {
        let t = "Markiere den Text und drücke Strg+Enter.";
        assert!(german_e_imperative(t, 0, "Markiere"));
        // A noun with a genitive, an adverb, an article: statements.
        assert!(!german_e_imperative("Ende der Woche", 0, "Ende"));
        assert!(!german_e_imperative("Heute die Wahl", 0, "Heute"));
        assert!(!german_e_imperative("Meine Mutter", 0, "Meine"));
    }

    #[test]
    fn fragments_and_abbreviations_are_no_uncued_sentences() {
        // "Cancel anytime." and "Oct. 20" (no sentence end) after a call.
        assert!(called("Support independent journalism. Subscribe for $1 a week for the first year. Cancel anytime."));
        assert!(called(
            "Enter to win two tickets to the home opener! Enter by Oct. 20. No purchase necessary."
        ));
        // A fragment opening the line is prose ("It's possible."), and an
        // uncued sentence of prose still keeps the line.
        let cued = |t: &str| {
            let lex = Lexicon::builtin();
            let hits: Vec<Hit> = lex
                .ac
                .find_overlapping_iter(t)
                .filter(|m| left_boundary(t, m.start()) && right_boundary(t, m.end()))
                .map(|m| Hit {
                    start: m.start(),
                    end: m.end(),
                    classes: lex.entries[m.pattern().as_usize()].classes,
                    needs_object: false,
                })
                .collect();
            every_sentence_cued(t, &hits, &[], true, false, false)
        };
        assert!(cued("Please subscribe to our newsletter. So do we."));
        assert!(!cued("It's possible. Please subscribe to our newsletter."));
        assert!(!cued(
            "Please subscribe to our newsletter. The harbour board met on Tuesday."
        ));
        assert!(abbreviation_at(
            "Open at 7 p.m. today",
            "Open at 7 p.m.".len()
        ));
        assert!(abbreviation_at("am 12. September im Park", "am 12.".len()));
        assert!(!abbreviation_at(
            "Enter by Oct. 20. No purchase",
            "Enter by Oct. 20.".len()
        ));
    }

    #[test]
    fn a_price_per_period_is_promotional_only_with_a_call_and_an_offer() {
        let with = v("Werde jetzt Mitglied der Genossenschaft und sichere die Zukunft des Blatts – schon ab 5 € monatlich.");
        let without = v("Werde jetzt Mitglied der Genossenschaft und sichere die Zukunft des Blatts – schon ab heute dabei.");
        assert!(with.score > without.score, "{with:?} {without:?}");
        // A reported price and a shop's financing line stay.
        assert!(!called(
            "L'offre sans publicité de la plateforme coûte 12 euros par mois."
        ));
        assert!(!called(
            "$159/mo suggested payments with 12-month special financing. Learn how."
        ));
    }

    #[test]
    fn a_feedback_widget_is_a_question_and_its_two_buttons() {
        assert!(signals("Was this article helpful? 👍 Yes 👎 No").contains("feedback"));
        assert!(signals("War dieser Artikel hilfreich? Ja | Nein").contains("feedback"));
        assert!(signals("Was this article helpful? 👍 👎").contains("feedback"));
        assert!(called("¿Te resultó útil esta información? Sí / No"));
        assert!(!signals("Was it worth it? Yes, said the mayor, no doubt.").contains("feedback"));
    }

    #[test]
    fn an_author_bio_with_a_way_to_reach_the_author_is_a_bio_box() {
        assert!(called("Jane Okafor writes about food and the people who make it. Follow her on X @janeokafor_eats."));
        assert!(called("Anna Berger ist Redakteurin im Ressort Wirtschaft. Sie erreichen sie unter anna.berger@kurier-beispiel.at."));
        // A German noun phrase is no name; a bio without a channel stays.
        assert!(
            !signals("Meine Mutter ist jederzeit vorbereitet. pic.twitter.com/qc6VqGZYA2")
                .contains("bio")
        );
        assert!(!called(
            "Jane Okafor writes about food and the people who make it. She lives in Ohio."
        ));
    }

    #[test]
    fn consent_buttons_are_a_consent_notice_in_short_lines() {
        assert!(called("Alle akzeptieren | Einstellungen"));
        assert!(called("Tout accepter / Tout refuser / Personnaliser"));
        // One word of consent, or no separator, is no banner.
        assert!(!called("Accept the terms and move on"));
        assert!(!called(
            "Regulators said users should be able to reject as easily as accept."
        ));
    }

    #[test]
    fn comments_are_an_object_in_short_lines_only() {
        assert!(called(
            "Join the conversation. Log in or create an account to comment."
        ));
        assert!(called(
            "Was meinen Sie? Diskutieren Sie mit in den Kommentaren."
        ));
        // A blog's closing paragraph asking for comments is its text.
        assert!(!called("What would you tackle first in this setup? Leave a comment below and tell me, I'm genuinely curious what priorities you'd set with this much smart home potential."));
        // A how-to heading about code comments is no prompt.
        assert!(!called("5. Add Comments and Prioritize Documentation"));
    }

    #[test]
    fn sign_up_consent_and_price_notes_are_fixed_forms() {
        assert!(called("By signing up, you agree to our Terms of Use and acknowledge our Privacy Policy. You may unsubscribe at any time."));
        assert!(!called(
            "By enrolling, you consent to the reoccurring charge for your subscription."
        ));
        assert!(called(
            "Prices were accurate at the time of publishing but may change."
        ));
        assert!(!called(
            "Prices rose by five percent in March, the statistics office said."
        ));
    }

    #[test]
    fn the_lexicon_parses_and_unknown_classes_are_errors() {
        assert!(Lexicon::parse(LEXICON).is_ok());
        assert!(Lexicon::parse("[nonsense]\nen = [\"x\"]").is_err());
        assert!(Lexicon::parse("[promo]\nen = [\"*\"]").is_err());
    }

    #[test]
    fn clicking_is_a_web_channel_only_when_it_points_here() {
        // "Haz clic" is "click", said in every how-to step; "click here" is
        // what a call says, in Spanish as in the other three languages.
        assert!(!signals("Haz clic en Guardar.").contains("channel:web"));
        assert!(
            signals("Haz clic aquí para suscribirte a nuestro boletín.").contains("channel:web")
        );
        assert!(signals("Click here to subscribe.").contains("channel:web"));
    }

    #[test]
    fn an_ip_address_is_no_phone_number() {
        assert!(!phone_number("then open a browser and visit 192.168.1.1."));
        assert!(!phone_number("the router at 10.0.0.138 answers"));
        // Phone numbers written with dots still are.
        assert!(phone_number("Call 555.201.7788 today"));
        assert!(phone_number("Tel. 02.123.45.67"));
        assert!(phone_number("01.23.45.67.89"));
        let step = "Join the Wi-Fi network named Setup, then open a browser and visit 192.168.1.1.";
        assert!(!v(step).signals.to_string().contains("channel:phone"));
    }

    #[test]
    fn signals_read_in_a_fixed_order() {
        let s = signals("Text NEWS to 78723 for our alerts.");
        assert_eq!(s, "imperative+channel:sms+self+own+promo+short");
    }

    #[test]
    fn clause_starts_follow_punctuation_not_abbreviations() {
        let t = "Sign up now. Reply STOP: \"Get it\" at t.me/x or 6:30";
        let starts: Vec<&str> = clause_starts(t).iter().map(|&i| word_at(t, i)).collect();
        assert_eq!(starts, ["Sign", "Reply", "Get"]);
    }

    #[test]
    fn imperatives_by_form() {
        assert!(imperative_form("Partagez-le !", 0));
        assert!(imperative_form("Écoutez ceci", 0));
        assert!(imperative_form("Apúntate hoy", 0));
        assert!(!imperative_form("Película del año", 0));
        assert!(imperative_form("Melden Sie sich an", 0));
        assert!(!imperative_form("Chez nous", 0));
        assert!(!imperative_form("Heute kommen sie", 0));
        assert!(!imperative_form("Después", 0));
    }

    #[test]
    fn channels_found_by_scanners() {
        let s = |t: &str| {
            let mut sig = 0;
            scan_channels(t, &mut sig, &mut |_| {});
            Signals(sig).to_string()
        };
        assert_eq!(s("Email tips@valleyherald.com"), "channel:email");
        assert_eq!(s("Follow @northshore and #CityVotes"), "channel:social");
        assert_eq!(s("Call (555) 201-7788 or 555-0142"), "channel:phone");
        assert_eq!(s("Call +49 30 1234567"), "channel:phone");
        assert_eq!(s("On 2026-04-11, 9,000 homes and 12.03.2024"), "");
        assert_eq!(s("Text HARBOR to 40404"), "channel:sms");
        assert_eq!(s("Funding for NASA to 2030"), "");
        assert_eq!(s("Visit www.example.org today"), "channel:web");
    }

    #[test]
    fn the_site_speaks_of_itself_by_name_and_host() {
        let mut site = Site::default();
        site.add_url("https://www.valleyherald.com/news/x");
        site.add_name("The Valley Herald");
        assert!(site.owns("valleyherald.com"));
        assert!(site.owns("tips.valleyherald.com"));
        assert!(!site.owns("othervalleyherald.com"));
        let p = CtaParams::default();
        let with = score("Get the Valley Herald in your inbox.", &site, false, &p);
        let without = score(
            "Get the Valley Herald in your inbox.",
            &Site::default(),
            false,
            &p,
        );
        assert!(with.signals.has(Signals::SELF), "{:?}", with);
        assert!(!without.signals.has(Signals::SELF));
        assert!(score("Write to tips@valleyherald.com", &site, false, &p)
            .signals
            .has(Signals::SELF));
    }

    #[test]
    fn host_and_label() {
        assert_eq!(
            host_of("https://www.Example.com:8080/a").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            host_of("//news.bbc.co.uk/x").as_deref(),
            Some("news.bbc.co.uk")
        );
        assert_eq!(host_of("not a url"), None);
        assert_eq!(main_label("news.bbc.co.uk"), Some("bbc"));
        assert_eq!(main_label("valleyherald.com"), Some("valleyherald"));
        assert_eq!(main_label("localhost"), None);
    }

    /// The class sequence the model reads: the same shape across
    /// languages, uncued words one `_` between groups, nothing for an
    /// empty line.
    #[test]
    fn cue_classes_are_shared_across_languages() {
        let p = CtaParams::default();
        let site = Site::default();
        let toks = |t: &str| cues(t, &site, false, &p).tokens();
        let pair = |v: &[String]| {
            v.windows(2).any(|w| {
                w[0].split('+').any(|c| c == "self") && w[1].split('+').any(|c| c == "promo")
            })
        };
        for line in [
            "Sign up for our newsletter today!",
            "Abonnez-vous à notre lettre d'information.",
            // A prefix cue ("unser" of "unseren") holds its word's tail.
            "Abonnieren Sie unseren Newsletter!",
        ] {
            let v = toks(line);
            assert!(pair(&v), "{line}: {v:?}");
            assert!(v[0].split('+').any(|c| c == "imperative"), "{line}: {v:?}");
        }
        assert_eq!(toks("The council met on Tuesday."), ["_"]);
        assert!(toks("").is_empty());
        // No two gaps in a row, and a run of words is one gap.
        let v = toks("Members of the board get the report first, and our newsletter too.");
        assert!(v.windows(2).all(|w| w[0] != "_" || w[1] != "_"), "{v:?}");
    }

    #[test]
    fn edges_are_the_first_and_last_kept_lines() {
        let k = Decision::Keep;
        let r = Decision::Remove(crate::select::Reason::Hidden);
        let d = [
            r.clone(),
            k.clone(),
            k.clone(),
            k.clone(),
            k.clone(),
            k.clone(),
            k.clone(),
            r,
        ];
        let e = edges(&d, &CtaParams::default());
        assert_eq!(e, [false, true, true, false, true, true, true, false]);
    }

    /// Teaser labels and a line that opens with "Originally published" are
    /// fixed forms and may decide alone; every other signal needs company.
    #[test]
    fn one_signal_alone_never_reaches_the_threshold() {
        let p = CtaParams::default();
        let best_single = [
            p.imperative,
            p.question,
            p.channel + 2.0 * p.channel_more,
            p.self_ref,
            p.promo + p.promo_more,
            p.syndication,
        ]
        .into_iter()
        .fold(0.0f32, f32::max);
        assert!(best_single + p.short + p.edge < p.threshold);
    }

    /// Byte offsets are sliced everywhere: lines of multi-byte letters,
    /// marks and cue words in every order must never panic.
    #[test]
    fn no_panic_on_awkward_lines() {
        let parts = [
            "¿",
            "Suscríbete",
            "—",
            "é",
            "@",
            "#",
            "5550142",
            "(",
            "«",
            "you",
            "nos",
            "’",
            " ",
            "Sie",
            "-",
            ".",
            "?",
            "Écoutez-nous",
            "t.me/x",
            "our app",
            "ü",
            "😀",
            ":",
        ];
        let site = {
            let mut s = Site::default();
            s.add_url("https://www.exämple.com/");
            s.add_name("Ünïcode Times");
            s
        };
        let p = CtaParams::default();
        let mut n = 0u32;
        for a in parts {
            for b in parts {
                for c in parts {
                    for line in [
                        format!("{a}{b}{c}"),
                        format!("{a} {b} {c}"),
                        format!("{c}{a} {b}"),
                    ] {
                        let _ = score(&line, &site, n % 2 == 0, &p);
                        let _ = judge(&line, &site, true, &p);
                        n += 1;
                    }
                }
            }
        }
        assert!(n > 10_000);
    }

    /// The forms the second round added: German du imperatives (a verb
    /// then the reader or the publisher, not a preposition), SMS keywords
    /// after a texting verb, teaser labels of a few label words, ad labels.
    #[test]
    fn second_round_forms() {
        assert!(imperative_form("Lass dich informieren", 0));
        assert!(imperative_form("Schreibt uns", 0));
        assert!(!imperative_form("Für dich gebacken", 0));
        assert!(!imperative_form("Mit uns sprach niemand", 0));
        assert!(short_code("Get updates: reply COURT to this number."));
        assert!(short_code("Text HELP for help."));
        assert!(!short_code("Lawmakers voted to send NATO a letter."));
        let s = |t: &str| signals(t);
        assert!(s("MORE FROM THE LEDGER: Council sets date").contains("teaser"));
        assert!(!s("Popular Furniture Styles: An Overview").contains("teaser"));
        assert!(!s("More than 300 people came: the hall was full.").contains("teaser"));
        assert!(s("Advertisement · Continue reading").contains("ad-label"));
        assert!(!s("The ad campaign continues after the summer break.").contains("ad-label"));
        assert!(s("Sponsored content from Northwind Bank.").contains("ad-label"));
    }

    /// A call to action: the line reaches the threshold in the middle of
    /// the text, no site names.
    fn is_cta(text: &str) -> bool {
        judge(text, &Site::default(), false, &CtaParams::default()).is_some()
    }

    /// A referral programme's ask is a promotional object: with the
    /// imperative and the perk it is a call; a coach's advice or a report
    /// on a scheme stays.
    #[test]
    fn a_referral_ask_is_a_call() {
        assert!(is_cta("Refer a friend and you'll both get a free month"));
        assert!(is_cta("Parrainez un ami et recevez 10 € chacun"));
        assert!(is_cta("Freunde werben und 20 € Prämie sichern"));
        assert!(!is_cta("Invite a friend to the gym, the coach advised."));
        assert!(!is_cta(
            "The bank paid out $2m through its refer-a-friend scheme last year."
        ));
    }

    /// Third round (issue 14): each form catches its lines and leaves the
    /// article or how-to sentence next to it alone.
    #[test]
    fn third_round_forms() {
        // A code to type at checkout, with a price cut, in a short line.
        assert!(is_cta("Save 15% with promo code SPRING15 at checkout."));
        assert!(is_cta(
            "Cupón VERANO20 para 20 % de descuento en toda la tienda."
        ));
        assert!(is_cta(
            "Mit dem Gutscheincode HERBST15 sparen Sie 15 % auf Ihre nächste Bestellung."
        ));
        assert!(!is_cta(
            "Enter the code ABC123 shown on your TV to pair the remote."
        ));
        assert!(!signals("The Black Friday campaign offers 50% off on all hands-on application security training courses and is valid November 26 to December 3, 2025. Use code BFCM50.").contains("coupon"));
        // A press contact card; a business's own number is its content.
        assert!(is_cta(
            "Media contact: Dana Whitfield, dana.whitfield@brightlanepr.com, +1 (312) 555-0176"
        ));
        assert!(is_cta(
            "Kontakt zur Lokalredaktion: Tel. 0821 555 310, lokales@stadtanzeiger.de"
        ));
        assert!(!is_cta("Phone number: 615 682 4939"));
        assert!(!is_cta("Telefon: 0821 555 310, E-Mail: info@praxis-ulm.de"));
        // A verb of reaching with an address, in a short line; not code.
        assert!(is_cta(
            "Reach the sports desk at sports@ridgebacksports.net or @RidgebackDesk."
        ));
        assert!(!is_cta("message = @client"));
        assert!(!signals("Call LakeCrest Dental at 918-205-4492 or contact us online to schedule your appointment in Broken Arrow, OK. This partnership can turn your 2025 dental resolutions into lifelong habits that support both your oral health.").contains("imperative"));
        // Paywalls: the text held back, the reader's meter.
        assert!(is_cta("Cet article est réservé aux abonnés."));
        assert!(is_cta(
            "This story is available exclusively to subscribers."
        ));
        assert!(!is_cta(
            "The museum's archive is reserved for members of the historical society."
        ));
        assert!(is_cta(
            "You have 2 free articles remaining. Register for unlimited access."
        ));
        assert!(!is_cta(
            "The paper gives readers five free articles a month before its paywall starts."
        ));
        // Cookie notices, not reports on cookie rules or recipes.
        assert!(is_cta("Utilizamos cookies propias y de terceros para mejorar nuestros servicios. Si continúa navegando, consideramos que acepta su uso."));
        assert!(!is_cta("Regulators fined the retailer €5 million for making it harder to reject cookies than to accept them."));
        assert!(!is_cta(
            "Let the cookies cool on the tray, then you can dust them with sugar."
        ));
        // Notices about the text.
        assert!(is_cta("Correction: An earlier version of this story misstated the date of the council vote. It was Feb. 12."));
        assert!(is_cta("About Veltrix Systems: Veltrix Systems is a leading provider of cloud-based logistics software."));
        assert!(!is_cta(
            "About the author: she has covered the harbour for ten years."
        ));
        assert!(!is_cta("Note that all of this data comes from our own IB+ Data Hub. Subscribe today for more information like this, with much more depth!"));
        // Steps of a procedure are instructions; the publisher's plug is not.
        assert!(!is_cta("Subscribe to the channel in the app, then tap the bell icon to get notified about new episodes."));
        assert!(!is_cta("To cancel, open the Settings app, tap your name, select Subscriptions and choose the plan."));
        assert!(is_cta(
            "Subscribe to our YouTube channel, then tap the bell so you never miss an episode."
        ));
        // German requests by form.
        assert!(german_infinitive_request(
            "Jetzt reinhören: Die neue Folge",
            0
        ));
        assert!(german_infinitive_request(
            "Einfach bis Sonntag teilnehmen.",
            0
        ));
        assert!(!german_infinitive_request("Jetzt im Handel: Das Buch", 0));
        assert!(!german_infinitive_request("Jetzt ist es zu spät.", 0));
        // Teaser labels with a bar or an angle, and in capitals outside ASCII.
        assert!(
            signals("ALSO READ | Police seek driver in Elm St. hit-and-run").contains("teaser")
        );
        assert!(
            signals("LEE TAMBIÉN: El precio de la luz baja un 12 % este domingo")
                .contains("teaser")
        );
        assert!(!signals("Popular Furniture Styles | An Overview").contains("teaser"));
        assert!(signals("MORE FROM THE HERALD:").contains("teaser"));
        assert!(!signals("See also:").contains("teaser"));
        // The WordPress footer in French and Spanish; not a first appearance.
        assert!(is_cta("L'article Comment bien choisir son vélo électrique est apparu en premier sur Vélo Pratique."));
        assert!(is_cta("La entrada Cinco trucos para ahorrar luz en invierno se publicó primero en Hogar Verde."));
        assert!(!is_cta(
            "El texto apareció primero en una revista universitaria."
        ));
    }

    /// A sign-up weighs little with nothing on offer named, and an offline
    /// place takes weight away unless the line gives a channel.
    #[test]
    fn sign_ups_need_something_on_offer() {
        let p = CtaParams::default();
        let desk = v("Inscríbete en el polideportivo antes del viernes.");
        assert!(desk.score < p.threshold, "{desk:?}");
        let brief = v("Sign up for The Morning Brief.");
        assert!(brief.complete && brief.score >= p.threshold, "{brief:?}");
        assert!(v("Sign up at the front desk.")
            .signals
            .has(Signals::OFFLINE));
        let call = v("Sign up at the front desk or call 555-201-7788.");
        assert!(!call.signals.has(Signals::OFFLINE), "{call:?}");
    }

    /// Issue 14, fifth round: a seller's pitch on company blogs and SaaS
    /// pages (a question to the reader then a button, a trial or demo in a
    /// short line, "talk to our experts", a "you might also like" head), in
    /// four languages; the article sentences and how-to steps that share
    /// their words stay, and a service page's profile turns the pitch off.
    #[test]
    fn a_sellers_pitch_is_a_call_and_its_near_misses_stay() {
        for line in [
            "Ready to simplify your nutrition? Get started today.",
            "Want to see how it works? Learn more here.",
            "Bereit für mehr? Jetzt loslegen.",
            "Prêt à vous lancer ? Commencez dès maintenant.",
            "¿Listo para empezar? Empieza hoy mismo.",
            "Start your free trial today!",
            "Try it free for 14 days.",
            "Get started with a 14-day free trial today!",
            "Request a demo",
            "Starten Sie jetzt Ihre kostenlose Testphase!",
            "Commencez votre essai gratuit dès aujourd'hui.",
            "Empieza tu prueba gratuita hoy.",
            "Stop Searching & Start Winning. Talk To Our Social Media Marketing Experts",
            "Sprechen Sie mit unseren Experten.",
            "If you liked this post you might also like:",
            "You may be interested in the following topics as well",
            "Das könnte Sie auch interessieren",
            "Vous aimerez aussi ces articles",
        ] {
            assert!(is_cta(line), "{line}: {}", v(line).signals);
        }
        for line in [
            "The company offers a 14-day free trial, reviewers noted.",
            "Ready to eat in 20 minutes, the dish suits weeknights.",
            "Click Get started and choose a plan.",
            "Want to know the secret? Add the butter while the pan is cold.",
            "Talk to your doctor before starting the supplement.",
            "You might also like the lemon variation, which uses half the sugar.",
            "Want to verify coverage? Get started with the state marketplace to compare plans.",
            "Start your free 14-day trial and make pricing the easiest part of your business.",
            "Submit the form. Book a calendar slot and schedule a meeting.",
            "Para recibir el resultado de la prueba, el paciente debe registrar su correo.",
            "Connect with your client's favourite tools through the headless API.",
        ] {
            assert!(!is_cta(line), "{line}: {}", v(line).signals);
        }
        // As the service profile sets them (select::params).
        let service = CtaParams {
            marketing: false,
            trial_max_chars: 0,
            label_words: 0,
            model_threshold: 2.0,
            ..CtaParams::default()
        };
        for line in [
            "Start your free trial today!",
            "Ready to simplify your nutrition? Get started today.",
            "Get a Free Consultation",
        ] {
            assert!(is_cta(line), "{line}");
            assert!(
                judge(line, &Site::default(), false, &service).is_none(),
                "{line}"
            );
        }
    }

    /// A line opening with a name, "is a" and a word for a writer is the
    /// author's bio at the edge of the text, with no way to reach them;
    /// in the middle of a story, or someone in another trade, it stays.
    #[test]
    fn a_writers_bio_at_the_edge_is_a_bio_box() {
        let p = CtaParams::default();
        let site = Site::default();
        for line in [
            "Yaren Fadiloglulari is a freelance writer and researcher.",
            "Kelia Losa Reinoso is a content writer at Tastewise with more than five years of experience in journalism.",
            "Anna Berger ist freie Journalistin in Leipzig.",
            "Claire Dubois est rédactrice web depuis 2015.",
            "Lucía Gómez es periodista y escritora.",
        ] {
            assert!(judge(line, &site, true, &p).is_some(), "{line}: {}", score(line, &site, true, &p).signals);
            assert!(judge(line, &site, false, &p).is_none(), "{line}");
        }
        for line in [
            "Maren Okafor is a retired engineer who fished from the pier for forty years.",
            "The writer is a former fisherman from the harbour.",
            "Meine Mutter ist Journalistin.",
        ] {
            assert!(judge(line, &site, true, &p).is_none(), "{line}");
        }
    }

    #[test]
    fn long_lines_are_not_judged() {
        let p = CtaParams::default();
        let long = format!("Sign up for our newsletter. {}", "word ".repeat(120));
        assert!(judge(&long, &Site::default(), true, &p).is_none());
        assert!(judge("Sign up for our newsletter.", &Site::default(), false, &p).is_some());
    }

    /// Sixth round (issue 14, read off set 7 by cause): each form catches
    /// its lines and leaves the article sentence next to it alone.
    #[test]
    fn sixth_round_forms() {
        // Sign-offs: thanks for reading or a farewell, every sentence one.
        for line in [
            "Thanks for reading! See you next week.",
            "Danke fürs Lesen! Bis nächste Woche.",
            "Merci de nous avoir lu ! À la semaine prochaine.",
            "Until tomorrow, The Morning Team",
        ] {
            called_for("signoff", line);
        }
        never_called(&[
            "\"Thank you for everything,\" the widow wrote in a letter read out at the funeral.",
            "Thank you for your patience while we repair the road, the sign reads.",
            "Thanks for reading the report so carefully, the judge told the clerk.",
        ]);
        // Price offers: a label and a price, or a bargain price per period.
        for line in [
            "Offre spéciale : 1 € le premier mois, sans engagement.",
            "Digital-Abo für nur 0,99 € im ersten Monat – danach monatlich kündbar.",
            "¡Solo hoy! Envío gratis en todos los pedidos a partir de 30 €.",
            "Now hiring: part-time sports stringers for Friday night football.",
        ] {
            called_for("price-offer", line);
        }
        never_called(&[
            "L'offre coûte 12 euros par mois, selon le communiqué.",
            "Offer: the council's plan for the pier, explained.",
        ]);
        // Buttons acting on the page, cookie labels, widgets with buttons.
        for line in [
            "Print this page",
            "Bookmark this story",
            "Report an issue with this page",
            "Reject non-essential cookies",
            "Política de cookies",
            "Quick question: How did you hear about us? [Answer]",
            "Allow notifications? We'll only ping you for the big stories. [Not now] [Allow]",
        ] {
            assert!(called(line), "{line}: {}", signals(line));
        }
        never_called(&[
            "In this article",
            "About this site",
            "Chocolate chip cookies",
            "Why did you leave the band? [Laughs]",
        ]);
        // Teaser labels in brackets, after an arrow, a related head with a
        // title; a heading alone stays.
        for line in [
            "[Read next] How one school cut absences in half",
            "Auch interessant ➤ Die zehn schönsten Wanderwege im Harz",
            "Vous aimerez aussi : Tarte aux pommes facile en 20 minutes",
            "More from this author →",
        ] {
            assert!(
                signals(line).contains("teaser"),
                "{line}: {}",
                signals(line)
            );
        }
        for line in ["Further Reading", "See also:"] {
            assert!(!called(line), "{line}: {}", signals(line));
        }
        // (The rules let "UP NEXT" stand too; the learned model, which
        // judges lines of two words or more, takes it as a teaser's label.)
        assert!(!v("UP NEXT").complete);
        assert!(called("UP NEXT"), "{}", signals("UP NEXT"));
        // A German button ending on its infinitive; a statement's subject.
        assert!(called(
            "Push-Mitteilungen aktivieren und keine Eilmeldung mehr verpassen."
        ));
        assert!(german_infinitive_button("In der App weiterlesen", 0));
        assert!(!german_infinitive_button("Die Preise steigen", 0));
        // A capitalised infinitive with a finite verb after it is a noun.
        assert!(!called(
            "Spenden an gemeinnützige Organisationen können von der Steuer abgesetzt werden."
        ));
        // A service's terms open a clause; a report's do not.
        assert!(signals("Text NEWS to 78723. Reply STOP to cancel.").contains("terms"));
        assert!(!called(
            "Under the new rules, carriers must let customers reply STOP to end marketing texts."
        ));
        // A virtual place is no place to go in person.
        assert!(
            !signals("Sign up for our newsletter at the virtual town hall.").contains("offline")
        );
        assert!(signals("Sign up for our newsletter at the town hall.").contains("offline"));
        // Emoji set a clause apart: the verb after one is at a clause start.
        assert!(called(
            "GIVEAWAY 🎉 Comment your favorite pie below and tag a friend to enter. Winner picked Friday!"
        ));
    }

    // The tenth round's signals, each on wordings of our own: it fires on
    // its shape and not on the near miss it was narrowed for.

    /// `text` is a call to action under the rules with `p`.
    fn called_with(text: &str, p: &CtaParams) -> bool {
        // (The learned model's second opinion is off: these are the rules.)
        let p = &CtaParams {
            model_threshold: 2.0,
            ..p.clone()
        };
        judge(text, &Site::default(), false, p).is_some()
    }

    #[test]
    fn a_shop_nudge_presses_a_service_with_a_value_on_the_reader() {
        for line in [
            "You're only $8 away from free delivery!",
            "FREE SHIPPING ON EVERY ORDER OVER $60",
            "Plus que 5 € pour profiter de la livraison offerte.",
            "Fast dispatch · Free returns · Secure payment",
            "Kostenloser Rückversand für alle Bestellungen – nur dieses Wochenende!",
        ] {
            called_for("shop-nudge", line);
        }
        // A shop's plain terms are a product's copy; a step at the till
        // offers nothing; a report names a price but presses nothing.
        never_signalled(
            "shop-nudge",
            &[
                "Free shipping on orders over $50",
                "Livraison gratuite dès 50 €",
                "Scan the barcode at the self-checkout and pay by card.",
                "Shipping costs rose 12% last year.",
                "Add a personalised engraving of up to twenty characters for a one-off fee of £5.",
            ],
        );
        // On a shop's own pages the nudge is its content (what the learned
        // model makes of the line is its own second opinion).
        let product = CtaParams {
            cart: false,
            ..CtaParams::default()
        };
        let line = "You're only $8 away from free delivery!";
        let v = score(line, &Site::default(), false, &product);
        assert!(!v.signals.has(Signals::SHOP_NUDGE), "{}", v.signals);
        assert!(money("ab 29 € Bestellwert") && money("$24.99") && !money("US$ rates"));
        assert!(shouted("FREE U.S. SHIPPING TODAY") && !shouted("Free U.S. shipping"));
        assert!(short_of("Spend £30 more to get it") && !short_of("Orders over £30 ship free"));
    }

    #[test]
    fn an_exit_pop_up_holds_the_reader_leaving() {
        for line in [
            "Hang on! Before you leave…",
            "Vous partez déjà ? Voici 15 % de réduction.",
            "No te vayas sin tu descuento de bienvenida.",
            // "without" and its kin close the clause at the line's end too.
            "Wait! Don't leave empty-handed!",
            "No thanks, I'll pay more later.",
            "Nein danke, ich brauche keine Angebote.",
        ] {
            called_for("exit-popup", line);
        }
        never_signalled(
            "exit-popup",
            &[
                "Before you go to bed, switch off the router.",
                "\"Leaving so soon?\" she asked.",
                "No thanks, the council replied.",
            ],
        );
    }

    #[test]
    fn a_footer_row_holds_two_of_the_sites_own_pages() {
        for line in [
            "Imprint | Privacy policy | Terms of use",
            "Aviso legal · Contacto · Mapa del sitio",
            "Deutsch · English · Français",
        ] {
            called_for("button", line);
        }
        for line in [
            "Weight: 1.2 kg · Dimensions: 32 × 22 cm",
            "Prices · Opening hours · Contact",
            "Read our privacy policy and terms before you decide.",
        ] {
            // The rules, not the model: retrained on set 11, the model's
            // second opinion takes the second line as a menu's row, which
            // it is; what this asserts is that one page of the site's own
            // in a row is not yet the footer's row.
            let rules_call = called_with(line, &CtaParams::default());
            assert!(!rules_call, "{line}: {}", signals(line));
        }
    }

    #[test]
    fn a_members_statistics_are_a_posts_chrome() {
        for line in [
            "Member since: June 2018",
            "Beiträge: 2.417",
            "Inscrit depuis : 2016",
        ] {
            called_for("button", line);
        }
        never_called(&[
            "Posts from the archive are shown below.",
            "Joined the club in 2019 and never left.",
            "Messages: what the study says about texting at night",
        ]);
    }

    #[test]
    fn a_countdown_ticks_or_counts_the_time_left_of_a_sale() {
        assert!(matches!(
            countdown("Offer ends in 01:02:03"),
            Countdown::Ticking
        ));
        assert!(matches!(
            countdown("Order in 3 hrs 20 mins"),
            Countdown::Ticking
        ));
        assert!(matches!(countdown("Sale ends in 4 days"), Countdown::Left));
        assert!(matches!(countdown("Sale ends Mar 9"), Countdown::None));
        called_for("price-offer", "Sale ends in 4 days");
        called_for(
            "price-offer",
            "Order in the next 3 hrs 20 mins for delivery tomorrow",
        );
        // A date is a card's; a match's clock names no sale.
        never_called(&[
            "Sale ends Mar 9",
            "Kick-off in 01:30:00",
            "The film ends in 2 hours.",
        ]);
    }

    #[test]
    fn a_lead_magnet_is_free_and_short() {
        for line in ["Grab your free workbook.", "Descarga gratis la plantilla."] {
            called_for("promo", line);
        }
        never_called(&[
            "Follow the guide below to repot the plant.",
            "If you are interested, they are now available as free PDFs from the author's site, not an affiliate link, just a fan.",
        ]);
    }

    #[test]
    fn a_players_control_in_a_label_is_its_chrome() {
        for line in ["Autoplay: Off", "Vidéo précédente", "Activar sonido"] {
            called_for("button", line);
        }
        assert!(!called(
            "Autoplay videos drain the battery faster, the study found."
        ));
        let docs = CtaParams {
            label_words: 0,
            ..CtaParams::default()
        };
        assert!(!called_with("Autoplay: Off", &docs));
    }

    #[test]
    fn a_step_names_the_settings_menu_it_is_done_in() {
        for line in [
            "Pour changer votre adresse e-mail, allez dans les paramètres puis Profil.",
            "Para silenciar las notificaciones, entra en Ajustes y desactívalas.",
        ] {
            assert!(signals(line).contains("steps"), "{line}: {}", signals(line));
            assert!(!called(line), "{line}: {}", signals(line));
        }
    }

    #[test]
    fn a_shops_box_of_what_the_reader_viewed_is_a_related_head() {
        for line in [
            "Recently viewed",
            "Zuletzt angesehen",
            "Articles récemment consultés",
        ] {
            called_for("teaser", line);
        }
        // Not "similar items": a marketplace's listing shows them as its
        // matter (WCEB product pages lost with it).
        never_called(&[
            "Similar items",
            "I recently viewed the house on Elm Street.",
        ]);
    }

    #[test]
    fn the_readers_comment_and_an_age_check_are_site_notices() {
        for line in [
            "Your comment is awaiting moderation.",
            "Votre commentaire est en attente de modération.",
            "You must be of legal drinking age to buy from us.",
        ] {
            called_for("site-notice", line);
        }
        assert!(!called(
            "The council said the legal drinking age would not change."
        ));
    }
}
