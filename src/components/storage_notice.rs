use crate::prelude::*;

use crate::dom::{self, Attr, El};
use crate::i18n::*;
use crate::idb::{self, Status};
use crate::session::Session;
use crate::storage::Health;

/// Says plainly when answers are not being saved in this browser, or saved without their
/// journal copy (the database held by another tab), and what to do about it.
pub fn storage_notice() -> El {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    dom::dynamic(move || {
        let locale = i18n.get_locale();
        let message = match (session.storage.get(), idb::watch_status()) {
            (Health::Unavailable, _) => td_string!(locale, storage_unavailable),
            (Health::Full, _) => td_string!(locale, storage_full),
            (Health::NewerDraft, _) => td_string!(locale, storage_newer_draft),
            (Health::Saving, Status::Blocked) => td_string!(locale, storage_blocked),
            (Health::Saving, Status::Superseded) => td_string!(locale, storage_superseded),
            (Health::Saving, _) => return None,
        };
        Some(
            El::new("div")
                .class("notice notice-warning storage-notice")
                .attr(Attr::Role, "alert")
                .child(El::new("p").text(message)),
        )
    })
}
