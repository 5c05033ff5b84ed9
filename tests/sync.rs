//! Several devices: uids, merging, and the set-up for git.

mod common;

use common::Sandbox;

const OLD: &str = "version = 1 # mine\n\n[[rung]]\nid = 1\nask = \"Ask Sam\"\nstakes = 30\n\n\
                   [[attempt]]\nid = 1\nrung = 1\nat = 2026-11-20T09:00:00+01:00\n";

/// Every `uid = "..."` value in the text, in order.
fn uids(text: &str) -> Vec<String> {
    text.lines().filter_map(|l| l.strip_prefix("uid = \"")?.strip_suffix('"').map(str::to_string)).collect()
}

#[test]
fn an_old_file_gains_uids_on_its_first_write_and_two_devices_agree_on_them() {
    let phone = Sandbox::with(OLD);
    let laptop = Sandbox::with(OLD);
    phone.ok(&["done", "1"]);
    laptop.ok(&["add", "Ask Jo", "--stakes", "40"]);
    let (on_phone, on_laptop) = (phone.read_raw(), laptop.read_raw());
    assert!(on_phone.starts_with("version = 2 # mine\n\n[[rung]]\nid = 1\nuid = \""), "{on_phone}");
    let (a, b) = (uids(&on_phone), uids(&on_laptop));
    assert_eq!((a.len(), b.len()), (3, 3), "{on_phone}\n{on_laptop}");
    for uid in a.iter().chain(&b) {
        assert!(uid.len() == 10 && uid.bytes().all(|c| matches!(c, b'a'..=b'z' | b'2'..=b'7')), "{uid}");
    }
    // The phone has rung 1, attempt 1, attempt 2; the laptop rung 1, rung 2, attempt 1.
    assert_eq!((&a[0], &a[1]), (&b[0], &b[2]), "the old rung and attempt get the same uid on both devices");
    assert_ne!(a[2], b[1], "new entries get new ones");
    assert_eq!(
        phone.read(),
        OLD.replace("version = 1", "version = 2")
            + "\n[[attempt]]\nid = 2\nrung = 1\nat = 2026-11-22T18:30:00+01:00\noutcome = \"yes\"\n"
    );
}

#[test]
fn a_copied_entry_is_named_and_nothing_is_written() {
    let s = Sandbox::with(
        "version = 2\n[[rung]]\nid = 1\nuid = \"abc\"\nask = \"A\"\nstakes = 3\n[[rung]]\nid = 2\nuid = \"abc\"\nask = \"B\"\nstakes = 4\n",
    );
    let err = s.fails(&["done", "1"], 2);
    assert!(err.contains("two rungs share the uid \"abc\""), "{err}");
}
