//! Any bytes as a result file, through everything a verifier does: the strict reading, the
//! proof (eddsa-jcs-2022, verified strictly), then the result's own checks. Never a panic.
#![no_main]

use competency_core::proof::{Expectations, native};
use competency_core::result;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(value) = result::parse(text) else {
        return;
    };
    // Also the checks that follow a proof, whether or not the proof holds.
    let _ = result::ResultDocument::from_value(&value);
    let expected = Expectations {
        now: Some(1_795_000_000_000),
        ..Expectations::default()
    };
    if let Ok(verified) = native::verify(&value, &expected) {
        let _ = result::check_verified(&value, &verified.verification_method, None);
    }
});
