//! Workbooks with each kind of mistake HR makes, built here cell by cell, and the exact
//! problems each gets: every one at once, at its sheet, row and column.

use std::io::Write;

use competency_core::framework::{ProblemKind, Structure};
use competency_sheet::{Kind, Language, Place, Problem, SheetProblem};
use rust_xlsxwriter::{Formula, Workbook};

#[derive(Clone)]
enum Cell {
    Text(&'static str),
    Number(f64),
    Formula(&'static str),
}
use Cell::*;

/// A sheet: its name, its rows from the first, and merged ranges (first row, first column,
/// last row, last column, from 0).
#[derive(Clone)]
struct Sheet {
    name: &'static str,
    rows: Vec<Vec<Cell>>,
    merged: Vec<(u32, u16, u32, u16)>,
}

fn sheet(name: &'static str, rows: &[&[&'static str]]) -> Sheet {
    Sheet {
        name,
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| Text(c)).collect())
            .collect(),
        merged: Vec::new(),
    }
}

/// A small framework in French and English: two levels, a group, two competencies.
fn valid() -> Vec<Sheet> {
    vec![
        sheet("Instructions", &[&["Mode d’emploi"]]),
        sheet(
            "Cadre",
            &[
                &["champ", "valeur"],
                &["id", "douanes"],
                &["version", "1"],
                &["langue_par_defaut", "fr"],
                &["langues", "fr, en"],
                &["titre_fr", "Référentiel"],
                &["titre_en", "Framework"],
            ],
        ),
        sheet(
            "Niveaux",
            &[
                &["id", "libelle_fr", "libelle_en"],
                &["base", "Notions", "Awareness"],
                &["expert", "Expert", "Expert"],
            ],
        ),
        sheet(
            "Groupes",
            &[&["id", "nom_fr", "nom_en"], &["coeur", "Cœur", "Core"]],
        ),
        sheet(
            "Compétences",
            &[
                &[
                    "id",
                    "groupe",
                    "nom_fr",
                    "nom_en",
                    "definition_fr",
                    "definition_en",
                ],
                &[
                    "integrite",
                    "coeur",
                    "Intégrité",
                    "Integrity",
                    "Agir avec probité.",
                    "Act with probity.",
                ],
                &[
                    "accueil",
                    "coeur",
                    "Accueil",
                    "Service",
                    "Servir l’usager.",
                    "Serve the public.",
                ],
            ],
        ),
        sheet(
            "Indicateurs",
            &[
                &["competence", "niveau", "texte_fr", "texte_en"],
                &["integrite", "base", "Connaît le code.", "Knows the code."],
                &["integrite", "expert", "Forme les autres.", "Trains others."],
                &["accueil", "base", "Salue l’usager.", "Greets the public."],
                &[
                    "accueil",
                    "expert",
                    "Gère les litiges.",
                    "Handles disputes.",
                ],
            ],
        ),
        sheet(
            "Ressources",
            &[
                &[
                    "competence",
                    "type",
                    "titre_fr",
                    "titre_en",
                    "lien",
                    "duree_heures",
                ],
                &[
                    "integrite",
                    "course",
                    "Déontologie",
                    "Ethics",
                    "https://example.org/e",
                    "6",
                ],
            ],
        ),
        sheet(
            "Postes",
            &[
                &["id", "titre_fr", "titre_en"],
                &["verificateur", "Vérificateur", "Inspector"],
            ],
        ),
        sheet(
            "Exigences",
            &[
                &["poste", "competence", "niveau", "critique"],
                &["verificateur", "integrite", "expert", "oui"],
            ],
        ),
    ]
}

fn xlsx(sheets: &[Sheet]) -> Vec<u8> {
    let mut workbook = Workbook::new();
    for s in sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(s.name).unwrap();
        for (r, row) in (0u32..).zip(&s.rows) {
            for (c, cell) in (0u16..).zip(row) {
                match cell {
                    Text("") => {}
                    Text(t) => {
                        worksheet.write_string(r, c, *t).unwrap();
                    }
                    Number(n) => {
                        worksheet.write_number(r, c, *n).unwrap();
                    }
                    Formula(f) => {
                        worksheet.write_formula(r, c, Formula::new(*f)).unwrap();
                    }
                }
            }
        }
        for &(r1, c1, r2, c2) in &s.merged {
            let first = match &s.rows[r1 as usize][c1 as usize] {
                Text(t) => *t,
                _ => "",
            };
            worksheet
                .merge_range(r1, c1, r2, c2, first, &Default::default())
                .unwrap();
        }
    }
    workbook.save_to_buffer().unwrap()
}

