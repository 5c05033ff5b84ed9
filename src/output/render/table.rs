//! Tables laid out by hand, to fit a terminal without ever splitting a word, a header, a date or a number:
//! free text (an ask, a name) is shortened with "…", and when that is not enough the least useful columns go.

use std::fmt::Write as _;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::Paint;

/// An ask narrower than this is not worth showing: drop another column instead.
const ASK_MIN: usize = 20;
/// A name or a place narrower than this is not worth showing.
const NAME_MIN: usize = 10;
/// Narrower than this, text says nothing: where even dropping columns does not make room.
const TEXT_FLOOR: usize = 5;

#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub header: &'static str,
    pub right: bool,
    /// Free text, which may be shortened with "…" down to this width (0 for a column never shortened). The
    /// first such column gets the room first.
    pub least: usize,
    /// Dropped when the table is too wide: lower goes first; 0 is never dropped.
    pub drop: u8,
    /// Text as useful as the other text of its row (a place beside an ask): when any column of a table is
    /// even, the longest text is cut first, rather than the last column.
    pub even: bool,
    /// Text seen nowhere else (a hesitation, a place): never cut, but folded at spaces onto the lines beneath its
    /// row, under its column, when it does not fit.
    pub fold: bool,
}

impl Column {
    /// A column that keeps its width: a number, a date, a word.
    pub const fn fixed(header: &'static str, drop: u8) -> Column {
        Column { header, right: false, least: 0, drop, even: false, fold: false }
    }

    /// A right-aligned number.
    pub const fn number(header: &'static str, drop: u8) -> Column {
        Column { header, right: true, least: 0, drop, even: false, fold: false }
    }

    /// An ask, or text like it, shortened with "…" to fit.
    pub const fn text(header: &'static str, drop: u8) -> Column {
        Column { header, right: false, least: ASK_MIN, drop, even: false, fold: false }
    }

    /// The same column, its text cut no sooner than the other text of the table (see `even`).
    #[must_use]
    pub const fn even(self) -> Column {
        Column { even: true, ..self }
    }

    /// The same column, its text folded onto the lines beneath rather than cut (see `fold`).
    #[must_use]
    pub const fn folded(self) -> Column {
        Column { fold: true, ..self }
    }

    /// A name or a place, shortened with "…" to fit.
    pub const fn name(header: &'static str, drop: u8) -> Column {
        Column { header, right: false, least: NAME_MIN, drop, even: false, fold: false }
    }
}

/// One cell: its text, and the SGR colour code it is painted in, if any.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    pub color: Option<&'static str>,
    /// How many bytes at the end of `text` are kept whole when it is shortened: words seen nowhere else
    /// ("(a step before #3)"), the text before them shortened instead.
    pub keep: usize,
    /// A shorter ending said instead when the kept one leaves the text too little room ("(before #3)").
    pub shorter: String,
}

// Cells are made from numbers and text alike, each used once: taking them by value reads best at the call.
#[allow(clippy::needless_pass_by_value)]
impl Cell {
    pub fn new(text: impl ToString) -> Cell {
        Cell { text: text.to_string(), color: None, keep: 0, shorter: String::new() }
    }

    pub fn painted(text: impl ToString, color: &'static str) -> Cell {
        Cell { text: text.to_string(), color: Some(color), keep: 0, shorter: String::new() }
    }

    /// `text` followed by `tail`, which stays whole when the cell is shortened (see `keep`), or `shorter`
    /// instead, where that leaves too little room.
    pub fn kept(text: &str, tail: &str, shorter: &str) -> Cell {
        Cell { text: format!("{text}{tail}"), color: None, keep: tail.len(), shorter: shorter.to_string() }
    }
}

/// The table as text: its lines (see `lines`), each ended by a newline.
pub fn text(columns: &[Column], rows: &[Vec<Cell>], header: bool, paint: Paint) -> String {
    joined(&lines(columns, rows, header, paint))
}

