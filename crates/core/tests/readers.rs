//! Property tests of every reader of outside input, fed real documents with one value
//! anywhere replaced by anything, so that the mutations reach deep into each reader (a
//! document of random JSON stops at its first field): a signed result through the whole
//! verification, a configuration, a campaign, a saved draft, a CSV plan. Whatever the input:
//! no panic; what still reads, reads back equal; a changed result never verifies.

use competency_core::assessment::{Assessment, Rating, Role, Subject, draft};
use competency_core::campaign::{Campaign, plan};
use competency_core::proof::{self, Expectations, ProofOptions};
use competency_core::result::{
    self, App, KeyProtection, RaterIdentity, ResultContext, ResultDocument,
};
use competency_core::{Framework, bundled, config};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use proptest::prelude::*;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

mod mutate;
use mutate::{any_json, at, places};

fn framework() -> Framework {
    bundled::framework().unwrap()
}

fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

const SECRET: [u8; 32] = [9; 32];

/// A submitted peer assessment of Awa, with a comment and a plan-free result.
fn assessment() -> Assessment {
    let framework = framework();
    let subject = Subject {
        id: "M-1024".into(),
        name: "Awa Traoré".into(),
    };
    let mut a = Assessment::start(
        "d1".into(),
        &framework,
        subject,
        Some("customs-officer".into()),
        Role::Peer,
        1_795_000_000_000,
    )
    .unwrap();
    for (i, c) in a.competencies(&framework).into_iter().enumerate() {
        let rating = if i % 4 == 3 {
            Rating::NotObserved
        } else {
            Rating::Level(framework.levels[i % 4].id.clone())
        };
        a.rate(
            &framework,
            &c.id,
            Some(rating),
            1_795_000_100_000 + i as u64,
        )
        .unwrap();
    }
    a.set_comment(
        &framework,
        "integrity",
        "Toujours « exemplaire ».",
        1_795_000_200_000,
    )
    .unwrap();
    a
}

/// That assessment as a result signed with [`SECRET`], as the browser signs it.
fn signed_result() -> Value {
    let framework = framework();
    let mut a = assessment();
    a.submit(&framework, 1_795_000_300_000).unwrap();
    let public = SigningKey::from_bytes(&SECRET).verifying_key().to_bytes();
    let context = ResultContext {
        app: App {
            name: "competency-widget".into(),
            version: "0.1.0".into(),
        },
        framework: &framework,
        framework_sha256: proof::hex(&sha256(&result::framework_canonical_json(&framework))),
        rater: RaterIdentity {
            id: Some("R-7".into()),
            name: None,
            key: proof::did_key(&public),
            key_protection: KeyProtection::NonExtractable,
        },
        locale: "fr".into(),
        id: "5e5c8a28-45b8-4c52-a3a4-0f0d8a5b9e0f".into(),
        challenge: Some("n-42".into()),
    };
    let unsecured = ResultDocument::from_assessment(&a, context)
        .unwrap()
        .to_value();
    let options = ProofOptions::assertion(
        "2026-11-28T10:00:00Z".into(),
        proof::verification_method(&public),
    );
    let input = proof::signing_input(&unsecured, &options).unwrap();
    let hash = proof::hash_data(
        &sha256(&input.canonical_proof_config),
        &sha256(&input.canonical_document),
    );
    let signature = SigningKey::from_bytes(&SECRET).sign(&hash).to_bytes();
    input.finish(unsecured, &signature).unwrap()
}

/// Everything a verifier does with a result file's text; whether it accepts it.
fn verifies(text: &str) -> bool {
    let Ok(value) = result::parse(text) else {
        return false;
    };
    let expected = Expectations {
        now: competency_core::time::parse_rfc3339("2026-11-29T00:00:00Z"),
        ..Expectations::default()
    };
    let Ok(input) = proof::verification_input(&value, &expected) else {
        return false;
    };
    let Ok(key) = VerifyingKey::from_bytes(&input.public_key) else {
        return false;
    };
    let hash = proof::hash_data(
        &sha256(&input.canonical_proof_config),
        &sha256(&input.canonical_document),
    );
    if key
        .verify_strict(&hash, &Signature::from_bytes(&input.signature))
        .is_err()
    {
        return false;
    }
    result::check_verified(&value, &input.verification_method, None).is_ok()
}

fn full_configuration() -> Value {
    json!({
        "configVersion": 1,
        "instance": "officer-form",
        "language": "fr",
        "subject": { "id": "M-1024", "name": "Awa Traoré" },
        "position": "customs-officer",
        "rater": { "role": "peer", "id": "R-7", "name": "Chef Diallo" },
        "framework": { "url": "https://hr.example/framework.json" },
        "challenge": "n-123",
        "invitation": { "campaign": "360-2027", "token": "x3JvYSBkZSBsYSBwYWl4LWc" },
        "upload": { "url": "https://hr.example/results", "headers": { "Authorization": "Bearer x" } },
        "minRaters": 4,
        "allowedOrigins": ["https://portal.example"],
        "parentOrigin": "https://portal.example",
        "theme": { "colourAccent": "#0b5394", "font": "Marianne, Arial", "radius": "4px" },
        "screens": ["results", "assessment"],
        "readOnly": true
    })
}

