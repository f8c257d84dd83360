//! Every workflow of the app model, natively: a [`MemoryStore`] for the browser's storage
//! and its journal, Rust's SHA-256 and Ed25519 for WebCrypto.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use ed25519_dalek::Signer as _;

use super::checking::{self, Reason, Verdict};
use super::crypto::{Crypto, CryptoError, SigningKey};
use super::results::{self, CampaignFile, Results};
use super::signing::{self, Signed, Signing};
use super::uploads::{self, State};
use super::{Health, MemoryStore, PREFIX, Portal, Rater, Scope, Start, Store, drafts};
use crate::assessment::draft::DraftError;
use crate::assessment::{AssessmentError, RaterRef, Rating, Role, Step, Subject};
use crate::proof::{Expectations, ProofError, native};
use crate::result::{App, KeyProtection};
use crate::{Framework, bundled};

/// Runs a future of the model to its end: the test platform below never waits.
fn run<T>(future: impl Future<Output = T>) -> T {
    let mut future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    match future.as_mut().poll(&mut context) {
        Poll::Ready(value) => value,
        Poll::Pending => panic!("the test platform never waits"),
    }
}

struct Native;

impl Crypto for Native {
    async fn sha256(&self, data: &[u8]) -> Result<[u8; 32], CryptoError> {
        Ok(native::sha256(data))
    }

    async fn verify(
        &self,
        public_key: &[u8; 32],
        message: &[u8],
        signature: &[u8; 64],
    ) -> Result<bool, CryptoError> {
        let key = ed25519_dalek::VerifyingKey::from_bytes(public_key)
            .map_err(|e| CryptoError::Failed(e.to_string()))?;
        Ok(key
            .verify_strict(message, &ed25519_dalek::Signature::from_bytes(signature))
            .is_ok())
    }
}

struct TestKey(ed25519_dalek::SigningKey);

impl TestKey {
    fn new(seed: u8) -> Self {
        TestKey(ed25519_dalek::SigningKey::from_bytes(&[seed; 32]))
    }
}

impl SigningKey for TestKey {
    fn public_key(&self) -> [u8; 32] {
        self.0.verifying_key().to_bytes()
    }

    fn protection(&self) -> KeyProtection {
        KeyProtection::Software
    }

    async fn sign(&self, message: &[u8]) -> Result<[u8; 64], CryptoError> {
        Ok(self.0.sign(message).to_bytes())
    }
}

fn framework() -> Arc<Framework> {
    Arc::new(bundled::framework().unwrap())
}

fn peer_of_awa() -> Start {
    Start {
        subject: Subject {
            id: "M-1024".into(),
            name: " Awa Traoré ".into(),
        },
        position: None,
        role: Role::Peer,
        portal: Portal {
            rater: RaterRef {
                id: "P-7".into(),
                name: "Moussa Diallo".into(),
            },
            challenge: Some("c-42".into()),
            invitation: None,
        },
    }
}

fn level(id: &str) -> Option<Rating> {
    Some(Rating::Level(id.into()))
}

/// The competencies the open assessment rates, in order.
fn competencies(rater: &Rater) -> Vec<String> {
    let assessment = rater.assessment().unwrap();
    assessment
        .competencies(rater.framework())
        .iter()
        .map(|c| c.id.clone())
        .collect()
}

fn rating(rater: &Rater, competency: &str) -> Option<Rating> {
    rater.assessment().unwrap().answers[competency]
        .rating
        .clone()
}

fn rate(rater: &mut Rater, store: &dyn Store, competency: &str, level_id: &str, now: u64) {
    let c = competency.to_owned();
    rater
        .change(store, now, |a, f, now| a.rate(f, &c, level(level_id), now))
        .unwrap();
}

