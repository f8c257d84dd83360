//! The browser app: a thin Leptos shell over `competency-core`.
//!
//! Components draw the domain's state and forward the user's actions; browser glue (storage,
//! the panic notice) lives in its own modules. No competency logic belongs here.

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod app;
pub mod components;
pub mod config;
pub mod crash;
pub mod crypto;
pub mod drafts;
pub mod files;
pub mod idb;
pub mod journal;
pub mod keys;
pub mod labels;
pub mod preferences;
pub mod session;
pub mod signing;
pub mod storage;
pub mod uploads;
pub mod verification;

pub use app::App;

use leptos::wasm_bindgen::JsCast;

/// Starts the app in the page: installs the panic notice, then mounts into `#app`, replacing
/// the loading message there (or into `<body>` when the page has no such element).
pub fn start() {
    crash::install_panic_hook();
    let root = leptos::prelude::document()
        .get_element_by_id("app")
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    match root {
        Some(root) => {
            root.set_text_content(None);
            leptos::mount::mount_to(root, App).forget();
        }
        None => leptos::mount::mount_to_body(App),
    }
}
