//! The browser app: a thin Leptos shell over `competency-core`.
//!
//! Components draw the domain's state and forward the user's actions; browser glue (storage,
//! the panic notice) lives in its own modules. No competency logic belongs here.

pub mod app;
pub mod chunk;
pub mod components;
pub mod config;
pub mod console;
pub mod crash;
pub mod crypto;
pub mod derived;
pub mod dom;
pub mod drafts;
pub mod events;
pub mod files;
pub mod framework_text;
pub mod front;
pub mod host;
pub mod i18n;
pub mod idb;
pub mod journal;
pub mod keys;
pub mod labels;
pub mod lock;
pub mod modules;
pub mod preferences;
pub mod prelude;
pub mod ready;
pub mod session;
pub mod signing;
pub mod storage;
pub mod uploads;
pub mod web;

pub use app::app;

use wasm_bindgen::JsCast;

/// Starts the app on its own page: mounts it into the element marked
/// `data-competency-widget="standalone"`, replacing the loading message there, configured by
/// the address (and, in an iframe, by the portal's messages). On a portal's page, where that
/// element does not exist, nothing happens: the portal mounts widgets with `public/embed.js`.
pub fn start() {
    if let Some(root) = page_root("standalone") {
        // The drafts' journal is read before the first question: the browser opens its
        // database while the app draws itself.
        idb::begin_opening();
        host::start_page(root, front::FrontEnd::widget());
    }
}

/// Starts HR's console on its own page (`console.html`, through `crates/console`): mounts it
/// into the element marked `data-competency-widget="console"`.
pub fn start_console() {
    if let Some(root) = page_root("console") {
        host::start_page(root, front::FrontEnd::console());
    }
}

/// The page's element marked `data-competency-widget=<mark>`, emptied of its loading message.
fn page_root(mark: &str) -> Option<web_sys::HtmlElement> {
    crash::install_panic_hook();
    let root = crate::web::document()
        .query_selector(&format!("[data-competency-widget={mark}]"))
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())?;
    root.set_text_content(None);
    Some(root)
}