fn edit(f: impl FnOnce(&mut Vec<Sheet>)) -> Vec<Problem> {
    let mut sheets = valid();
    f(&mut sheets);
    match competency_sheet::import(&xlsx(&sheets)) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    }
}

fn named<'a>(sheets: &'a mut [Sheet], name: &str) -> &'a mut Sheet {
    sheets.iter_mut().find(|s| s.name == name).unwrap()
}

fn sheet_problem(place: Place, problem: SheetProblem) -> Problem {
    Problem {
        place,
        kind: Kind::Sheet(problem),
    }
}

fn framework_problem(place: Place, problem: ProblemKind) -> Problem {
    Problem {
        place,
        kind: Kind::Framework(problem),
    }
}

#[test]
fn the_valid_workbook_imports() {
    let framework = competency_sheet::import(&xlsx(&valid())).unwrap();
    assert_eq!(framework.competencies.len(), 2);
    assert_eq!(
        framework.competencies[0].resources[0].duration_hours,
        Some(6)
    );
    assert!(framework.positions[0].requirements[0].critical);
    assert_eq!(framework.competencies[1].name.get("en"), Some("Service"));
}

#[test]
fn two_mistakes_are_both_reported_at_their_cells() {
    let problems = edit(|sheets| {
        let competencies = named(sheets, "Compétences");
        competencies.rows[2][3] = Text("");
        competencies.rows[1][4] = Text(" ");
    });
    assert_eq!(
        problems,
        vec![
            framework_problem(
                Place::cell("Compétences", 2, "definition_fr"),
                ProblemKind::EmptyText {
                    language: "fr".into()
                }
            ),
            framework_problem(
                Place::cell("Compétences", 3, "nom_en"),
                ProblemKind::EmptyText {
                    language: "en".into()
                }
            ),
        ]
    );
    assert_eq!(
        problems[1].place.describe(Language::French),
        "Compétences, ligne 3, colonne nom_en"
    );
    assert_eq!(
        problems[1].to_string(),
        "Compétences, row 3, column nom_en: the text in `en` is empty"
    );
}

#[test]
fn a_reference_to_nothing_and_a_number_for_text_are_both_reported() {
    let problems = edit(|sheets| {
        let competencies = named(sheets, "Compétences");
        competencies.rows[1][1] = Text("coeurs");
        competencies.rows[2][5] = Number(3.5);
    });
    assert_eq!(
        problems,
        vec![
            framework_problem(
                Place::cell("Compétences", 2, "groupe"),
                ProblemKind::UnknownGroup {
                    id: "coeurs".into()
                }
            ),
            sheet_problem(
                Place::cell("Compétences", 3, "definition_en"),
                SheetProblem::NotText {
                    found: "3.5".into()
                }
            ),
        ]
    );
}

#[test]
fn a_missing_sheet_is_named() {
    let problems = edit(|sheets| sheets.retain(|s| s.name != "Exigences"));
    assert_eq!(
        problems,
        vec![sheet_problem(
            Place::sheet("Exigences"),
            SheetProblem::MissingSheet
        )]
    );
}

#[test]
fn a_renamed_column_is_named_once_not_on_every_row() {
    let problems = edit(|sheets| named(sheets, "Compétences").rows[0][3] = Text("nom_anglais"));
    assert_eq!(
        problems,
        vec![
            sheet_problem(
                Place {
                    sheet: Some("Compétences".into()),
                    row: None,
                    column: Some("nom_en".into())
                },
                SheetProblem::MissingColumn {
                    column: "nom_en".into()
                }
            ),
            sheet_problem(
                Place::cell("Compétences", 1, "D"),
                SheetProblem::UnknownColumn {
                    header: "nom_anglais".into()
                }
            ),
        ]
    );
}

#[test]
fn merged_cells_are_named_once() {
    let problems = edit(|sheets| named(sheets, "Compétences").merged.push((2, 2, 2, 3)));
    assert_eq!(
        problems,
        vec![sheet_problem(
            Place::cell("Compétences", 3, "nom_fr"),
            SheetProblem::MergedCells {
                range: "C3:D3".into()
            }
        )]
    );
}

