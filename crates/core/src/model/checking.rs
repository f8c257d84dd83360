//! Checking signed result files, as HR's console does: the domain checks the proof's shape
//! and gives the bytes to hash, the platform checks the signature, the domain then checks
//! the result itself against the framework loaded here.

use crate::Framework;
use crate::json::JsonError;
use crate::proof::{self, Expectations, ProofError};
use crate::result::{
    CheckError, FrameworkReference, ResultDocument, check_verified, framework_canonical_json,
    framework_reference,
};

use super::crypto::{Crypto, CryptoError};

/// What checking one file concluded.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// The proof holds and the result is one of this format, for this framework.
    Valid {
        result: Box<ResultDocument>,
        /// A short fingerprint of the key that signed.
        key_fingerprint: String,
        /// The SHA-256 of the result's invitation token, when it has one (what a campaign
        /// knows the invitation by).
        token_sha256: Option<[u8; 32]>,
    },
    Invalid(Reason),
}

/// Why a file is not a valid result.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// Not text the platform could read.
    NotJson,
    /// Not JSON, or JSON the strict reader refuses (a member twice, an inexact number, too
    /// large or too deep).
    Json(JsonError),
    Proof(ProofError),
    Check(CheckError),
    /// The platform could not check the signature at all.
    Crypto(CryptoError),
}

/// The reference a result made against `framework` must carry.
pub async fn reference(
    crypto: &impl Crypto,
    framework: &Framework,
) -> Result<FrameworkReference, CryptoError> {
    let hash = crypto.sha256(&framework_canonical_json(framework)).await?;
    Ok(framework_reference(framework, &hash))
}

/// Checks one file's text at `now` (milliseconds since the epoch).
pub async fn check(
    crypto: &impl Crypto,
    text: &str,
    framework: &FrameworkReference,
    now: i64,
) -> Verdict {
    match check_inner(crypto, text, framework, now).await {
        Ok(verdict) => verdict,
        Err(reason) => Verdict::Invalid(reason),
    }
}

async fn check_inner(
    crypto: &impl Crypto,
    text: &str,
    framework: &FrameworkReference,
    now: i64,
) -> Result<Verdict, Reason> {
    let value = crate::result::parse(text).map_err(Reason::Json)?;
    let expectations = Expectations {
        now: Some(now),
        ..Expectations::default()
    };
    let input = proof::verification_input(&value, &expectations).map_err(Reason::Proof)?;
    let config_hash = crypto
        .sha256(&input.canonical_proof_config)
        .await
        .map_err(Reason::Crypto)?;
    let document_hash = crypto
        .sha256(&input.canonical_document)
        .await
        .map_err(Reason::Crypto)?;
    let message = proof::hash_data(&config_hash, &document_hash);
    let valid = crypto
        .verify(&input.public_key, &message, &input.signature)
        .await
        .map_err(Reason::Crypto)?;
    if !valid {
        return Err(Reason::Proof(ProofError::SignatureMismatch));
    }
    let result = check_verified(&value, &input.verification_method, Some(framework))
        .map_err(Reason::Check)?;
    let token_sha256 = match &result.invitation {
        Some(invitation) => Some(
            crypto
                .sha256(invitation.token.as_bytes())
                .await
                .map_err(Reason::Crypto)?,
        ),
        None => None,
    };
    Ok(Verdict::Valid {
        result: Box::new(result),
        key_fingerprint: proof::fingerprint(&input.public_key),
        token_sha256,
    })
}
