//! `competency framework export` and `import`, run as HR would.

mod common;
use common::{Files, competency};

#[test]
fn the_bundled_framework_goes_to_a_workbook_and_back_unchanged() {
    let files = Files::new("sheet-round-trip");
    let dir = &files.0;
    let workbook = dir.join("referentiel.xlsx");
    let json = dir.join("referentiel.json");
    let workbook_arg = workbook.to_str().unwrap();
    let (code, out, err) = competency(&[
        "framework",
        "export",
        "--to",
        "xlsx",
        "bundled",
        workbook_arg,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.ends_with("referentiel.xlsx\n"), "{out}");
    let (code, out, err) =
        competency(&["framework", "import", workbook_arg, json.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("framework `customs-competencies` version 1.0.0 (4 levels, 4 groups, 25 competencies, 9 positions)"), "{out}");
    let bundled = competency_core::bundled::framework().unwrap();
    assert_eq!(std::fs::read_to_string(&json).unwrap(), bundled.to_json());
}

#[test]
fn a_broken_workbook_gets_every_problem_at_its_place_and_nothing_is_written() {
    let files = Files::new("sheet-broken");
    let dir = &files.0;
    let workbook = dir.join("broken.xlsx");
    let json = dir.join("out.json");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Cadre").unwrap();
    for (r, (field, value)) in [
        ("champ", "valeur"),
        ("id", "douanes"),
        ("langues", "fr, en"),
        ("titre_fr", "Référentiel"),
        ("couleur", "bleu"),
    ]
    .into_iter()
    .enumerate()
    {
        sheet.write_string(r as u32, 0, field).unwrap();
        sheet.write_string(r as u32, 1, value).unwrap();
    }
    book.save(&workbook).unwrap();
    let (code, out, err) = competency(&[
        "framework",
        "import",
        workbook.to_str().unwrap(),
        json.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        err.starts_with(&format!(
            "{} is not a valid framework:\n",
            workbook.display()
        )),
        "{err}"
    );
    for line in [
        "Cadre, row 5, column champ: “couleur” is not a field of the framework",
        "Niveaux: the sheet is missing; keep it, even empty, with its header row",
        "Exigences: the sheet is missing; keep it, even empty, with its header row",
    ] {
        assert!(err.lines().any(|l| l == line), "{line} not in:\n{err}");
    }
    assert!(!json.exists());
}

#[test]
fn a_file_that_is_not_a_workbook_is_refused() {
    let files = Files::new("sheet-not-a-workbook");
    let dir = &files.0;
    let text = dir.join("notes.xlsx");
    std::fs::write(&text, "id;nom\n").unwrap();
    let (code, _, err) = competency(&["framework", "import", text.to_str().unwrap(), "-"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("Workbook: this file is not a readable XLSX or ODS workbook"),
        "{err}"
    );
}
