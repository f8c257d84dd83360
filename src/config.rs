//! What the portal says in the page's address: the language, and whom to assess in which
//! role, so that the start screen can be skipped. (The full embedding configuration comes
//! with the script and iframe integrations.)
//!
//! `?lang=fr&name=Awa%20Traoré&subject=M-1024&position=inspector&role=peer`

use competency_core::assessment::{Role, Subject};

use crate::i18n::Locale;

/// The address's settings, as given; checked when used.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct UrlConfig {
    pub locale: Option<Locale>,
    /// Present when the address names the person assessed.
    pub start: Option<StartParams>,
    /// Parameters that were given but not understood: `(name, value)`.
    pub invalid: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StartParams {
    pub subject: Subject,
    pub position: Option<String>,
    pub role: Role,
}

impl UrlConfig {
    /// Reads the page's address.
    pub fn from_location() -> Self {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
        let get = |name: &str| {
            params
                .as_ref()
                .and_then(|p| p.get(name))
                .filter(|v| !v.is_empty())
        };
        Self::from_params(get)
    }

    /// Reads the settings from a parameter lookup.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let mut config = UrlConfig::default();
        if let Some(lang) = get("lang") {
            match lang.parse() {
                Ok(locale) => config.locale = Some(locale),
                Err(_) => config.invalid.push(("lang".into(), lang)),
            }
        }
        let role = get("role").and_then(|r| match Role::from_id(&r) {
            Some(role) => Some(role),
            None => {
                config.invalid.push(("role".into(), r));
                None
            }
        });
        if let (Some(name), Some(role)) = (get("name"), role) {
            config.start = Some(StartParams {
                subject: Subject {
                    id: get("subject").unwrap_or_default(),
                    name,
                },
                position: get("position"),
                role,
            });
        }
        config
    }
}
