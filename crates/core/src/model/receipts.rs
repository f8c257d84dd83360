//! Receipts: what a browser keeps of a rating of someone else once it is safely out (the
//! portal acknowledged its upload, or the rater saved its file). Whom it was about, in which
//! role, when, its fingerprint and how it went out; never its answers. On a shared computer
//! the next person at the keyboard may be the person rated: once out, nothing in the browser
//! can show what their colleague answered.
//!
//! A receipt is noted, not yet out, when the result is signed (its fingerprint is known
//! then). [`settle`] then finds those now out and erases the rest: the draft, the kept
//! result, copies set aside, from storage and its journal. The upload queue keeps its copy
//! of the result only until the portal acknowledges it ([`super::uploads::answered`]). A
//! self-assessment is the officer's own and is never settled.

use crate::assessment::{Assessment, InvitationRef, RaterRef, Role, Subject};

use super::store::{Health, Scope, Store};
use super::uploads::{self, State};
use super::{drafts, sealed, signing};

const RECEIPT: &str = "receipt.";
const UNREADABLE: &str = "unreadable.";

/// How a rating went out of the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Out {
    /// The portal acknowledged its upload.
    Uploaded { at: u64 },
    /// The rater saved its file.
    Saved { at: u64 },
}

/// What stays of a rating of someone else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub assessment_id: String,
    /// Whom the rating was about, as shown.
    pub subject_name: String,
    pub role: Role,
    pub position: Option<String>,
    pub submitted_at: u64,
    pub result_id: String,
    /// The signed result's short fingerprint, to compare with what HR received.
    pub fingerprint: String,
    pub file_name: String,
    /// Which start (which link) it answered: a digest of the subject, role, position, rater
    /// and invitation, so that the same link shows this receipt rather than a new, empty
    /// rating, while the receipt names neither the rater nor the invitation's token.
    pub start: String,
    /// When and how it went out; `None` while its answers are still here.
    pub out: Option<Out>,
}

impl Receipt {
    /// The receipt as stored: `{"assessmentId": …, "out": {"how": "uploaded", "at": …}}`.
    /// Written and read through `serde_json::Value`, which the page carries anyway, rather
    /// than derived code of its own.
    fn to_json(&self) -> String {
        let out = self.out.map(|out| {
            let (how, at) = match out {
                Out::Uploaded { at } => ("uploaded", at),
                Out::Saved { at } => ("saved", at),
            };
            serde_json::json!({ "how": how, "at": at })
        });
        crate::json::to_string(&serde_json::json!({
            "assessmentId": self.assessment_id,
            "subjectName": self.subject_name,
            "role": self.role.id(),
            "position": self.position,
            "submittedAt": self.submitted_at,
            "resultId": self.result_id,
            "fingerprint": self.fingerprint,
            "fileName": self.file_name,
            "start": self.start,
            "out": out,
        }))
    }

    fn from_json(json: &str) -> Option<Receipt> {
        let value = crate::json::parse(json, super::store::MAX_STORED_BYTES).ok()?;
        let text = |field: &str| value.get(field)?.as_str().map(str::to_owned);
        let out = match value.get("out").filter(|o| !o.is_null()) {
            None => None,
            Some(out) => {
                let at = out.get("at")?.as_u64()?;
                Some(match out.get("how")?.as_str()? {
                    "uploaded" => Out::Uploaded { at },
                    "saved" => Out::Saved { at },
                    _ => return None,
                })
            }
        };
        Some(Receipt {
            assessment_id: text("assessmentId")?,
            subject_name: text("subjectName")?,
            role: Role::from_id(value.get("role")?.as_str()?)?,
            position: text("position"),
            submitted_at: value.get("submittedAt")?.as_u64()?,
            result_id: text("resultId")?,
            fingerprint: text("fingerprint")?,
            file_name: text("fileName")?,
            start: text("start")?,
            out,
        })
    }
}

/// The digest naming a start ([`Receipt::start`]): FNV-1a over whom it is about (as the
/// assessment records it, trimmed), the role, the position, the rater and the invitation,
/// each field ended by a separator. It identifies; it protects nothing the receipt does not
/// show.
pub fn start_digest(
    subject: &Subject,
    role: Role,
    position: Option<&str>,
    rater: &RaterRef,
    invitation: Option<&InvitationRef>,
) -> String {
    let subject = subject.trimmed();
    let fields = [
        subject.id.as_str(),
        subject.name.as_str(),
        role.id(),
        position.unwrap_or(""),
        rater.id.as_str(),
        rater.name.as_str(),
        invitation.map_or("", |i| i.campaign.as_str()),
        invitation.map_or("", |i| i.token.as_str()),
    ];
    let hash = crate::fnv::fnv1a(fields.iter().flat_map(|f| f.bytes().chain([0xff])));
    format!("{hash:016x}")
}

fn digest_of(assessment: &Assessment) -> String {
    start_digest(
        &assessment.subject,
        assessment.role,
        assessment.position.as_deref(),
        &assessment.rater,
        assessment.invitation.as_ref(),
    )
}

fn key(scope: &Scope, assessment_id: &str) -> String {
    format!("{}{assessment_id}", scope.key(RECEIPT))
}

