//! Drafts that must survive what browsers do: a damaged or newer copy in localStorage, a
//! journal that opens late, two tabs on one draft, a database upgrade another tab holds up.
//! Real localStorage and real IndexedDB, in headless Chromium.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use competency_core::assessment::{Assessment, Rating, draft};
use competency_core::bundled;
use competency_core::model::drafts;
use competency_widget::app;
use competency_widget::drafts as widget_drafts;
use competency_widget::storage::Browser;
use competency_widget::storage::{Health, Scope};
use competency_widget::{idb, journal, storage};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, IdbDatabase, IdbTransactionMode};

mod common;

use common::*;

wasm_bindgen_test_configure!(run_in_browser);

fn comment(a: &mut Assessment, competency: &str, text: &str, now: u64) {
    let framework = bundled::framework().unwrap();
    a.set_comment(&framework, competency, text, now).unwrap();
}

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn factory() -> web_sys::IdbFactory {
    web_sys::window().unwrap().indexed_db().unwrap().unwrap()
}

/// Waits `ms` milliseconds.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// What `future` gives, unless it takes longer than `ms` milliseconds.
async fn within<T: 'static>(ms: i32, future: impl Future<Output = T> + 'static) -> Option<T> {
    let slot = Rc::new(RefCell::new(None));
    let done = {
        let slot = slot.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            *slot.borrow_mut() = Some(future.await);
            Ok(JsValue::TRUE)
        })
    };
    let timer = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    let _ = JsFuture::from(js_sys::Promise::race(&js_sys::Array::of2(&done, &timer))).await;
    slot.borrow_mut().take()
}

/// A connection of the test's own to the app's database at `version`, as another tab would
/// hold it: it never gives way.
async fn open_database(version: u32) -> IdbDatabase {
    let request = factory().open_with_u32(idb::DATABASE, version).unwrap();
    idb::wait(&request).await.unwrap().unchecked_into()
}

/// Deletes the app's database (the app's own connection closed first), so that a test starts
/// from none.
async fn delete_database() {
    idb::close();
    let request = factory().delete_database(idb::DATABASE).unwrap();
    idb::wait(&request).await.unwrap();
}

/// What the journal holds in IndexedDB, read through a connection of the test's own.
async fn journal_in_database() -> Vec<(String, String)> {
    let database = open_database(idb::VERSION).await;
    let store = database
        .transaction_with_str_and_mode(idb::JOURNAL, IdbTransactionMode::Readonly)
        .and_then(|t| t.object_store(idb::JOURNAL))
        .unwrap();
    let keys: js_sys::Array = idb::wait(&store.get_all_keys().unwrap())
        .await
        .unwrap()
        .unchecked_into();
    let values: js_sys::Array = idb::wait(&store.get_all().unwrap())
        .await
        .unwrap()
        .unchecked_into();
    database.close();
    keys.iter()
        .zip(values.iter())
        .filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?)))
        .collect()
}

/// Waits (up to three seconds) until the journal in IndexedDB holds `value` under `key`.
async fn journal_holds(key: &str, value: &str) -> bool {
    for _ in 0..150 {
        if journal_in_database()
            .await
            .iter()
            .any(|(k, v)| k == key && v == value)
        {
            return true;
        }
        sleep(20).await;
    }
    false
}

/// Waits (up to three seconds) until `selector` matches in `host`.
async fn appears(host: &HtmlElement, selector: &str) -> bool {
    for _ in 0..150 {
        if host.query_selector(selector).unwrap().is_some() {
            return true;
        }
        sleep(20).await;
    }
    false
}

