//! The embedding configuration: how an HR portal sets up the widget, whether it mounts it with
//! a script, embeds it in an iframe and talks to it with `postMessage`, or links to the
//! standalone page with parameters in the address.
//!
//! The portal gives ONE JSON object, version 1 (`configVersion`), camelCase like every format of
//! this widget. It is documented by `public/config.schema.json` ([`json_schema`], feature
//! `schema`) and read by [`from_value`], which, like the framework loader, reports every problem
//! with its JSON path and returns a [`Config`] only when there is none. Unknown fields are
//! problems too (often typos).
//!
//! ```json
//! {
//!   "configVersion": 1,
//!   "instance": "officer-form",
//!   "language": "fr",
//!   "subject": { "id": "M-1024", "name": "Awa Traoré" },
//!   "position": "customs-officer",
//!   "rater": { "role": "peer", "id": "R-7", "name": "Chef Diallo" },
//!   "framework": { "url": "https://hr.example/framework.json" },
//!   "challenge": "n-123",
//!   "invitation": { "campaign": "360-2027", "token": "x3JvYSBkZSBsYSBwYWl4LWc" },
//!   "upload": { "url": "https://hr.example/results", "headers": { "Authorization": "Bearer x" } },
//!   "minRaters": 3,
//!   "allowedOrigins": ["https://portal.example"],
//!   "parentOrigin": "https://portal.example",
//!   "theme": { "colourAccent": "#0b5394", "font": "Marianne, Arial, sans-serif", "radius": "4px" },
//!   "screens": ["assessment", "framework", "results"],
//!   "readOnly": false,
//!   "shared": true,
//!   "idleLockSeconds": 300
//! }
//! ```
//!
//! - `configVersion` (required): 1. Another version is refused without reading the rest, whose
//!   fields may mean something else there; a missing one is reported and the rest still read.
//! - `instance`: 1 to 40 letters, digits, `-` and `_`; namespaces what this instance keeps in
//!   the browser, so that two forms on one portal do not share drafts.
//! - `language`: one of the languages the widget supports (the caller passes them).
//! - `subject`: the person assessed; `name` required (not blank), `id` optional, each at most
//!   [`MAX_NAME_CHARS`] characters.
//! - `position`: the position's id in the framework (checked against the framework later).
//! - `rater`: who rates; `role` required (`self`, `supervisor`, `peer`, `direct-report`,
//!   `other`), `id` and `name` optional.
//! - `framework`: exactly one of `{"bundled": true}` (the default), `{"url": "https://…"}` or
//!   `{"inline": {…}}`, a framework document checked by `Framework::from_json` when loaded.
//! - `challenge`: a value from the portal that the signed result carries back (1 to 512
//!   characters).
//! - `invitation`: the campaign invitation this assessment answers (see
//!   [`crate::campaign`]): the campaign's id and the invitation's secret token, which the
//!   signed result carries back. It needs `subject` (with its `id`) and `rater.role`, the
//!   invitation's.
//! - `upload`: where to POST signed results (`url`) and extra request `headers` (at most 20;
//!   names are HTTP tokens, values visible ASCII, spaces and tabs; `Content-Type`, which the
//!   widget sets, and the names browsers forbid, `Cookie`, `Host`, `Origin`, `Sec-…`,
//!   `Proxy-…` and the like, are refused).
//! - `minRaters`: the smallest group of peers, direct reports or others a 360 report shows,
//!   1 to 50, default 3.
//! - `allowedOrigins`: in an iframe, the origins whose messages the widget accepts (at most
//!   20). `parentOrigin`: the only origin the widget posts messages to; when absent in an
//!   iframe, the app uses the first allowed origin. Origins are written as browsers serialize
//!   them (`event.origin`): `https://` or `http://`, a lowercase host, a port only when it is
//!   not the scheme's default, and nothing else: no path, not even `/`, no `*`, no `null`.
//! - `theme`: CSS custom properties (`--cw-colour-accent` and so on, see [`THEME`]); colours
//!   as `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb()`, `rgba()`, `hsl()`, `hsla()` or a
//!   colour name, a font list, a radius.
//! - `screens`: which screens the widget offers, among `assessment`, `framework` and
//!   `results` (for HR: a link to the console, where results are checked and 360 reports
//!   made); default the first two.
//! - `readOnly`: review mode: answers shown, not editable.
//! - `shared`: the device is shared (an office PC at a border post): every new assessment is
//!   sealed with a code its rater chooses (see `model::sealed`). Without it, the rater may
//!   still choose to on the start screen.
//! - `idleLockSeconds`: how long a sealed assessment stays open without a key press or a
//!   touch before the page locks it, 10 to 3600, default 300.
//!
//! Every optional field may also be `null`, which means absent. URLs (`upload.url`,
//! `framework.url`) are absolute `http://` or `https://` addresses (lowercase scheme) without
//! user name or password, which `fetch` refuses.
//!
//! ## Layers
//!
//! The configuration can come in pieces: [`from_url_params`] turns the standalone page's
//! address parameters into a layer, the mount call (or the iframe's first message) gives one,
//! later messages give more. [`layer`] merges them in that order, later layers winning:
//! **URL parameters < mount call < postMessage**. `subject`, `rater`, `upload` and `theme` are
//! merged key by key (as is `invitation`: a message can change only the theme's accent colour, and `null`
//! removes a key); every other field is replaced whole. The merged object is then read with
//! [`from_value`].

