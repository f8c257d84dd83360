//! Tables whose rows stack on a phone (CSS `table.summary`): each cell then starts with its
//! column's name, since the header row is no longer above it. The name is the cell's
//! `data-label`, drawn by the CSS only where rows are stacked, so the cell's text stays its
//! value (for copying, and for screen readers where the table is a table).

use std::borrow::Cow;

use crate::dom::{Attr, El};
use crate::i18n::Locale;

/// "Pairs : " (French puts a space before the colon): a stacked cell's column.
pub fn column_label(locale: Locale, column: &str) -> String {
    let colon = if locale == Locale::fr {
        "\u{a0}: "
    } else {
        ": "
    };
    format!("{column}{colon}")
}

/// A data cell under `column`, its value to be appended.
pub fn cell(locale: Locale, column: &str) -> El {
    El::new("td").attr(Attr::DataLabel, column_label(locale, column))
}

/// A cell with no value: left blank in the table, left out where the rows are stacked.
pub fn empty_cell() -> El {
    El::new("td").class("empty")
}

/// A table of `class` titled by `caption`, with a header cell for each of `columns`; its
/// `tbody` to be appended.
pub fn headed(
    class: &'static str,
    caption: impl Into<Cow<'static, str>>,
    columns: &[&'static str],
) -> El {
    let head = columns
        .iter()
        .map(|&name| El::new("th").attr(Attr::Scope, "col").text(name));
    El::new("table")
        .class(class)
        .child(El::new("caption").text(caption))
        .child(El::new("thead").child(El::new("tr").children(head)))
}
