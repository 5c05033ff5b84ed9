//! The commands that show and write out: `next`, `remind`, `list`, `log`, `hesitations`, `ideas`, `circle`,
//! `agenda`, `progress`, `report`, `export` and `completions`.

// Doc comments here are help text for people, not rustdoc: no backticks around names.
#![allow(clippy::doc_markdown)]
// A command's switches are bools: each is one flag on the command line, and clap sets it.
#![allow(clippy::struct_excessive_bools)]

use std::path::PathBuf;

use clap::Args;

use super::{ExportFormat, NamesArg, Ref, Since};
use super::{clock, entry, how_many, since, suds};

/// Show the next suggested step
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  ladder next\n  ladder next -q          just the ask, for a prompt or a status line\n  \
    ladder next --review     a mastered ask to revisit, so the gains last\n  \
    ladder next --json | jq .ask\n\nExits 1 when there is nothing to suggest."
)]
pub struct NextArgs {
    /// Print JSON for scripts
    #[arg(long, conflicts_with = "quiet")]
    pub json: bool,
    /// Print only the ask, on one line (nothing when there is none)
    #[arg(short, long)]
    pub quiet: bool,
    /// Suggest a mastered rung to revisit instead: the one practised longest ago
    #[arg(long)]
    pub review: bool,
}

/// One gentle nudge toward your next ask, when one is worth giving: for a timer, a login file or a prompt
#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:\n  ladder remind              print it, or nothing\n  \
    ladder remind --notify     a desktop notification (notify-send), or termux-notification in Termux\n  \
    ladder remind || true      in a login file\n\n\
    At most one nudge a day per ladder, none in the quiet hours ([settings] quiet_hours, \"21-8\" unless set). \
    Exits 1, printing nothing, when there is nothing worth saying.")]
pub struct RemindArgs {
    /// Send it as a notification (notify-send, termux-notification, or osascript on macOS); else printed
    #[arg(long, conflicts_with = "print")]
    pub notify: bool,
    /// Print it as plain text (the default)
    #[arg(long)]
    pub print: bool,
    /// Schedule it daily: a systemd user timer (Persistent=true), Termux's job scheduler, or a crontab line
    #[arg(long, conflicts_with = "uninstall")]
    pub install: bool,
    /// The time of day for --install, HH:MM
    #[arg(long, value_name = "HH:MM", requires = "install", default_value = "18:00", value_parser = clock)]
    pub at: chrono::NaiveTime,
    /// Remove the timer (or Termux job) --install wrote, and nothing else
    #[arg(long, conflicts_with_all = ["notify", "print"])]
    pub uninstall: bool,
}

/// Show every rung, lowest stakes first
#[derive(Debug, Clone, Args)]
#[command(
    visible_alias = "ls",
    after_help = "Examples:\n  ladder list\n  ladder list --json | jq '.[] | select(.status == \"mastered\") | .ask'"
)]
pub struct ListArgs {
    /// Print JSON for scripts
    #[arg(long)]
    pub json: bool,
}

/// Show your attempts, newest first
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  ladder log\n  ladder log 3             the attempts on rung 3\n  ladder log --json | jq '.[0]'"
)]
pub struct LogArgs {
    /// Only the attempts on this rung (its ID, or the start of its uid)
    #[arg(value_name = "ID", value_parser = entry)]
    pub id: Option<Ref>,
    /// Print JSON for scripts
    #[arg(long)]
    pub json: bool,
}

/// Show the hesitations you noticed, newest first
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  ladder hesitations\n  ladder hesitations --json | jq '.[] | select(.rung == null)'"
)]
pub struct HesitationsArgs {
    /// Print JSON for scripts
    #[arg(long)]
    pub json: bool,
}

/// Show asks from the idea bank that are not on your ladder yet
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  ladder ideas --near 35\n  ladder ideas --tag work --limit 5\n  ladder add --idea 12\n\n\
    Areas: everyday, work, friends, family, health, money, community."
)]
pub struct IdeasArgs {
    /// Only ideas from this area
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Closest to these stakes first
    #[arg(long, value_name = "N", value_parser = suds, allow_negative_numbers = true)]
    pub near: Option<u8>,
    /// Show at most this many
    #[arg(long, value_name = "K", default_value = "10", value_parser = how_many)]
    pub limit: usize,
    /// Print JSON for scripts
    #[arg(long)]
    pub json: bool,
}

/// Show the people you ask and help: asks, answers, thanks, help given back
#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:\n  ladder circle\n  ladder circle --json | jq '.[] | select(.unthanked > 0) | .who'")]
pub struct CircleArgs {
    /// Print JSON for scripts
    #[arg(long)]
    pub json: bool,
}

/// Show planned asks by date, overdue first
#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:\n  ladder agenda\n  ladder agenda --json\n  \
    ladder agenda --ics -o asks.ics    for your calendar app; importing it again updates the events")]
pub struct AgendaArgs {
    /// Print JSON for scripts
    #[arg(long, conflicts_with = "ics")]
    pub json: bool,
    /// Print an iCalendar file (RFC 5545) with one all-day event per planned ask
    #[arg(long)]
    pub ics: bool,
    /// Write the calendar to this file (readable by you alone) instead of standard output
    #[arg(short, long, value_name = "FILE", requires = "ics")]
    pub output: Option<PathBuf>,
    /// Keep the names of the people you will ask in the calendar (left out by default)
    #[arg(long, requires = "ics")]
    pub with_names: bool,
}

/// Show how far you have come
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  ladder progress\n  ladder progress --chart\n  ladder progress --json | jq .mastered"
)]
pub struct ProgressArgs {
    /// Print JSON for scripts
    #[arg(long, conflicts_with = "chart")]
    pub json: bool,
    /// Draw the distress before and after each attempt, rung by rung, as charts that fit the terminal
    #[arg(long)]
    pub chart: bool,
}

/// Write a one-page HTML report to bring to a therapist or coach, or to keep
#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:\n  ladder report --output report.html\n  \
    ladder report --since 2026-11-01 --names none --output november.html\n\n\
    The page has no scripts and loads nothing: open it in any browser, or print it (a month fits on two A4 pages).")]
pub struct ReportArgs {
    /// Start of the period: a day (YYYY-MM-DD, today, yesterday), a number of whole weeks (2w or 2: this week
    /// and the one before), or last (the day of the last report written before today) [default: the last
    /// report's day, or the day the ladder began if later]
    #[arg(long, value_name = "WHEN", value_parser = since)]
    pub since: Option<Since>,
    /// Write to this file (readable by you alone) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// How to show the names of the people you asked
    #[arg(long, value_name = "HOW", default_value = "initials")]
    pub names: NamesArg,
}

/// Write every rung and attempt, to share with a therapist or coach, or for a spreadsheet
#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:\n  ladder export --format markdown --output ladder-report.md\n  \
    ladder export --format csv > ladder.csv\n  ladder export --format json | jq '.rungs | length'")]
pub struct ExportArgs {
    /// csv (one table, RFC 4180: attempts, hesitations, help given), markdown (a one-page report) or json
    #[arg(long, value_name = "FORMAT", default_value = "markdown", ignore_case = true)]
    pub format: ExportFormat,
    /// Write to this file (readable by you alone) instead of standard output; `-` means standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Print a shell completion script
#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:\n  ladder completions bash > ~/.local/share/bash-completion/completions/ladder\n  \
    ladder completions zsh > ~/.zfunc/_ladder\n  ladder completions fish > ~/.config/fish/completions/ladder.fish")]
pub struct CompletionsArgs {
    /// The shell to complete for
    pub shell: clap_complete::Shell,
}