mod layer;
mod problem;
mod read;
#[cfg(feature = "schema")]
mod schema;

pub use layer::{MERGED_FIELDS, from_url_params, layer};
pub use problem::{ConfigError, ConfigProblem, ConfigProblemKind};
pub(crate) use read::{clip, is_url};
#[cfg(feature = "schema")]
pub use schema::json_schema;

pub use crate::assessment::InvitationRef;
pub use crate::assessment::MAX_NAME_CHARS;
use crate::assessment::{Role, Subject};
pub use crate::framework::Expected;

/// The only configuration version this widget reads.
pub const CONFIG_VERSION: u64 = 1;
/// Largest configuration, in bytes of compact JSON, not counting an inline framework (which
/// may have up to [`crate::framework::limits::MAX_DOCUMENT_BYTES`]).
pub const MAX_CONFIG_BYTES: usize = 1024 * 1024;
/// Longest instance name, in characters.
pub const MAX_INSTANCE_CHARS: usize = 40;
/// Longest position id, in characters.
pub const MAX_POSITION_CHARS: usize = 200;
/// Longest challenge, in characters.
pub const MAX_CHALLENGE_CHARS: usize = 512;
/// Longest URL, in characters.
pub const MAX_URL_CHARS: usize = 2_000;
/// Most upload headers.
pub const MAX_HEADERS: usize = 20;
/// Longest header name, in characters.
pub const MAX_HEADER_NAME_CHARS: usize = 100;
/// Longest header value, in characters.
pub const MAX_HEADER_VALUE_CHARS: usize = 1_000;
/// Most allowed origins.
pub const MAX_ORIGINS: usize = 20;
/// Longest origin, in characters.
pub const MAX_ORIGIN_CHARS: usize = 300;
/// Longest colour, in characters.
pub const MAX_COLOUR_CHARS: usize = 100;
/// Longest font list, in characters.
pub const MAX_FONT_CHARS: usize = 200;
/// The range of `minRaters`.
pub const MIN_RATERS_RANGE: (u64, u64) = (1, 50);
/// The range of `idleLockSeconds`.
pub const IDLE_LOCK_RANGE: (u64, u64) = (10, 3_600);
/// `idleLockSeconds` when not given: five minutes.
pub const DEFAULT_IDLE_LOCK_SECONDS: u64 = 300;
/// Problems reported for one configuration; past this the list says it was cut.
pub const MAX_PROBLEMS: usize = crate::problems::MAX_PROBLEMS;

/// A valid configuration. [`Config::default`] is what an empty configuration means.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Namespaces this instance's browser storage.
    pub instance: Option<String>,
    /// The interface language, one of those the caller supports.
    pub language: Option<String>,
    /// The person assessed (`id` empty when not given).
    pub subject: Option<Subject>,
    /// The position's id, not yet checked against the framework.
    pub position: Option<String>,
    pub rater: Option<RaterConfig>,
    pub framework: FrameworkSource,
    pub challenge: Option<String>,
    /// The campaign invitation the assessment answers.
    pub invitation: Option<InvitationRef>,
    pub upload: Option<Upload>,
    /// The smallest anonymous group a 360 report shows.
    pub min_raters: usize,
    /// Origins allowed to send messages to the widget in an iframe.
    pub allowed_origins: Vec<String>,
    /// The only origin messages are posted to (else, in an iframe, the first allowed origin).
    pub parent_origin: Option<String>,
    pub theme: Theme,
    pub screens: Screens,
    /// Review mode: answers shown, not editable.
    pub read_only: bool,
    /// The device is shared: every new assessment is sealed with a code.
    pub shared: bool,
    /// Seconds without input before an open sealed assessment is locked.
    pub idle_lock_seconds: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            instance: None,
            language: None,
            subject: None,
            position: None,
            rater: None,
            framework: FrameworkSource::Bundled,
            challenge: None,
            invitation: None,
            upload: None,
            min_raters: crate::report::DEFAULT_MIN_RATERS,
            allowed_origins: Vec::new(),
            parent_origin: None,
            theme: Theme::default(),
            screens: Screens::default(),
            read_only: false,
            shared: false,
            idle_lock_seconds: DEFAULT_IDLE_LOCK_SECONDS,
        }
    }
}

