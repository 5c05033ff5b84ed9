//! The command-line surface. Flags, names and exit codes here are a contract: scripts depend on them.

// Doc comments here are help text for people, not rustdoc: no backticks around names.
#![allow(clippy::doc_markdown)]

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::model;

#[derive(Debug, Parser)]
#[command(
    name = "ladder",
    version,
    about = "Get better at asking for help, one small ask at a time.",
    long_about = "Get better at asking for help, one small ask at a time.\n\n\
        Write a ladder of asks from low stakes to high, rated 0-100 for the distress you expect \
        (SUDS, subjective units of distress: 0 calm, 50 clearly anxious, 100 the worst imaginable). \
        Practise the lowest rung that is not yet comfortable until it is, then climb. \
        A \"no\" is not a failure: you asked, and asking is the practice.",
    after_help = "Exit codes: 0 done; 1 `next` has nothing to suggest; 2 an error (bad arguments, unknown ID, unreadable file).\n\n\
        ladder is not a crisis service. If you are in crisis or might harm yourself, contact your local emergency \
        services or a crisis line now.",
    after_long_help = "Examples:\n  ladder init --example\n  ladder next\n  ladder done --outcome no --note \"They were busy; try mornings\"\n  ladder progress\n\n\
        Exit codes: 0 done; 1 `next` has nothing to suggest; 2 an error (bad arguments, unknown ID, unreadable file).\n\n\
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
    /// Create the ladder file; never overwrites one that exists
    #[command(
        after_help = "Examples:\n  ladder init --example    start from a ladder of 15 asks about asking for help\n  ladder init              start from an empty ladder"
    )]
    Init {
        /// Start from the example ladder of asks about asking for help
        #[arg(long)]
        example: bool,
    },

    /// Add a rung: one concrete ask and its stakes
    #[command(
        after_help = "Examples:\n  ladder add \"Ask Sam for feedback on one slide by Friday\" --stakes 30 --who Sam --tag work\n  ladder add Ask a neighbour to water the plants -s 40\n  ladder add --idea 12 --stakes 35\n  \
        ladder add \"Ask Priya to pair on the bug\" -s 45 --fear \"She'll think I can't do my job\" --chance 40"
    )]
    Add {
        /// The ask, as concrete as you can make it: who, what, when
        #[arg(required_unless_present = "idea", conflicts_with = "idea", num_args = 1.., value_name = "ASK")]
        ask: Vec<String>,
        /// The distress you expect, 0-100 (SUDS: 0 calm, 50 clearly anxious, 100 the worst imaginable)
        #[arg(short, long, value_name = "N", value_parser = suds, allow_negative_numbers = true, required_unless_present = "idea")]
        stakes: Option<u8>,
        /// Add an idea from the bank (see ladder ideas), at its typical stakes unless --stakes is given
        #[arg(long, value_name = "ID")]
        idea: Option<u32>,
        /// Who you will ask
        #[arg(long, value_name = "NAME")]
        who: Option<String>,
        /// A tag to group asks (repeat for more)
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// What you fear will happen when you ask (- reads it from standard input)
        #[arg(long, value_name = "TEXT")]
        fear: Option<String>,
        /// The chance, in percent, that they will say yes (your prediction)
        #[arg(long, value_name = "PERCENT", value_parser = suds, allow_negative_numbers = true)]
        chance: Option<u8>,
        /// Something you do to feel safer while asking, such as "text instead of calling" (repeat for more)
        #[arg(long = "safety", value_name = "TEXT")]
        safety: Vec<String>,
        /// Add it even when a rung with the same words is on the ladder
        #[arg(long)]
        anyway: bool,
    },

    /// Show the next suggested step
    #[command(
        after_help = "Examples:\n  ladder next\n  ladder next -q          just the ask, for a prompt or a status line\n  \
        ladder next --review     a mastered ask to revisit, so the gains last\n  \
        ladder next --json | jq .ask\n\nExits 1 when there is nothing to suggest."
    )]
    Next {
        /// Print JSON for scripts
        #[arg(long, conflicts_with = "quiet")]
        json: bool,
        /// Print only the ask, on one line (nothing when there is none)
        #[arg(short, long)]
        quiet: bool,
        /// Suggest a mastered rung to revisit instead: the one practised longest ago
        #[arg(long)]
        review: bool,
    },

    /// One gentle nudge toward your next ask, when one is worth giving: for a timer, a login file or a prompt
    #[command(after_help = "Examples:\n  ladder remind              print it, or nothing\n  \
        ladder remind --notify     a desktop notification (notify-send), or termux-notification in Termux\n  \
        ladder remind || true      in a login file\n\n\
        At most one nudge a day per ladder, none in the quiet hours ([settings] quiet_hours, \"21-8\" unless set). \
        Exits 1, printing nothing, when there is nothing worth saying.")]
    Remind {
        /// Send it as a notification (notify-send, else termux-notification); printed when neither answers
        #[arg(long, conflicts_with = "print")]
        notify: bool,
        /// Print it as plain text (the default)
        #[arg(long)]
        print: bool,
        /// Schedule it daily: a systemd user timer (Persistent=true), else a crontab line to add yourself
        #[arg(long, conflicts_with = "uninstall")]
        install: bool,
        /// The time of day for --install, HH:MM
        #[arg(long, value_name = "HH:MM", requires = "install", default_value = "18:00", value_parser = clock)]
        at: chrono::NaiveTime,
        /// Remove the timer --install wrote, and nothing else
        #[arg(long, conflicts_with_all = ["notify", "print"])]
        uninstall: bool,
    },

    /// Record an attempt: you asked
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
    Done {
        /// The rung's ID, or the start of its uid [default: the rung `ladder next` suggests]
        #[arg(value_name = "ID", value_parser = entry)]
        id: Option<Ref>,
        /// How it went; a "no" is practice too
        #[arg(long, value_name = "OUTCOME", default_value = "yes", ignore_case = true)]
        outcome: OutcomeArg,
        /// Distress just before the ask, 0-100
        #[arg(long, value_name = "N", value_parser = suds, allow_negative_numbers = true)]
        before: Option<u8>,
        /// Distress just after it, 0-100
        #[arg(long, value_name = "N", value_parser = suds, allow_negative_numbers = true)]
        after: Option<u8>,
        /// What happened, in your own words (- reads it from standard input)
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// What you learned from it, kept apart from the note (the report lists it under "What you learned"; - reads
        /// it from standard input)
        #[arg(long, value_name = "TEXT")]
        learned: Option<String>,
        /// The day you asked, if not today: YYYY-MM-DD or yesterday
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = day)]
        date: Option<Day>,
        /// What you feared did happen
        #[arg(long, conflicts_with = "fear_did_not_happen")]
        fear_happened: bool,
        /// What you feared did not happen
        #[arg(long)]
        fear_did_not_happen: bool,
        /// You thanked them
        #[arg(long)]
        thanked: bool,
        /// A safety behaviour you relied on (repeat for more): then it counts as practice, not a rep
        #[arg(long = "used", value_name = "TEXT")]
        used: Vec<String>,
        /// A safety behaviour you did without this time (repeat for more)
        #[arg(long = "dropped", value_name = "TEXT")]
        dropped: Vec<String>,
        /// The highest distress during the ask, 0-100
        #[arg(long, value_name = "N", value_parser = suds, allow_negative_numbers = true)]
        peak: Option<u8>,
        /// Before the ask: how likely the feared outcome seemed, in percent
        #[arg(long, value_name = "PERCENT", value_parser = suds, allow_negative_numbers = true)]
        likely: Option<u8>,
        /// Before the ask: how bad it seemed it would be, 0-100
        #[arg(long, value_name = "N", value_parser = suds, allow_negative_numbers = true)]
        bad: Option<u8>,
        /// After it: how likely the feared outcome seems now, in percent
        #[arg(long, value_name = "PERCENT", value_parser = suds, allow_negative_numbers = true)]
        likely_after: Option<u8>,
        /// After it: how bad it was, or would be, 0-100
        #[arg(long, value_name = "N", value_parser = suds, allow_negative_numbers = true)]
        bad_after: Option<u8>,
        /// How you asked
        #[arg(long, value_name = "HOW", ignore_case = true)]
        how: Option<HowArg>,
        /// Record a day that looks like a slip (before the ladder or the rung began, or over 60 days back)
        #[arg(long)]
        confirm_date: bool,
    },

    /// Fix an attempt you recorded: its date, outcome, distress, note, fear or thanks
    #[command(after_help = "Examples:\n  ladder fix 12 --date 2026-11-25          the day you really asked\n  \
        ladder fix 12 --outcome partial --after 30\n  \
        ladder fix 12 --note \"\"                  remove the note\n  \
        ladder fix 12 --learned \"A no to the ask was not a no to me\"\n\n\
        Every fix is echoed as old → new, and ladder undo takes it back.")]
    Fix {
        /// The attempt's ID (see ladder log), or the start of its uid
        #[arg(value_name = "ATTEMPT", value_parser = entry)]
        attempt: Ref,
        /// The day you asked: YYYY-MM-DD or yesterday
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = day)]
        date: Option<Day>,
        /// How it went
        #[arg(long, value_name = "OUTCOME", ignore_case = true)]
        outcome: Option<OutcomeArg>,
        /// Distress just before the ask, 0-100 ("" for not recorded)
        #[arg(long, value_name = "N", value_parser = suds_or_none, allow_negative_numbers = true)]
        before: Option<Level>,
        /// Distress just after it, 0-100 ("" for not recorded)
        #[arg(long, value_name = "N", value_parser = suds_or_none, allow_negative_numbers = true)]
        after: Option<Level>,
        /// What happened ("" to remove it; - reads it from standard input)
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// What you learned from it, kept apart from the note ("" to remove it; - reads it from standard input)
        #[arg(long, value_name = "TEXT")]
        learned: Option<String>,
        /// What you feared did happen
        #[arg(long, conflicts_with = "fear_did_not_happen")]
        fear_happened: bool,
        /// What you feared did not happen
        #[arg(long)]
        fear_did_not_happen: bool,
        /// You thanked them
        #[arg(long, conflicts_with = "not_thanked")]
        thanked: bool,
        /// You have not thanked them yet
        #[arg(long)]
        not_thanked: bool,
        /// How you asked
        #[arg(long, value_name = "HOW", ignore_case = true)]
        how: Option<HowArg>,
        /// Record a day that looks like a slip (before the ladder or the rung began, or over 60 days back)
        #[arg(long)]
        confirm_date: bool,
    },

    /// Forget an attempt, a hesitation or help given: gone on every device (ladder undo brings it back)
    #[command(after_help = "Examples:\n  ladder forget 12                 attempt 12 (see ladder log)\n  \
        ladder forget --hesitation 3     (see ladder hesitations)\n  \
        ladder forget --gift 2           help given (see ladder export)\n\n\
        A forgotten entry leaves its uid in [[forgotten]], so that no device brings it back.\n\
        To remove a rung and its attempts, use ladder rm.")]
    Forget {
        /// The attempt's ID (see ladder log), or the start of its uid
        #[arg(value_name = "ATTEMPT", value_parser = entry, required_unless_present_any = ["hesitation", "gift"], conflicts_with_all = ["hesitation", "gift"])]
        attempt: Option<Ref>,
        /// Forget this hesitation instead (see ladder hesitations)
        #[arg(long, value_name = "ID", value_parser = id, conflicts_with = "gift")]
        hesitation: Option<u32>,
        /// Forget this help given instead
        #[arg(long, value_name = "ID", value_parser = id)]
        gift: Option<u32>,
    },

    /// Show every rung, lowest stakes first
    #[command(
        visible_alias = "ls",
        after_help = "Examples:\n  ladder list\n  ladder list --json | jq '.[] | select(.status == \"mastered\") | .ask'"
    )]
    List {
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },

    /// Show your attempts, newest first
    #[command(
        after_help = "Examples:\n  ladder log\n  ladder log 3             the attempts on rung 3\n  ladder log --json | jq '.[0]'"
    )]
    Log {
        /// Only the attempts on this rung (its ID, or the start of its uid)
        #[arg(value_name = "ID", value_parser = entry)]
        id: Option<Ref>,
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },

    /// Change a rung in place; an empty text ("") removes who, fear or the tags
    #[command(
        after_help = "Examples:\n  ladder edit 4 --stakes 35\n  ladder edit 4 --who Sam --tag work --tag team\n  \
        ladder edit 4 --fear \"\"           forget the fear written on it"
    )]
    Edit {
        /// The rung's ID, or the start of its uid
        #[arg(value_name = "ID", value_parser = entry)]
        id: Ref,
        /// The new ask
        #[arg(long, value_name = "TEXT")]
        ask: Option<String>,
        /// The new stakes, 0-100
        #[arg(short, long, value_name = "N", value_parser = suds, allow_negative_numbers = true)]
        stakes: Option<u8>,
        /// Who you will ask ("" for no one in particular)
        #[arg(long, value_name = "NAME")]
        who: Option<String>,
        /// The tags, replacing the old ones (repeat for more; "" for none)
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// What you fear will happen ("" to remove it; - reads it from standard input)
        #[arg(long, value_name = "TEXT")]
        fear: Option<String>,
        /// The chance of a yes you predict, in percent
        #[arg(long, value_name = "PERCENT", value_parser = suds, allow_negative_numbers = true)]
        chance: Option<u8>,
        /// The safety behaviours, replacing the old ones (repeat for more; "" for none)
        #[arg(long = "safety", value_name = "TEXT")]
        safety: Vec<String>,
    },

    /// Add an easier step before a rung that was harder than planned, linked to it
    #[command(
        after_help = "Examples:\n  ladder split 4 \"Ask Sam for five minutes, not an hour\"\n  ladder split 4 \"Ask by email first\" --stakes 40\n\n\
        Without --stakes, the step goes halfway down to the rung below."
    )]
    Split {
        /// The harder rung's ID, or the start of its uid
        #[arg(value_name = "ID", value_parser = entry)]
        id: Ref,
        /// The easier ask
        #[arg(required = true, num_args = 1.., value_name = "ASK")]
        ask: Vec<String>,
        /// Its stakes, 0-100, below the harder rung's [default: halfway down to the rung below]
        #[arg(short, long, value_name = "N", value_parser = suds, allow_negative_numbers = true)]
        stakes: Option<u8>,
        /// Who you will ask
        #[arg(long, value_name = "NAME")]
        who: Option<String>,
    },

    /// Remove a rung and its attempts (ladder undo brings them back)
    #[command(after_help = "Examples:\n  ladder rm 7\n\nIDs are never reused: the next rung added gets a new one.")]
    Rm {
        /// The rung's ID, or the start of its uid
        #[arg(value_name = "ID", value_parser = entry)]
        id: Ref,
    },

    /// Note a moment you wanted to ask for help and held back
    #[command(
        after_help = "Examples:\n  ladder hesitated \"Ask Sam to look over my PR\" --story \"I'd be bothering him\" --stakes 35\n  \
        ladder hesitated \"Ask for help at the pharmacy\" --date 2026-11-20"
    )]
    Hesitated {
        /// What you wanted to ask
        #[arg(required = true, num_args = 1.., value_name = "TEXT")]
        text: Vec<String>,
        /// The story you told yourself ("I'd be bothering them"; - reads it from standard input)
        #[arg(long, value_name = "TEXT")]
        story: Option<String>,
        /// Your guess at its stakes, 0-100
        #[arg(short, long, value_name = "N", value_parser = suds, allow_negative_numbers = true)]
        stakes: Option<u8>,
        /// The day it happened, if not today: YYYY-MM-DD or yesterday
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = day)]
        date: Option<Day>,
        /// Record a day that looks like a slip (before the ladder or the rung began, or over 60 days back)
        #[arg(long)]
        confirm_date: bool,
        /// Note it even when a rung with the same words is on the ladder (it is noted as that rung's)
        #[arg(long)]
        anyway: bool,
    },

    /// Show the hesitations you noticed, newest first
    #[command(
        after_help = "Examples:\n  ladder hesitations\n  ladder hesitations --json | jq '.[] | select(.rung == null)'"
    )]
    Hesitations {
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },

    /// Turn a hesitation into a rung
    #[command(after_help = "Examples:\n  ladder promote 3\n  ladder promote 3 --stakes 40 --who Sam")]
    Promote {
        /// The hesitation's ID (see ladder hesitations)
        #[arg(value_name = "ID", value_parser = id)]
        id: u32,
        /// Its stakes, 0-100 [default: the guess noted with it]
        #[arg(short, long, value_name = "N", value_parser = suds, allow_negative_numbers = true)]
        stakes: Option<u8>,
        /// Who you will ask
        #[arg(long, value_name = "NAME")]
        who: Option<String>,
        /// Attach it to this rung (its ID, or the start of its uid) instead of making a new one
        #[arg(long, value_name = "RUNG", value_parser = entry, conflicts_with_all = ["stakes", "who", "anyway"])]
        to: Option<Ref>,
        /// Make a new rung even when one with the same words is on the ladder
        #[arg(long)]
        anyway: bool,
    },

    /// Show asks from the idea bank that are not on your ladder yet
    #[command(
        after_help = "Examples:\n  ladder ideas --near 35\n  ladder ideas --tag work --limit 5\n  ladder add --idea 12\n\n\
        Areas: everyday, work, friends, family, health, money, community."
    )]
    Ideas {
        /// Only ideas from this area
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
        /// Closest to these stakes first
        #[arg(long, value_name = "N", value_parser = suds, allow_negative_numbers = true)]
        near: Option<u8>,
        /// Show at most this many
        #[arg(long, value_name = "K", default_value = "10", value_parser = how_many)]
        limit: usize,
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },

    /// Record help you gave someone
    #[command(
        after_help = "Examples:\n  ladder gave \"Reviewed her slides\" --to Sam\n  ladder gave Fed the cat --to Ana --date 2026-11-20"
    )]
    Gave {
        /// What you did for them
        #[arg(required = true, num_args = 1.., value_name = "TEXT")]
        text: Vec<String>,
        /// Who you helped
        #[arg(long, value_name = "NAME")]
        to: String,
        /// The day, if not today: YYYY-MM-DD or yesterday
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = day)]
        date: Option<Day>,
        /// Record a day that looks like a slip (before the ladder or the rung began, or over 60 days back)
        #[arg(long)]
        confirm_date: bool,
    },

    /// Mark an attempt as thanked, after the fact
    #[command(after_help = "Examples:\n  ladder thank 12          attempt 12 (see ladder log)")]
    Thank {
        /// The attempt's ID (see ladder log), or the start of its uid
        #[arg(value_name = "ATTEMPT", value_parser = entry)]
        attempt: Ref,
    },

    /// Show the people you ask and help: asks, answers, thanks, help given back
    #[command(
        after_help = "Examples:\n  ladder circle\n  ladder circle --json | jq '.[] | select(.unthanked > 0) | .who'"
    )]
    Circle {
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },

    /// Plan when (and where) to make a rung's next ask
    #[command(
        after_help = "Examples:\n  ladder plan 4 --on 2026-11-26 --where \"after stand-up\"\n  ladder plan 4 --clear\n\n\
        A plan says when, never which: the climbing order stays the same. Recording an attempt on the rung clears it."
    )]
    Plan {
        /// The rung's ID, or the start of its uid
        #[arg(value_name = "ID", value_parser = entry)]
        id: Ref,
        /// The day to ask: YYYY-MM-DD, today or tomorrow
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = day, required_unless_present = "clear")]
        on: Option<Day>,
        /// Where, or in what setting
        #[arg(long = "where", value_name = "TEXT", conflicts_with = "clear")]
        place: Option<String>,
        /// Remove the plan
        #[arg(long, conflicts_with = "on")]
        clear: bool,
    },

    /// Show planned asks by date, overdue first
    #[command(after_help = "Examples:\n  ladder agenda\n  ladder agenda --json\n  \
        ladder agenda --ics -o asks.ics    for your calendar app; importing it again updates the events")]
    Agenda {
        /// Print JSON for scripts
        #[arg(long, conflicts_with = "ics")]
        json: bool,
        /// Print an iCalendar file (RFC 5545) with one all-day event per planned ask
        #[arg(long)]
        ics: bool,
        /// Write the calendar to this file (readable by you alone) instead of standard output
        #[arg(short, long, value_name = "FILE", requires = "ics")]
        output: Option<PathBuf>,
        /// Keep the names of the people you will ask in the calendar (left out by default)
        #[arg(long, requires = "ics")]
        with_names: bool,
    },

    /// Show how far you have come
    #[command(
        after_help = "Examples:\n  ladder progress\n  ladder progress --chart\n  ladder progress --json | jq .mastered"
    )]
    Progress {
        /// Print JSON for scripts
        #[arg(long, conflicts_with = "chart")]
        json: bool,
        /// Draw the distress before and after each attempt, rung by rung, as charts that fit the terminal
        #[arg(long)]
        chart: bool,
    },

    /// Write a one-page HTML report to bring to a therapist or coach, or to keep
    #[command(after_help = "Examples:\n  ladder report --output report.html\n  \
        ladder report --since 2026-11-01 --names none --output november.html\n\n\
        The page has no scripts and loads nothing: open it in any browser, or print it (a month fits on two A4 pages).")]
    Report {
        /// Start of the period: a day (YYYY-MM-DD, today, yesterday), a number of whole weeks (2w or 2: this week
        /// and the one before), or last (the day of the last report) [default: the last report's day, or the day
        /// the ladder began if later]
        #[arg(long, value_name = "WHEN", value_parser = since)]
        since: Option<Since>,
        /// Write to this file (readable by you alone) instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// How to show the names of the people you asked
        #[arg(long, value_name = "HOW", default_value = "initials")]
        names: NamesArg,
    },

    /// Show which ladder file is in use, and why
    #[command(
        after_help = "Examples:\n  ladder path\n  $EDITOR \"$(ladder path)\"\n\nThe path goes to standard output and the reason to standard error."
    )]
    Path,

    /// Write every rung and attempt, to share with a therapist or coach, or for a spreadsheet
    #[command(after_help = "Examples:\n  ladder export --format markdown --output ladder-report.md\n  \
        ladder export --format csv > ladder.csv\n  ladder export --format json | jq '.rungs | length'")]
    Export {
        /// csv (one table, RFC 4180: attempts, hesitations, help given), markdown (a one-page report) or json
        #[arg(long, value_name = "FORMAT", default_value = "markdown", ignore_case = true)]
        format: ExportFormat,
        /// Write to this file (readable by you alone) instead of standard output; `-` means standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },

    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  ladder completions bash > ~/.local/share/bash-completion/completions/ladder\n  \
        ladder completions zsh > ~/.zfunc/_ladder\n  ladder completions fish > ~/.config/fish/completions/ladder.fish"
    )]
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },

    /// Print the man page (roff)
    #[command(after_help = "Examples:\n  ladder man > ~/.local/share/man/man1/ladder.1\n  ladder man | man -l -")]
    Man,

    /// Take back the last change ladder made to the file, or the last N
    #[command(
        after_help = "Examples:\n  ladder undo\n  ladder undo 3\n  ladder history\n\nladder keeps the last 50 changes it made. A change made by hand since then is never overwritten."
    )]
    Undo {
        /// How many changes to take back, newest first
        #[arg(default_value_t = 1, value_parser = undo_count)]
        count: u16,
    },

    /// The changes ladder can take back, newest first
    #[command(after_help = "Examples:\n  ladder history\n  ladder undo 2     # takes back the first two listed")]
    History {
        /// Print JSON: an array of { "change", "at" }
        #[arg(long)]
        json: bool,
    },

    /// Merge two copies of a ladder against the copy both started from (git's merge driver)
    #[command(
        after_help = "Git runs this for you once `ladder sync setup` is done.\nThe result replaces OURS; it exits 0 when merged.\n\nExamples:\n  ladder merge base.toml mine.toml theirs.toml"
    )]
    Merge {
        /// The copy both sides started from (may be empty)
        base: PathBuf,
        /// This device's copy; the merged ladder is written here
        ours: PathBuf,
        /// The other device's copy
        theirs: PathBuf,
    },

    /// List the values a merge set aside because two devices changed them differently
    #[command(
        after_help = "Examples:\n  ladder conflicts\n  ladder conflicts --clear    once you have put right what needed it"
    )]
    Conflicts {
        /// Forget them
        #[arg(long)]
        clear: bool,
    },

    /// Fold in the conflict copies a sync tool left beside the ladder; `setup` prepares git
    #[command(
        after_help = "Examples:\n  ladder sync          fold in conflict copies (every change does too)\n  ladder sync setup    make git merge the ladder with `ladder merge`"
    )]
    Sync {
        #[command(subcommand)]
        action: Option<SyncAction>,
    },
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
    /// The day of the last report.
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
