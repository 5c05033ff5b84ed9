//! One `Args` struct per command: its flags, its help, and the input the command takes as it is.

// Doc comments here are help text for people, not rustdoc: no backticks around names.
#![allow(clippy::doc_markdown)]
// A command's switches are bools: each is one flag on the command line, and clap sets it.
#![allow(clippy::struct_excessive_bools)]

use std::path::PathBuf;

use clap::Args;

use crate::model::{self, Expectancy, MAX_SHORT_TEXT, Rung, check_text};

use super::{Day, ExportFormat, HowArg, Level, NamesArg, OutcomeArg, Ref, Since, SyncAction};
use super::{clock, day, entry, how_many, id, since, suds, suds_or_none, undo_count};

/// Create the ladder file; never overwrites one that exists
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  ladder init --example    start from a ladder of 15 asks about asking for help\n  ladder init              start from an empty ladder"
)]
pub struct InitArgs {
    /// Start from the example ladder of asks about asking for help
    #[arg(long)]
    pub example: bool,
}

/// Add a rung: one concrete ask and its stakes
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  ladder add \"Ask Sam for feedback on one slide by Friday\" --stakes 30 --who Sam --tag work\n  ladder add Ask a neighbour to water the plants -s 40\n  ladder add --idea 12 --stakes 35\n  \
    ladder add \"Ask Priya to pair on the bug\" -s 45 --fear \"She'll think I can't do my job\" --chance 40"
)]
pub struct AddArgs {
    /// The ask, as concrete as you can make it: who, what, when
    #[arg(required_unless_present = "idea", conflicts_with = "idea", num_args = 1.., value_name = "ASK")]
    pub ask: Vec<String>,
    /// The distress you expect, 0-100 (SUDS: 0 calm, 50 clearly anxious, 100 the worst imaginable)
    #[arg(short, long, value_name = "N", value_parser = suds, allow_negative_numbers = true, required_unless_present = "idea")]
    pub stakes: Option<u8>,
    /// Add an idea from the bank (see ladder ideas), at its typical stakes unless --stakes is given
    #[arg(long, value_name = "ID")]
    pub idea: Option<u32>,
    #[command(flatten)]
    pub rung: RungFields,
    /// Add it even when a rung with the same words is on the ladder
    #[arg(long)]
    pub anyway: bool,
}

// A rung's fields that `add` sets and `edit` changes: a new rung field is one more here (with its help for `edit`).
#[derive(Debug, Clone, Args)]
pub struct RungFields {
    /// Who you will ask
    #[arg(long, value_name = "NAME")]
    pub who: Option<String>,
    /// A tag to group asks (repeat for more)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// What you fear will happen when you ask (- reads it from standard input)
    #[arg(long, value_name = "TEXT")]
    pub fear: Option<String>,
    /// The chance, in percent, that they will say yes (your prediction)
    #[arg(long, value_name = "PERCENT", value_parser = suds, allow_negative_numbers = true)]
    pub chance: Option<u8>,
    /// Something you do to feel safer while asking, such as "text instead of calling" (repeat for more)
    #[arg(long = "safety", value_name = "TEXT")]
    pub safety: Vec<String>,
}

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

