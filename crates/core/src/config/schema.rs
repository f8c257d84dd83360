//! The JSON Schema of the configuration, as shipped in `public/config.schema.json`, for portal
//! developers and their editors. Written by hand, with regular expressions that accept what
//! the reader's checks accept (the tests hold them to it). What a schema cannot say is in the
//! descriptions: the languages come from the app, header names must differ other than in case,
//! and the sizes in bytes.

use serde_json::{Value, json};

use super::read::{FORBIDDEN_HEADER_PREFIXES, FORBIDDEN_HEADERS};
use super::*;
use crate::assessment::Role;
use crate::framework::limits::MAX_DOCUMENT_BYTES;
use crate::framework::wire::LANGUAGE_TAG_PATTERN;

const INSTANCE_PATTERN: &str = "^[A-Za-z0-9_-]{1,40}$";
/// What [`super::read::is_url`] accepts.
const URL_PATTERN: &str = r"^https?://([^\s/?#@:\[\]\\\x00-\x1f\x7f-\x9f\uFEFF]+|\[[0-9A-Fa-f:.]+\])(:([0-9]{1,4}|[0-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?([/?#][^\s\x00-\x1f\x7f-\x9f\uFEFF]*)?$";
/// What [`super::read::is_origin`] accepts, but for default ports (refused by `not`).
const ORIGIN_PATTERN: &str = r"^https?://([a-z0-9]+(-+[a-z0-9]+)*(\.[a-z0-9]+(-+[a-z0-9]+)*)*|\[[0-9a-f:.]+\])(:(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}))?$";
const HEADER_NAME_PATTERN: &str = r"^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$";
const HEADER_VALUE_PATTERN: &str = r"^[\t\x20-\x7e]*$";
const COLOUR_PATTERN: &str = r"^(#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|(rgba?|hsla?)\(([0-9 ,./%]|deg)*\)|[A-Za-z]{3,20})$";
const FONT_PATTERN: &str = r#"^ *[\p{Alphabetic}0-9,'"-][\p{Alphabetic}0-9 ,'"-]*$"#;
const RADIUS_PATTERN: &str = r"^(0|[0-9]{1,2}(\.[0-9]{1,3})?(px|rem|em|%))$";
/// Not empty or only spaces.
const NOT_BLANK_PATTERN: &str = r"\S";

