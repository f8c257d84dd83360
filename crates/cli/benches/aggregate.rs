//! Aggregation throughput: what `competency aggregate --campaign` does once the files are read
//! (parse, check each eddsa-jcs-2022 proof and the result against the framework, hash each
//! invitation token, bring the invited results together, write the JSON report), and the
//! aggregation alone. 10,000 results: 1,000 people with 10 invited raters each (1 self,
//! 1 supervisor, 4 peers, 3 direct reports, 1 other), each rating the 13 competencies of the
//! customs officer position with seeded random levels.

use std::time::Duration;

use competency_core::assessment::Role;
use competency_core::campaign::{self, Campaign, Invitation};
use competency_core::proof::{self, Expectations, ProofOptions, native};
use competency_core::report::{self, Options, ReportDocument, Source};
use competency_core::result::{
    self, App, FrameworkReference, InvitationRecord, KeyProtection, Rater, RatingRecord,
    ResultDocument, SubjectRecord, check_verified,
};
use competency_core::{Framework, bundled};
use criterion::{BatchSize, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

const SUBJECTS: usize = 1_000;
/// The raters of each person.
const ROLES: [Role; 10] = [
    Role::SelfAssessment,
    Role::Supervisor,
    Role::Peer,
    Role::Peer,
    Role::Peer,
    Role::Peer,
    Role::DirectReport,
    Role::DirectReport,
    Role::DirectReport,
    Role::Other,
];
const RESULTS: usize = SUBJECTS * ROLES.len();
const POSITION: &str = "customs-officer";

/// SplitMix64: a seeded generator, so that every run measures the same results.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn secret_key(&mut self) -> [u8; 32] {
        let mut key = [0; 32];
        for chunk in key.chunks_mut(8) {
            chunk.copy_from_slice(&self.next().to_le_bytes());
        }
        key
    }
}

/// The campaign, and the signed results as JSON text with the file name each would have.
struct Batch {
    framework: Framework,
    reference: FrameworkReference,
    campaign: Campaign,
    files: Vec<(String, String)>,
}

fn signed_results() -> Batch {
    let framework = bundled::framework().unwrap();
    let reference = native::framework_reference(&framework);
    let levels: Vec<&str> = framework.levels.iter().map(|l| l.id.as_str()).collect();
    let competencies: Vec<&str> = framework
        .position(POSITION)
        .unwrap()
        .requirements
        .iter()
        .map(|r| r.competency.as_str())
        .collect();
    let mut random = Random(2026);
    let mut files = Vec::with_capacity(RESULTS);
    let mut campaign = Campaign {
        id: "360-bench".into(),
        title: "Bench".into(),
        framework: reference.clone(),
        min_raters: 3,
        subjects: Vec::with_capacity(SUBJECTS),
        invitations: Vec::with_capacity(RESULTS),
    };
    for s in 0..SUBJECTS {
        campaign.subjects.push(campaign::Subject {
            id: format!("M-{s}"),
            name: format!("Agent {s}"),
            position: Some(POSITION.into()),
        });
        for (r, role) in ROLES.into_iter().enumerate() {
            let mut token = [0; campaign::TOKEN_BYTES];
            token.copy_from_slice(&random.secret_key()[..campaign::TOKEN_BYTES]);
            let token = campaign::token_from_bytes(&token);
            campaign.invitations.push(Invitation {
                id: format!("I-{s}-{r}"),
                subject: format!("M-{s}"),
                role,
                rater_name: None,
                rater_id: None,
                closes: None,
                token_sha256: native::sha256(token.as_bytes()),
            });
            let secret = random.secret_key();
            let public = native::public_key(&secret);
            let ratings = competencies
                .iter()
                .map(|&competency| {
                    // One rating in ten "not observed", one in five with a comment.
                    let level = (random.below(10) != 0).then(|| levels[random.below(levels.len())]);
                    RatingRecord {
                        competency: competency.to_owned(),
                        level: level.map(str::to_owned),
                        not_observed: level.is_none(),
                        comment: if random.below(5) == 0 {
                            "Observé lors des contrôles de mars.".to_owned()
                        } else {
                            String::new()
                        },
                        evidence: String::new(),
                    }
                })
                .collect();
            let document = ResultDocument {
                kind: result::RESULT_TYPE.into(),
                format_version: result::FORMAT_VERSION,
                id: format!("00000000-0000-4000-8000-{:012}", s * ROLES.len() + r),
                app: App {
                    name: "bench".into(),
                    version: "0".into(),
                },
                framework: reference.clone(),
                subject: SubjectRecord {
                    id: format!("M-{s}"),
                    name: format!("Agent {s}"),
                    position: Some(POSITION.into()),
                },
                rater: Rater {
                    role: role.id().into(),
                    id: None,
                    name: None,
                    key: proof::did_key(&public),
                    key_protection: KeyProtection::NonExtractable,
                },
                locale: "fr".into(),
                started_at: "2026-11-20T09:00:00Z".into(),
                completed_at: format!("2026-11-20T10:{:02}:00Z", r),
                ratings,
                development_plan: Vec::new(),
                challenge: None,
                invitation: Some(InvitationRecord {
                    campaign: campaign.id.clone(),
                    token,
                }),
                proof: None,
            };
            let options = ProofOptions::assertion(
                "2026-11-28T00:00:00Z".into(),
                proof::verification_method(&public),
            );
            let signed = native::sign(document.to_value(), &options, &secret).unwrap();
            files.push((
                format!("results/{s}-{}-{r}.json", role.id()),
                signed.to_string(),
            ));
        }
    }
    Batch {
        framework,
        reference,
        campaign,
        files,
    }
}

/// What the command does per file, then for them all: the report's JSON.
fn verify_and_aggregate(batch: &Batch) -> String {
    let sources = batch
        .files
        .iter()
        .map(|(name, text)| {
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            let verified = native::verify(&value, &Expectations::default()).unwrap();
            let result = check_verified(
                &value,
                &verified.verification_method,
                Some(&batch.reference),
            )
            .unwrap();
            Source::new(name.clone(), result, native::sha256)
        })
        .collect();
    let report = report::aggregate(
        &batch.framework,
        &batch.reference,
        Some(&batch.campaign),
        sources,
        &Options::default(),
    );
    assert_eq!(report.subjects.len(), SUBJECTS);
    assert!(report.set_aside.is_empty());
    ReportDocument::new(&report).to_json()
}

fn aggregate(c: &mut Criterion) {
    let batch = signed_results();
    let sources: Vec<Source> = batch
        .files
        .iter()
        .map(|(name, text)| {
            let result = ResultDocument::from_value(&serde_json::from_str(text).unwrap()).unwrap();
            Source::new(name.clone(), result, native::sha256)
        })
        .collect();

    let mut group = c.benchmark_group("aggregate");
    group.throughput(Throughput::Elements(RESULTS as u64));
    // Verifying them all takes about a second: ten runs, each timed on its own.
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.measurement_time(Duration::from_secs(15));
    group.bench_function(
        format!("verify and aggregate {RESULTS} results (1,000 people)"),
        |b| b.iter(|| verify_and_aggregate(&batch)),
    );
    group.bench_function(
        format!("aggregate {RESULTS} verified results (1,000 people)"),
        |b| {
            b.iter_batched(
                || sources.clone(),
                |sources| {
                    report::aggregate(
                        &batch.framework,
                        &batch.reference,
                        Some(&batch.campaign),
                        sources,
                        &Options::default(),
                    )
                },
                BatchSize::LargeInput,
            )
        },
    );
    group.finish();
}

criterion_group!(benches, aggregate);
criterion_main!(benches);
