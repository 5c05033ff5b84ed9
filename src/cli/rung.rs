//! The commands that make and change rungs: `init`, `add`, `edit`, `split` and `rm`, and the rung fields `add`
//! and `edit` share.

// Doc comments here are help text for people, not rustdoc: no backticks around names.
#![allow(clippy::doc_markdown)]
// A command's switches are bools: each is one flag on the command line, and clap sets it.
#![allow(clippy::struct_excessive_bools)]

use std::path::PathBuf;

use clap::Args;

use crate::model::{MAX_SHORT_TEXT, Rung, check_text};

use super::Ref;
use super::{entry, suds};

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

/// Bring in a ladder from a worksheet: a CSV or TSV with a header, a list, `export --format json`, a ladder file
#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:\n  ladder import --dry-run worksheet.csv\n  ladder import worksheet.csv\n  \
    ladder import my-list.md\n  ladder --file new.toml import old-export.json\n\nColumns are matched loosely \
    (Situation or Ask, Distress, SUDS or Stakes, Fear, Who, Tags, Chance); a list puts each rating at the end of \
    its line: - Ask Sam for a lift (40). An ask already on the ladder is skipped. The import is one change: \
    `ladder undo` takes it all back.")]
pub struct ImportArgs {
    /// The worksheet to read; `-` reads standard input
    #[arg(value_name = "FILE")]
    pub worksheet: PathBuf,
    /// Show where each rung would land, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}
