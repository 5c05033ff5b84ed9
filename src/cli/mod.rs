//! The command-line surface. Flags, names and exit codes here are a contract: scripts depend on them.

// Doc comments here are help text for people, not rustdoc: no backticks around names.
#![allow(clippy::doc_markdown)]

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::model;

mod record;
mod rung;
mod show;
mod sync;

pub use record::*;
pub use rung::*;
pub use show::*;
pub use sync::*;

#[derive(Debug, Parser)]
#[command(
    name = "ladder",
    version,
    about = "Get better at asking for help, one small ask at a time.",
    long_about = "Get better at asking for help, one small ask at a time.\n\n\
        Write a ladder of asks from low stakes to high, rated 0-100 for the distress you expect \
        (SUDS, subjective units of distress: 0 calm, 50 clearly anxious, 100 the worst imaginable). \
        Practise a rung near your level until it counts (an ask made and bearable, your fear checked, no safety \
        behaviour leaned on), then climb. \
        A \"no\" is not a failure: you asked, and asking is the practice.",
    after_help = "Exit codes: 0 done; 1 `next` has nothing to suggest, or `remind` nothing to say; 2 an error (bad arguments, unknown ID, unreadable file).\n\n\
        ladder is not a crisis service. If you are in crisis or might harm yourself, contact your local emergency \
        services or a crisis line now.",
    after_long_help = "Examples:\n  ladder init --example\n  ladder next\n  ladder done --outcome no --note \"They were busy; try mornings\"\n  ladder progress\n\n\
        Exit codes: 0 done; 1 `next` has nothing to suggest, or `remind` nothing to say; 2 an error (bad arguments, unknown ID, unreadable file).\n\n\
        ladder is not a crisis service. If you are in crisis or might harm yourself, contact your local emergency \
        services or a crisis line now.",
    max_term_width = 100
)]
pub struct Cli {
    /// The ladder file [default: $LADDER_FILE, else ladder/ladder.toml in your data directory]
    #[arg(long, global = true, value_name = "PATH", help_heading = "Global options")]
    pub file: Option<PathBuf>,

    /// When to colour the output
    #[arg(
        long,
        global = true,
        value_name = "WHEN",
        default_value = "auto",
        ignore_case = true,
        help_heading = "Global options"
    )]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    Init(InitArgs),
    Add(AddArgs),
    Next(NextArgs),
    Remind(RemindArgs),
    Done(DoneArgs),
    Fix(FixArgs),
    Forget(ForgetArgs),
    List(ListArgs),
    Log(LogArgs),
    Edit(EditArgs),
    Split(SplitArgs),
    Rm(RmArgs),
    Hesitated(HesitatedArgs),
    Hesitations(HesitationsArgs),
    Promote(PromoteArgs),
    Ideas(IdeasArgs),
    Gave(GaveArgs),
    Thank(ThankArgs),
    Circle(CircleArgs),
    Plan(PlanArgs),
    Agenda(AgendaArgs),
    Progress(ProgressArgs),
    Report(ReportArgs),

    /// Show which ladder file is in use, and why
    #[command(
        after_help = "Examples:\n  ladder path\n  $EDITOR \"$(ladder path)\"\n\nThe path goes to standard output and the reason to standard error."
    )]
    Path,

    Export(ExportArgs),
    Import(ImportArgs),
    Completions(CompletionsArgs),

    /// Print the man page (roff)
    #[command(after_help = "Examples:\n  ladder man > ~/.local/share/man/man1/ladder.1\n  ladder man | man -l -")]
    Man,

    Undo(UndoArgs),
    History(HistoryArgs),
    Merge(MergeArgs),
    Encrypt(EncryptArgs),

    /// Turn an encrypted ladder (ladder.toml.age) back into plain text (ladder.toml)
    #[command(after_help = "Examples:\n  ladder decrypt")]
    Decrypt,

    ShowPlain(ShowPlainArgs),

    /// Edit the ladder file by hand in $EDITOR, even an encrypted one, and save it once it reads as a ladder
    #[command(
        after_help = "The plain text is kept in a private folder ($XDG_RUNTIME_DIR when it is yours, else a folder only \
        you can read in the temp folder) and removed when the editor is closed.\n\nExamples:\n  ladder edit-file\n  \
        EDITOR=nano ladder edit-file"
    )]
    EditFile,

    Conflicts(ConflictsArgs),
    Sync(SyncArgs),
}

#[derive(Debug, Clone, Subcommand)]
pub enum SyncAction {
    /// Tell git to merge the ladder with `ladder merge` (.gitattributes and the repository's config)
    Setup,
}