/// Record an attempt: you asked
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  ladder done                                  the suggested rung, answered yes\n  \
    ladder done 3 --outcome no --before 60 --after 35 --note \"Asked too late in the day\"\n  \
    ladder done --outcome no --learned \"A no to the ask was not a no to me\"\n  \
    ladder done --date 2026-11-20 --outcome partial\n  \
    ladder done --fear-did-not-happen --thanked\n  \
    ladder done 4 --used \"texted instead of calling\"   relied on it: practice, not a rep\n  \
    ladder done --likely 70 --bad 80 --likely-after 20 --bad-after 30 --peak 65\n  \
    ladder done --how phone                      how you asked: in-person, phone, text, email or other"
)]
pub struct DoneArgs {
    /// The rung's ID, or the start of its uid [default: the rung `ladder next` suggests]
    #[arg(value_name = "ID", value_parser = entry)]
    pub id: Option<Ref>,
    /// How it went; a "no" is practice too
    #[arg(long, value_name = "OUTCOME", default_value = "yes", ignore_case = true)]
    pub outcome: OutcomeArg,
    /// Distress just before the ask, 0-100
    #[arg(long, value_name = "N", value_parser = suds, allow_negative_numbers = true)]
    pub before: Option<u8>,
    /// Distress just after it, 0-100
    #[arg(long, value_name = "N", value_parser = suds, allow_negative_numbers = true)]
    pub after: Option<u8>,
    /// What happened, in your own words (- reads it from standard input)
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// What you learned from it, kept apart from the note (the report lists it under "What you learned"; - reads
    /// it from standard input)
    #[arg(long, value_name = "TEXT")]
    pub learned: Option<String>,
    /// The day you asked, if not today: YYYY-MM-DD or yesterday
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = day)]
    pub date: Option<Day>,
    /// What you feared did happen
    #[arg(long, conflicts_with = "fear_did_not_happen")]
    pub fear_happened: bool,
    /// What you feared did not happen
    #[arg(long)]
    pub fear_did_not_happen: bool,
    /// You thanked them
    #[arg(long)]
    pub thanked: bool,
    /// A safety behaviour you relied on (repeat for more): then it counts as practice, not a rep
    #[arg(long = "used", value_name = "TEXT")]
    pub used: Vec<String>,
    /// A safety behaviour you did without this time (repeat for more)
    #[arg(long = "dropped", value_name = "TEXT")]
    pub dropped: Vec<String>,
    /// The highest distress during the ask, 0-100
    #[arg(long, value_name = "N", value_parser = suds, allow_negative_numbers = true)]
    pub peak: Option<u8>,
    /// Before the ask: how likely the feared outcome seemed, in percent
    #[arg(long, value_name = "PERCENT", value_parser = suds, allow_negative_numbers = true)]
    pub likely: Option<u8>,
    /// Before the ask: how bad it seemed it would be, 0-100
    #[arg(long, value_name = "N", value_parser = suds, allow_negative_numbers = true)]
    pub bad: Option<u8>,
    /// After it: how likely the feared outcome seems now, in percent
    #[arg(long, value_name = "PERCENT", value_parser = suds, allow_negative_numbers = true)]
    pub likely_after: Option<u8>,
    /// After it: how bad it was, or would be, 0-100
    #[arg(long, value_name = "N", value_parser = suds, allow_negative_numbers = true)]
    pub bad_after: Option<u8>,
    /// How you asked
    #[arg(long, value_name = "HOW", ignore_case = true)]
    pub how: Option<HowArg>,
    /// Record a day that looks like a slip (before the ladder or the rung began, or over 60 days back)
    #[arg(long)]
    pub confirm_date: bool,
}

/// Fix an attempt you recorded: its date, outcome, distress, note, fear or thanks
#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:\n  ladder fix 12 --date 2026-11-25          the day you really asked\n  \
    ladder fix 12 --outcome partial --after 30\n  \
    ladder fix 12 --note \"\"                  remove the note\n  \
    ladder fix 12 --learned \"A no to the ask was not a no to me\"\n\n\
    Every fix is echoed as old → new, and ladder undo takes it back.")]
pub struct FixArgs {
    /// The attempt's ID (see ladder log), or the start of its uid
    #[arg(value_name = "ATTEMPT", value_parser = entry)]
    pub attempt: Ref,
    /// The day you asked: YYYY-MM-DD or yesterday
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = day)]
    pub date: Option<Day>,
    /// How it went
    #[arg(long, value_name = "OUTCOME", ignore_case = true)]
    pub outcome: Option<OutcomeArg>,
    /// Distress just before the ask, 0-100 ("" for not recorded)
    #[arg(long, value_name = "N", value_parser = suds_or_none, allow_negative_numbers = true)]
    pub before: Option<Level>,
    /// Distress just after it, 0-100 ("" for not recorded)
    #[arg(long, value_name = "N", value_parser = suds_or_none, allow_negative_numbers = true)]
    pub after: Option<Level>,
    /// What happened ("" to remove it; - reads it from standard input)
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// What you learned from it, kept apart from the note ("" to remove it; - reads it from standard input)
    #[arg(long, value_name = "TEXT")]
    pub learned: Option<String>,
    /// What you feared did happen
    #[arg(long, conflicts_with = "fear_did_not_happen")]
    pub fear_happened: bool,
    /// What you feared did not happen
    #[arg(long)]
    pub fear_did_not_happen: bool,
    /// You thanked them
    #[arg(long, conflicts_with = "not_thanked")]
    pub thanked: bool,
    /// You have not thanked them yet
    #[arg(long)]
    pub not_thanked: bool,
    /// How you asked
    #[arg(long, value_name = "HOW", ignore_case = true)]
    pub how: Option<HowArg>,
    /// Record a day that looks like a slip (before the ladder or the rung began, or over 60 days back)
    #[arg(long)]
    pub confirm_date: bool,
}

