//! Sentences folded to the terminal's width: at spaces, never inside a command a person copies.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` with each line wider than `width` broken at spaces into lines that fit, each continuation indented as
/// its line was (a line of columns lined up with two spaces or more is left whole). A command to copy (`ladder
/// fix 3 --learned "..."`, or anything in backticks) is never broken: it moves to a line of its own and stays
/// whole there, however long. Colour escapes take no width. With no
/// width known (a pipe, a file, a test) the text is as it was, byte for byte.
pub fn wrap(text: &str, width: Option<u16>) -> String {
    let Some(width) = width.map(usize::from).filter(|w| *w > 0) else { return text.to_string() };
    if text.lines().all(|line| shown_width(line) <= width) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let indent = &body[..body.len() - body.trim_start_matches(' ').len()];
        if shown_width(body) <= width {
            out.push_str(line);
            continue;
        }
        // A line of columns lined up with spaces (`history`'s list) is a table's: its last column folds under
        // itself, the columns before it kept as they are, or the line is left whole when that leaves too little
        // room. One gap of two spaces (after a full stop, in a person's note) is not a table.
        let (head, rest) = if body[indent.len()..].trim_end().matches("  ").count() > 1 {
            let gap = body.trim_end().rfind("  ").map_or(0, |at| at + 2);
            if width.saturating_sub(shown_width(&body[..gap])) < HANG_LEAST {
                out.push_str(line);
                continue;
            }
            (&body[..gap], &body[gap..])
        } else {
            (indent, &body[indent.len()..])
        };
        let hang = " ".repeat(shown_width(head));
        let mut first = true;
        let mut current = String::new();
        let room = width.saturating_sub(hang.len());
        let mut flush = |out: &mut String, current: &mut String| {
            out.push_str(if first { head } else { &hang });
            out.push_str(current);
            out.push('\n');
            current.clear();
            first = false;
        };
        for mut piece in glued(pieces(rest)) {
            // A run of Chinese or Japanese wider than a line breaks between its characters, as those scripts do.
            while shown_width(&piece) > room && !piece.contains(['`', '\x1b']) {
                let left = if current.is_empty() { room } else { room.saturating_sub(shown_width(&current) + 1) };
                match split_wide(&piece, left) {
                    Some((fits, after)) => {
                        if !current.is_empty() {
                            current.push(' ');
                        }
                        current.push_str(fits);
                        flush(&mut out, &mut current);
                        piece = after.to_string();
                    }
                    None if current.is_empty() => break,
                    None => flush(&mut out, &mut current),
                }
            }
            let joined = shown_width(&current) + 1 + shown_width(&piece);
            if !current.is_empty() && hang.len() + joined > width {
                flush(&mut out, &mut current);
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(&piece);
        }
        out.push_str(if first { head } else { &hang });
        out.push_str(&current);
        out.push_str(end);
    }
    out
}

/// `piece` cut where a line may break inside it (beside a wide character: Chinese, Japanese) so that the first
/// part is as long as fits in `room` columns; `None` when no such place is within them.
fn split_wide(piece: &str, room: usize) -> Option<(&str, &str)> {
    let mut used = 0;
    let mut cut = None;
    let mut before: Option<char> = None;
    for (at, ch) in piece.char_indices() {
        let wide = |c: char| c.width().unwrap_or(0) > 1;
        // Never before closing punctuation, which ends its phrase ("。", "、", "」").
        let closing = "。、，．！？）」』】〕ー々".contains(ch);
        if before.is_some_and(|b| wide(b) || wide(ch)) && !closing && used <= room {
            cut = Some(at);
        }
        used += ch.width().unwrap_or(0);
        if used > room {
            break;
        }
        before = Some(ch);
    }
    cut.filter(|at| *at > 0).map(|at| piece.split_at(at))
}

/// The fewest columns a table's last column folds into: narrower, its line is left whole.
const HANG_LEAST: usize = 12;

/// A person's words (a note, a story) as a paragraph: its spaces and line breaks made single spaces, each line
/// starting with `indent`, folded as `wrap` folds (never inside a command in backticks), ended by a newline.
/// With no width known it is one line.
pub fn paragraph(text: &str, indent: &str, width: Option<u16>) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return String::new();
    }
    wrap(&format!("{indent}{}\n", words.join(" ")), width)
}

/// How wide `text` shows: colour escapes (`ESC [ ... m`) take no room.
fn shown_width(text: &str) -> usize {
    uncoloured(text).width()
}