#[test]
fn a_draft_is_resumed_after_a_crash() {
    let store = MemoryStore::new();
    let mut tab = Rater::new(framework(), Scope::default(), false, &store);
    tab.start(&store, "d1".into(), peer_of_awa(), 1_000)
        .unwrap();
    let first = competencies(&tab)[0].clone();
    rate(&mut tab, &store, &first, "expert", 2_000);
    // The browser is killed before localStorage reached the disk: the draft is gone there,
    // the journal kept it.
    store.lose(&["competency-widget.draft.d1", "competency-widget.last-draft"]);
    assert_eq!(store.get("competency-widget.draft.d1"), None);

    let mut reloaded = Rater::new(framework(), Scope::default(), false, &store);
    drafts::take_back(&store, store.journal());
    assert!(reloaded.resume_last(&store));
    assert_eq!(reloaded.assessment().unwrap().id, "d1");
    assert_eq!(rating(&reloaded, &first), level("expert"));
}

#[test]
fn two_tabs_copies_are_merged() {
    let store = MemoryStore::new();
    let mut a = Rater::new(framework(), Scope::default(), false, &store);
    a.start(&store, "d1".into(), peer_of_awa(), 1_000).unwrap();
    let mut b = Rater::new(framework(), Scope::default(), false, &store);
    b.open(&store, "d1").unwrap();
    let ids = competencies(&a);

    rate(&mut a, &store, &ids[0], "expert", 2_000);
    // Tab B never saw A's change; saving merges it in rather than writing over it.
    rate(&mut b, &store, &ids[1], "trained", 3_000);
    assert_eq!(rating(&b, &ids[0]), level("expert"));
    // The browser tells tab A that B wrote the draft: A takes B's answer.
    let written = store.get("competency-widget.draft.d1");
    assert!(a.stored_elsewhere("competency-widget.draft.d1", written.as_deref()));
    assert_eq!(rating(&a, &ids[1]), level("trained"));
    // A key of another draft, or the same copy again, changes nothing.
    assert!(!a.stored_elsewhere("competency-widget.draft.d2", written.as_deref()));
    assert!(!a.stored_elsewhere("competency-widget.draft.d1", written.as_deref()));

    // Both tabs change the same answer: the later change wins, in both.
    rate(&mut a, &store, &ids[0], "advanced", 4_000);
    rate(&mut b, &store, &ids[0], "awareness", 3_500);
    assert_eq!(rating(&b, &ids[0]), level("advanced"));
    let stored = drafts::stored(&store, &Scope::default(), "d1").unwrap();
    assert_eq!(stored.answers[&ids[0]].rating, level("advanced"));
    assert_eq!(stored.answers[&ids[1]].rating, level("trained"));
}

#[test]
fn a_newer_version_s_copy_is_left_alone_and_said() {
    let store = MemoryStore::new();
    let mut tab = Rater::new(framework(), Scope::default(), false, &store);
    tab.start(&store, "d1".into(), peer_of_awa(), 1_000)
        .unwrap();
    let newer = r#"{"formatVersion":99,"whatever":true}"#;
    store.put_raw("competency-widget.draft.d1", newer);
    assert!(!tab.stored_elsewhere("competency-widget.draft.d1", Some(newer)));
    assert_eq!(tab.health(), Health::NewerDraft);
    let first = competencies(&tab)[0].clone();
    rate(&mut tab, &store, &first, "expert", 2_000);
    // The answer lives on in this tab; the newer copy is not overwritten.
    assert_eq!(tab.health(), Health::NewerDraft);
    assert_eq!(rating(&tab, &first), level("expert"));
    assert_eq!(store.get("competency-widget.draft.d1").unwrap(), newer);
}

