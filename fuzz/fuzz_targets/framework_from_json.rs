//! Any bytes into the framework loader: it must never panic, and whatever it accepts must
//! export and read back equal.
#![no_main]

use competency_core::Framework;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(framework) = Framework::from_json(json) {
        let again = Framework::from_json(&framework.to_json()).expect("an export reads back");
        assert_eq!(again, framework);
    }
});
