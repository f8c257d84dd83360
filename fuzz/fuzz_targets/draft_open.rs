//! Any bytes as a saved draft: never a panic, and a draft that opens saves and opens again
//! equal.
#![no_main]

use std::sync::LazyLock;

use competency_core::assessment::draft;
use competency_core::{Framework, bundled};
use libfuzzer_sys::fuzz_target;

static FRAMEWORK: LazyLock<Framework> = LazyLock::new(|| bundled::framework().unwrap());

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(opened) = draft::open(text, &FRAMEWORK) {
        let again = draft::open(&draft::to_json(&opened.assessment), &FRAMEWORK)
            .expect("a saved draft opens");
        assert_eq!(again.assessment, opened.assessment);
    }
});
