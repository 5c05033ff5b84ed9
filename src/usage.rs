//! Mistakes on the command line, said the way every other error is: one line, `ladder: ...`, plain words.
//!
//! clap finds the mistakes; this module words them, and catches the one clap cannot see: words of a value
//! with spaces, typed without quotes, that clap would glue onto the ask.

use std::ffi::OsString;

use clap::ArgMatches;
use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The flags whose value is free text, for each command whose own words are free text too.
const TEXT_FLAGS: [(&str, &str, &[&str]); 3] =
    [("add", "ask", &["who", "fear", "tags"]), ("hesitated", "text", &["story"]), ("gave", "text", &["to"])];

/// Refuses words that came after a text flag's value: `add Ask Ana -s 20 --fear She will say no` would
/// otherwise save the ask "Ask Ana will say no" and the fear "She".
pub fn unquoted(matches: &ArgMatches) -> Result<(), String> {
    let Some((name, sub)) = matches.subcommand() else { return Ok(()) };
    let Some(&(_, words_id, flags)) = TEXT_FLAGS.iter().find(|(n, _, _)| *n == name) else { return Ok(()) };
    let words: Vec<(usize, &String)> = match (sub.indices_of(words_id), sub.get_many::<String>(words_id)) {
        (Some(at), Some(values)) => at.zip(values).collect(),
        _ => return Ok(()),
    };
    for flag in flags {
        let (Some(at), Some(values)) = (sub.indices_of(flag), sub.get_many::<String>(flag)) else { continue };
        // A value with spaces was quoted, so words after it were meant for the ask.
        for (index, value) in at.zip(values).filter(|(_, v)| !v.contains(char::is_whitespace)) {
            let after: Vec<&str> =
                (index + 1..).map_while(|i| words.iter().find(|(at, _)| *at == i).map(|(_, w)| w.as_str())).collect();
            if !after.is_empty() {
                let long = flag_name(flag);
                let rest = after.join(" ");
                return Err(format!(
                    "\"{rest}\" came after {long} \"{value}\"; put quotes around a value with spaces: \
                     {long} \"{value} {rest}\""
                ));
            }
        }
    }
    Ok(())
}

fn flag_name(id: &str) -> String {
    if id == "tags" { "--tag".to_string() } else { format!("--{id}") }
}

/// How clap should colour the help it prints, as `--color`, `NO_COLOR` and `TERM=dumb` say, read before clap
/// has parsed them: help is printed while parsing.
pub fn help_color(args: &[OsString]) -> clap::ColorChoice {
    let args: Vec<String> = args.iter().map(|a| a.to_string_lossy().to_lowercase()).collect();
    let given = args.iter().enumerate().rev().find_map(|(i, a)| match a.strip_prefix("--color") {
        Some(value) if value.starts_with('=') => Some(value[1..].to_string()),
        Some("") => args.get(i + 1).cloned(),
        _ => None,
    });
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
        || std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    match given.as_deref() {
        Some("always") => clap::ColorChoice::Always,
        Some("never") => clap::ColorChoice::Never,
        _ if no_color => clap::ColorChoice::Never,
        _ => clap::ColorChoice::Auto,
    }
}

/// Whether the help asked for is the long one (`--help`, `ladder help`), not `-h`'s.
pub fn long_help(args: &[OsString]) -> bool {
    !args.iter().skip(1).take_while(|a| *a != "--").any(|a| a == "-h")
}

/// One line for a mistake clap found, in plain words. `args` is the command line as given.
pub fn explain(err: &clap::Error, args: &[OsString]) -> String {
    let text = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(s)) => s.join(", "),
        _ => String::new(),
    };
    let list = |kind| match err.get(kind) {
        Some(ContextValue::Strings(s)) => s.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let arg = plain_arg(&text(ContextKind::InvalidArg));
    let command = command_of(args);
    let help = command.as_ref().map_or_else(|| "ladder --help".to_string(), |c| format!("ladder help {c}"));
    match err.kind() {
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(err).map(ToString::to_string).unwrap_or_default();
            if arg.starts_with('-') { format!("{arg}: {why}") } else { why }
        }
        ErrorKind::InvalidValue => {
            let given = text(ContextKind::InvalidValue);
            let valid = list(ContextKind::ValidValue).join(", ");
            if given.is_empty() && valid.is_empty() {
                format!("{arg} needs a value")
            } else if given.is_empty() {
                format!("{arg} needs a value: one of {valid}")
            } else {
                format!("{arg} is one of {valid}, not \"{given}\"")
            }
        }
        ErrorKind::UnknownArgument => {
            let given = text(ContextKind::InvalidArg);
            let suggested = list(ContextKind::SuggestedArg);
            if given.starts_with('-') {
                if let Some(words) = suggested.is_empty().then(|| dashed_words(&given, args)).flatten() {
                    return words;
                }
                let hint = suggested.last().map_or(String::new(), |s| format!("did you mean {}? ", plain_arg(s)));
                format!("{given} is not an option here; {hint}{help} lists them")
            } else {
                loose_word(&given, args).unwrap_or_else(|| one_too_many(&given, args, &help))
            }
        }
        ErrorKind::InvalidSubcommand => {
            let given = text(ContextKind::InvalidSubcommand);
            // clap lists its suggestions from the least to the most likely.
            // `ladder version` meant `ladder --version`.
            let mut cli = <crate::cli::Cli as clap::CommandFactory>::command();
            cli.build();
            let flag = cli.get_arguments().find(|a| a.get_long() == Some(given.as_str())).map(|_| format!("--{given}"));
            let hint = flag
                .or_else(|| list(ContextKind::SuggestedSubcommand).last().map(|s| format!("\"{s}\"")))
                .map_or(String::new(), |s| format!("did you mean {s}? "));
            format!("\"{given}\" is not a command; {hint}ladder --help lists them")
        }
        ErrorKind::MissingRequiredArgument => {
            let missing: Vec<String> = list(ContextKind::InvalidArg)
                .iter()
                .map(|a| a.replace(['<', '>', '[', ']'], "").replace("...", ""))
                .collect();
            let who = command.unwrap_or_else(|| "ladder".to_string());
            format!("{who} needs {}; {help} shows how", missing.join(" and "))
        }
        ErrorKind::ArgumentConflict => {
            let prior = plain_arg(&text(ContextKind::PriorArg));
            if prior == arg {
                format!("{arg} was given more than once; give it once")
            } else {
                format!("{arg} and {prior} cannot be used together")
            }
        }
        _ => first_line(err),
    }
}

