//! Any bytes as HR's CSV plan (UTF-8 or not): never a panic, and a plan that reads makes a
//! campaign that reads back equal.
#![no_main]

use std::sync::LazyLock;

use competency_core::campaign::{Campaign, plan, token_from_bytes};
use competency_core::proof::native;
use competency_core::{Framework, bundled};
use libfuzzer_sys::fuzz_target;

static FRAMEWORK: LazyLock<Framework> = LazyLock::new(|| bundled::framework().unwrap());

fuzz_target!(|data: &[u8]| {
    let Ok(rows) = plan::read(data, &FRAMEWORK) else {
        return;
    };
    let mut n = 0u8;
    let planned = plan::campaign(
        &rows,
        plan::Settings {
            id: "fuzz".into(),
            title: "Fuzz".into(),
            framework: native::framework_reference(&FRAMEWORK),
            min_raters: 3,
            closes: None,
        },
        || {
            n = n.wrapping_add(1);
            token_from_bytes(&[n; 16])
        },
        native::sha256,
    );
    let campaign = planned.campaign;
    // Tokens repeat after 256 invitations here (unlike real ones): the campaign then says so.
    if let Ok(again) = Campaign::from_json(&campaign.to_json()) {
        assert_eq!(again, campaign);
    } else {
        assert!(campaign.invitations.len() > 256);
    }
});
