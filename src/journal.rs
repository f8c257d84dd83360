//! A durable copy, in IndexedDB, of everything the app writes to localStorage.
//!
//! Chromium writes localStorage to disk only seconds after a change: a browser that crashes
//! or loses power in that window loses the last answers. An IndexedDB transaction is written
//! when it completes, so every write is made to both, and at start-up [`crate::drafts::restore`]
//! takes back from here whatever localStorage lost. Where IndexedDB cannot be used, writes go
//! to localStorage alone, as before.

use std::cell::RefCell;

use leptos::wasm_bindgen::{JsCast, JsValue, closure::Closure};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransactionMode};

const DATABASE: &str = "competency-widget";
const STORE: &str = "journal";

thread_local! {
    /// The open database, once [`open`] has succeeded.
    static DATABASE_HANDLE: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// Waits for an IndexedDB request and gives its result.
async fn wait(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    JsFuture::from(promise).await?;
    request.result()
}

async fn open_database() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window()
        .ok_or(JsValue::NULL)?
        .indexed_db()?
        .ok_or(JsValue::NULL)?;
    let request = factory.open_with_u32(DATABASE, 1)?;
    let upgrade = Closure::once_into_js(move |event: web_sys::Event| {
        let database = event
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|d| d.dyn_into::<IdbDatabase>().ok());
        if let Some(database) = database {
            let _ = database.create_object_store(STORE);
        }
    });
    request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    Ok(wait(&request).await?.unchecked_into())
}

/// Opens the journal and reads every entry in it: `(localStorage key, value)`. Empty when
/// IndexedDB cannot be used; writes are then no-ops.
pub async fn open() -> Vec<(String, String)> {
    let Ok(database) = open_database().await else {
        return Vec::new();
    };
    let entries = read_all(&database).await.unwrap_or_default();
    DATABASE_HANDLE.with(|handle| *handle.borrow_mut() = Some(database));
    entries
}

async fn read_all(database: &IdbDatabase) -> Result<Vec<(String, String)>, JsValue> {
    let store = database.transaction_with_str(STORE)?.object_store(STORE)?;
    let keys = store.get_all_keys()?;
    let values = store.get_all()?;
    let keys: js_sys::Array = wait(&keys).await?.unchecked_into();
    let values: js_sys::Array = wait(&values).await?.unchecked_into();
    Ok(keys
        .iter()
        .zip(values.iter())
        .filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?)))
        .collect())
}

/// Runs `change` on the store in a read-write transaction, without waiting for it: the
/// transactions commit in the order they are made.
fn write(change: impl FnOnce(&web_sys::IdbObjectStore) -> Result<IdbRequest, JsValue>) {
    DATABASE_HANDLE.with(|handle| {
        if let Some(database) = handle.borrow().as_ref() {
            let _ = database
                .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
                .and_then(|t| t.object_store(STORE))
                .and_then(|store| change(&store));
        }
    });
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