#[test]
fn the_same_link_opens_the_same_assessment() {
    let store = MemoryStore::new();
    let mut tab = Rater::new(framework(), Scope::default(), false, &store);
    tab.open_or_start(&store, "d1".into(), peer_of_awa(), 1_000)
        .unwrap();
    tab.close(&store);
    // The name as the portal sends it, spaces and all, finds the draft started with it.
    tab.open_or_start(&store, "d2".into(), peer_of_awa(), 2_000)
        .unwrap();
    assert_eq!(tab.assessment().unwrap().id, "d1");

    // Submitted, the link shows the submitted view rather than a second, empty assessment.
    for id in competencies(&tab) {
        rate(&mut tab, &store, &id, "trained", 3_000);
    }
    tab.change(&store, 4_000, |a, f, now| a.submit(f, now))
        .unwrap();
    tab.close(&store);
    tab.open_or_start(&store, "d3".into(), peer_of_awa(), 5_000)
        .unwrap();
    assert_eq!(tab.assessment().unwrap().id, "d1");
    assert!(!tab.editable());

    // Another role is another assessment.
    let mut supervisor = peer_of_awa();
    supervisor.role = Role::Supervisor;
    tab.open_or_start(&store, "d4".into(), supervisor, 6_000)
        .unwrap();
    assert_eq!(tab.assessment().unwrap().id, "d4");
    let (listed, aside) = tab.drafts(&store);
    let ids: Vec<&str> = listed.iter().map(|a| a.id.as_str()).collect();
    assert_eq!((ids, aside), (vec!["d4", "d1"], 0));
}

#[test]
fn a_refused_start_or_change_is_an_error_and_changes_nothing() {
    let store = MemoryStore::new();
    let mut tab = Rater::new(framework(), Scope::default(), false, &store);
    let mut nameless = peer_of_awa();
    nameless.subject.name = "  ".into();
    assert_eq!(
        tab.start(&store, "d1".into(), nameless, 1_000),
        Err(AssessmentError::MissingName)
    );
    assert!(tab.assessment().is_none());
    assert_eq!(
        tab.change(&store, 1_000, |a, f, now| a.submit(f, now)),
        Err(AssessmentError::NothingOpen)
    );
    tab.start(&store, "d1".into(), peer_of_awa(), 1_000)
        .unwrap();
    let before = store.entries();
    let refused = tab.change(&store, 2_000, |a, f, now| {
        a.rate(f, "no-such-competency", level("expert"), now)
    });
    assert_eq!(
        refused,
        Err(AssessmentError::NotInScope("no-such-competency".into()))
    );
    let incomplete = tab.change(&store, 2_000, |a, f, now| a.submit(f, now));
    assert!(matches!(incomplete, Err(AssessmentError::Incomplete(_))));
    assert_eq!(store.entries(), before);
}

#[test]
fn review_mode_reads_but_never_writes() {
    let store = MemoryStore::new();
    let mut writer = Rater::new(framework(), Scope::default(), false, &store);
    writer
        .start(&store, "d1".into(), peer_of_awa(), 1_000)
        .unwrap();
    let mut review = Rater::new(framework(), Scope::default(), true, &store);
    review.open(&store, "d1").unwrap();
    let before = store.entries();
    let first = competencies(&review)[0].clone();
    assert_eq!(
        review.change(&store, 2_000, |a, f, now| a.rate(
            f,
            &first,
            level("expert"),
            now
        )),
        Err(AssessmentError::ReadOnly)
    );
    review.go_to(&store, Step::Page(1), 2_000).unwrap();
    assert_eq!(review.assessment().unwrap().step, Step::Page(1));
    assert!(!review.editable());
    assert_eq!(store.entries(), before);
}

#[test]
fn full_or_refused_storage_keeps_the_answer_in_memory_and_says_so() {
    let full = MemoryStore::with_capacity(300);
    let mut tab = Rater::new(framework(), Scope::default(), false, &full);
    tab.start(&full, "d1".into(), peer_of_awa(), 1_000).unwrap();
    assert_eq!(tab.health(), Health::Full);
    let first = competencies(&tab)[0].clone();
    rate(&mut tab, &full, &first, "expert", 2_000);
    assert_eq!(rating(&tab, &first), level("expert"));
    assert_eq!(tab.health(), Health::Full);

    let refused = MemoryStore::refused();
    let mut tab = Rater::new(framework(), Scope::default(), false, &refused);
    assert_eq!(tab.health(), Health::Unavailable);
    tab.start(&refused, "d1".into(), peer_of_awa(), 1_000)
        .unwrap();
    rate(&mut tab, &refused, &first, "expert", 2_000);
    assert_eq!(rating(&tab, &first), level("expert"));
    assert_eq!(tab.health(), Health::Unavailable);
}

