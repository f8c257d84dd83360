//! What the user sees when the app panics: a translated notice instead of a frozen or blank
//! page. The panic's text goes to the browser console for whoever investigates.

use crate::i18n::*;

/// Routes panics to the console (with their message and location) and to [`show_crash_notice`].
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_notice();
    }));
}

/// Replaces the app with a notice in the page's current language and a link that reloads it.
///
/// It uses the DOM directly, not Leptos: after a panic the reactive system cannot be trusted,
/// and in a release build the WebAssembly instance stops right after this hook returns.
pub fn show_crash_notice() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let locale: Locale = document
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|lang| lang.parse().ok())
        .unwrap_or_default();
    let Some(root) = document
        .get_element_by_id("app")
        .or_else(|| document.body().map(Into::into))
    else {
        return;
    };
    // Built from text nodes only: nothing here is parsed as HTML.
    let build = || -> Option<web_sys::Element> {
        let notice = document.create_element("div").ok()?;
        notice.set_class_name("notice notice-error crash-notice");
        notice.set_attribute("role", "alert").ok()?;
        let title = document.create_element("h1").ok()?;
        title.set_text_content(Some(td_string!(locale, crash_title)));
        let body = document.create_element("p").ok()?;
        body.set_text_content(Some(td_string!(locale, crash_body)));
        let reload = document.create_element("a").ok()?;
        let here = document.location()?.href().ok()?;
        reload.set_attribute("href", &here).ok()?;
        reload.set_text_content(Some(td_string!(locale, crash_reload)));
        notice.append_with_node_3(&title, &body, &reload).ok()?;
        Some(notice)
    };
    if let Some(notice) = build() {
        root.set_text_content(None);
        let _ = root.append_child(&notice);
    }
}
