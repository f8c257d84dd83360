//! Any bytes as a campaign file: never a panic, and a campaign that reads writes back equal.
#![no_main]

use competency_core::campaign::Campaign;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(campaign) = Campaign::from_json(text) {
        let again = Campaign::from_json(&campaign.to_json()).expect("a campaign reads back");
        assert_eq!(again, campaign);
    }
});
