//! Every workflow of the app model, natively: a [`MemoryStore`] for the browser's storage
//! and its journal, Rust's SHA-256 and Ed25519 for WebCrypto.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use ed25519_dalek::Signer as _;

use super::checking::{self, Reason, Verdict};
use super::crypto::{Crypto, CryptoError, SigningKey};
use super::receipts::Out;
use super::results::{self, CampaignFile, Results};
use super::sealed;
use super::signing::{self, Signed, Signing};
use super::uploads::{self, State};
use super::{Health, MemoryStore, PREFIX, Portal, Rater, Scope, SharedStart, Start, Store, drafts};
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

/// The shell opens with the bundled framework in its default language alone; another
/// language brings the whole document, which changes nothing of the open assessment. Another
/// framework, or another version, is not taken.
#[test]
fn a_framework_in_more_languages_replaces_its_default_language_copy_and_nothing_else() {
    let store = MemoryStore::new();
    let first = Arc::new(Framework::from_json(bundled::FRAMEWORK_DEFAULT_LANGUAGE_JSON).unwrap());
    let mut rater = Rater::new(first.clone(), Scope::default(), false, &store);
    rater
        .start(&store, "d1".into(), peer_of_awa(), 1_000)
        .unwrap();
    let competency = competencies(&rater)[0].clone();
    rate(&mut rater, &store, &competency, "expert", 2_000);
    let before = rater.assessment().cloned();

    let mut other = (*framework()).clone();
    other.version = "9.9.9".into();
    assert!(!rater.add_languages(Arc::new(other)));
    let mut other = (*framework()).clone();
    other.id = "another".into();
    assert!(!rater.add_languages(Arc::new(other)));
    // The same id and version with another structure (a file forged or changed on the
    // server): a competency gone, one moved to another group, a requirement changed.
    let mut other = (*framework()).clone();
    other.competencies.pop();
    assert!(!rater.add_languages(Arc::new(other)));
    let mut other = (*framework()).clone();
    other.competencies[0].group = other.groups[1].id.clone();
    assert!(!rater.add_languages(Arc::new(other)));
    let mut other = (*framework()).clone();
    other.positions[0].requirements[0].critical ^= true;
    assert!(!rater.add_languages(Arc::new(other)));
    assert_eq!(rater.framework(), &first);

    assert!(rater.add_languages(framework()));
    assert_eq!(rater.framework().languages.len(), 2);
    let name = &rater.framework().competency(&competency).unwrap().name;
    assert!(
        name.get("en").is_some()
            && first
                .competency(&competency)
                .unwrap()
                .name
                .get("en")
                .is_none()
    );
    assert_eq!(rater.assessment().cloned(), before);
    assert_eq!(rating(&rater, &competency), level("expert"));
    // And back: a copy in fewer languages is not taken.
    assert!(!rater.add_languages(first));
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
    assert!(a.stored_elsewhere(&store, "competency-widget.draft.d1", written.as_deref()));
    assert_eq!(rating(&a, &ids[1]), level("trained"));
    // A key of another draft, or the same copy again, changes nothing.
    assert!(!a.stored_elsewhere(&store, "competency-widget.draft.d2", written.as_deref()));
    assert!(!a.stored_elsewhere(&store, "competency-widget.draft.d1", written.as_deref()));

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
    assert!(!tab.stored_elsewhere(&store, "competency-widget.draft.d1", Some(newer)));
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

/// The comment the peer's assessment of Awa carries, to look for in what is kept.
const COMMENT: &str = "Oublie souvent de viser les carnets TIR";

/// A peer's assessment of Awa, every competency rated, one commented, and submitted.
fn submitted(store: &dyn Store) -> Rater {
    submitted_as(store, peer_of_awa())
}

fn submitted_as(store: &dyn Store, start: Start) -> Rater {
    let mut tab = Rater::new(framework(), Scope::default(), false, store);
    tab.start(store, "d1".into(), start, 1_000).unwrap();
    for id in competencies(&tab) {
        rate(&mut tab, store, &id, "trained", 2_000);
    }
    let first = competencies(&tab)[0].clone();
    tab.change(store, 2_500, |a, f, now| {
        a.set_comment(f, &first, COMMENT, now)
    })
    .unwrap();
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

/// Signs `tab`'s submitted assessment and tells it so, as the export panel does.
fn sign_and_note(store: &dyn Store, tab: &mut Rater) -> Signed {
    let signed = sign(store, tab, &TestKey::new(7));
    let assessment = tab.assessment().unwrap().clone();
    tab.signed(store, &assessment, &signed).unwrap();
    signed
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

/// Whether anything the store or its journal keeps holds `text`.
fn kept_anywhere(store: &MemoryStore, text: &str) -> bool {
    let entries = store.entries().into_values();
    let journal = store.journal().into_iter().map(|(_, v)| v);
    entries.chain(journal).any(|v| v.contains(text))
}

#[test]
fn a_rating_of_someone_else_leaves_only_a_receipt_once_its_upload_is_acknowledged() {
    let store = MemoryStore::new();
    let mut tab = submitted(&store);
    let signed = sign_and_note(&store, &mut tab);
    let mut credentials = uploads::Credentials::default();
    let url = "https://portal.example/results";
    uploads::queue(&store, &mut credentials, "r1", url, &[], &signed.json).unwrap();
    // Not out yet: everything stays, to be sent or saved.
    assert!(!tab.settle(&store));
    assert!(tab.assessment().is_some());
    assert!(kept_anywhere(&store, COMMENT));
    assert!(
        kept_anywhere(&store, "trained"),
        "the levels are kept until then"
    );
    assert!(tab.receipts(&store).is_empty());

    let (mut due, _) = uploads::due(&store, &mut credentials, 10_000);
    uploads::answered(&store, &mut due[0], Ok(()), 10_100);
    assert!(tab.settle(&store), "the open rating went out and is closed");
    assert!(tab.assessment().is_none());
    // Neither its comment nor its levels are kept anywhere, the journal included.
    assert!(!kept_anywhere(&store, COMMENT));
    assert!(!kept_anywhere(&store, "trained"));
    assert!(store.get(&signing::stored_key("d1")).is_none());
    assert!(!tab.resume_last(&store));
    assert_eq!(tab.drafts(&store), (vec![], 0));
    let receipts = tab.receipts(&store);
    assert_eq!(receipts.len(), 1);
    let receipt = &receipts[0];
    assert_eq!(
        (
            receipt.subject_name.as_str(),
            receipt.role,
            receipt.submitted_at
        ),
        ("Awa Traoré", Role::Peer, 3_000)
    );
    assert_eq!(receipt.fingerprint, signed.fingerprint);
    assert_eq!(receipt.out, Some(Out::Uploaded { at: 10_100 }));
    // The receipt names neither the rater nor the portal's challenge.
    assert!(!kept_anywhere(&store, "Moussa"));
    assert!(!kept_anywhere(&store, "c-42"));

    // The same link again shows the receipt, and starts no second, empty rating.
    let again = tab
        .open_or_start(&store, "d2".into(), peer_of_awa(), 20_000)
        .unwrap();
    assert_eq!(again.as_ref(), Some(receipt));
    assert!(tab.assessment().is_none());
    // Another rater's link for the same person is theirs to answer.
    let mut colleague = peer_of_awa();
    colleague.portal.rater.id = "P-8".into();
    assert_eq!(
        tab.open_or_start(&store, "d3".into(), colleague, 20_000)
            .unwrap(),
        None
    );
    assert_eq!(tab.assessment().unwrap().id, "d3");
}

#[test]
fn without_an_upload_the_answers_stay_until_the_file_is_saved() {
    let store = MemoryStore::new();
    let mut tab = submitted(&store);
    let signed = sign_and_note(&store, &mut tab);
    // Noted twice (the result read back after a reload), it is one receipt.
    tab.signed(&store, tab.assessment().unwrap(), &signed)
        .unwrap();
    assert!(!tab.settle(&store));
    assert!(kept_anywhere(&store, COMMENT));
    assert!(kept_anywhere(&store, "trained"));

    assert!(tab.saved(&store, "d1", 9_000));
    assert!(tab.assessment().is_none());
    assert!(!kept_anywhere(&store, COMMENT));
    assert!(!kept_anywhere(&store, "trained"));
    assert_eq!(tab.receipts(&store)[0].out, Some(Out::Saved { at: 9_000 }));

    // A browser killed half-way through the erasure (a copy came back from elsewhere): the
    // next settling finishes it.
    store.put_raw("competency-widget.draft.d1", "{}");
    store.put_raw("competency-widget.unreadable.d1.2", COMMENT);
    store.put_raw("competency-widget.unreadable.d10", "another draft's");
    tab.settle(&store);
    assert!(!kept_anywhere(&store, COMMENT));
    assert!(store.get("competency-widget.draft.d1").is_none());
    assert!(store.get("competency-widget.unreadable.d10").is_some());
}

#[test]
fn a_self_assessment_stays_the_officer_s_own() {
    let store = MemoryStore::new();
    let mut own = peer_of_awa();
    own.role = Role::SelfAssessment;
    let mut tab = submitted_as(&store, own);
    sign_and_note(&store, &mut tab);
    assert!(!tab.saved(&store, "d1", 9_000));
    assert!(tab.assessment().is_some());
    assert!(kept_anywhere(&store, COMMENT));
    assert!(
        kept_anywhere(&store, "trained"),
        "the levels are kept until then"
    );
    assert!(tab.receipts(&store).is_empty());
}

#[test]
fn another_tab_that_settles_a_rating_closes_it_here() {
    let store = MemoryStore::new();
    let mut here = submitted(&store);
    let mut there = Rater::new(framework(), Scope::default(), false, &store);
    there.open(&store, "d1").unwrap();
    let signed = sign(&store, &there, &TestKey::new(7));
    there
        .signed(&store, there.assessment().unwrap(), &signed)
        .unwrap();
    assert!(there.saved(&store, "d1", 9_000));
    // The browser tells this tab the draft was removed.
    assert!(here.stored_elsewhere(&store, "competency-widget.draft.d1", None));
    assert!(here.assessment().is_none());
}

#[test]
fn discarding_a_signed_rating_removes_its_result_and_its_pending_receipt() {
    let store = MemoryStore::new();
    let mut tab = submitted(&store);
    sign_and_note(&store, &mut tab);
    tab.discard(&store, "d1");
    assert!(!kept_anywhere(&store, COMMENT));
    assert!(store.keys(PREFIX).is_empty());
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
        let read = |json: &str| State::from_value(&serde_json::from_str(json).unwrap());
        assert_eq!(read(json), Some(state));
    }
    // A state without what it needs is not an upload this app wrote.
    let read = |json: &str| State::from_value(&serde_json::from_str(json).unwrap());
    assert_eq!(read(r#"{"state":"sent"}"#), None);
    assert_eq!(read(r#"{"state":"lost"}"#), None);
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

/// The platform's key derivation and authenticated encryption, for tests: SHA-256 in
/// counter mode with a SHA-256 tag. (The browser uses WebCrypto's PBKDF2 and AES-GCM; the
/// end-to-end tests prove those on the raw storage.)
struct TestLock {
    counter: std::cell::Cell<u8>,
}

impl TestLock {
    fn new() -> Self {
        TestLock {
            counter: std::cell::Cell::new(0),
        }
    }
}

#[derive(Debug, Clone)]
struct TestSealKey([u8; 32]);

impl TestSealKey {
    fn stream(&self, nonce: &[u8], data: &[u8]) -> Vec<u8> {
        data.chunks(32)
            .enumerate()
            .flat_map(|(i, chunk)| {
                let block =
                    native::sha256(&[&self.0[..], nonce, &(i as u64).to_le_bytes()].concat());
                chunk
                    .iter()
                    .zip(block)
                    .map(|(a, b)| a ^ b)
                    .collect::<Vec<u8>>()
            })
            .collect()
    }

    fn tag(&self, nonce: &[u8], data: &[u8]) -> [u8; 32] {
        native::sha256(&[&self.0[..], nonce, data].concat())
    }
}

impl sealed::Lock for TestLock {
    type Key = TestSealKey;

    async fn derive(&self, code: &str, salt: &[u8; 16]) -> Result<TestSealKey, CryptoError> {
        Ok(TestSealKey(native::sha256(
            &[code.as_bytes(), salt].concat(),
        )))
    }

    fn random(&self, out: &mut [u8]) {
        let n = self.counter.get().wrapping_add(1);
        self.counter.set(n);
        out.fill(n);
    }
}

impl sealed::SealKey for TestSealKey {
    async fn seal(&self, nonce: &[u8; 12], plain: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let data = self.stream(nonce, plain);
        Ok([&self.tag(nonce, &data)[..], &data].concat())
    }

    async fn open(&self, nonce: &[u8; 12], data: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let (tag, data) = data
            .split_at_checked(32)
            .ok_or_else(|| CryptoError::Failed("short".into()))?;
        if tag != self.tag(nonce, data) {
            return Err(CryptoError::Failed("not this key".into()));
        }
        Ok(self.stream(nonce, data))
    }
}

/// Opens draft `id` of the default scope with `code`, as the locked list does.
fn unlock(
    store: &dyn Store,
    lock: &TestLock,
    id: &str,
    code: &str,
) -> Result<
    (
        crate::assessment::draft::Opened,
        sealed::Unlocked<TestSealKey>,
    ),
    sealed::UnlockError,
> {
    run(sealed::unlock(
        store,
        &Scope::default(),
        lock,
        id,
        code,
        &framework(),
    ))
}

/// A tab that starts assessment `id` of `start` at `now`, sealed with `code`, and saves it.
fn sealed_tab(
    store: &dyn Store,
    lock: &TestLock,
    id: &str,
    code: &str,
    start: Start,
    now: u64,
) -> (Rater, sealed::Unlocked<TestSealKey>) {
    let mut tab = Rater::new(framework(), Scope::default(), false, store);
    let key = run(sealed::create(lock, code, start.digest())).unwrap();
    tab.start_sealed(store, id.into(), start, now).unwrap();
    seal_pending(&mut tab, store, lock, &key);
    (tab, key)
}

/// Saves the open sealed assessment as the shell does: takes it, seals it, gives it back.
fn seal_pending(
    tab: &mut Rater,
    store: &dyn Store,
    lock: &TestLock,
    unlocked: &sealed::Unlocked<TestSealKey>,
) {
    while let Some(mut assessment) = tab.take_seal_due() {
        let outcome = run(sealed::save(
            store,
            &Scope::default(),
            lock,
            unlocked,
            &mut assessment,
        ));
        tab.sealed_saved(&assessment, outcome);
    }
}

#[test]
fn a_sealed_draft_keeps_nothing_in_clear_and_opens_only_with_its_code() {
    let store = MemoryStore::new();
    let lock = TestLock::new();
    let scope = Scope::default();
    let (mut tab, key) = sealed_tab(&store, &lock, "d1", "sable-42", peer_of_awa(), 1_000);
    let first = competencies(&tab)[0].clone();
    rate(&mut tab, &store, &first, "expert", 2_000);
    tab.change(&store, 2_500, |a, f, now| {
        a.set_comment(f, &first, COMMENT, now)
    })
    .unwrap();
    seal_pending(&mut tab, &store, &lock, &key);
    assert_eq!(tab.health(), Health::Saving);

    // Nothing in clear: no comment, no level, no name, no "open last".
    for text in [COMMENT, "expert", "Awa", "Moussa", "last-draft"] {
        assert!(!kept_anywhere(&store, text), "{text} is kept in clear");
        assert!(store.keys(PREFIX).iter().all(|k| !k.contains(text)));
    }
    assert_eq!(tab.drafts(&store), (vec![], 0));
    let locked = sealed::list(&store, &scope);
    assert_eq!(locked.len(), 1);
    assert_eq!(
        locked[0],
        sealed::Locked {
            id: "d1".into(),
            updated_at: 2_500
        }
    );
    tab.close(&store);

    // A wrong code opens nothing and changes nothing.
    let before = (store.entries(), store.journal());
    let wrong = unlock(&store, &lock, "d1", "sable-43");
    assert_eq!(wrong.unwrap_err(), sealed::UnlockError::WrongCode);
    assert_eq!((store.entries(), store.journal()), before);

    // The right code resumes, answers and all, and saves go on sealed.
    let (opened, key) = unlock(&store, &lock, "d1", "sable-42").unwrap();
    tab.open_unlocked(&store, opened);
    assert!(tab.is_sealed());
    assert_eq!(rating(&tab, &first), level("expert"));
    assert_eq!(tab.assessment().unwrap().answers[&first].comment, COMMENT);
    let second = competencies(&tab)[1].clone();
    rate(&mut tab, &store, &second, "trained", 3_000);
    seal_pending(&mut tab, &store, &lock, &key);
    assert!(!kept_anywhere(&store, "trained"));
    assert_eq!(sealed::list(&store, &scope)[0].updated_at, 3_000);

    // Another tab with the same draft open: each save merges the other's answers.
    let (opened, key_b) = unlock(&store, &lock, "d1", "sable-42").unwrap();
    let mut other = Rater::new(framework(), scope.clone(), false, &store);
    other.open_unlocked(&store, opened);
    let third = competencies(&tab)[2].clone();
    rate(&mut other, &store, &third, "advanced", 4_000);
    seal_pending(&mut other, &store, &lock, &key_b);
    rate(&mut tab, &store, &first, "awareness", 5_000);
    seal_pending(&mut tab, &store, &lock, &key);
    assert_eq!(rating(&tab, &third), level("advanced"));
    assert_eq!(rating(&tab, &first), level("awareness"));
}

#[test]
fn a_code_is_long_enough_and_typed_the_same_twice() {
    assert_eq!(
        sealed::check_code("abcde", "abcde"),
        Err(sealed::CodeProblem::Short)
    );
    // Characters, not bytes: five accented letters are still five.
    assert_eq!(
        sealed::check_code("ééééé", "ééééé"),
        Err(sealed::CodeProblem::Short)
    );
    assert_eq!(
        sealed::check_code("sable-42", "sable-24"),
        Err(sealed::CodeProblem::Mismatch)
    );
    assert_eq!(sealed::check_code("sable-42", "sable-42"), Ok(()));
}

#[test]
fn a_link_on_a_shared_device_finds_its_locked_draft_then_its_receipt() {
    let store = MemoryStore::new();
    let lock = TestLock::new();
    let mut tab = Rater::new(framework(), Scope::default(), false, &store);
    let start = peer_of_awa();
    assert_eq!(tab.shared_start(&store, &start), SharedStart::ChooseCode);

    let key = run(sealed::create(&lock, "sable-42", start.digest())).unwrap();
    tab.start_sealed(&store, "d1".into(), start.clone(), 1_000)
        .unwrap();
    for id in competencies(&tab) {
        rate(&mut tab, &store, &id, "trained", 2_000);
    }
    seal_pending(&mut tab, &store, &lock, &key);
    assert_eq!(tab.shared_start(&store, &start), SharedStart::Locked);
    // Another rater's link for the same person is not theirs.
    let mut colleague = peer_of_awa();
    colleague.portal.rater.id = "P-8".into();
    assert_eq!(
        tab.shared_start(&store, &colleague),
        SharedStart::ChooseCode
    );

    tab.change(&store, 3_000, |a, f, now| a.submit(f, now))
        .unwrap();
    seal_pending(&mut tab, &store, &lock, &key);
    sign_and_note(&store, &mut tab);
    assert!(tab.saved(&store, "d1", 9_000));
    match tab.shared_start(&store, &start) {
        SharedStart::Sent(receipt) => assert_eq!(receipt.assessment_id, "d1"),
        other => panic!("expected the receipt, found {other:?}"),
    }
}

#[test]
fn a_forgotten_code_costs_that_draft_alone() {
    let store = MemoryStore::new();
    let lock = TestLock::new();
    let scope = Scope::default();
    let (mut mine, _) = sealed_tab(&store, &lock, "d1", "mon-code", peer_of_awa(), 1_000);
    sealed_tab(&store, &lock, "d2", "leur-code", peer_of_awa(), 2_000);
    let mut plain = Rater::new(framework(), scope.clone(), false, &store);
    plain
        .start(&store, "d3".into(), peer_of_awa(), 3_000)
        .unwrap();
    assert!(!plain.is_sealed());

    // Each code opens its own draft only.
    let cross = unlock(&store, &lock, "d2", "mon-code");
    assert_eq!(cross.unwrap_err(), sealed::UnlockError::WrongCode);
    // Forgotten: that draft is removed, the others stay.
    mine.discard(&store, "d1");
    let left: Vec<String> = sealed::list(&store, &scope)
        .into_iter()
        .map(|l| l.id)
        .collect();
    assert_eq!(left, vec!["d2"]);
    assert!(unlock(&store, &lock, "d2", "leur-code").is_ok());
    assert_eq!(mine.drafts(&store).0.len(), 1, "the plain draft stays");
}

#[test]
fn a_sealed_rating_keeps_its_result_sealed_and_leaves_only_a_receipt_once_out() {
    let store = MemoryStore::new();
    let lock = TestLock::new();
    let scope = Scope::default();
    let (mut tab, key) = sealed_tab(&store, &lock, "d1", "sable-42", peer_of_awa(), 1_000);
    for id in competencies(&tab) {
        rate(&mut tab, &store, &id, "trained", 2_000);
    }
    let first = competencies(&tab)[0].clone();
    tab.change(&store, 2_500, |a, f, now| {
        a.set_comment(f, &first, COMMENT, now)
    })
    .unwrap();
    tab.change(&store, 3_000, |a, f, now| a.submit(f, now))
        .unwrap();
    seal_pending(&mut tab, &store, &lock, &key);
    // Signed, the result is kept sealed with the draft's key.
    let signed = sign(&store, &tab, &TestKey::new(7));
    run(sealed::keep_result(
        &store,
        &lock,
        Some(&key),
        "d1",
        &signed.json,
        4_000,
    ))
    .unwrap();
    assert!(!kept_anywhere(&store, COMMENT));
    assert_eq!(
        run(sealed::kept_result(&store, Some(&key), "d1")).as_deref(),
        Some(signed.json.as_str())
    );
    assert_eq!(
        run(sealed::kept_result::<TestSealKey>(&store, None, "d1")),
        None
    );

    tab.signed(&store, tab.assessment().unwrap(), &signed)
        .unwrap();
    assert!(tab.saved(&store, "d1", 9_000));
    assert!(sealed::list(&store, &scope).is_empty());
    assert!(store.get(&signing::stored_key("d1")).is_none());
    assert_eq!(tab.receipts(&store).len(), 1);
}
