//! The report judged by outside checkers (issue 24 item 6): the Nu HTML checker (errors and warnings, the CSS
//! too) and axe-core in headless Chromium (WCAG 2 A and AA, and best practice, colour contrast included) find
//! nothing, in a rich month (many attempts, hesitations and help given, asks, names and notes in Arabic and
//! Hebrew, hostile text), in the hard fortnight, and in a near-empty ladder. The tools are the npm packages in
//! tests/report/tools (`npm ci` there; `.ci/run` does it). Where one is missing the test skips with a note,
//! unless `CI` is set: then it fails.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{Fixture, Sandbox};

const RICH: &str = include_str!("../report/rich.toml");
const HARD: &str = include_str!("../report/hard.toml");
const MONTH: &str = include_str!("../report/month.toml");

/// Whether a test that needs an outside tool may skip when it is missing: never in CI.
fn may_skip(what: &str) -> bool {
    assert!(std::env::var_os("CI").is_none(), "CI is set and {what} is missing; .ci/run installs it");
    eprintln!("note: skipping, {what} is missing (CI would fail here)");
    true
}

fn tools() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/report/tools")
}

/// The reports the checkers read, by name, written into `dir`, and a page with known faults, `bad.html`, so
/// that a checker's silence on the others means something.
fn pages(dir: &Path) -> Vec<PathBuf> {
    let mut pages = Vec::new();
    let mut write = |name: &str, text: &str, args: &[&str]| {
        let sandbox = if text.is_empty() { Sandbox::new() } else { Sandbox::with(text) };
        let page = dir.join(name);
        let output = page.to_str().expect("utf-8 path");
        sandbox.ok(&[&["report", "--output", output], args].concat());
        pages.push(page);
    };
    write("rich-full.html", RICH, &["--since", "4w", "--names", "full"]);
    write("rich-initials.html", RICH, &["--since", "4w"]);
    write("rich-none.html", RICH, &["--since", "2w", "--names", "none"]);
    write("hard.html", HARD, &["--since", "2w", "--names", "full"]);
    write("month.html", MONTH, &["--since", "4w", "--names", "full"]);
    // Near-empty: no ladder file at all, and one rung with nothing tried.
    write("empty.html", "", &[]);
    write("one-rung.html", &Fixture::version(2).rung(1, "Ask Dana (דנה) for the time", 10).text(), &[]);
    let bad = dir.join("bad.html");
    fs::write(
        &bad,
        "<!DOCTYPE html><html><head><title>bad</title></head><body>\
         <p style=\"color:#bbb;background:#fff\">faint</p><img src=\"x.png\"></body></html>",
    )
    .expect("write bad.html");
    pages.push(bad);
    pages
}

/// The lines a checker printed, by the page they name (its file name); a line naming none fails the test.
fn by_page(said: &str, pages: &[PathBuf]) -> BTreeMap<String, Vec<String>> {
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in said.lines().filter(|l| !l.trim().is_empty()) {
        let page = pages
            .iter()
            .filter_map(|p| p.file_name()?.to_str())
            .find(|name| line.contains(&format!("/{name}")))
            .unwrap_or_else(|| panic!("a line that names no page: {line}"));
        found.entry(page.to_string()).or_default().push(line.to_string());
    }
    found
}

/// The pages other than bad.html must have no line at all; bad.html must have one with each of `heard`.
fn nothing_but_the_bad_page(found: &BTreeMap<String, Vec<String>>, heard: &[&str]) {
    let bad = found.get("bad.html").cloned().unwrap_or_default();
    for words in heard {
        assert!(bad.iter().any(|l| l.contains(words)), "the checker did not hear {words:?} in bad.html: {bad:?}");
    }
    let rest: Vec<&String> = found.iter().filter(|(page, _)| *page != "bad.html").flat_map(|(_, l)| l).collect();
    assert!(rest.is_empty(), "the checker found:\n{}", rest.iter().map(|l| l.as_str()).collect::<Vec<_>>().join("\n"));
}

#[test]
fn the_nu_html_checker_finds_no_error_and_no_warning_in_the_report() {
    let jar = tools().join("node_modules/vnu-jar/build/dist/vnu.jar");
    if !jar.is_file() && may_skip("vnu.jar (npm ci in tests/report/tools)") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let pages = pages(dir.path());
    let Ok(out) = Command::new("java")
        .args(["-Xss2m", "-jar"])
        .arg(&jar)
        .args(["--also-check-css", "--format", "gnu"])
        .args(&pages)
        .output()
    else {
        may_skip("java");
        return;
    };
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    nothing_but_the_bad_page(
        &by_page(&said, &pages),
        &[
            "error: An \u{201c}img\u{201d} element must have an \u{201c}alt\u{201d} attribute",
            "info warning: Consider adding a \u{201c}lang\u{201d} attribute",
        ],
    );
}

