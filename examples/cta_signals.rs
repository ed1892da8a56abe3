//! What the call-to-action rules make of each line on stdin, for
//! `scripts/train_cta_model.py`: the model's stacked features are the rules'
//! output (`unboil::cta::cues`), and the script must see the very values
//! the library computes.
//!
//! ```text
//! cargo run -q --profile quick --example cta_signals < lines.txt
//! ```
//!
//! One TSV row per input line: the signal bits (as judged in the middle of
//! a text, no site), the score, complete (0/1), whether the rules alone
//! take the line in the middle and at the edge of the text (0/1), the cue
//! class tokens separated by spaces (`-` when the line is empty), and the
//! line.

#![forbid(unsafe_code)]

use std::io::{self, BufRead, BufWriter, Write};

use unboil::cta::{self, CtaParams, Site};

fn main() -> io::Result<()> {
    let p = CtaParams::default();
    // The rules alone: a threshold no probability reaches.
    let rules = CtaParams {
        model_threshold: 2.0,
        ..CtaParams::default()
    };
    let site = Site::default();
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        let t = line.trim();
        let c = cta::cues(t, &site, false, &p);
        let mid = cta::judge(t, &site, false, &rules).is_some();
        let edge = cta::judge(t, &site, true, &rules).is_some();
        let tokens = c.tokens().join(" ");
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            c.verdict.signals.0,
            c.verdict.score,
            u8::from(c.verdict.complete),
            u8::from(mid),
            u8::from(edge),
            if tokens.is_empty() { "-" } else { &tokens },
            t.replace('\t', " "),
        )?;
    }
    out.flush()
}