/// The JSON Schema of the configuration (draft 2020-12).
pub fn json_schema() -> Value {
    let roles: Vec<&str> = Role::ALL.iter().map(|r| r.id()).collect();
    let text = |description: &str, limit: usize| {
        json!({
            "description": description,
            "type": ["string", "null"],
            "maxLength": limit,
            "pattern": NOT_BLANK_PATTERN,
        })
    };
    let optional_string = |description: &str, limit: usize| {
        json!({
            "description": description,
            "type": ["string", "null"],
            "maxLength": limit,
        })
    };
    let mut theme = serde_json::Map::new();
    for &(field, property, kind) in THEME {
        let schema = match kind {
            ThemeValue::Colour => json!({
                "description": format!(
                    "The CSS custom property {property}: #rgb, #rgba, #rrggbb, #rrggbbaa; rgb(), rgba(), hsl() or hsla() with only digits, spaces, commas, dots, %, / and deg inside; or a colour name (3 to 20 letters)."
                ),
                "type": ["string", "null"],
                "maxLength": MAX_COLOUR_CHARS,
                "pattern": COLOUR_PATTERN,
            }),
            ThemeValue::Font => json!({
                "description": format!(
                    "The CSS custom property {property}: a list of fonts, with letters, digits, spaces, commas, hyphens and straight quotes only."
                ),
                "type": ["string", "null"],
                "maxLength": MAX_FONT_CHARS,
                "pattern": FONT_PATTERN,
                "examples": ["Marianne, Arial, sans-serif"],
            }),
            ThemeValue::Radius => json!({
                "description": format!(
                    "The CSS custom property {property}: 0, or a number below 100 (at most 3 decimals) followed by px, rem, em or %."
                ),
                "type": ["string", "null"],
                "pattern": RADIUS_PATTERN,
                "examples": ["4px", "0.25rem"],
            }),
        };
        theme.insert(field.into(), schema);
    }

    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "config.schema.json",
        "title": "Widget configuration",
        "description": format!(
            "How a portal configures the competency assessment widget (mounted by a script, in an iframe through postMessage, or by the standalone page's address parameters), version {CONFIG_VERSION}. Every optional field may be null, which means absent. Layers merge in the order URL parameters < mount call < postMessage, later layers winning; subject, rater, invitation, upload and theme are merged key by key, other fields replaced whole. At most {MAX_CONFIG_BYTES} bytes of compact JSON, not counting an inline framework."
        ),
        "type": "object",
        "additionalProperties": false,
        "required": ["configVersion"],
        "properties": {
            "configVersion": {
                "description": "The version of this format: always 1.",
                "const": CONFIG_VERSION,
            },
            "instance": {
                "description": "A name for this instance of the widget (1 to 40 letters, digits, - and _), which keeps its browser storage (drafts, keys) apart from other instances on the same site.",
                "type": ["string", "null"],
                "pattern": INSTANCE_PATTERN,
            },
            "language": {
                "description": "The interface language: one of the languages the widget supports (fr, en). Default: the language the user chose before, else French.",
                "type": ["string", "null"],
                "pattern": LANGUAGE_TAG_PATTERN,
            },
            "subject": {
                "description": "The person assessed.",
                "type": ["object", "null"],
                "additionalProperties": false,
                "required": ["name"],
                "properties": {
                    "id": optional_string("The HR system's id for the person.", MAX_NAME_CHARS),
                    "name": {
                        "description": "The person's name.",
                        "type": "string",
                        "maxLength": MAX_NAME_CHARS,
                        "pattern": NOT_BLANK_PATTERN,
                    },
                },
            },
            "position": text(
                "The id of the person's position in the framework (checked when the framework is loaded).",
                MAX_POSITION_CHARS,
            ),
            "rater": {
                "description": "Who rates.",
                "type": ["object", "null"],
                "additionalProperties": false,
                "required": ["role"],
                "properties": {
                    "role": {
                        "description": "The rater's relation to the person assessed.",
                        "enum": roles,
                    },
                    "id": optional_string("The HR system's id for the rater.", MAX_NAME_CHARS),
                    "name": optional_string("The rater's name.", MAX_NAME_CHARS),
                },
            },
            "invitation": {
                "description": "The campaign invitation this assessment answers: the campaign's id and the invitation's secret token, signed into the result. Needs subject (with its id) and rater.role, the invitation's.",
                "type": ["object", "null"],
                "additionalProperties": false,
                "required": ["campaign", "token"],
                "properties": {
                    "campaign": {
                        "description": "The campaign's id.",
                        "type": "string",
                        "pattern": "^[A-Za-z0-9._-]{1,100}$",
                    },
                    "token": {
                        "description": "The invitation's token: at least 128 random bits, written with ASCII letters, digits, -, _, . and ~.",
                        "type": "string",
                        "pattern": "^[A-Za-z0-9._~-]{22,128}$",
                    },
                },
            },
            "framework": {
                "description": "Where the competency framework comes from: exactly one of {\"bundled\": true} (the default), {\"url\": …} or {\"inline\": {…}}.",
                "anyOf": [
                    {"type": "null"},
                    {
                        "type": "object",
                        "additionalProperties": false,
                        "minProperties": 1,
                        "maxProperties": 1,
                        "properties": {
                            "bundled": {
                                "description": "The framework compiled into the widget.",
                                "const": true,
                            },
                            "url": {
                                "$ref": "#/$defs/url",
                                "description": "The address of a framework document (see framework.schema.json), fetched by the browser.",
                            },
                            "inline": {
                                "description": format!("A framework document (see framework.schema.json), checked when it is loaded; at most {MAX_DOCUMENT_BYTES} bytes of compact JSON."),
                                "type": "object",
                            },
                        },
                    },
                ],
            },
            "challenge": text(
                "A value chosen by the portal (a nonce, say) that the signed result carries back.",
                MAX_CHALLENGE_CHARS,
            ),
            "upload": {
                "description": "Where signed results are sent (POST, Content-Type application/json).",
                "type": ["object", "null"],
                "additionalProperties": false,
                "required": ["url"],
                "properties": {
                    "url": {"$ref": "#/$defs/url"},
                    "headers": {
                        "description": "Extra request headers, such as Authorization. Names are HTTP tokens and must differ other than in case; Content-Type (set by the widget) and the names browsers forbid (Cookie, Host, Origin, Referer, Content-Length, Sec-…, Proxy-… and the like) are refused. Values have visible ASCII characters, spaces and tabs only.",
                        "type": ["object", "null"],
                        "maxProperties": MAX_HEADERS,
                        "propertyNames": {
                            "pattern": HEADER_NAME_PATTERN,
                            "not": {"pattern": forbidden_headers_pattern()},
                        },
                        "additionalProperties": {
                            "type": "string",
                            "maxLength": MAX_HEADER_VALUE_CHARS,
                            "pattern": HEADER_VALUE_PATTERN,
                        },
                    },
                },
            },
            "minRaters": {
                "description": "The smallest group of peers, direct reports or other raters that a 360 report shows.",
                "type": ["integer", "null"],
                "minimum": MIN_RATERS_RANGE.0,
                "maximum": MIN_RATERS_RANGE.1,
                "default": crate::report::DEFAULT_MIN_RATERS,
            },
            "allowedOrigins": {
                "description": "In an iframe: the origins allowed to send messages to the widget.",
                "type": ["array", "null"],
                "maxItems": MAX_ORIGINS,
                "items": {"$ref": "#/$defs/origin"},
            },
            "parentOrigin": {
                "description": "In an iframe: the only origin the widget posts messages to. When absent, the first allowed origin.",
                "anyOf": [{"$ref": "#/$defs/origin"}, {"type": "null"}],
            },
            "theme": {
                "description": "CSS custom properties the widget's stylesheet uses; each optional.",
                "type": ["object", "null"],
                "additionalProperties": false,
                "properties": theme,
            },
            "screens": {
                "description": "The screens the widget offers: assessment (filling in an assessment), framework (reading the framework) and results (for HR: checking results and 360 reports).",
                "type": ["array", "null"],
                "minItems": 1,
                "uniqueItems": true,
                "items": {"enum": Screens::NAMES},
                "default": ["assessment", "framework"],
            },
            "readOnly": {
                "description": "Review mode: answers are shown but cannot be changed.",
                "type": ["boolean", "null"],
                "default": false,
            },
            "shared": {
                "description": "The device is shared (an office PC): every new assessment is sealed with a code its rater chooses.",
                "type": ["boolean", "null"],
                "default": false,
            },
            "idleLockSeconds": {
                "description": "Seconds without a key press or a touch before an open sealed assessment is locked.",
                "type": ["integer", "null"],
                "minimum": IDLE_LOCK_RANGE.0,
                "maximum": IDLE_LOCK_RANGE.1,
                "default": DEFAULT_IDLE_LOCK_SECONDS,
            },
        },
        "$defs": {
            "url": {
                "description": "An absolute http:// or https:// address (lowercase scheme), without user name or password.",
                "type": "string",
                "maxLength": MAX_URL_CHARS,
                "pattern": URL_PATTERN,
            },
            "origin": {
                "description": "An origin exactly as browsers write it (event.origin): http:// or https://, a lowercase host, a port only when it is not the scheme's default; no path (not even /), no *, no null.",
                "type": "string",
                "maxLength": MAX_ORIGIN_CHARS,
                "pattern": ORIGIN_PATTERN,
                "not": {
                    "anyOf": [
                        {"pattern": "^https://.*:443$"},
                        {"pattern": "^http://.*:80$"},
                    ],
                },
                "examples": ["https://portal.example", "http://localhost:8080"],
            },
        },
    })
}

/// The forbidden header names, any case: `^(?:[cC][oO]…|…)$|^(?:[sS][eE][cC]-|…)`.
fn forbidden_headers_pattern() -> String {
    let any_case = |name: &str| -> String {
        name.chars()
            .map(|c| {
                if c.is_ascii_alphabetic() {
                    format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase())
                } else {
                    c.to_string()
                }
            })
            .collect()
    };
    let names: Vec<String> = FORBIDDEN_HEADERS.iter().map(|n| any_case(n)).collect();
    let prefixes: Vec<String> = FORBIDDEN_HEADER_PREFIXES
        .iter()
        .map(|p| any_case(p))
        .collect();
    format!("^(?:{})$|^(?:{})", names.join("|"), prefixes.join("|"))
}
