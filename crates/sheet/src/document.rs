//! A workbook's cells turned into a framework document (JSON, as the framework's reader takes
//! it), remembering which cell each part of the document came from, so that every problem the
//! framework's reader finds at a JSON path is shown at its sheet, row and column.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use competency_core::framework::limits::{MAX_LANGUAGES, MAX_PROBLEMS};
use competency_core::framework::wire::FORMAT_VERSION;
use competency_core::json::member_path;
use serde_json::{Map, Value, json};

use crate::layout::*;
use crate::problem::{Place, SheetProblem};
use crate::read::{Book, Cell, Grid, MAX_COLUMNS, MAX_ROWS};

/// A workbook read as a framework document, before the framework's own checks.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The framework document the workbook holds, as JSON.
    pub document: Value,
    /// What is wrong in the workbook itself.
    pub problems: Vec<(Place, SheetProblem)>,
    /// Where each part of the document came from, by JSON path.
    places: BTreeMap<String, Place>,
    /// Cells whose emptiness a problem above explains (those merged into another).
    covered: Vec<Covered>,
}

/// The cells a merged range covers, but its first: on `sheet`, the rows from `rows.0` to
/// `rows.1` (as the spreadsheet numbers them), in the columns named `columns` (lower case).
#[derive(Debug, Clone)]
struct Covered {
    sheet: String,
    rows: (u32, u32),
    columns: Vec<String>,
}

impl Covered {
    fn covers(&self, place: &Place) -> bool {
        place.sheet.as_deref() == Some(self.sheet.as_str())
            && place
                .row
                .is_some_and(|r| (self.rows.0..=self.rows.1).contains(&r))
            && place
                .column
                .as_ref()
                .is_some_and(|c| self.columns.contains(&c.to_lowercase()))
    }
}

impl Draft {
    pub(crate) fn unreadable(problem: SheetProblem) -> Self {
        Draft {
            document: Value::Null,
            problems: vec![(Place::workbook(), problem)],
            places: BTreeMap::new(),
            covered: Vec::new(),
        }
    }

    /// Whether the workbook could be read at all (its content may still have problems).
    pub fn is_readable(&self) -> bool {
        !self.document.is_null()
    }

    /// The place of a JSON path of [`Draft::document`] (`$.competencies[3].name.en`): the cell it
    /// came from, or the row or the sheet of the nearest part that came from one.
    pub fn place(&self, path: &str) -> Place {
        let mut path = path;
        loop {
            if let Some(place) = self.places.get(path) {
                return place.clone();
            }
            match path.rfind(['.', '[']) {
                Some(cut) if cut > 0 => path = &path[..cut],
                _ => return Place::workbook(),
            }
        }
    }

    /// Whether a problem of the framework at `place` is already explained by a problem of the
    /// workbook (an empty cell in a missing column, a value in merged cells, ...).
    pub fn explained(&self, place: &Place) -> bool {
        self.problems.iter().any(|(at, _)| place.within(at))
            || self.covered.iter().any(|covered| covered.covers(place))
    }
}

/// Reads `book` as a framework.
pub(crate) fn draft(book: &Book) -> Draft {
    let mut builder = Builder::default();
    let document = builder.framework(book);
    Draft {
        document,
        problems: builder.problems,
        places: builder.places,
        covered: builder.covered,
    }
}

#[derive(Default)]
struct Builder {
    problems: Vec<(Place, SheetProblem)>,
    places: BTreeMap<String, Place>,
    covered: Vec<Covered>,
    languages: Vec<String>,
}

/// A table sheet's rows, with where each expected column is.
struct Rows<'g> {
    sheet: &'static str,
    grid: &'g Grid,
    /// Header to column index, for the headers present.
    columns: HashMap<String, usize>,
}

impl Rows<'_> {
    /// The rows holding something: (index from 0, spreadsheet row number from 1).
    fn filled(&self) -> impl Iterator<Item = (usize, u32)> + '_ {
        (1..self.grid.rows.len())
            .filter(|&r| !self.grid.rows[r].iter().all(Cell::is_blank))
            .map(|r| (r, r as u32 + 1))
    }

    fn cell(&self, row: usize, header: &str) -> &Cell {
        match self.columns.get(header) {
            Some(&column) => self.grid.get(row, column),
            None => &Cell::Empty,
        }
    }
}

