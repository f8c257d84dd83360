//! Browser storage as the app uses it, in headless Chromium: real localStorage, real
//! IndexedDB. Run by `make test` with the component tests.
#![cfg(target_arch = "wasm32")]

use competency_core::assessment::{Rating, draft};
use competency_core::bundled;
use competency_core::model::crypto::SigningKey as _;
use competency_core::model::drafts;
use competency_widget::drafts as widget_drafts;
use competency_widget::storage::Browser;
use competency_widget::storage::Scope;
use competency_widget::{journal, storage};
use wasm_bindgen_test::*;

mod common;

use common::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn what_localstorage_lost_comes_back_from_the_journal() {
    let scope = Scope::default();
    storage::clear_all();
    let _ = journal::open().await;

    // Two answers reached the journal; localStorage (as after a killed browser) kept an older
    // copy with one of them, and one answer the journal never saw.
    let mut full = assessment("restore-1");
    rate(&mut full, "integrity", "trained", 10);
    rate(&mut full, "teamwork", "expert", 11);
    journal::put(&drafts::key(&scope, "restore-1"), &draft::to_json(&full));
    let mut stale = assessment("restore-1");
    rate(&mut stale, "integrity", "trained", 10);
    rate(&mut stale, "accountability", "awareness", 12);
    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    local
        .set_item(&drafts::key(&scope, "restore-1"), &draft::to_json(&stale))
        .unwrap();
    // A draft only the journal holds, and the last open draft.
    journal::put(
        &drafts::key(&scope, "restore-2"),
        &draft::to_json(&assessment("restore-2")),
    );
    journal::put(&scope.key("last-draft"), "restore-2");

    widget_drafts::restore(&scope).await;

    let restored = drafts::stored(&Browser, &scope, "restore-1").expect("the draft is readable");
    let level = |c: &str| restored.answer(c).and_then(|a| a.rating.clone());
    assert_eq!(level("integrity"), Some(Rating::Level("trained".into())));
    assert_eq!(level("teamwork"), Some(Rating::Level("expert".into())));
    assert_eq!(
        level("accountability"),
        Some(Rating::Level("awareness".into()))
    );
    assert!(drafts::stored(&Browser, &scope, "restore-2").is_some());
    assert_eq!(drafts::last(&Browser, &scope).as_deref(), Some("restore-2"));

    storage::clear_all();
    assert!(drafts::stored(&Browser, &scope, "restore-1").is_none());
    let again = journal::open().await;
    assert!(
        again.iter().all(|(k, _)| !k.starts_with(storage::PREFIX)),
        "clearing empties the journal too: {again:?}"
    );
}

#[wasm_bindgen_test]
fn saving_merges_what_another_tab_saved() {
    let scope = Scope::default();
    storage::clear_all();
    let mut tab1 = assessment("tabs");
    let mut tab2 = assessment("tabs");
    rate(&mut tab1, "integrity", "trained", 20);
    drafts::save(&Browser, &scope, &mut tab1).unwrap();
    rate(&mut tab2, "teamwork", "advanced", 21);
    drafts::save(&Browser, &scope, &mut tab2).unwrap();

    assert!(
        tab2.answer("integrity").is_some(),
        "tab 2 took tab 1's answer in"
    );
    let stored = drafts::stored(&Browser, &scope, "tabs").unwrap();
    assert_eq!(stored.answers.len(), 2);
    storage::clear_all();
}

#[wasm_bindgen_test]
fn an_unreadable_draft_is_kept_aside_not_overwritten() {
    let scope = Scope::default();
    storage::clear_all();
    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    local
        .set_item(
            &drafts::key(&scope, "broken"),
            "{\"formatVersion\": 1, \"id\": ",
        )
        .unwrap();
    let framework = bundled::framework().unwrap();
    drafts::tidy(&Browser, &scope);
    let (listed, aside) = drafts::list(&Browser, &scope, &framework);
    assert!(listed.is_empty());
    assert_eq!(aside, 1);
    assert_eq!(
        local
            .get_item("competency-widget.unreadable.broken")
            .unwrap()
            .as_deref(),
        Some("{\"formatVersion\": 1, \"id\": ")
    );
    assert_eq!(
        local.get_item(&drafts::key(&scope, "broken")).unwrap(),
        None
    );
    storage::clear_all();
}

