//! Mounting by script: what `public/embed.js` calls to put a widget into a portal's page. Part
//! of the widget's binary, not of the library, so that HR's console does not carry it. Each
//! widget lives in its own element (inside a shadow root, so that the portal's styles and ids
//! and the widget's never meet), is configured by the object the portal gives, and dispatches
//! its events on its host element.

use wasm_bindgen::prelude::*;

use competency_widget::config::{self, Settings};
use competency_widget::events::Sink;

/// A widget mounted by a portal.
#[wasm_bindgen]
pub struct Widget {
    mounted: Option<competency_widget::dom::Mounted>,
    root: web_sys::HtmlElement,
}

#[wasm_bindgen]
impl Widget {
    /// Removes the widget from the page (what it saved in the browser stays).
    pub fn unmount(&mut self) {
        self.mounted.take();
        competency_widget::crash::unregister_root(&self.root);
    }
}

/// Mounts a widget into `root`, configured by `config` (a configuration object, or its JSON
/// text, see `public/config.schema.json`), dispatching its events on `host`. `base` is the address of
/// the widget's files, where the fallback signer is fetched from.
#[wasm_bindgen(js_name = mountWidget)]
pub fn mount_widget(
    host: web_sys::HtmlElement,
    root: web_sys::HtmlElement,
    config: JsValue,
    base: String,
) -> Widget {
    competency_widget::crash::install_panic_hook();
    competency_widget::crash::register_root(&root);
    competency_widget::modules::set_base(&base);
    competency_widget::idb::begin_opening();
    let settings = Settings::from_value(config::js_value(&config));
    competency_widget::host::apply_theme(&root, &settings.config.theme);
    if let Some(language) = settings.locale() {
        let _ = root.set_attribute("lang", language.as_str());
    }
    let sink = Sink::Element(host);
    let front = competency_widget::front::FrontEnd::widget();
    let mounted = competency_widget::dom::mount(&root, move || {
        competency_widget::app::app(front, Some(settings), Some(sink))
    });
    Widget {
        mounted: Some(mounted),
        root,
    }
}