impl Builder {
    /// Records a problem of the workbook, up to [`MAX_PROBLEMS`]; past that, once, that the
    /// rest are left out.
    fn problem(&mut self, place: Place, problem: SheetProblem) {
        match self.problems.len().cmp(&MAX_PROBLEMS) {
            std::cmp::Ordering::Less => self.problems.push((place, problem)),
            std::cmp::Ordering::Equal => self.problems.push((
                Place::workbook(),
                SheetProblem::MoreProblems {
                    shown: MAX_PROBLEMS,
                },
            )),
            std::cmp::Ordering::Greater => {}
        }
    }

    fn record(&mut self, path: &str, place: Place) {
        self.places.insert(path.to_owned(), place);
    }

    fn framework(&mut self, book: &Book) -> Value {
        let mut document = Map::new();
        document.insert("formatVersion".into(), FORMAT_VERSION.into());
        self.metadata(book, &mut document);
        let rows = self.rows(book, &LEVEL_TABLE);
        let levels = self.items(rows.as_ref(), "$.levels", &LEVEL_TABLE, &["label"]);
        let rows = self.rows(book, &GROUP_TABLE);
        let groups = self.items(rows.as_ref(), "$.groups", &GROUP_TABLE, &["name"]);
        let rows = self.rows(book, &COMPETENCY_TABLE);
        let required = ["name", "definition"];
        let mut competencies = self.items(
            rows.as_ref(),
            "$.competencies",
            &COMPETENCY_TABLE,
            &required,
        );
        let rows = self.rows(book, &INDICATOR_TABLE);
        self.indicators(rows.as_ref(), &mut competencies);
        let rows = self.rows(book, &RESOURCE_TABLE);
        self.resources(rows.as_ref(), &mut competencies);
        let rows = self.rows(book, &POSITION_TABLE);
        let mut positions = self.items(rows.as_ref(), "$.positions", &POSITION_TABLE, &["title"]);
        for position in &mut positions.items {
            position.insert("requirements".into(), Value::Array(Vec::new()));
        }
        let rows = self.rows(book, &REQUIREMENT_TABLE);
        self.requirements(rows.as_ref(), &mut positions);

        for (key, items) in [
            ("levels", levels),
            ("groups", groups),
            ("competencies", competencies),
            ("positions", positions),
        ] {
            let list = items.items.into_iter().map(Value::Object).collect();
            document.insert(key.into(), Value::Array(list));
        }
        Value::Object(document)
    }

    /// The `Cadre` sheet: `champ` and `valeur` on each row.
    fn metadata(&mut self, book: &Book, document: &mut Map<String, Value>) {
        let Some(grid) = book.sheet(FRAMEWORK) else {
            self.problem(Place::sheet(FRAMEWORK), SheetProblem::MissingSheet);
            self.languages = languages_in_headers(book);
            return;
        };
        self.check_grid(FRAMEWORK, grid);
        let mut fields: Vec<(String, &Cell, u32)> = Vec::new();
        for (r, cells) in grid.rows.iter().enumerate().skip(1) {
            let row = r as u32 + 1;
            let field = match cells.first().unwrap_or(&Cell::Empty) {
                Cell::Text(t) => t.trim().to_lowercase(),
                cell if cell.is_blank() => continue,
                _ => String::new(),
            };
            fields.push((field, cells.get(1).unwrap_or(&Cell::Empty), row));
        }
        // Fields are matched ignoring case: `Titre_FR` is `titre_fr`.
        let value = |name: &str| fields.iter().find(|(f, _, _)| *f == name.to_lowercase());
        if let Some((_, cell, row)) = value(LANGUAGES) {
            let place = Place::cell(FRAMEWORK, *row, VALUE);
            if let Some(list) = self.text(cell, &place) {
                // One past the limit is enough for the framework's reader to refuse the list,
                // and bounds the columns looked for.
                self.languages = list
                    .split([',', ';', ' '])
                    .filter(|l| !l.is_empty())
                    .take(MAX_LANGUAGES + 1)
                    .map(str::to_owned)
                    .collect();
            }
        }
        if self.languages.is_empty() {
            self.languages = languages_in_headers(book);
        }
        for (key, name) in [
            ("id", ID),
            ("version", VERSION),
            ("defaultLanguage", DEFAULT_LANGUAGE),
        ] {
            let path = member_path("$", key);
            if let Some((_, cell, row)) = value(name) {
                let place = Place::cell(FRAMEWORK, *row, VALUE);
                self.record(&path, place.clone());
                let text = self.shown(cell, &place);
                document.insert(key.into(), text.into());
            } else {
                self.record(&path, Place::sheet(FRAMEWORK));
            }
        }
        if let Some((_, _, row)) = value(LANGUAGES) {
            self.record("$.languages", Place::cell(FRAMEWORK, *row, VALUE));
        }
        let languages = self.languages.clone();
        document.insert("languages".into(), json!(languages));
        for (key, name, required) in [
            ("title", TITLE, true),
            ("description", DESCRIPTION, false),
            ("source", SOURCE, false),
        ] {
            let path = member_path("$", key);
            self.record(&path, Place::sheet(FRAMEWORK));
            let mut text = Map::new();
            for language in &languages {
                let field = translated(name, language);
                let Some((_, cell, row)) = value(&field) else {
                    continue;
                };
                let place = Place::cell(FRAMEWORK, *row, VALUE);
                self.record(&member_path(&path, language), place.clone());
                let t = self.shown(cell, &place);
                text.insert(language.clone(), t.into());
            }
            if required
                || text
                    .values()
                    .any(|t| t.as_str().is_some_and(|t| !t.is_empty()))
            {
                document.insert(key.into(), Value::Object(text));
            }
        }
        let known = |field: &str| {
            [ID, VERSION, DEFAULT_LANGUAGE, LANGUAGES].contains(&field)
                || [TITLE, DESCRIPTION, SOURCE].iter().any(|name| {
                    languages
                        .iter()
                        .any(|l| translated(name, l).to_lowercase() == field)
                })
        };
        for (field, _, row) in &fields {
            if !known(field) {
                let place = Place::cell(FRAMEWORK, *row, FIELD);
                self.problem(
                    place,
                    SheetProblem::UnknownField {
                        field: field.clone(),
                    },
                );
            }
        }
    }

