//! CASE interchange: the bundled framework survives a round trip in each of its languages, the
//! export is valid CASE 1.0 and reproducible, packages written by hand and by OpenSALT import
//! as expected (those without a rubric with the scale the caller names), and broken packages
//! get a precise error, never a panic.

use std::fs;
use std::path::{Path, PathBuf};

use competency_core::case::{
    self, CaseError, CaseObject, Export, ExportOptions, ImportOptions, Loss, Scale, ScaleOrigin,
};
use competency_core::framework::limits::{MAX_COMPETENCIES, MAX_DOCUMENT_BYTES, MAX_TEXT_CHARS};
use competency_core::{Competency, Framework, Group, Level, LocalizedText, bundled};
use serde_json::{Value, json};

const LAST_CHANGE: &str = "2025-03-01T09:30:00Z";

fn export(framework: &Framework, language: &str) -> Export {
    let options = ExportOptions {
        language,
        last_change: LAST_CHANGE,
    };
    case::export(framework, &options).unwrap_or_else(|e| panic!("export in {language}: {e}"))
}

fn import(package: &Value) -> case::Import {
    case::import(&package.to_string()).unwrap_or_else(|e| panic!("import: {e}"))
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/case")
        .join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The shared samples beside the checkout. CI has them there; a clone anywhere else does not,
/// and then the tests (or the checks) that need them print one line saying so and pass.
fn samples_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/case-samples");
    if dir.is_dir() {
        return Some(dir);
    }
    println!(
        "skipped: {} is absent (CI has the shared CASE samples beside the checkout)",
        dir.display()
    );
    None
}

