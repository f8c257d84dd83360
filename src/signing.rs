//! Turns a submitted assessment into a signed result: the result document (domain), an
//! eddsa-jcs-2022 proof (domain prepares the bytes, the browser hashes and signs), kept in
//! storage so it can be exported again after a reload.

use competency_core::Framework;
use competency_core::assessment::Assessment;
use competency_core::proof::{self, ProofError, ProofOptions};
use competency_core::result::{
    App, KeyProtection, RaterIdentity, ResultContext, ResultDocument, ResultError,
    framework_canonical_json,
};
use competency_core::time::rfc3339;

use crate::crypto::{self, CryptoError};
use crate::keys::{self, KeyOrigin};
use crate::storage;

const RESULT: &str = "competency-widget.result.";

/// A signed result, as kept and exported.
#[derive(Debug, Clone, PartialEq)]
pub struct Signed {
    /// The signed result, pretty-printed JSON.
    pub json: String,
    pub result_id: String,
    pub file_name: String,
    /// A short fingerprint of the signed result, to compare with what HR received.
    pub fingerprint: String,
    /// A short fingerprint of the rater's public key.
    pub key_fingerprint: String,
    pub key_protection: KeyProtection,
}

/// Why signing failed.
#[derive(Debug, Clone, PartialEq)]
pub enum SignError {
    Crypto(CryptoError),
    Proof(ProofError),
    Result(ResultError),
}

impl std::fmt::Display for SignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SignError::Crypto(e) => write!(f, "{e}"),
            SignError::Proof(e) => write!(f, "{e}"),
            SignError::Result(e) => write!(f, "{e}"),
        }
    }
}

impl From<CryptoError> for SignError {
    fn from(e: CryptoError) -> Self {
        SignError::Crypto(e)
    }
}

impl From<ProofError> for SignError {
    fn from(e: ProofError) -> Self {
        SignError::Proof(e)
    }
}

impl From<ResultError> for SignError {
    fn from(e: ResultError) -> Self {
        SignError::Result(e)
    }
}

fn key(assessment_id: &str) -> String {
    format!("{RESULT}{assessment_id}")
}

/// The signed result of assessment `id`, when it has been signed in this browser.
pub async fn stored(assessment_id: &str) -> Option<Signed> {
    let json = storage::get(&key(assessment_id))?;
    describe(&json).await.ok()
}

/// The verification method naming the key of a `did:key`.
pub fn method_of(did: &str) -> String {
    format!("{did}#{}", did.trim_start_matches("did:key:"))
}

/// Reads what is shown about a signed result from its JSON.
async fn describe(json: &str) -> Result<Signed, SignError> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| ResultError::Unreadable(e.to_string()))?;
    let result = ResultDocument::from_value(&value)?;
    let public_key = proof::public_key_of(&method_of(&result.rater.key))?;
    let digest = crypto::sha256(&proof::canonicalize(&value)?).await?;
    Ok(Signed {
        json: json.to_owned(),
        result_id: result.id.clone(),
        file_name: result.file_name(),
        fingerprint: proof::fingerprint(&digest),
        key_fingerprint: proof::fingerprint(&public_key),
        key_protection: result.rater.key_protection,
    })
}

/// Signs the submitted `assessment` with its rater's key (created when they have none here)
/// and keeps the result. Returns it and how the key came to be.
pub async fn sign(
    assessment: &Assessment,
    framework: &Framework,
    locale: &str,
    now: u64,
) -> Result<(Signed, KeyOrigin), SignError> {
    let identity = assessment.key_identity();
    let (signing_key, origin) = keys::for_identity(&identity).await?;
    let framework_hash = crypto::sha256(&framework_canonical_json(framework)).await?;
    let rater = RaterIdentity {
        id: Some(assessment.rater.id.clone()).filter(|s| !s.is_empty()),
        name: Some(assessment.rater.name.clone()).filter(|s| !s.is_empty()),
        key: proof::did_key(&signing_key.public_key),
        key_protection: signing_key.protection,
    };
    let context = ResultContext {
        app: App {
            name: env!("CARGO_PKG_NAME").to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        },
        framework,
        framework_sha256: proof::hex(&framework_hash),
        rater,
        locale: locale.to_owned(),
        id: crate::drafts::new_id(),
        challenge: assessment.challenge.clone(),
    };
    let document = ResultDocument::from_assessment(assessment, context)?.to_value();
    let options = ProofOptions {
        challenge: assessment.challenge.clone(),
        ..ProofOptions::assertion(
            rfc3339(now),
            proof::verification_method(&signing_key.public_key),
        )
    };
    let input = proof::signing_input(&document, &options)?;
    let config_hash = crypto::sha256(&input.canonical_proof_config).await?;
    let document_hash = crypto::sha256(&input.canonical_document).await?;
    let signature = signing_key
        .sign(&proof::hash_data(&config_hash, &document_hash))
        .await?;
    let signed = input.finish(document, &signature)?;
    let json = serde_json::to_string_pretty(&signed).expect("a result serialises");
    let _ = storage::set(&key(&assessment.id), &json);
    Ok((describe(&json).await?, origin))
}
