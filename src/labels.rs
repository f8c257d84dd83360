//! The interface's words for the domain's values, in a given locale.

use competency_core::ResourceKind;
use competency_core::assessment::{AssessmentError, Role};

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

/// The role as what the rater is to the person ("collègue", "peer"), for "as their …".
pub fn role_as(locale: Locale, role: Role) -> &'static str {
    match role {
        Role::SelfAssessment => td_string!(locale, role_self),
        Role::Supervisor => td_string!(locale, role_as_supervisor),
        Role::Peer => td_string!(locale, role_as_peer),
        Role::DirectReport => td_string!(locale, role_as_direct_report),
        Role::Other => td_string!(locale, role_as_other),
    }
}

/// The raters of a role taken together, in a report ("Pairs", "Peers").
pub fn role_group(locale: Locale, role: Role) -> &'static str {
    match role {
        Role::SelfAssessment => td_string!(locale, group_self),
        Role::Supervisor => td_string!(locale, group_supervisor),
        Role::Peer => td_string!(locale, group_peers),
        Role::DirectReport => td_string!(locale, group_direct_reports),
        Role::Other => td_string!(locale, group_others),
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

/// What kind of learning a resource is.
pub fn resource_kind(locale: Locale, kind: ResourceKind) -> &'static str {
    match kind {
        ResourceKind::ELearning => td_string!(locale, resource_kind_e_learning),
        ResourceKind::Course => td_string!(locale, resource_kind_course),
        ResourceKind::OnTheJob => td_string!(locale, resource_kind_on_the_job),
        ResourceKind::Reading => td_string!(locale, resource_kind_reading),
        ResourceKind::Mentoring => td_string!(locale, resource_kind_mentoring),
    }
}

/// Why a change to the development plan was refused.
pub fn plan_error(locale: Locale, error: &AssessmentError) -> String {
    match error {
        AssessmentError::DateInThePast(_) => td_string!(locale, plan_error_past).to_owned(),
        AssessmentError::BadDate(_) => td_string!(locale, plan_error_date).to_owned(),
        AssessmentError::TooManyActions { limit } => {
            td_string!(locale, plan_error_too_many, limit = *limit).to_string()
        }
        AssessmentError::TooLong { limit } => {
            td_string!(locale, plan_error_too_long, limit = *limit).to_string()
        }
        AssessmentError::ReadOnly => td_string!(locale, plan_error_read_only).to_owned(),
        other => change_error(locale, other),
    }
}

/// Why a change to the assessment was refused.
pub fn change_error(locale: Locale, error: &AssessmentError) -> String {
    match error {
        AssessmentError::ReadOnly => td_string!(locale, change_error_read_only).to_owned(),
        AssessmentError::TooLong { limit } => {
            td_string!(locale, change_error_too_long, limit = *limit).to_string()
        }
        AssessmentError::Incomplete(missing) => {
            td_string!(locale, change_error_incomplete, count = missing.len()).to_string()
        }
        AssessmentError::DateInThePast(_) => td_string!(locale, plan_error_past).to_owned(),
        AssessmentError::BadDate(_) => td_string!(locale, plan_error_date).to_owned(),
        AssessmentError::TooManyActions { limit } => {
            td_string!(locale, plan_error_too_many, limit = *limit).to_string()
        }
        // What only a view out of step with the assessment asks for.
        AssessmentError::UnknownPosition(_)
        | AssessmentError::NotInScope(_)
        | AssessmentError::UnknownLevel(_)
        | AssessmentError::MissingName
        | AssessmentError::NoSuchPage(_)
        | AssessmentError::OtherFramework
        | AssessmentError::NoPlan
        | AssessmentError::NoSuchResource(_)
        | AssessmentError::NothingOpen => td_string!(locale, change_error_stale).to_owned(),
    }
}

/// A day written `YYYY-MM-DD` as the user's locale writes it ("30 juin 2027", "30 June
/// 2027"); as it is when it is not such a day.
pub fn day(locale: Locale, date: &str) -> String {
    let options = js_sys::Object::new();
    for (key, value) in [
        ("timeZone", "UTC"),
        ("day", "numeric"),
        ("month", "long"),
        ("year", "numeric"),
    ] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    let parsed = js_sys::Date::new(&format!("{date}T00:00:00Z").into());
    if parsed.get_time().is_nan() {
        return date.to_owned();
    }
    String::from(parsed.to_locale_date_string(locale.as_str(), &options))
}

/// A moment as the user's locale writes it (date and time).
pub fn moment(locale: Locale, millis: u64) -> String {
    let date = js_sys::Date::new(&(millis as f64).into());
    String::from(date.to_locale_string(locale.as_str(), &Default::default()))
}