#[test]
fn an_unreadable_draft_is_set_aside_by_tidying_never_by_listing() {
    let store = MemoryStore::new();
    let tab = Rater::new(framework(), Scope::default(), false, &store);
    store.put_raw("competency-widget.draft.broken", "{not json");
    let before = store.entries();
    let (listed, aside) = tab.drafts(&store);
    assert_eq!((listed.len(), aside), (0, 1));
    // Listing (what a view does while it draws) wrote nothing.
    assert_eq!(store.entries(), before);

    drafts::tidy(&store, tab.scope());
    assert_eq!(store.get("competency-widget.draft.broken"), None);
    assert_eq!(
        store.get("competency-widget.unreadable.broken").as_deref(),
        Some("{not json")
    );
    assert_eq!(tab.drafts(&store).1, 1);
    let mut tab = tab;
    assert!(matches!(
        tab.open(&store, "broken"),
        Err(DraftError::Unreadable(_))
    ));
}

#[test]
fn each_instance_keeps_its_own_drafts() {
    let store = MemoryStore::new();
    let mut one = Rater::new(framework(), Scope::new(Some("one")), false, &store);
    let two = Rater::new(framework(), Scope::new(Some("two")), false, &store);
    one.start(&store, "d1".into(), peer_of_awa(), 1_000)
        .unwrap();
    assert_eq!(one.drafts(&store).0.len(), 1);
    assert_eq!(two.drafts(&store).0.len(), 0);
    assert!(store.get("competency-widget.i.one.draft.d1").is_some());
}

/// A peer's assessment of Awa, every competency rated and submitted.
fn submitted(store: &dyn Store) -> Rater {
    let mut tab = Rater::new(framework(), Scope::default(), false, store);
    tab.start(store, "d1".into(), peer_of_awa(), 1_000).unwrap();
    for id in competencies(&tab) {
        rate(&mut tab, store, &id, "trained", 2_000);
    }
    tab.change(store, 3_000, |a, f, now| a.submit(f, now))
        .unwrap();
    tab
}

/// Signs the submitted assessment as the browser does: the signing module makes and
/// describes the result, the page keeps it.
fn sign(store: &dyn Store, tab: &Rater, key: &TestKey) -> Signed {
    let framework_sha256 = run(signing::framework_sha256(&Native, tab.framework())).unwrap();
    let signing = Signing {
        framework_sha256,
        app: App {
            name: "competency-widget".into(),
            version: "test".into(),
        },
        framework: tab.framework(),
        locale: "fr",
        now: 1_790_000_000_000,
        result_id: "r1".into(),
    };
    let assessment = tab.assessment().unwrap();
    let json = run(signing::sign_result(&Native, key, assessment, signing)).unwrap();
    store
        .set(&signing::stored_key(&assessment.id), &json)
        .unwrap();
    run(signing::describe(&Native, &json)).unwrap()
}

