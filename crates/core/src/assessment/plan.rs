//! The personal development plan a person builds from their self-assessment's gaps: per chosen
//! competency, actions (learning resources of the framework, or their own words), a target
//! level and a target date. It is edited like the answers (each part stamped and merged on its
//! own, read-only after submission) and becomes part of the signed result.

use super::{Assessment, AssessmentError, Role, check_note, later};
use crate::framework::Framework;

/// Most actions in one plan entry.
pub const MAX_ACTIONS: usize = 10;
/// Longest action written by the person, in characters.
pub const MAX_ACTION_CHARS: usize = 500;

/// The plan for one competency.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanItem {
    /// Whether the competency is in the plan. An entry taken out stays, not chosen, so that a
    /// copy of the draft in another tab cannot bring it back when the two are merged.
    pub chosen: bool,
    /// The level aimed at, by id.
    pub target_level: Option<String>,
    /// The day by which it is aimed at, `YYYY-MM-DD`.
    pub target_date: Option<String>,
    pub actions: Vec<PlanAction>,
    /// When each part last changed.
    pub changed: PlanStamps,
}

/// When each part of a plan entry last changed (milliseconds since the Unix epoch; 0 for
/// never). The actions are one part: they are added, removed and ordered as a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlanStamps {
    pub chosen: u64,
    pub target_level: u64,
    pub target_date: u64,
    pub actions: u64,
}

impl PlanStamps {
    /// Every part stamped `at` (a draft of a format with one stamp per entry).
    pub fn all(at: u64) -> Self {
        PlanStamps {
            chosen: at,
            target_level: at,
            target_date: at,
            actions: at,
        }
    }
}

/// One thing the person will do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanAction {
    /// A learning resource of the competency, by its place in the framework's list.
    Resource(usize),
    /// An action in the person's own words.
    Own(String),
}

/// What an entry of the plan still lacks before the assessment can be submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanGap {
    NoTargetLevel,
    NoTargetDate,
    NoAction,
}

impl PlanItem {
    /// Takes in, part by part, what `other` changed later (see [`super::Answer::merge`]).
    pub fn merge(&mut self, other: &PlanItem) {
        let (ours, theirs) = (&mut self.changed, other.changed);
        later(
            (&mut self.chosen, &mut ours.chosen),
            (&other.chosen, theirs.chosen),
        );
        later(
            (&mut self.target_level, &mut ours.target_level),
            (&other.target_level, theirs.target_level),
        );
        later(
            (&mut self.target_date, &mut ours.target_date),
            (&other.target_date, theirs.target_date),
        );
        later(
            (&mut self.actions, &mut ours.actions),
            (&other.actions, theirs.actions),
        );
    }

    /// What this chosen entry still lacks, in the form's order.
    pub fn gaps(&self) -> Vec<PlanGap> {
        let mut gaps = Vec::new();
        if self.target_level.is_none() {
            gaps.push(PlanGap::NoTargetLevel);
        }
        if self.target_date.is_none() {
            gaps.push(PlanGap::NoTargetDate);
        }
        if self.actions.is_empty() {
            gaps.push(PlanGap::NoAction);
        }
        gaps
    }
}

impl Assessment {
    /// Whether this assessment has a development plan: only a self-assessment does.
    pub fn has_plan(&self) -> bool {
        self.role == Role::SelfAssessment
    }