    /// Problems of a sheet's cells themselves: cut, merged.
    fn check_grid(&mut self, sheet: &'static str, grid: &Grid) {
        if grid.cut {
            let problem = SheetProblem::TooBig {
                rows: MAX_ROWS,
                columns: MAX_COLUMNS,
            };
            self.problem(Place::sheet(sheet), problem);
        }
        let header = |column: u32| match grid.get(0, column as usize) {
            Cell::Text(text) if !text.trim().is_empty() => Some(text.trim().to_owned()),
            _ => None,
        };
        for &((top, left), (bottom, right)) in &grid.merged {
            if (top, left) == (bottom, right) {
                continue;
            }
            let range = format!(
                "{}{}:{}{}",
                column_letters(left),
                top + 1,
                column_letters(right),
                bottom + 1
            );
            // Said once, at the first cell; the other cells only explain what they lack.
            let place = Place {
                sheet: Some(sheet.to_owned()),
                row: Some(top + 1),
                column: header(left),
            };
            self.problem(place, SheetProblem::MergedCells { range });
            self.covered.push(Covered {
                sheet: sheet.to_owned(),
                rows: (top + 1, bottom + 1),
                columns: (left..=right)
                    .filter_map(|c| header(c).map(|h| h.to_lowercase()))
                    .collect(),
            });
        }
    }

