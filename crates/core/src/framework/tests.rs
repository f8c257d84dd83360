//! Unit tests of the loader. The one-problem-per-file fixtures are in `tests/fixtures.rs`.

use super::*;
use crate::bundled;

fn bundled_framework() -> Framework {
    bundled::framework().unwrap_or_else(|e| panic!("the bundled framework is invalid:\n{e}"))
}

#[test]
fn bundled_framework_has_the_four_groups_and_levels_in_french_and_english() {
    let framework = bundled_framework();
    assert_eq!(framework.default_language, "fr");
    assert_eq!(framework.languages, ["fr", "en"]);
    let levels: Vec<&str> = framework.levels.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(levels, ["awareness", "trained", "advanced", "expert"]);
    let groups: Vec<&str> = framework.groups.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(
        groups,
        ["core-values", "professional", "operational", "management"]
    );
    assert!(framework.competencies.len() >= 24);
    assert!(framework.positions.len() >= 8);
}

#[test]
fn bundled_framework_is_complete_enough_to_assess_and_plan() {
    let framework = bundled_framework();
    for c in &framework.competencies {
        for (level, indicators) in framework.levels.iter().zip(&c.indicators) {
            assert!(
                (2..=4).contains(&indicators.len()),
                "{} has {} indicators at {}",
                c.id,
                indicators.len(),
                level.id
            );
        }
        assert!(c.resources.len() >= 2, "{} has too few resources", c.id);
    }
    for p in &framework.positions {
        assert!(!p.requirements.is_empty(), "{} requires nothing", p.id);
        assert!(
            p.requirements.iter().any(|r| r.critical),
            "{} has no critical",
            p.id
        );
    }
    let description = framework.description.get("en").unwrap();
    assert!(
        description.contains("not official WCO text"),
        "{description}"
    );
}

#[test]
fn export_reads_back_equal() {
    let framework = bundled_framework();
    let json = framework.to_json();
    assert_eq!(Framework::from_json(&json), Ok(framework));
}

#[test]
fn a_document_over_the_size_limit_is_refused_before_parsing() {
    let json = format!("[{}]", " ".repeat(limits::MAX_DOCUMENT_BYTES));
    let error = Framework::from_json(&json).unwrap_err();
    assert_eq!(
        error.problems,
        [Problem {
            path: "$".into(),
            kind: ProblemKind::DocumentTooLarge {
                bytes: limits::MAX_DOCUMENT_BYTES + 2,
                limit: limits::MAX_DOCUMENT_BYTES
            }
        }]
    );
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    let json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let error = Framework::from_json(&json).unwrap_err();
    assert!(matches!(
        &error.problems[0].kind,
        ProblemKind::Strict(crate::json::JsonError::TooDeep { .. })
    ));
    assert_eq!(
        error.problems[0].to_string(),
        format!(
            "${}: nested deeper than 64 levels",
            "[0]".repeat(crate::json::MAX_DEPTH)
        )
    );
}

#[test]
fn problems_past_the_limit_are_counted_out_not_kept() {
    let fields: Vec<String> = (0..2 * limits::MAX_PROBLEMS)
        .map(|i| format!("\"unknown{i}\": 1"))
        .collect();
    let json = format!("{{\"formatVersion\": 1, {}}}", fields.join(", "));
    let error = Framework::from_json(&json).unwrap_err();
    assert_eq!(error.problems.len(), limits::MAX_PROBLEMS);
    assert!(error.truncated);
}

#[test]
fn hostile_keys_are_quoted_and_clipped_in_paths() {
    let long = "x".repeat(200);
    let json = format!(r#"{{"formatVersion": 1, "<img src=x>": 1, "{long}": 2}}"#);
    let error = Framework::from_json(&json).unwrap_err();
    let paths: Vec<&str> = error.problems.iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&r#"$["<img src=x>"]"#), "{paths:?}");
    let clipped = format!("$[\"{}…\"]", "x".repeat(64));
    assert!(paths.contains(&clipped.as_str()), "{paths:?}");
}

#[test]
fn texts_show_in_the_readers_language_when_declared_else_the_default() {
    let mut framework = bundled_framework();
    assert_eq!(framework.display_language("en"), "en");
    assert_eq!(framework.display_language("pt"), "fr");
    framework.languages = vec!["fr".into()];
    assert_eq!(framework.display_language("en"), "fr");
}

#[test]
fn lookups_by_id() {
    let framework = bundled_framework();
    assert_eq!(framework.level("advanced").map(|(rank, _)| rank), Some(2));
    assert!(framework.level("master").is_none());
    assert!(framework.competency("integrity").is_some());
    assert!(framework.position("inspector").is_some());
}
