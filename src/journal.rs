//! A durable copy, in IndexedDB, of everything the app writes to localStorage.
//!
//! Chromium writes localStorage to disk only seconds after a change: a browser that crashes
//! or loses power in that window loses the last answers. An IndexedDB transaction is written
//! when it completes, so every write is made to both, and at start-up [`crate::drafts::restore`]
//! takes back from here whatever localStorage lost.
//!
//! Writes made before the database opens (or while another tab holds up its upgrade) wait,
//! in order, and are made as soon as it opens. Where IndexedDB cannot be used, or a newer
//! version of the app took the database, they are dropped: writes go to localStorage alone.

use std::cell::RefCell;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbObjectStore, IdbRequest, IdbTransactionMode};

use crate::idb::{self, JOURNAL, Status};

/// One write to the journal.
enum Change {
    Put(String, String),
    Delete(String),
    Clear,
}

thread_local! {
    /// The writes waiting for the database, oldest first. Only the last write of each key
    /// waits (and none from before a clear), so the list never holds more than one entry per
    /// key.
    static WAITING: RefCell<Vec<Change>> = const { RefCell::new(Vec::new()) };
}

/// Opens the database and reads every entry of the journal: `(localStorage key, value)`, as
/// it was before the writes waiting for the database are made, less what they remove. Empty
/// when IndexedDB cannot be used (the waiting writes are dropped), or when another tab holds
/// up the database's upgrade (they wait on; see [`opened_later`]).
pub async fn open() -> Vec<(String, String)> {
    match idb::open().await {
        Status::Open => read_and_catch_up().await,
        Status::Closed | Status::Opening | Status::Blocked => Vec::new(),
        Status::Superseded | Status::Unusable => {
            drop_waiting();
            Vec::new()
        }
    }
}

/// Once an opening that another tab held up goes through: every entry of the journal, as
/// [`open`] reads them. `None` when the database did not open.
pub async fn opened_later() -> Option<Vec<(String, String)>> {
    match idb::settled().await {
        Status::Open => Some(read_and_catch_up().await),
        Status::Closed | Status::Opening | Status::Blocked => None,
        Status::Superseded | Status::Unusable => {
            drop_waiting();
            None
        }
    }
}

/// Reads the journal, then makes the writes that waited for the database (IndexedDB runs
/// them after the read, which was asked first). What they removed (a draft discarded, the
/// data cleared) is left out of what was read, so that nothing removed comes back; what they
/// wrote is in localStorage already.
async fn read_and_catch_up() -> Vec<(String, String)> {
    let read = start_reading();
    let waiting = WAITING.with(|waiting| std::mem::take(&mut *waiting.borrow_mut()));
    make(&waiting);
    let mut entries = match read {
        Ok((keys, values)) => finish_reading(keys, values).await.unwrap_or_default(),
        Err(_) => Vec::new(),
    };
    entries.retain(|(key, _)| {
        !waiting.iter().any(|change| {
            matches!(change, Change::Delete(k) if k == key) || matches!(change, Change::Clear)
        })
    });
    entries
}

fn start_reading() -> Result<(IdbRequest, IdbRequest), JsValue> {
    let store = idb::store(JOURNAL, IdbTransactionMode::Readonly).ok_or(JsValue::NULL)?;
    Ok((store.get_all_keys()?, store.get_all()?))
}

async fn finish_reading(
    keys: IdbRequest,
    values: IdbRequest,
) -> Result<Vec<(String, String)>, JsValue> {
    let keys: js_sys::Array = idb::wait(&keys).await?.unchecked_into();
    let values: js_sys::Array = idb::wait(&values).await?.unchecked_into();
    Ok(keys
        .iter()
        .zip(values.iter())
        .filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?)))
        .collect())
}

/// Makes `change` now when the database is open (after those that waited), keeps it for
/// when it opens, or drops it when the database will not open.
fn write(change: Change) {
    match idb::status() {
        Status::Open => {
            catch_up();
            make(&[change]);
        }
        Status::Closed | Status::Opening | Status::Blocked => hold(change),
        Status::Superseded | Status::Unusable => drop_waiting(),
    }
}

/// Keeps `change` for when the database opens. A change replaces the waiting ones it makes
/// pointless: earlier writes of its key, or everything before a clear.
fn hold(change: Change) {
    WAITING.with(|waiting| {
        let mut waiting = waiting.borrow_mut();
        match &change {
            Change::Put(key, _) | Change::Delete(key) => waiting.retain(
                |earlier| !matches!(earlier, Change::Put(k, _) | Change::Delete(k) if k == key),
            ),
            Change::Clear => waiting.clear(),
        }
        waiting.push(change);
    });
}

/// Makes the writes that waited for the database, in order.
fn catch_up() {
    let waiting = WAITING.with(|waiting| std::mem::take(&mut *waiting.borrow_mut()));
    make(&waiting);
}

fn drop_waiting() {
    WAITING.with(|waiting| waiting.borrow_mut().clear());
}

/// Makes `changes`, in order, in one read-write transaction, without waiting for it: the
/// transactions commit in the order they are made.
fn make(changes: &[Change]) {
    if changes.is_empty() {
        return;
    }
    let Some(store) = idb::store(JOURNAL, IdbTransactionMode::Readwrite) else {
        return;
    };
    for change in changes {
        let _ = apply(&store, change);
    }
}

fn apply(store: &IdbObjectStore, change: &Change) -> Result<IdbRequest, JsValue> {
    match change {
        Change::Put(key, value) => store.put_with_key(&value.into(), &key.into()),
        Change::Delete(key) => store.delete(&key.into()),
        Change::Clear => store.clear(),
    }
}

/// Writes `value` under `key`.
pub fn put(key: &str, value: &str) {
    write(Change::Put(key.to_owned(), value.to_owned()));
}

/// Removes `key`.
pub fn delete(key: &str) {
    write(Change::Delete(key.to_owned()));
}

/// Removes every entry.
pub fn clear() {
    write(Change::Clear);
}