fn save(store: &dyn Store, scope: &Scope, receipt: &Receipt) -> Result<(), Health> {
    store.set(&key(scope, &receipt.assessment_id), &receipt.to_json())
}

/// The receipt of assessment `assessment_id`, when one was noted.
pub fn get(store: &dyn Store, scope: &Scope, assessment_id: &str) -> Option<Receipt> {
    Receipt::from_json(&store.get(&key(scope, assessment_id))?)
}

/// Notes the receipt of the submitted `assessment`, signed as `signed`, not yet out: a
/// rating of someone else only (a self-assessment stays the officer's), and once (a receipt
/// noted before keeps how it went out).
pub fn note(
    store: &dyn Store,
    scope: &Scope,
    assessment: &Assessment,
    signed: &signing::Signed,
) -> Result<(), Health> {
    let crate::assessment::Status::Submitted { at } = assessment.status else {
        return Ok(());
    };
    if assessment.role == Role::SelfAssessment || get(store, scope, &assessment.id).is_some() {
        return Ok(());
    }
    save(
        store,
        scope,
        &Receipt {
            assessment_id: assessment.id.clone(),
            subject_name: assessment.subject.name.clone(),
            role: assessment.role,
            position: assessment.position.clone(),
            submitted_at: at,
            result_id: signed.result_id.clone(),
            fingerprint: signed.fingerprint.clone(),
            file_name: signed.file_name.clone(),
            start: digest_of(assessment),
            out: None,
        },
    )
}

/// The rater saved the file of assessment `assessment_id` at `now`: its rating is out, and
/// [`settle`]d. Returns the assessments settled.
pub fn saved(store: &dyn Store, scope: &Scope, assessment_id: &str, now: u64) -> Vec<String> {
    if let Some(mut receipt) = get(store, scope, assessment_id)
        && receipt.out.is_none()
    {
        receipt.out = Some(Out::Saved { at: now });
        // A store that refuses it keeps the answers: nothing is erased that the receipt
        // would not replace.
        if save(store, scope, &receipt).is_err() {
            return Vec::new();
        }
    }
    settle(store, scope)
}

/// Marks out the ratings whose upload the portal acknowledged, and erases the answers of
/// every rating out: its draft, its kept result and any copy set aside, from storage and its
/// journal. Idempotent: a browser killed half-way is settled at the next call. Returns the
/// assessments whose answers were erased now.
pub fn settle(store: &dyn Store, scope: &Scope) -> Vec<String> {
    let mut erased = Vec::new();
    for mut receipt in all(store, scope) {
        if receipt.out.is_none()
            && let Some(State::Sent { at }) =
                uploads::get(store, &receipt.result_id).map(|u| u.state)
        {
            receipt.out = Some(Out::Uploaded { at });
            if save(store, scope, &receipt).is_err() {
                continue;
            }
        }
        if receipt.out.is_some() && erase(store, scope, &receipt.assessment_id) {
            erased.push(receipt.assessment_id);
        }
    }
    erased
}

/// Erases what is kept of assessment `id` but its receipt; whether anything was there.
fn erase(store: &dyn Store, scope: &Scope, id: &str) -> bool {
    let aside = format!("{}{id}", scope.key(UNREADABLE));
    let mut keys = vec![
        drafts::key(scope, id),
        sealed::key(scope, id),
        signing::stored_key(id),
    ];
    keys.extend(
        store
            .keys(&aside)
            .into_iter()
            .filter(|k| k[aside.len()..].is_empty() || k[aside.len()..].starts_with('.')),
    );
    let present = keys.iter().any(|k| store.get(k).is_some());
    for key in &keys {
        store.remove(key);
    }
    if drafts::last(store, scope).as_deref() == Some(id) {
        drafts::set_last(store, scope, None).ok();
    }
    present
}

fn all(store: &dyn Store, scope: &Scope) -> Vec<Receipt> {
    store
        .keys(&scope.key(RECEIPT))
        .into_iter()
        .filter_map(|k| Receipt::from_json(&store.get(&k)?))
        .collect()
}

/// The receipts of ratings out, newest first.
pub fn list(store: &dyn Store, scope: &Scope) -> Vec<Receipt> {
    let mut out: Vec<Receipt> = Vec::new();
    // A handful at most: placed in order as they come, without a sort's code of their own.
    for receipt in all(store, scope).into_iter().filter(|r| r.out.is_some()) {
        let at = out
            .iter()
            .position(|r| r.submitted_at < receipt.submitted_at)
            .unwrap_or(out.len());
        out.insert(at, receipt);
    }
    out
}

/// The receipt of a rating out that answered the start `digest` ([`start_digest`]).
pub fn of_start(store: &dyn Store, scope: &Scope, digest: &str) -> Option<Receipt> {
    list(store, scope).into_iter().find(|r| r.start == digest)
}

/// Forgets the receipt of assessment `id` while its rating is still here (the rater
/// discarded it); a receipt of a rating out stays.
pub fn forget_pending(store: &dyn Store, scope: &Scope, id: &str) {
    if get(store, scope, id).is_some_and(|r| r.out.is_none()) {
        store.remove(&key(scope, id));
    }
}
