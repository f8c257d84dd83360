//! SHA-256 and Ed25519 in Rust (`sha2`, `ed25519-dalek`), for the command-line tool, tests and
//! the fallback signer: the `native-crypto` feature. The browser app does the same steps with
//! WebCrypto around [`signing_input`] and [`verification_input`].

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::{
    Expectations, ProofError, ProofOptions, hash_data, public_key_of, signing_input,
    verification_input,
};

/// The reference results made against `framework` carry, its content hash included.
pub fn framework_reference(framework: &crate::Framework) -> crate::result::FrameworkReference {
    let canonical = crate::result::framework_canonical_json(framework);
    crate::result::framework_reference(framework, &sha256(&canonical))
}

/// SHA-256 of `data`.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// The Ed25519 public key of a 32-byte secret key (RFC 8032).
pub fn public_key(secret_key: &[u8; 32]) -> [u8; 32] {
    SigningKey::from_bytes(secret_key)
        .verifying_key()
        .to_bytes()
}

/// Signs `unsecured` with an `eddsa-jcs-2022` proof: the secured document.
///
/// # Errors
/// [`ProofError::KeyMismatch`] when `secret_key` is not the key of
/// `options.verification_method`, and every error of [`signing_input`].
pub fn sign(
    unsecured: Value,
    options: &ProofOptions,
    secret_key: &[u8; 32],
) -> Result<Value, ProofError> {
    let signing_key = SigningKey::from_bytes(secret_key);
    if signing_key.verifying_key().to_bytes() != public_key_of(&options.verification_method)? {
        return Err(ProofError::KeyMismatch);
    }
    let input = signing_input(&unsecured, options)?;
    let hash = hash_data(
        &sha256(&input.canonical_proof_config),
        &sha256(&input.canonical_document),
    );
    let signature = signing_key.sign(&hash).to_bytes();
    input.finish(unsecured, &signature)
}

/// What a verified proof says about its signer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The proof's `verificationMethod` (`did:key:z6Mk…#z6Mk…`).
    pub verification_method: String,
    /// The Ed25519 public key it names.
    pub public_key: [u8; 32],
}

/// Verifies the `eddsa-jcs-2022` proof of `secured`.
///
/// The signature is checked with `verify_strict` (RFC 8032 with the checks that refuse
/// small-order keys and non-canonical signatures).
///
/// # Errors
/// [`ProofError::SignatureMismatch`] when the signature does not verify,
/// [`ProofError::MalformedKey`] when the key is not a point of the curve, and every error of
/// [`verification_input`].
pub fn verify(secured: &Value, expected: &Expectations) -> Result<Verified, ProofError> {
    let input = verification_input(secured, expected)?;
    let key = VerifyingKey::from_bytes(&input.public_key).map_err(|_| ProofError::MalformedKey)?;
    let hash = hash_data(
        &sha256(&input.canonical_proof_config),
        &sha256(&input.canonical_document),
    );
    key.verify_strict(&hash, &Signature::from_bytes(&input.signature))
        .map_err(|_| ProofError::SignatureMismatch)?;
    Ok(Verified {
        verification_method: input.verification_method,
        public_key: input.public_key,
    })
}
