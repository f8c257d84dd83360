//! W3C Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite: a JSON document signed so
//! that anyone can verify it offline with any implementation of the recommendations.
//!
//! - "Data Integrity EdDSA Cryptosuites v1.0" (W3C Recommendation, <https://www.w3.org/TR/vc-di-eddsa/>),
//!   section 3.3: Create Proof, Verify Proof, Transformation, Hashing, Proof Configuration,
//!   Proof Serialization and Proof Verification for `eddsa-jcs-2022`.
//! - "Verifiable Credential Data Integrity 1.0" (<https://www.w3.org/TR/vc-data-integrity/>),
//!   sections 2.1 (the proof's fields) and 4.2/4.4 (Add Proof, Verify Proof).
//! - RFC 8785 (JCS) for the canonical form ([`canonicalize`]); `did:key`
//!   (<https://w3c-ccg.github.io/did-key-spec/>) for keys ([`did_key`], [`public_key_of`]).
//!
//! # Two phases
//!
//! The browser hashes and signs with WebCrypto, which is asynchronous and keeps the secret key
//! out of reach; this module prepares the bytes and finishes the document, and never needs
//! the secret key:
//!
//! 1. [`signing_input`] gives the canonical proof configuration and the canonical document;
//! 2. the caller computes `SHA-256(canonical_proof_config) ‖ SHA-256(canonical_document)`
//!    ([`hash_data`]) and signs those 64 bytes with Ed25519;
//! 3. [`SigningInput::finish`] adds the proof, its `proofValue` the signature in multibase.
//!
//! Verification is the same in reverse: [`verification_input`] checks everything that needs
//! no cryptography and gives the bytes to hash, the public key and the signature. With the
//! `native-crypto` feature, `native::sign` and `native::verify` do all of it in Rust.
//!
//! # `@context`
//!
//! A document may be plain JSON (our results have no `@context`) or JSON-LD. Exactly as Create
//! Proof says, when the document has an `@context`, the proof gets a copy of it before the proof
//! configuration is canonicalised (so the signature covers it). Exactly as Verify Proof says,
//! when the proof has an `@context`, the document's `@context` must start with every value of
//! the proof's, in the same order (a single value counting as a list of one), otherwise
//! [`ProofError::ContextMismatch`]; the document is then hashed with the proof's `@context` in
//! place of its own. A proof without `@context` is verified with the document as it is. No
//! JSON-LD processing is done: contexts are compared as JSON values, never fetched.
//!
//! # What is not supported
//!
//! One proof per document: a `proof` that is a list (a proof set), or a proof with a
//! `previousProof` (a chain) is [`ProofError::ProofSet`]. Only `did:key` Ed25519 verification
//! methods are resolved, since verification is offline. This module has no clock: a verifier
//! gives the time ([`Expectations::now`]), and then a proof `created` more than
//! [`MAX_CLOCK_SKEW_SECONDS`] ahead of it, or that `expires` before it, is refused.

mod datetime;
mod did_key;

/// The encodings of the points of small order of edwards25519 (the sign bit, the top bit of
/// the last byte, left out): y = 0, 1, −1, the two y of order 8, and the non-canonical p and
/// p + 1. RFC 8032 verification accepts forged signatures under such keys; `verify_strict`
/// refuses them, and so must every verifier of ours, whatever its Ed25519 library.
const SMALL_ORDER: [[u8; 32]; 7] = [
    [
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00,
    ],
    [
        0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00,
    ],
    [
        0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0x7f,
    ],
    [
        0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98,
        0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53,
        0xfc, 0x05,
    ],
    [
        0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67,
        0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac,
        0x03, 0x7a,
    ],
    [
        0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0x7f,
    ],
    [
        0xee, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0x7f,
    ],
];

/// The instant an XML Schema `dateTime` (a proof's `created`) names, in milliseconds since the
/// Unix epoch; none when `text` is not one.
pub fn instant_of(text: &str) -> Option<i128> {
    datetime::instant_millis(text)
}

/// Whether `encoding` names a point of small order (see [`SMALL_ORDER`]).
pub(crate) fn is_small_order(encoding: &[u8; 32]) -> bool {
    let mut masked = *encoding;
    masked[31] &= 0x7f;
    SMALL_ORDER.contains(&masked)
}

