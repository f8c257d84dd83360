//! The service's HTTP side (axum on tokio): `POST /results` for raters' widgets, with CORS
//! for the configured origins only; `GET /hr/…` for HR with the bearer secret. Checking and
//! SQLite run on blocking threads; the answer is sent only after the commit.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Path, State as Extract};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use competency_core::report::ReportDocument;
use competency_core::result::MAX_RESULT_BYTES;
use serde_json::{Value, json};

use super::config::Config;
use super::store::{Received, Store, Stored};
use super::{Intake, Refused};

pub struct State {
    pub intake: Intake,
    pub store: Mutex<Store>,
    pub config: Config,
    /// Uploads being read and checked at once: one more waits for a place, so that a flood
    /// of slow requests cannot take every thread and all the memory.
    pub in_flight: tokio::sync::Semaphore,
}

/// Uploads read and checked at once.
pub const MAX_IN_FLIGHT: usize = 64;
/// The longest a client may take to send an upload's body.
const BODY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);
/// The most of a request's `Origin` kept in a refusal's record and log.
const MAX_ORIGIN_CHARS: usize = 200;

type Shared = Arc<State>;

/// Serves until SIGINT or SIGTERM, then finishes the requests it accepted.
pub async fn serve(state: Shared) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(state.config.listen).await?;
    let address = listener.local_addr()?;
    // The first line tells a supervisor (or a test) where the service is.
    println!("competency serve: listening on http://{address}");
    log(json!({ "event": "listening", "address": address.to_string() }));
    let app = Router::new()
        .route("/results", post(upload).options(preflight))
        .route("/hr/completion", get(completion).options(preflight))
        .route("/hr/reports", get(reports).options(preflight))
        .route("/hr/results", get(results).options(preflight))
        .route("/hr/results/{id}", get(result).options(preflight))
        .route("/hr/refusals", get(refusals).options(preflight))
        .with_state(state);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown())
        .await?;
    log(json!({ "event": "stopped" }));
    Ok(())
}

async fn shutdown() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                .expect("a SIGTERM handler");
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}

/// One line of JSON on standard error, with the time.
fn log(mut entry: Value) {
    if let Some(object) = entry.as_object_mut() {
        object.insert("at".into(), crate::commands::now_rfc3339().into());
    }
    eprintln!("{entry}");
}

/// The request's `Origin`, when it has one.
fn origin(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// An origin as recorded: cut to [`MAX_ORIGIN_CHARS`].
fn recorded(origin: Option<&str>) -> Option<String> {
    origin.map(|o| o.chars().take(MAX_ORIGIN_CHARS).collect())
}

fn allowed(state: &State, origin: &str) -> bool {
    state.config.allowed_origins.iter().any(|o| o == origin)
}

/// `response` with the CORS headers an allowed origin gets.
fn with_cors(mut response: Response, state: &State, origin: Option<&str>) -> Response {
    if let Some(origin) = origin.filter(|o| allowed(state, o))
        && let Ok(value) = HeaderValue::from_str(origin)
    {
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
        headers.insert(header::VARY, HeaderValue::from_static("Origin"));
    }
    response
}

fn answer(status: u16, body: Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

/// A CORS preflight: allowed for the configured origins only.
async fn preflight(Extract(state): Extract<Shared>, headers: HeaderMap) -> Response {
    let origin = origin(&headers);
    let Some(origin) = origin.filter(|o| allowed(&state, o)) else {
        return StatusCode::FORBIDDEN.into_response();
    };
    // The headers the page asks for: the portal's own (an authorization, say) and JSON's.
    let requested = headers
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            v.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ',' | ' '))
        })
        .unwrap_or("content-type")
        .to_owned();
    let response = (
        StatusCode::NO_CONTENT,
        [
            (
                header::ACCESS_CONTROL_ALLOW_METHODS,
                "POST, GET, OPTIONS".to_owned(),
            ),
            (header::ACCESS_CONTROL_ALLOW_HEADERS, requested),
            (header::ACCESS_CONTROL_MAX_AGE, "600".to_owned()),
        ],
    )
        .into_response();
    with_cors(response, &state, Some(&origin))
}

