//! Export then import gives back the same framework: the same content hash, which every
//! result made against it carries.

use competency_core::Framework;
use competency_core::proof::native::framework_reference;
use proptest::prelude::*;
use serde_json::json;

const KINDS: [&str; 3] = ["reading", "course", "on-the-job"];

fn round_trip(framework: &Framework) -> Framework {
    let workbook = competency_sheet::export(framework).expect("a valid framework is written");
    match competency_sheet::import(&workbook) {
        Ok(back) => back,
        Err(problems) => {
            let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
            panic!(
                "the exported workbook does not import:\n{}",
                lines.join("\n")
            )
        }
    }
}

#[test]
fn the_bundled_framework_comes_back_with_the_same_content_hash() {
    let framework = competency_core::bundled::framework().unwrap();
    let back = round_trip(&framework);
    assert_eq!(
        framework_reference(&back).sha256,
        framework_reference(&framework).sha256
    );
    assert_eq!(back, framework);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Generated frameworks (any number of levels, groups, competencies, indicators,
    /// resources and positions, texts with quotes, markup, accents, spaces and formulas'
    /// leading `=`) come back equal.
    #[test]
    fn generated_frameworks_come_back_equal(
        levels in 2usize..6,
        groups in 1usize..4,
        competencies in 1usize..12,
        positions in 0usize..4,
        indicators in 1usize..4,
        words in prop::collection::vec("[A-Za-zÀ-ÿ’<>&\"'= 0-9]{1,30}", 1..10),
        third_language in any::<bool>(),
    ) {
        let word = |i: usize| {
            let w = &words[i % words.len()];
            if w.trim().is_empty() { "x".to_owned() } else { w.clone() }
        };
        let mut languages = vec!["fr", "en"];
        if third_language {
            languages.push("pt-BR");
        }
        let text = |i: usize| {
            languages.iter().enumerate()
                .map(|(k, l)| (l.to_string(), json!(word(i + k))))
                .collect::<serde_json::Map<_, _>>()
        };
        let level_ids: Vec<String> = (0..levels).map(|i| format!("l.{i}")).collect();
        let document = json!({
            "formatVersion": 1,
            "id": "generated",
            "version": "2",
            "defaultLanguage": "fr",
            "languages": languages,
            "title": text(0),
            "description": text(1),
            "levels": level_ids.iter().enumerate()
                .map(|(i, id)| json!({"id": id, "label": text(i), "description": text(i + 1)}))
                .collect::<Vec<_>>(),
            "groups": (0..groups).map(|g| json!({"id": format!("g{g}"), "name": text(g)}))
                .collect::<Vec<_>>(),
            "competencies": (0..competencies).map(|c| json!({
                "id": format!("c-{c}"),
                "group": format!("g{}", c % groups),
                "name": text(c),
                "definition": text(c + 2),
                "indicators": level_ids.iter()
                    .map(|id| (id.clone(), json!((0..indicators).map(|k| text(c + k)).collect::<Vec<_>>())))
                    .collect::<serde_json::Map<_, _>>(),
                "resources": (0..c % 3).map(|k| json!({
                    "title": text(k), "kind": KINDS[k],
                    "link": format!("https://example.org/{c}/{k}"), "durationHours": c * 7 + k,
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "positions": (0..positions).map(|p| json!({
                "id": format!("p{p}"),
                "title": text(p),
                "family": text(p + 1),
                "requirements": (0..competencies).step_by(p + 1).map(|c| json!({
                    "competency": format!("c-{c}"),
                    "level": level_ids[c % levels],
                    "critical": c % 2 == 0,
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        });
        let framework = Framework::from_json(&document.to_string());
        prop_assert!(framework.is_ok(), "{}", framework.unwrap_err());
        let framework = framework.unwrap();
        let back = round_trip(&framework);
        prop_assert_eq!(framework_reference(&back).sha256, framework_reference(&framework).sha256);
        prop_assert_eq!(back, framework);
    }
}
