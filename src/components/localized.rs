use competency_core::LocalizedText;
use leptos::prelude::*;

use crate::i18n::*;

/// A text from a framework or configuration, in the interface's language when the document has
/// it, else in the document's default language. The element carries the language the text is
/// really written in, so screen readers pronounce it right. Always rendered as text, never HTML.
#[component]
pub fn Localized(
    /// The text in all its languages.
    text: LocalizedText,
    /// The document's default language, used when the interface's one is missing.
    fallback: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let resolved = move || {
        let locale = i18n.get_locale().as_str();
        text.resolve(locale, &fallback)
            .map(|r| (r.language.to_owned(), r.text.to_owned()))
            .unwrap_or_default()
    };
    let resolved = Memo::new(move |_| resolved());
    view! { <span lang=move || resolved.get().0>{move || resolved.get().1}</span> }
}