    /// The chosen entries of the plan, in the form's order.
    pub fn plan_items<'f>(
        &self,
        framework: &'f Framework,
    ) -> Vec<(&'f crate::framework::Competency, &PlanItem)> {
        self.competencies(framework)
            .into_iter()
            .filter_map(|c| {
                self.plan
                    .get(&c.id)
                    .filter(|item| item.chosen)
                    .map(|item| (c, item))
            })
            .collect()
    }

    /// The plan entry of `competency`, to change at `now` (the caller stamps the part it
    /// changes).
    fn plan_mut(
        &mut self,
        framework: &Framework,
        competency: &str,
        now: u64,
    ) -> Result<&mut PlanItem, AssessmentError> {
        self.writable(framework)?;
        if !self.has_plan() {
            return Err(AssessmentError::NoPlan);
        }
        if !self.in_scope(framework, competency) {
            return Err(AssessmentError::NotInScope(competency.to_owned()));
        }
        self.updated_at = self.updated_at.max(now);
        Ok(self.plan.entry(competency.to_owned()).or_default())
    }

    /// Puts a competency in the plan, or takes it out (what it held is kept for a return).
    pub fn choose_for_plan(
        &mut self,
        framework: &Framework,
        competency: &str,
        chosen: bool,
        now: u64,
    ) -> Result<(), AssessmentError> {
        let item = self.plan_mut(framework, competency, now)?;
        item.chosen = chosen;
        item.changed.chosen = item.changed.chosen.max(now);
        Ok(())
    }

    /// Sets or clears the level aimed at.
    pub fn set_plan_level(
        &mut self,
        framework: &Framework,
        competency: &str,
        level: Option<&str>,
        now: u64,
    ) -> Result<(), AssessmentError> {
        if let Some(level) = level
            && framework.level(level).is_none()
        {
            return Err(AssessmentError::UnknownLevel(level.to_owned()));
        }
        let item = self.plan_mut(framework, competency, now)?;
        item.target_level = level.map(str::to_owned);
        item.changed.target_level = item.changed.target_level.max(now);
        Ok(())
    }

    /// Sets or clears the target day (`YYYY-MM-DD`), which cannot be in the past (`now`; a day
    /// of slack for time zones).
    pub fn set_plan_date(
        &mut self,
        framework: &Framework,
        competency: &str,
        date: Option<&str>,
        now: u64,
    ) -> Result<(), AssessmentError> {
        if let Some(date) = date {
            if !is_calendar_date(date) {
                return Err(AssessmentError::BadDate(date.to_owned()));
            }
            // The person's today may be UTC's yesterday or tomorrow: a day of slack, so that
            // today is never refused anywhere in the world.
            let yesterday = crate::time::rfc3339(now.saturating_sub(86_400_000));
            if date < &yesterday[..10] {
                return Err(AssessmentError::DateInThePast(date.to_owned()));
            }
        }
        let item = self.plan_mut(framework, competency, now)?;
        item.target_date = date.map(str::to_owned);
        item.changed.target_date = item.changed.target_date.max(now);
        Ok(())
    }

    /// Adds or removes one of the competency's learning resources (by its place in the list).
    pub fn set_plan_resource(
        &mut self,
        framework: &Framework,
        competency: &str,
        resource: usize,
        included: bool,
        now: u64,
    ) -> Result<(), AssessmentError> {
        let count = framework
            .competency(competency)
            .map_or(0, |c| c.resources.len());
        if resource >= count {
            return Err(AssessmentError::NoSuchResource(resource));
        }
        let item = self.plan_mut(framework, competency, now)?;
        let action = PlanAction::Resource(resource);
        let present = item.actions.contains(&action);
        if included && !present {
            if item.actions.len() >= MAX_ACTIONS {
                return Err(AssessmentError::TooManyActions { limit: MAX_ACTIONS });
            }
            item.actions.push(action);
        } else if !included && present {
            item.actions.retain(|a| *a != action);
        } else {
            return Ok(());
        }
        item.changed.actions = item.changed.actions.max(now);
        Ok(())
    }

    /// Adds an action in the person's own words (blank text adds nothing).
    pub fn add_plan_action(
        &mut self,
        framework: &Framework,
        competency: &str,
        text: &str,
        now: u64,
    ) -> Result<(), AssessmentError> {
        let text = text.trim();
        if text.chars().count() > MAX_ACTION_CHARS {
            return Err(AssessmentError::TooLong {
                limit: MAX_ACTION_CHARS,
            });
        }
        check_note(text)?;
        let item = self.plan_mut(framework, competency, now)?;
        if text.is_empty() {
            return Ok(());
        }
        if item.actions.len() >= MAX_ACTIONS {
            return Err(AssessmentError::TooManyActions { limit: MAX_ACTIONS });
        }
        item.actions.push(PlanAction::Own(text.to_owned()));
        item.changed.actions = item.changed.actions.max(now);
        Ok(())
    }

    /// Removes the `index`-th action of the entry.
    pub fn remove_plan_action(
        &mut self,
        framework: &Framework,
        competency: &str,
        index: usize,
        now: u64,
    ) -> Result<(), AssessmentError> {
        let item = self.plan_mut(framework, competency, now)?;
        if index < item.actions.len() {
            item.actions.remove(index);
            item.changed.actions = item.changed.actions.max(now);
        }
        Ok(())
    }
}

/// Whether `text` is a day of the calendar written `YYYY-MM-DD`.
pub(crate) fn is_calendar_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10
        || bytes[4] != b'-'
        || bytes[7] != b'-'
        || !text
            .bytes()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit())
    {
        return false;
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    crate::time::days_in_month(year, month).is_some_and(|days| (1..=days).contains(&day))
}

#[cfg(test)]
mod tests {
    use super::is_calendar_date;

    #[test]
    fn calendar_dates() {
        for good in ["2026-11-28", "2028-02-29", "2000-02-29", "2027-12-31"] {
            assert!(is_calendar_date(good), "{good}");
        }
        for bad in [
            "2027-02-29",
            "1900-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-11-31",
            "2026-11-00",
            "26-11-28",
            "2026/11/28",
            "2026-11-2x",
            "",
        ] {
            assert!(!is_calendar_date(bad), "{bad}");
        }
    }
}
