//! A workbook's cells, as read by calamine: the layout's sheets' grids of values, with
//! formulas and merged cells marked, bounded so that a hostile file cannot fill memory.

use std::io::Cursor;

use calamine::{Data, DataRef, Ods, Reader, Xlsx};

/// Rows and columns read per sheet: far above any framework (500 competencies with 10 levels
/// of indicators each is 5,000 rows in `Indicateurs`).
pub const MAX_ROWS: u32 = 20_000;
pub const MAX_COLUMNS: u32 = 200;
/// Cells (empty ones a row holds before a filled one included) and bytes of text read from
/// the whole workbook: one shared string a file names in every cell is stored once in the
/// file and once per cell in memory.
pub const MAX_CELLS: u64 = 2_000_000;
pub const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;
/// Merged ranges read per sheet.
const MAX_MERGED: usize = 10_000;

/// What reading a workbook may still take.
struct Budget {
    cells: u64,
    text: u64,
}

/// Why a workbook could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookError {
    Unreadable(String),
    /// More cells or text than [`MAX_CELLS`] or [`MAX_TEXT_BYTES`].
    TooMuch,
}

impl<E: std::fmt::Display> From<E> for BookError {
    fn from(error: E) -> Self {
        BookError::Unreadable(error.to_string())
    }
}

/// One cell's content.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date or a time, as the spreadsheet gives it.
    Date(String),
    /// An error value such as `#REF!`.
    Error(String),
    /// A formula, whatever value it last computed.
    Formula(String),
}

impl Cell {
    /// Empty, or only spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }
}

/// One sheet: its rows of cells from the first row, and its merged ranges.
#[derive(Debug, Default)]
pub struct Grid {
    pub rows: Vec<Vec<Cell>>,
    /// Merged ranges: first (row, column) and last, from 0.
    pub merged: Vec<((u32, u32), (u32, u32))>,
    /// The sheet had cells beyond [`MAX_ROWS`] or [`MAX_COLUMNS`], which were not read.
    pub cut: bool,
}

impl Grid {
    pub fn get(&self, row: usize, column: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .unwrap_or(&Cell::Empty)
    }

    fn set(
        &mut self,
        (row, column): (u32, u32),
        cell: Cell,
        budget: &mut Budget,
    ) -> Result<(), BookError> {
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            self.cut = true;
            return Ok(());
        }
        if cell == Cell::Empty {
            return Ok(());
        }
        let text = match &cell {
            Cell::Text(t) | Cell::Date(t) | Cell::Error(t) | Cell::Formula(t) => t.len() as u64,
            _ => 0,
        };
        let (row, column) = (row as usize, column as usize);
        let new_rows = (row + 1).saturating_sub(self.rows.len()) as u64;
        let new_cells = (column + 1).saturating_sub(self.rows.get(row).map_or(0, Vec::len)) as u64;
        budget.cells = budget
            .cells
            .checked_sub(new_rows + new_cells)
            .ok_or(BookError::TooMuch)?;
        budget.text = budget.text.checked_sub(text).ok_or(BookError::TooMuch)?;
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut self.rows[row];
        if cells.len() <= column {
            cells.resize(column + 1, Cell::Empty);
        }
        cells[column] = cell;
        Ok(())
    }
}

/// A workbook's sheets, in order.
#[derive(Debug, Default)]
pub struct Book {
    pub sheets: Vec<(String, Grid)>,
}

impl Book {
    /// The sheet named `name`, ignoring case.
    pub fn sheet(&self, name: &str) -> Option<&Grid> {
        let wanted = name.to_lowercase();
        self.sheets
            .iter()
            .find(|(n, _)| n.trim().to_lowercase() == wanted)
            .map(|(_, grid)| grid)
    }
}

/// The most a workbook may hold once unpacked: far above any framework's (the bundled one is
/// about 0.4 MB), far below what would exhaust a phone's or a browser tab's memory.
pub const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;

/// The most cells an OpenDocument sheet may repeat (a cell or row "repeated" a million times
/// is a few bytes in the file and a million cells in memory).
pub const MAX_REPEATED_CELLS: u64 = (MAX_ROWS as u64) * 50;

/// Why a workbook is refused before it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// More than [`MAX_UNPACKED_BYTES`] once unpacked (at least `bytes`).
    Unpacked {
        bytes: u64,
    },
    /// An OpenDocument sheet that repeats more than [`MAX_REPEATED_CELLS`] cells.
    Repeated,
    Unreadable(String),
}

