//! A durable copy, in IndexedDB, of everything the app writes to localStorage.
//!
//! Chromium writes localStorage to disk only seconds after a change: a browser that crashes
//! or loses power in that window loses the last answers. An IndexedDB transaction is written
//! when it completes, so every write is made to both, and at start-up [`crate::drafts::restore`]
//! takes back from here whatever localStorage lost. Where IndexedDB cannot be used, writes go
//! to localStorage alone, as before.

use leptos::wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbObjectStore, IdbRequest, IdbTransactionMode};

use crate::idb::{self, JOURNAL};

/// Opens the database and reads every entry of the journal: `(localStorage key, value)`.
/// Empty when IndexedDB cannot be used; writes are then no-ops.
pub async fn open() -> Vec<(String, String)> {
    if !idb::open().await {
        return Vec::new();
    }
    read_all().await.unwrap_or_default()
}

async fn read_all() -> Result<Vec<(String, String)>, JsValue> {
    let store = idb::store(JOURNAL, IdbTransactionMode::Readonly).ok_or(JsValue::NULL)?;
    let keys = store.get_all_keys()?;
    let values = store.get_all()?;
    let keys: js_sys::Array = idb::wait(&keys).await?.unchecked_into();
    let values: js_sys::Array = idb::wait(&values).await?.unchecked_into();
    Ok(keys
        .iter()
        .zip(values.iter())
        .filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?)))
        .collect())
}

/// Runs `change` on the journal in a read-write transaction, without waiting for it: the
/// transactions commit in the order they are made.
fn write(change: impl FnOnce(&IdbObjectStore) -> Result<IdbRequest, JsValue>) {
    if let Some(store) = idb::store(JOURNAL, IdbTransactionMode::Readwrite) {
        let _ = change(&store);
    }
}

pub fn put(key: &str, value: &str) {
    write(|store| store.put_with_key(&value.into(), &key.into()));
}

pub fn delete(key: &str) {
    write(|store| store.delete(&key.into()));
}

pub fn clear() {
    write(|store| store.clear());
}