/// How it went, as typed (`model::Outcome` is the value kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutcomeArg {
    Yes,
    Partial,
    No,
    NoAnswer,
}

impl From<OutcomeArg> for model::Outcome {
    fn from(arg: OutcomeArg) -> model::Outcome {
        match arg {
            OutcomeArg::Yes => model::Outcome::Yes,
            OutcomeArg::Partial => model::Outcome::Partial,
            OutcomeArg::No => model::Outcome::No,
            OutcomeArg::NoAnswer => model::Outcome::NoAnswer,
        }
    }
}

/// How the ask was made, as typed (`model::How` is the value kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HowArg {
    InPerson,
    Phone,
    Text,
    Email,
    Other,
}

impl From<HowArg> for model::How {
    fn from(arg: HowArg) -> model::How {
        match arg {
            HowArg::InPerson => model::How::InPerson,
            HowArg::Phone => model::How::Phone,
            HowArg::Text => model::How::Text,
            HowArg::Email => model::How::Email,
            HowArg::Other => model::How::Other,
        }
    }
}

/// How the names of the people asked appear in a report (the command hands it to the report as its own value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NamesArg {
    /// As written
    Full,
    /// “Priya Shah” becomes “P. S.”
    Initials,
    /// Every name becomes “someone”
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    #[value(alias = "md")]
    Markdown,
    Json,
}

/// How many changes `undo` takes back: 1 to 50, the history `ladder` keeps.
fn undo_count(text: &str) -> Result<u16, String> {
    match text.trim().parse::<i64>() {
        Ok(n @ 1..=50) => u16::try_from(n).map_err(|e| e.to_string()),
        _ => Err(format!("undo takes back 1 to 50 changes (the history ladder keeps), not \"{text}\"")),
    }
}

/// A distress level given to fix, or none ("" or "none": not recorded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Level(pub Option<u8>);

fn suds_or_none(text: &str) -> Result<Level, String> {
    match text.trim() {
        "" | "none" => Ok(Level(None)),
        _ => suds(text).map(|n| Level(Some(n))),
    }
}

fn suds(text: &str) -> Result<u8, String> {
    match text.trim().parse::<i64>() {
        Ok(n) if (0..=100).contains(&n) => u8::try_from(n).map_err(|e| e.to_string()),
        Ok(n) => Err(format!("{n} is outside the 0-100 scale")),
        Err(_) => Err(format!("\"{text}\" is not a whole number from 0 to 100")),
    }
}

/// An ID: rungs, attempts and hesitations are numbered from 1.
fn id(text: &str) -> Result<u32, String> {
    match text.trim().parse::<u64>() {
        Ok(n) if n >= 1 => u32::try_from(n).map_err(|_| format!("there is no ID as large as {n}")),
        _ => Err(format!("an ID is a whole number from 1 up, not \"{text}\"")),
    }
}

/// A rung or an attempt, as a person names it: its ID, or the start of its uid (as git takes a short hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ref {
    Id(u32),
    Uid(String),
}

/// The shortest start of a uid taken for one: shorter, a typo would too easily name some entry.
const SHORTEST_UID: usize = 3;

fn entry(text: &str) -> Result<Ref, String> {
    let word = text.trim().to_lowercase();
    if word.bytes().all(|b| b.is_ascii_digit() || b == b'-' || b == b'+') {
        return id(text).map(Ref::Id);
    }
    if word.len() >= SHORTEST_UID && crate::model::uid::valid(&word) {
        return Ok(Ref::Uid(word));
    }
    Err(format!("an ID is a whole number from 1 up, or the start of a uid (3 characters or more), not \"{text}\""))
}

/// A time of day, HH:MM.
fn clock(text: &str) -> Result<chrono::NaiveTime, String> {
    chrono::NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| format!("\"{text}\" is not a time of day like 18:00 (HH:MM, 24-hour)"))
}

/// How many to show: at least one.
fn how_many(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!("give how many to show as a whole number from 1 up, not \"{text}\"")),
    }
}

/// Where `report --since` starts its period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    Day(Day),
    /// This many whole weeks, this one included.
    Weeks(u32),
    /// The day of the last report written before today.
    Last,
}

