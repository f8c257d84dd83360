//! Drafts in this browser's storage: one key per assessment, written in full at every change.
//! Before writing, the stored copy is merged in, so that two tabs on one draft never overwrite
//! each other's answers. A draft that cannot be read is moved aside, never overwritten.

use competency_core::Framework;
use competency_core::assessment::Assessment;
use competency_core::assessment::draft::{self, DraftError, Opened};

use crate::storage::{self, Health, Scope};

const DRAFT: &str = "draft.";
const UNREADABLE: &str = "unreadable.";
const LAST: &str = "last-draft";

pub fn key(scope: &Scope, id: &str) -> String {
    format!("{}{id}", scope.key(DRAFT))
}

/// A new draft id, unique in this browser.
pub fn new_id() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        // Integers, not floats: formatting a float would pull its code into the bundle.
        .unwrap_or_else(|| {
            let now = js_sys::Date::now() as u64;
            let random = (js_sys::Math::random() * 1e15) as u64;
            format!("{now:x}-{random:x}")
        })
}

/// Saves `assessment`, after merging in what another tab may have saved meanwhile (so the
/// caller's copy is updated too).
pub fn save(scope: &Scope, assessment: &mut Assessment) -> Result<(), Health> {
    let key = key(scope, &assessment.id);
    if let Some(Ok(stored)) = storage::get(&key).map(|json| draft::peek(&json)) {
        assessment.merge(&stored);
    }
    storage::set(&key, &draft::to_json(assessment))
}

/// Takes back from the journal what localStorage lost (a browser killed before it wrote its
/// last changes to disk): drafts are merged answer by answer, other entries restored when
/// missing. Opens the journal for the writes that follow.
pub async fn restore() {
    for (key, journaled) in crate::journal::open().await {
        if !key.starts_with(storage::PREFIX) {
            continue;
        }
        let current = storage::get(&key);
        let restored = if Scope::kind_of(&key).is_some_and(|kind| kind.starts_with(DRAFT)) {
            match (current.as_deref().map(draft::peek), draft::peek(&journaled)) {
                (Some(Ok(mut ours)), Ok(theirs)) => {
                    let before = ours.clone();
                    ours.merge(&theirs);
                    (ours != before).then(|| draft::to_json(&ours))
                }
                (None, Ok(_)) => Some(journaled),
                _ => None,
            }
        } else {
            current.is_none().then_some(journaled)
        };
        if let Some(value) = restored {
            let _ = storage::set(&key, &value);
        }
    }
}

/// The stored copy of draft `id`, if it can be read.
pub fn stored(scope: &Scope, id: &str) -> Option<Assessment> {
    draft::peek(&storage::get(&key(scope, id))?).ok()
}

/// Opens draft `id` against `framework`.
pub fn open(scope: &Scope, id: &str, framework: &Framework) -> Result<Opened, DraftError> {
    let json =
        storage::get(&key(scope, id)).ok_or_else(|| DraftError::Unreadable("missing".into()))?;
    draft::open(&json, framework)
}

/// The drafts in this browser that open against `framework`, newest first, and how many
/// others are kept aside (unreadable, from a newer version, or for another framework).
pub fn list(scope: &Scope, framework: &Framework) -> (Vec<Assessment>, usize) {
    let (drafts_key, unreadable_key) = (scope.key(DRAFT), scope.key(UNREADABLE));
    let mut drafts = Vec::new();
    let mut aside = storage::keys(&unreadable_key).len();
    for key in storage::keys(&drafts_key) {
        let Some(json) = storage::get(&key) else {
            continue;
        };
        match draft::open(&json, framework) {
            Ok(opened) => drafts.push(opened.assessment),
            Err(DraftError::Unreadable(_)) => {
                // Moved aside under another key: kept for whoever can repair it, and out of
                // the way of the list.
                let id = &key[drafts_key.len()..];
                if storage::set(&format!("{unreadable_key}{id}"), &json).is_ok() {
                    storage::remove(&key);
                }
                aside += 1;
            }
            Err(_) => aside += 1,
        }
    }
    drafts.sort_unstable_by_key(|a| std::cmp::Reverse(a.updated_at));
    (drafts, aside)
}

pub fn discard(scope: &Scope, id: &str) {
    storage::remove(&key(scope, id));
    if last(scope).as_deref() == Some(id) {
        storage::remove(&scope.key(LAST));
    }
}

/// The draft this browser had open last.
pub fn last(scope: &Scope) -> Option<String> {
    storage::get(&scope.key(LAST))
}

pub fn set_last(scope: &Scope, id: Option<&str>) {
    match id {
        Some(id) => {
            let _ = storage::set(&scope.key(LAST), id);
        }
        None => storage::remove(&scope.key(LAST)),
    }
}