fn sample(name: &str) -> Option<String> {
    let path = samples_dir()?.join(name);
    Some(fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// Every problem the CASE 1.0 CFPackage schema finds in `package`, formats included; none
/// where the shared samples (which hold the schema) are absent.
fn schema_errors(package: &Value) -> Option<Vec<String>> {
    let schema: Value = serde_json::from_str(&sample("case-v1p0-cfpackage-schema.json")?).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    Some(
        validator
            .iter_errors(package)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect(),
    )
}

/// What a framework is once written in one language: that language only, without positions
/// or learning resources, which CASE cannot carry.
fn in_language(framework: &Framework, language: &str) -> Framework {
    let only = |text: &LocalizedText| {
        LocalizedText::new(
            text.iter()
                .filter(|(l, _)| *l == language)
                .map(|(l, t)| (l.to_owned(), t.to_owned()))
                .collect(),
        )
    };
    Framework {
        id: framework.id.clone(),
        version: framework.version.clone(),
        default_language: language.to_owned(),
        languages: vec![language.to_owned()],
        title: only(&framework.title),
        description: only(&framework.description),
        source: only(&framework.source),
        levels: framework
            .levels
            .iter()
            .map(|l| Level {
                id: l.id.clone(),
                label: only(&l.label),
                description: only(&l.description),
            })
            .collect(),
        groups: framework
            .groups
            .iter()
            .map(|g| Group {
                id: g.id.clone(),
                name: only(&g.name),
                description: only(&g.description),
            })
            .collect(),
        competencies: framework
            .competencies
            .iter()
            .map(|c| Competency {
                id: c.id.clone(),
                group: c.group.clone(),
                name: only(&c.name),
                definition: only(&c.definition),
                indicators: c
                    .indicators
                    .iter()
                    .map(|level| level.iter().map(only).collect())
                    .collect(),
                resources: Vec::new(),
            })
            .collect(),
        positions: Vec::new(),
    }
}

#[test]
fn bundled_framework_round_trips_in_each_language() {
    let original = bundled::framework().unwrap();
    assert!(!original.positions.is_empty() && original.languages.len() == 2);
    for (language, other) in [("fr", "en"), ("en", "fr")] {
        let export = export(&original, language);
        assert_eq!(
            export.losses,
            vec![
                Loss::OtherLanguages {
                    languages: vec![other.to_owned()]
                },
                Loss::Positions {
                    ids: original.positions.iter().map(|p| p.id.clone()).collect()
                },
                Loss::Resources {
                    count: original
                        .competencies
                        .iter()
                        .map(|c| c.resources.len())
                        .sum(),
                    competencies: original.competencies.len(),
                },
            ],
            "export in {language}"
        );
        let import = import(&export.package);
        assert_eq!(import.losses, vec![], "import of the {language} export");
        assert_eq!(
            import.framework,
            in_language(&original, language),
            "round trip in {language}"
        );
    }
}

#[test]
fn optional_texts_and_line_breaks_round_trip_or_are_reported() {
    let mut framework = bundled::framework().unwrap();
    framework.source = LocalizedText::default();
    framework.description = LocalizedText::default();
    framework.groups[0].description = LocalizedText::default();
    framework.levels[1].description = LocalizedText::default();
    framework.competencies[0].indicators[0][0] = LocalizedText::from([
        ("fr", "Première ligne\nseconde ligne"),
        ("en", "One\r\ntwo"),
    ]);

    let export = export(&framework, "fr");
    assert_eq!(
        export.package["CFDocument"]["creator"],
        export.package["CFDocument"]["title"]
    );
    assert!(export.package["CFDocument"].get("description").is_none());
    assert_eq!(
        export.losses.last(),
        Some(&Loss::IndicatorLineBreaks { count: 1 })
    );

    let import = import(&export.package);
    assert_eq!(import.losses, vec![]);
    let mut expected = in_language(&framework, "fr");
    expected.competencies[0].indicators[0][0] =
        LocalizedText::from([("fr", "Première ligne seconde ligne")]);
    assert_eq!(import.framework, expected);
}

#[test]
fn export_is_valid_case_1_0() {
    let original = bundled::framework().unwrap();
    for language in ["fr", "en"] {
        let Some(errors) = schema_errors(&export(&original, language).package) else {
            return;
        };
        assert!(errors.is_empty(), "{language}:\n{}", errors.join("\n"));
    }

    // The schema does catch a CASE 1.1 field and a malformed date.
    let mut package = export(&original, "fr").package;
    package["CFRubrics"][0]["CFRubricCriteria"][0]["extensions"] = json!({});
    package["CFItems"][0]["lastChangeDateTime"] = json!("2025-03-01");
    assert_eq!(schema_errors(&package).map(|e| e.len()), Some(2));
}

#[test]
fn export_is_reproducible_with_unique_identifiers() {
    let original = bundled::framework().unwrap();
    let first = export(&original, "fr").package;
    assert_eq!(
        first.to_string(),
        export(&original, "fr").package.to_string()
    );

    fn identifiers<'v>(value: &'v Value, found: &mut Vec<&'v str>) {
        match value {
            Value::Object(map) => {
                // Links repeat the identifier of what they point to: only objects that carry
                // their own `uri` and `lastChangeDateTime` are counted.
                if let (Some(Value::String(id)), true) = (
                    map.get("identifier"),
                    map.contains_key("lastChangeDateTime"),
                ) {
                    found.push(id);
                }
                map.values().for_each(|v| identifiers(v, found));
            }
            Value::Array(values) => values.iter().for_each(|v| identifiers(v, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    identifiers(&first, &mut found);
    let count = found.len();
    found.sort_unstable();
    found.dedup();
    assert_eq!(found.len(), count, "an identifier is used twice");
    // The document, 4 groups, 25 competencies, the scale and 4 levels, as many associations,
    // the rubric, 25 criteria with 4 levels each.
    assert_eq!(count, 1 + 2 * (4 + 25 + 1 + 4) + 1 + 25 * (1 + 4));

    // The same framework in the other language is the same CASE document.
    let english = export(&original, "en").package;
    assert_eq!(
        first["CFDocument"]["identifier"],
        english["CFDocument"]["identifier"]
    );
}

#[test]
fn export_refuses_what_it_cannot_write() {
    let framework = bundled::framework().unwrap();
    let check = |language: &str, last_change: &str, expected: CaseError| {
        let options = ExportOptions {
            language,
            last_change,
        };
        assert_eq!(case::export(&framework, &options), Err(expected));
    };
    check(
        "de",
        LAST_CHANGE,
        CaseError::UnknownLanguage {
            language: "de".into(),
            available: vec!["fr".into(), "en".into()],
        },
    );
    check(
        "fr",
        "2025-03-01",
        CaseError::InvalidTimestamp {
            value: "2025-03-01".into(),
        },
    );
    check(
        "fr",
        "yesterday",
        CaseError::InvalidTimestamp {
            value: "yesterday".into(),
        },
    );
}

#[test]
fn hand_written_package_imports_as_expected() {
    let json = fixture("hand-written.json");
    let package: Value = serde_json::from_str(&json).unwrap();
    if let Some(errors) = schema_errors(&package) {
        assert!(
            errors.is_empty(),
            "the fixture is not valid CASE 1.0:\n{}",
            errors.join("\n")
        );
    }

    let import = case::import(&json).unwrap();
    let f = &import.framework;
    let en = |text: &LocalizedText| text.get("en-GB").unwrap_or_default().to_owned();
    assert_eq!(
        (
            f.id.as_str(),
            f.version.as_str(),
            f.default_language.as_str()
        ),
        ("5e0c0a1e-0000-4000-8000-000000000001", "2.1", "en-GB")
    );
    assert_eq!(f.languages, ["en-GB"]);
    assert_eq!(en(&f.title), "Port security competencies");
    assert!(en(&f.description).starts_with("Competencies of port security staff"));
    assert_eq!(en(&f.source), "Port Authority Training Unit");

    let levels: Vec<(&str, String, String)> = f
        .levels
        .iter()
        .map(|l| (l.id.as_str(), en(&l.label), en(&l.description)))
        .collect();
    assert_eq!(
        levels,
        [
            ("beginning", "Beginning".into(), String::new()),
            ("developing", "Developing".into(), String::new()),
            ("proficient", "Proficient".into(), String::new()),
        ]
    );

    let groups: Vec<(&str, String, String)> = f
        .groups
        .iter()
        .map(|g| (g.id.as_str(), en(&g.name), en(&g.description)))
        .collect();
    assert_eq!(
        groups,
        [
            ("PS", "Port security".into(), String::new()),
            (
                "general",
                "Port security competencies".into(),
                String::new()
            ),
        ]
    );

    let competencies: Vec<(&str, &str, String, String)> = f
        .competencies
        .iter()
        .map(|c| {
            (
                c.id.as_str(),
                c.group.as_str(),
                en(&c.name),
                en(&c.definition),
            )
        })
        .collect();
    assert_eq!(
        competencies,
        [
            (
                "PS.1",
                "PS",
                "Access control".into(),
                "Controls who and what enters the restricted areas of the port.".into()
            ),
            (
                "PS.2",
                "PS",
                "Cargo screening".into(),
                "Selects and screens containers and vehicles for threats and contraband.".into()
            ),
            (
                "PS.2.a",
                "PS",
                "Reads X-ray images of containers.".into(),
                "Reads X-ray images of containers.".into()
            ),
            (
                "5e0c0a1e-0000-4000-8000-000000000007",
                "general",
                "Crisis response".into(),
                "Responds to incidents in the port: *fire*, spills and security alerts.".into()
            ),
        ]
    );
    let indicators: Vec<Vec<String>> = f.competencies[0]
        .indicators
        .iter()
        .map(|level| level.iter().map(en).collect())
        .collect();
    assert_eq!(
        indicators,
        [
            vec![
                "Checks badges at the gate.".to_owned(),
                "Calls a supervisor when a badge is missing or expired.".to_owned()
            ],
            vec!["Runs a gate alone during a shift.".to_owned()],
            vec![
                "Designs the access plan of a terminal.".to_owned(),
                "Trains gate staff.".to_owned()
            ],
        ]
    );

    assert_eq!(
        import.losses,
        vec![
            Loss::NotAssessable {
                items: vec!["PS.2.b".into()]
            },
            Loss::Flattened {
                competencies: vec!["PS.2.a".into()]
            },
            Loss::Associations {
                counts: vec![("exemplar".into(), 1), ("isRelatedTo".into(), 1)]
            },
            Loss::UnusedCriteria { count: 1 },
            Loss::LevelLabels {
                competencies: vec!["PS.2.a".into()]
            },
            Loss::Fields {
                object: CaseObject::Document,
                count: 1,
                fields: vec!["adoptionStatus".into()]
            },
            Loss::Fields {
                object: CaseObject::Item,
                count: 2,
                fields: vec!["CFItemType".into(), "notes".into()]
            },
            Loss::Fields {
                object: CaseObject::CriterionLevel,
                count: 1,
                fields: vec!["feedback".into()]
            },
        ]
    );
}

/// The shared samples and what importing each must give: its number of items, then its groups
/// and competencies once imported with the bundled scale. None has a rubric, so none has the
/// proficiency levels and behavioural indicators our frameworks need.
const SAMPLES: &[(&str, usize, usize, usize)] = &[
    ("ItemTypeTestFramework.json", 1, 1, 1),
    ("MarkdownFramework.json", 2, 1, 2),
    ("SequenceNumberFramework.json", 2, 1, 2),
    ("SmartLevelFramework.json", 14, 2, 12),
    ("Utf8TestFramework.json", 1, 1, 1),
    ("opensalt-sample-framework.json", 16, 2, 14),
];

/// The error of a package without a rubric when no scale is named.
fn no_scale_message(items: usize) -> String {
    format!(
        "none of the package's {items} items has proficiency levels (a CFRubric criterion with \
         levels): a framework needs a proficiency scale with behavioural indicators for every \
         level of every competency; name the scale to assume (`--scale bundled`, or `--scale \
         FILE` for a framework's scale)"
    )
}

#[test]
fn shared_samples_fail_for_want_of_a_proficiency_scale() {
    let Some(dir) = samples_dir() else {
        return;
    };
    let mut files: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json") && !name.contains("schema"))
        .collect();
    files.sort();
    let mut listed: Vec<&str> = SAMPLES.iter().map(|(name, ..)| *name).collect();
    listed.sort();
    assert_eq!(
        files, listed,
        "a sample was added or removed: list it in SAMPLES"
    );

    for &(name, items, ..) in SAMPLES {
        let result = case::import(&sample(name).unwrap());
        assert_eq!(
            result.as_ref().map(|_| ()),
            Err(&CaseError::NoProficiencyScale { items }),
            "{name}"
        );
        assert_eq!(result.unwrap_err().to_string(), no_scale_message(items));
    }
}

fn with_scale(scale: Scale) -> ImportOptions {
    ImportOptions { scale: Some(scale) }
}

fn bundled_scale() -> ImportOptions {
    with_scale(Scale::bundled().unwrap())
}

/// `import` read back from its native JSON, which must give the same framework.
fn reloaded(import: &case::Import) -> Framework {
    let framework = Framework::from_json(&import.framework.to_json())
        .unwrap_or_else(|e| panic!("the imported framework does not load:\n{e}"));
    assert_eq!(framework, import.framework);
    framework
}

/// The loss of an import that assumed the bundled scale, labelled in the framework's language.
fn assumed_bundled(competencies: usize) -> Loss {
    Loss::AssumedScale {
        origin: ScaleOrigin::Bundled,
        levels: strings(["awareness", "trained", "advanced", "expert"]),
        labels_language: None,
        competencies,
    }
}

#[test]
fn shared_samples_import_with_the_bundled_scale() {
    if samples_dir().is_none() {
        return;
    }
    let levels = in_language(&bundled::framework().unwrap(), "en").levels;
    for &(name, _, groups, competencies) in SAMPLES {
        let import = case::import_with(&sample(name).unwrap(), &bundled_scale())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let f = reloaded(&import);
        assert_eq!(
            (f.groups.len(), f.competencies.len()),
            (groups, competencies),
            "{name}"
        );
        // No sample says its language: English is assumed, and the scale is read in English.
        assert_eq!(f.languages, ["en"], "{name}");
        assert_eq!(f.levels, levels, "{name}");
        for c in &f.competencies {
            assert_eq!(c.indicators, vec![vec![c.definition.clone()]; 4], "{name}");
        }
        assert_eq!(
            import.losses[..2],
            [
                Loss::AssumedLanguage { found: None },
                assumed_bundled(competencies)
            ],
            "{name}"
        );
    }

    // The largest sample in full: every item but the two clusters (its groups) is a
    // competency.
    let import = case::import_with(
        &sample("opensalt-sample-framework.json").unwrap(),
        &bundled_scale(),
    )
    .unwrap();
    assert_eq!(
        outline(&import.framework),
        [
            (
                "Understand ratio concepts and use ratio reasoning to solve problems.".into(),
                strings([
                    "CCSS.Math.Content.6.RP.A.1",
                    "CCSS.Math.Content.6.RP.A.2",
                    "CCSS.Math.Content.6.RP.A.3",
                    "CCSS.Math.Content.6.RP.A.3a",
                    "CCSS.Math.Content.6.RP.A.3b",
                    "CCSS.Math.Content.6.RP.A.3c",
                    "CCSS.Math.Content.6.RP.A.3d",
                ])
            ),
            (
                "Analyze proportional relationships and use them to solve real-world and \
                 mathematical problems."
                    .into(),
                strings([
                    "CCSS.Math.Content.7.RP.A.1",
                    "CCSS.Math.Content.7.RP.A.2",
                    "CCSS.Math.Content.7.RP.A.2a",
                    "CCSS.Math.Content.7.RP.A.2b",
                    "CCSS.Math.Content.7.RP.A.2c",
                    "CCSS.Math.Content.7.RP.A.2d",
                    "CCSS.Math.Content.7.RP.A.3",
                ])
            ),
        ]
    );
    let losses: Vec<String> = import.losses.iter().map(ToString::to_string).collect();
    assert_eq!(
        losses,
        [
            "the document does not say its language: its texts were read as `en`",
            "the package has no rubric, so no proficiency levels: the scale of the bundled \
             framework was assumed (4 levels: awareness, trained, advanced, expert); each of the \
             14 competencies has its statement as its one behavioural indicator at every level",
            "8 competencies were nested deeper and now sit directly in their group: \
             CCSS.Math.Content.6.RP.A.3a, CCSS.Math.Content.6.RP.A.3b, \
             CCSS.Math.Content.6.RP.A.3c, CCSS.Math.Content.6.RP.A.3d, \
             CCSS.Math.Content.7.RP.A.2a, CCSS.Math.Content.7.RP.A.2b, \
             CCSS.Math.Content.7.RP.A.2c, CCSS.Math.Content.7.RP.A.2d",
            "associations left out: 16 exactMatchOf, 2 exemplar, 2 isRelatedTo, 3 precedes",
            "fields of the CFDocument that were not kept: adoptionStatus",
            "fields of 16 CFItems that were not kept: CFItemType, educationalLevel, \
             listEnumeration, notes",
        ]
    );
}

/// `package` with a rubric giving three levels to every item `assessed` picks.
fn with_rubric(mut package: Value, assessed: impl Fn(&Value) -> bool) -> Value {
    let criteria: Vec<Value> = package["CFItems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| assessed(item))
        .enumerate()
        .map(|(c, item)| {
            let levels: Vec<Value> = ["Emerging", "Secure", "Mastered"]
                .iter()
                .enumerate()
                .map(|(k, quality)| {
                    json!({
                        "identifier": format!("c0000000-0000-4000-8000-{c:06}{k:06}"),
                        "uri": format!("https://example.org/levels/{c}/{k}"),
                        "lastChangeDateTime": LAST_CHANGE,
                        "quality": quality,
                        "position": k + 1,
                        "description": format!("{quality}: {}", item["fullStatement"].as_str().unwrap()),
                    })
                })
                .collect();
            json!({
                "identifier": format!("c0000000-0000-4000-8000-{c:012}"),
                "uri": format!("https://example.org/criteria/{c}"),
                "lastChangeDateTime": LAST_CHANGE,
                "CFItemURI": {
                    "title": "",
                    "identifier": item["identifier"],
                    "uri": item["uri"],
                },
                "CFRubricCriterionLevels": levels,
            })
        })
        .collect();
    package["CFRubrics"] = json!([{
        "identifier": "c0000000-0000-4000-8000-ffffffffffff",
        "uri": "https://example.org/rubric",
        "lastChangeDateTime": LAST_CHANGE,
        "CFRubricCriteria": criteria,
    }]);
    package
}

/// Groups (name, competency ids) of a framework, in its language.
fn outline(framework: &Framework) -> Vec<(String, Vec<String>)> {
    let language = framework.default_language.as_str();
    framework
        .groups_with_competencies()
        .map(|(group, competencies)| {
            (
                group.name.get(language).unwrap_or_default().to_owned(),
                competencies.iter().map(|c| c.id.clone()).collect(),
            )
        })
        .collect()
}

fn strings<const N: usize>(items: [&str; N]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn shared_samples_with_a_rubric_added_map_their_tree_onto_groups() {
    type Assessed = fn(&Value) -> bool;
    type Check = fn(&Framework, &[Loss]);
    let every: Assessed = |_| true;
    let leaves_only: Assessed = |item| item["CFItemType"] != "Cluster";
    let cases: [(&str, Assessed, Check); 6] = [
        ("ItemTypeTestFramework.json", every, |f, losses| {
            assert_eq!(
                outline(f),
                [(
                    "Item Type Test".into(),
                    strings(["00000000-0000-0000-0000-000000000001"])
                )]
            );
            assert_eq!(losses[0], Loss::AssumedLanguage { found: None });
        }),
        ("MarkdownFramework.json", every, |f, _| {
            let table = &f.competencies[0];
            assert_eq!(table.id, "MD.Table");
            assert_eq!(
                table.definition.get("en"),
                Some(
                    "This contains a _table_ in markdown:\r\n\r\n| Column 1 | Column 2 |\r\n| --- | --- |\r\n| data 1 | data 2|\r\n\r\n Here is a math equation $x = {-b \\pm \\sqrt{b^2-4ac} \\over 2a}$"
                )
            );
        }),
        ("SequenceNumberFramework.json", every, |f, _| {
            assert_eq!(
                outline(f),
                [("Sequence Number Test".into(), strings(["SNT.2", "SNT.1"]))]
            );
        }),
        ("SmartLevelFramework.json", every, |f, losses| {
            let ids = |range: std::ops::RangeInclusive<u32>| -> Vec<String> {
                range
                    .map(|n| format!("00000000-0000-0000-0000-{n:012}"))
                    .collect()
            };
            assert_eq!(
                outline(f),
                [
                    ("Item 1".into(), ids(3..=12)),
                    ("Item 2".into(), ids(13..=14))
                ]
            );
            assert!(
                losses.contains(&Loss::UnusedCriteria { count: 2 }),
                "{losses:?}"
            );
        }),
        ("Utf8TestFramework.json", every, |f, _| {
            assert_eq!(f.title.get("en"), Some("UTF8 𝑑 Test"));
            assert_eq!(f.competencies[0].name.get("en"), Some("Item 𝑑 1"));
        }),
        (
            "opensalt-sample-framework.json",
            leaves_only,
            |f, losses| {
                assert_eq!(
                outline(f),
                [
                    (
                        "Understand ratio concepts and use ratio reasoning to solve problems.".into(),
                        strings([
                            "CCSS.Math.Content.6.RP.A.1",
                            "CCSS.Math.Content.6.RP.A.2",
                            "CCSS.Math.Content.6.RP.A.3",
                            "CCSS.Math.Content.6.RP.A.3a",
                            "CCSS.Math.Content.6.RP.A.3b",
                            "CCSS.Math.Content.6.RP.A.3c",
                            "CCSS.Math.Content.6.RP.A.3d",
                        ])
                    ),
                    (
                        "Analyze proportional relationships and use them to solve real-world and mathematical problems.".into(),
                        strings([
                            "CCSS.Math.Content.7.RP.A.1",
                            "CCSS.Math.Content.7.RP.A.2",
                            "CCSS.Math.Content.7.RP.A.2a",
                            "CCSS.Math.Content.7.RP.A.2b",
                            "CCSS.Math.Content.7.RP.A.2c",
                            "CCSS.Math.Content.7.RP.A.2d",
                            "CCSS.Math.Content.7.RP.A.3",
                        ])
                    ),
                ]
            );
                let level_ids: Vec<&str> = f.levels.iter().map(|l| l.id.as_str()).collect();
                assert_eq!(level_ids, ["emerging", "secure", "mastered"]);
                assert_eq!(
                    losses,
                    [
                        Loss::AssumedLanguage { found: None },
                        Loss::Flattened {
                            competencies: strings([
                                "CCSS.Math.Content.6.RP.A.3a",
                                "CCSS.Math.Content.6.RP.A.3b",
                                "CCSS.Math.Content.6.RP.A.3c",
                                "CCSS.Math.Content.6.RP.A.3d",
                                "CCSS.Math.Content.7.RP.A.2a",
                                "CCSS.Math.Content.7.RP.A.2b",
                                "CCSS.Math.Content.7.RP.A.2c",
                                "CCSS.Math.Content.7.RP.A.2d",
                            ])
                        },
                        Loss::Associations {
                            counts: vec![
                                ("exactMatchOf".into(), 16),
                                ("exemplar".into(), 2),
                                ("isRelatedTo".into(), 2),
                                ("precedes".into(), 3),
                            ]
                        },
                        Loss::Fields {
                            object: CaseObject::Document,
                            count: 1,
                            fields: strings(["adoptionStatus"])
                        },
                        Loss::Fields {
                            object: CaseObject::Item,
                            count: 16,
                            fields: strings([
                                "CFItemType",
                                "educationalLevel",
                                "listEnumeration",
                                "notes"
                            ])
                        },
                    ]
                );
            },
        ),
    ];
    if samples_dir().is_none() {
        return;
    }
    for (name, assessed, check) in cases {
        let package = with_rubric(
            serde_json::from_str(&sample(name).unwrap()).unwrap(),
            assessed,
        );
        let import = case::import(&package.to_string()).unwrap_or_else(|e| panic!("{name}: {e}"));
        check(&import.framework, &import.losses);
    }
}

/// The smallest package that imports: one item with a two-level criterion.
fn minimal() -> Value {
    let link = |id: &str| json!({ "title": "", "identifier": id, "uri": format!("urn:uuid:{id}") });
    let level = |k: u32, text: &str| {
        json!({
            "identifier": format!("00000000-0000-4000-8000-00000000010{k}"),
            "uri": "urn:x", "lastChangeDateTime": LAST_CHANGE,
            "quality": format!("Level {k}"), "position": k, "description": text,
        })
    };
    json!({
        "CFDocument": {
            "identifier": "00000000-0000-4000-8000-000000000001", "uri": "urn:x",
            "creator": "Test", "title": "Minimal", "lastChangeDateTime": LAST_CHANGE,
        },
        "CFItems": [{
            "identifier": "00000000-0000-4000-8000-000000000002", "uri": "urn:x",
            "lastChangeDateTime": LAST_CHANGE, "humanCodingScheme": "M.1", "fullStatement": "Does it.",
        }],
        "CFAssociations": [{
            "identifier": "00000000-0000-4000-8000-000000000003", "uri": "urn:x",
            "lastChangeDateTime": LAST_CHANGE, "associationType": "isChildOf",
            "originNodeURI": link("00000000-0000-4000-8000-000000000002"),
            "destinationNodeURI": link("00000000-0000-4000-8000-000000000001"),
        }],
        "CFRubrics": [{
            "identifier": "00000000-0000-4000-8000-000000000004", "uri": "urn:x",
            "lastChangeDateTime": LAST_CHANGE,
            "CFRubricCriteria": [{
                "identifier": "00000000-0000-4000-8000-000000000005", "uri": "urn:x",
                "lastChangeDateTime": LAST_CHANGE,
                "CFItemURI": link("00000000-0000-4000-8000-000000000002"),
                "CFRubricCriterionLevels": [level(1, "Tries."), level(2, "Succeeds.")],
            }],
        }],
    })
}

/// `minimal()` without its rubric.
fn without_rubric() -> Value {
    let mut package = minimal();
    package.as_object_mut().unwrap().remove("CFRubrics");
    package
}

#[test]
fn a_named_scale_is_read_in_the_package_language() {
    let custom = {
        let mut f = in_language(&bundled::framework().unwrap(), "en");
        f.id = "port-security".into();
        f.version = "2".into();
        f.levels.truncate(2);
        for c in &mut f.competencies {
            c.indicators.truncate(2);
        }
        f
    };
    let bundled = || Scale::bundled().unwrap();
    let english = ["Awareness", "Trained", "Advanced", "Expert"];
    let french = ["Notions", "Formé", "Confirmé", "Expert"];
    // The package's language, the scale, then the levels' labels and the loss's labels
    // language.
    let cases: [(&str, Scale, &[&str], Option<&str>); 6] = [
        ("en", bundled(), &english, None),
        ("fr", bundled(), &french, None),
        ("FR", bundled(), &french, None),
        ("en-GB", bundled(), &english, Some("en")),
        // No text in German: the scale's default language, French.
        ("de", bundled(), &french, Some("fr")),
        ("fr", Scale::of(&custom), &english[..2], Some("en")),
    ];
    for (language, scale, labels, labels_language) in cases {
        let mut package = without_rubric();
        package["CFDocument"]["language"] = json!(language);
        let expected_loss = Loss::AssumedScale {
            origin: scale.origin.clone(),
            levels: scale.levels.iter().map(|l| l.id.clone()).collect(),
            labels_language: labels_language.map(str::to_owned),
            competencies: 1,
        };
        let import = case::import_with(&package.to_string(), &with_scale(scale))
            .unwrap_or_else(|e| panic!("{language}: {e}"));
        let f = reloaded(&import);
        let got: Vec<&str> = f
            .levels
            .iter()
            .map(|l| l.label.get(language).unwrap())
            .collect();
        assert_eq!(got, labels, "{language}");
        assert_eq!(import.losses, [expected_loss], "{language}");
    }

    // The whole framework once: the level descriptions come with the labels, the item's
    // statement is its indicator at every level.
    let import = case::import_with(
        &without_rubric().to_string(),
        &with_scale(Scale::of(&custom)),
    )
    .unwrap();
    let en = |s: &str| LocalizedText::from([("en", s)]);
    assert_eq!(
        import.framework,
        Framework {
            id: "00000000-0000-4000-8000-000000000001".into(),
            version: "2025-03-01".into(),
            default_language: "en".into(),
            languages: vec!["en".into()],
            title: en("Minimal"),
            description: LocalizedText::default(),
            source: en("Test"),
            levels: custom.levels.clone(),
            groups: vec![Group {
                id: "general".into(),
                name: en("Minimal"),
                description: LocalizedText::default(),
            }],
            competencies: vec![Competency {
                id: "M.1".into(),
                group: "general".into(),
                name: en("Does it."),
                definition: en("Does it."),
                indicators: vec![vec![en("Does it.")], vec![en("Does it.")]],
                resources: Vec::new(),
            }],
            positions: Vec::new(),
        }
    );
    assert_eq!(
        import
            .losses
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [
            "the document does not say its language: its texts were read as `en`",
            "the package has no rubric, so no proficiency levels: the scale of the framework \
             port-security (version 2) was assumed (2 levels: awareness, trained); the one \
             competency has its statement as its one behavioural indicator at every level",
        ]
    );
    let mut package = without_rubric();
    package["CFDocument"]["language"] = json!("de");
    let import = case::import_with(&package.to_string(), &bundled_scale()).unwrap();
    assert_eq!(
        import.losses[0].to_string(),
        "the package has no rubric, so no proficiency levels: the scale of the bundled framework \
         was assumed (4 levels: awareness, trained, advanced, expert), its labels taken in `fr` \
         (the scale has none in the package's language); the one competency has its statement as \
         its one behavioural indicator at every level"
    );
}

#[test]
fn a_rubric_wins_over_a_named_scale() {
    let hand_written = fixture("hand-written.json");
    let plain = case::import(&hand_written).unwrap();
    let scaled = case::import_with(&hand_written, &bundled_scale()).unwrap();
    assert_eq!(scaled.framework, plain.framework);
    let mut expected = vec![Loss::ScaleNotUsed {
        origin: ScaleOrigin::Bundled,
    }];
    expected.extend(plain.losses);
    assert_eq!(scaled.losses, expected);
    assert_eq!(
        scaled.losses[0].to_string(),
        "the package's rubric gave the proficiency levels: the scale of the bundled framework \
         was not used"
    );

    // A rubric that gives no competency its levels (its one criterion assesses the package's
    // own scale item) does not count: the named scale is assumed, as without a rubric.
    let package = broken(|p| {
        let scale = json!({ "identifier": "00000000-0000-4000-8000-000000000009", "uri": "urn:x",
            "lastChangeDateTime": LAST_CHANGE, "humanCodingScheme": "SCALE",
            "CFItemType": "Proficiency scale", "fullStatement": "Our scale." });
        p["CFItems"].as_array_mut().unwrap().push(scale);
        p["CFRubrics"][0]["CFRubricCriteria"][0]["CFItemURI"]["identifier"] =
            json!("00000000-0000-4000-8000-000000000009");
    });
    assert_eq!(
        case::import(&package).map(|i| i.framework),
        Err(CaseError::NoProficiencyScale { items: 2 })
    );
    let import = case::import_with(&package, &bundled_scale()).unwrap();
    assert_eq!(
        outline(&reloaded(&import)),
        [("Minimal".into(), strings(["M.1"]))]
    );
    assert_eq!(
        import.losses[..4],
        [
            Loss::AssumedLanguage { found: None },
            assumed_bundled(1),
            Loss::NotAssessable {
                items: strings(["SCALE"])
            },
            Loss::UnusedCriteria { count: 1 },
        ]
    );
}

#[test]
fn our_export_without_its_rubric_imports_with_a_named_scale() {
    let original = bundled::framework().unwrap();
    let mut package = export(&original, "en").package;
    package.as_object_mut().unwrap().remove("CFRubrics");
    let package = package.to_string();
    assert_eq!(
        case::import(&package).map(|i| i.framework),
        Err(CaseError::NoProficiencyScale { items: 34 })
    );
    let import = case::import_with(&package, &bundled_scale()).unwrap();
    let f = reloaded(&import);
    let expected = in_language(&original, "en");
    assert_eq!((&f.levels, &f.groups), (&expected.levels, &expected.groups));
    let ids =
        |f: &Framework| -> Vec<String> { f.competencies.iter().map(|c| c.id.clone()).collect() };
    assert_eq!(ids(&f), ids(&expected));
    // The package's own levels have no indicators: they are left out, with their scale item.
    let mut left_out = vec![original.id.clone()];
    left_out.extend(original.levels.iter().map(|l| l.id.clone()));
    assert_eq!(
        import.losses,
        [assumed_bundled(25), Loss::NotAssessable { items: left_out }]
    );
}

/// `minimal()` changed by `change`, as text.
fn broken(change: impl FnOnce(&mut Value)) -> String {
    let mut package = minimal();
    change(&mut package);
    package.to_string()
}

#[test]
fn broken_packages_get_precise_errors() {
    let minimal = import(&minimal());
    assert_eq!(
        outline(&minimal.framework),
        [("Minimal".into(), strings(["M.1"]))]
    );

    let criterion = "/CFRubrics/0/CFRubricCriteria/0";
    let cases: Vec<(String, CaseError)> = vec![
        (
            "not json".into(),
            CaseError::NotJson {
                line: 1,
                column: 2,
                message: "expected ident".into(),
            },
        ),
        ("[]".into(), CaseError::NotAPackage { found: "an array" }),
        (
            "\"CFDocument\"".into(),
            CaseError::NotAPackage { found: "a string" },
        ),
        ("{}".into(), CaseError::NoDocument),
        (
            r#"{"CFDocument": []}"#.into(),
            CaseError::WrongType {
                path: "CFDocument".into(),
                expected: "an object",
            },
        ),
        (
            broken(|p| {
                p["CFDocument"].as_object_mut().unwrap().remove("title");
            }),
            CaseError::MissingField {
                path: "CFDocument".into(),
                field: "title",
            },
        ),
        (
            broken(|p| p["CFDocument"]["title"] = json!(7)),
            CaseError::WrongType {
                path: "CFDocument.title".into(),
                expected: "a string",
            },
        ),
        (
            broken(|p| p["CFItems"] = json!({})),
            CaseError::WrongType {
                path: "CFItems".into(),
                expected: "an array",
            },
        ),
        (
            broken(|p| p["CFItems"][0] = json!("M.1")),
            CaseError::WrongType {
                path: "CFItems[0]".into(),
                expected: "an object",
            },
        ),
        (
            broken(|p| p["CFItems"][0]["fullStatement"] = json!(42)),
            CaseError::WrongType {
                path: "CFItems[0].fullStatement".into(),
                expected: "a string",
            },
        ),
        (
            broken(|p| p["CFItems"][0]["fullStatement"] = json!("  ")),
            CaseError::ItemWithoutText { item: "M.1".into() },
        ),
        (
            broken(|p| p["CFItems"][0]["identifier"] = Value::Null),
            CaseError::MissingField {
                path: "CFItems[0]".into(),
                field: "identifier",
            },
        ),
        (
            broken(|p| {
                let item = p["CFItems"][0].clone();
                p["CFItems"].as_array_mut().unwrap().push(item);
            }),
            CaseError::DuplicateIdentifier {
                identifier: "00000000-0000-4000-8000-000000000002".into(),
            },
        ),
        (
            broken(|p| p["CFAssociations"][0]["sequenceNumber"] = json!("first")),
            CaseError::WrongType {
                path: "CFAssociations[0].sequenceNumber".into(),
                expected: "a number",
            },
        ),
        (
            broken(|p| p["CFAssociations"][0]["originNodeURI"] = Value::Null),
            CaseError::MissingField {
                path: "CFAssociations[0]".into(),
                field: "originNodeURI",
            },
        ),
        (
            broken(|p| p.pointer_mut(criterion).unwrap()["CFItemURI"] = json!("urn:x")),
            CaseError::WrongType {
                path: "CFRubrics[0].CFRubricCriteria[0].CFItemURI".into(),
                expected: "a link object with an identifier",
            },
        ),
        (
            broken(|p| {
                p["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"][1]["position"] =
                    json!(true)
            }),
            CaseError::WrongType {
                path: "CFRubrics[0].CFRubricCriteria[0].CFRubricCriterionLevels[1].position".into(),
                expected: "a number",
            },
        ),
        (broken(|p| p["CFItems"] = json!([])), CaseError::NoItems),
        (
            broken(|p| {
                p.as_object_mut().unwrap().remove("CFRubrics");
            }),
            CaseError::NoProficiencyScale { items: 1 },
        ),
        (
            broken(|p| {
                let other = json!({ "identifier": "00000000-0000-4000-8000-000000000009", "uri": "urn:x",
                    "lastChangeDateTime": LAST_CHANGE, "fullStatement": "Does the other thing." });
                p["CFItems"].as_array_mut().unwrap().push(other);
                let mut criterion = p.pointer(criterion).unwrap().clone();
                criterion["CFItemURI"]["identifier"] =
                    json!("00000000-0000-4000-8000-000000000009");
                criterion["CFRubricCriterionLevels"]
                    .as_array_mut()
                    .unwrap()
                    .pop();
                p["CFRubrics"][0]["CFRubricCriteria"]
                    .as_array_mut()
                    .unwrap()
                    .push(criterion);
            }),
            CaseError::LevelCount {
                competency: "00000000-0000-4000-8000-000000000009".into(),
                found: 1,
                expected: 2,
            },
        ),
        (
            broken(|p| {
                p.pointer_mut(&format!("{criterion}/CFRubricCriterionLevels/1"))
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .remove("description");
            }),
            CaseError::NoIndicators {
                competency: "M.1".into(),
                level: "Level 2".into(),
            },
        ),
        (
            " ".repeat(MAX_DOCUMENT_BYTES + 1),
            CaseError::TooLarge {
                bytes: MAX_DOCUMENT_BYTES + 1,
                limit: MAX_DOCUMENT_BYTES,
            },
        ),
        (
            "[".repeat(100_000),
            CaseError::NotJson {
                line: 1,
                column: 128,
                message: "recursion limit exceeded".into(),
            },
        ),
    ];
    for (input, expected) in cases {
        let got = case::import(&input).map(|i| i.framework.id);
        assert_eq!(got, Err(expected), "{}", &input[..input.len().min(200)]);
    }
}

#[test]
fn a_package_that_breaks_a_framework_rule_carries_the_framework_error() {
    let one_level = broken(|p| {
        p.pointer_mut("/CFRubrics/0/CFRubricCriteria/0/CFRubricCriterionLevels")
            .unwrap()
            .as_array_mut()
            .unwrap()
            .pop();
    });
    let error = case::import(&one_level).unwrap_err();
    let CaseError::Invalid(framework_error) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(framework_error.problems[0].path, "$.levels");
    assert_eq!(
        error.to_string(),
        "the package does not make a valid framework:\n$.levels: 1 items, fewer than the 2 needed"
    );
}

#[test]
fn no_mutation_of_a_package_makes_the_import_panic() {
    fn paths(value: &Value, path: String, found: &mut Vec<String>) {
        match value {
            Value::Object(map) => map
                .iter()
                .for_each(|(k, v)| paths(v, format!("{path}/{k}"), found)),
            Value::Array(values) => values
                .iter()
                .enumerate()
                .for_each(|(i, v)| paths(v, format!("{path}/{i}"), found)),
            _ => {}
        }
        if !path.is_empty() {
            found.push(path);
        }
    }
    let hand_written: Value = serde_json::from_str(&fixture("hand-written.json")).unwrap();
    let small = [
        json!(null),
        json!(0),
        json!(-1.5),
        json!(""),
        json!("x"),
        json!([]),
        json!({}),
    ];
    let scaled = bundled_scale();
    for (package, replacements) in [
        (minimal(), &small[..]),
        (without_rubric(), &small[..]),
        (hand_written, &small[..3]),
    ] {
        let mut all = Vec::new();
        paths(&package, String::new(), &mut all);
        for path in &all {
            for replacement in replacements {
                let mut changed = package.clone();
                *changed.pointer_mut(path).unwrap() = replacement.clone();
                let changed = changed.to_string();
                let _ = case::import(&changed);
                let _ = case::import_with(&changed, &scaled);
            }
        }
    }
}

/// A package without a rubric whose `count` items each have `statement`, all top-level, or
/// each below the one before when `chained`.
fn items(count: usize, statement: &str, chained: bool) -> String {
    let id = |k: usize| format!("00000000-0000-4000-8000-{k:012}");
    let link = |k: usize| json!({ "title": "", "identifier": id(k), "uri": "urn:x" });
    let items: Vec<Value> = (1..=count)
        .map(|k| json!({ "identifier": id(k), "uri": "urn:x", "fullStatement": statement }))
        .collect();
    let associations: Vec<Value> = (1..=count)
        .map(|k| {
            json!({
                "identifier": id(count + k), "uri": "urn:x", "associationType": "isChildOf",
                "originNodeURI": link(k),
                "destinationNodeURI": link(if chained { k - 1 } else { 0 }),
            })
        })
        .collect();
    json!({
        "CFDocument": { "identifier": id(0), "uri": "urn:x", "creator": "Test", "title": "Odd" },
        "CFItems": items,
        "CFAssociations": associations,
    })
    .to_string()
}

#[test]
fn hostile_packages_without_a_rubric_are_refused_or_imported_never_a_panic() {
    // Odd text is kept as it is.
    let odd = "\u{0}\u{7}\u{202e}tfel-ot-thgir \u{feff}ﷺ𝑑\u{301}\r\n\t<script>alert(1)</script>";
    let import = case::import_with(&items(3, odd, true), &bundled_scale()).unwrap();
    let f = reloaded(&import);
    assert_eq!(f.competencies.len(), 2);
    assert_eq!(
        f.competencies[0].indicators[3],
        [LocalizedText::from([("en", odd)])]
    );

    // Each case: the package, the scale, then the paths of the framework's problems.
    let long = "x".repeat(MAX_TEXT_CHARS + 1);
    let typed = |kind: &str| {
        let mut package = without_rubric();
        package["CFItems"][0]["CFItemType"] = json!(kind);
        package.to_string()
    };
    let bundled = || Scale::bundled().unwrap();
    let one_level = Scale {
        levels: bundled().levels[..1].to_vec(),
        ..bundled()
    };
    let unlabelled = Scale {
        levels: vec![
            Level {
                id: "low level".into(),
                label: LocalizedText::default(),
                description: LocalizedText::default(),
            },
            bundled().levels[1].clone(),
        ],
        ..bundled()
    };
    let cases: Vec<(String, Scale, Vec<&str>)> = vec![
        (
            items(1, &long, false),
            bundled(),
            vec![
                "$.competencies[0].name.en",
                "$.competencies[0].definition.en",
                "$.competencies[0].indicators.advanced[0].en",
                "$.competencies[0].indicators.awareness[0].en",
                "$.competencies[0].indicators.expert[0].en",
                "$.competencies[0].indicators.trained[0].en",
            ],
        ),
        (
            items(MAX_COMPETENCIES + 1, "Does it.", false),
            bundled(),
            vec!["$.competencies"],
        ),
        // One group holding every other item of a deep chain.
        (
            items(9_000, "Does it.", true),
            bundled(),
            vec!["$.competencies"],
        ),
        // Each text within the limit, but the framework, with a statement in six places per
        // competency, is larger than any framework may be.
        (
            items(MAX_COMPETENCIES, &"x".repeat(MAX_TEXT_CHARS), false),
            bundled(),
            vec!["$"],
        ),
        // Nothing to assess: an empty group, or the package's own scale, left out.
        (typed("Competency group"), bundled(), vec!["$.competencies"]),
        (
            typed("Proficiency scale"),
            bundled(),
            vec!["$.groups", "$.competencies"],
        ),
        // A scale the caller built against the rules.
        (without_rubric().to_string(), one_level, vec!["$.levels"]),
        (
            without_rubric().to_string(),
            unlabelled,
            vec![
                "$.levels[0].id",
                "$.levels[0].label.en",
                r#"$.competencies[0].indicators["low level"]"#,
            ],
        ),
    ];
    for (package, scale, paths) in cases {
        let error = case::import_with(&package, &with_scale(scale)).map(|i| i.framework.id);
        let Err(CaseError::Invalid(error)) = error else {
            panic!("{error:?}");
        };
        let got: Vec<&str> = error.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(got, paths);
    }
}
