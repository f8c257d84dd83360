use competency_core::case::{CaseError, CaseObject, Loss, ScaleOrigin};
use competency_core::framework::FrameworkError;
use competency_core::{Framework, bundled};

use super::*;

/// A French package without a rubric, as a CASE editor exports one (`fixtures/`, also used by
/// the end-to-end test of the screen).
const WITHOUT_RUBRIC: &str = include_str!("../fixtures/controle-sans-grille.json");

/// `text` with its no-break spaces as spaces, to compare with what a test writes.
fn plain(text: &str) -> String {
    text.replace('\u{a0}', " ")
}

fn imported(outcome: Outcome) -> (Framework, Vec<String>) {
    match outcome {
        Outcome::Imported { framework, losses } => (
            Framework::from_json(&framework).expect("the imported framework is valid"),
            losses.iter().map(|loss| plain(loss)).collect(),
        ),
        Outcome::Refused(why) => panic!("refused: {why}"),
    }
}

fn refused(outcome: Outcome) -> String {
    match outcome {
        Outcome::Refused(why) => plain(&why),
        Outcome::Imported { .. } => panic!("imported"),
    }
}

#[test]
fn without_a_scale_a_package_without_rubric_is_refused_with_what_to_do() {
    assert_eq!(
        refused(run(WITHOUT_RUBRIC, ScaleChoice::None, "fr")),
        "Aucun des 5 éléments du paquet n’a de niveaux de maîtrise (pas de critère de grille \
         CFRubric avec des niveaux) : choisissez l’échelle de maîtrise à supposer."
    );
    // The English text is the domain's, without the command line's options.
    let Outcome::Refused(english) = run(WITHOUT_RUBRIC, ScaleChoice::None, "en") else {
        panic!("imported without a scale");
    };
    assert!(
        english.starts_with("None of the package's 5 items"),
        "{english}"
    );
    assert!(!english.contains("--scale"), "{english}");
}

#[test]
fn the_bundled_scale_is_assumed_and_said() {
    let (framework, losses) = imported(run(WITHOUT_RUBRIC, ScaleChoice::Bundled, "fr"));
    let bundled = bundled::framework().unwrap();
    assert_eq!(framework.levels.len(), bundled.levels.len());
    assert_eq!(framework.competencies.len(), 3);
    assert_eq!(framework.groups.len(), 2);
    assert_eq!(
        losses,
        [
            "Le paquet n’a pas de grille, donc pas de niveaux de maîtrise : l’échelle du \
             référentiel fourni avec l’application a été supposée (4 niveaux : awareness, \
             trained, advanced, expert) ; chacune des 3 compétences a son énoncé comme seul \
             indicateur de comportement à chaque niveau.",
            "Champs de 5 CFItems non repris : CFItemType.",
        ]
    );
    let (_, english) = imported(run(WITHOUT_RUBRIC, ScaleChoice::Bundled, "en"));
    assert!(
        english[0].starts_with("The package has no rubric"),
        "{english:?}"
    );
}

#[test]
fn a_frameworks_scale_is_assumed_and_named() {
    let scale = r#"{"formatVersion":1,"id":"echelle-3","version":"1","defaultLanguage":"fr",
        "languages":["fr"],"title":{"fr":"Échelle à trois niveaux"},
        "levels":[{"id":"debutant","label":{"fr":"Débutant"}},
                  {"id":"autonome","label":{"fr":"Autonome"}},
                  {"id":"reference","label":{"fr":"Référent"}}],
        "groups":[{"id":"g","name":{"fr":"G"}}],
        "competencies":[{"id":"c","group":"g","name":{"fr":"C"},"definition":{"fr":"C"},
          "indicators":{"debutant":[{"fr":"a"}],"autonome":[{"fr":"b"}],"reference":[{"fr":"c"}]}}],
        "positions":[]}"#;
    Framework::from_json(scale).expect("the scale's framework is valid");
    let (framework, losses) = imported(run(WITHOUT_RUBRIC, ScaleChoice::Framework(scale), "fr"));
    let labels: Vec<&str> = framework
        .levels
        .iter()
        .map(|level| level.label.get("fr").unwrap())
        .collect();
    assert_eq!(labels, ["Débutant", "Autonome", "Référent"]);
    assert!(
        losses[0].contains("l’échelle du référentiel echelle-3 (version 1) a été supposée"),
        "{losses:?}"
    );
}

#[test]
fn a_scale_from_a_broken_framework_is_refused_not_guessed() {
    assert_eq!(
        run(WITHOUT_RUBRIC, ScaleChoice::Framework("{\"id\":"), "fr"),
        Outcome::Refused(
            "Le référentiel qui devait donner l’échelle de maîtrise n’est pas valide.".into()
        )
    );
}