/// Forget an attempt, a hesitation or help given: gone on every device (ladder undo brings it back)
#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:\n  ladder forget 12                 attempt 12 (see ladder log)\n  \
    ladder forget --hesitation 3     (see ladder hesitations)\n  \
    ladder forget --gift 2           help given (see ladder export)\n\n\
    A forgotten entry leaves its uid in [[forgotten]], so that no device brings it back.\n\
    To remove a rung and its attempts, use ladder rm.")]
pub struct ForgetArgs {
    /// The attempt's ID (see ladder log), or the start of its uid
    #[arg(value_name = "ATTEMPT", value_parser = entry, required_unless_present_any = ["hesitation", "gift"], conflicts_with_all = ["hesitation", "gift"])]
    pub attempt: Option<Ref>,
    /// Forget this hesitation instead (see ladder hesitations)
    #[arg(long, value_name = "ID", value_parser = id, conflicts_with = "gift")]
    pub hesitation: Option<u32>,
    /// Forget this help given instead
    #[arg(long, value_name = "ID", value_parser = id)]
    pub gift: Option<u32>,
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

/// Change a rung in place; an empty text ("") removes who, fear or the tags
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  ladder edit 4 --stakes 35\n  ladder edit 4 --who Sam --tag work --tag team\n  \
    ladder edit 4 --fear \"\"           forget the fear written on it",
    // The fields `add` gives, worded for replacing what a rung has.
    mut_arg("who", |a| a.help("Who you will ask (\"\" for no one in particular)")),
    mut_arg("tags", |a| a.help("The tags, replacing the old ones (repeat for more; \"\" for none)")),
    mut_arg("fear", |a| a.help("What you fear will happen (\"\" to remove it; - reads it from standard input)")),
    mut_arg("chance", |a| a.help("The chance of a yes you predict, in percent")),
    mut_arg("safety", |a| a.help("The safety behaviours, replacing the old ones (repeat for more; \"\" for none)"))
)]
pub struct EditArgs {
    /// The rung's ID, or the start of its uid
    #[arg(value_name = "ID", value_parser = entry)]
    pub id: Ref,
    /// The new ask
    #[arg(long, value_name = "TEXT")]
    pub ask: Option<String>,
    /// The new stakes, 0-100
    #[arg(short, long, value_name = "N", value_parser = suds, allow_negative_numbers = true)]
    pub stakes: Option<u8>,
    #[command(flatten)]
    pub rung: RungFields,
}

/// Add an easier step before a rung that was harder than planned, linked to it
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  ladder split 4 \"Ask Sam for five minutes, not an hour\"\n  ladder split 4 \"Ask by email first\" --stakes 40\n\n\
    Without --stakes, the step goes halfway down to the rung below."
)]
pub struct SplitArgs {
    /// The harder rung's ID, or the start of its uid
    #[arg(value_name = "ID", value_parser = entry)]
    pub id: Ref,
    /// The easier ask
    #[arg(required = true, num_args = 1.., value_name = "ASK")]
    pub ask: Vec<String>,
    /// Its stakes, 0-100, below the harder rung's [default: halfway down to the rung below]
    #[arg(short, long, value_name = "N", value_parser = suds, allow_negative_numbers = true)]
    pub stakes: Option<u8>,
    /// Who you will ask
    #[arg(long, value_name = "NAME")]
    pub who: Option<String>,
}

/// Remove a rung and its attempts (ladder undo brings them back)
#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:\n  ladder rm 7\n\nIDs are never reused: the next rung added gets a new one.")]
pub struct RmArgs {
    /// The rung's ID, or the start of its uid
    #[arg(value_name = "ID", value_parser = entry)]
    pub id: Ref,
}

