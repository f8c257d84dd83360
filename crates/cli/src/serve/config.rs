//! The service's configuration: one JSON file (`competency schema serve` prints its schema),
//! every problem reported at once with its path. Files it names are relative to it.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The largest configuration file read, in bytes.
const MAX_CONFIG_BYTES: usize = 64 * 1024;
/// The shortest secret accepted for HR's endpoints, in characters.
pub const MIN_SECRET_CHARS: usize = 32;

/// The configuration, read and checked.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    /// The SQLite database file (created when missing).
    pub database: PathBuf,
    /// The framework file, `None` for the bundled one.
    pub framework: Option<PathBuf>,
    /// The campaign results answer, if any.
    pub campaign: Option<PathBuf>,
    /// Origins whose pages may send results and read HR's endpoints (`https://portal.example`).
    pub allowed_origins: Vec<String>,
    /// HR's bearer secret, read from the file the configuration names.
    pub hr_secret: String,
    /// The smallest anonymous group HR's reports show (at least the campaign's).
    pub min_raters: usize,
}

/// The configuration's form, for its JSON Schema (`competency schema serve`). Reading is done
/// by [`read`], which reports every problem.
#[derive(schemars::JsonSchema)]
#[schemars(
    title = "Results intake service",
    description = "The configuration of `competency serve`. Paths are relative to this file.",
    deny_unknown_fields
)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct ConfigDocument {
    /// Optional address of this schema, for editors.
    #[serde(rename = "$schema")]
    schema: Option<String>,
    /// The address and port to listen on, such as `127.0.0.1:8787` (default). Put a reverse
    /// proxy with TLS in front of it.
    listen: Option<String>,
    /// The SQLite database file: created when missing; back it up as one file.
    database: String,
    /// The framework results are made against: a file, or `bundled` (default).
    framework: Option<String>,
    /// The campaign file (`competency campaign new`): results are then accepted only as answers
    /// to its invitations.
    campaign: Option<String>,
    /// The origins (`https://portal.example`) whose pages may send results and read HR's
    /// endpoints.
    #[schemars(default)]
    allowed_origins: Vec<String>,
    /// A file holding HR's secret (at least 32 characters), sent as `Authorization: Bearer`.
    hr_secret_file: String,
    /// The smallest group of peers, direct reports or others a report shows (default 3).
    #[schemars(range(min = 1, max = 100))]
    min_raters: Option<u64>,
}

/// The JSON Schema of the configuration.
pub fn json_schema() -> Value {
    let mut schema = schemars::schema_for!(ConfigDocument);
    schema.insert("$id".into(), "serve.schema.json".into());
    schema.into()
}

/// Reads the configuration at `path`: the configuration, or every problem (`path: problem`).
pub fn read(path: &Path) -> Result<Config, Vec<String>> {
    let text = crate::commands::read_limited(&path.to_string_lossy(), MAX_CONFIG_BYTES)
        .map_err(|e| vec![format!("{}: {e}", path.display())])?;
    let value = competency_core::json::parse(&text, MAX_CONFIG_BYTES)
        .map_err(|e| vec![format!("{}: {e}", e.path())])?;
    let Some(object) = value.as_object() else {
        return Err(vec!["$: expected an object".into()]);
    };
    let base = path.parent().unwrap_or(Path::new("."));
    let mut problems = Vec::new();
    let known = [
        "$schema",
        "listen",
        "database",
        "framework",
        "campaign",
        "allowedOrigins",
        "hrSecretFile",
        "minRaters",
    ];
    for key in object.keys() {
        if !known.contains(&key.as_str()) {
            problems.push(format!(
                "$.{key}: unknown field (known: {})",
                known.join(", ")
            ));
        }
    }
    let mut text = |key: &str, required: bool| -> Option<String> {
        match object.get(key) {
            None | Some(Value::Null) if required => {
                problems.push(format!("$.{key}: missing"));
                None
            }
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.trim().is_empty() => {
                problems.push(format!("$.{key}: must not be empty"));
                None
            }
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                problems.push(format!("$.{key}: expected a string"));
                None
            }
        }
    };
    let listen = text("listen", false);
    let database = text("database", true);
    let framework = text("framework", false);
    let campaign = text("campaign", false);
    let secret_file = text("hrSecretFile", true);

    let listen = match listen.as_deref().unwrap_or("127.0.0.1:8787").parse() {
        Ok(address) => Some(address),
        Err(_) => {
            problems.push(format!(
                "$.listen: `{}` is not an address and port such as 127.0.0.1:8787",
                listen.unwrap_or_default()
            ));
            None
        }
    };
    let mut allowed_origins = Vec::new();
    match object.get("allowedOrigins") {
        None => {}
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                match item.as_str() {
                    Some(origin) if is_origin(origin) => allowed_origins.push(origin.to_owned()),
                    _ => problems.push(format!(
                        "$.allowedOrigins[{i}]: expected an origin such as https://portal.example \
                         (scheme, host and port only)"
                    )),
                }
            }
        }
        Some(_) => problems.push("$.allowedOrigins: expected a list of origins".into()),
    }
    let min_raters = match object.get("minRaters") {
        None => competency_core::report::DEFAULT_MIN_RATERS,
        Some(value) => match value.as_u64() {
            Some(n @ 1..=100) => n as usize,
            _ => {
                problems.push("$.minRaters: expected a whole number from 1 to 100".into());
                competency_core::report::DEFAULT_MIN_RATERS
            }
        },
    };
    let hr_secret = secret_file.and_then(|file| {
        let file = base.join(file);
        match std::fs::read_to_string(&file) {
            Ok(secret) if secret.trim().chars().count() >= MIN_SECRET_CHARS => {
                Some(secret.trim().to_owned())
            }
            Ok(_) => {
                problems.push(format!(
                    "$.hrSecretFile: {} holds fewer than {MIN_SECRET_CHARS} characters",
                    file.display()
                ));
                None
            }
            Err(e) => {
                problems.push(format!(
                    "$.hrSecretFile: cannot read {}: {e}",
                    file.display()
                ));
                None
            }
        }
    });
    if !problems.is_empty() {
        return Err(problems);
    }
    let (Some(listen), Some(database), Some(hr_secret)) = (listen, database, hr_secret) else {
        return Err(vec!["$: incomplete".into()]);
    };
    Ok(Config {
        listen,
        database: base.join(database),
        framework: framework.filter(|f| f != "bundled").map(|f| base.join(f)),
        campaign: campaign.map(|c| base.join(c)),
        allowed_origins,
        hr_secret,
        min_raters,
    })
}

/// `https://host` or `http://host:port`: a scheme, a host and maybe a port, nothing after.
fn is_origin(text: &str) -> bool {
    let Some(rest) = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
    else {
        return false;
    };
    !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}
