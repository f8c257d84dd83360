//! The result an HR system receives: one rater's submitted assessment of one subject, in its
//! own versioned format (converted from the domain's [`Assessment`]), ready to be signed with
//! a Data Integrity proof ([`crate::proof`]) and read back by anyone.

use serde::{Deserialize, Serialize};

use crate::assessment::{Assessment, PlanAction, Rating, Role, Status};
use crate::framework::Framework;
use crate::time::{parse_rfc3339, rfc3339};

/// The value of `type` in every result.
pub const RESULT_TYPE: &str = "CompetencyAssessmentResult";
/// The result format this program writes and reads.
pub const FORMAT_VERSION: u64 = 1;
/// Largest result file read, in bytes. A result of the bundled framework (25 competencies)
/// with every comment and example at its 2,000-character limit is about 110 KB; one of a
/// framework of 60 competencies written in a script of three-byte characters, about 750 KB.
/// Anything larger is not a result this program wrote.
pub const MAX_RESULT_BYTES: usize = 1024 * 1024;

/// A result file's text as JSON, read strictly ([`crate::json`]: no member twice, exact
/// numbers, at most [`MAX_RESULT_BYTES`]), as every verifier reads it before its proof.
pub fn parse(text: &str) -> Result<serde_json::Value, crate::json::JsonError> {
    crate::json::parse(text, MAX_RESULT_BYTES)
}

/// A result, as written (without its proof, which signing adds).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(
        title = "Competency assessment result",
        description = "One rater's assessment of one person against a competency framework, signed with a W3C Data Integrity proof (cryptosuite eddsa-jcs-2022)."
    )
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResultDocument {
    /// Always `CompetencyAssessmentResult`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Always 1 for this format.
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 1)))]
    pub format_version: u64,
    /// A UUID naming this result.
    pub id: String,
    /// The program that wrote it.
    pub app: App,
    pub framework: FrameworkReference,
    pub subject: SubjectRecord,
    pub rater: Rater,
    /// The language the rater used.
    pub locale: String,
    /// When the assessment was started (RFC 3339).
    pub started_at: String,
    /// When it was submitted (RFC 3339).
    pub completed_at: String,
    /// One rating per competency assessed, in the form's order.
    pub ratings: Vec<RatingRecord>,
    /// The person's development plan (self-assessments), in the form's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub development_plan: Vec<PlanRecord>,
    /// The portal's challenge, bound into the signature when the portal gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge: Option<String>,
    /// The invitation the rater answered, when HR's campaign (or the portal) gave one: only
    /// such results count in a campaign's reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invitation: Option<InvitationRecord>,
    /// The Data Integrity proof (eddsa-jcs-2022) over everything else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<serde_json::Map<String, serde_json::Value>>")
    )]
    pub proof: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct App {
    pub name: String,
    pub version: String,
}

/// The framework the assessment was made against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FrameworkReference {
    pub id: String,
    pub version: String,
    /// SHA-256 (hexadecimal) of the framework's RFC 8785 canonical JSON, in its normal form
    /// (see [`framework_canonical_json`]).
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SubjectRecord {
    /// The HR system's id for the person, when known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub name: String,
    /// The position id the assessment was made for, when there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
}

/// Who rated, and the key they signed with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rater {
    /// `self`, `supervisor`, `peer`, `direct-report` or `other`.
    pub role: String,
    /// The portal's id for the rater, when it gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The portal's name for the rater, when it gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The rater's public key, as a did:key.
    pub key: String,
    /// How the private key was kept: `non-extractable` (a WebCrypto key no script can read)
    /// or `software` (a key in the browser's storage, where WebCrypto has no Ed25519).
    pub key_protection: KeyProtection,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum KeyProtection {
    NonExtractable,
    Software,
}

/// The rating of one competency: a level, or "not observed".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RatingRecord {
    pub competency: String,
    /// The level id; absent when not observed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// The rater could not judge.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_observed: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
}

/// The invitation a result answers: the campaign's id and the invitation's secret token, which
/// the campaign knows only by its SHA-256 (see [`crate::campaign`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InvitationRecord {
    /// The campaign's id.
    pub campaign: String,
    /// The invitation's token, as the invitation link gave it.
    pub token: String,
}

