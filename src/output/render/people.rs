//! The people side: the circle, and asks planned for a day.

use std::fmt::Write as _;

use super::table::{self, Cell, Column};
use super::{Paint, joined};
use crate::model::Rung;
use crate::rules::circle::{self, Person};
use crate::rules::plan;
use chrono::NaiveDate;

/// Everyone in the circle as a table, then a gentle word on the balance where it helps.
pub fn circle(people: &[Person], today: NaiveDate, paint: Paint) -> String {
    if people.is_empty() {
        return "No one in your circle yet. Name who you will ask (ladder add ... --who NAME), \
                and note help you give (ladder gave ... --to NAME).\n"
            .to_string();
    }
    let columns = [
        Column::name("Who", 0),
        Column::number("Asks", 6),
        Column::number("Yes", 0),
        Column::number("Partial", 1),
        Column::number("No", 4),
        Column::number("Thanked", 2),
        Column::number("To thank", 0),
        Column::number("You helped", 5),
        Column::fixed("Last", 3),
    ];
    let rows: Vec<Vec<Cell>> = people
        .iter()
        .map(|p| {
            let mut row = vec![Cell::new(&p.who)];
            row.extend([p.asks, p.yes, p.partial, p.no, p.thanked, p.unthanked, p.gave].map(Cell::new));
            row.push(Cell::new(p.last.map(|d| d.to_string()).unwrap_or_default()));
            row
        })
        .collect();
    let mut text = joined(&table::lines(&columns, &rows, true, paint.width, paint));
    for line in people.iter().filter_map(|p| circle::balance(p, today)) {
        text.push_str(&joined(&table::wrap(&line, "", paint.width)));
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
    let columns = [
        Column::fixed("Day", 0),
        Column::fixed("ID", 0),
        Column::text("Ask", 0),
        Column::name("Where", 1),
        Column::fixed("Overdue", 0),
    ];
    let rows: Vec<Vec<Cell>> = planned
        .iter()
        .filter_map(|rung| {
            let day = rung.planned?;
            let date = if day == today { "today".to_string() } else { day.format("%a %-d %b %Y").to_string() };
            let overdue = if plan::overdue(rung, today) { "overdue" } else { "" };
            Some(vec![
                Cell::painted(date, "1"),
                Cell::new(format!("#{}", rung.id)),
                Cell::new(&rung.ask),
                Cell::new(rung.place.as_deref().unwrap_or("")),
                Cell::painted(overdue, "33"),
            ])
        })
        .collect();
    joined(&table::lines(&columns, &rows, false, paint.width, paint))
}
