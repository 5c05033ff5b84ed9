//! One complete man page: the command, its global options, and every subcommand with its own options and
//! examples, so that nothing points to pages that are not shipped.

use std::fmt::Write as _;
use std::io;

/// The roff text of `ladder(1)`.
pub fn page(cmd: &clap::Command) -> io::Result<Vec<u8>> {
    let man = clap_mangen::Man::new(cmd.clone());
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
    out.extend(verbatim(&extra));
    man.render_version_section(&mut out)?;
    // clap_mangen names its closing section for the help text it came from: here, exit status and examples.
    Ok(String::from_utf8_lossy(&out).replace(".SH EXTRA", ".SH \"EXIT STATUS AND EXAMPLES\"").into_bytes())
}

/// Examples as written, line by line: roff would otherwise fill them into one paragraph.
fn verbatim(roff: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(roff);
    let (head, body) = text.split_once('\n').unwrap_or((&text, ""));
    let (head, body) = if head == ".PP" {
        body.split_once('\n').map_or((text.as_ref(), ""), |(h, b)| (&text[..head.len() + 1 + h.len()], b))
    } else {
        (head, body)
    };
    format!("{head}\n.nf\n{body}.fi\n").into_bytes()
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
