//! Drafts in this browser's storage: one key per assessment, written in full at every change.
//! Before writing, the stored copy is merged in, so that two tabs on one draft never overwrite
//! each other's answers. A draft that cannot be read is moved aside, never overwritten,
//! whichever path meets it (saving, restoring, listing); one a newer version of the app wrote
//! is left as it is.

use competency_core::Framework;
use competency_core::assessment::Assessment;
use competency_core::assessment::draft::{self, DraftError, Opened};

use crate::idb::{self, Status};
use crate::journal;
use crate::storage::{self, Health, Scope};

const DRAFT: &str = "draft.";
const UNREADABLE: &str = "unreadable.";
const LAST: &str = "last-draft";

/// The key draft `id` is saved under.
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
/// caller's copy is updated too). A stored copy that cannot be read is moved aside first; one
/// a newer version of the app wrote is left as it is, and the assessment goes on in memory
/// ([`Health::NewerDraft`]).
pub fn save(scope: &Scope, assessment: &mut Assessment) -> Result<(), Health> {
    let key = key(scope, &assessment.id);
    if let Some(json) = storage::get(&key) {
        match draft::peek(&json) {
            Ok(stored) => assessment.merge(&stored),
            Err(DraftError::NewerFormat(_)) => return Err(Health::NewerDraft),
            Err(_) => set_aside(scope, &assessment.id, &json)?,
        }
    }
    storage::set(&key, &draft::to_json(assessment))
}

/// Takes back from the journal what localStorage lost (a browser killed before it wrote its
/// last changes to disk, or a copy damaged since): see [`take_back`]. Opens the journal for
/// the writes that follow; when another tab holds up the database, returns at once and takes
/// back what the journal holds once it opens.
pub async fn restore() {
    take_back(journal::open().await);
    if idb::status() == Status::Blocked {
        leptos::task::spawn_local(async {
            if let Some(entries) = journal::opened_later().await {
                take_back(entries);
            }
        });
    }
}

/// Restores the journal's `entries` into localStorage: other entries when missing there,
/// drafts by [`restored_draft`].
fn take_back(entries: Vec<(String, String)>) {
    for (key, journaled) in entries {
        if !key.starts_with(storage::PREFIX) {
            continue;
        }
        let current = storage::get(&key);
        let draft = Scope::of(&key).zip(Scope::kind_of(&key).and_then(|k| k.strip_prefix(DRAFT)));
        let restored = match draft {
            Some((scope, id)) => restored_draft(&scope, id, current, journaled),
            None => current.is_none().then_some(journaled),
        };
        if let Some(value) = restored {
            let _ = storage::set(&key, &value);
        }
    }
}

/// What to write as draft `id`, given localStorage's copy and the journal's, when anything:
/// the two merged when both can be read; else the journal's, when it can be read or a newer
/// version of the app wrote it, in place of none, of an older copy, or of one that cannot be
/// read (moved aside first). A copy a newer version wrote in localStorage stays as it is.
fn restored_draft(
    scope: &Scope,
    id: &str,
    current: Option<String>,
    journaled: String,
) -> Option<String> {
    let ours = current.as_deref().map(draft::peek);
    match (ours, draft::peek(&journaled)) {
        (Some(Err(DraftError::NewerFormat(_))), _) => None,
        (Some(Ok(mut ours)), Ok(theirs)) => {
            let before = ours.clone();
            ours.merge(&theirs);
            (ours != before).then(|| draft::to_json(&ours))
        }
        // A journal copy that cannot be read restores nothing: localStorage's stands (moved
        // aside when drafts are listed, if it cannot be read either).
        (_, Err(DraftError::Unreadable(_) | DraftError::OtherFramework { .. })) => None,
        (Some(Err(_)), _) => {
            set_aside(scope, id, current.as_deref()?).ok()?;
            Some(journaled)
        }
        (None | Some(Ok(_)), _) => Some(journaled),
    }
}

/// Moves `json`, a copy of draft `id` that cannot be read, aside: under a key of its own
/// (`unreadable.<id>`, numbered when that one holds another copy), for whoever can repair
/// it, and out of localStorage's draft key. The journal keeps its copy of the draft key, which
/// may still be good, for the next [`restore`].
fn set_aside(scope: &Scope, id: &str, json: &str) -> Result<(), Health> {
    let first = format!("{}{id}", scope.key(UNREADABLE));
    let mut aside = first.clone();
    for n in 2.. {
        match storage::get(&aside) {
            None => {
                storage::set(&aside, json)?;
                break;
            }
            Some(kept) if kept == json => break,
            Some(_) => aside = format!("{first}.{n}"),
        }
    }
    storage::remove_locally(&key(scope, id));
    Ok(())
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
    let drafts_key = scope.key(DRAFT);
    let mut drafts = Vec::new();
    let mut aside = 0;
    for key in storage::keys(&drafts_key) {
        let Some(json) = storage::get(&key) else {
            continue;
        };
        match draft::open(&json, framework) {
            Ok(opened) => drafts.push(opened.assessment),
            Err(DraftError::Unreadable(_)) => {
                // Out of the way of the list, kept for whoever can repair it.
                let id = &key[drafts_key.len()..];
                if set_aside(scope, id, &json).is_err() {
                    aside += 1;
                }
            }
            Err(_) => aside += 1,
        }
    }
    aside += storage::keys(&scope.key(UNREADABLE)).len();
    drafts.sort_unstable_by_key(|a| std::cmp::Reverse(a.updated_at));
    (drafts, aside)
}

/// Removes draft `id` (from the journal too), and forgets it was open last.
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

/// Remembers draft `id` as the one open last, or forgets it.
pub fn set_last(scope: &Scope, id: Option<&str>) {
    match id {
        Some(id) => {
            let _ = storage::set(&scope.key(LAST), id);
        }
        None => storage::remove(&scope.key(LAST)),
    }
}