fn text_of(host: &HtmlElement, selector: &str) -> String {
    host.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

async fn choose_english(host: &HtmlElement) {
    host.query_selector(".language-switch button[lang=en]")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    sleep(0).await;
}

const DAMAGED: &str = "{\"formatVersion\": 3, \"id\": ";

#[wasm_bindgen_test]
async fn saving_over_an_unreadable_draft_moves_it_aside() {
    let scope = Scope::default();
    storage::clear_all();
    let _ = journal::open().await;
    let key = drafts::key(&scope, "damaged");
    local().set_item(&key, DAMAGED).unwrap();

    let mut a = assessment("damaged");
    rate(&mut a, "integrity", "trained", 10);
    drafts::save(&Browser, &scope, &mut a).unwrap();

    assert_eq!(
        local()
            .get_item(&scope.key("unreadable.damaged"))
            .unwrap()
            .as_deref(),
        Some(DAMAGED),
        "the unreadable draft was overwritten"
    );
    assert_eq!(drafts::stored(&Browser, &scope, "damaged"), Some(a.clone()));

    // Damaged again: moved aside beside the first, which stays as it was.
    local().set_item(&key, "[1, 2").unwrap();
    drafts::save(&Browser, &scope, &mut a).unwrap();
    let framework = bundled::framework().unwrap();
    let (listed, aside) = drafts::list(&Browser, &scope, &framework);
    assert_eq!((listed.len(), aside), (1, 2));
    let kept: Vec<String> = storage::keys(&scope.key("unreadable."))
        .iter()
        .filter_map(|k| local().get_item(k).unwrap())
        .collect();
    assert!(kept.contains(&DAMAGED.to_owned()) && kept.contains(&"[1, 2".to_owned()));
    storage::clear_all();
}

#[wasm_bindgen_test]
async fn a_draft_from_a_newer_version_is_never_overwritten() {
    let scope = Scope::default();
    storage::clear_all();
    let _ = journal::open().await;
    let key = drafts::key(&scope, "newer");
    let newer = "{\"formatVersion\": 99, \"id\": \"newer\", \"whatever\": [1]}";
    local().set_item(&key, newer).unwrap();

    // An older program saving the same draft keeps the newer copy and says so.
    let mut a = assessment("newer");
    rate(&mut a, "integrity", "trained", 10);
    assert_eq!(
        drafts::save(&Browser, &scope, &mut a),
        Err(Health::NewerDraft)
    );
    assert_eq!(local().get_item(&key).unwrap().as_deref(), Some(newer));
    assert_eq!(
        a.answer("integrity").and_then(|a| a.rating.clone()),
        Some(Rating::Level("trained".into())),
        "the assessment goes on in memory"
    );

    // Neither restoring an older journal copy nor listing touches it.
    journal::put(&key, &draft::to_json(&assessment("newer")));
    widget_drafts::restore(&scope).await;
    assert_eq!(local().get_item(&key).unwrap().as_deref(), Some(newer));
    let framework = bundled::framework().unwrap();
    let (listed, aside) = drafts::list(&Browser, &scope, &framework);
    assert_eq!((listed.len(), aside), (0, 1));
    assert_eq!(local().get_item(&key).unwrap().as_deref(), Some(newer));
    storage::clear_all();
}

#[wasm_bindgen_test]
async fn the_journal_s_copy_is_taken_when_localstorage_s_is_unreadable() {
    let scope = Scope::new(Some("awa"));
    storage::clear_all();
    let _ = journal::open().await;
    let key = drafts::key(&scope, "journaled");
    let mut good = assessment("journaled");
    rate(&mut good, "integrity", "expert", 10);
    journal::put(&key, &draft::to_json(&good));
    local().set_item(&key, DAMAGED).unwrap();

    widget_drafts::restore(&scope).await;
    assert_eq!(
        drafts::stored(&Browser, &scope, "journaled"),
        Some(good.clone()),
        "the journal's readable copy was not taken"
    );
    assert_eq!(
        local()
            .get_item(&scope.key("unreadable.journaled"))
            .unwrap()
            .as_deref(),
        Some(DAMAGED),
        "the unreadable copy is kept aside"
    );
    let framework = bundled::framework().unwrap();
    let (listed, aside) = drafts::list(&Browser, &scope, &framework);
    assert_eq!((listed, aside), (vec![good.clone()], 1));

    // Damaged again once the app runs: tidying moves it aside but leaves the journal's copy,
    // which the next start takes back.
    local().set_item(&key, "[").unwrap();
    drafts::tidy(&Browser, &scope);
    let (listed, aside) = drafts::list(&Browser, &scope, &framework);
    assert_eq!((listed.len(), aside), (0, 2));
    assert!(
        journal_holds(&key, &draft::to_json(&good)).await,
        "tidying deleted the journal's copy"
    );
    widget_drafts::restore(&scope).await;
    assert_eq!(drafts::stored(&Browser, &scope, "journaled"), Some(good));
    storage::clear_all();
}

#[wasm_bindgen_test]
async fn a_write_made_before_the_database_opens_reaches_the_journal() {
    let scope = Scope::default();
    storage::clear_all();
    let _ = journal::open().await;
    idb::close();

    let mut early = assessment("early");
    rate(&mut early, "teamwork", "advanced", 10);
    drafts::save(&Browser, &scope, &mut early).unwrap();
    storage::set(&scope.key("last-draft"), "early").unwrap();
    storage::remove(&scope.key("last-draft"));

    let _ = journal::open().await;
    let key = drafts::key(&scope, "early");
    assert!(
        journal_holds(&key, &draft::to_json(&early)).await,
        "the write made before the database opened was lost: {:?}",
        journal_in_database().await
    );
    assert!(
        journal_in_database()
            .await
            .iter()
            .all(|(k, _)| *k != scope.key("last-draft")),
        "the writes reached the journal out of order"
    );

    // A draft discarded before the database opens stays discarded.
    let mut gone = assessment("gone");
    drafts::save(&Browser, &scope, &mut gone).unwrap();
    idb::close();
    drafts::discard(&Browser, &scope, "gone");
    widget_drafts::restore(&scope).await;
    assert_eq!(
        drafts::stored(&Browser, &scope, "gone"),
        None,
        "a discarded draft came back from the journal"
    );
    storage::clear_all();
}

#[wasm_bindgen_test]
async fn a_comment_and_a_rating_changed_in_two_tabs_are_both_kept() {
    let scope = Scope::default();
    storage::clear_all();
    let mut tab1 = assessment("two-tabs");
    let mut tab2 = assessment("two-tabs");
    rate(&mut tab1, "integrity", "trained", 10);
    drafts::save(&Browser, &scope, &mut tab1).unwrap();
    tab2.merge(&drafts::stored(&Browser, &scope, "two-tabs").unwrap());

    // Tab 1 writes a comment; tab 2, not yet told, changes the rating a little later.
    comment(&mut tab1, "integrity", "Refused every gift.", 20);
    drafts::save(&Browser, &scope, &mut tab1).unwrap();
    rate(&mut tab2, "integrity", "expert", 21);
    drafts::save(&Browser, &scope, &mut tab2).unwrap();

    let stored = drafts::stored(&Browser, &scope, "two-tabs").unwrap();
    let answer = stored.answer("integrity").unwrap();
    assert_eq!(
        answer.comment, "Refused every gift.",
        "the comment was lost"
    );
    assert_eq!(answer.rating, Some(Rating::Level("expert".into())));
    assert_eq!(tab2.answer("integrity"), Some(answer));
    storage::clear_all();
}

#[wasm_bindgen_test]
async fn an_upgrade_an_old_tab_blocks_is_reported_and_the_app_starts() {
    let scope = Scope::default();
    storage::clear_all();
    delete_database().await;
    // A tab of an older version holds the database at its version and never gives way.
    let old = open_database(idb::VERSION - 1).await;

    let host = mount(|| app(competency_widget::front::FrontEnd::widget(), None, None));
    assert!(
        appears(&host, "h1").await,
        "the app waits for ever on the blocked upgrade"
    );
    assert_eq!(idb::status(), idb::Status::Blocked);
    choose_english(&host).await;
    assert_eq!(
        text_of(&host, ".storage-notice"),
        "This app is open in another tab in an older version, which holds up its update: close \
         the other tabs it is open in. Meanwhile your answers are still saved in this browser, \
         without their backup copy."
    );

    // Meanwhile answers are saved; their journal copy waits for the database.
    let key = drafts::key(&scope, "while-blocked");
    let mut a = assessment("while-blocked");
    rate(&mut a, "integrity", "trained", 10);
    drafts::save(&Browser, &scope, &mut a).unwrap();
    assert!(drafts::stored(&Browser, &scope, "while-blocked").is_some());

    // The old tab closes: the upgrade goes through and the journal catches up.
    old.close();
    assert!(
        journal_holds(&key, &draft::to_json(&a)).await,
        "the answer saved while blocked never reached the journal"
    );
    assert_eq!(idb::status(), idb::Status::Open);
    assert!(appears(&host, "h1").await);
    assert_eq!(text_of(&host, ".storage-notice"), "");
    host.remove();
    storage::clear_all();
}

#[wasm_bindgen_test]
async fn a_tab_asked_to_give_way_closes_the_database() {
    let scope = Scope::default();
    storage::clear_all();
    delete_database().await;
    let host = mount(|| app(competency_widget::front::FrontEnd::widget(), None, None));
    assert!(appears(&host, "h1").await);
    assert_eq!(idb::status(), idb::Status::Open);

    // A newer version opens in another tab: this one closes its connection at once.
    let newer = within(3_000, open_database(idb::VERSION + 1)).await;
    assert!(newer.is_some(), "the app held up a newer version's upgrade");
    assert_eq!(idb::status(), idb::Status::Superseded);
    choose_english(&host).await;
    assert_eq!(
        text_of(&host, ".storage-notice"),
        "A newer version of this app was opened in this browser: reload this page to use it. \
         Meanwhile your answers are still saved in this browser, without their backup copy."
    );
    // Saving goes on, without the journal.
    let mut a = assessment("gave-way");
    rate(&mut a, "integrity", "trained", 10);
    drafts::save(&Browser, &scope, &mut a).unwrap();
    assert!(drafts::stored(&Browser, &scope, "gave-way").is_some());

    host.remove();
    // A tab of this version opened now finds the database taken by the newer one.
    idb::close();
    assert_eq!(idb::open().await, idb::Status::Superseded);
    newer.unwrap().close();
    delete_database().await;
    storage::clear_all();
}

#[wasm_bindgen_test]
async fn a_key_the_database_cannot_be_read_for_is_not_called_lost() {
    use competency_widget::keys::{self, KeyOrigin};

    storage::clear_all();
    delete_database().await;
    let (kept, origin) = keys::for_identity("rater:held-up").await.unwrap();
    assert_eq!(origin, KeyOrigin::New);
    assert_eq!(idb::status(), idb::Status::Open);

    // A newer version of the app takes the database: this tab cannot read the key there.
    idb::close();
    open_database(idb::VERSION + 1).await.close();
    assert_eq!(idb::open().await, idb::Status::Superseded);
    let (stand_in, origin) = keys::for_identity("rater:held-up").await.unwrap();
    assert_eq!(
        origin,
        KeyOrigin::New,
        "the key in a database this tab cannot read was called lost"
    );
    assert_ne!(stand_in.public_key, kept.public_key);
    // What the app remembers is still the kept key, for when the database can be read again.
    assert_eq!(
        local()
            .get_item("competency-widget.key.rater:held-up")
            .unwrap(),
        Some(competency_core::proof::hex(&kept.public_key))
    );
    storage::clear_all();
    delete_database().await;
}
