//! Text from the file, made safe to show. The file's bytes stay exact; only what is printed changes.
//!
//! A hand-edited or planted ladder can hold terminal escapes (ESC, OSC 52 that writes the clipboard, OSC 8
//! links, BEL), C1 controls and bidirectional overrides that make text read differently from what it is. On a
//! terminal and in the Markdown and CSV exports each of them is shown visibly escaped, in one form:
//! `\t`, `\n` and `\r` for those three, `\u{1b}` (lowercase hex, as Rust writes it) for every other. A
//! backslash already in the text is shown as it is. JSON needs none of this: its strings are escaped already.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::model::Ladder;

/// Whether a character must not reach a terminal as it is: a control character (C0, DEL, C1), a
/// bidirectional mark, embedding, override or isolate, or a Unicode line or paragraph separator.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// One line of text, every unsafe character escaped: what a terminal may print.
pub fn line(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// Text that may hold several lines (a note, a story, a CSV cell): its line breaks (`\n`, `\r\n`) kept,
/// every other unsafe character escaped, a lone `\r` included.
pub fn lines(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

/// A note or a story on one line, as the terminal shows them: each line break a space.
pub fn flat(text: &str) -> Cow<'_, str> {
    if !plain(text) && text.contains('\n') {
        Cow::Owned(line(&text.replace("\r\n", " ").replace('\n', " ")).into_owned())
    } else {
        line(text)
    }
}

/// Whether the text is printable ASCII alone, as most text is: then it is shown as it is, and has no line
/// break. Checked in one pass with no early exit, which the compiler vectorises: the char-by-char check alone
/// cost 10k `next` (3 MB of text) about 7 ms, and a byte-at-a-time check that stops early a tenth of that.
#[allow(clippy::needless_bitwise_bool, reason = "no early exit, so that the loop vectorises")]
fn plain(text: &str) -> bool {
    text.bytes().fold(true, |plain, b| plain & (b' '..=b'~').contains(&b))
}

fn escape(text: &str, keep_breaks: bool) -> Cow<'_, str> {
    if plain(text) || !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' if keep_breaks => shown.push('\n'),
            '\r' if keep_breaks && chars.peek() == Some(&'\n') => shown.push('\r'),
            '\t' => shown.push_str("\\t"),
            '\n' => shown.push_str("\\n"),
            '\r' => shown.push_str("\\r"),
            c if is_unsafe(c) => {
                let _ = write!(shown, "\\u{{{:x}}}", u32::from(c));
            }
            c => shown.push(c),
        }
    }
    Cow::Owned(shown)
}

/// Every text of a ladder made safe to show on a terminal, in place; notes and stories on one line.
/// For human output only: JSON and the file itself keep the exact text.
pub fn ladder(ladder: &mut Ladder) {
    for rung in &mut ladder.rungs {
        shown_line(&mut rung.ask);
        (rung.who.iter_mut().chain(&mut rung.fear).chain(&mut rung.place))
            .chain(&mut rung.tags)
            .chain(&mut rung.safety)
            .for_each(shown_line);
    }
    for attempt in &mut ladder.attempts {
        attempt.note.iter_mut().for_each(shown_flat);
        attempt.learned.iter_mut().for_each(shown_flat);
        attempt.used.iter_mut().chain(&mut attempt.dropped).for_each(shown_line);
    }
    for hesitation in &mut ladder.hesitations {
        shown_line(&mut hesitation.text);
        hesitation.story.iter_mut().for_each(shown_flat);
    }
    for gift in &mut ladder.gifts {
        shown_line(&mut gift.to);
        shown_line(&mut gift.text);
    }
}

/// Whether `ladder` (above) would change any text: the same texts, looked at without changing them.
pub fn needed(ladder: &Ladder) -> bool {
    let changes = |text: &String| matches!(line(text), Cow::Owned(_));
    let changes_flat = |text: &String| matches!(flat(text), Cow::Owned(_));
    ladder.rungs.iter().any(|r| {
        changes(&r.ask) || r.who.iter().chain(&r.fear).chain(&r.place).chain(&r.tags).chain(&r.safety).any(changes)
    }) || ladder
        .attempts
        .iter()
        .any(|a| a.note.iter().chain(&a.learned).any(changes_flat) || a.used.iter().chain(&a.dropped).any(changes))
        || ladder.hesitations.iter().any(|h| changes(&h.text) || h.story.iter().any(changes_flat))
        || ladder.gifts.iter().any(|g| changes(&g.to) || changes(&g.text))
}

fn shown_line(text: &mut String) {
    if let Cow::Owned(shown) = line(text) {
        *text = shown;
    }
}

