//! Reads a configuration object into [`Config`], reporting every problem with its path. Sizes
//! are measured before anything is read; nothing here can panic on hostile input.

use std::collections::BTreeSet;

use serde_json::Value;

use super::problem::{ConfigError, ConfigProblemKind as Kind, Problems};
use super::*;
use crate::framework::limits::MAX_DOCUMENT_BYTES;

/// Header names the configuration may not set, lowercase: `content-type` (the widget sends
/// JSON), and the names the Fetch standard forbids (browsers drop them silently).
pub(super) const FORBIDDEN_HEADERS: &[&str] = &[
    "content-type",
    "accept-charset",
    "accept-encoding",
    "access-control-request-headers",
    "access-control-request-method",
    "connection",
    "content-length",
    "cookie",
    "cookie2",
    "date",
    "dnt",
    "expect",
    "host",
    "keep-alive",
    "origin",
    "referer",
    "set-cookie",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "via",
];
/// Header name prefixes the configuration may not use, lowercase.
pub(super) const FORBIDDEN_HEADER_PREFIXES: &[&str] = &["sec-", "proxy-"];

pub(super) const FIELDS: &[&str] = &[
    "configVersion",
    "instance",
    "language",
    "subject",
    "position",
    "rater",
    "framework",
    "challenge",
    "invitation",
    "upload",
    "minRaters",
    "allowedOrigins",
    "parentOrigin",
    "theme",
    "screens",
    "readOnly",
    "shared",
    "idleLockSeconds",
];

pub(super) fn config(value: &Value, languages: &[&str]) -> Result<Config, ConfigError> {
    let mut problems = Problems::default();
    if !sizes_ok(value, &mut problems) {
        return Err(problems.into_error());
    }
    let config = Reader {
        problems: &mut problems,
        context: languages,
    }
    .config(value);
    match config {
        Some(config) if problems.is_empty() => Ok(config),
        _ => Err(problems.into_error()),
    }
}

/// Checks the sizes in bytes of compact JSON (what `crate::json::to_string` writes): an inline
/// framework up to [`MAX_DOCUMENT_BYTES`], the rest up to [`MAX_CONFIG_BYTES`].
fn sizes_ok(value: &Value, problems: &mut Problems) -> bool {
    let inline = value
        .get("framework")
        .and_then(|f| f.get("inline"))
        .map_or(0, json_size);
    let rest = json_size(value) - inline;
    if inline > MAX_DOCUMENT_BYTES {
        problems.push(
            "$.framework.inline",
            Kind::TooLarge {
                limit: MAX_DOCUMENT_BYTES,
            },
        );
    }
    if rest > MAX_CONFIG_BYTES {
        problems.push(
            "$",
            Kind::TooLarge {
                limit: MAX_CONFIG_BYTES,
            },
        );
    }
    problems.is_empty()
}

/// The length of `value` written as compact JSON.
fn json_size(value: &Value) -> usize {
    crate::json::to_string(value).len()
}

pub(crate) use crate::read::clip;
use crate::read::{Structure, index_path, key_path};

/// 1 to 40 ASCII letters, digits, `-` and `_`.
pub(super) fn is_instance(s: &str) -> bool {
    (1..=MAX_INSTANCE_CHARS).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Whitespace and control characters, never part of an address.
fn is_space_or_control(c: char) -> bool {
    c.is_whitespace() || c.is_control() || c == '\u{feff}'
}

/// An absolute `http://` or `https://` address (lowercase scheme) with a host, an optional
/// port up to 65535, no user name or password, and no whitespace or control characters.
pub(crate) fn is_url(s: &str) -> bool {
    let Some(rest) = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    else {
        return false;
    };
    if s.chars().any(is_space_or_control) {
        return false;
    }
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let (host, port) = split_host(authority);
    let host_ok = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(ip) => {
            !ip.is_empty()
                && ip
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        }
        None => !host.is_empty() && !host.contains(['@', ':', '[', ']', '\\']),
    };
    let port_ok = match port.strip_prefix(':') {
        Some(digits) => {
            (1..=5).contains(&digits.len())
                && digits.bytes().all(|b| b.is_ascii_digit())
                && digits.parse::<u32>().is_ok_and(|n| n <= 65_535)
        }
        None => port.is_empty(),
    };
    host_ok && port_ok
}

