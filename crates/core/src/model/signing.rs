//! Turns a submitted assessment into a signed result: the result document, an
//! eddsa-jcs-2022 proof (the domain prepares the bytes, the platform hashes and signs), and
//! what is shown of it (its fingerprints, its file's name). The browser runs this in the
//! signing module (`crates/signing`) and keeps the result under [`stored_key`].

use crate::Framework;
use crate::assessment::Assessment;
use crate::proof::{self, ProofError, ProofOptions};
use crate::result::{
    App, KeyProtection, RaterIdentity, ResultContext, ResultDocument, ResultError,
    framework_canonical_json,
};
use crate::time::rfc3339;

use super::crypto::{Crypto, CryptoError, SigningKey};
use super::store::PREFIX;

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
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SignError {
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    #[error(transparent)]
    Proof(#[from] ProofError),
    #[error(transparent)]
    Result(#[from] ResultError),
}

/// What is needed to sign beyond the assessment: the app that signs, the language the rater
/// used, the moment, and the new result's id.
#[derive(Debug, Clone)]
pub struct Signing<'a> {
    pub app: App,
    pub framework: &'a Framework,
    /// The framework's content hash ([`framework_sha256`]): the same for every result made
    /// against it, so a caller that signs several computes it once.
    pub framework_sha256: [u8; 32],
    pub locale: &'a str,
    pub now: u64,
    pub result_id: String,
}

/// The SHA-256 of `framework`'s canonical JSON, which results made against it carry.
pub async fn framework_sha256(
    crypto: &impl Crypto,
    framework: &Framework,
) -> Result<[u8; 32], CryptoError> {
    crypto.sha256(&framework_canonical_json(framework)).await
}

/// The verification method naming the key of a `did:key`.
fn method_of(did: &str) -> String {
    format!("{did}#{}", did.trim_start_matches("did:key:"))
}

/// Reads what is shown about a signed result from its JSON: a result this app signed and
/// kept, so only the fields shown are read (the whole result is read, strictly, where
/// results from elsewhere are checked: [`super::checking`]).
pub async fn describe(crypto: &impl Crypto, json: &str) -> Result<Signed, SignError> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| ResultError::Unreadable(e.to_string()))?;
    let field = |pointer: &str| {
        value
            .pointer(pointer)
            .and_then(serde_json::Value::as_str)
            .ok_or_else(|| ResultError::Unreadable(format!("no {pointer}")))
    };
    let (id, key) = (field("/id")?, field("/rater/key")?);
    let key_protection = match field("/rater/keyProtection")? {
        "non-extractable" => KeyProtection::NonExtractable,
        _ => KeyProtection::Software,
    };
    let file_name = crate::result::file_name(
        field("/subject/name")?,
        field("/rater/role")?,
        field("/completedAt")?,
        id,
    );
    let public_key = proof::public_key_of(&method_of(key))?;
    let digest = crypto.sha256(&proof::canonicalize(&value)?).await?;
    Ok(Signed {
        json: json.to_owned(),
        result_id: id.to_owned(),
        file_name,
        fingerprint: proof::fingerprint(&digest),
        key_fingerprint: proof::fingerprint(&public_key),
        key_protection,
    })
}

/// Where the signed result of assessment `assessment_id` is kept (the page keeps it, to show
/// and export it again after a reload).
pub fn stored_key(assessment_id: &str) -> String {
    format!("{PREFIX}result.{assessment_id}")
}

/// The signed result of the submitted `assessment`, pretty-printed JSON: the result
/// document and its eddsa-jcs-2022 proof made with `key`.
pub async fn sign_result(
    crypto: &impl Crypto,
    key: &impl SigningKey,
    assessment: &Assessment,
    signing: Signing<'_>,
) -> Result<String, SignError> {
    let public_key = key.public_key();
    let rater = RaterIdentity {
        id: Some(assessment.rater.id.clone()).filter(|s| !s.is_empty()),
        name: Some(assessment.rater.name.clone()).filter(|s| !s.is_empty()),
        key: proof::did_key(&public_key),
        key_protection: key.protection(),
    };
    let context = ResultContext {
        app: signing.app,
        framework: signing.framework,
        framework_sha256: proof::hex(&signing.framework_sha256),
        rater,
        locale: signing.locale.to_owned(),
        id: signing.result_id,
        challenge: assessment.challenge.clone(),
    };
    let document = ResultDocument::from_assessment(assessment, context)?.to_value();
    let options = ProofOptions {
        challenge: assessment.challenge.clone(),
        ..ProofOptions::assertion(
            rfc3339(signing.now),
            proof::verification_method(&public_key),
        )
    };
    let input = proof::signing_input(&document, &options)?;
    let config_hash = crypto.sha256(&input.canonical_proof_config).await?;
    let document_hash = crypto.sha256(&input.canonical_document).await?;
    let signature = key
        .sign(&proof::hash_data(&config_hash, &document_hash))
        .await?;
    let signed = input.finish(document, &signature)?;
    Ok(serde_json::to_string_pretty(&signed).expect("a result serialises"))
}
