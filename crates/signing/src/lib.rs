//! Turning a submitted assessment into a signed result, apart from the widget's first
//! download: the result document, its canonical JSON and proof (the app model's
//! [`competency_core::model::signing`]) are needed once per assessment, at its end, and
//! weigh about a tenth of the page. The widget fetches this module when it signs (the
//! service worker keeps it with the rest of the bundle, so that it signs offline too). The
//! rater's key stays in the page: the module asks the page to sign the proof's hash, and
//! hashes with Rust's SHA-256 itself.

use std::rc::Rc;

use competency_core::Framework;
use competency_core::assessment::draft;
use competency_core::model::crypto::{Crypto, CryptoError, SigningKey};
use competency_core::model::signing::{self, Signed, Signing};
use competency_core::result::{App, KeyProtection};
use sha2::{Digest, Sha256};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// SHA-256 in Rust: a few kilobytes here, and no round trip through the page.
struct RustSha256;

impl Crypto for RustSha256 {
    async fn sha256(&self, data: &[u8]) -> Result<[u8; 32], CryptoError> {
        Ok(Sha256::digest(data).into())
    }

    async fn verify(&self, _: &[u8; 32], _: &[u8], _: &[u8; 64]) -> Result<bool, CryptoError> {
        Err(CryptoError::Unavailable(
            "the signing module does not verify".into(),
        ))
    }
}

/// The rater's key, which stays in the page: `sign` is the page's function from the
/// message's bytes to a promise of the signature's.
struct PageKey {
    public_key: [u8; 32],
    protection: KeyProtection,
    sign: js_sys::Function,
}

fn failed(error: JsValue) -> CryptoError {
    CryptoError::Failed(
        error
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| error.as_string())
            .unwrap_or_else(|| "the page could not sign".into()),
    )
}

impl SigningKey for PageKey {
    fn public_key(&self) -> [u8; 32] {
        self.public_key
    }

    fn protection(&self) -> KeyProtection {
        self.protection
    }

    async fn sign(&self, message: &[u8]) -> Result<[u8; 64], CryptoError> {
        let promise = self
            .sign
            .call1(&JsValue::NULL, &js_sys::Uint8Array::from(message))
            .map_err(failed)?;
        let signature = JsFuture::from(js_sys::Promise::from(promise))
            .await
            .map_err(failed)?;
        js_sys::Uint8Array::new(&signature)
            .to_vec()
            .try_into()
            .map_err(|_| CryptoError::Failed("a signature has 64 bytes".into()))
    }
}

/// A framework read: its JSON, the framework, its content hash.
type Read = (String, Rc<Framework>, [u8; 32]);

thread_local! {
    /// The framework last read: a rater signs again and again against the same one, which
    /// need not be read and hashed each time.
    static FRAMEWORK: std::cell::RefCell<Option<Read>> = const { std::cell::RefCell::new(None) };
}

/// The framework `json` describes and its content hash, read and computed once.
async fn framework(json: String) -> Result<(Rc<Framework>, [u8; 32]), JsError> {
    let known = FRAMEWORK.with(|f| {
        f.borrow()
            .as_ref()
            .filter(|(text, ..)| *text == json)
            .map(|(_, framework, hash)| (framework.clone(), *hash))
    });
    if let Some(known) = known {
        return Ok(known);
    }
    let framework = Rc::new(Framework::from_json(&json)?);
    let hash = signing::framework_sha256(&RustSha256, &framework).await?;
    FRAMEWORK.with(|f| *f.borrow_mut() = Some((json, framework.clone(), hash)));
    Ok((framework, hash))
}

/// What the page shows of a signed result, as a plain object: `json`, `resultId`,
/// `fileName`, `fingerprint`, `keyFingerprint`, `keyProtection`.
fn to_object(signed: &Signed) -> JsValue {
    let object = js_sys::Object::new();
    let protection = match signed.key_protection {
        KeyProtection::NonExtractable => "non-extractable",
        KeyProtection::Software => "software",
    };
    for (name, value) in [
        ("json", signed.json.as_str()),
        ("resultId", &signed.result_id),
        ("fileName", &signed.file_name),
        ("fingerprint", &signed.fingerprint),
        ("keyFingerprint", &signed.key_fingerprint),
        ("keyProtection", protection),
    ] {
        // Setting a property of a plain object cannot fail.
        js_sys::Reflect::set(&object, &name.into(), &value.into()).ok();
    }
    object.into()
}

/// Signs the submitted assessment `draft_json` (a draft as the page keeps it), made against
/// the framework `framework_json`, with the key whose public key is `public_key` and which
/// `sign` uses. Returns what [`describe`] returns.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub async fn sign(
    draft_json: String,
    framework_json: String,
    locale: String,
    now: f64,
    result_id: String,
    app_version: String,
    public_key: Vec<u8>,
    software_key: bool,
    sign: js_sys::Function,
) -> Result<JsValue, JsError> {
    let (framework, framework_sha256) = framework(framework_json).await?;
    // Exactly what the page holds: a draft brought up to date would not be what was submitted.
    let assessment = draft::peek(&draft_json)?;
    let key = PageKey {
        public_key: public_key
            .try_into()
            .map_err(|_| JsError::new("an Ed25519 public key has 32 bytes"))?,
        protection: if software_key {
            KeyProtection::Software
        } else {
            KeyProtection::NonExtractable
        },
        sign,
    };
    let signing = Signing {
        app: App {
            name: "competency-widget".into(),
            version: app_version,
        },
        framework: &framework,
        framework_sha256,
        locale: &locale,
        now: now as u64,
        result_id,
    };
    let json = signing::sign_result(&RustSha256, &key, &assessment, signing).await?;
    Ok(to_object(&signing::describe(&RustSha256, &json).await?))
}

/// Reads the framework `framework_json` and computes its hash ahead of signing, so that the
/// rater who submits waits for the proof alone.
#[wasm_bindgen]
pub async fn prepare(framework_json: String) -> Result<(), JsError> {
    framework(framework_json).await.map(|_| ())
}

/// What is shown of a signed result the page kept (its fingerprints, its file's name).
#[wasm_bindgen]
pub async fn describe(json: String) -> Result<JsValue, JsError> {
    Ok(to_object(&signing::describe(&RustSha256, &json).await?))
}
