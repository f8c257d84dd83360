use leptos::prelude::*;

use crate::i18n::*;
use crate::session::Session;
use crate::storage::Health;

/// Says plainly when answers are not being saved in this browser, and what to do about it.
#[component]
pub fn StorageNotice() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    move || {
        let locale = i18n.get_locale();
        let message = match session.storage.get() {
            Health::Saving => return None,
            Health::Unavailable => td_string!(locale, storage_unavailable),
            Health::Full => td_string!(locale, storage_full),
        };
        Some(view! {
            <div class="notice notice-warning storage-notice" role="alert">
                <p>{message}</p>
            </div>
        })
    }
}
