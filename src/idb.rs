//! The app's IndexedDB database: the storage [`crate::journal`] and the signing keys
//! ([`crate::keys`]) live in. Opened once at start-up.

use std::cell::RefCell;

use leptos::wasm_bindgen::{JsCast, JsValue, closure::Closure};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransactionMode};

const DATABASE: &str = "competency-widget";
/// Version 2 added the signing keys.
const VERSION: u32 = 2;
/// Object stores, created when missing.
pub const JOURNAL: &str = "journal";
pub const KEYS: &str = "keys";

thread_local! {
    /// The open database, once [`open`] has succeeded.
    static HANDLE: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// Waits for an IndexedDB request and gives its result.
pub async fn wait(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    JsFuture::from(promise).await?;
    request.result()
}

/// Opens the database (creating its stores the first time). Returns false when IndexedDB
/// cannot be used in this browser.
pub async fn open() -> bool {
    match open_database().await {
        Ok(database) => {
            HANDLE.with(|handle| *handle.borrow_mut() = Some(database));
            true
        }
        Err(_) => false,
    }
}

async fn open_database() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window()
        .ok_or(JsValue::NULL)?
        .indexed_db()?
        .ok_or(JsValue::NULL)?;
    let request = factory.open_with_u32(DATABASE, VERSION)?;
    let upgrade = Closure::once_into_js(move |event: web_sys::Event| {
        let database = event
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|d| d.dyn_into::<IdbDatabase>().ok());
        if let Some(database) = database {
            for store in [JOURNAL, KEYS] {
                if !database.object_store_names().contains(store) {
                    let _ = database.create_object_store(store);
                }
            }
        }
    });
    request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    Ok(wait(&request).await?.unchecked_into())
}

/// The store `name` in a new transaction, when the database is open.
pub fn store(name: &str, mode: IdbTransactionMode) -> Option<IdbObjectStore> {
    HANDLE.with(|handle| {
        handle
            .borrow()
            .as_ref()?
            .transaction_with_str_and_mode(name, mode)
            .and_then(|t| t.object_store(name))
            .ok()
    })
}

/// Reads the value under `key` in store `name`.
pub async fn get(name: &str, key: &str) -> Option<JsValue> {
    let request = store(name, IdbTransactionMode::Readonly)?
        .get(&key.into())
        .ok()?;
    wait(&request).await.ok().filter(|v| !v.is_undefined())
}

/// Writes `value` under `key` in store `name` and waits until it is written.
pub async fn put(name: &str, key: &str, value: &JsValue) -> Result<(), JsValue> {
    let store = store(name, IdbTransactionMode::Readwrite).ok_or(JsValue::NULL)?;
    wait(&store.put_with_key(value, &key.into())?)
        .await
        .map(drop)
}