#[test]
fn a_formula_is_refused_at_its_cell() {
    let problems = edit(|sheets| {
        named(sheets, "Compétences").rows[1][2] = Formula("=UPPER(D2)");
    });
    assert_eq!(
        problems,
        vec![sheet_problem(
            Place::cell("Compétences", 2, "nom_fr"),
            SheetProblem::Formula {
                formula: "=UPPER(D2)".into()
            }
        )]
    );
}

#[test]
fn a_number_where_text_is_expected_is_refused_unless_whole() {
    let problems = edit(|sheets| {
        named(sheets, "Compétences").rows[2][5] = Number(3.5);
        named(sheets, "Cadre").rows[2][1] = Number(2.0);
        named(sheets, "Ressources").rows[1][5] = Text("six");
    });
    assert_eq!(
        problems,
        vec![
            sheet_problem(
                Place::cell("Compétences", 3, "definition_en"),
                SheetProblem::NotText {
                    found: "3.5".into()
                }
            ),
            sheet_problem(
                Place::cell("Ressources", 2, "duree_heures"),
                SheetProblem::NotWholeNumber {
                    found: "six".into()
                }
            ),
        ]
    );
    // The version typed as the number 2 is the text "2".
    let framework = competency_sheet::import(&xlsx(&{
        let mut sheets = valid();
        named(&mut sheets, "Cadre").rows[2][1] = Number(2.0);
        sheets
    }))
    .unwrap();
    assert_eq!(framework.version, "2");
}

#[test]
fn empty_and_blank_rows_are_skipped() {
    let problems = edit(|sheets| {
        let competencies = named(sheets, "Compétences");
        competencies
            .rows
            .insert(2, vec![Text(" "), Text(""), Text("  ")]);
        for _ in 0..20 {
            competencies.rows.push(vec![Text(""), Text(" ")]);
        }
    });
    assert_eq!(problems, vec![]);
}

#[test]
fn ten_thousand_rows_get_a_clear_answer() {
    let problems = edit(|sheets| {
        let competencies = named(sheets, "Compétences");
        for _ in 0..10_000 {
            competencies.rows.push(vec![
                Text("autre"),
                Text("coeur"),
                Text("Autre"),
                Text("Other"),
                Text("Autre."),
                Text("Other."),
            ]);
        }
    });
    assert_eq!(
        problems,
        vec![framework_problem(
            Place::sheet("Compétences"),
            ProblemKind::Structure(Structure::TooMany {
                count: 10_002,
                limit: 500
            })
        )]
    );
}

#[test]
fn rows_naming_what_does_not_exist_are_located() {
    let problems = edit(|sheets| {
        named(sheets, "Indicateurs").rows[1][0] = Text("integriteh");
        named(sheets, "Exigences").rows[1][3] = Text("peut-être");
        named(sheets, "Exigences").rows[1][2] = Text("maitre");
    });
    assert_eq!(
        problems,
        vec![
            framework_problem(
                Place::row("Compétences", 2),
                ProblemKind::MissingIndicators {
                    level: "base".into()
                }
            ),
            sheet_problem(
                Place::cell("Indicateurs", 2, "competence"),
                SheetProblem::UnknownReference {
                    sheet: "Compétences".into(),
                    id: "integriteh".into()
                }
            ),
            sheet_problem(
                Place::cell("Exigences", 2, "critique"),
                SheetProblem::NotYesNo {
                    found: "peut-être".into()
                }
            ),
            framework_problem(
                Place::cell("Exigences", 2, "niveau"),
                ProblemKind::UnknownLevel {
                    id: "maitre".into()
                }
            ),
        ]
    );
}