    /// A table sheet's headers checked against its layout.
    fn rows<'b>(&mut self, book: &'b Book, table: &Table) -> Option<Rows<'b>> {
        let Some(grid) = book.sheet(table.sheet) else {
            self.problem(Place::sheet(table.sheet), SheetProblem::MissingSheet);
            return None;
        };
        self.check_grid(table.sheet, grid);
        let expected = headers(table, &self.languages);
        let mut columns = HashMap::new();
        let header_row = grid.rows.first().map(Vec::as_slice).unwrap_or_default();
        for (c, cell) in header_row.iter().enumerate() {
            let header = match cell {
                Cell::Text(text) => text.trim().to_owned(),
                cell if cell.is_blank() => continue,
                other => display(other),
            };
            let place = Place::cell(table.sheet, 1, &column_letters(c as u32));
            // Headers are matched ignoring case: `Nom_FR` is `nom_fr`.
            let known = expected
                .iter()
                .find(|e| e.to_lowercase() == header.to_lowercase());
            match known {
                None => self.problem(place, SheetProblem::UnknownColumn { header }),
                Some(name) => {
                    if columns.insert(name.clone(), c).is_some() {
                        self.problem(place, SheetProblem::DuplicateColumn { header });
                    }
                }
            }
        }
        for column in table.columns.iter().filter(|c| c.required) {
            let names = if column.translated {
                self.languages
                    .iter()
                    .map(|l| translated(column.name, l))
                    .collect()
            } else {
                vec![column.name.to_owned()]
            };
            for name in names {
                if !columns.contains_key(&name) {
                    let place = Place {
                        sheet: Some(table.sheet.to_owned()),
                        row: None,
                        column: Some(name.clone()),
                    };
                    self.problem(place, SheetProblem::MissingColumn { column: name });
                }
            }
        }
        Some(Rows {
            sheet: table.sheet,
            grid,
            columns,
        })
    }

    /// One object per filled row of a sheet whose first column is `id`, with its other plain
    /// columns and its texts (`required` ones always, the others when written).
    fn items(
        &mut self,
        rows: Option<&Rows>,
        path: &str,
        table: &Table,
        required: &[&str],
    ) -> Items {
        let mut items = Items::default();
        let Some(rows) = rows else {
            self.record(path, Place::sheet(table.sheet));
            return items;
        };
        self.record(path, Place::sheet(rows.sheet));
        for (r, row) in rows.filled() {
            let item_path = format!("{path}[{}]", items.items.len());
            self.record(&item_path, Place::row(rows.sheet, row));
            let mut item = Map::new();
            for column in table.columns {
                let key = key_of(column.name);
                if column.translated {
                    let text = self.texts(rows, r, row, column.name, &item_path, key);
                    let empty = text.values().all(|t| t.as_str() == Some(""));
                    if !empty || required.contains(&key) {
                        item.insert(key.into(), Value::Object(text));
                    }
                } else if let Some(value) = self.plain(rows, r, row, column, &item_path, key) {
                    item.insert(key.into(), value);
                }
            }
            let id = item.get("id").and_then(Value::as_str).map(str::to_owned);
            if let Some(id) = id {
                items.index.entry(id).or_insert(items.items.len());
            }
            items.items.push(item);
        }
        items
    }

    /// A text in every language from `name_fr`, `name_en`, ... (empty where a cell is).
    fn texts(
        &mut self,
        rows: &Rows,
        r: usize,
        row: u32,
        name: &str,
        item_path: &str,
        key: &str,
    ) -> Map<String, Value> {
        let path = member_path(item_path, key);
        self.record(&path, Place::row(rows.sheet, row));
        self.in_languages(rows, r, row, name, &path)
    }

    /// The text at `path` from the columns `name_fr`, `name_en`, ...: every declared language,
    /// empty where the cell is.
    fn in_languages(
        &mut self,
        rows: &Rows,
        r: usize,
        row: u32,
        name: &str,
        path: &str,
    ) -> Map<String, Value> {
        let mut text = Map::new();
        for language in self.languages.clone() {
            let header = translated(name, &language);
            let place = Place::cell(rows.sheet, row, &header);
            self.record(&member_path(path, &language), place.clone());
            let value = self.shown(rows.cell(r, &header), &place);
            text.insert(language, value.into());
        }
        text
    }

    /// A plain column's value: text, or a number of hours. An empty optional cell gives none;
    /// an empty required one or a cell in error gives an empty text, already explained.
    fn plain(
        &mut self,
        rows: &Rows,
        r: usize,
        row: u32,
        column: &Column,
        item_path: &str,
        key: &str,
    ) -> Option<Value> {
        let place = Place::cell(rows.sheet, row, column.name);
        let cell = rows.cell(r, column.name);
        self.record(&member_path(item_path, key), place.clone());
        if column.name == "duree_heures" {
            return self.hours(cell, &place);
        }
        match self.text(cell, &place) {
            None => Some(Value::String(display(cell))),
            Some(text) if text.trim().is_empty() && column.required => {
                self.problem(place, SheetProblem::EmptyCell);
                Some(Value::String(String::new()))
            }
            Some(text) if text.trim().is_empty() => None,
            Some(text) => Some(Value::String(text)),
        }
    }

    /// A cell's text or, when it holds something else (a problem then), what it shows: the
    /// framework's checks go on, and what they say of this cell is already explained.
    fn shown(&mut self, cell: &Cell, place: &Place) -> String {
        self.text(cell, place).unwrap_or_else(|| display(cell))
    }

    /// A cell's text: `None` (and a problem) when it holds something else.
    fn text(&mut self, cell: &Cell, place: &Place) -> Option<String> {
        match cell {
            Cell::Empty => Some(String::new()),
            Cell::Text(text) => Some(text.clone()),
            // A whole number typed in a text column (a version `2`) is the text the person sees.
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{n}")),
            Cell::Formula(formula) => {
                let problem = SheetProblem::Formula {
                    formula: format!("={}", formula.trim_start_matches('=')),
                };
                self.problem(place.clone(), problem);
                None
            }
            Cell::Error(found) => {
                let problem = SheetProblem::ErrorValue {
                    found: found.clone(),
                };
                self.problem(place.clone(), problem);
                None
            }
            other => {
                let problem = SheetProblem::NotText {
                    found: display(other),
                };
                self.problem(place.clone(), problem);
                None
            }
        }
    }

    fn hours(&mut self, cell: &Cell, place: &Place) -> Option<Value> {
        let found = match cell {
            Cell::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n < 1e15 => {
                return Some((*n as u64).into());
            }
            Cell::Text(text) if text.trim().is_empty() => return None,
            Cell::Text(text) => match text.trim().parse::<u64>() {
                Ok(n) => return Some(n.into()),
                Err(_) => text.clone(),
            },
            Cell::Empty => return None,
            Cell::Formula(_) | Cell::Error(_) => {
                self.text(cell, place);
                return None;
            }
            other => display(other),
        };
        self.problem(place.clone(), SheetProblem::NotWholeNumber { found });
        None
    }

    fn yes_no(&mut self, cell: &Cell, place: &Place) -> bool {
        let found = match cell {
            Cell::Bool(b) => return *b,
            Cell::Number(n) if *n == 0.0 || *n == 1.0 => return *n == 1.0,
            Cell::Empty => return false,
            Cell::Text(text) => match text.trim().to_lowercase().as_str() {
                "oui" | "yes" | "vrai" | "true" | "x" | "1" => return true,
                "non" | "no" | "faux" | "false" | "0" | "" => return false,
                _ => text.clone(),
            },
            Cell::Formula(_) | Cell::Error(_) => {
                self.text(cell, place);
                return false;
            }
            other => display(other),
        };
        self.problem(place.clone(), SheetProblem::NotYesNo { found });
        false
    }

    /// A reference cell (`competence`, `poste`) to a row of `items`, from sheet `target`.
    fn reference(
        &mut self,
        rows: &Rows,
        r: usize,
        row: u32,
        column: &str,
        items: &Items,
        target: &str,
    ) -> Option<usize> {
        let place = Place::cell(rows.sheet, row, column);
        let id = self.text(rows.cell(r, column), &place)?;
        if let Some(&index) = items.index.get(&id) {
            return Some(index);
        }
        let problem = if id.trim().is_empty() {
            SheetProblem::EmptyCell
        } else {
            SheetProblem::UnknownReference {
                sheet: target.to_owned(),
                id,
            }
        };
        self.problem(place, problem);
        None
    }

    /// `Indicateurs`: each row a text for one competency at one level, in row order.
    fn indicators(&mut self, rows: Option<&Rows>, competencies: &mut Items) {
        let Some(rows) = rows else { return };
        for (r, row) in rows.filled() {
            let Some(index) =
                self.reference(rows, r, row, "competence", competencies, COMPETENCIES)
            else {
                continue;
            };
            let level_place = Place::cell(rows.sheet, row, "niveau");
            let Some(level) = self.text(rows.cell(r, "niveau"), &level_place) else {
                continue;
            };
            if level.trim().is_empty() {
                self.problem(level_place, SheetProblem::EmptyCell);
                continue;
            }
            let competency_path = format!("$.competencies[{index}]");
            let indicators_path = member_path(&competency_path, "indicators");
            let level_path = member_path(&indicators_path, &level);
            let list = competencies.items[index]
                .entry("indicators")
                .or_insert_with(|| Value::Object(Map::new()))
                .as_object_mut()
                .and_then(|map| {
                    map.entry(level.clone())
                        .or_insert_with(|| Value::Array(Vec::new()))
                        .as_array_mut()
                })
                .map(|list| list.len());
            let Some(position) = list else { continue };
            if position == 0 {
                self.record(&level_path, level_place);
            }
            let item_path = format!("{level_path}[{position}]");
            self.record(&item_path, Place::row(rows.sheet, row));
            let text = Value::Object(self.in_languages(rows, r, row, "texte", &item_path));
            if let Some(list) = competencies.items[index]
                .get_mut("indicators")
                .and_then(|i| i.get_mut(&level))
                .and_then(Value::as_array_mut)
            {
                list.push(text);
            }
        }
    }

    /// `Ressources`: each row a way to develop one competency, in row order.
    fn resources(&mut self, rows: Option<&Rows>, competencies: &mut Items) {
        let Some(rows) = rows else { return };
        for (r, row) in rows.filled() {
            let Some(index) =
                self.reference(rows, r, row, "competence", competencies, COMPETENCIES)
            else {
                continue;
            };
            let list_path = member_path(&format!("$.competencies[{index}]"), "resources");
            let resources = competencies.items[index]
                .entry("resources")
                .or_insert_with(|| Value::Array(Vec::new()));
            let position = resources.as_array().map_or(0, Vec::len);
            let path = format!("{list_path}[{position}]");
            self.record(&path, Place::row(rows.sheet, row));
            let mut resource = Map::new();
            let title = self.texts(rows, r, row, "titre", &path, "title");
            resource.insert("title".into(), Value::Object(title));
            for (name, key) in [
                ("type", "kind"),
                ("lien", "link"),
                ("duree_heures", "durationHours"),
            ] {
                let column = RESOURCE_TABLE.column(name).expect("a column of the layout");
                if let Some(value) = self.plain(rows, r, row, column, &path, key) {
                    resource.insert(key.into(), value);
                }
            }
            if let Some(list) = competencies.items[index]
                .get_mut("resources")
                .and_then(Value::as_array_mut)
            {
                list.push(Value::Object(resource));
            }
        }
    }

    /// `Exigences`: each row the level one position requires in one competency.
    fn requirements(&mut self, rows: Option<&Rows>, positions: &mut Items) {
        let Some(rows) = rows else { return };
        for (r, row) in rows.filled() {
            let Some(index) = self.reference(rows, r, row, "poste", positions, POSITIONS) else {
                continue;
            };
            let list_path = member_path(&format!("$.positions[{index}]"), "requirements");
            let position = positions.items[index]
                .get("requirements")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            let path = format!("{list_path}[{position}]");
            self.record(&path, Place::row(rows.sheet, row));
            let mut requirement = Map::new();
            for (name, key) in [("competence", "competency"), ("niveau", "level")] {
                let column = REQUIREMENT_TABLE
                    .column(name)
                    .expect("a column of the layout");
                if let Some(value) = self.plain(rows, r, row, column, &path, key) {
                    requirement.insert(key.into(), value);
                }
            }
            let place = Place::cell(rows.sheet, row, "critique");
            self.record(&member_path(&path, "critical"), place.clone());
            let critical = self.yes_no(rows.cell(r, "critique"), &place);
            requirement.insert("critical".into(), critical.into());
            if let Some(list) = positions.items[index]
                .get_mut("requirements")
                .and_then(Value::as_array_mut)
            {
                list.push(Value::Object(requirement));
            }
        }
    }
}