/// `POST /results`: a signed result, kept once.
async fn upload(Extract(state): Extract<Shared>, headers: HeaderMap, body: Body) -> Response {
    let origin = origin(&headers);
    if let Some(o) = origin.as_deref()
        && !allowed(&state, o)
    {
        let refused = Refused {
            status: 403,
            code: "origin".into(),
            message: "pages from this origin may not send results here".into(),
        };
        return refuse(state, refused, origin, 0).await;
    }
    let gate = state.clone();
    let Ok(_place) = gate.in_flight.acquire().await else {
        return answer(503, json!({ "error": "unavailable" }));
    };
    let bytes = match tokio::time::timeout(BODY_TIMEOUT, to_bytes(body, MAX_RESULT_BYTES)).await {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(_)) => {
            let refused = Refused {
                status: 413,
                code: "tooLarge".into(),
                message: format!("larger than the {MAX_RESULT_BYTES} bytes accepted"),
            };
            return refuse(state, refused, origin, MAX_RESULT_BYTES + 1).await;
        }
        Err(_) => {
            let refused = Refused {
                status: 408,
                code: "timeout".into(),
                message: format!("the body took longer than {} s", BODY_TIMEOUT.as_secs()),
            };
            return refuse(state, refused, origin, 0).await;
        }
    };
    let judged = {
        let state = state.clone();
        let bytes = bytes.clone();
        tokio::task::spawn_blocking(move || state.intake.judge(&bytes)).await
    };
    let accepted = match judged {
        Ok(Ok(accepted)) => accepted,
        Ok(Err(refused)) => return refuse(state, refused, origin, bytes.len()).await,
        Err(_) => return answer(500, json!({ "error": "internal" })),
    };
    let kept = {
        let state = state.clone();
        tokio::task::spawn_blocking(move || {
            let received = Received {
                fingerprint: &accepted.fingerprint,
                result_id: &accepted.result_id,
                invitation: accepted.invitation.as_deref(),
                rater_key: &accepted.rater_key,
                file_name: &accepted.file_name,
                received_at: crate::commands::now_millis(),
                body: &bytes,
            };
            let stored = state.store.lock().map_err(|_| None)?.store(&received);
            stored.map(|s| (s, accepted)).map_err(Some)
        })
        .await
    };
    let response = match kept {
        Ok(Ok((Stored::New { id, earlier_keys }, accepted))) => {
            let note = if earlier_keys.is_empty() {
                None
            } else if earlier_keys.iter().all(|k| *k == accepted.rater_key) {
                Some(
                    "this invitation was answered before by the same key: the latest result counts",
                )
            } else {
                Some(
                    "this invitation was answered before by another key: none of its results \
                     counts until HR settles it (a new invitation for the rater)",
                )
            };
            log(json!({
                "event": "stored", "id": id, "result": accepted.result_id,
                "invitation": accepted.invitation, "note": note,
            }));
            answer(
                201,
                json!({ "stored": true, "id": id, "fingerprint": accepted.fingerprint, "note": note }),
            )
        }
        Ok(Ok((Stored::Again { id }, accepted))) => {
            log(json!({ "event": "again", "id": id, "result": accepted.result_id }));
            answer(
                200,
                json!({ "stored": false, "id": id, "fingerprint": accepted.fingerprint,
                        "note": "this result was received before: nothing new was stored" }),
            )
        }
        Ok(Err(error)) => {
            log(json!({ "event": "storeFailed", "error": error.map(|e| e.to_string()) }));
            answer(
                503,
                json!({ "error": "unavailable", "message": "the result could not be stored: send it again" }),
            )
        }
        Err(_) => answer(500, json!({ "error": "internal" })),
    };
    with_cors(response, &state, origin.as_deref())
}

/// Counts and logs a refused upload, and answers it.
async fn refuse(state: Shared, refused: Refused, origin: Option<String>, bytes: usize) -> Response {
    let kept_origin = recorded(origin.as_deref());
    log(json!({
        "event": "refused", "code": refused.code, "reason": refused.message, "origin": kept_origin,
    }));
    let counted = {
        let (state, refused, origin) = (state.clone(), refused.clone(), kept_origin);
        tokio::task::spawn_blocking(move || {
            if let Ok(mut store) = state.store.lock() {
                let _ = store.refused(
                    crate::commands::now_millis(),
                    &refused.code,
                    &refused.message,
                    origin.as_deref(),
                    bytes,
                );
            }
        })
    };
    let _ = counted.await;
    let response = answer(
        refused.status,
        json!({ "error": refused.code, "message": refused.message }),
    );
    with_cors(response, &state, origin.as_deref())
}

/// Whether the request carries HR's secret (compared in constant time).
fn is_hr(state: &State, headers: &HeaderMap) -> bool {
    let Some(given) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return false;
    };
    let secret = state.config.hr_secret.as_bytes();
    let given = given.trim().as_bytes();
    given.len() == secret.len()
        && given
            .iter()
            .zip(secret)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// Runs `read` for HR on a blocking thread, after checking the secret.
