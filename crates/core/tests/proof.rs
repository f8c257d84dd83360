//! Data Integrity proofs (`eddsa-jcs-2022`): the recommendation's test vectors, RFC 8785's
//! examples, `did:key`, tampering with every field, every error, and no panic on any input.
//!
//! Hashing and signing go through the two-phase API with `sha2` and `ed25519-dalek`, as the
//! browser does with WebCrypto; with `--features native-crypto`, every verification is also run
//! through `proof::native`, and `native::sign` is checked against the two-phase API.
//! `fixtures/proof/README.md` says where each fixture comes from.

use competency_core::proof::{
    ASSERTION_METHOD, CRYPTOSUITE, Expectations, MAX_DEPTH, ProofError, ProofOptions, canonicalize,
    did_key, fingerprint, hash_data, multibase_decode, multibase_encode, public_key_of,
    signing_input, verification_input, verification_method,
};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use proptest::prelude::*;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// RFC 4648 base64url without padding.
fn base64url(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::new();
    for c in text.bytes() {
        let value = ALPHABET.iter().position(|a| *a == c).unwrap() as u32;
        bits = (bits << 6) | value;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    out
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn public_key(secret_key: &[u8; 32]) -> [u8; 32] {
    SigningKey::from_bytes(secret_key)
        .verifying_key()
        .to_bytes()
}

/// Signs as the browser does: the domain prepares, the platform hashes and signs.
fn sign(
    unsecured: Value,
    options: &ProofOptions,
    secret_key: &[u8; 32],
) -> Result<Value, ProofError> {
    let input = signing_input(&unsecured, options)?;
    let hash = hash_data(
        &sha256(&input.canonical_proof_config),
        &sha256(&input.canonical_document),
    );
    let signature = SigningKey::from_bytes(secret_key).sign(&hash).to_bytes();
    input.finish(unsecured, &signature)
}

/// Verifies as the browser does.
fn verify_two_phase(secured: &Value, expected: &Expectations) -> Result<[u8; 32], ProofError> {
    let input = verification_input(secured, expected)?;
    let key = VerifyingKey::from_bytes(&input.public_key).map_err(|_| ProofError::MalformedKey)?;
    let hash = hash_data(
        &sha256(&input.canonical_proof_config),
        &sha256(&input.canonical_document),
    );
    key.verify_strict(&hash, &Signature::from_bytes(&input.signature))
        .map_err(|_| ProofError::SignatureMismatch)?;
    Ok(input.public_key)
}

/// Verifies as the browser does, and (with the feature) checks `native::verify` agrees.
fn verify(secured: &Value, expected: &Expectations) -> Result<[u8; 32], ProofError> {
    let two_phase = verify_two_phase(secured, expected);
    #[cfg(feature = "native-crypto")]
    assert_eq!(
        competency_core::proof::native::verify(secured, expected)
            .map(|verified| verified.public_key),
        two_phase,
        "native::verify disagrees on {secured}"
    );
    two_phase
}

/// A secret key of our own for the tests that are not the recommendation's vector.
const SECRET: [u8; 32] = [7; 32];

fn options(created: &str, secret_key: &[u8; 32]) -> ProofOptions {
    ProofOptions {
        created: created.to_owned(),
        verification_method: verification_method(&public_key(secret_key)),
        proof_purpose: ASSERTION_METHOD.to_owned(),
        challenge: None,
        domain: None,
    }
}

/// A document shaped like a signed result (no `@context`), with every kind of JSON value.
fn sample_result() -> Value {
    json!({
        "formatVersion": 1,
        "framework": { "id": "customs", "version": "2026.1", "hash": "z3u2en7t5LR2WtQH5Pf" },
        "subject": { "name": "Zoé Ünal", "position": "inspector" },
        "rater": { "role": "supervisor", "key": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2" },
        "ratings": [
            { "competency": "risk", "level": 3, "comment": "Très bien 👍", "evidence": ["case 12", "case 40"] },
            { "competency": "law", "notObserved": true, "comment": null },
        ],
        "weights": [0.5, -3, 1e21, 1.5e-7, 0],
        "plan": {},
        "tags": [],
        "submitted": "2026-11-28T10:00:00Z",
    })
}

fn sample_options() -> ProofOptions {
    ProofOptions {
        challenge: Some("a5f2c1e0-nonce".to_owned()),
        domain: Some("portal.example".to_owned()),
        ..options("2026-11-28T10:00:01Z", &SECRET)
    }
}

fn sample_expectations() -> Expectations {
    Expectations {
        challenge: Some("a5f2c1e0-nonce".to_owned()),
        domain: Some("portal.example".to_owned()),
        ..Expectations::default()
    }
}

/// The `eddsa-jcs-2022` example of "Data Integrity EdDSA Cryptosuites v1.0", Appendix B.3
/// (<https://www.w3.org/TR/vc-di-eddsa/#representation-eddsa-jcs-2022>), Examples 29 to 39.
mod w3c_vector {
    use super::*;

    const KEY_PAIR: &str = include_str!("fixtures/proof/vc-di-eddsa/keyPair.json");
    const UNSIGNED: &str = include_str!("fixtures/proof/vc-di-eddsa/unsigned.json");
    const PROOF_CONFIG: &str = include_str!("fixtures/proof/vc-di-eddsa/proofConfigJCS.json");
    const CANONICAL_PROOF_CONFIG: &str =
        include_str!("fixtures/proof/vc-di-eddsa/proofCanonJCS.txt");
    const CANONICAL_DOCUMENT: &str = include_str!("fixtures/proof/vc-di-eddsa/canonDocJCS.txt");
    const PROOF_CONFIG_HASH: &str = include_str!("fixtures/proof/vc-di-eddsa/proofHashJCS.txt");
    const DOCUMENT_HASH: &str = include_str!("fixtures/proof/vc-di-eddsa/docHashJCS.txt");
    const COMBINED_HASH: &str = include_str!("fixtures/proof/vc-di-eddsa/combinedHashJCS.txt");
    const SIGNATURE_HEX: &str = include_str!("fixtures/proof/vc-di-eddsa/sigHexJCS.txt");
    const SIGNATURE_BASE58: &str = include_str!("fixtures/proof/vc-di-eddsa/sigBTC58JCS.txt");
    const SIGNED: &str = include_str!("fixtures/proof/vc-di-eddsa/signedJCS.json");

    /// Example 29's key pair: `(public key, secret key)`.
    pub fn key_pair() -> ([u8; 32], [u8; 32]) {
        let pair = parse(KEY_PAIR);
        let public = multibase_decode(pair["publicKeyMultibase"].as_str().unwrap()).unwrap();
        let secret = multibase_decode(pair["privateKeyMultibase"].as_str().unwrap()).unwrap();
        // Multikey headers (Controlled Identifiers v1.0, 2.2.2): the multicodec varints of
        // ed25519-pub (0xed: `ed 01`) and ed25519-priv (0x1300: `80 26`).
        assert_eq!(public[..2], [0xed, 0x01]);
        assert_eq!(secret[..2], [0x80, 0x26]);
        (
            public[2..].try_into().unwrap(),
            secret[2..].try_into().unwrap(),
        )
    }

    /// Example 33's proof options.
    pub fn options() -> ProofOptions {
        let config = parse(PROOF_CONFIG);
        ProofOptions {
            created: config["created"].as_str().unwrap().to_owned(),
            verification_method: config["verificationMethod"].as_str().unwrap().to_owned(),
            proof_purpose: config["proofPurpose"].as_str().unwrap().to_owned(),
            challenge: None,
            domain: None,
        }
    }

    pub fn unsigned() -> Value {
        parse(UNSIGNED)
    }

    pub fn signed() -> Value {
        parse(SIGNED)
    }

    #[test]
    fn the_key_pair_is_a_did_key() {
        let (public, secret) = key_pair();
        assert_eq!(super::public_key(&secret), public);
        let multibase = parse(KEY_PAIR)["publicKeyMultibase"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(did_key(&public), format!("did:key:{multibase}"));
        assert_eq!(verification_method(&public), options().verification_method);
        assert_eq!(public_key_of(&options().verification_method), Ok(public));
    }

    #[test]
    fn signing_gives_every_published_intermediate_value() {
        let (_, secret) = key_pair();
        let input = signing_input(&unsigned(), &options()).unwrap();
        // Example 33: the proof options, with the credential's @context (Create Proof, step 2).
        assert_eq!(
            Value::Object(input.proof_config().clone()),
            parse(PROOF_CONFIG)
        );
        // Examples 34 and 31: the canonical proof configuration and credential.
        assert_eq!(
            String::from_utf8(input.canonical_proof_config.clone()).unwrap(),
            CANONICAL_PROOF_CONFIG
        );
        assert_eq!(
            String::from_utf8(input.canonical_document.clone()).unwrap(),
            CANONICAL_DOCUMENT
        );
        // Examples 35, 32 and 36: their hashes, proof configuration first.
        let proof_config_hash = sha256(&input.canonical_proof_config);
        let document_hash = sha256(&input.canonical_document);
        assert_eq!(proof_config_hash.to_vec(), hex(PROOF_CONFIG_HASH));
        assert_eq!(document_hash.to_vec(), hex(DOCUMENT_HASH));
        let hash = hash_data(&proof_config_hash, &document_hash);
        assert_eq!(hash.to_vec(), hex(COMBINED_HASH));
        // Examples 37 and 38: the signature, and as multibase base58btc.
        let signature = SigningKey::from_bytes(&secret).sign(&hash).to_bytes();
        assert_eq!(signature.to_vec(), hex(SIGNATURE_HEX));
        assert_eq!(multibase_encode(&signature), SIGNATURE_BASE58);
        // Example 39: the signed credential.
        assert_eq!(input.finish(unsigned(), &signature), Ok(signed()));
    }

    #[test]
    fn the_signed_credential_verifies() {
        let (public, _) = key_pair();
        assert_eq!(verify(&signed(), &Expectations::default()), Ok(public));
        let input = verification_input(&signed(), &Expectations::default()).unwrap();
        assert_eq!(
            input.canonical_proof_config,
            CANONICAL_PROOF_CONFIG.as_bytes()
        );
        assert_eq!(input.canonical_document, CANONICAL_DOCUMENT.as_bytes());
        assert_eq!(input.signature.to_vec(), hex(SIGNATURE_HEX));
        assert_eq!(input.verification_method, options().verification_method);
    }

    #[cfg(feature = "native-crypto")]
    #[test]
    fn native_signing_gives_the_published_credential() {
        let (public, secret) = key_pair();
        assert_eq!(competency_core::proof::native::public_key(&secret), public);
        assert_eq!(
            competency_core::proof::native::sha256(CANONICAL_DOCUMENT.as_bytes()).to_vec(),
            hex(DOCUMENT_HASH)
        );
        assert_eq!(
            competency_core::proof::native::sign(unsigned(), &options(), &secret),
            Ok(signed())
        );
        let verified =
            competency_core::proof::native::verify(&signed(), &Expectations::default()).unwrap();
        assert_eq!(verified.public_key, public);
        assert_eq!(verified.verification_method, options().verification_method);
    }
}

/// RFC 8785, the JSON Canonicalization Scheme (<https://www.rfc-editor.org/rfc/rfc8785>).
mod jcs {
    use super::*;

    fn canonical(value: &Value) -> String {
        String::from_utf8(canonicalize(value).unwrap()).unwrap()
    }

    /// Sections 3.2.2 and 3.2.3: the sample, parsed then canonicalised; section 3.2.4: its
    /// UTF-8 bytes.
    #[test]
    fn the_sample_of_sections_3_2_2_to_3_2_4() {
        let input = r#"{
    "numbers": [333333333.33333329, 1E30, 4.50,
                2e-3, 0.000000000000000000000000001],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
    "literals": [null, true, false]
  }"#;
        let expected = r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#;
        assert_eq!(canonical(&parse(input)), expected);
        let bytes = "7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72
  75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a
  5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31
  65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37
  5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30
  30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d";
        let bytes: String = bytes.split_whitespace().collect();
        assert_eq!(canonicalize(&parse(input)).unwrap(), hex(&bytes));
    }

    /// Section 3.2.3: properties sorted by UTF-16 code units, in the order the RFC gives.
    #[test]
    fn the_sorting_sample_of_section_3_2_3() {
        let input = r#"{
    "\u20ac": "Euro Sign",
    "\r": "Carriage Return",
    "\ufb33": "Hebrew Letter Dalet With Dagesh",
    "1": "One",
    "\ud83d\ude00": "Emoji: Grinning Face",
    "\u0080": "Control",
    "\u00f6": "Latin Small Letter O With Diaeresis"
  }"#;
        let expected_order = [
            "Carriage Return",
            "One",
            "Control",
            "Latin Small Letter O With Diaeresis",
            "Euro Sign",
            "Emoji: Grinning Face",
            "Hebrew Letter Dalet With Dagesh",
        ];
        let output = canonical(&parse(input));
        let positions: Vec<usize> = expected_order
            .iter()
            .map(|value| output.find(&format!("\"{value}\"")).unwrap())
            .collect();
        assert!(positions.is_sorted(), "{output}");
        assert_eq!(
            output,
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",\
             \"\u{f6}\":\"Latin Small Letter O With Diaeresis\",\"\u{20ac}\":\"Euro Sign\",\
             \"\u{1f600}\":\"Emoji: Grinning Face\",\"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}"
        );
    }

    /// Appendix B: number serialisation samples (IEEE-754 bits, JSON representation).
    #[test]
    fn the_number_samples_of_appendix_b() {
        for (bits, expected) in [
            (0x0000000000000000_u64, "0"),
            (0x8000000000000000, "0"),
            (0x0000000000000001, "5e-324"),
            (0x8000000000000001, "-5e-324"),
            (0x7fefffffffffffff, "1.7976931348623157e+308"),
            (0xffefffffffffffff, "-1.7976931348623157e+308"),
            (0x4340000000000000, "9007199254740992"),
            (0xc340000000000000, "-9007199254740992"),
            (0x4430000000000000, "295147905179352830000"),
            (0x44b52d02c7e14af5, "9.999999999999997e+22"),
            (0x44b52d02c7e14af6, "1e+23"),
            (0x44b52d02c7e14af7, "1.0000000000000001e+23"),
            (0x444b1ae4d6e2ef4e, "999999999999999700000"),
            (0x444b1ae4d6e2ef4f, "999999999999999900000"),
            (0x444b1ae4d6e2ef50, "1e+21"),
            (0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"),
            (0x3eb0c6f7a0b5ed8d, "0.000001"),
            (0x41b3de4355555553, "333333333.3333332"),
            (0x41b3de4355555554, "333333333.33333325"),
            (0x41b3de4355555555, "333333333.3333333"),
            (0x41b3de4355555556, "333333333.3333334"),
            (0x41b3de4355555557, "333333333.33333343"),
            (0xbecbf647612f3696, "-0.0000033333333333333333"),
            (0x43143ff3c1cb0959, "1424953923781206.2"),
        ] {
            let number = Value::from(f64::from_bits(bits));
            assert_eq!(canonical(&number), expected, "{bits:016x}");
            assert_eq!(canonical(&json!([number])), format!("[{expected}]"));
        }
        // NaN and Infinity "MUST cause a compliant JCS implementation to terminate with an
        // appropriate error": a serde_json value cannot even hold them.
        for bits in [0x7fffffffffffffff_u64, 0x7ff0000000000000] {
            assert_eq!(serde_json::Number::from_f64(f64::from_bits(bits)), None);
        }
    }

    /// Appendix I: the test data of the RFC's development portal.
    #[test]
    fn the_development_portal_test_data() {
        for (name, input, output) in [
            (
                "arrays",
                include_str!("fixtures/proof/jcs/input/arrays.json"),
                include_str!("fixtures/proof/jcs/output/arrays.json"),
            ),
            (
                "french",
                include_str!("fixtures/proof/jcs/input/french.json"),
                include_str!("fixtures/proof/jcs/output/french.json"),
            ),
            (
                "structures",
                include_str!("fixtures/proof/jcs/input/structures.json"),
                include_str!("fixtures/proof/jcs/output/structures.json"),
            ),
            (
                "unicode",
                include_str!("fixtures/proof/jcs/input/unicode.json"),
                include_str!("fixtures/proof/jcs/output/unicode.json"),
            ),
            (
                "values",
                include_str!("fixtures/proof/jcs/input/values.json"),
                include_str!("fixtures/proof/jcs/output/values.json"),
            ),
            (
                "weird",
                include_str!("fixtures/proof/jcs/input/weird.json"),
                include_str!("fixtures/proof/jcs/output/weird.json"),
            ),
        ] {
            assert_eq!(canonical(&parse(input)), output, "{name}");
        }
    }

    /// I-JSON numbers (section 3.1): an integer that no double equals is refused, not rounded.
    #[test]
    fn integers_must_be_doubles() {
        let two_53 = 1_u64 << 53;
        assert_eq!(canonical(&json!(two_53)), "9007199254740992");
        assert_eq!(canonical(&json!(i64::MIN)), "-9223372036854776000");
        assert_eq!(canonical(&json!(1_u64 << 63)), "9223372036854776000");
        for number in [
            json!(two_53 + 1),
            json!(u64::MAX),
            json!(i64::MAX),
            json!(-(1_i64 << 53) - 1),
        ] {
            assert!(
                matches!(
                    canonicalize(&json!({ "n": number })),
                    Err(ProofError::Canonicalization(_))
                ),
                "{number}"
            );
        }
    }

    #[test]
    fn nesting_is_bounded() {
        let nested = |depth: usize| (1..depth).fold(json!([]), |inner, _| json!([inner]));
        assert!(canonicalize(&nested(MAX_DEPTH)).is_ok());
        assert!(matches!(
            canonicalize(&nested(MAX_DEPTH + 1)),
            Err(ProofError::Canonicalization(_))
        ));
        // As deep as serde_json parses.
        let text = format!("{}{}", "[".repeat(127), "]".repeat(127));
        assert!(canonicalize(&parse(&text)).is_ok());
    }
}

/// "The did:key Method" (<https://w3c-ccg.github.io/did-key-spec/>).
mod did_keys {
    use super::*;

    /// The spec's test vectors: each seed is the secret key of its `did:key`.
    #[test]
    fn the_spec_test_vectors() {
        let vectors = parse(include_str!("fixtures/proof/did-key/ed25519-x25519.json"));
        let mut checked = 0;
        for (did, vector) in vectors.as_object().unwrap() {
            let Some(seed) = vector["seed"].as_str() else {
                continue;
            };
            assert!(did.starts_with("did:key:z6Mk"), "{did}");
            let secret: [u8; 32] = hex(seed).try_into().unwrap();
            let public = super::public_key(&secret);
            let pair = &vector["verificationKeyPair"];
            if let Some(base58) = pair["publicKeyBase58"].as_str() {
                assert_eq!(multibase_decode(&format!("z{base58}")).unwrap(), public);
            } else {
                // RFC 8037: an OKP JWK, `x` the public key and `d` the secret, in base64url.
                assert_eq!(pair["publicKeyJwk"]["crv"], "Ed25519");
                assert_eq!(
                    base64url(pair["publicKeyJwk"]["x"].as_str().unwrap()),
                    public
                );
                assert_eq!(
                    base64url(pair["privateKeyJwk"]["d"].as_str().unwrap()),
                    secret
                );
            }
            assert_eq!(&did_key(&public), did);
            let method = verification_method(&public);
            // Its id, relative (`#z6Mk…`) in the older vectors.
            let id = pair["id"].as_str().unwrap();
            let id = match id.strip_prefix('#') {
                Some(_) => format!("{did}{id}"),
                None => id.to_owned(),
            };
            assert_eq!(method, id);
            assert_eq!(public_key_of(&method), Ok(public));
            checked += 1;
        }
        assert_eq!(checked, 5);
    }

    /// The spec's example (section "The did:key Format") round-trips.
    #[test]
    fn the_spec_example() {
        let did = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
        let method = format!("{did}#{}", &did[8..]);
        let key = public_key_of(&method).unwrap();
        assert_eq!(did_key(&key), did);
        assert_eq!(verification_method(&key), method);
    }

    #[test]
    fn malformed_and_foreign_keys_are_refused() {
        let good = "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
        let key = public_key_of(&format!("did:key:{good}#{good}")).unwrap();
        let spelled = |bytes: &[u8]| {
            let value = multibase_encode(bytes);
            format!("did:key:{value}#{value}")
        };
        let with_header = |header: &[u8], key: &[u8]| spelled(&[header, key].concat());
        let unsupported = |text: &str| ProofError::UnsupportedVerificationMethod(text.to_owned());
        for (method, expected) in [
            ("https://vc.example/issuers/5678#key-1".to_owned(), unsupported("https://vc.example/issuers/5678#key-1")),
            ("did:web:vc.example#key-1".to_owned(), unsupported("did:web:vc.example#key-1")),
            ("DID:KEY:z6Mk#z6Mk".to_owned(), unsupported("DID:KEY:z6Mk#z6Mk")),
            (String::new(), unsupported("")),
            // A DID is not a verification method: the fragment is required, and is the key.
            (format!("did:key:{good}"), ProofError::MalformedKey),
            (format!("did:key:{good}#"), ProofError::MalformedKey),
            (format!("did:key:{good}#key-1"), ProofError::MalformedKey),
            (format!("did:key:{good}#{good}#{good}"), ProofError::MalformedKey),
            (format!("did:key:1:{good}#{good}"), ProofError::MalformedKey),
            (format!("did:key:{good}/path#{good}"), ProofError::MalformedKey),
            ("did:key:#".to_owned(), ProofError::MalformedKey),
            ("did:key:z#z".to_owned(), ProofError::MalformedKey),
            ("did:key:f00#f00".to_owned(), ProofError::MalformedKey),
            ("did:key:z0OIl#z0OIl".to_owned(), ProofError::MalformedKey),
            (with_header(&[0xed, 0x01], &key[..31]), ProofError::MalformedKey),
            (with_header(&[0xed, 0x01], &[&key[..], &[0]].concat()), ProofError::MalformedKey),
            (with_header(&[0xed], &[]), ProofError::MalformedKey),
            // A non-minimal varint for 0xed.
            (with_header(&[0xed, 0x81, 0x00], &key), ProofError::MalformedKey),
            (format!("did:key:{0}#{0}", "z".repeat(300)), ProofError::MalformedKey),
            // The spec's X25519, secp256k1 and P-256 examples.
            ("did:key:z6LSeu9HkTHSfLLeUs2nnzUSNedgDUevfNQgQjQC23ZCit6F#z6LSeu9HkTHSfLLeUs2nnzUSNedgDUevfNQgQjQC23ZCit6F".to_owned(), ProofError::KeyNotEd25519(0xec)),
            ("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme#zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme".to_owned(), ProofError::KeyNotEd25519(0xe7)),
            ("did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169#zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169".to_owned(), ProofError::KeyNotEd25519(0x1200)),
            // The Ed25519 secret key header (ed25519-priv) is not a public key.
            (with_header(&[0x80, 0x26], &key), ProofError::KeyNotEd25519(0x1300)),
        ] {
            assert_eq!(public_key_of(&method), Err(expected), "{method}");
        }
    }

    #[test]
    fn fingerprints() {
        for (bytes, expected) in [
            (
                &[0x3f, 0x9a, 0x21, 0xc0, 0x77, 0xbe, 0x01, 0x02][..],
                "3F9A-21C0-77BE",
            ),
            (&[0x3f, 0x9a, 0x21, 0xc0, 0x77, 0xbe], "3F9A-21C0-77BE"),
            (&[0x00, 0x0f, 0xf0], "000F-F0"),
            (&[], ""),
        ] {
            assert_eq!(fingerprint(bytes), expected);
        }
        let (public, _) = w3c_vector::key_pair();
        assert_eq!(fingerprint(&public).len(), 14);
    }
}

/// `@context`, exactly as Create Proof (step 2) and Verify Proof (step 4) say.
mod contexts {
    use super::*;

    const V2: &str = "https://www.w3.org/ns/credentials/v2";
    const EXAMPLES: &str = "https://www.w3.org/ns/credentials/examples/v2";

    fn signed_with_context(context: Value) -> Value {
        let mut document = sample_result();
        document["@context"] = context;
        sign(document, &options("2026-11-28T10:00:01Z", &SECRET), &SECRET).unwrap()
    }

    #[test]
    fn a_document_without_context_gives_a_proof_without_context() {
        let secured = sign(sample_result(), &sample_options(), &SECRET).unwrap();
        assert!(secured["proof"].get("@context").is_none());
        assert!(verify(&secured, &sample_expectations()).is_ok());
    }

    #[test]
    fn the_proof_copies_the_documents_context_whatever_its_form() {
        for context in [
            json!([V2, EXAMPLES]),
            json!(V2),
            json!({ "name": "https://schema.org/name" }),
            json!([]),
        ] {
            let secured = signed_with_context(context.clone());
            assert_eq!(secured["proof"]["@context"], context);
            assert!(
                verify(&secured, &Expectations::default()).is_ok(),
                "{context}"
            );
        }
    }

    #[test]
    fn the_documents_context_must_start_with_the_proofs() {
        let secured = signed_with_context(json!([V2, EXAMPLES]));
        for context in [
            json!([EXAMPLES, V2]),
            json!([V2]),
            json!(V2),
            json!([]),
            json!(null),
            json!([V2, "https://other.example"]),
        ] {
            let mut changed = secured.clone();
            changed["@context"] = context.clone();
            assert_eq!(
                verify(&changed, &Expectations::default()),
                Err(ProofError::ContextMismatch),
                "{context}"
            );
        }
        let mut removed = secured.clone();
        removed.as_object_mut().unwrap().remove("@context");
        assert_eq!(
            verify(&removed, &Expectations::default()),
            Err(ProofError::ContextMismatch)
        );
        // A single value is a list of one.
        // A single value is a list of one: the document is then hashed with the proof's
        // spelling of the same context, and verifies.
        let single = signed_with_context(json!(V2));
        let mut listed = single.clone();
        listed["@context"] = json!([V2]);
        assert!(verify(&listed, &Expectations::default()).is_ok());
    }

    /// Verify Proof, step 4: the document is hashed with the proof's `@context`, so contexts
    /// appended after signing (as a later proof in a chain may add) do not break the proof.
    /// Data Integrity 2.4.1 leaves it to context validation, after verification, to refuse
    /// contexts the application does not know.
    #[test]
    fn contexts_appended_after_signing_still_verify() {
        let secured = signed_with_context(json!([V2]));
        let mut appended = secured.clone();
        appended["@context"] = json!([V2, EXAMPLES]);
        assert!(verify(&appended, &Expectations::default()).is_ok());
    }

    /// An implementation that skips Create Proof's step 2 (the recommendation warns some do)
    /// makes a proof without `@context` over a document with one: it verifies.
    #[test]
    fn a_proof_without_the_documents_context_verifies() {
        let document = json!({ "@context": [V2], "name": "x" });
        let proof = json!({
            "type": "DataIntegrityProof",
            "cryptosuite": CRYPTOSUITE,
            "created": "2026-11-28T10:00:01Z",
            "verificationMethod": verification_method(&public_key(&SECRET)),
            "proofPurpose": ASSERTION_METHOD,
        });
        let hash = hash_data(
            &sha256(&canonicalize(&proof).unwrap()),
            &sha256(&canonicalize(&document).unwrap()),
        );
        let signature = SigningKey::from_bytes(&SECRET).sign(&hash).to_bytes();
        let mut secured = document;
        secured["proof"] = proof;
        secured["proof"]["proofValue"] = json!(multibase_encode(&signature));
        assert_eq!(
            verify(&secured, &Expectations::default()),
            Ok(public_key(&SECRET))
        );
    }
}

/// Challenge, domain and purpose (Data Integrity 4.4, steps 5 to 7).
mod expectations {
    /// A verifier with a clock: a proof dated more than a day ahead of it, or expired, is
    /// refused; one a phone dated a few hours ahead is not.
    #[test]
    fn the_verifiers_clock_refuses_proofs_from_the_future_and_expired_ones() {
        use competency_core::proof::MAX_CLOCK_SKEW_SECONDS;
        use competency_core::time::parse_rfc3339;
        let now = parse_rfc3339("2026-11-28T10:00:00Z").unwrap();
        let at = |now: i64| Expectations {
            now: Some(now),
            ..Expectations::default()
        };
        let signed =
            |created: &str| sign(sample_result(), &options(created, &SECRET), &SECRET).unwrap();
        let ahead = signed("2026-11-28T15:00:00Z");
        assert!(verify(&ahead, &at(now)).is_ok(), "five hours ahead");
        let day = MAX_CLOCK_SKEW_SECONDS * 1_000;
        assert_eq!(parse_rfc3339("2026-11-29T10:00:00Z").unwrap() - now, day);
        let edge = signed("2026-11-29T10:00:00Z");
        assert!(verify(&edge, &at(now)).is_ok(), "a day ahead, exactly");
        assert_eq!(
            verify(&edge, &at(now - 1)),
            Err(ProofError::CreatedInFuture)
        );
        assert_eq!(
            verify(&signed("9999-12-31T23:59:59Z"), &at(now)),
            Err(ProofError::CreatedInFuture)
        );
        assert_eq!(
            verify(&signed("2026-11-29T10:00:00+14:00"), &at(now - 1)),
            Ok(public_key(&SECRET)),
            "a zone's offset counts"
        );
        // No clock, no judgement of dates.
        assert!(verify(&signed("9999-12-31T23:59:59Z"), &Expectations::default()).is_ok());

        // Results are signed without `expires`: one added to a proof is judged before its
        // signature (which it then breaks).
        let mut expiring = signed("2026-11-28T09:00:00Z");
        expiring["proof"]["expires"] = json!("2026-11-28T09:30:00Z");
        assert_eq!(verify(&expiring, &at(now)), Err(ProofError::Expired));
        assert_eq!(
            verify(&expiring, &at(now - 3_600_000)),
            Err(ProofError::SignatureMismatch)
        );
    }

    use super::*;

    #[test]
    fn challenge_domain_and_purpose() {
        let secured = sign(sample_result(), &sample_options(), &SECRET).unwrap();
        assert_eq!(secured["proof"]["challenge"], "a5f2c1e0-nonce");
        assert_eq!(secured["proof"]["domain"], "portal.example");
        let expect = |challenge: Option<&str>, domain: Option<&str>, purpose: &str| Expectations {
            proof_purpose: purpose.to_owned(),
            challenge: challenge.map(str::to_owned),
            domain: domain.map(str::to_owned),
            now: None,
        };
        let key = Ok(public_key(&SECRET));
        for (expected, result) in [
            (
                expect(
                    Some("a5f2c1e0-nonce"),
                    Some("portal.example"),
                    ASSERTION_METHOD,
                ),
                key.clone(),
            ),
            (expect(None, None, ASSERTION_METHOD), key),
            (
                expect(Some("other"), None, ASSERTION_METHOD),
                Err(ProofError::ChallengeMismatch),
            ),
            (
                expect(None, Some("other.example"), ASSERTION_METHOD),
                Err(ProofError::DomainMismatch),
            ),
            (
                expect(None, None, "authentication"),
                Err(ProofError::WrongPurpose {
                    expected: "authentication".to_owned(),
                    found: ASSERTION_METHOD.to_owned(),
                }),
            ),
        ] {
            assert_eq!(verify(&secured, &expected), result, "{expected:?}");
        }
        // Expected, but absent from the proof.
        let unbound = sign(
            sample_result(),
            &options("2026-11-28T10:00:01Z", &SECRET),
            &SECRET,
        )
        .unwrap();
        // Data Integrity 4.4 checks the domain (step 6) before the challenge (step 7).
        assert_eq!(
            verify(&unbound, &sample_expectations()),
            Err(ProofError::DomainMismatch)
        );
        assert_eq!(
            verify(
                &unbound,
                &Expectations {
                    challenge: Some("a5f2c1e0-nonce".into()),
                    ..Expectations::default()
                }
            ),
            Err(ProofError::ChallengeMismatch)
        );
    }

    /// A proof's `domain` may be a set of strings; it must be the expected one alone.
    #[test]
    fn a_domain_list_is_a_set() {
        let mut secured = sign(sample_result(), &sample_options(), &SECRET).unwrap();
        let expected = Expectations {
            domain: Some("a.example".into()),
            ..Expectations::default()
        };
        for (domain, accepted) in [
            (json!(["a.example"]), true),
            (json!(["a.example", "a.example"]), true),
            (json!("a.example"), true),
            (json!(["a.example", "b.example"]), false),
            (json!([]), false),
            (json!("A.example"), false),
        ] {
            secured["proof"]["domain"] = domain.clone();
            let result = verification_input(&secured, &expected);
            assert_eq!(result.is_ok(), accepted, "{domain}");
            if !accepted {
                assert_eq!(result, Err(ProofError::DomainMismatch));
            }
        }
    }
}

/// Tampering: any one change to a signed document, or to one byte of its signature, fails.
/// (Checked through the two-phase API only: `native::verify` differs from it only in the
/// calls to the curve, and debug builds of those are slow.)
mod tampering {
    use super::*;

    #[derive(Clone, Debug, PartialEq)]
    enum Step {
        Key(String),
        Index(usize),
    }

    /// Every path in `value`, the root (`[]`) included.
    fn paths(value: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
        out.push(here.clone());
        match value {
            Value::Object(members) => {
                for (key, member) in members {
                    here.push(Step::Key(key.clone()));
                    paths(member, here, out);
                    here.pop();
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    here.push(Step::Index(index));
                    paths(item, here, out);
                    here.pop();
                }
            }
            _ => {}
        }
    }

    fn at<'v>(value: &'v mut Value, path: &[Step]) -> &'v mut Value {
        path.iter().fold(value, |value, step| match step {
            Step::Key(key) => &mut value[key.as_str()],
            Step::Index(index) => &mut value[*index],
        })
    }

    /// Every change of one place: its value changed (same type), replaced by another type,
    /// removed, a member or element added, two elements swapped.
    fn changes(document: &Value, path: &[Step]) -> Vec<(&'static str, Value)> {
        let mut out = Vec::new();
        let mut changed = |what: &'static str, change: &dyn Fn(&mut Value)| {
            let mut copy = document.clone();
            change(at(&mut copy, path));
            out.push((what, copy));
        };
        let value = at(&mut document.clone(), path).clone();
        match &value {
            Value::String(_) => changed("string changed", &|v| {
                let text = format!("{}x", v.as_str().unwrap());
                *v = json!(text);
            }),
            Value::Number(n) => {
                let other = if n.as_f64() == Some(42.0) { 43 } else { 42 };
                changed("number changed", &|v| *v = json!(other));
            }
            Value::Bool(b) => {
                let other = !b;
                changed("boolean flipped", &|v| *v = json!(other));
            }
            Value::Null => changed("null replaced", &|v| *v = json!(false)),
            Value::Array(items) => {
                changed("element added", &|v| {
                    v.as_array_mut().unwrap().push(json!(null))
                });
                if items.len() >= 2 && items[0] != items[1] {
                    changed("elements swapped", &|v| {
                        v.as_array_mut().unwrap().swap(0, 1)
                    });
                }
            }
            Value::Object(_) => changed("member added", &|v| {
                v.as_object_mut()
                    .unwrap()
                    .insert("tampered".into(), json!(true));
            }),
        }
        if let Some((last, parent)) = path.split_last() {
            if !value.is_null() {
                changed("replaced by null", &|v| *v = Value::Null);
            }
            let mut copy = document.clone();
            match (last, at(&mut copy, parent)) {
                (Step::Key(key), Value::Object(members)) => {
                    members.remove(key);
                }
                (Step::Index(index), Value::Array(items)) => {
                    items.remove(*index);
                }
                _ => unreachable!(),
            }
            out.push(("removed", copy));
        }
        out
    }

    fn every_change_fails(secured: &Value, expected: &Expectations) -> usize {
        assert!(verify(secured, expected).is_ok());
        let mut all = Vec::new();
        paths(secured, &mut Vec::new(), &mut all);
        let mut count = 0;
        for path in all {
            for (what, changed) in changes(secured, &path) {
                let result = verify_two_phase(&changed, expected);
                let first = path.first().cloned();
                let in_proof = first == Some(Step::Key("proof".into()));
                let in_context = first == Some(Step::Key("@context".into()));
                if in_context && path.len() == 1 && what == "element added" {
                    // Verify Proof step 4: see contexts::contexts_appended_after_signing_still_verify.
                    assert!(result.is_ok());
                } else if in_proof || in_context {
                    assert!(result.is_err(), "{what} at {path:?} verifies");
                } else {
                    assert_eq!(
                        result,
                        Err(ProofError::SignatureMismatch),
                        "{what} at {path:?}"
                    );
                }
                count += 1;
            }
        }
        count
    }

    #[test]
    fn every_change_to_a_signed_result_fails() {
        let secured = sign(sample_result(), &sample_options(), &SECRET).unwrap();
        assert!(every_change_fails(&secured, &sample_expectations()) > 100);
    }

    #[test]
    fn every_change_to_the_w3c_credential_fails() {
        assert!(every_change_fails(&w3c_vector::signed(), &Expectations::default()) > 60);
    }

    #[test]
    fn every_byte_of_the_signature_matters() {
        for secured in [
            sign(sample_result(), &sample_options(), &SECRET).unwrap(),
            w3c_vector::signed(),
        ] {
            let proof_value = secured["proof"]["proofValue"].as_str().unwrap();
            let signature = multibase_decode(proof_value).unwrap();
            let expected = if secured.get("@context").is_some() {
                Expectations::default()
            } else {
                sample_expectations()
            };
            // Every byte, and the top bits of R's and S's last bytes.
            let flips =
                (0..64)
                    .map(|index| (index, 0x01))
                    .chain([(31, 0x80), (63, 0x80), (0, 0xff)]);
            for (index, flip) in flips {
                let mut changed = signature.clone();
                changed[index] ^= flip;
                let mut tampered = secured.clone();
                tampered["proof"]["proofValue"] = json!(multibase_encode(&changed));
                assert_eq!(
                    verify_two_phase(&tampered, &expected),
                    Err(ProofError::SignatureMismatch),
                    "byte {index} ^ {flip:#x}"
                );
            }
            // And every character of its text, replaced by another base58 digit or by a
            // character outside the alphabet.
            for (index, digit) in proof_value.char_indices().skip(1) {
                let other = if digit == '1' { '2' } else { '1' };
                for replacement in [other, '0', '_'] {
                    let mut text = proof_value.to_owned();
                    text.replace_range(index..index + 1, &replacement.to_string());
                    if text == proof_value {
                        continue;
                    }
                    let mut tampered = secured.clone();
                    tampered["proof"]["proofValue"] = json!(text);
                    let result = verify_two_phase(&tampered, &expected);
                    assert!(
                        matches!(
                            result,
                            Err(ProofError::SignatureMismatch | ProofError::MalformedSignature)
                        ),
                        "{text}: {result:?}"
                    );
                }
            }
        }
    }

    /// What does not change the canonical form does not break the proof.
    #[test]
    fn formatting_does_not_matter() {
        let secured = sign(sample_result(), &sample_options(), &SECRET).unwrap();
        let pretty = serde_json::to_string_pretty(&secured).unwrap();
        assert!(verify(&parse(&pretty), &sample_expectations()).is_ok());
        // 1 and 1.0 are the same number in RFC 8785 (both `1`).
        let mut as_float = secured.clone();
        as_float["formatVersion"] = json!(1.0);
        assert!(verify(&as_float, &sample_expectations()).is_ok());
    }
}

