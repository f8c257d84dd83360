//! A framework written as a workbook ([`export`]): the instructions, then a sheet per part,
//! headers frozen, columns sized, and a drop-down list on every reference so that a typo is
//! hard to make.

use competency_core::framework::limits::{MAX_COMPETENCIES, MAX_GROUPS, MAX_LEVELS, MAX_POSITIONS};
use competency_core::framework::wire::ResourceKindDocument;
use competency_core::{Framework, LocalizedText};
use rust_xlsxwriter::{DataValidation, Format, FormatAlign, Formula, Workbook, Worksheet};

use crate::layout::*;

/// Why a workbook could not be written (a text longer than a cell holds, say).
#[derive(Debug, thiserror::Error)]
#[error("the workbook could not be written: {0}")]
pub struct WriteError(#[from] rust_xlsxwriter::XlsxError);

/// Rows below the header that carry the drop-down lists: room for HR to add items.
const LIST_ROWS: u32 = 2_000;

/// `framework` as an XLSX workbook that [`crate::import`] reads back equal.
pub fn export(framework: &Framework) -> Result<Vec<u8>, WriteError> {
    let mut workbook = Workbook::new();
    let formats = Formats::new();
    instructions(workbook.add_worksheet(), &formats)?;
    metadata(workbook.add_worksheet(), framework, &formats)?;
    let languages = &framework.languages;
    let text = |t: &LocalizedText, language: &str| t.get(language).unwrap_or_default().to_owned();

    let rows = framework
        .levels
        .iter()
        .map(|l| row(&l.id, &[], &[&l.label, &l.description], languages))
        .collect();
    table(
        workbook.add_worksheet(),
        &LEVEL_TABLE,
        languages,
        rows,
        &formats,
    )?;

    let rows = framework
        .groups
        .iter()
        .map(|g| row(&g.id, &[], &[&g.name, &g.description], languages))
        .collect();
    table(
        workbook.add_worksheet(),
        &GROUP_TABLE,
        languages,
        rows,
        &formats,
    )?;

    let rows = framework
        .competencies
        .iter()
        .map(|c| row(&c.id, &[&c.group], &[&c.name, &c.definition], languages))
        .collect();
    let sheet = table(
        workbook.add_worksheet(),
        &COMPETENCY_TABLE,
        languages,
        rows,
        &formats,
    )?;
    list_from(sheet, 1, GROUPS, MAX_GROUPS)?;

    let mut rows = Vec::new();
    for c in &framework.competencies {
        for (level, indicators) in framework.levels.iter().zip(&c.indicators) {
            for indicator in indicators {
                rows.push(row(&c.id, &[&level.id], &[indicator], languages));
            }
        }
    }
    let sheet = table(
        workbook.add_worksheet(),
        &INDICATOR_TABLE,
        languages,
        rows,
        &formats,
    )?;
    list_from(sheet, 0, COMPETENCIES, MAX_COMPETENCIES)?;
    list_from(sheet, 1, LEVELS, MAX_LEVELS)?;

    let mut rows = Vec::new();
    for c in &framework.competencies {
        for r in &c.resources {
            let kind = ResourceKindDocument::from(r.kind);
            let mut cells = vec![
                Value::Text(c.id.clone()),
                Value::Text(kind_name(kind).to_owned()),
            ];
            cells.extend(languages.iter().map(|l| Value::Text(text(&r.title, l))));
            cells.push(Value::Text(r.link.clone().unwrap_or_default()));
            cells.push(match r.duration_hours {
                Some(hours) => Value::Number(hours as f64),
                None => Value::Text(String::new()),
            });
            rows.push(cells);
        }
    }
    let sheet = table(
        workbook.add_worksheet(),
        &RESOURCE_TABLE,
        languages,
        rows,
        &formats,
    )?;
    list_from(sheet, 0, COMPETENCIES, MAX_COMPETENCIES)?;
    list(sheet, 1, ResourceKindDocument::NAMES)?;

    let rows = framework
        .positions
        .iter()
        .map(|p| {
            row(
                &p.id,
                &[],
                &[&p.title, &p.description, &p.family],
                languages,
            )
        })
        .collect();
    table(
        workbook.add_worksheet(),
        &POSITION_TABLE,
        languages,
        rows,
        &formats,
    )?;

    let mut rows = Vec::new();
    for p in &framework.positions {
        for r in &p.requirements {
            rows.push(vec![
                Value::Text(p.id.clone()),
                Value::Text(r.competency.clone()),
                Value::Text(r.level.clone()),
                Value::Text(if r.critical { YES } else { NO }.to_owned()),
            ]);
        }
    }
    let sheet = table(
        workbook.add_worksheet(),
        &REQUIREMENT_TABLE,
        languages,
        rows,
        &formats,
    )?;
    list_from(sheet, 0, POSITIONS, MAX_POSITIONS)?;
    list_from(sheet, 1, COMPETENCIES, MAX_COMPETENCIES)?;
    list_from(sheet, 2, LEVELS, MAX_LEVELS)?;
    list(sheet, 3, &[YES, NO])?;

    Ok(workbook.save_to_buffer()?)
}

/// The name a resource kind has in documents: `e-learning`, `course`, ...
fn kind_name(kind: ResourceKindDocument) -> &'static str {
    let index = match kind {
        ResourceKindDocument::ELearning => 0,
        ResourceKindDocument::Course => 1,
        ResourceKindDocument::OnTheJob => 2,
        ResourceKindDocument::Reading => 3,
        ResourceKindDocument::Mentoring => 4,
    };
    ResourceKindDocument::NAMES[index]
}