/// Who rates, as the portal knows them (`id` and `name` empty when not given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaterConfig {
    pub role: Role,
    pub id: String,
    pub name: String,
}

/// Where the framework comes from.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum FrameworkSource {
    /// The framework compiled into the widget.
    #[default]
    Bundled,
    /// An `http:` or `https:` address to fetch it from.
    Url(String),
    /// A framework document given in the configuration, not yet checked: pass it to
    /// `Framework::from_json`.
    Inline(serde_json::Value),
}

/// Where signed results are sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    /// An `http:` or `https:` address, POSTed to.
    pub url: String,
    /// Extra request headers `(name, value)`, as given.
    pub headers: Vec<(String, String)>,
}

/// The theme's CSS custom properties, each value checked safe to set as one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Theme {
    /// `(property, value)`, such as `("--cw-colour-accent", "#0b5394")`, in [`THEME`]'s order.
    pub pairs: Vec<(&'static str, String)>,
}

impl Theme {
    /// The value given for a custom property, such as `--cw-colour-accent`.
    pub fn get(&self, property: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(p, _)| *p == property)
            .map(|(_, v)| v.as_str())
    }
}

/// What a theme value is checked as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeValue {
    Colour,
    Font,
    Radius,
}

/// The theme's fields: `(field, CSS custom property, what it holds)`.
pub const THEME: &[(&str, &str, ThemeValue)] = &[
    ("colourText", "--cw-colour-text", ThemeValue::Colour),
    ("colourMuted", "--cw-colour-muted", ThemeValue::Colour),
    (
        "colourBackground",
        "--cw-colour-background",
        ThemeValue::Colour,
    ),
    ("colourSurface", "--cw-colour-surface", ThemeValue::Colour),
    ("colourAccent", "--cw-colour-accent", ThemeValue::Colour),
    (
        "colourAccentText",
        "--cw-colour-accent-text",
        ThemeValue::Colour,
    ),
    ("colourError", "--cw-colour-error", ThemeValue::Colour),
    ("colourFocus", "--cw-colour-focus", ThemeValue::Colour),
    ("font", "--cw-font", ThemeValue::Font),
    ("radius", "--cw-radius", ThemeValue::Radius),
];

/// Which screens the widget offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screens {
    /// Filling in an assessment.
    pub assessment: bool,
    /// Reading the framework.
    pub framework: bool,
    /// For HR: checking results and 360 reports (in the widget, a link to HR's console).
    pub results: bool,
}

impl Screens {
    /// The screens' names in the configuration.
    pub const NAMES: [&str; 3] = ["assessment", "framework", "results"];
}

impl Default for Screens {
    fn default() -> Self {
        Screens {
            assessment: true,
            framework: true,
            results: false,
        }
    }
}

/// A configuration's JSON text (a portal's attribute, a message posted as text, or one
/// serialised from a JavaScript object) as a value for [`from_value`], read strictly
/// ([`crate::json`]): no member twice, no number readers round, at most
/// [`MAX_CONFIG_BYTES`] plus an inline framework's limit.
pub fn parse(text: &str) -> Result<serde_json::Value, ConfigError> {
    let limit = MAX_CONFIG_BYTES + crate::framework::limits::MAX_DOCUMENT_BYTES;
    crate::json::parse(text, limit).map_err(|error| {
        let path = error.path().to_owned();
        crate::problems::Refused {
            problems: vec![crate::problems::Located {
                path,
                kind: ConfigProblemKind::Strict(error),
            }],
            truncated: false,
        }
    })
}

/// Reads a configuration object (see the module's documentation), reporting every problem.
/// `languages` are the interface languages the caller supports.
pub fn from_value(value: &serde_json::Value, languages: &[&str]) -> Result<Config, ConfigError> {
    read::config(value, languages)
}

#[cfg(test)]
mod tests;
