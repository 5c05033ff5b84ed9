//! The people side: the circle, and asks planned for a day.

use std::fmt::Write as _;

use super::Paint;
use super::table::{self, Cell, Column};
use crate::model::Rung;
use crate::rules::circle::Person;
use crate::rules::plan;
use chrono::{Datelike, NaiveDate};

/// Everyone in the circle as a table, then a gentle word on the balance where it helps.
pub fn circle(people: &[Person], today: NaiveDate, paint: Paint) -> String {
    if people.is_empty() {
        return super::prose::wrap(
            "No one in your circle yet. Name who you will ask (ladder add ... --who NAME), and note help you give \
             (ladder gave ... --to NAME).\n",
            paint.width,
        );
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
    let mut text = table::text(&columns, &rows, true, paint);
    for line in people.iter().filter_map(|p| balance(p, today)) {
        text.push_str(&super::prose::paragraph(&line, "", paint.width));
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
            "You planned this for {}. No harm done. To pick a new day: ladder plan {} --on DAY",
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
        return super::prose::wrap("Nothing planned. Choose a day for an ask: ladder plan ID --on DAY\n", paint.width);
    }
    let columns = [
        Column::fixed("Day", 0),
        Column::fixed("ID", 0),
        Column::text("Ask", 0).even(),
        Column::name("Where", 1).even().folded(),
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
    let (lines, shown) = table::laid_out(&columns, &rows, false, paint);
    // A place is seen nowhere else: with no room for its column it goes whole beneath its ask.
    let place_below = !shown.contains(&3);
    let mut text = String::new();
    for (rung, line) in planned.iter().filter(|rung| rung.planned.is_some()).zip(lines) {
        let _ = writeln!(text, "{line}");
        if let Some(place) = rung.place.as_deref().filter(|_| place_below) {
            text.push_str(&super::prose::paragraph(place, "     ", paint.width));
        }
    }
    text
}

/// "once", "twice", "3 times".
pub fn times(n: usize) -> String {
    match n {
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

/// A gentle word on the help between two people, where it helps: someone has helped you, and either you have
/// helped them too or not. Thanks, never a debt: helping back is offered as an option, never as a balance owed
/// (a "balance" can feed the belief of being a burden).
pub fn balance(person: &Person, today: NaiveDate) -> Option<String> {
    let helped = person.helped();
    let who = &person.who;
    match (helped, person.last_gave) {
        (0, _) | (1, None) => None,
        (_, Some(when)) => {
            let month = if when.year() == today.year() { when.format("%B") } else { when.format("%B %Y") };
            let lately = if person.gave == 1 { "" } else { "most recently " };
            Some(format!(
                "{who} has helped you {}; you helped {who} {}, {lately}in {month}.",
                times(helped),
                times(person.gave)
            ))
        }
        (_, None) => Some(format!(
            "{who} has helped you {}. Your thanks are enough; helping {who} in return one day, if you would like \
             to, is a kindness, never a debt.",
            times(helped)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_balance_is_said_gently_and_only_where_it_helps() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let may = NaiveDate::from_ymd_opt(2026, 5, 21);
        let person = |who: &str, yes, gave, last_gave| Person {
            who: who.into(),
            asks: yes,
            yes,
            partial: 0,
            no: 0,
            thanked: 0,
            unthanked: 0,
            gave,
            last: None,
            last_gave,
        };
        assert_eq!(
            balance(&person("Sam", 3, 0, None), today).as_deref(),
            Some(
                "Sam has helped you 3 times. Your thanks are enough; helping Sam in return one day, if you would \
                 like to, is a kindness, never a debt."
            )
        );
        assert_eq!(balance(&person("Ana", 0, 1, may), today), None, "no yes: nothing to balance");
        assert_eq!(balance(&person("Jo", 1, 0, None), today), None, "one yes: nothing to say");
        let ana = person("Ana", 2, 1, may);
        assert_eq!(balance(&ana, today).as_deref(), Some("Ana has helped you twice; you helped Ana once, in May."));
        let next_year = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
        assert_eq!(
            balance(&ana, next_year).as_deref(),
            Some("Ana has helped you twice; you helped Ana once, in May 2026.")
        );
    }
}