/// The line's pieces that may not be broken, in order, without the spaces between them: words, and each
/// command to copy whole (from `ladder` followed by a subcommand to the end of the line, a closing bracket or
/// a `;` outside quotes) and each span in backticks.
fn pieces(line: &str) -> Vec<&str> {
    let bytes = line.as_bytes();
    let mut pieces = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            i += 1;
            continue;
        }
        let start = i;
        let mut command = command_at(line, i);
        // The brackets before `ladder` are closed by the bracket that ends the command.
        let mut base = opening(line, i);
        let (mut quoted, mut ticked, mut depth) = (false, false, 0);
        while i < bytes.len() {
            match bytes[i] {
                // Quotes hold a command's argument together; in a sentence (an ask with a `"` in it) they are text.
                b'"' if command => quoted = !quoted,
                // Only a closed span holds together: a lone backtick in a person's words is text.
                b'`' if ticked || line[i + 1..].contains('`') => {
                    ticked = !ticked;
                    // A command in backticks ends with them.
                    command &= ticked || !line[start..i].trim_start_matches('(').starts_with('`');
                }
                b'(' if command && !quoted => depth += 1,
                b')' if command && !quoted => {
                    depth -= 1;
                    if depth < base {
                        command = false;
                    }
                }
                b';' if command && !quoted => command = false,
                // A bracket after a space opens words about the command, not the command's own.
                b' ' if command && !quoted && !ticked && line[i + 1..].starts_with('(') => break,
                b' ' if !quoted && !ticked && !command => break,
                // A word in the middle of the piece may start a command ("(ladder add --idea 1)").
                _ => {}
            }
            i += 1;
            if !command && i < bytes.len() && bytes[i - 1] == b'(' && command_at(line, i) {
                (command, depth, base) = (true, 0, 0);
            }
        }
        pieces.push(&line[start..i]);
    }
    pieces
}

/// `pieces` with a number kept with the word after it ("0 no answer", "17 Nov") and a year with the word
/// before it ("Nov 2026"): a line break between them reads as two things.
/// Colour takes no part: a dimmed line's last word, "2026" and its escape, is still a year.
fn glued(pieces: Vec<&str>) -> Vec<String> {
    let number = |piece: &str| {
        let piece = uncoloured(piece);
        !piece.is_empty() && piece.bytes().all(|b| b.is_ascii_digit())
    };
    let year = |piece: &str| {
        let piece = uncoloured(piece);
        let digits = piece.trim_end_matches([',', '.', ';', ':', ')']);
        digits.len() == 4 && number(digits)
    };
    let mut glued: Vec<String> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match glued.last_mut() {
            // (Not a number to a number: a row of them, "30 40 50 60", may still break.)
            // A flag stays with its number too ("--limit 58").
            Some(last)
                if (number(last.rsplit(' ').next().unwrap_or_default()) && !number(piece))
                    || year(piece)
                    || (last.rsplit(' ').next().is_some_and(|word| word.starts_with("--")) && number(piece)) =>
            {
                last.push(' ');
                last.push_str(piece);
            }
            _ => glued.push(piece.to_string()),
        }
    }
    // A number that ends the line stays with the word before it ("noted hesitation 1").
    if glued.len() > 1 && glued.last().is_some_and(|last| number(last.trim_end_matches(['.', ')']))) {
        let before = &glued[glued.len() - 2];
        if !number(before.rsplit(' ').next().unwrap_or_default()) {
            let last = glued.pop().unwrap_or_default();
            if let Some(before) = glued.last_mut() {
                before.push(' ');
                before.push_str(&last);
            }
        }
    }
    glued
}

/// `text` without its colour escapes (`ESC [ ... m`).
fn uncoloured(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\x1b') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\x1b') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        rest = rest.find('m').map_or("", |end| &rest[end + 1..]);
    }
    out.push_str(rest);
    out.into()
}

/// How many brackets open the piece at byte `at`.
fn opening(line: &str, at: usize) -> i32 {
    i32::try_from(line[at..].bytes().take_while(|b| *b == b'(').count()).unwrap_or(i32::MAX)
}

/// Whether a command to copy starts at byte `at`: the word `ladder` followed by a subcommand, in brackets or
/// backticks, or at the start of the line or after a colon ("Once you have: ladder thank 2"). Elsewhere the
/// word is the ladder itself ("the moment this ladder is for").
fn command_at(line: &str, at: usize) -> bool {
    let rest = line[at..].trim_start_matches(['(', '`']);
    let introduced = rest.len() < line.len() - at || {
        let head = line[..at].trim_end();
        head.is_empty() || head.ends_with([':', '(', '`'])
    };
    let subcommand = |after: &str| {
        let word = after.split([' ', '`', ')', '"']).next().unwrap_or_default();
        COMMANDS.contains(&word)
    };
    introduced && rest.strip_prefix("ladder ").is_some_and(subcommand)
}