/// Lines, each ended by a newline.
fn joined(lines: &[String]) -> String {
    lines.iter().fold(String::new(), |mut text, line| {
        text.push_str(line);
        text.push('\n');
        text
    })
}

/// The table's lines, each without trailing spaces or a newline: the header (when `header`) and one per row.
/// Cells are two spaces apart, as wide as `paint.width` allows; a table with a header starts one space in. A row
/// whose folded text (`Column::folded`) does not fit is more than one line, joined by newlines.
pub fn lines(columns: &[Column], rows: &[Vec<Cell>], header: bool, paint: Paint) -> Vec<String> {
    laid_out(columns, rows, header, paint).0
}

/// `lines`, and which columns they show (by index, in order): a column left out for room, or empty, is not.
pub fn laid_out(columns: &[Column], rows: &[Vec<Cell>], header: bool, paint: Paint) -> (Vec<String>, Vec<usize>) {
    let natural: Vec<usize> = (0..columns.len())
        .map(|i| {
            let head = if header { columns[i].header.width() } else { 0 };
            rows.iter().map(|r| r.get(i).map_or(0, |c| c.text.width())).max().unwrap_or(0).max(head)
        })
        .collect();
    let minimum = |i: usize| {
        let head = if header { columns[i].header.width() } else { 0 };
        if columns[i].least > 0 { natural[i].min(columns[i].least.max(head)) } else { natural[i] }
    };
    // Empty columns (no one named, nothing planned) are not shown at all.
    let filled = |i: usize| rows.iter().any(|r| r.get(i).is_some_and(|c| !c.text.is_empty()));
    let mut shown: Vec<usize> = (0..columns.len()).filter(|i| filled(*i)).collect();
    let room = paint.width.map_or(usize::MAX, usize::from);
    let indent = usize::from(header);
    let span = |shown: &[usize], size: &dyn Fn(usize) -> usize| {
        indent + shown.iter().map(|&i| size(i)).sum::<usize>() + 2 * shown.len().saturating_sub(1)
    };
    while span(&shown, &minimum) > room {
        let Some(least) = shown.iter().copied().filter(|i| columns[*i].drop > 0).min_by_key(|i| columns[*i].drop)
        else {
            break;
        };
        shown.retain(|i| *i != least);
    }
    let mut sizes: Vec<usize> = (0..columns.len()).map(minimum).collect();
    if columns.iter().any(|c| c.even) {
        // The room for text shared so that the longest text is cut first: each text column is as wide as its
        // text or as a common limit, the widest that fits, so an ask and a place are cut to the same width
        // only when both are long (issue 24: a long ask kept whole while the place lost its words).
        let text: Vec<usize> = shown.iter().copied().filter(|i| columns[*i].least > 0).collect();
        let floor = |i: usize| {
            let floor = if header { columns[i].header.width().max(TEXT_FLOOR) } else { TEXT_FLOOR };
            floor.min(natural[i])
        };
        let fixed = span(&shown, &|i| if columns[i].least > 0 { 0 } else { sizes[i] });
        let for_text = room.saturating_sub(fixed);
        let at_limit = |limit: usize| text.iter().map(|&i| natural[i].min(limit.max(floor(i)))).sum::<usize>();
        let widest = text.iter().map(|&i| natural[i]).max().unwrap_or(0);
        // The widest limit that fits, found by halving: widths are small numbers.
        let (mut low, mut high) = (0, widest);
        while low < high {
            let mid = low + (high - low).div_ceil(2);
            if at_limit(mid) <= for_text { low = mid } else { high = mid - 1 }
        }
        for &i in &text {
            sizes[i] = natural[i].min(low.max(floor(i)));
        }
        // What is left after every text is cut to one limit goes to the first text still cut, then the next.
        let mut spare = for_text.saturating_sub(at_limit(low));
        for &i in &text {
            let more = (natural[i] - sizes[i]).min(spare);
            sizes[i] += more;
            spare -= more;
        }
    } else {
        // Nothing left to drop and still too wide: the text gives up more, the last column first.
        let mut excess = span(&shown, &|i| sizes[i]).saturating_sub(room);
        for &i in shown.iter().rev().filter(|i| columns[**i].least > 0) {
            let floor = if header { columns[i].header.width().max(TEXT_FLOOR) } else { TEXT_FLOOR };
            let cut = excess.min(sizes[i].saturating_sub(floor));
            sizes[i] -= cut;
            excess -= cut;
        }
        // Give the room left to the text columns, the first first.
        let mut spare = room.saturating_sub(span(&shown, &|i| sizes[i]));
        for &i in shown.iter().filter(|i| columns[**i].least > 0) {
            let more = (natural[i] - sizes[i]).min(spare);
            sizes[i] += more;
            spare -= more;
        }
    }
    let mut out = Vec::with_capacity(rows.len() + 1);
    if header {
        let cells: Vec<Cell> = columns.iter().map(|c| Cell::painted(c.header, "1")).collect();
        out.push(format!(" {}", line(columns, &shown, &sizes, &cells, paint)));
    }
    for row in rows {
        let text = line(columns, &shown, &sizes, row, paint);
        out.push(if header { format!(" {}", text.replace('\n', "\n ")) } else { text });
    }
    (out, shown)
}

