//! The commands that record and mend: `done`, `fix`, `forget`, `hesitated`, `promote`, `gave`, `thank` and `plan`.

// Doc comments here are help text for people, not rustdoc: no backticks around names.
#![allow(clippy::doc_markdown)]
// A command's switches are bools: each is one flag on the command line, and clap sets it.
#![allow(clippy::struct_excessive_bools)]

use clap::Args;

use crate::model::{self, Expectancy};

use super::{Day, HowArg, Level, OutcomeArg, PlanDay, Ref};
use super::{day, entry, id, plan_day, suds, suds_or_none};

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
    Every fix is echoed as old → new, and `ladder undo` takes it back.")]
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
    To remove a rung and its attempts, use `ladder rm`.")]
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
    #[arg(long, value_name = "DAY", value_parser = plan_day, required_unless_present = "clear")]
    pub on: Option<PlanDay>,
    /// Where, or in what setting
    #[arg(long = "where", value_name = "TEXT", conflicts_with = "clear")]
    pub place: Option<String>,
    /// Remove the plan
    #[arg(long, conflicts_with = "on")]
    pub clear: bool,
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
