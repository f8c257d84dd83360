//! Property tests of the framework loader: whatever the input, no panic; whatever valid
//! framework, its export reads back equal; one missing translation is one precise problem.

use competency_core::framework::ProblemKind;
use competency_core::{Framework, bundled};
use proptest::prelude::*;
use serde_json::{Value, json};

mod mutate;
use mutate::{any_json, at, get, places};

fn bundled_value() -> Value {
    serde_json::from_str(bundled::FRAMEWORK_JSON).unwrap()
}

/// Loads `json`; when it loads, its export must read back equal.
fn load_and_round_trip(json: &str) -> Result<Framework, competency_core::FrameworkError> {
    let loaded = Framework::from_json(json);
    if let Ok(framework) = &loaded {
        assert_eq!(
            Framework::from_json(&framework.to_json()).as_ref(),
            Ok(framework)
        );
    }
    loaded
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = load_and_round_trip(&text);
    }

    #[test]
    fn arbitrary_json_never_panics(value in any_json()) {
        let _ = load_and_round_trip(&value.to_string());
    }

    /// The bundled framework with one value anywhere replaced by anything: no panic, and a
    /// document that still loads still round-trips.
    #[test]
    fn any_one_replacement_in_a_real_framework_never_panics(
        pick in any::<prop::sample::Index>(),
        replacement in any_json(),
    ) {
        let mut document = bundled_value();
        let mut all = Vec::new();
        places(&document, Vec::new(), &mut all);
        let path = pick.get(&all).clone();
        *at(&mut document, &path) = replacement;
        let _ = load_and_round_trip(&document.to_string());
    }

    /// Removing one language from one text gives exactly one problem, at that text's path.
    #[test]
    fn one_missing_translation_is_one_problem_at_its_path(
        pick in any::<prop::sample::Index>(),
        language in prop_oneof![Just("fr"), Just("en")],
    ) {
        let mut document = bundled_value();
        let mut texts = Vec::new();
        places(&document, Vec::new(), &mut texts);
        let is_text = |v: &Value| {
            v.as_object().is_some_and(|m| m.len() == 2 && m.contains_key("fr") && m.contains_key("en"))
        };
        texts.retain(|path| is_text(get(&document, path)));
        let path = pick.get(&texts).clone();
        at(&mut document, &path).as_object_mut().unwrap().remove(language);

        let error = Framework::from_json(&document.to_string()).unwrap_err();
        let expected_path = path.iter().fold(String::from("$"), |p, step| match step {
            Value::String(k) => format!("{p}.{k}"),
            Value::Number(i) => format!("{p}[{i}]"),
            _ => unreachable!(),
        });
        prop_assert_eq!(error.problems.len(), 1, "{}", error);
        prop_assert_eq!(&error.problems[0].path, &expected_path);
        prop_assert_eq!(
            &error.problems[0].kind,
            &ProblemKind::MissingTranslation { language: language.to_owned() }
        );
    }

    /// Generated frameworks of any size within the limits load and read back equal.
    #[test]
    fn generated_frameworks_load_and_round_trip(
        levels in 2usize..6,
        groups in 1usize..5,
        competencies in 1usize..20,
        positions in 0usize..5,
        words in prop::collection::vec("[A-Za-zÀ-ÿ’<>&\"' ]{1,30}", 1..10),
    ) {
        let word = |i: usize| {
            let w = &words[i % words.len()];
            if w.trim().is_empty() { "x".to_owned() } else { w.clone() }
        };
        let text = |i: usize| json!({"fr": word(i), "en": word(i + 1)});
        let level_ids: Vec<String> = (0..levels).map(|i| format!("l{i}")).collect();
        let document = json!({
            "formatVersion": 1,
            "id": "generated",
            "version": "1",
            "defaultLanguage": "fr",
            "languages": ["fr", "en"],
            "title": text(0),
            "levels": level_ids.iter().enumerate()
                .map(|(i, id)| json!({"id": id, "label": text(i)}))
                .collect::<Vec<_>>(),
            "groups": (0..groups).map(|g| json!({"id": format!("g{g}"), "name": text(g)}))
                .collect::<Vec<_>>(),
            "competencies": (0..competencies).map(|c| json!({
                "id": format!("c{c}"),
                "group": format!("g{}", c % groups),
                "name": text(c),
                "definition": text(c + 2),
                "indicators": level_ids.iter()
                    .map(|id| (id.clone(), json!([text(c + 3)])))
                    .collect::<serde_json::Map<_, _>>(),
                "resources": [{"title": text(c), "kind": "reading", "durationHours": c + 1}],
            })).collect::<Vec<_>>(),
            "positions": (0..positions).map(|p| json!({
                "id": format!("p{p}"),
                "title": text(p),
                "requirements": (0..competencies).step_by(p + 1).map(|c| json!({
                    "competency": format!("c{c}"),
                    "level": level_ids[c % levels],
                    "critical": c % 2 == 0,
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        });
        let framework = load_and_round_trip(&document.to_string());
        prop_assert!(framework.is_ok(), "{}", framework.unwrap_err());
        let framework = framework.unwrap();
        prop_assert_eq!(framework.competencies.len(), competencies);
        prop_assert_eq!(framework.positions.len(), positions);
    }
}
