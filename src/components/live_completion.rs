//! HR's live view of a campaign's completion, read from the results intake service
//! (`competency serve`, `GET /hr/completion`) with HR's secret. The secret is kept nowhere:
//! it is read from the field when HR asks, sent once, and forgotten.

use std::cell::RefCell;

use competency_core::assessment::Role;
use competency_core::campaign::Completion;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::check_results::completion_table;
use crate::dom::{Attr, El, ElState};
use crate::i18n::*;

thread_local! {
    /// What the outcome area shows (its handlers: the export button).
    static SHOWN: RefCell<Option<ElState>> = const { RefCell::new(None) };
}

/// The form: the service's address, HR's secret, and the completion it gives.
pub fn section(locale: Locale) -> El {
    let field = |label: &'static str, id: &'static str, kind: &'static str| {
        El::new("label").text(label).child(
            El::new("input")
                .attr(Attr::Type, kind)
                .attr(Attr::Id, id)
                .attr(Attr::Autocomplete, "off"),
        )
    };
    El::section(
        "live-completion no-print",
        "h2",
        "live-completion-heading",
        td_string!(locale, live_heading),
    )
    .child(El::new("p").text(td_string!(locale, live_intro)))
    .child(field(
        td_string!(locale, live_address),
        "live-service",
        "url",
    ))
    .child(field(
        td_string!(locale, live_secret),
        "live-secret",
        "password",
    ))
    .child(
        El::new("p").class("actions").child(
            El::new("button")
                .attr(Attr::Type, "button")
                .text(td_string!(locale, live_show))
                .on_click(move || crate::web::spawn_local(show(locale))),
        ),
    )
    .child(
        El::new("div")
            .class("live-completion-outcome")
            .attr(Attr::AriaLive, "polite"),
    )
}

/// The value of the input `id`.
fn value(id: &str) -> String {
    crate::web::document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value().trim().to_owned())
        .unwrap_or_default()
}

/// Reads the completion and draws it, or why there is none, in the outcome area.
async fn show(locale: Locale) {
    let address = value("live-service");
    let secret = value("live-secret");
    let shown = if !(address.starts_with("https://") || address.starts_with("http://")) {
        notice(td_string!(locale, live_bad_address).to_owned())
    } else {
        let url = format!("{}/hr/completion", address.trim_end_matches('/'));
        match fetch(&url, &secret).await {
            Ok(body) => {
                match rows(&body) {
                    Some(rows) if !rows.is_empty() => {
                        let counted = body.get("results").and_then(Value::as_u64).unwrap_or(0);
                        El::new("div")
                            .child(El::new("p").text(
                                td_string!(locale, live_counted, results = counted).to_string(),
                            ))
                            .child(completion_table(&rows, locale))
                    }
                    _ => notice(td_string!(locale, live_no_campaign).to_owned()),
                }
            }
            Err(Failure::Secret) => notice(td_string!(locale, live_wrong_secret).to_owned()),
            Err(Failure::Unreachable) => notice(td_string!(locale, live_unreachable).to_owned()),
            Err(Failure::Status(status)) => {
                notice(td_string!(locale, live_failed, status = status).to_string())
            }
        }
    };
    let Some(area) = crate::web::document()
        .query_selector(".live-completion-outcome")
        .ok()
        .flatten()
    else {
        return;
    };
    area.set_text_content(None);
    let shown = ElState::new(shown);
    let _ = area.append_child(shown.element());
    SHOWN.with(|s| *s.borrow_mut() = Some(shown));
}

fn notice(text: String) -> El {
    El::alert("notice notice-error", text)
}

enum Failure {
    Secret,
    Unreachable,
    Status(u16),
}

/// GETs `url` with HR's secret; its JSON.
async fn fetch(url: &str, secret: &str) -> Result<Value, Failure> {
    let window = web_sys::window().ok_or(Failure::Unreachable)?;
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    let headers = web_sys::Headers::new().map_err(|_| Failure::Unreachable)?;
    headers
        .set("Authorization", &format!("Bearer {secret}"))
        .map_err(|_| Failure::Secret)?;
    init.set_headers(&headers);
    let request =
        web_sys::Request::new_with_str_and_init(url, &init).map_err(|_| Failure::Unreachable)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_: JsValue| Failure::Unreachable)?
        .unchecked_into();
    match response.status() {
        200 => {}
        401 => return Err(Failure::Secret),
        status => return Err(Failure::Status(status)),
    }
    let text = JsFuture::from(response.text().map_err(|_| Failure::Unreachable)?)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or(Failure::Unreachable)?;
    serde_json::from_str(&text).map_err(|_| Failure::Status(200))
}

/// The completion rows of the service's answer (none when it has no campaign).
fn rows(body: &Value) -> Option<Vec<Completion>> {
    let texts = |row: &Value, key: &str| -> Vec<String> {
        row.get(key)
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    body.get("subjects")?
        .as_array()?
        .iter()
        .map(|row| {
            Some(Completion {
                subject: row.get("subject")?.as_str()?.to_owned(),
                name: row.get("name")?.as_str()?.to_owned(),
                role: Role::from_id(row.get("role")?.as_str()?)?,
                invited: row.get("invited")?.as_u64()? as usize,
                answered: row.get("answered")?.as_u64()? as usize,
                pending: texts(row, "pending"),
                conflicts: texts(row, "conflicts"),
            })
        })
        .collect()
}