/// Measures what a workbook (a zip) holds by unpacking it, without keeping it: the sizes
/// its directory declares may lie. An OpenDocument file's `content.xml` is also scanned for
/// cells repeated beyond reason. A file that is not a zip passes: the reader says why.
pub fn guard(bytes: &[u8]) -> Result<OdsMerges, Refusal> {
    let mut merges = OdsMerges::default();
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(merges);
    };
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut file = archive
            .by_index(i)
            .map_err(|e| Refusal::Unreadable(e.to_string()))?;
        let budget = MAX_UNPACKED_BYTES - total;
        let mut limited = std::io::Read::take(&mut file, budget + 1);
        let size = if limited.get_ref().name().is_ok_and(|n| n == "content.xml") {
            let mut content = Vec::new();
            std::io::Read::read_to_end(&mut limited, &mut content)
                .map_err(|e| Refusal::Unreadable(e.to_string()))?;
            if content.len() as u64 <= budget {
                let scan = scan(&content);
                if scan.repeated > MAX_REPEATED_CELLS {
                    return Err(Refusal::Repeated);
                }
                merges = scan.merges;
            }
            content.len() as u64
        } else {
            std::io::copy(&mut limited, &mut std::io::sink())
                .map_err(|e| Refusal::Unreadable(e.to_string()))?
        };
        total += size;
        if total > MAX_UNPACKED_BYTES {
            return Err(Refusal::Unpacked { bytes: total });
        }
    }
    Ok(merges)
}

/// An OpenDocument file's merged ranges, by sheet (calamine reads none there): first (row,
/// column) and last, from 0, clamped to what is read.
pub type OdsMerges = std::collections::HashMap<String, Vec<((u32, u32), (u32, u32))>>;

/// What [`scan`] finds in an OpenDocument `content.xml`.
struct Scan {
    /// Filled cells repeated, all sheets together.
    repeated: u64,
    merges: OdsMerges,
}

/// Scans an OpenDocument `content.xml` as calamine will read it: how many cells with content
/// it repeats (each cell with a value or a formula counts its columns times its row's
/// repeats; empty cells repeated to the sheet's edge, as LibreOffice writes them, cost
/// nothing to read), and the cells it merges (`number-columns-spanned`, `number-rows-spanned`).
fn scan(content: &[u8]) -> Scan {
    use quick_xml::events::Event;
    // The value as calamine reads it (character references decoded); one that is not a
    // number counts as too many.
    let count = |e: &quick_xml::events::BytesStart, name: &str| -> u64 {
        match e.try_get_attribute(name).ok().flatten() {
            None => 1,
            Some(a) => a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(u64::MAX),
        }
    };
    let mut found = Scan {
        repeated: 0,
        merges: OdsMerges::default(),
    };
    let mut reader = quick_xml::Reader::from_reader(content);
    let mut buffer = Vec::new();
    let mut sheet = String::new();
    // The row being read and how often it repeats, the next row's index, the next column's.
    let (mut row, mut rows, mut next_row, mut column) = (0u64, 1u64, 0u64, 0u64);
    loop {
        let (event, filled) = match reader.read_event_into(&mut buffer) {
            Ok(Event::Start(e)) => (e.into_owned(), true),
            Ok(Event::Empty(e)) => (e.into_owned(), false),
            Ok(Event::Eof) | Err(_) => return found,
            Ok(_) => {
                buffer.clear();
                continue;
            }
        };
        match event.name().as_ref() {
            "table:table" => {
                sheet = event
                    .try_get_attribute("table:name")
                    .ok()
                    .flatten()
                    .and_then(|a| {
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .ok()
                            .map(|v| v.into_owned())
                    })
                    .unwrap_or_default();
                next_row = 0;
            }
            "table:table-row" => {
                rows = count(&event, "table:number-rows-repeated");
                row = next_row;
                next_row = next_row.saturating_add(rows);
                column = 0;
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let valued = filled
                    || event
                        .try_get_attribute("office:value-type")
                        .ok()
                        .flatten()
                        .is_some()
                    || event
                        .try_get_attribute("table:formula")
                        .ok()
                        .flatten()
                        .is_some();
                let columns = count(&event, "table:number-columns-repeated");
                if valued {
                    found.repeated = found.repeated.saturating_add(rows.saturating_mul(columns));
                }
                let across = count(&event, "table:number-columns-spanned");
                let down = count(&event, "table:number-rows-spanned");
                let merges = found.merges.entry(sheet.clone()).or_default();
                if (across > 1 || down > 1)
                    && row < u64::from(MAX_ROWS)
                    && column < u64::from(MAX_COLUMNS)
                    && merges.len() < MAX_MERGED
                {
                    let last = |first: u64, span: u64, max: u32| {
                        first.saturating_add(span - 1).min(u64::from(max) - 1) as u32
                    };
                    merges.push((
                        (row as u32, column as u32),
                        (last(row, down, MAX_ROWS), last(column, across, MAX_COLUMNS)),
                    ));
                }
                column = column.saturating_add(columns);
            }
            _ => {}
        }
        buffer.clear();
    }
}

