//! Verification throughput: what `competency verify` does for each result once the file is
//! read (parse, check the eddsa-jcs-2022 proof, check the result against the framework), over
//! a batch of results signed with different keys. `make bench` runs it.

use competency_core::assessment::{Assessment, Rating, Role, Subject};
use competency_core::proof::{self, Expectations, ProofOptions, native};
use competency_core::result::{
    App, FrameworkReference, KeyProtection, RaterIdentity, ResultContext, ResultDocument,
    check_verified,
};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const RESULTS: usize = 200;

/// `RESULTS` signed results of the bundled framework's largest position, as JSON text.
fn signed_results() -> (Vec<String>, FrameworkReference) {
    let framework = competency_core::bundled::framework().unwrap();
    let reference = native::framework_reference(&framework);
    let levels: Vec<String> = framework.levels.iter().map(|l| l.id.clone()).collect();
    let results = (0..RESULTS)
        .map(|i| {
            let subject = Subject {
                id: format!("M-{i}"),
                name: format!("Agent {i}"),
            };
            let role = Role::ALL[i % Role::ALL.len()];
            let mut a =
                Assessment::start(format!("d{i}"), &framework, subject, None, role, 1_000).unwrap();
            for (n, c) in a.competencies(&framework).into_iter().enumerate() {
                let level = levels[(i + n) % levels.len()].clone();
                a.rate(&framework, &c.id, Some(Rating::Level(level)), 2_000)
                    .unwrap();
                a.set_comment(
                    &framework,
                    &c.id,
                    "Observé lors des contrôles de mars.",
                    2_001,
                )
                .unwrap();
            }
            a.submit(&framework, 3_000).unwrap();
            let secret = [(i % 251) as u8 + 1; 32];
            let public = native::public_key(&secret);
            let context = ResultContext {
                app: App {
                    name: "bench".into(),
                    version: "0".into(),
                },
                framework: &framework,
                framework_sha256: reference.sha256.clone(),
                rater: RaterIdentity {
                    id: None,
                    name: None,
                    key: proof::did_key(&public),
                    key_protection: KeyProtection::NonExtractable,
                },
                locale: "fr".into(),
                id: format!("00000000-0000-4000-8000-{i:012}"),
                challenge: None,
            };
            let document = ResultDocument::from_assessment(&a, context)
                .unwrap()
                .to_value();
            let options = ProofOptions::assertion(
                "2026-11-28T00:00:00Z".into(),
                proof::verification_method(&public),
            );
            native::sign(document, &options, &secret)
                .unwrap()
                .to_string()
        })
        .collect();
    (results, reference)
}

fn verify(c: &mut Criterion) {
    let (results, reference) = signed_results();
    let mut group = c.benchmark_group("verify");
    group.throughput(Throughput::Elements(RESULTS as u64));
    group.bench_function(format!("{RESULTS} results, 25 competencies each"), |b| {
        b.iter(|| {
            for text in &results {
                let value: serde_json::Value = serde_json::from_str(text).unwrap();
                let verified = native::verify(&value, &Expectations::default()).unwrap();
                check_verified(&value, &verified.verification_method, Some(&reference)).unwrap();
            }
        })
    });
    group.finish();
}

criterion_group!(benches, verify);
criterion_main!(benches);
