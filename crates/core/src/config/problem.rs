//! What can be wrong with a configuration, as data: each user interface words it in its own
//! language. The `Display` impls give the English wording of the command line and the logs.

use std::fmt;

use super::Screens;
use crate::assessment::Role;
use crate::problems::{Located, Refused};
pub use crate::read::Structure;

/// Why a configuration was refused: every problem found, not only the first.
pub type ConfigError = Refused<ConfigProblemKind>;

/// One problem, located by a JSON path such as `$.upload.headers.Cookie`.
pub type ConfigProblem = Located<ConfigProblemKind>;

/// Collects a configuration's problems while it is read.
pub(super) type Problems = crate::problems::Problems<ConfigProblemKind>;

/// What is wrong at a path. Values quoted from the configuration are cut to 64 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigProblemKind {
    /// The configuration is not a JSON object.
    NotAnObject,
    /// What can be wrong with any document's structure: a wrong type, a missing or unknown
    /// field, a text or list over its limit, an empty text, a number out of range.
    Structure(Structure),
    /// `configVersion` is not 1: the JSON text found.
    UnsupportedVersion(String),
    /// The configuration, or its inline framework, is larger than the limit, in bytes of
    /// compact JSON.
    TooLarge { limit: usize },
    /// An instance name other than 1 to 40 letters, digits, `-` and `_`.
    BadInstance,
    /// A language the widget does not support.
    UnknownLanguage(String),
    /// A rater role other than `self`, `supervisor`, `peer`, `direct-report`, `other`.
    UnknownRole(String),
    /// `framework` does not have exactly one of `bundled`, `url` and `inline`, or `bundled`
    /// is not `true`.
    FrameworkSource,
    /// Not an absolute `http://` or `https://` address without user name or password.
    BadUrl(String),
    /// Not a serialized origin such as `https://portal.example` or `http://localhost:8080`.
    BadOrigin(String),
    /// A header name that is not an HTTP token (RFC 9110) of at most 100 characters.
    BadHeader(String),
    /// A header value (of the named header) with characters other than visible ASCII,
    /// spaces and tabs.
    BadHeaderValue(String),
    /// A header the configuration may not set: `Content-Type` (the widget sets it) or one
    /// that browsers forbid or that concerns the connection.
    ForbiddenHeader(String),
    /// A header name given twice, in different cases.
    DuplicateHeader(String),
    /// A theme colour that is not `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, a plain `rgb()`,
    /// `rgba()`, `hsl()`, `hsla()` or a colour name.
    BadColour(String),
    /// A font list with characters other than letters, digits, spaces, commas, hyphens and
    /// straight quotes.
    BadFont,
    /// A radius that is not a number below 100 followed by `px`, `rem`, `em` or `%`, or `0`.
    BadRadius(String),
    /// A screen other than `assessment`, `framework` and `results`.
    UnknownScreen(String),
    /// A screen listed twice.
    DuplicateScreen(String),
    /// `screens` is empty.
    NoScreens,
    /// A campaign id other than 1 to 100 ASCII letters, digits, `.`, `_` and `-`.
    BadCampaignId,
    /// A token other than 22 to 128 ASCII letters, digits, `-`, `_`, `.` and `~`.
    BadToken,
    /// An invitation without the subject's HR id and name and the rater's role, which it
    /// is for.
    InvitationIncomplete,
    /// A configuration given as JSON text that is not JSON, or JSON the strict reading step
    /// refuses: a member given twice, a number readers round, nesting too deep (see
    /// [`crate::json`]).
    Strict(crate::json::JsonError),
}

impl From<Structure> for ConfigProblemKind {
    fn from(problem: Structure) -> Self {
        ConfigProblemKind::Structure(problem)
    }
}

impl fmt::Display for ConfigProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ConfigProblemKind::*;
        match self {
            NotAnObject => f.write_str("the configuration must be a JSON object"),
            Structure(problem) => write!(f, "{problem}"),
            UnsupportedVersion(found) => write!(
                f,
                "configuration version {found} is not supported (this widget reads version {})",
                super::CONFIG_VERSION
            ),
            TooLarge { limit } => write!(f, "larger than the {limit} bytes accepted"),
            BadInstance => f.write_str("expected 1 to 40 letters, digits, `-` or `_`"),
            UnknownLanguage(language) => {
                write!(f, "`{language}` is not a language this widget supports")
            }
            UnknownRole(role) => {
                let roles: Vec<&str> = Role::ALL.iter().map(|r| r.id()).collect();
                write!(f, "`{role}` is not one of: {}", roles.join(", "))
            }
            FrameworkSource => f.write_str(
                "expected exactly one of `\"bundled\": true`, `\"url\": …` and `\"inline\": {…}`",
            ),
            BadUrl(url) => write!(
                f,
                "`{url}` is not an absolute http:// or https:// address without user name or password"
            ),
            BadOrigin(origin) => write!(
                f,
                "`{origin}` is not an origin as browsers write it, such as https://portal.example \
                 (scheme, lowercase host, port unless the default; no path, not even `/`)"
            ),
            BadHeader(name) => write!(f, "`{name}` is not a valid HTTP header name"),
            BadHeaderValue(name) => write!(
                f,
                "the value of `{name}` may only have visible ASCII characters, spaces and tabs"
            ),
            ForbiddenHeader(name) => write!(
                f,
                "the header `{name}` cannot be set here (the widget or the browser sets it)"
            ),
            DuplicateHeader(name) => write!(
                f,
                "the header `{name}` is given twice (header names ignore case)"
            ),
            BadColour(colour) => write!(
                f,
                "`{colour}` is not an accepted colour (#rgb, #rrggbb, rgb(…), hsl(…) or a colour name)"
            ),
            BadFont => f.write_str(
                "a font list may only have letters, digits, spaces, commas, hyphens and quotes",
            ),
            BadRadius(radius) => write!(
                f,
                "`{radius}` is not an accepted radius (a number below 100 followed by px, rem, em or %, or 0)"
            ),
            UnknownScreen(screen) => {
                write!(f, "`{screen}` is not one of: {}", Screens::NAMES.join(", "))
            }
            DuplicateScreen(screen) => write!(f, "the screen `{screen}` is listed twice"),
            NoScreens => f.write_str("at least one screen must be listed"),
            BadCampaignId => {
                f.write_str("a campaign id is 1 to 100 ASCII letters, digits, `.`, `_` and `-`")
            }
            BadToken => {
                f.write_str("a token is 22 to 128 ASCII letters, digits, `-`, `_`, `.` and `~`")
            }
            InvitationIncomplete => {
                f.write_str("an invitation needs the subject's id and name and the rater's role")
            }
            Strict(error) => write!(f, "{error}"),
        }
    }
}