/// `host[:port]` or `[ipv6][:port]` into the host and the rest (empty, or `:` and the port).
fn split_host(authority: &str) -> (&str, &str) {
    let cut = if authority.starts_with('[') {
        authority.find(']').map_or(authority.len(), |i| i + 1)
    } else {
        authority.find(':').unwrap_or(authority.len())
    };
    authority.split_at(cut)
}

/// A serialized origin, exactly as browsers write `event.origin`: `https://` or `http://`, a
/// lowercase host name (or IPv6 address in brackets), and a port from 1 to 65535 only when it
/// is not the scheme's default; nothing after.
pub(super) fn is_origin(s: &str) -> bool {
    let (rest, default_port) = if let Some(rest) = s.strip_prefix("https://") {
        (rest, "443")
    } else if let Some(rest) = s.strip_prefix("http://") {
        (rest, "80")
    } else {
        return false;
    };
    let (host, port) = split_host(rest);
    let host_ok = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(ip) => {
            !ip.is_empty()
                && ip.bytes().all(|b| {
                    b.is_ascii_digit() || (b'a'..=b'f').contains(&b) || b == b':' || b == b'.'
                })
        }
        None => host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        }),
    };
    let port_ok = match port.strip_prefix(':') {
        Some(digits) => {
            (1..=5).contains(&digits.len())
                && digits.bytes().all(|b| b.is_ascii_digit())
                && !digits.starts_with('0')
                && digits.parse::<u32>().is_ok_and(|n| n <= 65_535)
                && digits != default_port
        }
        None => port.is_empty(),
    };
    host_ok && port_ok
}

/// An HTTP token (RFC 9110 `tchar`s) of at most [`MAX_HEADER_NAME_CHARS`].
pub(super) fn is_header_name(s: &str) -> bool {
    (1..=MAX_HEADER_NAME_CHARS).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

pub(super) fn is_forbidden_header(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    FORBIDDEN_HEADERS.contains(&lower.as_str())
        || FORBIDDEN_HEADER_PREFIXES
            .iter()
            .any(|prefix| lower.starts_with(prefix))
}

/// Visible ASCII, spaces and tabs.
pub(super) fn is_header_value(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, b'\t' | b' '..=b'~'))
}

/// `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`; `rgb(…)`, `rgba(…)`, `hsl(…)`, `hsla(…)` with only
/// digits, spaces, commas, dots, `%`, `/` and `deg` inside; or 3 to 20 ASCII letters (a colour
/// name). Nothing that could end a CSS declaration or call another function.
pub(super) fn is_colour(s: &str) -> bool {
    if let Some(hex) = s.strip_prefix('#') {
        return matches!(hex.len(), 3 | 4 | 6 | 8) && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    for function in ["rgb(", "rgba(", "hsl(", "hsla("] {
        if let Some(arguments) = s.strip_prefix(function) {
            let Some(mut rest) = arguments.strip_suffix(')') else {
                return false;
            };
            while !rest.is_empty() {
                rest = match rest.strip_prefix("deg") {
                    Some(after) => after,
                    None if rest
                        .starts_with(|c: char| c.is_ascii_digit() || " ,./%".contains(c)) =>
                    {
                        &rest[1..]
                    }
                    None => return false,
                };
            }
            return true;
        }
    }
    (3..=20).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic())
}

/// Letters (any script), ASCII digits, spaces, commas, hyphens and straight quotes.
pub(super) fn is_font(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_alphabetic() || c.is_ascii_digit() || " ,-'\"".contains(c))
}

/// `0`, or 1 or 2 digits with up to 3 decimals followed by `px`, `rem`, `em` or `%`.
pub(super) fn is_radius(s: &str) -> bool {
    if s == "0" {
        return true;
    }
    let Some(number) = ["px", "rem", "em", "%"]
        .iter()
        .find_map(|unit| s.strip_suffix(unit))
    else {
        return false;
    };
    let (whole, decimals) = match number.split_once('.') {
        Some((whole, decimals)) => (whole, Some(decimals)),
        None => (number, None),
    };
    let digits =
        |s: &str, max: usize| (1..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole, 2) && decimals.is_none_or(|d| digits(d, 3))
}

