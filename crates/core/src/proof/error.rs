//! Why a proof could not be made or does not verify.

use std::fmt;

/// Why a document could not be signed, or why its proof does not verify.
///
/// Every variant is a definite "no": a verifier shows the English [`Display`](fmt::Display) or
/// words the variant itself. Fields are named as they are in the JSON (`proofValue`,
/// `verificationMethod`...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProofError {
    /// The document (or the proof options' document) is not a JSON object.
    NotAnObject,
    /// The document has no `proof`.
    MissingProof,
    /// The document's `proof` is a list: proof sets and chains are not supported.
    ProofSet,
    /// The document to sign already has a `proof`; adding another would make a proof set,
    /// which is not supported.
    AlreadySecured,
    /// A field the proof needs is absent (or, for a string the recommendation requires to be
    /// set, empty).
    MissingField(&'static str),
    /// A field of the proof has the wrong JSON type (for example a number for `challenge`).
    WrongType(&'static str),
    /// The proof's `type` is not `DataIntegrityProof`.
    UnsupportedType(String),
    /// The proof's `cryptosuite` is not `eddsa-jcs-2022`.
    UnknownCryptosuite(String),
    /// The proof was made for another purpose than the one expected.
    WrongPurpose {
        /// The purpose the verifier expects, e.g. `assertionMethod`.
        expected: String,
        /// The proof's `proofPurpose`.
        found: String,
    },
    /// A date of the proof (`created`, `expires`) is not an XML Schema `dateTime` (or, where
    /// the recommendation requires a time zone, not a `dateTimeStamp`).
    InvalidDateTime(&'static str),
    /// The proof's `@context` is not the beginning of the document's `@context`.
    ContextMismatch,
    /// The `verificationMethod` is not a `did:key`, the only method resolved here (offline).
    UnsupportedVerificationMethod(String),
    /// The `did:key` (or the key bytes) is malformed: not base58btc multibase, a wrong
    /// length, a fragment that is not the key, trailing bytes...
    MalformedKey,
    /// The `did:key` holds another kind of key than Ed25519 (its multicodec code is given,
    /// e.g. `0x1200` for P-256).
    KeyNotEd25519(u64),
    /// A multibase value is not base58btc (`z` followed by base58 digits), or is too long.
    MalformedMultibase,
    /// The `proofValue` is not a base58btc multibase Ed25519 signature of 64 bytes.
    MalformedSignature,
    /// The signature does not match: the document or its proof changed after signing, or it
    /// was signed with another key.
    SignatureMismatch,
    /// The proof's `challenge` is not the one expected.
    ChallengeMismatch,
    /// The proof's `domain` is not the one expected.
    DomainMismatch,
    /// The document given to finish signing is not the one whose canonical form was hashed.
    DocumentChanged,
    /// The secret key does not belong to the proof options' `verificationMethod`.
    KeyMismatch,
    /// The document cannot be put in RFC 8785 canonical form (the reason is given).
    Canonicalization(String),
    /// The proof was `created` later than the verifier's clock allows
    /// ([`super::MAX_CLOCK_SKEW_SECONDS`] ahead of it).
    CreatedInFuture,
    /// The proof `expires` before the verifier's clock.
    Expired,
    /// The key is a point of small order, under which forged signatures verify.
    WeakKey,
}

impl fmt::Display for ProofError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAnObject => f.write_str("the document is not a JSON object"),
            Self::MissingProof => f.write_str("the document has no proof"),
            Self::ProofSet => {
                f.write_str("the document has several proofs (a proof set), which is not supported")
            }
            Self::AlreadySecured => f.write_str("the document already has a proof"),
            Self::MissingField(field) => write!(f, "the proof has no `{field}`"),
            Self::WrongType(field) => write!(f, "`{field}` has the wrong type"),
            Self::UnsupportedType(found) => {
                write!(
                    f,
                    "unsupported proof type `{found}` (expected DataIntegrityProof)"
                )
            }
            Self::UnknownCryptosuite(found) => {
                write!(f, "unknown cryptosuite `{found}` (expected eddsa-jcs-2022)")
            }
            Self::WrongPurpose { expected, found } => {
                write!(f, "the proof's purpose is `{found}`, not `{expected}`")
            }
            Self::InvalidDateTime(field) => write!(f, "`{field}` is not a valid date and time"),
            Self::ContextMismatch => {
                f.write_str("the proof's @context does not match the document's @context")
            }
            Self::UnsupportedVerificationMethod(method) => {
                write!(
                    f,
                    "unsupported verification method `{method}` (expected a did:key)"
                )
            }
            Self::MalformedKey => f.write_str("the did:key is malformed"),
            Self::KeyNotEd25519(code) => {
                write!(
                    f,
                    "the did:key is not an Ed25519 key (multicodec {code:#x})"
                )
            }
            Self::MalformedMultibase => f.write_str("not a base58btc multibase value"),
            Self::MalformedSignature => f.write_str("the proof value is not an Ed25519 signature"),
            Self::SignatureMismatch => f.write_str(
                "the signature does not match: the document was changed or signed with another key",
            ),
            Self::ChallengeMismatch => f.write_str("the proof's challenge is not the expected one"),
            Self::DomainMismatch => f.write_str("the proof's domain is not the expected one"),
            Self::DocumentChanged => {
                f.write_str("the document changed between preparing and finishing the signature")
            }
            Self::KeyMismatch => {
                f.write_str("the secret key does not match the proof's verification method")
            }
            Self::Canonicalization(reason) => {
                write!(f, "the document cannot be canonicalised: {reason}")
            }
            Self::CreatedInFuture => write!(
                f,
                "the proof was created more than {} hours ahead of this computer's clock",
                super::MAX_CLOCK_SKEW_SECONDS / 3_600
            ),
            Self::Expired => f.write_str("the proof has expired"),
            Self::WeakKey => f.write_str(
                "the key is a point of small order, under which forged signatures verify",
            ),
        }
    }
}

impl std::error::Error for ProofError {}
