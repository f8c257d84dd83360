//! What the widget tells the page that embeds it: `competency:ready`, `competency:progress`,
//! `competency:completed`, `competency:uploaded` and `competency:error`. A widget mounted by a
//! script dispatches them as DOM `CustomEvent`s on its host element (`detail` is the payload);
//! a widget in an iframe posts them to its parent as `{ type, ...payload }`, to the configured
//! parent origin only, never to `*`. On its own page it tells nobody.

use serde_json::{Value, json};
use wasm_bindgen::JsValue;

/// Where events go.
#[derive(Clone, Default)]
pub enum Sink {
    #[default]
    Nobody,
    /// The custom element or the element the portal mounted the widget into.
    Element(web_sys::HtmlElement),
    /// The parent window, at this origin.
    Parent(String),
}

pub const READY: &str = "competency:ready";
pub const PROGRESS: &str = "competency:progress";
pub const COMPLETED: &str = "competency:completed";
pub const UPLOADED: &str = "competency:uploaded";
pub const ERROR: &str = "competency:error";

impl Sink {
    /// Sends event `name` with its `payload` (a JSON object).
    pub fn emit(&self, name: &str, payload: Value) {
        let Some(window) = web_sys::window() else {
            return;
        };
        match self {
            Sink::Nobody => {}
            Sink::Element(element) => {
                let init = web_sys::CustomEventInit::new();
                init.set_detail(&to_js(&payload));
                init.set_bubbles(true);
                init.set_composed(true);
                if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
                    let _ = element.dispatch_event(&event);
                }
            }
            Sink::Parent(origin) => {
                let mut message = json!({ "type": name });
                if let (Value::Object(message), Value::Object(payload)) = (&mut message, payload) {
                    message.extend(payload);
                }
                if let Ok(Some(parent)) = window.parent() {
                    let _ = parent.post_message(&to_js(&message), origin);
                }
            }
        }
    }

    /// Reports an error: a stable `code` for programs, and a `message` for people.
    pub fn error(&self, code: &str, message: &str, more: Value) {
        let mut payload = json!({ "code": code, "message": message });
        if let (Value::Object(payload), Value::Object(more)) = (&mut payload, more) {
            payload.extend(more);
        }
        self.emit(ERROR, payload);
    }
}

/// A JSON value as a plain JavaScript value (objects, arrays, strings, numbers).
pub fn to_js(value: &Value) -> JsValue {
    js_sys::JSON::parse(&competency_core::json::to_string(value)).unwrap_or(JsValue::NULL)
}
