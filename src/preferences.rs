//! The user's preferences kept in this browser. Failing to store one is not an error the user
//! must act on: it still applies to this tab.

use crate::i18n::Locale;
use crate::storage;

/// Storage key of the interface language the user chose.
pub const LOCALE_KEY: &str = "competency-widget.locale";

/// The interface language the user chose on an earlier visit, if any.
pub fn saved_locale() -> Option<Locale> {
    storage::get(LOCALE_KEY)?.parse().ok()
}

/// Remembers the interface language the user chose.
pub fn save_locale(locale: Locale) {
    let _ = storage::set(LOCALE_KEY, locale.as_str());
}
