//! The browser's part of keeping drafts (the rules are the app model's,
//! [`competency_core::model::drafts`]): new ids, and at start-up taking back from the
//! IndexedDB journal what localStorage lost.

use competency_core::model::drafts;

use crate::idb::{self, Status};
use crate::journal;
use crate::storage::{Browser, Scope};

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

/// Takes back from the journal what localStorage lost (a browser killed before it wrote its
/// last changes to disk, or a copy damaged since: see [`drafts::take_back`]), then moves
/// the drafts of `scope` that cannot be read aside. Opens the journal for the writes that
/// follow; when another tab holds up the database, returns at once and takes back what the
/// journal holds once it opens.
pub async fn restore(scope: &Scope) {
    drafts::take_back(&Browser, journal::open().await);
    drafts::tidy(&Browser, scope);
    if idb::status() == Status::Blocked {
        crate::web::spawn_local(async {
            if let Some(entries) = journal::opened_later().await {
                drafts::take_back(&Browser, entries);
            }
        });
    }
}
