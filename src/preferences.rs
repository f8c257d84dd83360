//! The user's preferences kept in this browser's storage.
//!
//! Storage may be disabled or full: then a preference lasts only as long as the tab, and the
//! app works on without it.

use gloo_storage::{LocalStorage, Storage};

use crate::i18n::{I18nLocaleTrait, Locale};

/// Storage key of the interface language the user chose.
pub const LOCALE_KEY: &str = "competency-widget.locale";

/// Whether `localStorage` can be used at all. gloo-storage throws a JavaScript exception, not
/// an `Err`, when the browser refuses access (storage disabled by policy, a sandboxed iframe),
/// so every use of it must ask this first.
pub fn local_storage_usable() -> bool {
    web_sys::window().is_some_and(|w| matches!(w.local_storage(), Ok(Some(_))))
}

/// The interface language the user chose on an earlier visit, if any.
pub fn saved_locale() -> Option<Locale> {
    if !local_storage_usable() {
        return None;
    }
    let tag: String = LocalStorage::get(LOCALE_KEY).ok()?;
    tag.parse().ok()
}

/// Remembers the interface language the user chose. Failing to store it (storage disabled or
/// full) is not an error the user must act on: the language still applies to this tab.
pub fn save_locale(locale: Locale) {
    if local_storage_usable() {
        let _ = LocalStorage::set(LOCALE_KEY, locale.as_str());
    }
}
