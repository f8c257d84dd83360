//! Signing in the browser: the rater's key from [`keys`] (WebCrypto, kept in IndexedDB), the
//! result and its proof made by the signing module (`crates/signing`), fetched the first
//! time a rater signs rather than with the page.

use competency_core::assessment::{Assessment, draft};
use competency_core::model::crypto::{CryptoError, SigningKey as _};
use competency_core::model::signing::SignError;
use competency_core::result::KeyProtection;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

pub use competency_core::model::signing::Signed;

use crate::crypto::js_message;
use crate::keys::{self, KeyOrigin};

/// The signing module's file, beside the widget's files (see `modules::address`).
const SIGNING_SCRIPT: &str = "competency-signing.js";

fn failed(error: JsValue) -> SignError {
    SignError::Crypto(CryptoError::Failed(
        js_message(&error).unwrap_or_else(|| "the signing module failed".into()),
    ))
}

/// Calls the signing module's function `name` with `args`; what its promise gives.
async fn call(name: &str, args: &[JsValue]) -> Result<JsValue, SignError> {
    let module = crate::modules::load(SIGNING_SCRIPT).await.map_err(|e| {
        SignError::Crypto(CryptoError::Unavailable(format!(
            "the signing module could not be loaded ({})",
            e.as_string().unwrap_or_else(|| "network".into())
        )))
    })?;
    let function: js_sys::Function = js_sys::Reflect::get(&module, &name.into())
        .map_err(failed)?
        .dyn_into()
        .map_err(failed)?;
    let args: js_sys::Array = args.iter().collect();
    let promise = function.apply(&JsValue::NULL, &args).map_err(failed)?;
    JsFuture::from(js_sys::Promise::from(promise))
        .await
        .map_err(failed)
}

/// What the module gives back about a signed result.
fn signed(object: &JsValue) -> Result<Signed, SignError> {
    let field = |name: &str| {
        js_sys::Reflect::get(object, &name.into())
            .ok()
            .and_then(|v| v.as_string())
            .ok_or_else(|| failed(format!("no {name} from the signing module").into()))
    };
    Ok(Signed {
        json: field("json")?,
        result_id: field("resultId")?,
        file_name: field("fileName")?,
        fingerprint: field("fingerprint")?,
        key_fingerprint: field("keyFingerprint")?,
        key_protection: match field("keyProtection")?.as_str() {
            "non-extractable" => KeyProtection::NonExtractable,
            _ => KeyProtection::Software,
        },
    })
}

/// Fetches the signing module and has it read the framework `framework_json`, while the
/// rater is still answering, so that submitting waits for the proof alone. A failure here
/// (offline, say) is met again, and said, when the rater signs.
pub async fn prepare(framework_json: &str) {
    call("prepare", &[framework_json.into()]).await.ok();
}

/// What is shown of `json`, a signed result kept in this browser (`Ok(None)` when the kept
/// copy is damaged: a new one replaces it). A kept result the module cannot describe because
/// it did not load is an error, never `None`: signing again would make a second result of
/// the same assessment.
pub async fn describe_kept(json: String) -> Result<Option<Signed>, SignError> {
    match call("describe", &[json.into()]).await {
        Ok(object) => signed(&object).map(Some),
        Err(error @ SignError::Crypto(CryptoError::Unavailable(_))) => Err(error),
        Err(_) => Ok(None),
    }
}

/// Signs the submitted `assessment`, made against the framework `framework_json`, with its
/// rater's key (created when they have none here). Returns the result (for the caller to
/// keep: [`crate::session::Session::keep_result`]) and how the key came to be.
pub async fn sign(
    assessment: &Assessment,
    framework_json: &str,
    locale: &str,
    now: u64,
) -> Result<(Signed, KeyOrigin), SignError> {
    let (key, origin) = keys::for_identity(&assessment.key_identity()).await?;
    let public_key = js_sys::Uint8Array::from(&key.public_key()[..]);
    let software = key.protection() == KeyProtection::Software;
    // The page signs the proof's hash when the module asks: the key never leaves it.
    let sign_with = Closure::<dyn FnMut(js_sys::Uint8Array) -> js_sys::Promise>::new(
        move |message: js_sys::Uint8Array| {
            let key = key.clone();
            wasm_bindgen_futures::future_to_promise(async move {
                let signature = key
                    .sign(&message.to_vec())
                    .await
                    .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?;
                Ok(js_sys::Uint8Array::from(&signature[..]).into())
            })
        },
    );
    let object = call(
        "sign",
        &[
            draft::to_json(assessment).into(),
            framework_json.into(),
            locale.into(),
            (now as f64).into(),
            crate::drafts::new_id().into(),
            env!("CARGO_PKG_VERSION").into(),
            public_key.into(),
            software.into(),
            sign_with.as_ref().clone(),
        ],
    )
    .await?;
    drop(sign_with);
    Ok((signed(&object)?, origin))
}
