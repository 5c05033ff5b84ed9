//! The method: climbing, mastery, progress and rhythm (`plan`), the people you ask and help (`circle`), and the
//! idea bank (`ideas`). Pure: imports nothing of the crate but `model`.

pub mod circle;
pub mod ideas;
pub mod plan;
