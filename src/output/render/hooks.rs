//! The words said on stderr about a hook that did not run as it should; what was saved stays saved.

use crate::error::Ended;
use crate::model::shown;

/// A hook that ended with a failure.
pub fn failed(name: &str, ended: Ended) -> String {
    let status = match ended {
        Ended::Signal(signal) => format!("ended by signal {signal}"),
        Ended::Status(code) => format!("exit status {code}"),
        Ended::Abnormally => "it ended abnormally".to_string(),
    };
    format!("ladder: the hook {name} failed ({status}); your change is saved all the same")
}

/// A hook that is not executable.
pub fn not_executable(name: &str) -> String {
    not_started(name, "it is not executable (chmod u+x it)")
}

/// A hook stopped for running too long.
pub fn too_long(name: &str, seconds: u64) -> String {
    let unit = if seconds == 1 { "second" } else { "seconds" };
    format!(
        "ladder: the hook {name} ran longer than {seconds} {unit} and was stopped; your change is saved all the \
         same (LADDER_HOOK_TIMEOUT sets the limit, in seconds)"
    )
}

/// A hook that could not be started at all.
pub fn not_started(name: &str, why: &str) -> String {
    format!("ladder: the hook {name} could not be started: {}; your change is saved all the same", shown::line(why))
}