enum Value {
    Text(String),
    Number(f64),
}

/// A row of plain cells (`first`, then `plain`), then each text in every language.
fn row(
    first: &str,
    plain: &[&String],
    texts: &[&LocalizedText],
    languages: &[String],
) -> Vec<Value> {
    let mut cells = vec![Value::Text(first.to_owned())];
    cells.extend(plain.iter().map(|s| Value::Text((*s).clone())));
    for text in texts {
        cells.extend(
            languages
                .iter()
                .map(|l| Value::Text(text.get(l).unwrap_or_default().to_owned())),
        );
    }
    cells
}

struct Formats {
    header: Format,
    text: Format,
}

impl Formats {
    fn new() -> Self {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(0xDDE7F0)
                .set_align(FormatAlign::Top),
            text: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

fn header_row(
    sheet: &mut Worksheet,
    headers: &[String],
    formats: &Formats,
) -> Result<(), WriteError> {
    for (col, header) in (0u16..).zip(headers) {
        sheet.write_string_with_format(0, col, header, &formats.header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn table<'s>(
    sheet: &'s mut Worksheet,
    layout: &Table,
    languages: &[String],
    rows: Vec<Vec<Value>>,
    formats: &Formats,
) -> Result<&'s mut Worksheet, WriteError> {
    sheet.set_name(layout.sheet)?;
    header_row(sheet, &headers(layout, languages), formats)?;
    let mut col = 0u16;
    for column in layout.columns {
        let count = if column.translated {
            languages.len()
        } else {
            1
        };
        for _ in 0..count {
            sheet.set_column_width(col, column.width)?;
            col += 1;
        }
    }
    let widths: Vec<f64> = layout
        .columns
        .iter()
        .flat_map(|c| {
            let count = if c.translated { languages.len() } else { 1 };
            std::iter::repeat_n(c.width, count)
        })
        .collect();
    for (r, cells) in (1u32..).zip(rows) {
        // Spreadsheets do not all fit a row to its wrapped text on opening (LibreOffice does
        // not): each row is given the height of its longest text in its column's width.
        let lines = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| match cell {
                Value::Text(text) => lines_in(text, *width),
                Value::Number(_) => 1,
            })
            .max()
            .unwrap_or(1);
        if lines > 1 {
            sheet.set_row_height(r, (ROW_POINTS * lines as f64).min(MAX_ROW_POINTS))?;
        }
        for (c, cell) in (0u16..).zip(cells) {
            match cell {
                Value::Text(text) if text.is_empty() => {}
                Value::Text(text) => {
                    sheet.write_string_with_format(r, c, text, &formats.text)?;
                }
                Value::Number(n) => {
                    sheet.write_number(r, c, n)?;
                }
            }
        }
    }
    Ok(sheet)
}

/// The height of one line of text, in points (the spreadsheet's default row).
const ROW_POINTS: f64 = 15.0;
/// The tallest row a spreadsheet allows, in points.
const MAX_ROW_POINTS: f64 = 409.0;

/// About how many lines `text` takes wrapped in a column `width` characters wide.
fn lines_in(text: &str, width: f64) -> usize {
    let per_line = (width * 1.1).max(1.0) as usize;
    text.split('\n')
        .map(|line| line.chars().count().div_ceil(per_line).max(1))
        .sum()
}

/// A drop-down list in column `col` of the ids in the first column of sheet `source`.
fn list_from(
    sheet: &mut Worksheet,
    col: u16,
    source: &str,
    limit: usize,
) -> Result<(), WriteError> {
    let last = limit + 1;
    let formula = Formula::new(format!("='{source}'!$A$2:$A${last}"));
    let validation = DataValidation::new().allow_list_formula(formula);
    sheet.add_data_validation(1, col, LIST_ROWS, col, &validation)?;
    Ok(())
}

/// A drop-down list in column `col` of fixed `choices`.
fn list(sheet: &mut Worksheet, col: u16, choices: &[&str]) -> Result<(), WriteError> {
    let validation = DataValidation::new().allow_list_strings(choices)?;
    sheet.add_data_validation(1, col, LIST_ROWS, col, &validation)?;
    Ok(())
}

fn metadata(
    sheet: &mut Worksheet,
    framework: &Framework,
    formats: &Formats,
) -> Result<(), WriteError> {
    sheet.set_name(FRAMEWORK)?;
    header_row(sheet, &[FIELD.to_owned(), VALUE.to_owned()], formats)?;
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, 80)?;
    let mut rows = vec![
        (ID.to_owned(), framework.id.clone()),
        (VERSION.to_owned(), framework.version.clone()),
        (
            DEFAULT_LANGUAGE.to_owned(),
            framework.default_language.clone(),
        ),
        (LANGUAGES.to_owned(), framework.languages.join(", ")),
    ];
    for (name, text) in [
        (TITLE, &framework.title),
        (DESCRIPTION, &framework.description),
        (SOURCE, &framework.source),
    ] {
        for language in &framework.languages {
            let value = text.get(language).unwrap_or_default().to_owned();
            rows.push((translated(name, language), value));
        }
    }
    for (r, (field, value)) in (1u32..).zip(rows) {
        let lines = lines_in(&value, 80.0);
        if lines > 1 {
            sheet.set_row_height(r, (ROW_POINTS * lines as f64).min(MAX_ROW_POINTS))?;
        }
        sheet.write_string(r, 0, field)?;
        if !value.is_empty() {
            sheet.write_string_with_format(r, 1, value, &formats.text)?;
        }
    }
    Ok(())
}

/// What to write where, in French then English: each a heading, then its paragraphs.
const INSTRUCTION_TEXTS: [&[&str]; 2] = [
    &[
        "Référentiel de compétences — mode d’emploi",
        "Chaque onglet est une partie du référentiel\u{a0}: Cadre (identifiant, version, langues, titre), Niveaux (l’échelle, du plus bas au plus haut), Groupes, Compétences, Indicateurs (ce que fait une personne à chaque niveau), Ressources (pour se former), Postes et Exigences (le niveau que chaque poste demande).",
        "Une ligne par élément\u{a0}; la première ligne de chaque onglet donne les noms des colonnes\u{a0}: ne les changez pas. Chaque texte a une colonne par langue (nom_fr, nom_en…)\u{a0}: remplissez-les toutes.",
        "Les listes déroulantes proposent les identifiants existants\u{a0}: ajoutez d’abord un groupe, un niveau ou une compétence, puis choisissez-le. Un identifiant ne contient que des lettres sans accent, des chiffres, «\u{a0}-\u{a0}», «\u{a0}_\u{a0}» et «\u{a0}.\u{a0}».",
        "Saisissez des valeurs, pas de formules, et ne fusionnez pas de cellules. L’ordre des lignes est celui que verront les évalués.",
        "Puis importez le classeur dans la console RH (écran Référentiel, «\u{a0}Le référentiel dans un tableur\u{a0}») ou avec «\u{a0}competency framework import classeur.xlsx referentiel.json\u{a0}»\u{a0}: chaque problème est signalé avec son onglet, sa ligne et sa colonne.",
    ],
    &[
        "Competency framework — how to fill in this workbook",
        "Each sheet is one part of the framework: Cadre (id, version, languages, title), Niveaux (the scale, lowest first), Groupes (groups), Compétences (competencies), Indicateurs (what someone does at each level), Ressources (learning resources), Postes (positions) and Exigences (the level each position requires).",
        "One row per item; the first row of each sheet names the columns: do not change it. Every text has one column per language (nom_fr, nom_en, ...): fill them all.",
        "The drop-down lists offer the ids that exist: add a group, a level or a competency first, then pick it. An id holds only unaccented letters, digits, “-”, “_” and “.”.",
        "Type values, not formulas, and do not merge cells. The order of the rows is the order raters will see.",
        "Then import the workbook in HR's console (Framework screen, “The framework in a spreadsheet”) or with “competency framework import workbook.xlsx framework.json”: every problem is reported with its sheet, row and column.",
    ],
];

fn instructions(sheet: &mut Worksheet, formats: &Formats) -> Result<(), WriteError> {
    sheet.set_name(INSTRUCTIONS)?;
    sheet.set_column_width(0, 110)?;
    let mut r = 0u32;
    for text in INSTRUCTION_TEXTS {
        for (i, line) in text.iter().enumerate() {
            let format = if i == 0 {
                &formats.header
            } else {
                &formats.text
            };
            let lines = lines_in(line, 110.0);
            if lines > 1 {
                sheet.set_row_height(r, ROW_POINTS * lines as f64)?;
            }
            sheet.write_string_with_format(r, 0, *line, format)?;
            r += 1;
        }
        r += 1;
    }
    Ok(())
}
