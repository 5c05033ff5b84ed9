//! One complete man page: the command, its global options, and every subcommand with its own options and
//! examples, so that nothing points to pages that are not shipped.

use std::fmt::Write as _;
use std::io;

/// The page's date, from `man-date` in Cargo.toml (build.rs passes it on): fixed per version, so every build
/// of a version makes the same page, and written YYYY-MM-DD, a form mandoc and groff both read.
const DATE: &str = env!("LADDER_MAN_DATE");

/// The roff text of `ladder(1)`, clean under `mandoc -Tlint -W warning` and `groff -man -ww`.
pub fn page(cmd: &clap::Command) -> io::Result<Vec<u8>> {
    // The title in capitals as man pages have it; the manual named as mandoc and groff name section 1's.
    let man = clap_mangen::Man::new(cmd.clone()).title("LADDER").date(DATE).manual("General Commands Manual");
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    out.extend_from_slice(b".SH COMMANDS\n");
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        let name = format!("ladder {}", sub.get_name());
        let sub = sub.clone().bin_name(&name).disable_help_flag(true);
        let part = clap_mangen::Man::new(sub.clone());
        out.extend_from_slice(format!(".SS \"{name}\"\n").as_bytes());
        let mut text = Vec::new();
        part.render_synopsis_section(&mut text)?;
        part.render_description_section(&mut text)?;
        if sub.get_arguments().next().is_some() {
            part.render_options_section(&mut text)?;
        }
        out.extend(demote(&text));
        if sub.get_after_help().is_some() {
            let mut examples = Vec::new();
            part.render_extra_section(&mut examples)?;
            out.extend(verbatim(&demote(&examples)));
        }
    }
    let mut extra = Vec::new();
    man.render_extra_section(&mut extra)?;
    out.extend(verbatim(&without_quote_string(&extra)));
    man.render_version_section(&mut out)?;
    // clap_mangen names its closing section for the help text it came from: here, exit status and examples.
    let text = String::from_utf8_lossy(&out).replace(".SH EXTRA", ".SH \"EXIT STATUS AND EXAMPLES\"");
    Ok(tidy(&text).into_bytes())
}

/// `clap_mangen` defines the `Aq` string (an apostrophe) before every section; once, at the top, is enough.
fn without_quote_string(roff: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(roff);
    text.split_inclusive('\n').filter(|l| !defines_quote(l)).collect::<String>().into_bytes()
}

/// One of the two lines that define `Aq`.
fn defines_quote(line: &str) -> bool {
    line.starts_with(".ie ") || line.starts_with(".el ")
}

/// The roff that linters flag, put right without changing what a reader sees: the `Aq` string defined once, no
/// paragraph macro straight after a heading (the heading already starts one), one `.sp` for `clap_mangen`'s
/// `.br`, blank line, `.br`, no spaces at the ends of lines, and every character beyond ASCII written as its
/// `\[uXXXX]` escape, which groff reads without the preprocessor `man` runs and mandoc reads too.
fn tidy(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len());
    let mut quote_lines = 0;
    let mut previous = "";
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if defines_quote(line) {
            if quote_lines == 2 {
                continue;
            }
            quote_lines += 1;
        }
        if line == ".PP" && (previous.starts_with(".SS ") || previous.starts_with(".SH ")) {
            continue;
        }
        let line = if line == ".br" && lines.get(i) == Some(&"") && lines.get(i + 1) == Some(&".br") {
            i += 2;
            ".sp"
        } else {
            line
        };
        let trimmed = line.trim_end();
        // A backslash that ends a line joins it to the next: keep the space it escapes.
        let line = if trimmed.ends_with('\\') { line } else { trimmed };
        for c in line.chars() {
            if c.is_ascii() {
                out.push(c);
            } else {
                let _ = write!(out, "\\[u{:04X}]", u32::from(c));
            }
        }
        out.push('\n');
        previous = line;
    }
    out
}

/// Examples as written, line by line (roff would otherwise fill them into one paragraph), and the prose around
/// them filled to the reader's width: each run of indented lines is set as it is, between `.nf` and `.fi`, and a
/// blank line between paragraphs of prose is a `.sp`.
fn verbatim(roff: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(roff);
    let mut out = String::with_capacity(text.len());
    let mut literal = false;
    for line in text.lines() {
        if line.starts_with(' ') && !literal {
            out.push_str(".nf\n");
            literal = true;
        } else if !line.starts_with(' ') && !line.is_empty() && literal {
            out.push_str(".fi\n");
            literal = false;
        }
        out.push_str(if line.is_empty() && !literal { ".sp" } else { line });
        out.push('\n');
    }
    if literal {
        out.push_str(".fi\n");
    }
    out.into_bytes()
}

/// A subcommand's sections as paragraphs under its own heading: its synopsis first, then "Options" and
/// "Examples" in italics, never a section of the page's own.
fn demote(roff: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(roff);
    let mut out = String::new();
    for line in text.lines().filter(|l| !l.starts_with(".ie ") && !l.starts_with(".el ")) {
        match line.strip_prefix(".SH ") {
            Some("SYNOPSIS" | "DESCRIPTION" | "EXTRA") => out.push_str(".PP\n"),
            Some("OPTIONS") => out.push_str(".PP\n\\fIOptions:\\fR\n"),
            Some(other) => {
                let _ = writeln!(out, ".PP\n\\fI{}:\\fR", other.trim_matches('"'));
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out.into_bytes()
}