/// `report --since`: a day, a number of weeks (`4w`, `4 weeks` or `4`), or `last`.
fn since(text: &str) -> Result<Since, String> {
    let word = text.trim().to_lowercase();
    if word == "last" {
        return Ok(Since::Last);
    }
    let number = word.trim_end_matches("weeks").trim_end_matches("week").trim_end_matches('w').trim();
    if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) {
        return match number.parse::<u32>() {
            Ok(n @ 1..=520) => Ok(Since::Weeks(n)),
            _ => Err(format!("\"{text}\" is not a number of weeks from 1 to 520")),
        };
    }
    day(text).map(Since::Day).map_err(|e| {
        if e.starts_with('"') {
            format!("\"{text}\" is not a day like 2026-11-21, a number of weeks like 2w, or last")
        } else {
            e
        }
    })
}

/// A day as typed: a date, or a number of days from today (today 0, yesterday -1, tomorrow 1). The parser reads
/// no clock: the command resolves it with its own (`LADDER_NOW` when set).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Day {
    Relative(i64),
    On(NaiveDate),
}

impl Day {
    /// The day this names, counted from `today`.
    pub fn on(self, today: NaiveDate) -> NaiveDate {
        match self {
            Day::Relative(shift) => today + chrono::Duration::days(shift),
            Day::On(day) => day,
        }
    }
}

/// The day `plan --on` was given: a day, or words that are not one. Those are said by the command, which knows
/// today and so can name a day to come that would work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanDay {
    Day(Day),
    NotADay(String),
}

/// A day to plan for: as `day`, but words that are not a day are left for the command to answer.
fn plan_day(text: &str) -> Result<PlanDay, String> {
    match day(text) {
        Ok(day) => Ok(PlanDay::Day(day)),
        Err(why) if why.starts_with('"') => Ok(PlanDay::NotADay(text.to_string())),
        Err(why) => Err(why),
    }
}

/// A day: YYYY-MM-DD, or today, yesterday or tomorrow.
fn day(text: &str) -> Result<Day, String> {
    let word = text.trim().to_lowercase();
    match word.as_str() {
        "today" => return Ok(Day::Relative(0)),
        "yesterday" => return Ok(Day::Relative(-1)),
        "tomorrow" => return Ok(Day::Relative(1)),
        _ => {}
    }
    if let Ok(day) = NaiveDate::parse_from_str(&word, "%Y-%m-%d") {
        return Ok(Day::On(day));
    }
    let numbers: Vec<u32> = word.split('-').map_while(|n| n.parse().ok()).collect();
    if let [year, month, day] = numbers[..] {
        let first = i32::try_from(year).ok().and_then(|y| NaiveDate::from_ymd_opt(y, month, 1));
        if let Some(first) = first {
            let days = first.checked_add_months(chrono::Months::new(1)).map_or(31, |next| (next - first).num_days());
            return Err(format!(
                "{text} is not a day on the calendar: {} has {days} days, not {day}",
                first.format("%B %Y")
            ));
        }
        if !(1..=12).contains(&month) {
            return Err(format!("{text} is not a day on the calendar: there is no month {month}"));
        }
    }
    Err(format!("\"{text}\" is not a day like 2026-11-21, today or yesterday"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn suds_must_be_on_the_scale() {
        assert_eq!(suds("0"), Ok(0));
        assert_eq!(suds("100"), Ok(100));
        assert!(suds("101").unwrap_err().contains("outside"));
        assert!(suds("-1").is_err());
        assert!(suds("high").unwrap_err().contains("not a whole number"));
    }

    #[test]
    fn the_words_typed_are_the_words_kept() {
        for arg in OutcomeArg::value_variants() {
            let typed = arg.to_possible_value().map(|v| v.get_name().to_owned());
            assert_eq!(typed.as_deref(), Some(model::Outcome::from(*arg).as_str()));
        }
        for arg in HowArg::value_variants() {
            let typed = arg.to_possible_value().map(|v| v.get_name().to_owned());
            assert_eq!(typed.as_deref(), Some(model::How::from(*arg).as_str()));
        }
        assert_eq!(OutcomeArg::value_variants().len(), model::Outcome::ALL.len());
        assert_eq!(HowArg::value_variants().len(), model::How::ALL.len());
    }

    #[test]
    fn a_day_reads_no_clock() {
        assert_eq!(day("Yesterday"), Ok(Day::Relative(-1)));
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(day("yesterday").unwrap().on(today), NaiveDate::from_ymd_opt(2026, 2, 28).unwrap());
        assert_eq!(day("2026-11-21").unwrap().on(today), NaiveDate::from_ymd_opt(2026, 11, 21).unwrap());
    }

    #[test]
    fn file_is_global() {
        let cli = Cli::try_parse_from(["ladder", "next", "--file", "x.toml"]).unwrap();
        assert_eq!(cli.file, Some(PathBuf::from("x.toml")));
    }
}
