//! Component tests: the app's components mounted in headless Chromium with wasm-bindgen-test,
//! against real DOM and real localStorage. Run with `make test` (or `cargo test --target
//! wasm32-unknown-unknown`, with wasm-bindgen-test-runner and chromedriver on PATH).
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use competency_core::{Framework, bundled};
use competency_widget::app;
use competency_widget::components::{framework_problems, framework_screen, language_switch};
use competency_widget::dom::El;
use competency_widget::i18n::provide_i18n;
use competency_widget::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

mod common;

use common::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Waits (up to two seconds) until `selector` matches in `host`: the app opens its storage
/// before it shows a screen.
async fn wait_for(host: &HtmlElement, selector: &str) {
    for _ in 0..200 {
        if host.query_selector(selector).unwrap().is_some() {
            return;
        }
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
    panic!("{selector} never appeared");
}

fn find(host: &HtmlElement, selector: &str) -> web_sys::Element {
    host.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn text_of(host: &HtmlElement, selector: &str) -> String {
    find(host, selector).text_content().unwrap_or_default()
}

fn texts_of(host: &HtmlElement, selector: &str) -> Vec<String> {
    let list = host.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

async fn choose_language(host: &HtmlElement, lang: &str) {
    find(host, &format!(".language-switch button[lang={lang}]"))
        .unchecked_into::<HtmlElement>()
        .click();
    settle().await;
}

fn html_lang() -> Option<String> {
    document().document_element().unwrap().get_attribute("lang")
}

#[wasm_bindgen_test]
async fn language_switch_changes_the_visible_title() {
    let host = mount(|| app(competency_widget::front::FrontEnd::widget(), None, None));
    wait_for(&host, "h1").await;

    choose_language(&host, "fr").await;
    assert_eq!(text_of(&host, "h1"), "Évaluations");
    assert_eq!(
        text_of(&host, "button[aria-pressed=true]"),
        "Français",
        "the pressed button names the current language"
    );

    choose_language(&host, "en").await;
    assert_eq!(text_of(&host, "h1"), "Assessments");
    assert_eq!(text_of(&host, ".app-name"), "Competency assessment");
    assert_eq!(text_of(&host, "button[aria-pressed=true]"), "English");
    assert_eq!(
        html_lang().as_deref(),
        Some("en"),
        "<html lang> follows the switch"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn framework_screen_shows_every_part_in_the_chosen_language() {
    let framework = bundled::framework().unwrap();
    let shown = Arc::new(framework.clone());
    let host = mount(move || {
        provide_i18n(true);
        El::group()
            .child(language_switch())
            .child(framework_screen(shown.clone(), None))
    });
    settle().await;

    for lang in ["fr", "en"] {
        choose_language(&host, lang).await;
        let t = |text: &competency_core::LocalizedText| text.get(lang).unwrap().to_owned();
        assert_eq!(text_of(&host, "h1"), t(&framework.title));

        let levels: Vec<String> = framework
            .levels
            .iter()
            .map(|l| format!("{} — {}", t(&l.label), t(&l.description)))
            .collect();
        assert_eq!(texts_of(&host, ".levels li"), levels, "{lang}: the scale");

        let groups: Vec<String> = framework.groups.iter().map(|g| t(&g.name)).collect();
        assert_eq!(texts_of(&host, ".group h3"), groups, "{lang}: the groups");

        let integrity = framework.competency("integrity").unwrap();
        let card = "#competency-integrity";
        assert_eq!(
            text_of(&host, &format!("{card} summary")),
            t(&integrity.name)
        );
        assert_eq!(
            text_of(&host, &format!("{card} > p")),
            t(&integrity.definition)
        );
        let level_names: Vec<String> = framework.levels.iter().map(|l| t(&l.label)).collect();
        assert_eq!(
            texts_of(&host, &format!("{card} dt")),
            level_names,
            "{lang}: a heading per level"
        );
        let expert: Vec<String> = integrity.indicators[3].iter().map(t).collect();
        assert_eq!(
            texts_of(&host, &format!("{card} dd:last-of-type li")),
            expert
        );
        assert_eq!(
            host.query_selector_all(&format!("{card} .resources li"))
                .unwrap()
                .length() as usize,
            integrity.resources.len()
        );

        let officer = framework.position("customs-officer").unwrap();
        let name = |id: &str| t(&framework.competency(id).unwrap().name);
        let rows = texts_of(&host, "#position-customs-officer tbody th");
        let expected: Vec<String> = officer
            .requirements
            .iter()
            .map(|r| name(&r.competency))
            .collect();
        assert_eq!(rows, expected, "{lang}: the position's requirements");
        let critical = texts_of(&host, "#position-customs-officer tr.critical th");
        let expected_critical: Vec<String> = officer
            .requirements
            .iter()
            .filter(|r| r.critical)
            .map(|r| name(&r.competency))
            .collect();
        assert_eq!(critical, expected_critical);
    }
    host.remove();
}

#[wasm_bindgen_test]
async fn a_broken_framework_shows_every_problem_translated_with_its_path() {
    let broken = r#"{"formatVersion": 1, "id": "bad id", "version": "1", "defaultLanguage": "fr",
        "languages": ["fr"], "title": {"fr": "<img src=x onerror=alert(1)>"}, "levels": [],
        "groups": [{"id": "g", "name": {"fr": "G"}}], "competencies": [], "colour": "red"}"#;
    let error = Framework::from_json(broken).unwrap_err();
    let host = mount(move || {
        provide_i18n(true);
        El::group()
            .child(language_switch())
            .child(framework_problems(std::sync::Arc::new(error)))
    });
    settle().await;

    choose_language(&host, "fr").await;
    assert_eq!(
        text_of(&host, "[role=alert] h1"),
        "Ce référentiel de compétences contient des erreurs"
    );
    assert_eq!(
        texts_of(&host, "[role=alert] li"),
        [
            "$.colour Champ inconnu «\u{a0}colour\u{a0}»",
            "$.id «\u{a0}bad id\u{a0}» n’est pas un identifiant valide (lettres, chiffres, -, _ et . seulement)",
            "$.levels 0 éléments, moins que les 2 nécessaires",
            "$.competencies 0 éléments, moins que les 1 nécessaires",
        ]
    );

    choose_language(&host, "en").await;
    assert_eq!(
        texts_of(&host, "[role=alert] li")[0],
        "$.colour Unknown field “colour”"
    );
    host.remove();
}

/// A widget's root, registered for the crash notice, in a page of language `lang`.
fn crash_root(lang: &str) -> HtmlElement {
    let document = document();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    root.set_text_content(Some("the app was here"));
    document.body().unwrap().append_child(&root).unwrap();
    document
        .document_element()
        .unwrap()
        .set_attribute("lang", lang)
        .unwrap();
    competency_widget::crash::register_root(&root);
    root
}

#[wasm_bindgen_test]
fn crash_notice_replaces_the_app_with_a_translated_message() {
    let root = crash_root("en");
    competency_widget::crash::show_crash_notice();

    let notice = root.query_selector("[role=alert]").unwrap().unwrap();
    assert_eq!(
        notice
            .query_selector("h1")
            .unwrap()
            .unwrap()
            .text_content()
            .as_deref(),
        Some("Something went wrong")
    );
    assert!(!root.text_content().unwrap().contains("the app was here"));
    let link = notice.query_selector("a").unwrap().unwrap();
    assert_eq!(link.get_attribute("href"), window().location().href().ok());
    competency_widget::crash::unregister_root(&root);
    root.remove();
}

/// In the release bundle a panic is a WebAssembly trap with no hook (`-Cpanic=immediate-abort`).
/// A real trap's error, as the page's `error` and `unhandledrejection` events carry it when
/// nothing caught it, shows the notice; an ordinary script error does not.
#[wasm_bindgen_test]
fn a_trap_nothing_caught_shows_the_crash_notice() {
    let root = crash_root("fr");
    competency_widget::crash::install_panic_hook();
    // A module whose one function is `unreachable`, the instruction a panic ends in.
    let raise = |event: &str| {
        js_sys::Function::new_with_args(
            "kind",
            "const module = new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, \
               1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 5, 1, 3, 0, 0, 11]));
             let error;
             try { new WebAssembly.Instance(module).exports.f(); } catch (e) { error = e; }
             if (!(error instanceof WebAssembly.RuntimeError)) throw new Error('no trap');
             if (kind === 'script') error = new TypeError('not a trap');
             window.dispatchEvent(kind === 'unhandledrejection'
               ? new PromiseRejectionEvent(kind, { promise: Promise.resolve(), reason: error })
               : new ErrorEvent('error', { error }));",
        )
        .call1(&wasm_bindgen::JsValue::NULL, &event.into())
        .unwrap();
    };
    let reset = || root.set_text_content(Some("the app was here"));
    let notice = || {
        root.query_selector("[role=alert] h1")
            .unwrap()
            .and_then(|title| title.text_content())
    };

    reset();
    raise("script");
    assert_eq!(notice(), None, "a script error is not a crash");
    raise("error");
    assert_eq!(notice().as_deref(), Some("Une erreur est survenue"));
    reset();
    raise("unhandledrejection");
    assert_eq!(notice().as_deref(), Some("Une erreur est survenue"));
    competency_widget::crash::unregister_root(&root);
    root.remove();
}

/// A change the domain refuses (here, a rating of a competency the form does not hold, as a
/// view out of step would ask) is said on the assessment screen, in the rater's language,
/// and the next change that goes through clears it.
#[wasm_bindgen_test]
async fn a_refused_change_is_shown_not_dropped() {
    use competency_core::assessment::{Rating, Role, Subject};
    use competency_core::model::{Portal, Start};
    use competency_widget::components::assessment_screen;
    use competency_widget::session::{Session, Setup};
    use competency_widget::storage::{self, Scope};

    storage::clear_all();
    let framework = Arc::new(bundled::framework().unwrap());
    let (sender, receiver) = std::sync::mpsc::channel::<Session>();
    let host = mount(move || {
        use competency_widget::i18n::Locale;
        provide_i18n(true).set_locale(Locale::fr);
        let session = Session::new(
            framework,
            Setup {
                framework_json: Some(bundled::FRAMEWORK_JSON.into()),
                upload: None,
                read_only: false,
                screens: Default::default(),
                events: Default::default(),
                min_raters: 3,
                scope: Scope::new(Some("refusal")),
                shared: false,
                idle_lock_seconds: 300,
            },
        );
        provide_context(session);
        session
            .start(Start {
                subject: Subject {
                    id: "M-1024".into(),
                    name: "Awa Traoré".into(),
                },
                position: None,
                role: Role::Peer,
                portal: Portal::default(),
            })
            .unwrap();
        sender.send(session).unwrap();
        assessment_screen()
    });
    let session = receiver.recv().unwrap();
    wait_for(&host, "fieldset.rating").await;
    assert_eq!(text_of(&host, "div[role=alert]"), "");

    session.apply(|a, f, now| {
        a.rate(
            f,
            "no-such-competency",
            Some(Rating::Level("expert".into())),
            now,
        )
    });
    settle().await;
    assert_eq!(
        text_of(&host, "div[role=alert]"),
        "Ce changement n’a pas été fait\u{a0}: la page ne correspond plus à l’évaluation. \
         Rechargez la page."
    );

    let first = find(&host, "fieldset.rating input[type=radio]");
    first.unchecked_ref::<HtmlElement>().click();
    settle().await;
    assert_eq!(text_of(&host, "div[role=alert]"), "");
    host.remove();
    storage::clear_all();
}