#[test]
fn submit_signs_queues_and_uploads_after_a_failure() {
    let store = MemoryStore::new();
    let tab = submitted(&store);
    let signed = sign(&store, &tab, &TestKey::new(7));
    assert_eq!(signed.result_id, "r1");
    // The result is a signed document any verifier accepts.
    let value: serde_json::Value = serde_json::from_str(&signed.json).unwrap();
    native::verify(&value, &Expectations::default()).unwrap();
    // What is shown of it is what the whole result, read strictly, says.
    let document = crate::result::ResultDocument::from_value(&value).unwrap();
    assert_eq!(signed.file_name, document.file_name());
    assert!(signed.file_name.starts_with("evaluation-awa-traore-peer-"));
    assert_eq!(signed.key_protection, document.rater.key_protection);
    assert_eq!(
        signed.key_fingerprint,
        crate::proof::fingerprint(&TestKey::new(7).public_key())
    );
    // After a reload, the kept result is shown as it was.
    let kept = store.get(&signing::stored_key("d1")).unwrap();
    assert_eq!(run(signing::describe(&Native, &kept)).unwrap(), signed);

    let headers = vec![("Authorization".to_owned(), "Bearer s3cret".to_owned())];
    let url = "https://portal.example/results";
    let mut credentials = uploads::Credentials::default();
    uploads::queue(&store, &mut credentials, "r1", url, &headers, &signed.json).unwrap();
    // Queued twice, sent once.
    uploads::queue(&store, &mut credentials, "r1", url, &headers, &signed.json).unwrap();
    // The portal's credential is never stored: only its header's name.
    assert!(store.entries().values().all(|v| !v.contains("s3cret")));
    let (mut due, next) = uploads::due(&store, &mut credentials, 10_000);
    assert_eq!((due.len(), next), (1, None));
    let mut upload = due.remove(0);
    uploads::sending(&store, &mut upload);
    assert_eq!(uploads::get(&store, "r1").unwrap().state, State::Sending);

    // The server is down: a retry is due a second later, not before.
    let retry = uploads::answered(&store, &mut upload, Err("HTTP 503".into()), 10_000);
    assert_eq!(retry, Some(11_000));
    assert_eq!(
        uploads::get(&store, "r1").unwrap().state,
        State::Failed {
            message: "HTTP 503".into(),
            retry_at: 11_000
        }
    );
    assert_eq!(
        uploads::due(&store, &mut credentials, 10_500),
        (vec![], Some(11_000))
    );
    // The page is reloaded: the credential is gone with it, and the upload waits for the
    // portal to give it again rather than be sent without it.
    let mut credentials = uploads::Credentials::default();
    uploads::retry_now(&store, &mut credentials, 10_600);
    assert_eq!(uploads::due(&store, &mut credentials, 10_600).0, vec![]);
    credentials.give(url, &headers);
    let (mut due, _) = uploads::due(&store, &mut credentials, 10_600);
    let mut upload = due.remove(0);
    assert_eq!(upload.body, signed.json);
    assert_eq!(credentials.headers_for(&upload), Some(headers.clone()));
    assert_eq!(uploads::answered(&store, &mut upload, Ok(()), 10_700), None);

    let sent = uploads::get(&store, "r1").unwrap();
    assert_eq!(sent.state, State::Sent { at: 10_700 });
    assert_eq!(sent.attempts, 2);
    assert!(sent.header_names.is_empty());
    // Nor the queue's copy of the result.
    assert!(sent.body.is_empty());
    assert!(
        store
            .entries()
            .values()
            .all(|value| !value.contains("s3cret"))
    );
    assert_eq!(
        uploads::due(&store, &mut credentials, 20_000),
        (vec![], None)
    );
}

#[test]
fn a_credential_an_earlier_version_stored_is_moved_to_memory_and_erased() {
    let store = MemoryStore::new();
    let earlier = r#"{"resultId":"r9","url":"https://portal.example/results","headers":[["Authorization","Bearer 0ld-s3cret"]],"body":"{}","attempts":1,"state":{"state":"failed","message":"HTTP 503","retry_at":5}}"#;
    store.put_raw("competency-widget.upload.r9", earlier);
    let mut credentials = uploads::Credentials::default();
    let (due, _) = uploads::due(&store, &mut credentials, 10);
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].header_names, vec!["Authorization".to_owned()]);
    assert_eq!(
        credentials.headers_for(&due[0]),
        Some(vec![(
            "Authorization".to_owned(),
            "Bearer 0ld-s3cret".to_owned()
        )])
    );
    assert!(store.entries().values().all(|v| !v.contains("0ld-s3cret")));

    // The portal's current credential is never replaced by an old one moved from storage.
    let store = MemoryStore::new();
    store.put_raw("competency-widget.upload.r9", earlier);
    let current = vec![("Authorization".to_owned(), "Bearer current".to_owned())];
    let mut credentials = uploads::Credentials::default();
    credentials.give("https://portal.example/results", &current);
    let (due, _) = uploads::due(&store, &mut credentials, 10);
    assert_eq!(credentials.headers_for(&due[0]), Some(current));
}