const PLAN: &str = "subject_id;subject_name;position;rater_name;rater_id;role\n\
                    M-1024;Awa Traoré;customs-officer;;;self\n\
                    M-1024;Awa Traoré;customs-officer;Ibrahim Koné;M-3001;supervisor\n\
                    M-1024;Awa Traoré;customs-officer;Moussa Diallo;M-2001;peer\n\
                    M-2001;Moussa Diallo;;Awa Traoré;M-1024;peer\n";

/// A campaign planned from [`PLAN`], each token its invitation's number.
fn planned(rows: &[plan::PlanRow]) -> Campaign {
    let mut n = 0u8;
    plan::campaign(
        rows,
        plan::Settings {
            id: "360-2027".into(),
            title: "360 2027".into(),
            framework: result::FrameworkReference {
                id: "customs-competencies".into(),
                version: "1".into(),
                sha256: "ab".repeat(32),
            },
            min_raters: 3,
            closes: None,
        },
        || {
            n = n.wrapping_add(1);
            competency_core::campaign::token_from_bytes(&[n; 16])
        },
        sha256,
    )
    .campaign
}

fn campaign_value() -> Value {
    let rows = plan::read(PLAN.as_bytes(), &framework()).unwrap();
    serde_json::from_str(&planned(&rows).to_json()).unwrap()
}

fn draft_value() -> Value {
    serde_json::from_str(&draft::to_json(&assessment())).unwrap()
}

/// `document` with the value at one place (picked by `pick`) replaced by `replacement`.
fn replaced(mut document: Value, pick: prop::sample::Index, replacement: Value) -> Value {
    let mut all = Vec::new();
    places(&document, Vec::new(), &mut all);
    let path = pick.get(&all).clone();
    *at(&mut document, &path) = replacement;
    document
}

#[test]
fn the_seeds_are_what_their_readers_accept() {
    assert!(verifies(&signed_result().to_string()));
    assert!(config::from_value(&full_configuration(), &["fr", "en"]).is_ok());
    assert!(Campaign::from_json(&campaign_value().to_string()).is_ok());
    assert!(draft::open(&draft_value().to_string(), &framework()).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A signed result with one value changed anywhere (its proof included): the whole
    /// verification runs without panic, and never accepts the change.
    #[test]
    fn a_changed_result_never_verifies(
        pick in any::<prop::sample::Index>(),
        replacement in any_json(),
    ) {
        let original = signed_result();
        let changed = replaced(original.clone(), pick, replacement);
        let accepted = verifies(&changed.to_string());
        if changed != original {
            prop_assert!(!accepted, "a changed result verified: {}", changed);
        }
    }

    #[test]
    fn a_changed_configuration_never_panics(
        pick in any::<prop::sample::Index>(),
        replacement in any_json(),
    ) {
        let changed = replaced(full_configuration(), pick, replacement);
        if let Ok(value) = config::parse(&changed.to_string()) {
            let _ = config::from_value(&value, &["fr", "en"]);
        }
    }

    /// A campaign with one value changed: no panic, and one that still reads writes back
    /// equal.
    #[test]
    fn a_changed_campaign_reads_back_equal_or_is_refused(
        pick in any::<prop::sample::Index>(),
        replacement in any_json(),
    ) {
        let changed = replaced(campaign_value(), pick, replacement);
        if let Ok(campaign) = Campaign::from_json(&changed.to_string()) {
            prop_assert_eq!(Campaign::from_json(&campaign.to_json()), Ok(campaign));
        }
    }

    /// A saved draft with one value changed: no panic, and one that still opens saves and
    /// opens again equal.
    #[test]
    fn a_changed_draft_opens_again_equal_or_is_refused(
        pick in any::<prop::sample::Index>(),
        replacement in any_json(),
    ) {
        let framework = framework();
        let changed = replaced(draft_value(), pick, replacement);
        if let Ok(opened) = draft::open(&changed.to_string(), &framework) {
            let again = draft::open(&draft::to_json(&opened.assessment), &framework).unwrap();
            prop_assert_eq!(again.assessment, opened.assessment);
        }
    }

    /// A plan with one cell (or the header's) replaced by any text, separators, quotes and
    /// line breaks included: no panic, and a plan that still reads makes a campaign that
    /// reads back equal.
    #[test]
    fn a_changed_plan_makes_a_campaign_or_says_why(
        line in 0usize..5,
        cell in 0usize..6,
        text in prop_oneof![".{0,30}", "[;,\"\\n\\r ]{0,6}", "(self|peer|pair|Collègue|boss)"],
    ) {
        let mut lines: Vec<Vec<String>> = PLAN
            .lines()
            .map(|l| l.split(';').map(str::to_owned).collect())
            .collect();
        lines[line][cell] = text;
        let changed = lines.iter().map(|l| l.join(";")).collect::<Vec<_>>().join("\n");
        match plan::read(changed.as_bytes(), &framework()) {
            Ok(rows) => {
                let campaign = planned(&rows);
                prop_assert_eq!(Campaign::from_json(&campaign.to_json()), Ok(campaign));
            }
            Err(error) => prop_assert!(!error.problems.is_empty()),
        }
    }

    /// Any text at all, into every reader.
    #[test]
    fn any_text_into_any_reader_never_panics(text in ".{0,300}") {
        let _ = verifies(&text);
        let _ = config::parse(&text);
        let _ = Campaign::from_json(&text);
        let _ = draft::open(&text, &framework());
        let _ = plan::read(text.as_bytes(), &framework());
    }
}
