//! Browser storage as the app uses it, in headless Chromium: real localStorage, real
//! IndexedDB. Run by `make test` with the component tests.
#![cfg(target_arch = "wasm32")]

use competency_core::assessment::{Assessment, Rating, Role, Subject, draft};
use competency_core::bundled;
use competency_widget::{drafts, journal, storage};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn assessment(id: &str) -> Assessment {
    let framework = bundled::framework().unwrap();
    let subject = Subject {
        id: "M-1".into(),
        name: "Awa".into(),
    };
    Assessment::start(id.into(), &framework, subject, None, Role::Peer, 1).unwrap()
}

fn rate(a: &mut Assessment, competency: &str, level: &str, now: u64) {
    let framework = bundled::framework().unwrap();
    a.rate(
        &framework,
        competency,
        Some(Rating::Level(level.into())),
        now,
    )
    .unwrap();
}

#[wasm_bindgen_test]
async fn what_localstorage_lost_comes_back_from_the_journal() {
    storage::clear_all();
    let _ = journal::open().await;

    // Two answers reached the journal; localStorage (as after a killed browser) kept an older
    // copy with one of them, and one answer the journal never saw.
    let mut full = assessment("restore-1");
    rate(&mut full, "integrity", "trained", 10);
    rate(&mut full, "teamwork", "expert", 11);
    journal::put(&drafts::key("restore-1"), &draft::to_json(&full));
    let mut stale = assessment("restore-1");
    rate(&mut stale, "integrity", "trained", 10);
    rate(&mut stale, "accountability", "awareness", 12);
    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    local
        .set_item(&drafts::key("restore-1"), &draft::to_json(&stale))
        .unwrap();
    // A draft only the journal holds, and the last open draft.
    journal::put(
        &drafts::key("restore-2"),
        &draft::to_json(&assessment("restore-2")),
    );
    journal::put("competency-widget.last-draft", "restore-2");

    drafts::restore().await;

    let restored = drafts::stored("restore-1").expect("the draft is readable");
    let level = |c: &str| restored.answer(c).and_then(|a| a.rating.clone());
    assert_eq!(level("integrity"), Some(Rating::Level("trained".into())));
    assert_eq!(level("teamwork"), Some(Rating::Level("expert".into())));
    assert_eq!(
        level("accountability"),
        Some(Rating::Level("awareness".into()))
    );
    assert!(drafts::stored("restore-2").is_some());
    assert_eq!(drafts::last().as_deref(), Some("restore-2"));

    storage::clear_all();
    assert!(drafts::stored("restore-1").is_none());
    let again = journal::open().await;
    assert!(
        again.iter().all(|(k, _)| !k.starts_with(storage::PREFIX)),
        "clearing empties the journal too: {again:?}"
    );
}

#[wasm_bindgen_test]
fn saving_merges_what_another_tab_saved() {
    storage::clear_all();
    let mut tab1 = assessment("tabs");
    let mut tab2 = assessment("tabs");
    rate(&mut tab1, "integrity", "trained", 20);
    drafts::save(&mut tab1).unwrap();
    rate(&mut tab2, "teamwork", "advanced", 21);
    drafts::save(&mut tab2).unwrap();

    assert!(
        tab2.answer("integrity").is_some(),
        "tab 2 took tab 1's answer in"
    );
    let stored = drafts::stored("tabs").unwrap();
    assert_eq!(stored.answers.len(), 2);
    storage::clear_all();
}

#[wasm_bindgen_test]
fn an_unreadable_draft_is_kept_aside_not_overwritten() {
    storage::clear_all();
    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    local
        .set_item(&drafts::key("broken"), "{\"formatVersion\": 1, \"id\": ")
        .unwrap();
    let framework = bundled::framework().unwrap();
    let (listed, aside) = drafts::list(&framework);
    assert!(listed.is_empty());
    assert_eq!(aside, 1);
    assert_eq!(
        local
            .get_item("competency-widget.unreadable.broken")
            .unwrap()
            .as_deref(),
        Some("{\"formatVersion\": 1, \"id\": ")
    );
    assert_eq!(local.get_item(&drafts::key("broken")).unwrap(), None);
    storage::clear_all();
}
