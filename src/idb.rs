//! The app's IndexedDB database: the storage [`crate::journal`] and the signing keys
//! ([`crate::keys`]) live in. Opened once at start-up.
//!
//! Tabs share the database. A newer version of the app that upgrades it asks the others to
//! give way (`versionchange`): this one closes its connection at once and goes on without the
//! database. An upgrade of ours that another tab holds up (`blocked`, an older version that
//! never gives way) does not hold up the app: it starts without the database, tells the user
//! to close the other tabs ([`status`]), and takes the database when the upgrade goes through.

use std::cell::{Cell, RefCell};

use crate::prelude::{ArcTrigger, Notify, Track};
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransactionMode};

/// The database's name.
pub const DATABASE: &str = "competency-widget";
/// The version this program opens. Version 2 added the signing keys.
pub const VERSION: u32 = 2;
/// The journal's object store (created, like the other, when missing).
pub const JOURNAL: &str = "journal";
/// The signing keys' object store.
pub const KEYS: &str = "keys";

/// Where the database stands for this tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Not open yet (or closed by [`close`]).
    Closed,
    /// Being opened.
    Opening,
    Open,
    /// Our upgrade waits for another tab, of an older version, to close its connection: the
    /// app goes on without the database until then.
    Blocked,
    /// A newer version of the app upgraded the database (in another tab, which this one gave
    /// way to, or before this one opened it): this tab goes on without it until reloaded.
    Superseded,
    /// IndexedDB cannot be used in this browser.
    Unusable,
}

thread_local! {
    /// The open database.
    static HANDLE: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
    /// Where the database stands, and what tells the storage notice it changed.
    static STATUS: Cell<Status> = const { Cell::new(Status::Closed) };
    static CHANGED: ArcTrigger = ArcTrigger::new();
    /// The opening under way: a promise that resolves when it settles (the database open, or
    /// the request failed), and one that resolves if another tab holds it up.
    static OPENING: RefCell<Option<(js_sys::Promise, js_sys::Promise)>> =
        const { RefCell::new(None) };
}

/// Where the database stands (read without tracking).
pub fn status() -> Status {
    STATUS.get()
}

/// Where the database stands, tracked: a view that reads it is drawn again when it changes.
pub fn watch_status() -> Status {
    CHANGED.with(Track::track);
    STATUS.get()
}

fn set_status(new: Status) {
    if STATUS.replace(new) != new {
        CHANGED.with(Notify::notify);
    }
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

/// Opens the database at [`VERSION`] (creating its stores the first time), unless it is open
/// already. Returns at once when another tab holds up the upgrade ([`Status::Blocked`]): the
/// database opens when that tab closes ([`settled`]).
pub async fn open() -> Status {
    if HANDLE.with(|handle| handle.borrow().is_some()) {
        return Status::Open;
    }
    let Some(opening) = begin_opening() else {
        return status();
    };
    // Whichever comes first: the opening settles, or another tab holds the upgrade up.
    let (settled, blocked) = opening;
    let first = JsFuture::from(js_sys::Promise::race(&js_sys::Array::of2(
        &settled, &blocked,
    )))
    .await;
    if first.is_ok_and(|value| value.is_object()) && status() == Status::Opening {
        set_status(Status::Blocked);
    }
    status()
}

/// Asks for the database now, unless it is open or being opened: the widget does so first
/// thing at start-up, so that the browser opens it while the app draws itself ([`open`]
/// then waits for that opening). The opening under way, if any.
pub fn begin_opening() -> Option<(js_sys::Promise, js_sys::Promise)> {
    if HANDLE.with(|handle| handle.borrow().is_some()) {
        return None;
    }
    if let Some(opening) = OPENING.with(|o| o.borrow().clone()) {
        return Some(opening);
    }
    match request(VERSION) {
        Ok(opening) => {
            set_status(Status::Opening);
            OPENING.with(|o| *o.borrow_mut() = Some(opening.clone()));
            Some(opening)
        }
        Err(_) => {
            set_status(Status::Unusable);
            None
        }
    }
}

/// Waits until the opening under way settles, and says where the database stands then.
pub async fn settled() -> Status {
    if let Some((settled, _)) = OPENING.with(|o| o.borrow().clone()) {
        let _ = JsFuture::from(settled).await;
    }
    status()
}

/// Asks for the database at `version`: a promise that resolves (with no value) once the
/// database is taken or the request failed, and one that resolves (with the event) if another
/// tab holds the request up.
fn request(version: u32) -> Result<(js_sys::Promise, js_sys::Promise), JsValue> {
    let factory = web_sys::window()
        .ok_or(JsValue::NULL)?
        .indexed_db()?
        .ok_or(JsValue::NULL)?;
    let request = factory.open_with_u32(DATABASE, version)?;
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
    let waited = request.clone();
    let mut done = None;
    let settled = js_sys::Promise::new(&mut |resolve, _| done = Some(resolve));
    wasm_bindgen_futures::spawn_local(async move {
        match wait(&waited).await {
            Ok(database) => adopt(database.unchecked_into()),
            Err(_) => {
                // A newer version of the app upgraded the database past ours.
                let name = js_sys::Reflect::get(&waited, &"error".into())
                    .and_then(|error| js_sys::Reflect::get(&error, &"name".into()))
                    .ok()
                    .and_then(|name| name.as_string());
                let newer = name.as_deref() == Some("VersionError");
                set_status(if newer {
                    Status::Superseded
                } else {
                    Status::Unusable
                });
            }
        }
        OPENING.with(|o| *o.borrow_mut() = None);
        if let Some(done) = done {
            let _ = done.call0(&JsValue::NULL);
        }
    });
    let blocked = js_sys::Promise::new(&mut |resolve, _| {
        request.set_onblocked(Some(&resolve));
    });
    Ok((settled, blocked))
}

/// Takes `database` as the open database, ready to give way to a newer version.
fn adopt(database: IdbDatabase) {
    let ours = database.clone();
    let give_way = Closure::once_into_js(move || {
        ours.close();
        HANDLE.with(|handle| {
            let mut handle = handle.borrow_mut();
            if handle.as_ref() == Some(&ours) {
                *handle = None;
            }
        });
        set_status(Status::Superseded);
    });
    database.set_onversionchange(Some(give_way.unchecked_ref()));
    HANDLE.with(|handle| *handle.borrow_mut() = Some(database));
    set_status(Status::Open);
}

/// Closes the database, for [`open`] to open again (or for a test to delete it).
pub fn close() {
    if let Some(database) = HANDLE.with(|handle| handle.borrow_mut().take()) {
        database.set_onversionchange(None);
        database.close();
    }
    set_status(Status::Closed);
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