/// The plan for one competency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanRecord {
    pub competency: String,
    /// The level aimed at, by id.
    pub target_level: String,
    /// The day by which it is aimed at (`YYYY-MM-DD`).
    pub target_date: String,
    pub actions: Vec<PlanActionRecord>,
}

/// One action of a plan, worded in the result's locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanActionRecord {
    /// `framework` (one of the competency's learning resources) or `own` (the person's words).
    pub source: ActionSource,
    pub text: String,
    /// The resource's address, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ActionSource {
    Framework,
    Own,
}

/// What the browser knows about the rater beyond the assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaterIdentity {
    pub id: Option<String>,
    pub name: Option<String>,
    /// The did:key of the signing key.
    pub key: String,
    pub key_protection: KeyProtection,
}

/// Why a result could not be made or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResultError {
    /// Only a submitted assessment becomes a result.
    #[error("the assessment has not been submitted")]
    NotSubmitted,
    /// The assessment is for another framework.
    #[error("the assessment is for another framework")]
    OtherFramework,
    /// Not a result of this format (the reason as given by the reader).
    #[error("not a result: {0}")]
    Unreadable(String),
    /// A result of another format or type.
    #[error("unsupported result: {0}")]
    UnsupportedFormat(String),
}

/// The chosen and complete entries of an assessment's plan, worded in `locale` (the
/// framework's default language when it lacks it), as a result carries them.
pub fn plan_records(
    assessment: &Assessment,
    framework: &Framework,
    locale: &str,
) -> Vec<PlanRecord> {
    let language = framework.display_language(locale);
    let fallback = &framework.default_language;
    assessment
        .plan_items(framework)
        .into_iter()
        .filter_map(|(competency, item)| {
            let actions = item
                .actions
                .iter()
                .filter_map(|action| match action {
                    PlanAction::Resource(n) => {
                        competency.resources.get(*n).map(|r| PlanActionRecord {
                            source: ActionSource::Framework,
                            text: r
                                .title
                                .resolve(language, fallback)
                                .map_or_else(String::new, |t| t.text.to_owned()),
                            link: r.link.clone(),
                        })
                    }
                    PlanAction::Own(text) => Some(PlanActionRecord {
                        source: ActionSource::Own,
                        text: text.clone(),
                        link: None,
                    }),
                })
                .collect();
            Some(PlanRecord {
                competency: competency.id.clone(),
                target_level: item.target_level.clone()?,
                target_date: item.target_date.clone()?,
                actions,
            })
        })
        .collect()
}

/// The framework's normal form as RFC 8785 canonical JSON: what `framework.sha256` hashes.
pub fn framework_canonical_json(framework: &Framework) -> Vec<u8> {
    let value = serde_json::to_value(framework.to_document()).expect("a framework serialises");
    crate::proof::canonicalize(&value).expect("a framework's JSON canonicalises")
}

/// The reference a result made against `framework` carries, given the SHA-256 of
/// [`framework_canonical_json`] (computed by the caller: WebCrypto in the browser).
pub fn framework_reference(framework: &Framework, sha256: &[u8; 32]) -> FrameworkReference {
    FrameworkReference {
        id: framework.id.clone(),
        version: framework.version.clone(),
        sha256: crate::proof::hex(sha256),
    }
}

/// Everything a result needs besides the assessment.
pub struct ResultContext<'a> {
    /// The program writing the result.
    pub app: App,
    pub framework: &'a Framework,
    /// Hexadecimal SHA-256 of [`framework_canonical_json`].
    pub framework_sha256: String,
    pub rater: RaterIdentity,
    pub locale: String,
    /// A new UUID for the result.
    pub id: String,
    pub challenge: Option<String>,
}

