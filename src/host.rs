//! The widget's host: its own page, or an iframe in a portal's page. Mounts the app with the
//! address's configuration, applies the theme, and in an iframe takes the portal's messages:
//! only from the allowed origins, every message checked, a bad one answered with an error
//! event, never a crash.

use std::cell::RefCell;

use crate::prelude::*;
use competency_core::config::{Config, Screens, THEME, Theme};
use serde_json::{Map, Value, json};

use crate::config::{self, Settings};
use crate::events::Sink;
use crate::front::FrontEnd;

/// The message a portal posts to configure the widget in its iframe.
pub const CONFIGURE: &str = "competency:configure";

thread_local! {
    /// The app mounted on this page: dropping it unmounts it.
    static MOUNTED: RefCell<Option<crate::dom::Mounted>> = const { RefCell::new(None) };
}

/// Sets the theme's CSS custom properties on `root` (through the CSS object model, which a
/// Content-Security-Policy without `'unsafe-inline'` allows), removing earlier ones.
pub fn apply_theme(root: &web_sys::HtmlElement, theme: &Theme) {
    let style = root.style();
    for (_, property, _) in THEME {
        let _ = style.remove_property(property);
    }
    for (property, value) in &theme.pairs {
        let _ = style.set_property(property, value);
    }
}

/// Mounts the app into `root`, replacing what was mounted there before. HR's console shows
/// HR's screens whatever the address or a portal's message says.
fn mount(root: &web_sys::HtmlElement, mut settings: Settings, sink: Sink, front: FrontEnd) {
    if let FrontEnd::Console(_) = front {
        settings.config.screens = Screens {
            assessment: false,
            framework: true,
            results: true,
        };
    }
    MOUNTED.with(|m| m.borrow_mut().take());
    root.set_text_content(None);
    apply_theme(root, &settings.config.theme);
    let mounted = crate::dom::mount(root, move || {
        crate::app::app(front, Some(settings), Some(sink))
    });
    MOUNTED.with(|m| *m.borrow_mut() = Some(mounted));
}

/// Whether this page is framed by another.
fn framed() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.parent() {
        Ok(Some(parent)) => !js_sys::Object::is(&parent, &window),
        _ => false,
    }
}

/// Where messages to the portal go: the configured parent origin, else the first allowed one.
fn parent_origin(config: &Config) -> Option<String> {
    config
        .parent_origin
        .clone()
        .or_else(|| config.allowed_origins.first().cloned())
}

/// Starts the app on its own page, in `root`, as `front` (the widget or HR's console).
pub fn start_page(root: web_sys::HtmlElement, front: FrontEnd) {
    crate::crash::register_root(&root);
    let url = config::url_layer();
    let settings = Settings::from_layers(std::slice::from_ref(&url));
    if !framed() {
        mount(&root, settings, Sink::Nobody, front);
        return;
    }
    // The allow-list and the parent's origin come from the iframe's address, which the portal
    // writes: a message can never widen them.
    let allowed = settings.config.allowed_origins.clone();
    let sink = parent_origin(&settings.config).map_or(Sink::Nobody, Sink::Parent);
    mount(&root, settings, sink.clone(), front);
    let handle = window_event_listener("message", move |event: web_sys::MessageEvent| {
        let origin = event.origin();
        if !allowed.contains(&origin) {
            web_sys::console::warn_1(
                &format!("competency widget: message from {origin} ignored (not allowed)").into(),
            );
            sink.error(
                "foreign-origin",
                "a message from an origin that is not allowed was ignored",
                json!({ "origin": origin }),
            );
            return;
        }
        let data = match crate::config::js_value(&event.data()) {
            Ok(data) => data,
            Err(refused) => {
                let problem = refused.problems.first();
                sink.error(
                    "bad-message",
                    "the message is not JSON this widget reads",
                    json!({
                        "path": problem.map(|p| p.path.clone()),
                        "problem": problem.map(|p| p.kind.to_string()),
                    }),
                );
                return;
            }
        };
        match message(&data) {
            Ok(layer) => mount(
                &root,
                Settings::from_layers(&[url.clone(), layer]),
                sink.clone(),
                front,
            ),
            Err((code, text)) => sink.error(code, text, json!({ "received": kind_of(&data) })),
        }
    });
    std::mem::forget(handle);
}

/// The configuration layer a portal's message carries, or why it is refused.
fn message(data: &Value) -> Result<Map<String, Value>, (&'static str, &'static str)> {
    let Some(object) = data.as_object() else {
        return Err(("bad-message", "a message must be an object with a `type`"));
    };
    match object.get("type").and_then(Value::as_str) {
        Some(CONFIGURE) => match object.get("config") {
            Some(Value::Object(layer)) => Ok(layer.clone()),
            _ => Err((
                "bad-message",
                "`competency:configure` needs a `config` object",
            )),
        },
        Some(_) => Err((
            "unknown-message",
            "this widget does not know that message type",
        )),
        None => Err(("bad-message", "a message must be an object with a `type`")),
    }
}

/// What a refused message was, for the error event: its `type` when it has one, else its JSON
/// type (never its content, which may be large).
fn kind_of(data: &Value) -> Value {
    match data {
        Value::Object(o) => o.get("type").cloned().unwrap_or(Value::Null),
        Value::Array(_) => "array".into(),
        Value::String(_) => "string".into(),
        Value::Number(_) => "number".into(),
        Value::Bool(_) => "boolean".into(),
        Value::Null => Value::Null,
    }
}
