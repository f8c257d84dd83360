//! Drafts in a [`Store`]: one key per assessment, written in full at every change. Before
//! writing, the stored copy is merged in, so that two tabs on one draft never overwrite each
//! other's answers. A draft that cannot be read is moved aside, never overwritten, whichever
//! path meets it (saving, restoring, tidying); one a newer version of the app wrote is left
//! as it is.

use crate::Framework;
use crate::assessment::Assessment;
use crate::assessment::draft::{self, DraftError, Opened};

use super::store::{Health, PREFIX, Scope, Store};

const DRAFT: &str = "draft.";
const UNREADABLE: &str = "unreadable.";
const LAST: &str = "last-draft";

/// The key draft `id` is saved under.
pub fn key(scope: &Scope, id: &str) -> String {
    format!("{}{id}", scope.key(DRAFT))
}

/// Saves `assessment`, after merging in what another tab may have saved meanwhile (so the
/// caller's copy is updated too). A stored copy that cannot be read is moved aside first; one
/// a newer version of the app wrote is left as it is, and the assessment goes on in memory
/// ([`Health::NewerDraft`]).
pub fn save(store: &dyn Store, scope: &Scope, assessment: &mut Assessment) -> Result<(), Health> {
    let key = key(scope, &assessment.id);
    if let Some(json) = store.get(&key) {
        match draft::peek(&json) {
            Ok(stored) => assessment.merge(&stored),
            Err(DraftError::NewerFormat(_)) => return Err(Health::NewerDraft),
            Err(_) => set_aside(store, scope, &assessment.id, &json)?,
        }
    }
    store.set(&key, &draft::to_json(assessment))
}

/// Takes back from the journal's `entries` what the store lost (a browser killed before it
/// wrote its last changes to disk, or a copy damaged since): other entries when missing,
/// drafts by [`restored_draft`].
pub fn take_back(store: &dyn Store, entries: Vec<(String, String)>) {
    for (key, journaled) in entries {
        if !key.starts_with(PREFIX) {
            continue;
        }
        let current = store.get(&key);
        let draft = Scope::of(&key).zip(Scope::kind_of(&key).and_then(|k| k.strip_prefix(DRAFT)));
        let restored = match draft {
            Some((scope, id)) => restored_draft(store, &scope, id, current, journaled),
            None => current.is_none().then_some(journaled),
        };
        // A store that refuses it now keeps the journal's copy for the next start.
        if let Some(value) = restored {
            store.set(&key, &value).ok();
        }
    }
}

/// What to write as draft `id`, given the store's copy and the journal's, when anything: the
/// two merged when both can be read; else the journal's, when it can be read or a newer
/// version of the app wrote it, in place of none, of an older copy, or of one that cannot be
/// read (moved aside first). A copy a newer version wrote in the store stays as it is.
fn restored_draft(
    store: &dyn Store,
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
        // A journal copy that cannot be read restores nothing: the store's stands (moved
        // aside when drafts are tidied, if it cannot be read either).
        (_, Err(DraftError::Unreadable(_) | DraftError::OtherFramework { .. })) => None,
        (Some(Err(_)), _) => {
            set_aside(store, scope, id, current.as_deref()?).ok()?;
            Some(journaled)
        }
        (None | Some(Ok(_)), _) => Some(journaled),
    }
}

/// Moves `json`, a copy of draft `id` that cannot be read, aside: under a key of its own
/// (`unreadable.<id>`, numbered when that one holds another copy), for whoever can repair
/// it, and out of the store's draft key. The journal keeps its copy of the draft key, which
/// may still be good, for the next [`take_back`].
fn set_aside(store: &dyn Store, scope: &Scope, id: &str, json: &str) -> Result<(), Health> {
    let first = format!("{}{id}", scope.key(UNREADABLE));
    let mut aside = first.clone();
    for n in 2.. {
        match store.get(&aside) {
            None => {
                store.set(&aside, json)?;
                break;
            }
            Some(kept) if kept == json => break,
            Some(_) => aside = format!("{first}.{n}"),
        }
    }
    store.remove_locally(&key(scope, id));
    Ok(())
}

/// The stored copy of draft `id`, if it can be read.
pub fn stored(store: &dyn Store, scope: &Scope, id: &str) -> Option<Assessment> {
    draft::peek(&store.get(&key(scope, id))?).ok()
}

/// Opens draft `id` against `framework`.
pub fn open(
    store: &dyn Store,
    scope: &Scope,
    id: &str,
    framework: &Framework,
) -> Result<Opened, DraftError> {
    let json = store
        .get(&key(scope, id))
        .ok_or_else(|| DraftError::Unreadable("missing".into()))?;
    draft::open(&json, framework)
}

/// The drafts in the store that open against `framework`, newest first, and how many others
/// are kept aside (unreadable, from a newer version, or for another framework). Reads only:
/// [`tidy`] moves unreadable drafts aside.
pub fn list(store: &dyn Store, scope: &Scope, framework: &Framework) -> (Vec<Assessment>, usize) {
    let mut drafts = Vec::new();
    let mut aside = 0;
    for key in store.keys(&scope.key(DRAFT)) {
        match store.get(&key).map(|json| draft::open(&json, framework)) {
            Some(Ok(opened)) => drafts.push(opened.assessment),
            Some(Err(_)) => aside += 1,
            None => {}
        }
    }
    aside += store.keys(&scope.key(UNREADABLE)).len();
    drafts.sort_unstable_by_key(|a| std::cmp::Reverse(a.updated_at));
    (drafts, aside)
}

/// Moves every draft that cannot be read out of the way of the list, kept for whoever can
/// repair it.
pub fn tidy(store: &dyn Store, scope: &Scope) {
    let drafts_key = scope.key(DRAFT);
    for key in store.keys(&drafts_key) {
        if let Some(json) = store.get(&key)
            && let Err(DraftError::Unreadable(_)) = draft::peek(&json)
        {
            // A store that refuses it leaves it where it is, still counted as aside.
            set_aside(store, scope, &key[drafts_key.len()..], &json).ok();
        }
    }
}

/// Removes draft `id` (from the journal too), and forgets it was open last.
pub fn discard(store: &dyn Store, scope: &Scope, id: &str) {
    store.remove(&key(scope, id));
    if last(store, scope).as_deref() == Some(id) {
        store.remove(&scope.key(LAST));
    }
}

/// The draft this browser had open last.
pub fn last(store: &dyn Store, scope: &Scope) -> Option<String> {
    store.get(&scope.key(LAST))
}

/// Remembers draft `id` as the one open last, or forgets it.
pub fn set_last(store: &dyn Store, scope: &Scope, id: Option<&str>) -> Result<(), Health> {
    match id {
        Some(id) => store.set(&scope.key(LAST), id),
        None => {
            store.remove(&scope.key(LAST));
            Ok(())
        }
    }
}