impl ResultDocument {
    /// The result of a submitted assessment, ready to be signed.
    pub fn from_assessment(
        assessment: &Assessment,
        context: ResultContext<'_>,
    ) -> Result<Self, ResultError> {
        let Status::Submitted { at } = assessment.status else {
            return Err(ResultError::NotSubmitted);
        };
        let framework = context.framework;
        if assessment.framework_id != framework.id {
            return Err(ResultError::OtherFramework);
        }
        let ratings = assessment
            .competencies(framework)
            .into_iter()
            .map(|c| {
                let answer = assessment.answer(&c.id).cloned().unwrap_or_default();
                RatingRecord {
                    competency: c.id.clone(),
                    level: match &answer.rating {
                        Some(Rating::Level(level)) => Some(level.clone()),
                        _ => None,
                    },
                    not_observed: answer.rating == Some(Rating::NotObserved),
                    comment: answer.comment.trim().to_owned(),
                    evidence: answer.evidence.trim().to_owned(),
                }
            })
            .collect();
        let development_plan = plan_records(assessment, framework, &context.locale);
        Ok(ResultDocument {
            kind: RESULT_TYPE.to_owned(),
            format_version: FORMAT_VERSION,
            id: context.id,
            app: context.app,
            framework: FrameworkReference {
                id: framework.id.clone(),
                version: framework.version.clone(),
                sha256: context.framework_sha256,
            },
            subject: SubjectRecord {
                id: assessment.subject.id.clone(),
                name: assessment.subject.name.clone(),
                position: assessment.position.clone(),
            },
            rater: Rater {
                role: assessment.role.id().to_owned(),
                id: context.rater.id,
                name: context.rater.name,
                key: context.rater.key,
                key_protection: context.rater.key_protection,
            },
            locale: context.locale,
            started_at: rfc3339(assessment.started_at),
            completed_at: rfc3339(at),
            ratings,
            development_plan,
            challenge: context.challenge,
            invitation: assessment.invitation.as_ref().map(|i| InvitationRecord {
                campaign: i.campaign.clone(),
                token: i.token.clone(),
            }),
            proof: None,
        })
    }

    /// The result as JSON, to be signed.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("a result serialises")
    }

    /// Reads a result (signed or not) and checks that it is one of this format.
    pub fn from_value(value: &serde_json::Value) -> Result<Self, ResultError> {
        let kind = value.get("type").and_then(|t| t.as_str());
        if kind != Some(RESULT_TYPE) {
            return Err(ResultError::UnsupportedFormat(format!(
                "type {}",
                kind.unwrap_or("missing")
            )));
        }
        let version = value.get("formatVersion").and_then(|v| v.as_u64());
        if version != Some(FORMAT_VERSION) {
            return Err(ResultError::UnsupportedFormat(format!(
                "format version {}",
                version.map_or("missing".to_owned(), |v| v.to_string())
            )));
        }
        let result: ResultDocument = serde_json::from_value(value.clone())
            .map_err(|e| ResultError::Unreadable(e.to_string()))?;
        if Role::from_id(&result.rater.role).is_none() {
            return Err(ResultError::Unreadable(format!(
                "unknown role `{}`",
                result.rater.role
            )));
        }
        if let Some(r) = result
            .ratings
            .iter()
            .find(|r| r.level.is_some() == r.not_observed)
        {
            return Err(ResultError::Unreadable(format!(
                "the rating of `{}` must be a level or not observed",
                r.competency
            )));
        }
        // Moments are compared as instants: what is not one is refused here, not sorted as text.
        for (field, text) in [
            ("startedAt", &result.started_at),
            ("completedAt", &result.completed_at),
        ] {
            if parse_rfc3339(text).is_none() {
                return Err(ResultError::Unreadable(format!(
                    "{field} is not an RFC 3339 date and time"
                )));
            }
        }
        if let Some(plan) = result
            .development_plan
            .iter()
            .find(|p| !crate::assessment::plan::is_calendar_date(&p.target_date))
        {
            return Err(ResultError::Unreadable(format!(
                "the plan's target date for `{}` is not a day written YYYY-MM-DD",
                plan.competency
            )));
        }
        if let Some(invitation) = &result.invitation {
            if !crate::campaign::is_id(&invitation.campaign) {
                return Err(ResultError::Unreadable(
                    "the invitation's campaign is not a campaign id".into(),
                ));
            }
            if !crate::campaign::is_token(&invitation.token) {
                return Err(ResultError::Unreadable(
                    "the invitation's token is not a token".into(),
                ));
            }
        }
        Ok(result)
    }

    /// When the result was completed, as an instant (milliseconds since the Unix epoch); none
    /// when `completedAt` is not an RFC 3339 date and time (never, for a result read with
    /// [`ResultDocument::from_value`]).
    pub fn completed(&self) -> Option<i64> {
        parse_rfc3339(&self.completed_at)
    }

    /// The file name a person would give this result: whom, which role, and when (the day
    /// and the time, UTC), then the start of its id, so that the results of a person's
    /// several peers never share a name in HR's folder.
    pub fn file_name(&self) -> String {
        file_name(
            &self.subject.name,
            &self.rater.role,
            &self.completed_at,
            &self.id,
        )
    }
}