fn shown_flat(text: &mut String) {
    if let Cow::Owned(shown) = flat(text) {
        *text = shown;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attempt, Gift, Hesitation, Outcome, Rung};

    #[test]
    fn plain_text_is_borrowed_untouched() {
        for text in ["Ask Sam for help", "ünïcödé 😀 “quoted” \\ back-slash", "שלום عربي"] {
            assert!(matches!(line(text), Cow::Borrowed(t) if t == text), "{text}");
        }
    }

    #[test]
    fn terminal_escapes_are_shown_not_obeyed() {
        assert_eq!(line("\x1b[31mred\x1b[0m"), "\\u{1b}[31mred\\u{1b}[0m");
        assert_eq!(line("\x1b]52;c;aGk=\x07"), "\\u{1b}]52;c;aGk=\\u{7}");
        assert_eq!(line("\x1b]8;;http://x\x1b\\link"), "\\u{1b}]8;;http://x\\u{1b}\\link");
        assert_eq!(line("C1 \u{9b}2J and DEL \u{7f}"), "C1 \\u{9b}2J and DEL \\u{7f}");
        assert_eq!(line("tab\there"), "tab\\there");
    }

    #[test]
    fn bidi_controls_are_shown() {
        assert_eq!(line("abc\u{202e}fed"), "abc\\u{202e}fed");
        for c in ['\u{061c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{2066}', '\u{2069}', '\u{2028}'] {
            assert!(!line(&format!("a{c}b")).contains(c), "{c:?}");
        }
    }

    #[test]
    fn line_breaks_are_kept_only_where_text_has_lines() {
        assert_eq!(line("one\ntwo\r\nthree"), "one\\ntwo\\r\\nthree");
        assert_eq!(lines("one\ntwo\r\nthree"), "one\ntwo\r\nthree");
        assert_eq!(lines("over\rwrite"), "over\\rwrite", "a lone CR would overwrite the line");
        assert_eq!(flat("one\ntwo\r\nthree\rfour"), "one two three\\rfour");
    }

    proptest::proptest! {
        #[test]
        fn nothing_unsafe_is_ever_shown(text in "(\\PC|\\p{Cc}|\\p{Cf}|[\\u{2028}\\u{2029}\\n\\r\\t])*") {
            proptest::prop_assert!(!line(&text).chars().any(is_unsafe));
            proptest::prop_assert!(!flat(&text).chars().any(is_unsafe));
            let kept = lines(&text);
            proptest::prop_assert!(!kept.replace("\r\n", "").replace('\n', "").chars().any(is_unsafe));
            proptest::prop_assert_eq!(kept.matches('\n').count(), text.matches('\n').count());
            // What is safe already is shown as it is.
            let safe: String = text.chars().filter(|c| !is_unsafe(*c)).collect();
            proptest::prop_assert_eq!(line(&safe), safe.as_str());
        }
    }

    #[test]
    fn a_ladder_needs_showing_safely_exactly_when_a_text_in_it_would_change() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-22T10:00:00+01:00").unwrap();
        let plain = Ladder {
            rungs: vec![Rung {
                who: Some("José".into()),
                fear: Some("a no".into()),
                place: Some("desk".into()),
                tags: vec!["work".into()],
                ..Rung::new(1, "Ask Sam", 30)
            }],
            attempts: vec![Attempt { note: Some("fine".into()), ..Attempt::new(1, 1, at, Outcome::Yes) }],
            hesitations: vec![Hesitation {
                id: 1,
                uid: "h1".into(),
                at,
                text: "did not ask".into(),
                story: Some("busy".into()),
                stakes: None,
                rung: None,
            }],
            gifts: vec![Gift { id: 1, uid: "g1".into(), at, to: "Sam".into(), text: "a review".into() }],
            ..Ladder::default()
        };
        assert!(!needed(&plain));
        let edits: [fn(&mut Ladder, String); 10] = [
            |l, t| l.rungs[0].ask = t,
            |l, t| l.rungs[0].who = Some(t),
            |l, t| l.rungs[0].fear = Some(t),
            |l, t| l.rungs[0].place = Some(t),
            |l, t| l.rungs[0].tags.push(t),
            |l, t| l.attempts[0].note = Some(t),
            |l, t| l.hesitations[0].text = t,
            |l, t| l.hesitations[0].story = Some(t),
            |l, t| l.gifts[0].to = t,
            |l, t| l.gifts[0].text = t,
        ];
        for (n, edit) in edits.iter().enumerate() {
            let mut ladder = plain.clone();
            edit(&mut ladder, "a\x1b[2Jb".into());
            assert!(needed(&ladder), "text {n}");
            let mut shown = ladder.clone();
            super::ladder(&mut shown);
            assert_ne!(shown, ladder, "text {n}");
        }
    }

    #[test]
    fn a_whole_ladder_is_shown_safely() {
        let mut ladder = Ladder {
            rungs: vec![Rung {
                who: Some("S\x1bam".into()),
                tags: vec!["\u{202e}work".into()],
                ..Rung::new(1, "Ask\x07", 30)
            }],
            attempts: vec![Attempt {
                uid: "a1".into(),
                note: Some("fine\n#2 fake line".into()),
                ..Attempt::new(
                    1,
                    1,
                    chrono::DateTime::parse_from_rfc3339("2026-11-22T10:00:00+01:00").unwrap(),
                    Outcome::Yes,
                )
            }],
            ..Ladder::default()
        };
        assert!(needed(&ladder));
        super::ladder(&mut ladder);
        assert!(!needed(&ladder), "shown once is safe");
        assert_eq!(ladder.rungs[0].ask, "Ask\\u{7}");
        assert_eq!(ladder.rungs[0].who.as_deref(), Some("S\\u{1b}am"));
        assert_eq!(ladder.rungs[0].tags, ["\\u{202e}work"]);
        assert_eq!(ladder.attempts[0].note.as_deref(), Some("fine #2 fake line"));
    }
}