/// Every [`ProofError`] variant comes from at least one input.
mod errors {
    use super::*;

    /// Exhaustive: a new variant fails to compile here until a case produces it.
    fn name(error: &ProofError) -> &'static str {
        match error {
            ProofError::NotAnObject => "NotAnObject",
            ProofError::MissingProof => "MissingProof",
            ProofError::ProofSet => "ProofSet",
            ProofError::AlreadySecured => "AlreadySecured",
            ProofError::MissingField(_) => "MissingField",
            ProofError::WrongType(_) => "WrongType",
            ProofError::UnsupportedType(_) => "UnsupportedType",
            ProofError::UnknownCryptosuite(_) => "UnknownCryptosuite",
            ProofError::WrongPurpose { .. } => "WrongPurpose",
            ProofError::InvalidDateTime(_) => "InvalidDateTime",
            ProofError::ContextMismatch => "ContextMismatch",
            ProofError::UnsupportedVerificationMethod(_) => "UnsupportedVerificationMethod",
            ProofError::MalformedKey => "MalformedKey",
            ProofError::KeyNotEd25519(_) => "KeyNotEd25519",
            ProofError::MalformedMultibase => "MalformedMultibase",
            ProofError::MalformedSignature => "MalformedSignature",
            ProofError::SignatureMismatch => "SignatureMismatch",
            ProofError::ChallengeMismatch => "ChallengeMismatch",
            ProofError::DomainMismatch => "DomainMismatch",
            ProofError::DocumentChanged => "DocumentChanged",
            ProofError::KeyMismatch => "KeyMismatch",
            ProofError::Canonicalization(_) => "Canonicalization",
            ProofError::CreatedInFuture => "CreatedInFuture",
            ProofError::Expired => "Expired",
            ProofError::WeakKey => "WeakKey",
        }
    }

    const ALL: [&str; 25] = [
        "NotAnObject",
        "MissingProof",
        "ProofSet",
        "AlreadySecured",
        "MissingField",
        "WrongType",
        "UnsupportedType",
        "UnknownCryptosuite",
        "WrongPurpose",
        "InvalidDateTime",
        "ContextMismatch",
        "UnsupportedVerificationMethod",
        "MalformedKey",
        "KeyNotEd25519",
        "MalformedMultibase",
        "MalformedSignature",
        "SignatureMismatch",
        "ChallengeMismatch",
        "DomainMismatch",
        "DocumentChanged",
        "KeyMismatch",
        "Canonicalization",
        "CreatedInFuture",
        "Expired",
        "WeakKey",
    ];

    /// The signed sample with its proof changed by `change`.
    fn with_proof(change: impl Fn(&mut serde_json::Map<String, Value>)) -> Value {
        let mut secured = sign(sample_result(), &sample_options(), &SECRET).unwrap();
        change(secured["proof"].as_object_mut().unwrap());
        secured
    }

    fn verified(secured: Value) -> ProofError {
        verify(&secured, &sample_expectations()).unwrap_err()
    }

    #[test]
    fn every_variant_is_produced() {
        let signing =
            |document: Value, options: ProofOptions| sign(document, &options, &SECRET).unwrap_err();
        let at = |created: &str| options(created, &SECRET);
        let set = |field: &'static str, value: Value| {
            with_proof(move |p| {
                p.insert(field.into(), value.clone());
            })
        };
        let remove = |field: &'static str| {
            with_proof(move |p| {
                p.remove(field);
            })
        };
        let mut deep = json!("leaf");
        for _ in 0..=MAX_DEPTH {
            deep = json!([deep]);
        }
        let cases: Vec<(&str, ProofError, ProofError)> = vec![
            ("a list", verified(json!([])), ProofError::NotAnObject),
            (
                "a string to sign",
                signing(json!("x"), at("2026-01-01T00:00:00Z")),
                ProofError::NotAnObject,
            ),
            (
                "no proof",
                verified(sample_result()),
                ProofError::MissingProof,
            ),
            (
                "a proof set",
                verified({
                    let mut d = sample_result();
                    d["proof"] = json!([{}, {}]);
                    d
                }),
                ProofError::ProofSet,
            ),
            (
                "a proof chain",
                verified(set("previousProof", json!("urn:uuid:1"))),
                ProofError::ProofSet,
            ),
            (
                "signing twice",
                signing(
                    sign(sample_result(), &sample_options(), &SECRET).unwrap(),
                    sample_options(),
                ),
                ProofError::AlreadySecured,
            ),
            (
                "no type",
                verified(remove("type")),
                ProofError::MissingField("type"),
            ),
            (
                "no verificationMethod",
                verified(remove("verificationMethod")),
                ProofError::MissingField("verificationMethod"),
            ),
            (
                "no proofPurpose",
                verified(remove("proofPurpose")),
                ProofError::MissingField("proofPurpose"),
            ),
            (
                "no cryptosuite",
                verified(remove("cryptosuite")),
                ProofError::MissingField("cryptosuite"),
            ),
            (
                "no proofValue",
                verified(remove("proofValue")),
                ProofError::MissingField("proofValue"),
            ),
            (
                "an empty purpose to sign",
                signing(
                    sample_result(),
                    ProofOptions {
                        proof_purpose: String::new(),
                        ..sample_options()
                    },
                ),
                ProofError::MissingField("proofPurpose"),
            ),
            (
                "a string proof",
                verified({
                    let mut d = sample_result();
                    d["proof"] = json!("proof");
                    d
                }),
                ProofError::WrongType("proof"),
            ),
            (
                "a numeric type",
                verified(set("type", json!(1))),
                ProofError::WrongType("type"),
            ),
            (
                "a numeric challenge",
                verified(set("challenge", json!(1))),
                ProofError::WrongType("challenge"),
            ),
            (
                "a list of numbers as domain",
                verified(set("domain", json!([1]))),
                ProofError::WrongType("domain"),
            ),
            (
                "an object proofValue",
                verified(set("proofValue", json!({}))),
                ProofError::WrongType("proofValue"),
            ),
            (
                "a numeric created",
                verified(set("created", json!(1_700_000_000))),
                ProofError::WrongType("created"),
            ),
            (
                "another proof type",
                verified(set("type", json!("Ed25519Signature2020"))),
                ProofError::UnsupportedType("Ed25519Signature2020".into()),
            ),
            (
                "another cryptosuite",
                verified(set("cryptosuite", json!("eddsa-rdfc-2022"))),
                ProofError::UnknownCryptosuite("eddsa-rdfc-2022".into()),
            ),
            (
                "another purpose",
                verified(set("proofPurpose", json!("authentication"))),
                ProofError::WrongPurpose {
                    expected: ASSERTION_METHOD.into(),
                    found: "authentication".into(),
                },
            ),
            (
                "a created that is no date",
                verified(set("created", json!("yesterday"))),
                ProofError::InvalidDateTime("created"),
            ),
            (
                "an expires that is no date",
                verified(set("expires", json!("2026-02-30T00:00:00Z"))),
                ProofError::InvalidDateTime("expires"),
            ),
            (
                "a created without time zone to sign",
                signing(sample_result(), at("2026-01-01T00:00:00")),
                ProofError::InvalidDateTime("created"),
            ),
            (
                "a proof @context the document lacks",
                verified(set(
                    "@context",
                    json!(["https://www.w3.org/ns/credentials/v2"]),
                )),
                ProofError::ContextMismatch,
            ),
            (
                "an https verification method",
                verified(set(
                    "verificationMethod",
                    json!("https://vc.example/issuers/5678#key-1"),
                )),
                ProofError::UnsupportedVerificationMethod(
                    "https://vc.example/issuers/5678#key-1".into(),
                ),
            ),
            (
                "a did:web to sign with",
                signing(
                    sample_result(),
                    ProofOptions {
                        verification_method: "did:web:vc.example#key-1".into(),
                        ..sample_options()
                    },
                ),
                ProofError::UnsupportedVerificationMethod("did:web:vc.example#key-1".into()),
            ),
            (
                "a 31-byte did:key",
                verified(set(
                    "verificationMethod",
                    Value::String({
                        let short = multibase_encode(&[&[0xed, 0x01][..], &[1; 31]].concat());
                        format!("did:key:{short}#{short}")
                    }),
                )),
                ProofError::MalformedKey,
            ),
            (
                "an X25519 did:key",
                verified(set(
                    "verificationMethod",
                    json!(
                        "did:key:z6LSeu9HkTHSfLLeUs2nnzUSNedgDUevfNQgQjQC23ZCit6F#z6LSeu9HkTHSfLLeUs2nnzUSNedgDUevfNQgQjQC23ZCit6F"
                    ),
                )),
                ProofError::KeyNotEd25519(0xec),
            ),
            (
                "hexadecimal multibase",
                multibase_decode("f00ff").unwrap_err(),
                ProofError::MalformedMultibase,
            ),
            (
                "a base64 proofValue",
                verified(set("proofValue", json!("uAAAA"))),
                ProofError::MalformedSignature,
            ),
            (
                "a 63-byte proofValue",
                verified(set("proofValue", json!(multibase_encode(&[1; 63])))),
                ProofError::MalformedSignature,
            ),
            (
                "a changed rating",
                verified({
                    let mut d = with_proof(|_| {});
                    d["ratings"][0]["level"] = json!(4);
                    d
                }),
                ProofError::SignatureMismatch,
            ),
            (
                "another key's signature",
                verified(set(
                    "verificationMethod",
                    json!(verification_method(&public_key(&[8; 32]))),
                )),
                ProofError::SignatureMismatch,
            ),
            (
                "another challenge",
                verified(set("challenge", json!("replayed"))),
                ProofError::ChallengeMismatch,
            ),
            (
                "another domain",
                verified(set("domain", json!("evil.example"))),
                ProofError::DomainMismatch,
            ),
            (
                "finishing another document",
                {
                    let input = signing_input(&sample_result(), &sample_options()).unwrap();
                    input
                        .finish(json!({ "other": true }), &[0; 64])
                        .unwrap_err()
                },
                ProofError::DocumentChanged,
            ),
            (
                "finishing a list",
                {
                    let input = signing_input(&sample_result(), &sample_options()).unwrap();
                    input.finish(json!([]), &[0; 64]).unwrap_err()
                },
                ProofError::DocumentChanged,
            ),
            (
                "too deep",
                signing(json!({ "deep": deep }), sample_options()),
                ProofError::Canonicalization(format!(
                    "arrays and objects nested deeper than {MAX_DEPTH} levels"
                )),
            ),
            (
                "created a year ahead of the verifier's clock",
                verify(
                    &sign(
                        sample_result(),
                        &options("2027-11-28T10:00:00Z", &SECRET),
                        &SECRET,
                    )
                    .unwrap(),
                    &Expectations {
                        now: competency_core::time::parse_rfc3339("2026-11-28T10:00:00Z"),
                        ..Expectations::default()
                    },
                )
                .unwrap_err(),
                ProofError::CreatedInFuture,
            ),
            (
                "expired",
                verify(&set("expires", json!("2000-01-01T00:00:00Z")), &{
                    let mut expected = sample_expectations();
                    expected.now = competency_core::time::parse_rfc3339("2026-11-28T10:00:00Z");
                    expected
                })
                .unwrap_err(),
                ProofError::Expired,
            ),
            (
                "a key of small order (the identity)",
                verified(set(
                    "verificationMethod",
                    json!(verification_method(&{
                        let mut identity = [0; 32];
                        identity[0] = 1;
                        identity
                    })),
                )),
                ProofError::WeakKey,
            ),
            (
                "an inexact integer",
                signing(json!({ "n": u64::MAX }), sample_options()),
                ProofError::Canonicalization(
                    "the number 18446744073709551615 is not an IEEE-754 double".into(),
                ),
            ),
        ];
        #[cfg(feature = "native-crypto")]
        let cases = {
            let mut cases = cases;
            cases.push((
                "signing with another key",
                competency_core::proof::native::sign(sample_result(), &sample_options(), &[8; 32])
                    .unwrap_err(),
                ProofError::KeyMismatch,
            ));
            // A y coordinate that is on no point of the curve.
            let not_a_point = (0..=255u8)
                .map(|b| [b; 32])
                .find(|bytes| VerifyingKey::from_bytes(bytes).is_err())
                .unwrap();
            cases.push((
                "a key that is no curve point",
                verified(set(
                    "verificationMethod",
                    json!(verification_method(&not_a_point)),
                )),
                ProofError::MalformedKey,
            ));
            cases
        };
        let mut produced = std::collections::BTreeSet::new();
        for (what, error, expected) in &cases {
            assert_eq!(error, expected, "{what}");
            assert!(!error.to_string().is_empty());
            produced.insert(name(error));
        }
        let missing: Vec<_> = ALL
            .iter()
            .filter(|variant| !produced.contains(*variant))
            // Only native::sign sees the secret key.
            .filter(|variant| cfg!(feature = "native-crypto") || **variant != "KeyMismatch")
            .collect();
        assert!(missing.is_empty(), "no input produces {missing:?}");
    }

    #[test]
    fn long_names_in_errors_are_cut() {
        let long = "x".repeat(10_000);
        let error = verified(with_proof(|p| {
            p.insert("type".into(), json!(long));
        }));
        let ProofError::UnsupportedType(found) = error else {
            panic!("{error:?}");
        };
        assert!(found.chars().count() <= 101);
    }
}

