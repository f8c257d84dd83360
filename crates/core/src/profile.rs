//! A self-assessment against the position: per competency the level given, the level required
//! and the gap; the strengths, and the gaps to work on first.

use crate::assessment::{Assessment, Rating};
use crate::framework::{Competency, Framework};

/// One competency of the profile. Levels are ranks on the scale, 0 the lowest.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileRow<'f> {
    pub competency: &'f Competency,
    /// The level given; none when not rated or "not observed".
    pub level: Option<usize>,
    /// The level the position requires, when the assessment is for a position.
    pub required: Option<usize>,
    /// Whether a gap here matters most for the position.
    pub critical: bool,
}

impl ProfileRow<'_> {
    /// Levels above (positive) or below (negative) the requirement.
    pub fn gap(&self) -> Option<i64> {
        Some(self.level? as i64 - self.required? as i64)
    }
}

/// The profile of one assessment, in the form's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile<'f> {
    pub rows: Vec<ProfileRow<'f>>,
    /// The number of levels of the scale.
    pub scale: usize,
}

impl<'f> Profile<'f> {
    pub fn of(framework: &'f Framework, assessment: &Assessment) -> Self {
        let rank = |id: &str| framework.level(id).map(|(rank, _)| rank);
        let rows = assessment
            .competencies(framework)
            .into_iter()
            .map(|competency| {
                let requirement = assessment.requirement(framework, &competency.id);
                ProfileRow {
                    competency,
                    level: match assessment
                        .answer(&competency.id)
                        .and_then(|a| a.rating.as_ref())
                    {
                        Some(Rating::Level(level)) => rank(level),
                        _ => None,
                    },
                    required: requirement.and_then(|(level, _)| rank(level)),
                    critical: requirement.is_some_and(|(_, critical)| critical),
                }
            })
            .collect();
        Profile {
            rows,
            scale: framework.levels.len(),
        }
    }

    /// The competencies above the required level, the widest margin first; without a
    /// requirement, those rated at the top of the scale.
    pub fn strengths(&self) -> Vec<&ProfileRow<'f>> {
        let top = self.scale.checked_sub(1);
        let mut strengths: Vec<_> = self
            .rows
            .iter()
            .filter(|row| match row.required {
                Some(_) => row.gap().is_some_and(|gap| gap > 0),
                None => row.level.is_some() && row.level == top,
            })
            .collect();
        strengths.sort_by_key(|row| std::cmp::Reverse(row.gap().unwrap_or(0)));
        strengths
    }

    /// The competencies below the required level: critical ones first, then the widest gap,
    /// then the form's order.
    pub fn priority_gaps(&self) -> Vec<&ProfileRow<'f>> {
        let mut gaps: Vec<_> = self
            .rows
            .iter()
            .filter(|row| row.gap().is_some_and(|gap| gap < 0))
            .collect();
        gaps.sort_by_key(|row| (!row.critical, row.gap().unwrap_or(0)));
        gaps
    }

    /// The competencies in the order a development plan offers them: the priority gaps
    /// first, then every other one in the form's order.
    pub fn plan_order(&self) -> Vec<&'f Competency> {
        let gaps: Vec<&'f Competency> = self
            .priority_gaps()
            .into_iter()
            .map(|row| row.competency)
            .collect();
        let rest = self
            .rows
            .iter()
            .map(|row| row.competency)
            .filter(|c| !gaps.iter().any(|g| g.id == c.id));
        gaps.iter().copied().chain(rest).collect()
    }
}