/// How far ahead of the verifier's clock a proof may have been `created`: a day, for raters
/// whose phone's clock is wrong by hours.
pub const MAX_CLOCK_SKEW_SECONDS: i64 = 24 * 3_600;
mod error;
mod jcs;
#[cfg(any(test, feature = "native-crypto"))]
pub mod native;

use serde_json::{Map, Value};

pub use did_key::{
    MAX_MULTIBASE_LEN, did_key, multibase_decode, multibase_encode, public_key_of,
    verification_method,
};
pub use error::ProofError;
pub use jcs::{MAX_DEPTH, canonicalize};

/// The cryptosuite of the proofs made and verified here.
pub const CRYPTOSUITE: &str = "eddsa-jcs-2022";
/// The proof `type` of every Data Integrity proof.
pub const PROOF_TYPE: &str = "DataIntegrityProof";
/// The proof purpose of an assertion, such as a signed result.
pub const ASSERTION_METHOD: &str = "assertionMethod";

/// What the signer says about its proof (the proof options of the recommendation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofOptions {
    /// When the proof was made: an XML Schema `dateTimeStamp`, such as the RFC 3339
    /// `2023-02-24T23:36:38Z` (a time zone is required).
    pub created: String,
    /// The key that signs: `did:key:z6Mk…#z6Mk…` ([`verification_method`]).
    pub verification_method: String,
    /// Why it signs: [`ASSERTION_METHOD`] for a result.
    pub proof_purpose: String,
    /// The verifier's nonce, when it gave one; the proof carries it as `challenge`.
    pub challenge: Option<String>,
    /// The security domain the proof is meant for, when there is one.
    pub domain: Option<String>,
}

impl ProofOptions {
    /// The options of a result's proof: made at `created` by the key `verification_method`
    /// to assert it ([`ASSERTION_METHOD`]), with no challenge or domain yet.
    pub fn assertion(created: String, verification_method: String) -> Self {
        ProofOptions {
            created,
            verification_method,
            proof_purpose: ASSERTION_METHOD.to_owned(),
            challenge: None,
            domain: None,
        }
    }

    /// The proof options of the object: its fields as the proof writes them (`type`,
    /// `cryptosuite`, `created`, `verificationMethod`, `proofPurpose`, and `challenge` and
    /// `domain` when set).
    fn to_map(&self) -> Map<String, Value> {
        let mut proof = Map::new();
        proof.insert("type".into(), PROOF_TYPE.into());
        proof.insert("cryptosuite".into(), CRYPTOSUITE.into());
        proof.insert("created".into(), self.created.clone().into());
        proof.insert(
            "verificationMethod".into(),
            self.verification_method.clone().into(),
        );
        proof.insert("proofPurpose".into(), self.proof_purpose.clone().into());
        if let Some(challenge) = &self.challenge {
            proof.insert("challenge".into(), challenge.clone().into());
        }
        if let Some(domain) = &self.domain {
            proof.insert("domain".into(), domain.clone().into());
        }
        proof
    }
}

/// What a verifier requires of a proof beyond a valid signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectations {
    /// The `proofPurpose` the proof must have.
    pub proof_purpose: String,
    /// The verifier's clock, in milliseconds since the Unix epoch: a proof created more than
    /// [`MAX_CLOCK_SKEW_SECONDS`] later, or expiring earlier, is refused. None: no clock.
    pub now: Option<i64>,
    /// The `challenge` the proof must carry, when the verifier gave one.
    pub challenge: Option<String>,
    /// The `domain` the proof must be for (a proof's list of domains must be just this one),
    /// when the verifier has one.
    pub domain: Option<String>,
}

impl Default for Expectations {
    /// An assertion ([`ASSERTION_METHOD`]), with no challenge and no domain required.
    fn default() -> Self {
        Self {
            proof_purpose: ASSERTION_METHOD.to_owned(),
            now: None,
            challenge: None,
            domain: None,
        }
    }
}

