//! What `done` may add after the attempt: a wider circle, and a day for the next ask (`rules::nudge`).

use crate::model::Rung;
use crate::rules::nudge::WINDOW;

/// Most recent asks went to the person `rung` names: kindly, a new person is worth asking too.
pub fn one_person(rung: &Rung, count: usize) -> String {
    let who = rung.who.as_deref().unwrap_or_default();
    format!(
        "{count} of your last {WINDOW} asks went to {who}. That is a fine place to start; asking someone new, even \
         for something small, builds a circle of people you can ask: ladder add \"...\" --who NAME\n"
    )
}

/// The command to plan the next ask, on rung `id`, for a day.
pub fn plan(id: u32) -> String {
    format!("Pick a day for the next one, if you like: ladder plan {id} --on DAY\n")
}