/// A row's line, or its lines joined by newlines when folded text goes on beneath.
fn line(columns: &[Column], shown: &[usize], sizes: &[usize], cells: &[Cell], paint: Paint) -> String {
    let parts: Vec<Vec<String>> = shown
        .iter()
        .map(|&i| {
            let text = cells.get(i).map_or("", |c| c.text.as_str());
            if columns[i].fold && text.width() > sizes[i] {
                super::prose::wrap(&text.split_whitespace().collect::<Vec<_>>().join(" "), Some(fold_width(sizes[i])))
                    .lines()
                    .map(String::from)
                    .collect()
            } else {
                let (keep, shorter) = cells.get(i).map_or((0, ""), |c| (c.keep, c.shorter.as_str()));
                vec![fit_keeping(text, keep, shorter, sizes[i])]
            }
        })
        .collect();
    let height = parts.iter().map(Vec::len).max().unwrap_or(1);
    (0..height)
        .map(|k| {
            let cells: Vec<Cell> = shown
                .iter()
                .zip(&parts)
                .map(|(&i, part)| Cell {
                    text: part.get(k).cloned().unwrap_or_default(),
                    color: cells.get(i).and_then(|c| c.color),
                    keep: 0,
                    shorter: String::new(),
                })
                .collect();
            one_line(columns, shown, sizes, &cells, paint)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The width folded text is given: its column's, and never so narrow that a line says nothing.
fn fold_width(size: usize) -> u16 {
    u16::try_from(size.max(NAME_MIN)).unwrap_or(u16::MAX)
}

/// One line of a row: `cells` holds the text of the `shown` columns, in order, already fitted.
fn one_line(columns: &[Column], shown: &[usize], sizes: &[usize], cells: &[Cell], paint: Paint) -> String {
    let mut text = String::new();
    for (n, &i) in shown.iter().enumerate() {
        let cell = cells.get(n).cloned().unwrap_or_default();
        // Folded text is whole already: a word wider than its column goes whole, past the column.
        let shown_text = if columns[i].fold { cell.text.clone() } else { fit(&cell.text, sizes[i]) };
        let pad = " ".repeat(sizes[i].saturating_sub(shown_text.width()));
        let painted = match cell.color {
            Some(code) if !shown_text.is_empty() => paint.wrap(code, &shown_text),
            _ => shown_text.clone(),
        };
        if n > 0 {
            text.push_str("  ");
        }
        if columns[i].right {
            let _ = write!(text, "{pad}{painted}");
        } else {
            let _ = write!(text, "{painted}{pad}");
        }
    }
    text.trim_end().to_string()
}

/// `text` in at most `width` columns: whole, or shortened with "…", at a space when one is near the end.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut cut = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let w = ch.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        cut.push(ch);
        used += w;
    }
    if let Some(space) = cut.rfind(' ').filter(|at| *at * 3 >= cut.len() * 2) {
        cut.truncate(space);
    }
    format!("{}…", cut.trim_end())
}

/// `text` in at most `width` columns (`fit`), its last `keep` bytes whole when there is room for them and a
/// little of the rest, or else `shorter` in their place, when there is room for that.
fn fit_keeping(text: &str, keep: usize, shorter: &str, width: usize) -> String {
    let Some((head, tail)) = text
        .len()
        .checked_sub(keep)
        .filter(|_| keep > 0)
        .and_then(|at| text.is_char_boundary(at).then(|| text.split_at(at)))
    else {
        return fit(text, width);
    };
    if text.width() <= width {
        return text.to_string();
    }
    match [tail, shorter].into_iter().find(|end| !end.is_empty() && width >= end.width() + KEPT_ROOM) {
        Some(end) => format!("{}{end}", fit(head.trim_end(), width - end.width())),
        None => fit(text, width),
    }
}

/// The least room the text before a kept ending is given: an ask's first word or two.
const KEPT_ROOM: usize = 8;

/// `text` broken into lines of at most `width` columns at spaces, each indented by `indent`; a word wider
/// than a line stays whole on its own line.
pub fn wrap(text: &str, indent: &str, width: Option<u16>) -> Vec<String> {
    let room = width.map_or(usize::MAX, |w| usize::from(w).saturating_sub(indent.width()).max(NAME_MIN));
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.width() + 1 + word.width() > room {
            lines.push(format!("{indent}{current}"));
            current.clear();
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(format!("{indent}{current}"));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_shortened_by_display_width_at_a_space_when_near() {
        assert_eq!(fit("Ask Sam for help", 20), "Ask Sam for help");
        assert_eq!(fit("Ask Sam for help with the report", 14), "Ask Sam for…");
        assert_eq!(fit("Ask Samantha", 8), "Ask Sam…");
        assert_eq!(fit("頼む頼む頼む", 7), "頼む頼…");
        assert_eq!(fit("頼む頼む頼む", 7).width(), 7);
    }

    #[test]
    fn columns_go_least_useful_first_and_text_takes_the_rest() {
        let columns = [Column::number("ID", 0), Column::text("Ask", 0), Column::number("Tries", 1)];
        let rows = vec![vec![Cell::new(1), Cell::new("Ask Sam for help with the report"), Cell::new(3)]];
        let paint = Paint { color: false, width: None };
        assert_eq!(lines(&columns, &rows, true, paint)[1], "  1  Ask Sam for help with the report      3");
        let narrow = Paint { width: Some(30), ..paint };
        assert_eq!(lines(&columns, &rows, true, narrow), [" ID  Ask", "  1  Ask Sam for help with…"]);
    }

    #[test]
    fn a_kept_ending_stays_whole_when_there_is_room() {
        let text = "Ask a much smaller thing first (a step before #3)";
        let keep = " (a step before #3)".len();
        assert_eq!(fit_keeping(text, keep, "", 30), "Ask a much… (a step before #3)");
        assert_eq!(fit_keeping(text, keep, "", 30).width(), 30);
        assert_eq!(fit_keeping(text, keep, "", 60), text);
        assert_eq!(fit_keeping(text, keep, "", 20), "Ask a much smaller…");
        assert_eq!(fit_keeping(text, keep, " (before #3)", 23), "Ask a much… (before #3)");
    }

    #[test]
    fn wrapping_keeps_words_whole() {
        assert_eq!(wrap("one two three four", "  ", Some(14)), ["  one two", "  three four"]);
    }
}
