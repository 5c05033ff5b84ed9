//! The text at the end of a command's help (its examples, then a few sentences), laid out for the width by
//! `ladder` rather than by clap: clap folds it at any space, in the middle of a command and inside its quotes.
//! An example is a command to copy, so it is never broken: one longer than the width stays whole, and a
//! description that does not fit beside it goes on the lines below, indented past the command. The sentences
//! fold as `prose` folds them.

use super::prose;

/// How far past the command's own indent a description below it starts.
const BELOW: usize = 4;

/// `command` (and each of its subcommands) with the text after its help laid out for `width` columns, which
/// clap is told too, so that the rest of the help folds to the same width. `long`: the help asked for with
/// `--help` or `ladder help`, which may end with other text than `-h`'s.
pub fn laid_out(command: clap::Command, long: bool, width: usize) -> clap::Command {
    let text = if long { command.get_after_long_help() } else { None }.or_else(|| command.get_after_help());
    let laid = text.map(|text| after_help(&text.to_string(), width));
    let command = command.mut_subcommands(|sub| laid_out(sub, long, width)).term_width(width);
    match laid {
        // A template's braces name its parts: a text with one is left to clap, folded as clap folds it.
        Some(laid) if !laid.contains(['{', '}']) => command.help_template(format!("{TEMPLATE}\n\n{laid}")),
        _ => command,
    }
}

/// clap's own template, without the text after the help.
const TEMPLATE: &str = "{before-help}{about-with-newline}\n{usage-heading} {usage}\n\n{all-args}";

/// The text after the help, for `width` columns: in a block of examples (after a line ending "Examples:", up
/// to a blank line) each indented line is a command, with what it does beside it after two spaces or more;
/// every other line is sentences.
pub fn after_help(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut examples = false;
    for line in text.lines() {
        if line.trim().is_empty() {
            examples = false;
            out.push('\n');
        } else if examples && line.starts_with(' ') {
            out.push_str(&example(line, width));
        } else {
            examples = line.trim_end().ends_with("Examples:");
            out.push_str(&prose::wrap(&format!("{line}\n"), Some(clamp(width))));
        }
    }
    out.trim_end().to_string()
}

/// A width clap and `prose` can both fold to: at least one column.
fn clamp(width: usize) -> u16 {
    u16::try_from(width).unwrap_or(u16::MAX).max(1)
}

/// One example, whole, and what it does: beside it when the line fits, else on the lines below, indented past
/// the command (folded under its own column it read as a column of words cut short, "(with" alone on a line).
fn example(line: &str, width: usize) -> String {
    let width_of = |text: &str| unicode_width::UnicodeWidthStr::width(text);
    if width_of(line) <= width {
        return format!("{line}\n");
    }
    let indent = line.len() - line.trim_start_matches(' ').len();
    let Some((command_end, description_at)) = description(line, indent) else { return format!("{line}\n") };
    let (command, what) = (&line[..command_end], &line[description_at..]);
    let below = " ".repeat(indent + BELOW);
    format!("{command}\n{}", prose::paragraph(what, &below, Some(clamp(width))))
}

/// Where an example's command ends and its description starts (after two spaces or more outside quotes), if it
/// has one.
fn description(line: &str, indent: usize) -> Option<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut quote = None;
    let mut i = indent;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (None, b'"' | b'\'') => quote = Some(bytes[i]),
            (Some(q), b) if b == q => quote = None,
            (None, b' ') if bytes.get(i + 1) == Some(&b' ') => {
                let start = i + line[i..].len() - line[i..].trim_start_matches(' ').len();
                return (start < line.len()).then_some((i, start));
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const DONE: &str = "Examples:\n  ladder done                       the suggested rung, answered yes\n  \
                        ladder done 3 --note \"Asked too late in the day\"\n  \
                        ladder done 4 --used \"texted\"   relied on it: practice, not a rep\n\n\
                        Every fix is echoed as old → new, and `ladder undo` takes it back.";

    #[test]
    fn an_example_that_fits_is_left_as_it_is() {
        assert_eq!(after_help(DONE, 100), DONE);
    }

    #[test]
    fn an_example_is_never_broken_and_its_description_goes_beside_or_below_it() {
        assert_eq!(
            after_help(DONE, 40),
            "Examples:\n  ladder done\n      the suggested rung, answered yes\n  \
             ladder done 3 --note \"Asked too late in the day\"\n  ladder done 4 --used \"texted\"\n      \
             relied on it: practice, not a rep\n\nEvery fix is echoed as old → new, and\n\
             `ladder undo` takes it back."
        );
        // At 68 columns the descriptions fit beside their commands: the line is whole.
        assert_eq!(
            after_help(DONE, 68).lines().nth(1),
            Some("  ladder done                       the suggested rung, answered yes")
        );
        assert_eq!(after_help(DONE, 67).lines().nth(2), Some("      the suggested rung, answered yes"));
    }

    #[test]
    fn two_spaces_inside_quotes_are_the_command_s() {
        assert_eq!(description("  ladder add \"a  b\"  what", 2), Some((19, 21)));
        assert_eq!(description("  ladder add \"a  b\"", 2), None);
    }
}
