//! What the portal says in the page's address: the language, and whom to assess in which
//! role, so that the start screen can be skipped. (The full embedding configuration comes
//! with the script and iframe integrations.)
//!
//! `?lang=fr&name=Awa%20Traoré&subject=M-1024&position=inspector&role=peer`
//! `&rater=R-7&raterName=Chef%20Diallo&challenge=n-123&upload=https://hr.example/results`
//! `&minRaters=4` (the smallest anonymous group a 360 report shows)

use competency_core::assessment::{RaterRef, Role, Subject};

use crate::i18n::Locale;

/// The address's settings, as given; checked when used.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct UrlConfig {
    pub locale: Option<Locale>,
    /// Present when the address names the person assessed.
    pub start: Option<StartParams>,
    /// Where to send signed results, when results are uploaded.
    pub upload: Option<String>,
    /// The smallest group of peers, direct reports or others a report shows (at least 1).
    pub min_raters: Option<usize>,
    /// Parameters that were given but not understood: `(name, value)`.
    pub invalid: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StartParams {
    pub subject: Subject,
    pub position: Option<String>,
    pub role: Role,
    pub rater: RaterRef,
    pub challenge: Option<String>,
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
        if let Some(upload) = get("upload") {
            let lower = upload.to_ascii_lowercase();
            if lower.starts_with("https://") || lower.starts_with("http://") {
                config.upload = Some(upload);
            } else {
                config.invalid.push(("upload".into(), upload));
            }
        }
        if let Some(n) = get("minRaters") {
            match n.parse::<usize>() {
                Ok(n) if n >= 1 => config.min_raters = Some(n),
                _ => config.invalid.push(("minRaters".into(), n)),
            }
        }
        if let (Some(name), Some(role)) = (get("name"), role) {
            config.start = Some(StartParams {
                subject: Subject {
                    id: get("subject").unwrap_or_default(),
                    name,
                },
                position: get("position"),
                role,
                rater: RaterRef {
                    id: get("rater").unwrap_or_default(),
                    name: get("raterName").unwrap_or_default(),
                },
                challenge: get("challenge"),
            });
        }
        config
    }
}
