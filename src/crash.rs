//! What the user sees when the app panics: a translated notice instead of a frozen or blank
//! page. The panic's text goes to the browser console for whoever investigates.

use crate::i18n::*;

thread_local! {
    /// The elements widgets are mounted into, where the notice goes.
    static ROOTS: std::cell::RefCell<Vec<web_sys::HtmlElement>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Remembers that a widget lives in `root`: a panic's notice replaces it there, and nothing
/// else of the page (a portal's page stays as it is).
pub fn register_root(root: &web_sys::HtmlElement) {
    ROOTS.with(|roots| roots.borrow_mut().push(root.clone()));
}

/// Forgets `root` (its widget was unmounted).
pub fn unregister_root(root: &web_sys::HtmlElement) {
    ROOTS.with(|roots| roots.borrow_mut().retain(|r| r != root));
}

/// Shows [`show_crash_notice`] when the app panics; once per page, however many widgets it
/// mounts.
///
/// - In debug and test builds a panic runs the hook: its message and location go to the
///   console, then the notice.
/// - The release bundle is built with `-Cpanic=immediate-abort` (`scripts/tools.sh`): a panic
///   stops the WebAssembly at once, with no hook and no message. The browser throws a
///   `WebAssembly.RuntimeError` to whatever called in, an event listener or a task, and the
///   page's `error` or `unhandledrejection` event carries it: either shows the notice.
pub fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        #[cfg(not(panic = "immediate-abort"))]
        std::panic::set_hook(Box::new(|info| {
            console_error_panic_hook::hook(info);
            show_crash_notice();
        }));
        watch_for_traps();
    });
}

/// Listens on the window for a WebAssembly trap that nothing caught.
fn watch_for_traps() {
    use wasm_bindgen::{JsCast, closure::Closure};
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        let error = if let Some(event) = event.dyn_ref::<web_sys::ErrorEvent>() {
            event.error()
        } else if let Some(event) = event.dyn_ref::<web_sys::PromiseRejectionEvent>() {
            event.reason()
        } else {
            return;
        };
        if error.is_instance_of::<js_sys::WebAssembly::RuntimeError>() {
            show_crash_notice();
        }
    });
    for kind in ["error", "unhandledrejection"] {
        let _ = window.add_event_listener_with_callback(kind, on_error.as_ref().unchecked_ref());
    }
    // Listens for the page's whole life.
    on_error.forget();
}

/// Replaces every widget with a notice in the page's current language and a link that reloads
/// it.
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
    let roots: Vec<web_sys::Element> =
        ROOTS.with(|roots| roots.borrow().iter().map(|r| r.clone().into()).collect());
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
    for root in roots {
        if let Some(notice) = build() {
            root.set_text_content(None);
            let _ = root.append_child(&notice);
        }
    }
}