async fn for_hr(
    state: Shared,
    headers: HeaderMap,
    read: impl FnOnce(&State) -> Response + Send + 'static,
) -> Response {
    let origin = origin(&headers);
    if !is_hr(&state, &headers) {
        log(json!({ "event": "hrRefused", "origin": recorded(origin.as_deref()) }));
        let response = answer(
            401,
            json!({ "error": "unauthorized", "message": "HR's secret is needed (Authorization: Bearer …)" }),
        );
        return with_cors(response, &state, origin.as_deref());
    }
    let response = {
        let state = state.clone();
        tokio::task::spawn_blocking(move || read(&state))
            .await
            .unwrap_or_else(|_| answer(500, json!({ "error": "internal" })))
    };
    with_cors(response, &state, origin.as_deref())
}

/// Every kept result's name and body, or the answer that says why they cannot be read.
fn kept(state: &State) -> Result<Vec<(String, Vec<u8>)>, Box<Response>> {
    let store = state
        .store
        .lock()
        .map_err(|_| Box::new(answer(500, json!({ "error": "internal" }))))?;
    let all = store.all().map_err(|e| {
        Box::new(answer(
            503,
            json!({ "error": "unavailable", "message": e.to_string() }),
        ))
    })?;
    Ok(all
        .into_iter()
        .map(|k| (format!("{}-{}", k.id, k.file_name), k.body))
        .collect())
}

/// `GET /hr/completion`: who has answered, per person and role.
async fn completion(Extract(state): Extract<Shared>, headers: HeaderMap) -> Response {
    for_hr(state, headers, |state| match kept(state) {
        Ok(results) => {
            let report = state.intake.report(&results);
            let mut body = state.intake.completion(&report);
            body["results"] = results.len().into();
            answer(200, body)
        }
        Err(response) => *response,
    })
    .await
}

/// `GET /hr/reports`: the 360 reports, as `competency aggregate` writes them.
async fn reports(Extract(state): Extract<Shared>, headers: HeaderMap) -> Response {
    for_hr(state, headers, |state| match kept(state) {
        Ok(results) => {
            let report = state.intake.report(&results);
            let json = ReportDocument::new(&report).to_json();
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                json,
            )
                .into_response()
        }
        Err(response) => *response,
    })
    .await
}

/// `GET /hr/results`: every kept result, without its body.
async fn results(Extract(state): Extract<Shared>, headers: HeaderMap) -> Response {
    for_hr(state, headers, |state| {
        let Ok(store) = state.store.lock() else {
            return answer(500, json!({ "error": "internal" }));
        };
        match store.list() {
            Ok(all) => answer(
                200,
                Value::Array(
                    all.into_iter()
                        .map(|k| {
                            json!({ "id": k.id, "fileName": k.file_name,
                                    "fingerprint": k.fingerprint, "receivedAt": k.received_at })
                        })
                        .collect(),
                ),
            ),
            Err(e) => answer(
                503,
                json!({ "error": "unavailable", "message": e.to_string() }),
            ),
        }
    })
    .await
}

/// `GET /hr/results/{id}`: a kept result, the bytes exactly as received.
async fn result(
    Extract(state): Extract<Shared>,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Response {
    for_hr(state, headers, move |state| {
        let Ok(store) = state.store.lock() else {
            return answer(500, json!({ "error": "internal" }));
        };
        match store.get(id) {
            Ok(Some(kept)) => {
                let disposition = format!("attachment; filename=\"{}\"", kept.file_name);
                (
                    StatusCode::OK,
                    [
                        (header::CONTENT_TYPE, "application/json".to_owned()),
                        (header::CONTENT_DISPOSITION, disposition),
                    ],
                    kept.body,
                )
                    .into_response()
            }
            Ok(None) => answer(404, json!({ "error": "notFound" })),
            Err(e) => answer(
                503,
                json!({ "error": "unavailable", "message": e.to_string() }),
            ),
        }
    })
    .await
}

/// `GET /hr/refusals`: how many uploads were refused, by reason.
async fn refusals(Extract(state): Extract<Shared>, headers: HeaderMap) -> Response {
    for_hr(state, headers, |state| {
        let Ok(store) = state.store.lock() else {
            return answer(500, json!({ "error": "internal" }));
        };
        match store.refusals() {
            Ok(counts) => answer(
                200,
                Value::Object(counts.into_iter().map(|(c, n)| (c, n.into())).collect()),
            ),
            Err(e) => answer(
                503,
                json!({ "error": "unavailable", "message": e.to_string() }),
            ),
        }
    })
    .await
}