#[wasm_bindgen_test]
async fn two_instances_keep_their_drafts_apart_and_both_come_back_from_the_journal() {
    storage::clear_all();
    let _ = journal::open().await;
    let (first, second) = (Scope::new(Some("awa")), Scope::new(Some("moussa")));
    let mut a = assessment("instance-a");
    rate(&mut a, "integrity", "trained", 10);
    drafts::save(&Browser, &first, &mut a).unwrap();
    drafts::set_last(&Browser, &first, Some("instance-a")).unwrap();
    let framework = bundled::framework().unwrap();
    assert_eq!(drafts::list(&Browser, &first, &framework).0.len(), 1);
    assert!(drafts::list(&Browser, &second, &framework).0.is_empty());
    assert!(
        drafts::list(&Browser, &Scope::default(), &framework)
            .0
            .is_empty()
    );
    assert_eq!(drafts::last(&Browser, &second), None);
    assert_eq!(
        Scope::kind_of(&drafts::key(&first, "instance-a")),
        Some("draft.instance-a")
    );

    // Lost from localStorage, the scoped draft comes back from the journal in its scope.
    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    local
        .remove_item(&drafts::key(&first, "instance-a"))
        .unwrap();
    widget_drafts::restore(&first).await;
    assert!(drafts::stored(&Browser, &first, "instance-a").is_some());
    storage::clear_all();
}

#[wasm_bindgen_test]
async fn sha256_is_webcrypto_s_and_right() {
    let digest = competency_widget::crypto::sha256(b"abc").await.unwrap();
    assert_eq!(
        competency_core::proof::hex(&digest),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[wasm_bindgen_test]
async fn a_rater_s_key_is_non_extractable_kept_and_signs() {
    use competency_core::result::KeyProtection;
    use competency_widget::keys::{self, KeyOrigin};
    use wasm_bindgen::JsCast;

    storage::clear_all();
    keys::forget_all();
    let _ = journal::open().await;
    let (key, origin) = keys::for_identity("rater:test-1").await.unwrap();
    assert_eq!(origin, KeyOrigin::New);
    assert_eq!(key.protection, KeyProtection::NonExtractable);
    let (again, origin) = keys::for_identity("rater:test-1").await.unwrap();
    assert_eq!(origin, KeyOrigin::Existing);
    assert_eq!(again.public_key, key.public_key);
    let (other, _) = keys::for_identity("rater:test-2").await.unwrap();
    assert_ne!(
        other.public_key, key.public_key,
        "another rater, another key"
    );

    // No script can read the private key: exporting it is refused.
    let record = competency_widget::idb::get(competency_widget::idb::KEYS, "rater:test-1")
        .await
        .unwrap();
    let private: web_sys::CryptoKey = js_sys::Reflect::get(&record, &"privateKey".into())
        .unwrap()
        .unchecked_into();
    assert!(!private.extractable());
    let subtle = web_sys::window().unwrap().crypto().unwrap().subtle();
    let export =
        wasm_bindgen_futures::JsFuture::from(subtle.export_key("pkcs8", &private).unwrap()).await;
    assert!(export.is_err(), "the private key was exported");

    let signature = key.sign(b"hash data").await.unwrap();
    let verify = competency_widget::crypto::verify;
    assert!(
        verify(&key.public_key, b"hash data", &signature)
            .await
            .unwrap()
    );
    assert!(
        !verify(&key.public_key, b"hash dat4", &signature)
            .await
            .unwrap()
    );
    assert!(
        !verify(&other.public_key, b"hash data", &signature)
            .await
            .unwrap()
    );

    // A key gone from IndexedDB while the app remembers it was lost: a new one, and it says so.
    keys::forget_all();
    let (replaced, origin) = keys::for_identity("rater:test-1").await.unwrap();
    assert_eq!(origin, KeyOrigin::Replaced);
    assert_ne!(replaced.public_key, key.public_key);
    storage::clear_all();
    keys::forget_all();
}
