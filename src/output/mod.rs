//! What a person or a script reads: words and tables (`render`), JSON (`json`), exports (`export`) and the report,
//! chart and calendar (`report`). Pure: imports nothing of the crate but `model` and `rules`.

pub mod export;
pub mod hints;
pub mod json;
pub mod list_json;
pub mod render;
pub mod report;
pub mod say;
