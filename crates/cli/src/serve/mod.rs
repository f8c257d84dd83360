//! `competency serve`: the results intake service. Raters' widgets POST signed results to it;
//! each is read strictly, verified, checked against the framework and the campaign as
//! `aggregate` would ([`report::Admission`]), and kept once in SQLite ([`store`]) before the
//! answer. HR reads completion, the 360 reports and every kept result with a bearer secret
//! ([`http`]).

mod config;
mod http;
mod store;

use std::path::Path;
use std::sync::{Arc, Mutex};

use competency_core::campaign::Campaign;
use competency_core::framework::Framework;
use competency_core::proof::{self, native};
use competency_core::report::{self, Admission, SetAsideReason, Source};
use competency_core::result::FrameworkReference;
use serde_json::json;

use crate::Failure;
use crate::args::Args;
use crate::commands::{check_text, load, load_campaign, set_aside_reason};
use crate::printable::printable;

pub use config::json_schema;

pub fn run(args: &[String]) -> Result<String, Failure> {
    const USAGE: &str = "competency serve --config FILE";
    let args = Args::parse(args, "serve", &["--config"])?;
    args.exactly::<0>(USAGE)?;
    let path = args
        .option("--config")
        .ok_or_else(|| Failure::Usage(format!("--config is required\nusage: {USAGE}")))?;
    let config = config::read(Path::new(path)).map_err(|problems| {
        let mut out = format!("{} is not a valid configuration:\n", printable(path));
        for problem in problems {
            out += &printable(&problem);
            out.push('\n');
        }
        Failure::Invalid(out)
    })?;
    let framework = match &config.framework {
        Some(file) => load(&file.to_string_lossy())?,
        None => competency_core::bundled::framework()
            .map_err(|e| Failure::Invalid(format!("the bundled framework is not valid:\n{e}\n")))?,
    };
    let reference = native::framework_reference(&framework);
    let campaign = match &config.campaign {
        Some(file) => Some(load_campaign(
            &file.to_string_lossy(),
            &framework,
            &reference,
        )?),
        None => None,
    };
    let store = store::Store::open(&config.database)
        .map_err(|e| Failure::Usage(format!("cannot open {}: {e}", config.database.display())))?;
    // The service lives as long as the process: what every request reads is made once.
    let framework: &'static Framework = Box::leak(Box::new(framework));
    let reference: &'static FrameworkReference = Box::leak(Box::new(reference));
    let campaign: Option<&'static Campaign> = campaign.map(|c| &*Box::leak(Box::new(c)));
    let intake = Intake {
        framework,
        reference,
        campaign,
        admission: Admission::new(framework, reference, campaign),
        min_raters: config.min_raters,
    };
    let state = Arc::new(http::State {
        intake,
        store: Mutex::new(store),
        config,
        in_flight: tokio::sync::Semaphore::new(http::MAX_IN_FLIGHT),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Usage(format!("cannot start: {e}")))?;
    runtime
        .block_on(http::serve(state))
        .map_err(|e| Failure::Usage(format!("the service stopped: {e}")))?;
    Ok(String::new())
}

/// What judges an upload.
pub struct Intake {
    framework: &'static Framework,
    reference: &'static FrameworkReference,
    campaign: Option<&'static Campaign>,
    admission: Admission<'static>,
    min_raters: usize,
}

/// An upload the service keeps.
pub struct Accepted {
    fingerprint: String,
    result_id: String,
    invitation: Option<String>,
    rater_key: String,
    file_name: String,
}

/// An upload the service refuses: the HTTP status, a reason code for programs, and the reason
/// in the words the command line uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub status: u16,
    pub code: String,
    pub message: String,
}

impl Intake {
    /// Reads, verifies and checks one upload, as `verify --framework` and `aggregate
    /// --campaign` would.
    pub fn judge(&self, body: &[u8]) -> Result<Accepted, Refused> {
        let refused = |code: &str, message: String| Refused {
            status: 422,
            code: code.to_owned(),
            message,
        };
        let text = std::str::from_utf8(body).map_err(|_| Refused {
            status: 400,
            code: "unreadable".into(),
            message: "not UTF-8 text".into(),
        })?;
        let checked = check_text(text, Some(self.reference)).map_err(|rejected| {
            let code = if rejected.reason.starts_with("not a result") {
                "unreadable"
            } else if rejected.key.is_some() {
                "invalid"
            } else {
                "proof"
            };
            refused(code, rejected.reason)
        })?;
        let canonical = proof::canonicalize(&checked.value)
            .map_err(|e| refused("unreadable", e.to_string()))?;
        let fingerprint = proof::fingerprint(&native::sha256(&canonical));
        let source = Source::new(checked.result.file_name(), checked.result, native::sha256);
        let invitation = self.admission.admit(&source).map_err(|reason| {
            let code = serde_json::to_value(&reason)
                .ok()
                .and_then(|v| v.get("reason")?.as_str().map(str::to_owned))
                .unwrap_or_else(|| "setAside".into());
            refused(&code, self.reason(&reason))
        })?;
        Ok(Accepted {
            fingerprint,
            result_id: source.result.id.clone(),
            invitation: invitation.map(|i| i.id.clone()),
            rater_key: checked.key,
            file_name: source.name,
        })
    }

    fn reason(&self, reason: &SetAsideReason) -> String {
        set_aside_reason(reason, self.reference, self.campaign, None)
    }

    /// The 360 reports of `results` (kept results' bodies), as `aggregate` makes them.
    pub fn report(&self, results: &[(String, Vec<u8>)]) -> report::Report {
        let sources = results
            .iter()
            .filter_map(|(name, body)| {
                let text = std::str::from_utf8(body).ok()?;
                let checked = check_text(text, Some(self.reference)).ok()?;
                Some(Source::new(name.clone(), checked.result, native::sha256))
            })
            .collect();
        let options = report::Options {
            min_raters: self.min_raters,
            ..report::Options::default()
        };
        report::aggregate(
            self.framework,
            self.reference,
            self.campaign,
            sources,
            &options,
        )
    }

    /// The campaign's completion from `report`'s outcomes, as JSON.
    pub fn completion(&self, report: &report::Report) -> serde_json::Value {
        let Some(campaign) = self.campaign else {
            return json!({ "campaign": null, "subjects": [] });
        };
        let rows: Vec<serde_json::Value> = campaign
            .completion(&report.invitations)
            .into_iter()
            .map(|row| {
                json!({
                    "subject": row.subject,
                    "name": row.name,
                    "role": row.role.id(),
                    "invited": row.invited,
                    "answered": row.answered,
                    "pending": row.pending,
                    "conflicts": row.conflicts,
                })
            })
            .collect();
        json!({ "campaign": campaign.id, "title": campaign.title, "subjects": rows })
    }
}
