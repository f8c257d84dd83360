//! The only code that touches the browser's localStorage (through gloo-storage). Every key
//! starts with [`PREFIX`], so that "clear my data" can remove exactly what the app wrote.
//! Every write is also made to the [`journal`], which survives a killed browser.
//!
//! Storage may be disabled (a policy, a sandboxed frame) or full: callers learn it from
//! [`Health`] and carry on with what they hold in memory. [`Browser`] is all of this as the
//! app model's store.

use gloo_storage::{LocalStorage, Storage};

use crate::journal;

use competency_core::model::Store;
pub use competency_core::model::{Health, PREFIX, Scope};

/// The browser's localStorage and its journal, as the app model's [`Store`].
#[derive(Debug, Clone, Copy)]
pub struct Browser;

impl Store for Browser {
    fn usable(&self) -> bool {
        usable()
    }

    fn get(&self, key: &str) -> Option<String> {
        get(key)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), Health> {
        set(key, value)
    }

    fn remove(&self, key: &str) {
        remove(key)
    }

    fn remove_locally(&self, key: &str) {
        remove_locally(key)
    }

    fn keys(&self, prefix: &str) -> Vec<String> {
        keys(prefix)
    }

    fn clear_all(&self) {
        clear_all()
    }
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