/// The two-phase API and `native::sign` give the same documents.
#[cfg(feature = "native-crypto")]
mod native {
    use super::*;

    #[test]
    fn two_phase_signing_is_native_signing() {
        let documents = [
            sample_result(),
            w3c_vector::unsigned(),
            json!({}),
            json!({ "@context": "https://www.w3.org/ns/credentials/v2", "n": 1.5 }),
        ];
        for document in documents {
            for options in [
                sample_options(),
                options("2026-11-28T10:00:01+01:00", &SECRET),
            ] {
                let native =
                    competency_core::proof::native::sign(document.clone(), &options, &SECRET)
                        .unwrap();
                assert_eq!(
                    sign(document.clone(), &options, &SECRET),
                    Ok(native.clone())
                );
                assert!(
                    competency_core::proof::native::verify(&native, &Expectations::default())
                        .is_ok()
                );
            }
        }
    }
}

/// No input panics, and what is signed verifies after a trip through JSON text.
mod properties {
    use super::*;

    /// Any JSON value, a few levels deep, numbers of every kind included.
    fn any_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            Just(json!(f64::MAX)),
            Just(json!(-0.0)),
            prop_oneof![
                "[a-z]{1,8}",
                "(DataIntegrityProof|eddsa-jcs-2022|assertionMethod|z6Mk|did:key:z6Mk#z6Mk|z|)",
                "(2023-02-24T23:36:38Z|2023-02-24T24:00:00|0000-02-29T00:00:00Z)",
                ".{0,40}",
            ]
            .prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 64, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                prop::collection::btree_map(
                    "(@context|proof|type|cryptosuite|proofValue|[a-zA-Z$]{1,12})",
                    inner,
                    0..8
                )
                .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// JSON that signs: no inexact integer, no `proof`.
    fn signable() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i32>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            ".{0,20}".prop_map(Value::String),
        ];
        let value = leaf.prop_recursive(4, 64, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map("(@context|.{0,8})", inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        });
        prop::collection::btree_map("(@context|.{0,8})", value, 0..6).prop_map(|m| {
            let mut object: serde_json::Map<String, Value> = m.into_iter().collect();
            object.remove("proof");
            Value::Object(object)
        })
    }

    const PROOF_FIELDS: [&str; 13] = [
        "type",
        "cryptosuite",
        "created",
        "expires",
        "verificationMethod",
        "proofPurpose",
        "proofValue",
        "challenge",
        "domain",
        "nonce",
        "id",
        "previousProof",
        "@context",
    ];

    /// Every field of a proof replaced by values of every type: an error, never a panic.
    #[test]
    fn every_proof_field_of_every_type() {
        let secured = sign(sample_result(), &sample_options(), &SECRET).unwrap();
        for field in PROOF_FIELDS {
            for value in [
                json!(null),
                json!(true),
                json!(0),
                json!(-1.5),
                json!(u64::MAX),
                json!(i64::MIN),
                json!(1e308),
                json!(""),
                json!("z"),
                json!("\u{0}"),
                json!([]),
                json!([1]),
                json!(["x", null]),
                json!({}),
                json!({ "a": 1 }),
            ] {
                let mut changed = secured.clone();
                changed["proof"][field] = value.clone();
                assert!(
                    verify(&changed, &sample_expectations()).is_err(),
                    "{field}: {value}"
                );
            }
        }
    }

    static SIGNED_SAMPLE: std::sync::LazyLock<Value> =
        std::sync::LazyLock::new(|| sign(sample_result(), &sample_options(), &SECRET).unwrap());

    proptest! {
        // Debug builds of the curve arithmetic are slow: fewer cases than the default 256.
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn verifying_anything_never_panics(document in any_json(), proof in any_json()) {
            let _ = verify(&document, &Expectations::default());
            let _ = verify(&json!({ "proof": proof.clone() }), &sample_expectations());
            let _ = verify(&json!({ "@context": document.clone(), "proof": proof }), &Expectations::default());
        }

        #[test]
        fn a_proof_field_set_to_anything_never_panics(
            field in prop::sample::select(PROOF_FIELDS.to_vec()),
            value in any_json(),
        ) {
            let mut secured = SIGNED_SAMPLE.clone();
            secured["proof"][field] = value;
            let _ = verify(&secured, &sample_expectations());
        }

        #[test]
        fn preparing_anything_never_panics(
            document in any_json(),
            created in ".{0,30}",
            method in ".{0,60}",
            purpose in ".{0,20}",
            challenge in proptest::option::of(".{0,10}"),
        ) {
            let options = ProofOptions { created, verification_method: method, proof_purpose: purpose, challenge, domain: None };
            let _ = signing_input(&document, &options);
            let _ = signing_input(&document, &sample_options());
            let _ = canonicalize(&document);
            let _ = public_key_of(&options.verification_method);
            let _ = multibase_decode(&options.created);
        }

        #[test]
        fn what_is_signed_verifies_after_a_trip_through_json_text(document in signable()) {
            let secured = sign(document, &sample_options(), &SECRET).unwrap();
            let text = serde_json::to_string(&secured).unwrap();
            prop_assert_eq!(verify(&parse(&text), &sample_expectations()), Ok(public_key(&SECRET)));
        }
    }
}