/// Signing, step 1: what to hash ([`hash_data`]) and sign, and the proof still without its
/// value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningInput {
    proof: Map<String, Value>,
    /// The proof configuration in canonical form (RFC 8785), UTF-8.
    pub canonical_proof_config: Vec<u8>,
    /// The unsecured document in canonical form (RFC 8785), UTF-8.
    pub canonical_document: Vec<u8>,
}

impl SigningInput {
    /// The proof configuration: the proof without its `proofValue`.
    pub fn proof_config(&self) -> &Map<String, Value> {
        &self.proof
    }

    /// Signing, step 2: `unsecured` with its proof, whose `proofValue` is `signature` (the
    /// Ed25519 signature of [`hash_data`]) in multibase base58btc.
    ///
    /// # Errors
    /// [`ProofError::DocumentChanged`] when `unsecured` is not the document given to
    /// [`signing_input`] (its canonical form differs), which would make a proof that never
    /// verifies.
    pub fn finish(self, unsecured: Value, signature: &[u8; 64]) -> Result<Value, ProofError> {
        if canonicalize(&unsecured)? != self.canonical_document {
            return Err(ProofError::DocumentChanged);
        }
        let Value::Object(mut document) = unsecured else {
            return Err(ProofError::DocumentChanged);
        };
        let mut proof = self.proof;
        proof.insert("proofValue".into(), multibase_encode(signature).into());
        document.insert("proof".into(), Value::Object(proof));
        Ok(Value::Object(document))
    }
}

/// Verification, step 1: the bytes to hash ([`hash_data`]), and the key and signature to check
/// them with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerificationInput {
    /// The proof configuration (the proof without `proofValue`) in canonical form.
    pub canonical_proof_config: Vec<u8>,
    /// The document without its proof (with the proof's `@context`, if it has one) in
    /// canonical form.
    pub canonical_document: Vec<u8>,
    /// The Ed25519 public key the `verificationMethod` names.
    pub public_key: [u8; 32],
    /// The Ed25519 signature, decoded from `proofValue`.
    pub signature: [u8; 64],
    /// The proof's `verificationMethod`.
    pub verification_method: String,
}

/// The data to sign or verify (Hashing, section 3.3.4):
/// `SHA-256(canonical proof configuration) ‖ SHA-256(canonical document)`.
pub fn hash_data(proof_config_hash: &[u8; 32], document_hash: &[u8; 32]) -> [u8; 64] {
    let mut data = [0; 64];
    data[..32].copy_from_slice(proof_config_hash);
    data[32..].copy_from_slice(document_hash);
    data
}

/// Signing, step 1 (Add Proof, then Create Proof up to Hashing): checks the document and the
/// options, and gives the canonical proof configuration and document to hash and sign.
///
/// # Errors
/// - [`ProofError::NotAnObject`] when `unsecured` is not a JSON object;
/// - [`ProofError::AlreadySecured`] when it already has a `proof`;
/// - [`ProofError::InvalidDateTime`] when `created` is not an XML Schema `dateTimeStamp`;
/// - [`ProofError::MissingField`] when `proof_purpose` is empty;
/// - the errors of [`public_key_of`] when `verification_method` is not a `did:key` Ed25519
///   verification method (the only kind [`verification_input`] accepts);
/// - [`ProofError::Canonicalization`].
pub fn signing_input(
    unsecured: &Value,
    options: &ProofOptions,
) -> Result<SigningInput, ProofError> {
    let document = unsecured.as_object().ok_or(ProofError::NotAnObject)?;
    if document.contains_key("proof") {
        return Err(ProofError::AlreadySecured);
    }
    // Data Integrity 2.1: `created` MUST be a dateTimeStamp (a time zone is required).
    if !datetime::is_date_time(&options.created, true) {
        return Err(ProofError::InvalidDateTime("created"));
    }
    // Data Integrity 4.2, step 2: type, verificationMethod and proofPurpose must be set.
    if options.proof_purpose.is_empty() {
        return Err(ProofError::MissingField("proofPurpose"));
    }
    public_key_of(&options.verification_method)?;
    // Create Proof, step 1: the proof is a clone of the options; step 2: with the document's
    // @context, if it has one.
    let mut proof = options.to_map();
    if let Some(context) = document.get("@context") {
        proof.insert("@context".into(), context.clone());
    }
    // Steps 3 to 5.
    let canonical_proof_config = proof_configuration(&proof)?;
    let canonical_document = transformation(document, &proof)?;
    Ok(SigningInput {
        proof,
        canonical_proof_config,
        canonical_document,
    })
}