#[test]
fn the_wait_doubles_up_to_five_minutes() {
    let waits: Vec<u64> = (1..=12).map(uploads::backoff).collect();
    assert_eq!(&waits[..4], &[1_000, 2_000, 4_000, 8_000]);
    assert_eq!(waits[11], 300_000);
}

#[test]
fn a_result_file_that_fails_to_verify_says_why() {
    let store = MemoryStore::new();
    let tab = submitted(&store);
    let signed = sign(&store, &tab, &TestKey::new(7));
    let reference = run(checking::reference(&Native, tab.framework())).unwrap();
    let now = 1_790_000_100_000;
    let check = |text: &str| run(checking::check(&Native, text, &reference, now));

    assert!(matches!(check(&signed.json), Verdict::Valid { .. }));
    // A level changed after signing.
    let tampered = signed.json.replacen("\"trained\"", "\"expert\"", 1);
    assert_ne!(tampered, signed.json);
    assert_eq!(
        check(&tampered),
        Verdict::Invalid(Reason::Proof(ProofError::SignatureMismatch))
    );
    // A member given twice, which readers may take either way.
    let doubled = signed.json.replacen('{', "{\"id\": \"x\",", 1);
    assert!(matches!(check(&doubled), Verdict::Invalid(Reason::Json(_))));
    assert!(matches!(
        check("not a result"),
        Verdict::Invalid(Reason::Json(_))
    ));
    // Well signed by anyone, but for another framework than the one loaded here.
    let mut other = (**tab.framework()).clone();
    other.version = "9.9".into();
    let elsewhere = run(checking::reference(&Native, &other)).unwrap();
    assert!(matches!(
        run(checking::check(&Native, &signed.json, &elsewhere, now)),
        Verdict::Invalid(Reason::Check(_))
    ));
}

#[test]
fn clear_my_data_removes_everything_the_app_wrote() {
    let store = MemoryStore::new();
    store.put_raw("portal.session", "theirs");
    let mut tab = submitted(&store);
    let signed = sign(&store, &tab, &TestKey::new(7));
    let mut credentials = uploads::Credentials::default();
    let url = "https://portal.example/";
    uploads::queue(&store, &mut credentials, "r1", url, &[], &signed.json).unwrap();
    assert!(!store.keys(PREFIX).is_empty());

    // A second draft, saved but not submitted.
    let mut other = Rater::new(framework(), Scope::default(), false, &store);
    other
        .start(&store, "d2".into(), peer_of_awa(), 5_000)
        .unwrap();

    let cleared = tab.clear_all(&store);
    assert_eq!(
        cleared,
        super::Cleared {
            assessments: 2,
            results: 1,
            unsent: 1
        }
    );
    assert!(tab.assessment().is_none());
    assert!(store.keys(PREFIX).is_empty());
    assert!(store.journal().is_empty());
    // What the portal keeps on the same origin is not ours to remove.
    assert_eq!(store.get("portal.session").as_deref(), Some("theirs"));
    assert!(!tab.resume_last(&store));
}

#[test]
fn discarding_the_open_draft_closes_it() {
    let store = MemoryStore::new();
    let mut tab = Rater::new(framework(), Scope::default(), false, &store);
    tab.start(&store, "d1".into(), peer_of_awa(), 1_000)
        .unwrap();
    tab.discard(&store, "d1");
    assert!(tab.assessment().is_none());
    assert!(store.journal().is_empty());
    assert!(!tab.resume_last(&store));
}