#[test]
fn what_is_not_a_package_is_worded_in_french() {
    assert_eq!(
        refused(run("[1, 2]", ScaleChoice::Bundled, "fr")),
        "Ce n’est pas un paquet CASE : un objet CFPackage était attendu, le fichier contient \
         un tableau."
    );
    assert_eq!(
        refused(run("{\"CFDocument\": ", ScaleChoice::Bundled, "fr")),
        "Ce n’est pas du JSON valide (ligne 1, colonne 15)."
    );
}

/// Every refusal and every loss has a French sentence, with no English left in it.
#[test]
fn every_text_is_a_french_sentence() {
    let s = |text: &str| text.to_owned();
    let v = |items: &[&str]| items.iter().map(|i| s(i)).collect::<Vec<_>>();
    let errors = [
        CaseError::UnknownLanguage {
            language: s("de"),
            available: v(&["fr", "en"]),
        },
        CaseError::InvalidTimestamp { value: s("hier") },
        CaseError::TooLarge { bytes: 5, limit: 4 },
        CaseError::NotJson {
            line: 1,
            column: 2,
            message: s("EOF while parsing"),
        },
        CaseError::NotAPackage { found: "a string" },
        CaseError::NoDocument,
        CaseError::WrongType {
            path: s("CFItems[3].fullStatement"),
            expected: "a string",
        },
        CaseError::MissingField {
            path: s("CFDocument"),
            field: "identifier",
        },
        CaseError::ItemWithoutText { item: s("X.1") },
        CaseError::DuplicateIdentifier { identifier: s("u") },
        CaseError::NoItems,
        CaseError::NoProficiencyScale { items: 1 },
        CaseError::LevelCount {
            competency: s("X.1"),
            found: 3,
            expected: 4,
        },
        CaseError::NoIndicators {
            competency: s("X.1"),
            level: s("expert"),
        },
        CaseError::Invalid(FrameworkError {
            problems: Vec::new(),
            truncated: false,
        }),
    ];
    let origin = ScaleOrigin::Framework {
        id: s("f"),
        version: s("1"),
    };
    let losses = [
        Loss::OtherLanguages {
            languages: v(&["en"]),
        },
        Loss::Positions {
            ids: (0..12).map(|i| format!("p{i}")).collect(),
        },
        Loss::Resources {
            count: 2,
            competencies: 1,
        },
        Loss::IndicatorLineBreaks { count: 1 },
        Loss::AssumedLanguage { found: None },
        Loss::AssumedLanguage {
            found: Some(s("français")),
        },
        Loss::Associations {
            counts: vec![(s("exactMatchOf"), 2)],
        },
        Loss::NotAssessable { items: v(&["A"]) },
        Loss::Flattened {
            competencies: v(&["B"]),
        },
        Loss::UnusedCriteria { count: 1 },
        Loss::LevelLabels {
            competencies: v(&["C"]),
        },
        Loss::AssumedScale {
            origin: ScaleOrigin::Bundled,
            levels: v(&["a", "b"]),
            labels_language: Some(s("en")),
            competencies: 1,
        },
        Loss::ScaleNotUsed { origin },
        Loss::Fields {
            object: CaseObject::Item,
            count: 1,
            fields: v(&["notes"]),
        },
    ];
    let texts = errors
        .iter()
        .map(|e| error_text(e, true))
        .chain(losses.iter().map(|l| loss_text(l, true)));
    for text in texts {
        assert!(!text.chars().next().unwrap().is_lowercase(), "{text}");
        assert!(text.ends_with('.'), "{text}");
        for english in [
            " the ",
            " was ",
            " were ",
            " has ",
            " not ",
            " and ",
            " expected",
        ] {
            assert!(!text.contains(english), "English `{english}` in: {text}");
        }
    }
    assert!(loss_text(&losses[1], true).ends_with("p9 et 2 autres."));
    // One of a kind is singular.
    for (text, expected) in [
        (
            error_text(&errors[11], true),
            "L’unique élément du paquet n’a pas de niveaux",
        ),
        (
            loss_text(&losses[2], true),
            "2 ressources d’apprentissage d’une compétence n’ont",
        ),
        (
            loss_text(&losses[3], true),
            "Les retours à la ligne d’un indicateur de",
        ),
        (loss_text(&losses[7], true), "1 élément n’a pas de niveaux"),
        (
            loss_text(&losses[8], true),
            "1 compétence était plus profonde",
        ),
        (
            loss_text(&losses[9], true),
            "1 critère de grille a été laissé",
        ),
        (
            loss_text(&losses[10], true),
            "1 compétence nomme ses niveaux",
        ),
    ] {
        assert!(plain(&text).starts_with(expected), "{text}");
    }
    // French spacing: no line begins with a colon or a closing guillemet.
    let text = loss_text(&losses[13], true);
    assert_eq!(text, "Champs du CFItem non repris\u{a0}: notes.");
    assert!(error_text(&errors[1], true).starts_with("«\u{a0}hier\u{a0}» n’est pas"));
}