/// Why a result whose proof holds is still not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckError {
    /// Not a result of this format.
    #[error(transparent)]
    Result(ResultError),
    /// The proof was made with another key than the one the result names.
    #[error("signed with another key than the rater's")]
    KeyMismatch,
    /// The result was made against another framework than the expected one.
    #[error(
        "made against framework {} {} (sha256 {}), not {} {} (sha256 {})",
        .found.id,
        .found.version,
        .found.sha256,
        .expected.id,
        .expected.version,
        .expected.sha256
    )]
    FrameworkMismatch {
        expected: Box<FrameworkReference>,
        found: Box<FrameworkReference>,
    },
    /// The result says it was completed more than a day after its proof was made: a
    /// completion dated ahead, to win over the same rater's later results.
    #[error(
        "completed more than a day after it was signed: its completion date is not to be believed"
    )]
    CompletedAfterSigning,
}

/// What a verifier checks once a result's proof holds: that it is a result of this format,
/// that the key it names as the rater's is the one that signed (`verification_method`, from
/// the proof), and, when `framework` is given, that it was made against exactly that
/// framework (same id, version and content hash).
pub fn check_verified(
    value: &serde_json::Value,
    verification_method: &str,
    framework: Option<&FrameworkReference>,
) -> Result<ResultDocument, CheckError> {
    let result = ResultDocument::from_value(value).map_err(CheckError::Result)?;
    let named = format!("{}#", result.rater.key);
    if !verification_method.starts_with(&named) {
        return Err(CheckError::KeyMismatch);
    }
    if let Some(expected) = framework
        && *expected != result.framework
    {
        return Err(CheckError::FrameworkMismatch {
            expected: Box::new(expected.clone()),
            found: Box::new(result.framework.clone()),
        });
    }
    // Completion comes before signing, on one device's clock: `completedAt` is what reports
    // rank a rater's results by, so it may not run ahead of the proof (a day of slack).
    let created = value
        .get("proof")
        .and_then(|p| p.get("created"))
        .and_then(serde_json::Value::as_str)
        .and_then(crate::proof::instant_of);
    if let (Some(created), Some(completed)) = (created, result.completed())
        && i128::from(completed)
            > created + i128::from(crate::proof::MAX_CLOCK_SKEW_SECONDS) * 1_000
    {
        return Err(CheckError::CompletedAfterSigning);
    }
    Ok(result)
}

/// The JSON Schema of results, as shipped in `public/result.schema.json`.
#[cfg(feature = "schema")]
pub fn json_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(ResultDocument);
    schema.insert("$id".into(), "result.schema.json".into());
    schema.into()
}

/// The name a result's file is saved under: `evaluation-<subject>-<role>-<day>-<time>-<id>.json`,
/// from its subject's name, the rater's role, its completion moment and its id.
pub fn file_name(subject_name: &str, role: &str, completed_at: &str, id: &str) -> String {
    let slug = |s: &str| {
        let mut out = String::new();
        for c in s.chars().flat_map(char::to_lowercase) {
            let c = match c {
                'à' | 'â' | 'ä' => 'a',
                'é' | 'è' | 'ê' | 'ë' => 'e',
                'î' | 'ï' => 'i',
                'ô' | 'ö' => 'o',
                'ù' | 'û' | 'ü' => 'u',
                'ç' => 'c',
                c if c.is_ascii_alphanumeric() => c,
                _ => '-',
            };
            if c != '-' || !out.ends_with('-') {
                out.push(c);
            }
        }
        out.trim_matches('-').to_owned()
    };
    let day = completed_at.get(..10).unwrap_or_default();
    let time: String = completed_at
        .get(11..16)
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let id: String = slug(id).chars().take(4).collect();
    format!(
        "evaluation-{}-{role}-{day}-{time}-{id}.json",
        slug(subject_name)
    )
}

#[cfg(test)]
mod tests;
