//! The people side: the circle, and asks planned for a day.

use std::fmt::Write as _;

use chrono::NaiveDate;
use comfy_table::{Attribute, Cell, CellAlignment};

use super::{Paint, lines, table};
use crate::circle::{self, Person};
use crate::ladder::Rung;
use crate::plan;

/// Everyone in the circle as a table, then a gentle word on the balance where it helps.
pub fn circle(people: &[Person], today: NaiveDate, paint: Paint) -> String {
    if people.is_empty() {
        return "No one in your circle yet. Name who you will ask (ladder add ... --who NAME), \
                and note help you give (ladder gave ... --to NAME).\n"
            .to_string();
    }
    let mut table = table(paint);
    let header = ["Who", "Asks", "Yes", "Partial", "No", "Thanked", "To thank", "You helped", "Last"];
    table.set_header(header.map(|h| Cell::new(h).add_attribute(Attribute::Bold)));
    for p in people {
        let mut row = vec![Cell::new(&p.who)];
        for n in [p.asks, p.yes, p.partial, p.no, p.thanked, p.unthanked, p.gave] {
            row.push(Cell::new(n).set_alignment(CellAlignment::Right));
        }
        row.push(Cell::new(p.last.map(|d| d.to_string()).unwrap_or_default()));
        table.add_row(row);
    }
    let mut text = lines(&table);
    for line in people.iter().filter_map(|p| circle::balance(p, today)) {
        text.push_str(&line);
        text.push('\n');
    }
    text
}

/// "Thu 26 Nov 2026, after stand-up", and whether it is today or has passed.
pub fn when_planned(rung: &Rung, day: NaiveDate, today: NaiveDate) -> String {
    let mut text = if day == today { "today".to_string() } else { day.format("%a %-d %b %Y").to_string() };
    if let Some(place) = &rung.place {
        let _ = write!(text, ", {place}");
    }
    if plan::overdue(rung, today) {
        text.push_str(" (overdue)");
    }
    text
}

/// What `next` says about the suggested rung's plan: when, or kindly that the day has passed.
pub fn plan_line(rung: &Rung, today: NaiveDate) -> Option<String> {
    let day = rung.planned?;
    Some(if plan::overdue(rung, today) {
        format!(
            "You planned this for {}. No harm done: pick a new day with ladder plan {} --on YYYY-MM-DD",
            day.format("%a %-d %b"),
            rung.id
        )
    } else {
        format!("Planned for {}.", when_planned(rung, day, today))
    })
}

/// Planned asks by date, overdue first.
pub fn agenda(planned: &[&Rung], today: NaiveDate, paint: Paint) -> String {
    if planned.is_empty() {
        return "Nothing planned. Choose a day for an ask: ladder plan ID --on YYYY-MM-DD\n".to_string();
    }
    let mut text = String::new();
    for rung in planned {
        let Some(day) = rung.planned else { continue };
        let date = if day == today { "today".to_string() } else { day.format("%a %-d %b %Y").to_string() };
        let place = rung.place.as_deref().map_or(String::new(), |p| format!(" · {p}"));
        let overdue = if plan::overdue(rung, today) { paint.wrap("33", " · overdue") } else { String::new() };
        let _ = writeln!(text, "{}  #{} {}{place}{overdue}", paint.bold(&format!("{date:<15}")), rung.id, rung.ask);
    }
    text
}
