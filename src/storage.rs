//! The only code that touches the browser's localStorage (through gloo-storage). Every key
//! starts with [`PREFIX`], so that "clear my data" can remove exactly what the app wrote.
//! Every write is also made to the [`journal`], which survives a killed browser.
//!
//! Storage may be disabled (a policy, a sandboxed frame) or full: callers learn it from
//! [`Health`] and carry on with what they hold in memory.

use gloo_storage::{LocalStorage, Storage};

use crate::journal;

/// The start of every key the app writes.
pub const PREFIX: &str = "competency-widget.";

/// Where one instance of the widget keeps its drafts: the page's own, or, for a widget a
/// portal mounted with an `instance` name, a space of its own, so that two widgets on one
/// page never list or resume each other's drafts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope(String);

impl Scope {
    /// The scope of the instance `name` (validated by the configuration), or the page's.
    pub fn new(instance: Option<&str>) -> Self {
        Scope(
            instance
                .map(|name| format!("i.{name}."))
                .unwrap_or_default(),
        )
    }

    /// The start of this scope's keys of `kind` (`draft.`, `last-draft`, ...).
    pub fn key(&self, kind: &str) -> String {
        format!("{PREFIX}{}{kind}", self.0)
    }

    /// The scope key `key` belongs to.
    pub fn of(key: &str) -> Option<Scope> {
        let kind = Self::kind_of(key)?;
        let scoped = key.strip_prefix(PREFIX)?;
        Some(Scope(scoped[..scoped.len() - kind.len()].to_owned()))
    }

    /// The kind of key `key` is (what follows the scope), whatever its scope.
    pub fn kind_of(key: &str) -> Option<&str> {
        let rest = key.strip_prefix(PREFIX)?;
        match rest.strip_prefix("i.") {
            Some(scoped) => scoped.split_once('.').map(|(_, kind)| kind),
            None => Some(rest),
        }
    }
}

/// Whether what the user does is being saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Health {
    Saving,
    /// The browser refuses access to storage: answers live only in this tab.
    Unavailable,
    /// Storage is full: the last changes live only in this tab.
    Full,
    /// A newer version of the app saved the draft (in another tab), in a format this one
    /// cannot read: it is kept as it is, and the last changes live only in this tab.
    NewerDraft,
}

/// Whether `localStorage` can be used at all. gloo-storage throws a JavaScript exception, not
/// an `Err`, when the browser refuses access, so this is asked before every use.
pub fn usable() -> bool {
    web_sys::window().is_some_and(|w| matches!(w.local_storage(), Ok(Some(_))))
}

fn storage() -> Option<web_sys::Storage> {
    usable().then(LocalStorage::raw)
}

/// The value under `key`.
pub fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Writes `value` under `key`, or says why it could not.
pub fn set(key: &str, value: &str) -> Result<(), Health> {
    journal::put(key, value);
    let storage = storage().ok_or(Health::Unavailable)?;
    storage.set_item(key, value).map_err(|_| Health::Full)
}

/// Removes `key`, from localStorage and the journal.
pub fn remove(key: &str) {
    journal::delete(key);
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// Removes `key` from localStorage only: the journal keeps its copy (see
/// [`crate::drafts::restore`]).
pub fn remove_locally(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// Every key that starts with `prefix`.
pub fn keys(prefix: &str) -> Vec<String> {
    let Some(storage) = storage() else {
        return Vec::new();
    };
    let length = storage.length().unwrap_or(0);
    (0..length)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with(prefix))
        .collect()
}

/// Removes everything the app wrote in this browser.
pub fn clear_all() {
    journal::clear();
    for key in keys(PREFIX) {
        remove(&key);
    }
}
