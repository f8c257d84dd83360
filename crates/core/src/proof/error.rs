//! Why a proof could not be made or does not verify.

/// Why a document could not be signed, or why its proof does not verify.
///
/// Every variant is a definite "no": a verifier shows the English [`Display`](std::fmt::Display) or
/// words the variant itself. Fields are named as they are in the JSON (`proofValue`,
/// `verificationMethod`...).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    /// The document (or the proof options' document) is not a JSON object.
    #[error("the document is not a JSON object")]
    NotAnObject,
    /// The document has no `proof`.
    #[error("the document has no proof")]
    MissingProof,
    /// The document's `proof` is a list: proof sets and chains are not supported.
    #[error("the document has several proofs (a proof set), which is not supported")]
    ProofSet,
    /// The document to sign already has a `proof`; adding another would make a proof set,
    /// which is not supported.
    #[error("the document already has a proof")]
    AlreadySecured,
    /// A field the proof needs is absent (or, for a string the recommendation requires to be
    /// set, empty).
    #[error("the proof has no `{0}`")]
    MissingField(&'static str),
    /// A field of the proof has the wrong JSON type (for example a number for `challenge`).
    #[error("`{0}` has the wrong type")]
    WrongType(&'static str),
    /// The proof's `type` is not `DataIntegrityProof`.
    #[error("unsupported proof type `{0}` (expected DataIntegrityProof)")]
    UnsupportedType(String),
    /// The proof's `cryptosuite` is not `eddsa-jcs-2022`.
    #[error("unknown cryptosuite `{0}` (expected eddsa-jcs-2022)")]
    UnknownCryptosuite(String),
    /// The proof was made for another purpose than the one expected.
    #[error("the proof's purpose is `{found}`, not `{expected}`")]
    WrongPurpose {
        /// The purpose the verifier expects, e.g. `assertionMethod`.
        expected: String,
        /// The proof's `proofPurpose`.
        found: String,
    },
    /// A date of the proof (`created`, `expires`) is not an XML Schema `dateTime` (or, where
    /// the recommendation requires a time zone, not a `dateTimeStamp`).
    #[error("`{0}` is not a valid date and time")]
    InvalidDateTime(&'static str),
    /// The proof's `@context` is not the beginning of the document's `@context`.
    #[error("the proof's @context does not match the document's @context")]
    ContextMismatch,
    /// The `verificationMethod` is not a `did:key`, the only method resolved here (offline).
    #[error("unsupported verification method `{0}` (expected a did:key)")]
    UnsupportedVerificationMethod(String),
    /// The `did:key` (or the key bytes) is malformed: not base58btc multibase, a wrong
    /// length, a fragment that is not the key, trailing bytes...
    #[error("the did:key is malformed")]
    MalformedKey,
    /// The `did:key` holds another kind of key than Ed25519 (its multicodec code is given,
    /// e.g. `0x1200` for P-256).
    #[error("the did:key is not an Ed25519 key (multicodec {0:#x})")]
    KeyNotEd25519(u64),
    /// A multibase value is not base58btc (`z` followed by base58 digits), or is too long.
    #[error("not a base58btc multibase value")]
    MalformedMultibase,
    /// The `proofValue` is not a base58btc multibase Ed25519 signature of 64 bytes.
    #[error("the proof value is not an Ed25519 signature")]
    MalformedSignature,
    /// The signature does not match: the document or its proof changed after signing, or it
    /// was signed with another key.
    #[error("the signature does not match: the document was changed or signed with another key")]
    SignatureMismatch,
    /// The proof's `challenge` is not the one expected.
    #[error("the proof's challenge is not the expected one")]
    ChallengeMismatch,
    /// The proof's `domain` is not the one expected.
    #[error("the proof's domain is not the expected one")]
    DomainMismatch,
    /// The document given to finish signing is not the one whose canonical form was hashed.
    #[error("the document changed between preparing and finishing the signature")]
    DocumentChanged,
    /// The secret key does not belong to the proof options' `verificationMethod`.
    #[error("the secret key does not match the proof's verification method")]
    KeyMismatch,
    /// The document cannot be put in RFC 8785 canonical form (the reason is given).
    #[error("the document cannot be canonicalised: {0}")]
    Canonicalization(String),
    /// The proof was `created` later than the verifier's clock allows
    /// ([`super::MAX_CLOCK_SKEW_SECONDS`] ahead of it).
    #[error("the proof was created more than {} hours ahead of this computer's clock",
        super::MAX_CLOCK_SKEW_SECONDS / 3_600
    )]
    CreatedInFuture,
    /// The proof `expires` before the verifier's clock.
    #[error("the proof has expired")]
    Expired,
    /// The key is a point of small order, under which forged signatures verify.
    #[error("the key is a point of small order, under which forged signatures verify")]
    WeakKey,
}
