//! The method: climbing, mastery, progress and rhythm (`plan`), the hints for the next step as kinds with data
//! (`hints`), what an ask's words say (`asks`), the people you ask and help (`circle`), and the idea bank
//! (`ideas`). Pure: imports nothing of the crate but `model`, and no wording (that is `output`'s).

pub mod asks;
pub mod calendar;
pub mod care;
pub mod circle;
pub mod dates;
#[cfg(test)]
mod fixtures;
pub mod hard;
pub mod hints;
pub mod ideas;
pub mod import;
pub mod merge;
pub mod nudge;
pub mod plan;
pub mod remind;
