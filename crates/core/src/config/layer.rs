//! A configuration in layers: the standalone page's address parameters, the mount call, the
//! messages of the page that embeds the widget, merged in that order before it is read.

use serde_json::{Map, Value};

use super::CONFIG_VERSION;

/// The fields that [`layer`] merges key by key; every other field is replaced whole.
pub const MERGED_FIELDS: [&str; 5] = ["subject", "rater", "invitation", "upload", "theme"];

/// The configuration layer given by the standalone page's address parameters:
///
/// | parameter   | field            |
/// |-------------|------------------|
/// | `lang`      | `language`       |
/// | `name`      | `subject.name`   |
/// | `subject`   | `subject.id`     |
/// | `position`  | `position`       |
/// | `role`      | `rater.role`     |
/// | `rater`     | `rater.id`       |
/// | `raterName` | `rater.name`     |
/// | `challenge` | `challenge`      |
/// | `campaign`  | `invitation.campaign` |
/// | `token`     | `invitation.token`    |
/// | `upload`    | `upload.url`     |
/// | `framework` | `framework.url`  |
/// | `minRaters` | `minRaters`      |
/// | `instance`  | `instance`       |
/// | `readOnly`  | `readOnly`       |
/// | `shared`    | `shared`         |
/// | `idleLockSeconds` | `idleLockSeconds` |
/// | `screens`   | `screens`        |
/// | `allowedOrigins` | `allowedOrigins` |
/// | `parentOrigin`   | `parentOrigin`   |
///
/// `get` returns a parameter's value; an empty value counts as absent. `minRaters` and
/// `idleLockSeconds` become numbers when they are whole numbers, and `readOnly` and `shared`
/// booleans when they are `true` or `false`;
/// otherwise they stay strings, for [`super::from_value`] to report. `screens` and
/// `allowedOrigins` are comma-separated lists (`assessment,results`). The layer always has
/// `configVersion` 1.
///
/// `?lang=fr&name=Awa%20Traoré&subject=M-1024&position=inspector&role=peer&rater=R-7`
/// `&raterName=Chef%20Diallo&challenge=n-123&upload=https://hr.example/results&minRaters=4`
pub fn from_url_params(get: impl Fn(&str) -> Option<String>) -> Map<String, Value> {
    let get = |name: &str| get(name).filter(|v| !v.is_empty());
    let mut config = Map::new();
    config.insert("configVersion".into(), CONFIG_VERSION.into());
    let mut set = |field: &str, value: Option<Value>| {
        if let Some(value) = value {
            config.insert(field.into(), value);
        }
    };
    let object = |entries: &[(&str, &str)]| {
        // Inserted one by one: collecting sorts first, whose code the WebAssembly would carry.
        let mut map = Map::new();
        for (field, parameter) in entries {
            if let Some(value) = get(parameter) {
                map.insert((*field).into(), value.into());
            }
        }
        (!map.is_empty()).then_some(Value::Object(map))
    };

    set("language", get("lang").map(Value::from));
    set("subject", object(&[("id", "subject"), ("name", "name")]));
    set("position", get("position").map(Value::from));
    set(
        "rater",
        object(&[("role", "role"), ("id", "rater"), ("name", "raterName")]),
    );
    set("challenge", get("challenge").map(Value::from));
    set(
        "invitation",
        object(&[("campaign", "campaign"), ("token", "token")]),
    );
    set("upload", object(&[("url", "upload")]));
    set("framework", object(&[("url", "framework")]));
    let number = |name: &str| {
        get(name).map(|n| {
            n.parse::<i64>()
                .map(Value::from)
                .or_else(|_| n.parse::<u64>().map(Value::from))
                .unwrap_or(Value::String(n))
        })
    };
    let boolean = |name: &str| {
        get(name).map(|b| match b.as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(b),
        })
    };
    set("minRaters", number("minRaters"));
    set("instance", get("instance").map(Value::from));
    set("readOnly", boolean("readOnly"));
    set("shared", boolean("shared"));
    set("idleLockSeconds", number("idleLockSeconds"));
    let list =
        |name: &str| get(name).map(|list| list.split(',').map(|s| Value::from(s.trim())).collect());
    set("screens", list("screens"));
    set("allowedOrigins", list("allowedOrigins"));
    set("parentOrigin", get("parentOrigin").map(Value::from));
    config
}

/// Merges configuration layers, later layers winning. The objects of [`MERGED_FIELDS`]
/// (`subject`, `rater`, `invitation`, `upload`, `theme`) are merged key by key, so that a message can change
/// the theme's accent colour alone (a `null` key then removes the earlier value, as `null`
/// means absent); every other field, `upload.headers` and `framework` among them, is replaced
/// whole. The layers come in order of precedence: **URL parameters < mount call <
/// postMessage**.
pub fn layer(layers: &[Map<String, Value>]) -> Value {
    let mut merged = Map::new();
    for layer in layers {
        for (field, value) in layer {
            match (merged.get_mut(field), value) {
                (Some(Value::Object(earlier)), Value::Object(later))
                    if MERGED_FIELDS.contains(&field.as_str()) =>
                {
                    for (key, value) in later {
                        earlier.insert(key.clone(), value.clone());
                    }
                }
                _ => {
                    merged.insert(field.clone(), value.clone());
                }
            }
        }
    }
    Value::Object(merged)
}