/// Chromium, where it is.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser"]
        .into_iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}

#[test]
fn axe_finds_no_violation_of_wcag_a_aa_or_best_practice_in_chromium() {
    let script = tools().join("axe.mjs");
    if !tools().join("node_modules/axe-core").is_dir() && may_skip("axe-core (npm ci in tests/report/tools)") {
        return;
    }
    let Some(browser) = chromium() else {
        may_skip("chromium");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let pages = pages(dir.path());
    let Ok(out) =
        Command::new("timeout").arg("300").arg("node").arg(&script).args(&pages).env("CHROMIUM", &browser).output()
    else {
        may_skip("timeout or node");
        return;
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(127) && may_skip("node") {
        return;
    }
    assert_eq!(out.status.code(), Some(0), "axe.mjs failed: {stderr}");
    let said = String::from_utf8_lossy(&out.stdout);
    nothing_but_the_bad_page(
        &by_page(&said, &pages),
        &["color-contrast (serious)", "image-alt (critical)", "region (moderate)"],
    );
}

/// Every run of Arabic or Hebrew in the rich report is a person's own words, and each sits in a `<bdi>` (or,
/// inside a chart's SVG text, between U+2068 and U+2069), so it takes its own direction; a chart's label
/// (`aria-label`) is read aloud, not laid out.
#[test]
fn the_persons_own_words_are_isolated_so_arabic_and_hebrew_read_right() {
    let html = Sandbox::with(RICH).ok(&["report", "--since", "4w", "--names", "full"]);
    assert!(html.matches("<bdi>").count() > 40, "the rich report shows the person's words often");
    assert!(html.contains("<bdi>اطلب من أحمد أن يوصلني إلى العمل</bdi>"), "{html}");
    assert!(html.contains("fill=\"#333\">\u{2068}לבקש מדנה עזרה עם הדו&quot;ח\u{2069}</text>"), "{html}");
    let mut rest = html.clone();
    for (open, close) in [("<bdi>", "</bdi>"), ("\u{2068}", "\u{2069}"), (" aria-label=\"", "\"")] {
        while let Some(at) = rest.find(open) {
            let end = rest[at + open.len()..].find(close).map(|e| at + open.len() + e + close.len()).expect("closed");
            rest.replace_range(at..end, "");
        }
    }
    let rtl: Vec<&str> = rest
        .lines()
        .filter(|l| l.chars().any(|c| matches!(c, '\u{0590}'..='\u{08ff}' | '\u{fb1d}'..='\u{fefc}')))
        .collect();
    assert!(rtl.is_empty(), "right-to-left text outside an isolate:\n{}", rtl.join("\n"));
}

/// Contrast of `#rrggbb` (or `#rgb`) against white, as WCAG computes it.
fn contrast_with_white(colour: &str) -> f64 {
    let hex = colour.trim_start_matches('#');
    let hex: String = if hex.len() == 3 { hex.chars().flat_map(|c| [c, c]).collect() } else { hex.to_string() };
    let channel = |at: usize| {
        let c = f64::from(u8::from_str_radix(&hex[at..at + 2], 16).expect("a hex colour")) / 255.0;
        if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    let luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
    1.05 / (luminance + 0.05)
}

/// axe checks text, not the marks of a chart: every colour that carries meaning in the charts (bars, the
/// thermometer, the lines of a distress chart) keeps 3:1 against the white page (WCAG 1.4.11). The two light
/// greys draw only guides: a chart's axis, its grid and a bar's empty track.
#[test]
fn the_marks_in_the_charts_keep_three_to_one_against_the_page() {
    let html = Sandbox::with(RICH).ok(&["report", "--since", "4w", "--names", "full"]);
    let mut colours = std::collections::BTreeSet::new();
    for attribute in ["fill=\"#", "stroke=\"#"] {
        for (at, _) in html.match_indices(attribute) {
            let start = at + attribute.len() - 1;
            let end = start + html[start..].find('"').expect("a closed attribute");
            colours.insert((attribute.trim_end_matches("=\"#"), html[start..end].to_string()));
        }
    }
    let guides = ["#bbb", "#eee"];
    for (what, colour) in &colours {
        if colour == "#fff" || (*what == "stroke" && guides.contains(&colour.as_str())) {
            continue;
        }
        let ratio = contrast_with_white(colour);
        assert!(ratio >= 3.0, "{what} {colour} has {ratio:.2}:1 against the page; 3:1 at least");
    }
    assert!(colours.len() >= 8, "the rich report draws in several colours: {colours:?}");
}
