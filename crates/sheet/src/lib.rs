//! HR's framework as a spreadsheet. [`export`] writes a framework as an XLSX workbook, a sheet
//! per part with drop-down lists for every reference; [`import`] reads a workbook (XLSX or ODS)
//! back into a framework, checked exactly as a JSON framework is, and reports every
//! problem at once with its sheet, row and column.
//!
//! Reading is two steps, so that a user interface can word the framework's problems itself:
//! [`read`] turns the workbook into a framework document (JSON) and its own problems, with the
//! place every part of the document came from; the framework's reader then checks the document
//! and [`Draft::place`] locates each problem it finds.

mod document;
pub mod layout;
mod problem;
mod read;
mod write;

use competency_core::Framework;
use competency_core::framework::limits::MAX_DOCUMENT_BYTES;

pub use document::Draft;
pub use problem::{Kind, Language, Place, Problem, SheetProblem};
pub use write::{WriteError, export};

/// Reads a workbook as a framework document, with the problems of the workbook itself.
/// Files larger than a framework document may be are refused unread.
pub fn read(bytes: &[u8]) -> Draft {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Draft::unreadable(SheetProblem::TooLarge {
            bytes: bytes.len(),
            limit: MAX_DOCUMENT_BYTES,
        });
    }
    let ods_merges = match read::guard(bytes) {
        Ok(merges) => merges,
        Err(read::Refusal::Unpacked { bytes }) => {
            let limit = read::MAX_UNPACKED_BYTES;
            return Draft::unreadable(SheetProblem::TooLargeUnpacked { bytes, limit });
        }
        Err(read::Refusal::Repeated) => {
            let limit = read::MAX_REPEATED_CELLS;
            return Draft::unreadable(SheetProblem::TooManyRepeated { limit });
        }
        Err(read::Refusal::Unreadable(message)) => {
            return Draft::unreadable(SheetProblem::Unreadable { message });
        }
    };
    match read::book(bytes, &ods_merges) {
        Ok(book) => document::draft(&book),
        Err(read::BookError::Unreadable(message)) => {
            Draft::unreadable(SheetProblem::Unreadable { message })
        }
        Err(read::BookError::TooMuch) => Draft::unreadable(SheetProblem::TooMuch {
            cells: read::MAX_CELLS,
            bytes: read::MAX_TEXT_BYTES,
        }),
    }
}

/// Reads a workbook as a framework: the framework, or every problem of the workbook and of the
/// framework it holds, each at its place, in the workbook's order.
pub fn import(bytes: &[u8]) -> Result<Framework, Vec<Problem>> {
    let draft = read(bytes);
    let checked = if draft.is_readable() {
        Framework::from_value(&draft.document)
    } else {
        Err(competency_core::FrameworkError {
            problems: Vec::new(),
            truncated: false,
        })
    };
    let mut problems: Vec<Problem> = draft
        .problems
        .iter()
        .map(|(place, problem)| Problem {
            place: place.clone(),
            kind: Kind::Sheet(problem.clone()),
        })
        .collect();
    problems.dedup();
    match checked {
        Ok(framework) if problems.is_empty() => return Ok(framework),
        Ok(_) => {}
        Err(error) => {
            for problem in error.problems {
                let place = draft.place(&problem.path);
                if !draft.explained(&place) {
                    problems.push(Problem {
                        place,
                        kind: Kind::Framework(problem.kind),
                    });
                }
            }
        }
    }
    sort(&mut problems);
    Err(problems)
}

/// Workbook problems first, then sheet by sheet in the workbook's order, row by row.
pub fn sort(problems: &mut [Problem]) {
    problems.sort_by_key(|p| rank(&p.place));
}

/// Where a problem at `place` comes in the list: by sheet in the workbook's order (problems
/// of the whole workbook first), then by row.
pub fn rank(place: &Place) -> (usize, u32) {
    let sheet = place.sheet.as_deref().map_or(0, |sheet| {
        let mut sheets = [layout::FRAMEWORK]
            .into_iter()
            .chain(layout::TABLES.iter().map(|t| t.sheet));
        sheets
            .position(|s| s == sheet)
            .map_or(usize::MAX, |i| i + 1)
    });
    (sheet, place.row.unwrap_or(0))
}