#[test]
fn a_file_that_is_not_a_workbook_is_refused_with_a_reason() {
    let problems = competency_sheet::import(br#"{"formatVersion": 1}"#).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].place, Place::workbook());
    assert!(matches!(
        problems[0].kind,
        Kind::Sheet(SheetProblem::Unreadable { .. })
    ));
    let too_large = vec![0u8; 5 * 1024 * 1024];
    let problems = competency_sheet::import(&too_large).unwrap_err();
    assert_eq!(
        problems[0].kind,
        Kind::Sheet(SheetProblem::TooLarge {
            bytes: 5 * 1024 * 1024,
            limit: 4 * 1024 * 1024
        })
    );
}

#[test]
fn problems_are_worded_in_french_and_english() {
    let problem = SheetProblem::MissingColumn {
        column: "nom_en".into(),
    };
    assert_eq!(
        problem.describe(Language::French),
        "la colonne nom_en manque"
    );
    assert_eq!(
        problem.describe(Language::English),
        "the column nom_en is missing"
    );
    assert_eq!(
        Place::cell("Compétences", 14, "nom_en").describe(Language::English),
        "Compétences, row 14, column nom_en"
    );
}

/// The same workbook as LibreOffice stores it (OpenDocument spreadsheet).
fn ods(sheets: &[Sheet]) -> Vec<u8> {
    ods_with(sheets, "")
}

/// [`ods`] with `extra` (raw XML) at the end of the last sheet.
fn ods_with(sheets: &[Sheet], extra: &str) -> Vec<u8> {
    fn escape(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet>"#,
    );
    for s in sheets {
        content.push_str(&format!(r#"<table:table table:name="{}">"#, escape(s.name)));
        for row in &s.rows {
            content.push_str("<table:table-row>");
            for cell in row {
                match cell {
                    Text(t) => content.push_str(&format!(
                        r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                        escape(t)
                    )),
                    Number(n) => content.push_str(&format!(
                        r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
                    )),
                    Formula(f) => content.push_str(&format!(
                        r#"<table:table-cell table:formula="of:{}"/>"#,
                        escape(f)
                    )),
                }
            }
            content.push_str("</table:table-row>");
        }
        // As LibreOffice saves a sheet: its empty rest, repeated to the sheet's edge.
        content.push_str(
            r#"<table:table-row table:number-rows-repeated="1048500"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
        );
        if std::ptr::eq(s, sheets.last().unwrap()) {
            content.push_str(extra);
        }
        content.push_str("</table:table>");
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>");
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut bytes = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut bytes);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.start_file(
        "META-INF/manifest.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.finish().unwrap();
    bytes.into_inner()
}

#[test]
fn an_open_document_spreadsheet_imports() {
    let from_ods = competency_sheet::import(&ods(&valid())).unwrap();
    let from_xlsx = competency_sheet::import(&xlsx(&valid())).unwrap();
    assert_eq!(from_ods, from_xlsx);
}

#[test]
fn an_open_document_spreadsheet_with_mistakes_gets_them_located() {
    let mut sheets = valid();
    named(&mut sheets, "Compétences").rows[2][3] = Text("");
    named(&mut sheets, "Groupes").rows[1][1] = Formula("[.C2]");
    let problems = competency_sheet::import(&ods(&sheets)).unwrap_err();
    assert_eq!(
        problems,
        vec![
            sheet_problem(
                Place::cell("Groupes", 2, "nom_fr"),
                SheetProblem::Formula {
                    formula: "=of:[.C2]".into()
                }
            ),
            framework_problem(
                Place::cell("Compétences", 3, "nom_en"),
                ProblemKind::EmptyText {
                    language: "en".into()
                }
            ),
        ]
    );
}

#[test]
fn a_workbook_that_unpacks_beyond_reason_is_refused_before_it_is_read() {
    let mut bytes = std::io::Cursor::new(xlsx(&valid()));
    let mut zip = zip::ZipWriter::new_append(&mut bytes).unwrap();
    zip.start_file(
        "xl/media/padding.bin",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..70 {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap();
    let bytes = bytes.into_inner();
    assert!(bytes.len() < 1024 * 1024, "{} bytes", bytes.len());
    let problems = competency_sheet::import(&bytes).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].place, Place::workbook());
    assert!(matches!(
        problems[0].kind,
        Kind::Sheet(SheetProblem::TooLargeUnpacked {
            limit: 67_108_864,
            ..
        })
    ));
}

#[test]
fn an_open_document_sheet_repeating_a_filled_cell_a_billion_times_is_refused() {
    let bomb = r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="string" table:number-columns-repeated="1000"><text:p>x</text:p></table:table-cell></table:table-row>"#;
    let problems = competency_sheet::import(&ods_with(&valid(), bomb)).unwrap_err();
    assert_eq!(
        problems,
        vec![sheet_problem(
            Place::workbook(),
            SheetProblem::TooManyRepeated { limit: 1_000_000 }
        )]
    );
}

#[test]
fn a_repeat_count_written_with_a_character_reference_is_read_as_calamine_reads_it() {
    let bomb = r#"<table:table-row table:number-rows-repeated="&#49;000000"><table:table-cell office:value-type="string" table:number-columns-repeated="100"><text:p>x</text:p></table:table-cell></table:table-row>"#;
    let problems = competency_sheet::import(&ods_with(&valid(), bomb)).unwrap_err();
    assert_eq!(
        problems,
        vec![sheet_problem(
            Place::workbook(),
            SheetProblem::TooManyRepeated { limit: 1_000_000 }
        )]
    );
}

#[test]
fn a_merge_over_the_whole_sheet_is_one_problem_not_a_billion_cells() {
    // The valid workbook, its `Groupes` sheet (the fourth) merging A4 to the sheet's last cell:
    // a few bytes in the file.
    let original = xlsx(&valid());
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&original)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        let mut content = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut content).unwrap();
        if name == "xl/worksheets/sheet4.xml" {
            let xml = String::from_utf8(content).unwrap().replace(
                "</sheetData>",
                r#"</sheetData><mergeCells count="1"><mergeCell ref="A4:XFD1048576"/></mergeCells>"#,
            );
            content = xml.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&content).unwrap();
    }
    let bytes = out.finish().unwrap().into_inner();
    let problems = competency_sheet::import(&bytes).unwrap_err();
    assert_eq!(
        problems,
        vec![sheet_problem(
            Place::cell("Groupes", 4, "id"),
            SheetProblem::MergedCells {
                range: "A4:GR20000".into()
            }
        )]
    );
}

#[test]
fn one_long_text_named_by_every_cell_is_refused_before_it_fills_memory() {
    let long = "x".repeat(32_000);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Niveaux").unwrap();
    for r in 0..5_000 {
        sheet.write_string(r, 0, &long).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    assert!(bytes.len() < 200_000, "{} bytes", bytes.len());
    let problems = competency_sheet::import(&bytes).unwrap_err();
    assert_eq!(
        problems,
        vec![sheet_problem(
            Place::workbook(),
            SheetProblem::TooMuch {
                cells: 2_000_000,
                bytes: 64 * 1024 * 1024
            }
        )]
    );
}

#[test]
fn thousands_of_languages_or_mistakes_get_a_bounded_answer() {
    let tags: Vec<String> = (0..4_000).map(|i| format!("l{i}")).collect();
    let tags: &'static str = Box::leak(tags.join(",").into_boxed_str());
    let problems = edit(|sheets| named(sheets, "Cadre").rows[4][1] = Text(tags));
    assert!(problems.len() <= 500, "{} problems", problems.len());

    let problems = edit(|sheets| {
        let indicators = named(sheets, "Indicateurs");
        for _ in 0..600 {
            indicators
                .rows
                .push(vec![Text("personne"), Text("base"), Text("x"), Text("x")]);
        }
    });
    assert_eq!(problems.len(), 501);
    assert_eq!(
        problems[0],
        sheet_problem(Place::workbook(), SheetProblem::MoreProblems { shown: 500 })
    );
}

#[test]
fn merged_cells_in_an_open_document_spreadsheet_are_named_once() {
    // LibreOffice writes a merge as a cell spanning columns, then the cells it covers.
    let mut sheets = valid();
    let competencies = named(&mut sheets, "Compétences");
    competencies.rows[2][3] = Text("");
    let content = ods(&sheets);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&content)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut file, &mut text).unwrap();
        if name == "content.xml" {
            // The third row's `nom_fr` spans `nom_en`, which becomes a covered cell.
            text = text.replacen(
                r#"<table:table-cell office:value-type="string"><text:p>Accueil</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p></text:p></table:table-cell>"#,
                r#"<table:table-cell office:value-type="string" table:number-columns-spanned="2"><text:p>Accueil</text:p></table:table-cell><table:covered-table-cell/>"#,
                1,
            );
            assert!(
                text.contains("number-columns-spanned"),
                "the merge was written"
            );
        }
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        out.start_file(name, stored).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    let bytes = out.finish().unwrap().into_inner();
    let problems = competency_sheet::import(&bytes).unwrap_err();
    assert_eq!(
        problems,
        vec![sheet_problem(
            Place::cell("Compétences", 3, "nom_fr"),
            SheetProblem::MergedCells {
                range: "C3:D3".into()
            }
        )]
    );
}