/// A campaign planned for `reference`: Awa's self-assessment and one peer, Moussa.
fn campaign_file(reference: &crate::result::FrameworkReference) -> String {
    let token = native::sha256(b"another-token-of-22-chars");
    serde_json::json!({
        "type": "CompetencyCampaign",
        "formatVersion": 1,
        "id": "360-2027",
        "title": "360 2027, Ouagadougou",
        "framework": reference,
        "minRaters": 3,
        "subjects": [{ "id": "M-1024", "name": "Awa Traoré" }],
        "invitations": [
            {
                "id": "I-0001", "subject": "M-1024", "role": "self",
                "raterName": "Awa Traoré", "raterId": "M-1024",
                "tokenSha256": crate::proof::hex(&native::sha256(b"a-token-of-twenty-two-chars"))
            },
            {
                "id": "I-0002", "subject": "M-1024", "role": "peer",
                "raterName": "Moussa Diallo", "raterId": "P-7",
                "tokenSha256": crate::proof::hex(&token)
            }
        ]
    })
    .to_string()
}

/// Reads `files` into HR's session as the console does, one by one, at a fixed moment.
fn give(results: &mut Results, files: &[(&str, Option<&str>)]) {
    let framework = results.framework().clone();
    let reference = run(checking::reference(&Native, &framework));
    if let Ok(reference) = &reference {
        results.set_expected(reference.clone());
    }
    for (name, text) in files {
        let now = 1_790_000_100_000;
        let file = run(results::check_file(
            &Native, &framework, &reference, name, *text, now,
        ));
        results.add(name, file);
    }
}

#[test]
fn hr_sees_each_file_s_verdict_and_a_report_from_the_valid_ones_only() {
    let store = MemoryStore::new();
    let tab = submitted(&store);
    let signed = sign(&store, &tab, &TestKey::new(7));
    let tampered = signed.json.replacen("\"trained\"", "\"expert\"", 1);
    let mut results = Results::new(tab.framework().clone(), 1);
    assert!(results.report().is_none());

    give(
        &mut results,
        &[
            ("moussa.json", Some(&signed.json)),
            ("forged.json", Some(&tampered)),
            ("photo.jpg", None),
        ],
    );
    let verdicts: Vec<(&str, bool)> = results
        .checked()
        .iter()
        .map(|(name, v)| (name.as_str(), matches!(v, Verdict::Valid { .. })))
        .collect();
    assert_eq!(
        verdicts,
        vec![
            ("moussa.json", true),
            ("forged.json", false),
            ("photo.jpg", false)
        ]
    );
    assert_eq!(results.checked()[2].1, Verdict::Invalid(Reason::NotJson));
    let (report, completion) = results.report().unwrap();
    assert!(completion.is_none());
    assert_eq!(report.subjects.len(), 1);
    // The forged file is no source of the report: one peer, not two.
    assert_eq!(
        report.subjects[0].raters.values().sum::<usize>(),
        1,
        "{:?}",
        report.subjects[0].raters
    );
}

#[test]
fn a_campaign_file_binds_the_report_or_is_refused_with_its_problems() {
    let store = MemoryStore::new();
    let mut tab = Rater::new(framework(), Scope::default(), false, &store);
    let mut start = peer_of_awa();
    start.portal.invitation = Some(crate::assessment::InvitationRef {
        campaign: "360-2027".into(),
        token: "another-token-of-22-chars".into(),
    });
    tab.start(&store, "d1".into(), start, 1_000).unwrap();
    for id in competencies(&tab) {
        rate(&mut tab, &store, &id, "trained", 2_000);
    }
    tab.change(&store, 3_000, |a, f, now| a.submit(f, now))
        .unwrap();
    let signed = sign(&store, &tab, &TestKey::new(7));
    let reference = run(checking::reference(&Native, tab.framework())).unwrap();

    // A campaign planned with another content of the framework is refused, and said.
    let mut other = reference.clone();
    other.sha256 = "ab".repeat(32);
    let mut results = Results::new(tab.framework().clone(), 3);
    give(
        &mut results,
        &[
            ("campaign.json", Some(&campaign_file(&other))),
            ("moussa.json", Some(&signed.json)),
        ],
    );
    assert!(matches!(
        results.campaign(),
        Some(CampaignFile::Refused { .. })
    ));
    assert!(results.report().unwrap().1.is_none());

    // The right campaign: the peer's invitation is answered, the self-assessment pending.
    give(
        &mut results,
        &[("campaign.json", Some(&campaign_file(&reference)))],
    );
    assert!(matches!(
        results.campaign(),
        Some(CampaignFile::Loaded { .. })
    ));
    let (_, completion) = results.report().unwrap();
    let completion = completion.unwrap();
    let rows: Vec<(Role, usize, usize)> = completion
        .iter()
        .map(|row| (row.role, row.invited, row.answered))
        .collect();
    assert_eq!(rows, vec![(Role::SelfAssessment, 1, 0), (Role::Peer, 1, 1)]);
}

