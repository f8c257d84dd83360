//! Where the configuration comes from: the page's address (standalone page, or the iframe's
//! address), the portal's mount call, and the portal's messages to an iframe. The domain reads
//! and checks it ([`competency_core::config`]); this module gathers the layers.

use std::sync::Arc;

use competency_core::config::{self, Config, ConfigError};
use serde_json::{Map, Value};

use crate::i18n::Locale;

/// The languages the interface speaks.
pub const LANGUAGES: [&str; 2] = ["fr", "en"];

/// A configuration as the app runs with it: the one given when it is valid, else the
/// defaults, with every problem found.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub config: Config,
    /// Shared: the settings are copied where they are used, the problems not.
    pub problems: Option<Arc<ConfigError>>,
}

impl Settings {
    /// Reads the merged layers (URL parameters < mount call < messages).
    pub fn from_layers(layers: &[Map<String, Value>]) -> Self {
        Self::read(&config::layer(layers))
    }

    /// Reads a configuration a portal gave in one piece (a mount call); what is not an object,
    /// or not read at all, is refused with that problem.
    pub fn from_value(value: Result<Value, ConfigError>) -> Self {
        match value {
            Ok(Value::Object(layer)) => Self::from_layers(std::slice::from_ref(&layer)),
            Ok(other) => Self::read(&other),
            Err(problems) => Settings {
                config: Config::default(),
                problems: Some(Arc::new(problems)),
            },
        }
    }

    fn read(value: &Value) -> Self {
        match config::from_value(value, &LANGUAGES) {
            Ok(config) => Settings {
                config,
                problems: None,
            },
            Err(problems) => Settings {
                config: Config::default(),
                problems: Some(Arc::new(problems)),
            },
        }
    }

    pub fn locale(&self) -> Option<Locale> {
        self.config.language.as_deref().and_then(|l| l.parse().ok())
    }
}

/// The page address's parameters as a configuration layer.
pub fn url_layer() -> Map<String, Value> {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
    config::from_url_params(|name| params.as_ref().and_then(|p| p.get(name)))
}

/// What a portal gave as JSON, read strictly: a string is JSON text (a `config` attribute,
/// a message posted as text), any other value is serialised first (`null` for what JSON
/// cannot carry: functions, cycles). A member given twice, a number readers round or a text
/// that is not JSON is refused with its path.
pub fn js_value(value: &wasm_bindgen::JsValue) -> Result<Value, ConfigError> {
    let text = match value.as_string() {
        Some(text) => text,
        None => js_sys::JSON::stringify(value)
            .ok()
            .and_then(|json| json.as_string())
            .unwrap_or_else(|| "null".to_owned()),
    };
    config::parse(&text)
}