/// The objects read from a sheet, with the index of each id (its first row).
#[derive(Default)]
struct Items {
    items: Vec<Map<String, Value>>,
    index: HashMap<String, usize>,
}

/// The document's key for a column: `libelle` is a level's `label`, ...
fn key_of(column: &str) -> &'static str {
    match column {
        "id" => "id",
        "libelle" => "label",
        "description" => "description",
        "nom" => "name",
        "groupe" => "group",
        "definition" => "definition",
        "titre" => "title",
        "famille" => "family",
        _ => "",
    }
}

/// The languages of translated headers (`nom_fr`), when `Cadre` does not list them.
fn languages_in_headers(book: &Book) -> Vec<String> {
    let mut found = BTreeSet::new();
    for table in &TABLES {
        let Some(grid) = book.sheet(table.sheet) else {
            continue;
        };
        for cell in grid.rows.first().into_iter().flatten() {
            if let Cell::Text(header) = cell
                && let Some((name, language)) = header.trim().split_once('_')
                && table.column(name).is_some_and(|c| c.translated)
            {
                found.insert(language.to_owned());
            }
        }
    }
    found.into_iter().collect()
}

/// How a cell that is not text is shown in a problem.
fn display(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) => text.clone(),
        Cell::Number(n) => format!("{n}"),
        Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Cell::Date(d) => d.clone(),
        Cell::Error(e) => e.clone(),
        Cell::Formula(f) => format!("={f}"),
    }
}
