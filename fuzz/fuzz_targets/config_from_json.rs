//! Any bytes as a portal's configuration text: read strictly, then every rule. Never a panic.
#![no_main]

use competency_core::config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(value) = config::parse(text) {
        let _ = config::from_value(&value, &["fr", "en"]);
    }
});