/// Verification, step 1 (Verify Proof of Data Integrity 4.4, then of `eddsa-jcs-2022` up to
/// Hashing): checks the proof and gives what to hash, and the key and signature to check.
///
/// # Errors
/// In the order checked:
/// - [`ProofError::NotAnObject`]; [`ProofError::MissingProof`]; [`ProofError::ProofSet`] when
///   `proof` is a list; [`ProofError::WrongType`] when it is not an object;
/// - [`ProofError::MissingField`] when `type`, `verificationMethod` or `proofPurpose` is
///   absent, [`ProofError::WrongType`] when one is not a string;
/// - [`ProofError::UnsupportedType`]; [`ProofError::MissingField`] or
///   [`ProofError::UnknownCryptosuite`] for `cryptosuite`; [`ProofError::MissingField`] for
///   `proofValue`; [`ProofError::WrongType`] when another field is not of its type;
/// - [`ProofError::ProofSet`] when the proof has a `previousProof` (a proof chain);
/// - [`ProofError::InvalidDateTime`] for `created` or `expires`;
/// - [`ProofError::WrongPurpose`], [`ProofError::DomainMismatch`],
///   [`ProofError::ChallengeMismatch`];
/// - [`ProofError::MalformedSignature`], [`ProofError::ContextMismatch`];
/// - the errors of [`public_key_of`], and [`ProofError::Canonicalization`].
pub fn verification_input(
    secured: &Value,
    expected: &Expectations,
) -> Result<VerificationInput, ProofError> {
    // Data Integrity 4.4, step 2.
    let document = secured.as_object().ok_or(ProofError::NotAnObject)?;
    let proof = match document.get("proof") {
        None => return Err(ProofError::MissingProof),
        Some(Value::Object(proof)) => proof,
        Some(Value::Array(_)) => return Err(ProofError::ProofSet),
        Some(_) => return Err(ProofError::WrongType("proof")),
    };
    // Step 4: type, verificationMethod and proofPurpose must exist.
    let proof_type = required_string(proof, "type")?;
    let verification_method = required_string(proof, "verificationMethod")?;
    let proof_purpose = required_string(proof, "proofPurpose")?;
    // Data Integrity 2.1: a DataIntegrityProof must have a cryptosuite; the cryptosuite
    // instance (vc-di-eddsa 3.1) is the one for DataIntegrityProof and eddsa-jcs-2022.
    if proof_type != PROOF_TYPE {
        return Err(ProofError::UnsupportedType(excerpt(proof_type)));
    }
    let cryptosuite = required_string(proof, "cryptosuite")?;
    if cryptosuite != CRYPTOSUITE {
        return Err(ProofError::UnknownCryptosuite(excerpt(cryptosuite)));
    }
    let proof_value = required_string(proof, "proofValue")?;
    check_optional_fields(proof)?;
    if proof.contains_key("previousProof") {
        return Err(ProofError::ProofSet);
    }
    for field in ["created", "expires"] {
        // Proof Configuration, step 3: a valid XML Schema dateTime (Data Integrity 2.1 lets a
        // verifier accept one without time zone).
        if let Some(Value::String(text)) = proof.get(field)
            && !datetime::is_date_time(text, false)
        {
            return Err(ProofError::InvalidDateTime(field));
        }
    }
    // The verifier's clock, when it has one. A day of slack: raters sign offline, on phones
    // whose clock may be wrong by hours; a result dated years ahead is refused.
    if let Some(now) = expected.now {
        // A verifier with a clock judges the date: a proof must give it.
        if !proof.contains_key("created") {
            return Err(ProofError::MissingField("created"));
        }
        let at = |field| {
            proof
                .get(field)
                .and_then(Value::as_str)
                .and_then(datetime::instant_millis)
        };
        if at("created").is_some_and(|created| {
            created > i128::from(now) + i128::from(MAX_CLOCK_SKEW_SECONDS) * 1_000
        }) {
            return Err(ProofError::CreatedInFuture);
        }
        if at("expires").is_some_and(|expires| expires < i128::from(now)) {
            return Err(ProofError::Expired);
        }
    }
    // Steps 5 to 7.
    if proof_purpose != expected.proof_purpose {
        return Err(ProofError::WrongPurpose {
            expected: excerpt(&expected.proof_purpose),
            found: excerpt(proof_purpose),
        });
    }
    if let Some(domain) = &expected.domain {
        let matches = match proof.get("domain") {
            Some(Value::String(found)) => found == domain,
            Some(Value::Array(found)) => !found.is_empty() && found.iter().all(|d| d == domain),
            _ => false,
        };
        if !matches {
            return Err(ProofError::DomainMismatch);
        }
    }
    if let Some(challenge) = &expected.challenge
        && proof.get("challenge").and_then(Value::as_str) != Some(challenge)
    {
        return Err(ProofError::ChallengeMismatch);
    }

    // eddsa-jcs-2022 Verify Proof, steps 1 to 3.
    let mut unsecured = document.clone();
    unsecured.remove("proof");
    let mut proof_options = proof.clone();
    proof_options.remove("proofValue");
    let signature = multibase_decode(proof_value)
        .ok()
        .and_then(|bytes| <[u8; 64]>::try_from(bytes).ok())
        .ok_or(ProofError::MalformedSignature)?;
    // Step 4.
    if let Some(proof_context) = proof_options.get("@context") {
        let document_context = document
            .get("@context")
            .ok_or(ProofError::ContextMismatch)?;
        if !as_list(document_context).starts_with(&as_list(proof_context)) {
            return Err(ProofError::ContextMismatch);
        }
        unsecured.insert("@context".into(), proof_context.clone());
    }
    // Proof Verification, step 1: the key the verification method names.
    let public_key = public_key_of(verification_method)?;
    // A key of small order verifies forged signatures under lax Ed25519 verification, which
    // some browsers' WebCrypto does: refused here, before any of them runs.
    if is_small_order(&public_key) {
        return Err(ProofError::WeakKey);
    }
    if is_small_order(signature[..32].try_into().expect("64 bytes")) {
        return Err(ProofError::SignatureMismatch);
    }
    // Steps 5 and 6.
    let canonical_document = transformation(&unsecured, &proof_options)?;
    let canonical_proof_config = proof_configuration(&proof_options)?;
    Ok(VerificationInput {
        canonical_proof_config,
        canonical_document,
        public_key,
        signature,
        verification_method: verification_method.to_owned(),
    })
}