/// Reads every sheet of an XLSX or ODS file. (Only these: calamine's readers of the older
/// binary formats bring every legacy character encoding's tables, some 300 KB in HR's
/// console, for files that Excel and LibreOffice both save as XLSX.)
///
/// Only the sheets of the layout are read (matched as [`Book::sheet`] matches them), within
/// [`MAX_CELLS`] and [`MAX_TEXT_BYTES`] for the whole workbook.
pub fn book(bytes: &[u8], ods_merges: &OdsMerges) -> Result<Book, BookError> {
    let mut budget = Budget {
        cells: MAX_CELLS,
        text: MAX_TEXT_BYTES,
    };
    match Xlsx::new(Cursor::new(bytes)) {
        Ok(xlsx) => xlsx_book(xlsx, &mut budget),
        Err(xlsx_error) => match Ods::new(Cursor::new(bytes)) {
            Ok(ods) => ods_book(ods, ods_merges, &mut budget),
            // Neither: the XLSX reader's reason says why most often (not a zip, no workbook).
            Err(_) => Err(BookError::Unreadable(xlsx_error.to_string())),
        },
    }
}

/// Whether `name` is a sheet of the layout (ignoring case and surrounding spaces).
fn wanted(name: &str) -> bool {
    let name = name.trim().to_lowercase();
    std::iter::once(crate::layout::FRAMEWORK)
        .chain(crate::layout::TABLES.iter().map(|t| t.sheet))
        .any(|sheet| sheet.to_lowercase() == name)
}

fn xlsx_book(mut xlsx: Xlsx<Cursor<&[u8]>>, budget: &mut Budget) -> Result<Book, BookError> {
    let mut book = Book::default();
    for name in xlsx.sheet_names().into_iter().filter(|n| wanted(n)) {
        let mut grid = Grid::default();
        let mut cells = xlsx.worksheet_cells_reader(&name)?;
        // Cells come row by row: reading stops at the first one past the limits.
        while let Some(cell) = cells.next_cell_with_formula()? {
            let value = match cell.formula {
                Some(formula) if !formula.is_empty() => Cell::Formula(formula),
                _ => from_ref(&cell.value),
            };
            grid.set(cell.pos, value, budget)?;
            if cell.pos.0 >= MAX_ROWS {
                break;
            }
        }
        drop(cells);
        // Ranges clamped to what is read: a file may merge a whole sheet.
        let clamp =
            |(row, column): (u32, u32)| (row.min(MAX_ROWS - 1), column.min(MAX_COLUMNS - 1));
        grid.merged = xlsx
            .merge_cells_by_sheet_name(&name)?
            .into_iter()
            .filter(|d| d.start.0 < MAX_ROWS && d.start.1 < MAX_COLUMNS)
            .take(MAX_MERGED)
            .map(|d| (d.start, clamp(d.end)))
            .collect();
        book.sheets.push((name, grid));
    }
    Ok(book)
}

/// An OpenDocument workbook's sheets, with the merged ranges [`guard`] found (calamine reads
/// none there).
fn ods_book(
    mut ods: Ods<Cursor<&[u8]>>,
    merges: &OdsMerges,
    budget: &mut Budget,
) -> Result<Book, BookError> {
    let mut book = Book::default();
    for name in ods.sheet_names().into_iter().filter(|n| wanted(n)) {
        let mut grid = Grid::default();
        let range = ods.worksheet_range(&name)?;
        if let Some((top, left)) = range.start() {
            for (r, c, value) in range.used_cells() {
                grid.set((top + r as u32, left + c as u32), from_data(value), budget)?;
            }
        }
        let formulas = ods.worksheet_formula(&name)?;
        if let Some((top, left)) = formulas.start() {
            for (r, c, formula) in formulas.used_cells() {
                if !formula.is_empty() {
                    let at = (top + r as u32, left + c as u32);
                    grid.set(at, Cell::Formula(formula.clone()), budget)?;
                }
            }
        }
        grid.merged = merges.get(&name).cloned().unwrap_or_default();
        book.sheets.push((name, grid));
    }
    Ok(book)
}

fn from_ref(value: &DataRef<'_>) -> Cell {
    match value {
        DataRef::Int(n) => Cell::Number(*n as f64),
        DataRef::Float(n) => Cell::Number(*n),
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) => Cell::Date(d.as_f64().to_string()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Date(s.clone()),
        DataRef::Error(e) => Cell::Error(e.to_string()),
        DataRef::Empty => Cell::Empty,
    }
}

fn from_data(value: &Data) -> Cell {
    match value {
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(n) => Cell::Number(*n),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => Cell::Date(d.as_f64().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Date(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
        Data::Empty => Cell::Empty,
    }
}