/// Note a moment you wanted to ask for help and held back
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  ladder hesitated \"Ask Sam to look over my PR\" --story \"I'd be bothering him\" --stakes 35\n  \
    ladder hesitated \"Ask for help at the pharmacy\" --date 2026-11-20"
)]
pub struct HesitatedArgs {
    /// What you wanted to ask
    #[arg(required = true, num_args = 1.., value_name = "TEXT")]
    pub text: Vec<String>,
    /// The story you told yourself ("I'd be bothering them"; - reads it from standard input)
    #[arg(long, value_name = "TEXT")]
    pub story: Option<String>,
    /// Your guess at its stakes, 0-100
    #[arg(short, long, value_name = "N", value_parser = suds, allow_negative_numbers = true)]
    pub stakes: Option<u8>,
    /// The day it happened, if not today: YYYY-MM-DD or yesterday
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = day)]
    pub date: Option<Day>,
    /// Record a day that looks like a slip (before the ladder or the rung began, or over 60 days back)
    #[arg(long)]
    pub confirm_date: bool,
    /// Note it even when a rung with the same words is on the ladder (it is noted as that rung's)
    #[arg(long)]
    pub anyway: bool,
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

/// Turn a hesitation into a rung
#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:\n  ladder promote 3\n  ladder promote 3 --stakes 40 --who Sam")]
pub struct PromoteArgs {
    /// The hesitation's ID (see ladder hesitations)
    #[arg(value_name = "ID", value_parser = id)]
    pub id: u32,
    /// Its stakes, 0-100 [default: the guess noted with it]
    #[arg(short, long, value_name = "N", value_parser = suds, allow_negative_numbers = true)]
    pub stakes: Option<u8>,
    /// Who you will ask
    #[arg(long, value_name = "NAME")]
    pub who: Option<String>,
    /// Attach it to this rung (its ID, or the start of its uid) instead of making a new one
    #[arg(long, value_name = "RUNG", value_parser = entry, conflicts_with_all = ["stakes", "who", "anyway"])]
    pub to: Option<Ref>,
    /// Make a new rung even when one with the same words is on the ladder
    #[arg(long)]
    pub anyway: bool,
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

/// Record help you gave someone
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  ladder gave \"Reviewed her slides\" --to Sam\n  ladder gave Fed the cat --to Ana --date 2026-11-20"
)]
pub struct GaveArgs {
    /// What you did for them
    #[arg(required = true, num_args = 1.., value_name = "TEXT")]
    pub text: Vec<String>,
    /// Who you helped
    #[arg(long, value_name = "NAME")]
    pub to: String,
    /// The day, if not today: YYYY-MM-DD or yesterday
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = day)]
    pub date: Option<Day>,
    /// Record a day that looks like a slip (before the ladder or the rung began, or over 60 days back)
    #[arg(long)]
    pub confirm_date: bool,
}

/// Mark an attempt as thanked, after the fact
#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:\n  ladder thank 12          attempt 12 (see ladder log)")]
pub struct ThankArgs {
    /// The attempt's ID (see ladder log), or the start of its uid
    #[arg(value_name = "ATTEMPT", value_parser = entry)]
    pub attempt: Ref,
}

/// Show the people you ask and help: asks, answers, thanks, help given back
#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:\n  ladder circle\n  ladder circle --json | jq '.[] | select(.unthanked > 0) | .who'")]
pub struct CircleArgs {
    /// Print JSON for scripts
    #[arg(long)]
    pub json: bool,
}

/// Plan when (and where) to make a rung's next ask
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  ladder plan 4 --on 2026-11-26 --where \"after stand-up\"\n  ladder plan 4 --clear\n\n\
    A plan says when, never which: the climbing order stays the same. Recording an attempt on the rung clears it."
)]
pub struct PlanArgs {
    /// The rung's ID, or the start of its uid
    #[arg(value_name = "ID", value_parser = entry)]
    pub id: Ref,
    /// The day to ask: YYYY-MM-DD, today or tomorrow
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = day, required_unless_present = "clear")]
    pub on: Option<Day>,
    /// Where, or in what setting
    #[arg(long = "where", value_name = "TEXT", conflicts_with = "clear")]
    pub place: Option<String>,
    /// Remove the plan
    #[arg(long, conflicts_with = "on")]
    pub clear: bool,
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
    /// and the one before), or last (the day of the last report) [default: the last report's day, or the day
    /// the ladder began if later]
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

/// Take back the last change ladder made to the file, or the last N
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  ladder undo\n  ladder undo 3\n  ladder history\n\nladder keeps the last 50 changes it made. A change made by hand since then is never overwritten."
)]
pub struct UndoArgs {
    /// How many changes to take back, newest first
    #[arg(default_value_t = 1, value_parser = undo_count)]
    pub count: u16,
}

