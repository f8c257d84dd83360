use crate::components::framework_problems::{problems_notice, structure_text};
use crate::dom::{self, El};
use crate::i18n::*;
use competency_core::config::{ConfigError, ConfigProblemKind};
use std::sync::Arc;

/// Why the portal's configuration was refused: every problem, translated, with its JSON path.
/// The widget then runs with its defaults.
pub fn config_problems(error: Arc<ConfigError>) -> El {
    let i18n = use_i18n();
    dom::dynamic(move || {
        let locale = i18n.get_locale();
        problems_notice(
            locale,
            "config-problems",
            [El::new("p").text(td_string!(locale, config_invalid_intro))],
            error.problems.iter().map(|p| (&p.path, &p.kind)),
            error.truncated,
            problem_text,
        )
    })
}

/// The sentence for one problem in `locale`; values quoted from the configuration end up in a
/// text node, never parsed as HTML.
fn problem_text(locale: Locale, kind: &ConfigProblemKind) -> String {
    use ConfigProblemKind::*;
    let l = locale;
    match kind {
        NotAnObject => td_string!(l, config_not_an_object).to_owned(),
        Structure(problem) => structure_text(l, problem),
        UnsupportedVersion(found) => td_string!(l, config_version, found).to_string(),
        TooLarge { limit } => td_string!(l, config_too_large, limit).to_string(),
        BadInstance => td_string!(l, config_bad_instance).to_owned(),
        UnknownLanguage(value) => td_string!(l, config_unknown_language, value).to_string(),
        UnknownRole(value) => td_string!(l, config_unknown_role, value).to_string(),
        FrameworkSource => td_string!(l, config_framework_source).to_owned(),
        BadUrl(value) => td_string!(l, config_bad_url, value).to_string(),
        BadOrigin(value) => td_string!(l, config_bad_origin, value).to_string(),
        BadHeader(value) => td_string!(l, config_bad_header, value).to_string(),
        BadHeaderValue(value) => td_string!(l, config_bad_header_value, value).to_string(),
        ForbiddenHeader(value) => td_string!(l, config_forbidden_header, value).to_string(),
        DuplicateHeader(value) => td_string!(l, config_duplicate_header, value).to_string(),
        BadColour(value) => td_string!(l, config_bad_colour, value).to_string(),
        BadFont => td_string!(l, config_bad_font).to_owned(),
        BadRadius(value) => td_string!(l, config_bad_radius, value).to_string(),
        UnknownScreen(value) => td_string!(l, config_unknown_screen, value).to_string(),
        DuplicateScreen(value) => td_string!(l, config_duplicate_screen, value).to_string(),
        NoScreens => td_string!(l, config_no_screens).to_owned(),
        BadCampaignId => td_string!(l, campaign_bad_id).to_owned(),
        BadToken => td_string!(l, config_bad_token).to_owned(),
        InvitationIncomplete => td_string!(l, config_invitation_incomplete).to_owned(),
        Strict(error) => crate::components::framework_problems::json_problem_text(l, error),
    }
}
