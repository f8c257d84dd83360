use crate::dom::{self, Attr, El};
use crate::i18n::*;
use competency_core::framework::{Expected, FrameworkError, ProblemKind, Structure};
use std::sync::Arc;

/// Why a framework could not be loaded: every problem, translated, with its JSON path.
pub fn framework_problems(error: Arc<FrameworkError>) -> El {
    let i18n = use_i18n();
    dom::dynamic(move || {
        let locale = i18n.get_locale();
        let intro = [
            El::new("h1").text(td_string!(locale, framework_invalid_title)),
            El::new("p").text(td_string!(locale, framework_invalid_intro)),
        ];
        problems_notice(
            locale,
            "framework-problems",
            intro,
            error.problems.iter().map(|p| (&p.path, &p.kind)),
            error.truncated,
            problem_text,
        )
    })
}

/// The notice (role alert, of `class`) listing problems with their JSON paths after `intro`,
/// each worded by `text` in `locale`, and saying whether the list was cut.
pub fn problems_notice<'a, K: 'a>(
    locale: Locale,
    class: &'static str,
    intro: impl IntoIterator<Item = El>,
    problems: impl Iterator<Item = (&'a String, &'a K)>,
    truncated: bool,
    text: fn(Locale, &K) -> String,
) -> El {
    let items = problems.map(|(path, kind)| {
        El::new("li")
            .child(El::new("code").text(path.clone()))
            .text(" ")
            .text(text(locale, kind))
    });
    El::new("div")
        .attr(Attr::Role, "alert")
        .class(format!("notice notice-error {class}"))
        .children(intro)
        .child(El::new("ul").children(items))
        .children(
            truncated.then(|| El::new("p").text(td_string!(locale, framework_invalid_truncated))),
        )
}

/// The sentence for one problem in `locale`. Values quoted from the document end up in a text
/// node: never parsed as HTML.
pub fn problem_text(locale: Locale, kind: &ProblemKind) -> String {
    use ProblemKind::*;
    let l = locale;
    match kind {
        Syntax { line, column, .. } => td_string!(l, problem_syntax, line, column).to_string(),
        DocumentTooLarge { bytes, limit } => {
            td_string!(l, problem_document_too_large, bytes, limit).to_string()
        }
        Structure(problem) => structure_text(l, problem),
        UnsupportedFormat { found } => td_string!(l, problem_unsupported_format, found).to_string(),
        InvalidId { id } => td_string!(l, problem_invalid_id, id).to_string(),
        InvalidLanguageTag { tag } => td_string!(l, problem_invalid_language_tag, tag).to_string(),
        InvalidValue { found, allowed } => {
            let allowed = allowed.join(", ");
            td_string!(l, problem_invalid_value, found, allowed).to_string()
        }
        InvalidLink { link } => td_string!(l, problem_invalid_link, link).to_string(),
        EmptyText { language } => td_string!(l, problem_empty_text, language).to_string(),
        MissingTranslation { language } => {
            td_string!(l, problem_missing_translation, language).to_string()
        }
        UndeclaredLanguage { language } => {
            td_string!(l, problem_undeclared_language, language).to_string()
        }
        UndeclaredDefaultLanguage { language } => {
            td_string!(l, problem_undeclared_default_language, language).to_string()
        }
        DuplicateLanguage { language } => {
            td_string!(l, problem_duplicate_language, language).to_string()
        }
        DuplicateId { id } => td_string!(l, problem_duplicate_id, id).to_string(),
        UnknownGroup { id } => td_string!(l, problem_unknown_group, id).to_string(),
        UnknownCompetency { id } => td_string!(l, problem_unknown_competency, id).to_string(),
        UnknownLevel { id } => td_string!(l, problem_unknown_level, id).to_string(),
        MissingIndicators { level } => td_string!(l, problem_missing_indicators, level).to_string(),
        Strict(error) => json_problem_text(l, error),
        DuplicateRequirement { competency } => {
            td_string!(l, problem_duplicate_requirement, competency).to_string()
        }
    }
}

/// A structural problem, worded the same for every document (framework, configuration).
pub fn structure_text(locale: Locale, problem: &Structure) -> String {
    let l = locale;
    match problem {
        Structure::WrongType { expected } => {
            let expected = expected_name(l, *expected);
            td_string!(l, problem_wrong_type, expected).to_string()
        }
        Structure::MissingField { field } => {
            td_string!(l, problem_missing_field, field).to_string()
        }
        Structure::UnknownField { field } => {
            td_string!(l, problem_unknown_field, field).to_string()
        }
        Structure::TooLong { length, limit } => {
            td_string!(l, problem_too_long, length, limit).to_string()
        }
        Structure::TooMany { count, limit } => {
            td_string!(l, problem_too_many, count, limit).to_string()
        }
        Structure::TooFew { count, minimum } => {
            td_string!(l, problem_too_few, count, minimum).to_string()
        }
        Structure::OutOfRange { min, max } => {
            td_string!(l, problem_out_of_range, min, max).to_string()
        }
        Structure::Empty => td_string!(l, problem_empty).to_owned(),
    }
}

pub fn expected_name(locale: Locale, expected: Expected) -> &'static str {
    match expected {
        Expected::Object => td_string!(locale, expected_object),
        Expected::Array => td_string!(locale, expected_array),
        Expected::String => td_string!(locale, expected_string),
        Expected::Integer => td_string!(locale, expected_integer),
        Expected::Boolean => td_string!(locale, expected_boolean),
        Expected::Text => td_string!(locale, expected_text),
    }
}

/// What the strict JSON reader refused, in `locale`.
pub fn json_problem_text(locale: Locale, error: &competency_core::json::JsonError) -> String {
    use competency_core::json::JsonError::*;
    let l = locale;
    match error {
        TooLarge { limit, .. } => td_string!(l, config_too_large, limit = *limit).to_string(),
        Syntax { line, column, .. } => {
            td_string!(l, problem_syntax, line = *line, column = *column).to_string()
        }
        TooDeep { .. } => {
            td_string!(l, json_too_deep, limit = competency_core::json::MAX_DEPTH).to_string()
        }
        DuplicateName { name, .. } => {
            td_string!(l, json_duplicate_name, name = name.clone()).to_string()
        }
        InexactNumber { .. } => td_string!(
            l,
            json_inexact_number,
            max = competency_core::json::MAX_EXACT_INTEGER
        )
        .to_string(),
        ImpreciseNumber { .. } => td_string!(l, json_imprecise_number).to_owned(),
    }
}