/// Proof Configuration (section 3.3.5): the options in canonical form, once `type`,
/// `cryptosuite` and `created` are checked.
fn proof_configuration(options: &Map<String, Value>) -> Result<Vec<u8>, ProofError> {
    check_suite(options)?;
    if let Some(created) = options.get("created")
        && !created
            .as_str()
            .is_some_and(|text| datetime::is_date_time(text, false))
    {
        return Err(ProofError::InvalidDateTime("created"));
    }
    jcs::canonicalize_object(options)
}

/// Transformation (section 3.3.3): the document in canonical form, once the options' `type`
/// and `cryptosuite` are checked.
fn transformation(
    document: &Map<String, Value>,
    options: &Map<String, Value>,
) -> Result<Vec<u8>, ProofError> {
    check_suite(options)?;
    jcs::canonicalize_object(document)
}

/// The `type` and `cryptosuite` checks of Transformation and Proof Configuration.
fn check_suite(options: &Map<String, Value>) -> Result<(), ProofError> {
    match options.get("type").and_then(Value::as_str) {
        Some(PROOF_TYPE) => {}
        other => return Err(ProofError::UnsupportedType(excerpt(other.unwrap_or("")))),
    }
    match options.get("cryptosuite").and_then(Value::as_str) {
        Some(CRYPTOSUITE) => Ok(()),
        other => Err(ProofError::UnknownCryptosuite(excerpt(other.unwrap_or("")))),
    }
}