/// "--limit <K>" as "--limit", "<ID>" as "ID".
fn plain_arg(arg: &str) -> String {
    let arg = arg.replace(['<', '>', '[', ']'], "").replace("...", "");
    arg.split_once(' ').map_or(arg.clone(), |(flag, _)| flag.to_string())
}

/// The subcommand named on the command line, if any.
fn command_of(args: &[OsString]) -> Option<String> {
    let cli = <crate::cli::Cli as clap::CommandFactory>::command();
    args.iter()
        .skip(1)
        .filter_map(|a| a.to_str())
        .find_map(|a| cli.find_subcommand(a).map(|c| c.get_name().to_string()))
}

/// The command named on the command line and the subcommand of it named next, if any: `rung edit`, `list`.
fn command_path(args: &[OsString]) -> Option<(Vec<String>, clap::Command, usize)> {
    let cli = <crate::cli::Cli as clap::CommandFactory>::command();
    let words: Vec<Option<&str>> = args.iter().map(|a| a.to_str()).collect();
    let (at, mut command) =
        words.iter().enumerate().skip(1).find_map(|(i, a)| Some((i, cli.find_subcommand((*a)?)?.clone())))?;
    let mut path = vec![command.get_name().to_string()];
    let mut end = at;
    if let Some(Some(next)) = words.get(at + 1)
        && let Some(sub) = command.find_subcommand(next).cloned()
    {
        path.push(sub.get_name().to_string());
        command = sub;
        end = at + 1;
    }
    Some((path, command, end))
}

/// A word after every argument the command takes: `ladder list extra` says that `list` takes none.
fn one_too_many(word: &str, args: &[OsString], help: &str) -> String {
    let Some((path, command, _)) = command_path(args) else {
        return format!("\"{word}\" is not expected here; {help} shows how");
    };
    let name = path.join(" ");
    if command.get_positionals().next().is_none() {
        format!("{name} takes no argument, so \"{word}\" is not expected; {help} shows how")
    } else {
        format!("\"{word}\" is one argument more than {name} takes; {help} shows how")
    }
}

/// Words of an ask that begin with a dash (`add -5 minutes early`): clap reads "-5" as an option, and `--`
/// before the words says they are words. The command line is given back with `--` in its place.
fn dashed_words(given: &str, args: &[OsString]) -> Option<String> {
    let (path, _, _) = command_path(args)?;
    let &(_, words_id, _) = TEXT_FLAGS.iter().find(|(n, _, _)| path.len() == 1 && *n == path[0])?;
    let what = if words_id == "ask" { "the ask" } else { "the text" };
    let args: Vec<&str> = args.iter().map(|a| a.to_str()).collect::<Option<_>>()?;
    let at = args.iter().position(|a| *a == given)?;
    let end = (at + 1..args.len()).find(|&i| args[i].starts_with('-')).unwrap_or(args.len());
    let mut line: Vec<String> = vec!["ladder".to_string()];
    line.extend(args[1..at].iter().chain(&args[end..]).map(|a| quoted(a)));
    line.push("--".to_string());
    line.extend(args[at..end].iter().map(|a| quoted(a)));
    Some(format!(
        "{given} is not an option; if it is part of {what}, put -- before it, after the options: {}",
        line.join(" ")
    ))
}

/// A word as it would be typed in a shell: in quotes when it holds spaces or characters a shell reads.
fn quoted(word: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "-_./:=@%+,".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else if !word.contains(['"', '$', '`', '\\', '!']) {
        format!("\"{word}\"")
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// A word clap did not expect, right after a flag and its value: most likely the rest of a value with spaces.
/// Not when the command's name comes between them: `ladder --file l.toml list extra` is a word too many for
/// `list`, not the rest of the file's name.
fn loose_word(word: &str, args: &[OsString]) -> Option<String> {
    let command_at = command_path(args).map_or(0, |(_, _, end)| end);
    let args: Vec<&str> = args.iter().map(|a| a.to_str().unwrap_or_default()).collect();
    let at = args.iter().position(|a| *a == word)?;
    let start = args[..at].iter().rposition(|a| a.starts_with("--"))?;
    if start < command_at {
        return None;
    }
    let (flag, value) = (args[start], *args.get(start + 1).filter(|_| start + 1 < at)?);
    let rest: Vec<&str> = args[start + 2..].iter().take_while(|a| !a.starts_with('-')).copied().collect();
    let rest = rest.join(" ");
    Some(format!(
        "\"{rest}\" came after {flag} \"{value}\"; put quotes around a value with spaces: {flag} \"{value} {rest}\""
    ))
}

/// clap's own words, on one line, without its "error: " prefix: for the rare mistakes worded above.
fn first_line(err: &clap::Error) -> String {
    let text = err.render().to_string();
    let line = text.lines().next().unwrap_or_default();
    line.strip_prefix("error: ").unwrap_or(line).to_string()
}