/// `ladder`'s subcommands: what may follow the word in a command to copy ("ladder is not a crisis service" is a
/// sentence). `tests/it/conventions.rs` checks the list against the command line's.
pub const COMMANDS: &[&str] = &[
    "init",
    "add",
    "next",
    "remind",
    "done",
    "fix",
    "forget",
    "list",
    "log",
    "edit",
    "split",
    "rm",
    "hesitated",
    "hesitations",
    "promote",
    "ideas",
    "gave",
    "thank",
    "circle",
    "plan",
    "agenda",
    "progress",
    "report",
    "path",
    "export",
    "import",
    "completions",
    "man",
    "undo",
    "history",
    "merge",
    "encrypt",
    "decrypt",
    "show-plain",
    "edit-file",
    "conflicts",
    "sync",
    "help",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_that_fits_or_no_width_leaves_the_text_as_it_was() {
        let text = "Next: Ask Sam for a lift to the station on Friday\n#1 · stakes 20\n";
        assert_eq!(wrap(text, None), text);
        assert_eq!(wrap(text, Some(80)), text);
        assert_eq!(wrap("a b\n\n", Some(2)), "a\nb\n\n");
        // A table's line folds its last column under itself, or stays whole when that leaves too little room.
        assert_eq!(wrap("  1  2026-11-22  added rung 1\n", Some(20)), "  1  2026-11-22  added rung 1\n");
        assert_eq!(
            wrap("  1  2026-11-22  recorded attempt 2 on rung 2\n", Some(34)),
            "  1  2026-11-22  recorded attempt\n                 2 on rung 2\n"
        );
        assert_eq!(
            wrap("  2  2026-11-22  noted hesitation 1\n", Some(33)),
            "  2  2026-11-22  noted\n                 hesitation 1\n"
        );
    }

    #[test]
    fn sentences_break_at_spaces_and_commands_stay_whole() {
        assert_eq!(
            wrap("What did you learn? To keep it: ladder fix 12 --learned \"...\"\n", Some(20)),
            "What did you learn?\nTo keep it:\nladder fix 12 --learned \"...\"\n"
        );
        assert_eq!(
            wrap("An easier ask: “Ask for the time” (ladder add --idea 2) or none.\n", Some(30)),
            "An easier ask: “Ask for the\ntime” (ladder add --idea 2) or\nnone.\n"
        );
        assert_eq!(wrap("see `ladder sync setup` for it", Some(10)), "see\n`ladder sync setup`\nfor it");
        assert_eq!(wrap("  indented words go on\n", Some(12)), "  indented\n  words go\n  on\n");
        // The word in a sentence is the ladder, not a command.
        assert_eq!(
            wrap("the moment this ladder is for, and more", Some(20)),
            "the moment this\nladder is for, and\nmore"
        );
    }

    #[test]
    fn a_sentence_about_ladder_or_with_a_quote_in_it_folds_as_words() {
        assert_eq!(
            wrap("ladder is not a crisis service. If you are in crisis, call now.\n", Some(30)),
            "ladder is not a crisis\nservice. If you are in crisis,\ncall now.\n"
        );
        assert_eq!(
            wrap("Noticed (#2) “Ask a colleague: \"Can I pick your brain\"”.\n", Some(30)),
            "Noticed (#2) “Ask a colleague:\n\"Can I pick your brain\"”.\n"
        );
        assert_eq!(wrap("A note.  Two spaces after it.\n", Some(12)), "A note. Two\nspaces after\nit.\n");
        assert_eq!(wrap("Ask `Sam if he could help\n", Some(12)), "Ask `Sam if\nhe could\nhelp\n");
        assert_eq!(
            wrap("asked on Mon 16 Nov 2026, with 0 no answer\n", Some(14)),
            "asked on Mon\n16 Nov 2026,\nwith 0 no\nanswer\n"
        );
        assert_eq!(wrap("rated 30 40 50 60 70\n", Some(12)), "rated 30 40\n50 60 70\n");
        assert_eq!(
            wrap("2 of 58 shown; --limit 58 shows them all.", Some(22)),
            "2 of 58 shown;\n--limit 58 shows them\nall."
        );
    }

    #[test]
    fn words_in_brackets_after_a_command_fold_as_words() {
        assert_eq!(
            wrap("Add one with: ladder add --idea ID (its stakes are a guess; --stakes N sets yours)", Some(24)),
            "Add one with:\nladder add --idea ID\n(its stakes are a guess;\n--stakes N sets yours)"
        );
    }

    #[test]
    fn chinese_and_japanese_break_between_characters() {
        assert_eq!(wrap("日本語のテキストです", Some(8)), "日本語の\nテキスト\nです");
        // Not before a full stop; a word of a script with spaces still never breaks.
        assert_eq!(wrap("日本語です。とても", Some(10)), "日本語で\nす。とても");
        assert_eq!(wrap("a unbreakableword b", Some(8)), "a\nunbreakableword\nb");
        assert_eq!(wrap("see `長い長い長い` ok", Some(6)), "see\n`長い長い長い`\nok");
    }

    #[test]
    fn colour_takes_no_width() {
        let bold = "\x1b[1mNext:\x1b[0m Ask Sam for a lift";
        assert_eq!(shown_width(bold), 24);
        assert_eq!(wrap(bold, Some(24)), bold);
        assert_eq!(wrap(bold, Some(20)), "\x1b[1mNext:\x1b[0m Ask Sam for a\nlift");
        // A dimmed line folds as the plain one: its year stays with its month, its number with its word.
        let dim = "\x1b[2m#1 · stakes 15 · last practised 18 Nov 2026\x1b[0m";
        assert_eq!(wrap(dim, Some(40)), "\x1b[2m#1 · stakes 15 · last practised\n18 Nov 2026\x1b[0m");
    }
}
