//! The interface's words for the domain's values, in a given locale.

use competency_core::assessment::Role;

use crate::i18n::*;

/// The rater's role, as a noun ("Pair", "Peer").
pub fn role(locale: Locale, role: Role) -> &'static str {
    match role {
        Role::SelfAssessment => td_string!(locale, role_self),
        Role::Supervisor => td_string!(locale, role_supervisor),
        Role::Peer => td_string!(locale, role_peer),
        Role::DirectReport => td_string!(locale, role_direct_report),
        Role::Other => td_string!(locale, role_other),
    }
}

/// The role as a choice on the start screen ("Their supervisor").
pub fn role_choice(locale: Locale, role: Role) -> &'static str {
    match role {
        Role::SelfAssessment => td_string!(locale, role_choice_self),
        Role::Supervisor => td_string!(locale, role_choice_supervisor),
        Role::Peer => td_string!(locale, role_choice_peer),
        Role::DirectReport => td_string!(locale, role_choice_direct_report),
        Role::Other => td_string!(locale, role_choice_other),
    }
}

/// What a rater in this role is asked to do, and who sees their answers.
pub fn role_instructions(locale: Locale, role: Role) -> &'static str {
    match role {
        Role::SelfAssessment => td_string!(locale, instructions_self),
        Role::Supervisor => td_string!(locale, instructions_supervisor),
        Role::Peer => td_string!(locale, instructions_peer),
        Role::DirectReport => td_string!(locale, instructions_direct_report),
        Role::Other => td_string!(locale, instructions_other),
    }
}

/// The "cannot judge" choice, worded for the role: one does not "observe" oneself.
pub fn not_observed(locale: Locale, role: Role) -> &'static str {
    match role {
        Role::SelfAssessment => td_string!(locale, rating_not_practised),
        _ => td_string!(locale, rating_not_observed),
    }
}

/// The prompt for an example, worded for the role.
pub fn evidence_prompt(locale: Locale, role: Role) -> &'static str {
    match role {
        Role::SelfAssessment => td_string!(locale, evidence_label_self),
        _ => td_string!(locale, evidence_label_other),
    }
}

/// A moment as the user's locale writes it (date and time).
pub fn moment(locale: Locale, millis: u64) -> String {
    let date = js_sys::Date::new(&(millis as f64).into());
    String::from(date.to_locale_string(locale.as_str(), &Default::default()))
}