/// The configuration's reader: the generic one, with the configuration's problems and the
/// languages the app speaks.
type Reader<'a> = crate::read::Reader<'a, Kind, &'a [&'a str]>;

impl Reader<'_> {
    fn url(&mut self, value: &Value, path: &str) -> Option<String> {
        let url = self.string(value, path, MAX_URL_CHARS)?;
        if !is_url(&url) {
            self.push(path, Kind::BadUrl(clip(&url)));
            return None;
        }
        Some(url)
    }

    fn origin(&mut self, value: &Value, path: &str) -> Option<String> {
        let origin = self.string(value, path, MAX_ORIGIN_CHARS)?;
        if !is_origin(&origin) {
            self.push(path, Kind::BadOrigin(clip(&origin)));
            return None;
        }
        Some(origin)
    }

    fn config(&mut self, value: &Value) -> Option<Config> {
        let path = "$";
        let Some(map) = value.as_object() else {
            self.push(path, Kind::NotAnObject);
            return None;
        };
        // Another version may give the other fields another meaning: stop there. A missing
        // version is more likely forgotten: report it and read the rest as version 1.
        match map.get("configVersion") {
            None | Some(Value::Null) => {
                self.structure(
                    path,
                    Structure::MissingField {
                        field: "configVersion".into(),
                    },
                );
            }
            Some(v) if v.as_u64() == Some(CONFIG_VERSION) => {}
            Some(v) => {
                let found = clip(&crate::json::to_string(v));
                self.push("$.configVersion", Kind::UnsupportedVersion(found));
                return None;
            }
        }
        let map = self.object(value, path, FIELDS)?;

        let instance = self.optional(map, path, "instance", |r, v, p| {
            let s = r.str(v, p)?;
            if !is_instance(s) {
                r.push(p, Kind::BadInstance);
                return None;
            }
            Some(s.to_owned())
        });
        let language = self.optional(map, path, "language", |r, v, p| {
            let s = r.str(v, p)?;
            if !r.context.contains(&s) {
                r.push(p, Kind::UnknownLanguage(clip(s)));
                return None;
            }
            Some(s.to_owned())
        });
        let subject = self.optional(map, path, "subject", Self::subject);
        let position = self.optional(map, path, "position", |r, v, p| {
            r.non_empty(v, p, MAX_POSITION_CHARS)
        });
        let rater = self.optional(map, path, "rater", Self::rater);
        let framework = self.optional(map, path, "framework", Self::framework);
        let challenge = self.optional(map, path, "challenge", |r, v, p| {
            r.non_empty(v, p, MAX_CHALLENGE_CHARS)
        });
        let invitation = self.optional(map, path, "invitation", Self::invitation);
        let upload = self.optional(map, path, "upload", Self::upload);
        let min_raters = self.optional(map, path, "minRaters", |r, v, p| {
            r.integer(v, p, MIN_RATERS_RANGE)
        });
        let allowed_origins = self.optional(map, path, "allowedOrigins", |r, v, p| {
            r.list(v, p, (0, MAX_ORIGINS), Self::origin)
        });
        let parent_origin = self.optional(map, path, "parentOrigin", Self::origin);
        let theme = self.optional(map, path, "theme", Self::theme);
        let screens = self.optional(map, path, "screens", Self::screens);
        let read_only = self.optional(map, path, "readOnly", Self::boolean);
        let shared = self.optional(map, path, "shared", Self::boolean);
        let idle_lock_seconds = self.optional(map, path, "idleLockSeconds", |r, v, p| {
            r.integer(v, p, IDLE_LOCK_RANGE)
        });

        // An invitation is for one subject (by HR id) and one role, which the form then shows.
        if let (Some(Some(_)), Some(subject), Some(rater)) = (&invitation, &subject, &rater) {
            let has_id = subject.as_ref().is_some_and(|s| !s.id.trim().is_empty());
            if !has_id || rater.is_none() {
                self.push("$.invitation", Kind::InvitationIncomplete);
            }
        }
        let defaults = Config::default();
        Some(Config {
            instance: instance?,
            language: language?,
            subject: subject?,
            position: position?,
            rater: rater?,
            framework: framework?.unwrap_or(defaults.framework),
            challenge: challenge?,
            invitation: invitation?,
            upload: upload?,
            // At most 50: the cast cannot truncate.
            min_raters: min_raters?.map_or(defaults.min_raters, |n| n as usize),
            allowed_origins: allowed_origins?.unwrap_or_default(),
            parent_origin: parent_origin?,
            theme: theme?.unwrap_or_default(),
            screens: screens?.unwrap_or_default(),
            read_only: read_only?.unwrap_or(false),
            shared: shared?.unwrap_or(false),
            idle_lock_seconds: idle_lock_seconds?.unwrap_or(defaults.idle_lock_seconds),
        })
    }

    fn subject(&mut self, value: &Value, path: &str) -> Option<Subject> {
        let map = self.object(value, path, &["id", "name"])?;
        let id = self.optional(map, path, "id", |r, v, p| r.string(v, p, MAX_NAME_CHARS));
        let name = self.required(map, path, "name", |r, v, p| {
            r.non_empty(v, p, MAX_NAME_CHARS)
        });
        Some(Subject {
            id: id?.unwrap_or_default(),
            name: name?,
        })
    }

    fn invitation(&mut self, value: &Value, path: &str) -> Option<InvitationRef> {
        let map = self.object(value, path, &["campaign", "token"])?;
        let campaign = self.required(map, path, "campaign", |r, v, p| {
            let s = r.str(v, p)?;
            if !crate::campaign::is_id(s) {
                r.push(p, Kind::BadCampaignId);
                return None;
            }
            Some(s.to_owned())
        });
        let token = self.required(map, path, "token", |r, v, p| {
            let s = r.str(v, p)?;
            if !crate::campaign::is_token(s) {
                r.push(p, Kind::BadToken);
                return None;
            }
            Some(s.to_owned())
        });
        Some(InvitationRef {
            campaign: campaign?,
            token: token?,
        })
    }

    fn rater(&mut self, value: &Value, path: &str) -> Option<RaterConfig> {
        let map = self.object(value, path, &["role", "id", "name"])?;
        let role = self.required(map, path, "role", |r, v, p| {
            let id = r.str(v, p)?;
            let role = Role::from_id(id);
            if role.is_none() {
                r.push(p, Kind::UnknownRole(clip(id)));
            }
            role
        });
        let id = self.optional(map, path, "id", |r, v, p| r.string(v, p, MAX_NAME_CHARS));
        let name = self.optional(map, path, "name", |r, v, p| r.string(v, p, MAX_NAME_CHARS));
        Some(RaterConfig {
            role: role?,
            id: id?.unwrap_or_default(),
            name: name?.unwrap_or_default(),
        })
    }

    fn framework(&mut self, value: &Value, path: &str) -> Option<FrameworkSource> {
        const SOURCES: [&str; 3] = ["bundled", "url", "inline"];
        let map = self.object(value, path, &SOURCES)?;
        let mut given = SOURCES
            .into_iter()
            .filter_map(|key| map.get(key).map(|v| (key, v)));
        let (Some((key, source)), None) = (given.next(), given.next()) else {
            self.push(path, Kind::FrameworkSource);
            return None;
        };
        let source_path = key_path(path, key);
        match key {
            "bundled" if *source == Value::Bool(true) => Some(FrameworkSource::Bundled),
            "bundled" => {
                self.push(&source_path, Kind::FrameworkSource);
                None
            }
            "url" => self.url(source, &source_path).map(FrameworkSource::Url),
            _ if source.is_object() => Some(FrameworkSource::Inline(source.clone())),
            _ => {
                self.wrong_type(&source_path, Expected::Object);
                None
            }
        }
    }

    fn upload(&mut self, value: &Value, path: &str) -> Option<Upload> {
        let map = self.object(value, path, &["url", "headers"])?;
        let url = self.required(map, path, "url", Self::url);
        let headers = self.optional(map, path, "headers", Self::headers);
        Some(Upload {
            url: url?,
            headers: headers?.unwrap_or_default(),
        })
    }

    fn headers(&mut self, value: &Value, path: &str) -> Option<Vec<(String, String)>> {
        let Some(map) = value.as_object() else {
            self.wrong_type(path, Expected::Object);
            return None;
        };
        if map.len() > MAX_HEADERS {
            let (count, limit) = (map.len(), MAX_HEADERS);
            self.structure(path, Structure::TooMany { count, limit });
            return None;
        }
        let mut seen = BTreeSet::new();
        let mut headers = Vec::with_capacity(map.len());
        let mut ok = true;
        for (name, value) in map {
            let path = key_path(path, name);
            let problem = if !is_header_name(name) {
                Some(Kind::BadHeader(clip(name)))
            } else if is_forbidden_header(name) {
                Some(Kind::ForbiddenHeader(name.clone()))
            } else if !seen.insert(name.to_ascii_lowercase()) {
                Some(Kind::DuplicateHeader(name.clone()))
            } else {
                None
            };
            if let Some(problem) = problem {
                self.push(&path, problem);
                ok = false;
                continue;
            }
            let Some(value) = self.string(value, &path, MAX_HEADER_VALUE_CHARS) else {
                ok = false;
                continue;
            };
            if !is_header_value(&value) {
                self.push(&path, Kind::BadHeaderValue(name.clone()));
                ok = false;
                continue;
            }
            headers.push((name.clone(), value));
        }
        ok.then_some(headers)
    }

    fn theme(&mut self, value: &Value, path: &str) -> Option<Theme> {
        let fields: Vec<&str> = THEME.iter().map(|(field, ..)| *field).collect();
        let map = self.object(value, path, &fields)?;
        let mut pairs = Vec::new();
        let mut ok = true;
        for &(field, property, kind) in THEME {
            let read = self.optional(map, path, field, |r, v, p| match kind {
                ThemeValue::Colour => {
                    let colour = r.string(v, p, MAX_COLOUR_CHARS)?;
                    if !is_colour(&colour) {
                        r.push(p, Kind::BadColour(clip(&colour)));
                        return None;
                    }
                    Some(colour)
                }
                ThemeValue::Font => {
                    let font = r.non_empty(v, p, MAX_FONT_CHARS)?;
                    if !is_font(&font) {
                        r.push(p, Kind::BadFont);
                        return None;
                    }
                    Some(font)
                }
                ThemeValue::Radius => {
                    let radius = r.str(v, p)?;
                    if !is_radius(radius) {
                        r.push(p, Kind::BadRadius(clip(radius)));
                        return None;
                    }
                    Some(radius.to_owned())
                }
            });
            match read {
                Some(Some(value)) => pairs.push((property, value)),
                Some(None) => {}
                None => ok = false,
            }
        }
        ok.then_some(Theme { pairs })
    }

    fn screens(&mut self, value: &Value, path: &str) -> Option<Screens> {
        let Some(values) = value.as_array() else {
            self.wrong_type(path, Expected::Array);
            return None;
        };
        if values.is_empty() {
            self.push(path, Kind::NoScreens);
            return None;
        }
        let mut screens = Screens {
            assessment: false,
            framework: false,
            results: false,
        };
        let mut ok = true;
        for (i, value) in values.iter().enumerate() {
            let path = index_path(path, i);
            let Some(name) = self.str(value, &path) else {
                ok = false;
                continue;
            };
            let shown = match name {
                "assessment" => &mut screens.assessment,
                "framework" => &mut screens.framework,
                "results" => &mut screens.results,
                _ => {
                    self.push(&path, Kind::UnknownScreen(clip(name)));
                    ok = false;
                    continue;
                }
            };
            if *shown {
                self.push(&path, Kind::DuplicateScreen(name.to_owned()));
                ok = false;
            }
            *shown = true;
        }
        ok.then_some(screens)
    }
}
