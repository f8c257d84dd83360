use super::*;
use crate::bundled;

#[test]
fn bundled_framework_loads_with_its_four_groups() {
    let framework = bundled::framework().unwrap_or_else(|e| panic!("bundled framework: {e}"));
    assert_eq!(framework.default_language, "fr");
    assert_eq!(framework.languages, ["fr", "en"]);
    assert_eq!(
        framework.title.get("fr"),
        Some("Référentiel des compétences douanières")
    );
    let groups: Vec<(&str, usize)> = framework
        .groups_with_competencies()
        .map(|(g, members)| (g.id.as_str(), members.len()))
        .collect();
    assert_eq!(
        groups,
        [
            ("core-values", 3),
            ("professional", 3),
            ("operational", 2),
            ("management", 2)
        ]
    );
}

/// A small valid document; each bad case below changes one thing in it.
fn document() -> serde_json::Value {
    serde_json::json!({
        "formatVersion": 1,
        "id": "f",
        "version": "1",
        "defaultLanguage": "fr",
        "languages": ["fr", "en"],
        "title": {"fr": "Titre", "en": "Title"},
        "groups": [
            {"id": "g1", "name": {"fr": "Groupe 1", "en": "Group 1"}},
            {"id": "g2", "name": {"fr": "Groupe 2", "en": "Group 2"}}
        ],
        "competencies": [
            {"id": "c1", "group": "g1", "name": {"fr": "C 1", "en": "C 1"}},
            {"id": "c2", "group": "g2", "name": {"fr": "C 2", "en": "C 2"}}
        ]
    })
}

/// Loads `doc` and compares the problems found, rendered as text, with `expected`.
fn check(doc: &str, expected: &[&str]) {
    let got: Vec<String> = match Framework::from_json(doc) {
        Ok(_) => vec![],
        Err(e) => e.problems.iter().map(ToString::to_string).collect(),
    };
    assert_eq!(got, expected, "document: {doc}");
}

fn check_edit(edit: impl FnOnce(&mut serde_json::Value), expected: &[&str]) {
    let mut doc = document();
    edit(&mut doc);
    check(&doc.to_string(), expected);
}

#[test]
fn valid_document_loads() {
    check_edit(|_| {}, &[]);
}

#[test]
fn syntax_error_gives_line_and_column() {
    check(
        "{\n  \"id\": ,\n}",
        &["$: line 2, column 9: expected value at line 2 column 9"],
    );
}

#[test]
fn unsupported_format_version_is_refused() {
    check_edit(
        |d| d["formatVersion"] = 2.into(),
        &["$.formatVersion: format version 2 is not supported"],
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    check_edit(
        |d| {
            d["groups"][1]["id"] = "g1".into();
            d["competencies"][1]["group"] = "nowhere".into();
            d["competencies"][0]["name"]
                .as_object_mut()
                .unwrap()
                .remove("en");
            d["title"]["fr"] = "  ".into();
        },
        &[
            "$.title: the text in `fr` is missing",
            "$.groups[1].id: id `g1` is used twice",
            "$.competencies[0].name: the text in `en` is missing",
            "$.competencies[1].group: no group has the id `nowhere`",
        ],
    );
}

#[test]
fn default_language_must_be_declared() {
    check_edit(
        |d| d["defaultLanguage"] = "pt".into(),
        &["$.defaultLanguage: default language `pt` is not declared"],
    );
}