#[test]
fn without_the_framework_s_hash_nothing_is_checked_and_the_reason_is_the_real_one() {
    let framework = framework();
    let reference = Err(CryptoError::Unavailable("no SHA-256 here".into()));
    let file = run(results::check_file(
        &Native,
        &framework,
        &reference,
        "moussa.json",
        Some("{}"),
        0,
    ));
    assert_eq!(
        file,
        results::File::Result(Verdict::Invalid(Reason::Crypto(CryptoError::Unavailable(
            "no SHA-256 here".into()
        ))))
    );
}

#[test]
fn an_upload_s_state_is_stored_as_before_and_read_back() {
    let states = [
        (State::Queued, r#"{"state":"queued"}"#),
        (State::Sending, r#"{"state":"sending"}"#),
        (State::Sent { at: 5 }, r#"{"state":"sent","at":5}"#),
        (
            State::Failed {
                message: "HTTP 503".into(),
                retry_at: 9,
            },
            r#"{"state":"failed","message":"HTTP 503","retry_at":9}"#,
        ),
    ];
    for (state, json) in states {
        assert_eq!(serde_json::to_string(&state).unwrap(), json);
        assert_eq!(serde_json::from_str::<State>(json).unwrap(), state);
    }
    // A state without what it needs is not an upload this app wrote.
    assert!(serde_json::from_str::<State>(r#"{"state":"sent"}"#).is_err());
    assert!(serde_json::from_str::<State>(r#"{"state":"lost"}"#).is_err());
}

#[test]
fn a_result_signed_now_is_queued_and_announced_once_one_read_back_is_not_announced_again() {
    let store = MemoryStore::new();
    let tab = submitted(&store);
    let signed = sign(&store, &tab, &TestKey::new(7));
    let upload = crate::config::Upload {
        url: "https://portal.example/results".into(),
        headers: vec![("Authorization".into(), "Bearer t".into())],
    };
    let mut credentials = uploads::Credentials::default();

    let now = uploads::deliver(&store, &mut credentials, Some(&upload), &signed, true);
    assert_eq!(now.queued, Some(Ok(())));
    let announced = now.completed.expect("a result signed now is announced");
    assert_eq!(announced["fileName"], signed.file_name.as_str());
    assert_eq!(
        announced["result"],
        serde_json::from_str::<serde_json::Value>(&signed.json).unwrap()
    );

    // Read back after a reload: queued again changes nothing, and the portal is not told twice.
    let again = uploads::deliver(&store, &mut credentials, Some(&upload), &signed, false);
    assert_eq!((again.queued, again.completed), (Some(Ok(())), None));
    assert_eq!(uploads::due(&store, &mut credentials, 0).0.len(), 1);

    // Without an upload address nothing is queued; storage refusing the queue is said.
    let none = uploads::deliver(&store, &mut credentials, None, &signed, true);
    assert_eq!(none.queued, None);
    let refusing = MemoryStore::refused();
    let refused = uploads::deliver(&refusing, &mut credentials, Some(&upload), &signed, true);
    assert!(matches!(refused.queued, Some(Err(_))));
}