/// The changes ladder can take back, newest first
#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:\n  ladder history\n  ladder undo 2     # takes back the first two listed")]
pub struct HistoryArgs {
    /// Print JSON: an array of { "change", "at" }
    #[arg(long)]
    pub json: bool,
}

/// Merge two copies of a ladder against the copy both started from (git's merge driver)
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Git runs this for you once `ladder sync setup` is done.\nThe result replaces OURS; it exits 0 when merged.\n\nExamples:\n  ladder merge base.toml mine.toml theirs.toml"
)]
pub struct MergeArgs {
    /// The copy both sides started from (may be empty)
    pub base: PathBuf,
    /// This device's copy; the merged ladder is written here
    pub ours: PathBuf,
    /// The other device's copy
    pub theirs: PathBuf,
}

/// List the values a merge set aside because two devices changed them differently
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  ladder conflicts\n  ladder conflicts --clear    once you have put right what needed it"
)]
pub struct ConflictsArgs {
    /// Forget them
    #[arg(long)]
    pub clear: bool,
}

/// Fold in the conflict copies a sync tool left beside the ladder; `setup` prepares git
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  ladder sync          fold in conflict copies (every change does too)\n  ladder sync setup    make git merge the ladder with `ladder merge`"
)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub action: Option<SyncAction>,
}

impl DoneArgs {
    /// What `--fear-happened` or `--fear-did-not-happen` said, if either was given.
    pub fn fear_happened(&self) -> Option<bool> {
        (self.fear_happened || self.fear_did_not_happen).then_some(self.fear_happened)
    }

    /// The feared outcome's likelihood and cost, before and after, as given.
    pub fn expected(&self) -> Expectancy {
        Expectancy {
            likely_before: self.likely,
            bad_before: self.bad,
            likely_after: self.likely_after,
            bad_after: self.bad_after,
        }
    }

    pub fn outcome(&self) -> model::Outcome {
        self.outcome.into()
    }

    pub fn how(&self) -> Option<model::How> {
        self.how.map(Into::into)
    }
}

impl FixArgs {
    /// What `--fear-happened` or `--fear-did-not-happen` said, if either was given.
    pub fn fear_happened(&self) -> Option<bool> {
        (self.fear_happened || self.fear_did_not_happen).then_some(self.fear_happened)
    }

    /// What `--thanked` or `--not-thanked` said, if either was given.
    pub fn thanked(&self) -> Option<bool> {
        (self.thanked || self.not_thanked).then_some(self.thanked)
    }

    pub fn outcome(&self) -> Option<model::Outcome> {
        self.outcome.map(Into::into)
    }

    pub fn how(&self) -> Option<model::How> {
        self.how.map(Into::into)
    }
}

impl RungFields {
    /// Whether any of the fields was given.
    pub fn any(&self) -> bool {
        self.who.is_some()
            || !self.tags.is_empty()
            || self.fear.is_some()
            || self.chance.is_some()
            || !self.safety.is_empty()
    }

    /// Writes the fields given onto `rung`, each text checked as the file would check it; a field not given
    /// stays as it is. Editing, an empty text clears (who or fear) or is left out (a tag, a safety behaviour);
    /// adding, it is refused like any text that is not one. Lists keep each text once.
    pub fn set(&self, rung: &mut Rung, editing: bool) -> Result<(), String> {
        let text = |text: &str, what: &str| check_text(text, what, MAX_SHORT_TEXT);
        let optional = |given: &str, what: &str| {
            if editing && given.trim().is_empty() { Ok(None) } else { text(given, what).map(Some) }
        };
        let list = |given: &[String], what: &str| -> Result<Vec<String>, String> {
            let mut texts: Vec<String> = Vec::new();
            for given in given.iter().filter(|t| !editing || !t.trim().is_empty()) {
                let checked = text(given, what)?;
                if !texts.contains(&checked) {
                    texts.push(checked);
                }
            }
            Ok(texts)
        };
        if let Some(who) = &self.who {
            rung.who = optional(who, "name")?;
        }
        if !self.tags.is_empty() {
            rung.tags = list(&self.tags, "tag")?;
        }
        if let Some(fear) = &self.fear {
            rung.fear = optional(fear, "fear")?;
        }
        if let Some(chance) = self.chance {
            rung.chance = Some(chance);
        }
        if !self.safety.is_empty() {
            rung.safety = list(&self.safety, "safety behaviour")?;
        }
        Ok(())
    }
}