/// A field that must be a string: [`ProofError::MissingField`] when absent,
/// [`ProofError::WrongType`] when not a string.
fn required_string<'a>(
    proof: &'a Map<String, Value>,
    field: &'static str,
) -> Result<&'a str, ProofError> {
    match proof.get(field) {
        None => Err(ProofError::MissingField(field)),
        Some(Value::String(text)) => Ok(text),
        Some(_) => Err(ProofError::WrongType(field)),
    }
}

/// The types Data Integrity 2.1 gives the proof's optional fields.
fn check_optional_fields(proof: &Map<String, Value>) -> Result<(), ProofError> {
    for field in ["id", "created", "expires", "challenge", "nonce"] {
        if proof.get(field).is_some_and(|value| !value.is_string()) {
            return Err(ProofError::WrongType(field));
        }
    }
    for field in ["domain", "previousProof"] {
        let well_typed = match proof.get(field) {
            None | Some(Value::String(_)) => true,
            Some(Value::Array(items)) => items.iter().all(Value::is_string),
            Some(_) => false,
        };
        if !well_typed {
            return Err(ProofError::WrongType(field));
        }
    }
    Ok(())
}

/// An `@context` as the list of its values (a single value is a list of one).
fn as_list(context: &Value) -> Vec<&Value> {
    match context {
        Value::Array(values) => values.iter().collect(),
        value => vec![value],
    }
}

/// At most 100 characters of a string from a document, for an error message.
fn excerpt(text: &str) -> String {
    match text.char_indices().nth(100) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// `bytes` in lower-case hexadecimal (how results write content hashes).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A short fingerprint that people can compare aloud: the first 6 bytes of `bytes` in
/// upper-case hexadecimal, in groups of four digits (`3F9A-21C0-77BE`); fewer when `bytes`
/// is shorter. Give it a public key or a hash, whose bytes are uniformly distributed, not a
/// document.
pub fn fingerprint(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut text = String::with_capacity(14);
    for (index, byte) in bytes.iter().take(6).enumerate() {
        if index > 0 && index % 2 == 0 {
            text.push('-');
        }
        text.push(char::from(HEX[usize::from(byte >> 4)]));
        text.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_points_of_small_order_are_all_refused_and_no_other() {
        use curve25519_dalek::constants::EIGHT_TORSION;
        for point in EIGHT_TORSION {
            let mut encoding = point.compress().to_bytes();
            assert!(super::is_small_order(&encoding), "{encoding:?}");
            encoding[31] ^= 0x80;
            assert!(
                super::is_small_order(&encoding),
                "{encoding:?}, sign flipped"
            );
        }
        for seed in 0..=255u8 {
            let key = ed25519_dalek::SigningKey::from_bytes(&[seed; 32]).verifying_key();
            assert!(!super::is_small_order(&key.to_bytes()));
            assert!(!key.is_weak());
        }
    }

    use super::*;
    use serde_json::json;

    #[test]
    fn native_signs_and_verifies() {
        let secret = [3; 32];
        let options = ProofOptions {
            created: "2026-11-28T10:00:00Z".into(),
            verification_method: verification_method(&native::public_key(&secret)),
            proof_purpose: ASSERTION_METHOD.into(),
            challenge: Some("nonce".into()),
            domain: None,
        };
        let secured = native::sign(json!({ "a": [1, "b"] }), &options, &secret).unwrap();
        let expected = Expectations {
            challenge: Some("nonce".into()),
            ..Expectations::default()
        };
        let verified = native::verify(&secured, &expected).unwrap();
        assert_eq!(verified.public_key, native::public_key(&secret));
        let mut tampered = secured;
        tampered["a"][0] = json!(2);
        assert_eq!(
            native::verify(&tampered, &expected),
            Err(ProofError::SignatureMismatch)
        );
    }

    #[test]
    fn hash_data_is_proof_config_hash_then_document_hash() {
        let data = hash_data(&[1; 32], &[2; 32]);
        assert_eq!(data[..32], [1; 32]);
        assert_eq!(data[32..], [2; 32]);
    }

    #[test]
    fn excerpts_cut_on_characters() {
        assert_eq!(excerpt("short"), "short");
        let long = "é".repeat(150);
        assert_eq!(excerpt(&long), format!("{}…", "é".repeat(100)));
    }
}
