//! The 360-degree report: verified results for one person, from themselves and from others,
//! brought together per competency and per rater group, without revealing any rater.
//!
//! Rules:
//! - **Only invited answers count** when a campaign is given ([`crate::campaign`]): a result
//!   counts only when its token matches an invitation of that campaign whose subject (HR id),
//!   role and position it states, completed before the invitation closed; one result per
//!   invitation (the latest), and none at all for an invitation whose token two keys used (a
//!   conflict HR must settle). The person is the invitation's subject, and groups are
//!   counted in answered invitations. Without a campaign nothing binds a rater's stated role
//!   or id to their key (anyone can sign a result claiming to be a peer): the report says
//!   so, and shows the groups of peers, direct reports and others only when asked to.
//! - Results made against another framework (id, version or content) than the one given, or
//!   naming what it lacks, or whose completion is not a date, are set aside and listed with
//!   the reason, never merged.
//! - A person is known by their HR id. A result naming them without it is about someone else
//!   (the person of that name without an id): it never joins them, so that a report on one
//!   person never depends on which others are asked for.
//! - The same rater counts once, the latest result (by completion, as an instant, then by id):
//!   results linked by a shared key or, without a campaign, by the same portal id in the same
//!   role, directly or through other results, are one rater's.
//! - Self and supervisor are always shown. Any other group (peers, direct reports, others)
//!   is shown only with at least the minimum of raters; below that it is left out entirely:
//!   its figures, its comments, and its share of the others' figure (which would let it be
//!   inferred by subtraction). The same holds per competency: a shown group's line for a
//!   competency (figures, "not observed" count and comments) appears only when at least the
//!   minimum of its raters answered it (a level or "not observed") and, when any gave a
//!   level, at least the minimum gave one.
//! - "Not observed" is counted, never averaged.
//! - Comments carry their group, never their author, and are sorted by text so that the order
//!   of the files says nothing.
//! - A blind spot is a self rating at least one level above the others' mean; a hidden
//!   strength at least one level below.

mod export;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::assessment::Role;
use crate::campaign::{self, Campaign, Invitation, Outcome};
use crate::framework::Framework;
use crate::result::{FrameworkReference, PlanRecord, ResultDocument};

pub use export::{BOM, CsvStyle, ReportDocument, csv_line, to_csv, two_decimals};

/// The smallest group of peers, direct reports or others shown, unless configured otherwise.
pub const DEFAULT_MIN_RATERS: usize = 3;

/// What a report without a campaign says of its raters, in JSON and wherever it is shown.
pub const UNBOUND_WARNING: &str = "No campaign was given: nothing binds a rater's stated role, \
    id or name to their key, and anyone can sign a result that claims to come from a peer. \
    Plan a campaign and aggregate with it for figures that count.";

/// A verified result and where it came from (a file name, for the reader).
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub name: String,
    pub result: ResultDocument,
    /// The SHA-256 of the result's invitation token, when it has one.
    pub token_sha256: Option<[u8; 32]>,
}

impl Source {
    /// A verified result named `name`, its invitation's token hashed with `sha256`.
    pub fn new(
        name: String,
        result: ResultDocument,
        sha256: impl FnOnce(&[u8]) -> [u8; 32],
    ) -> Self {
        let token_sha256 = result
            .invitation
            .as_ref()
            .map(|i| sha256(i.token.as_bytes()));
        Source {
            name,
            result,
            token_sha256,
        }
    }
}

/// What to bring together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The smallest anonymous group shown (at least 1; with a campaign, at least its own).
    pub min_raters: usize,
    /// Only this person (their HR id; a name for results that give no id); every person
    /// when none.
    pub subject: Option<String>,
    /// Without a campaign: show the groups of peers, direct reports and others although
    /// nothing binds their raters (a quick look, which the report says is unbound).
    pub show_unbound_groups: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_raters: DEFAULT_MIN_RATERS,
            subject: None,
            show_unbound_groups: false,
        }
    }
}

/// Why a result was left out of every report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "reason")]
pub enum SetAsideReason {
    /// Made against another framework, or another version or content of it.
    OtherFramework { id: String, version: String },
    /// About another person than the one asked about.
    OtherSubject { name: String },
    /// Names a competency or a level the framework does not have (`competency` or
    /// `competency/level`): not a result of this framework, whatever its reference says.
    NotInFramework { what: String },
    /// Its completion (`completedAt`) is not an RFC 3339 date and time.
    BadDate,
    /// The same rater's later result counts instead.
    Superseded { by: String },
    /// The same result, given twice.
    Repeated { of: String },
    /// Without a campaign: results that name one rater (portal id and role) but were signed
    /// with different keys. Nothing binds the id to a key, so none of them counts.
    KeysConflict,
    /// A campaign was given and the result answers no invitation.
    NotInvited,
    /// The result answers an invitation of another campaign.
    OtherCampaign { id: String },
    /// The result's token matches no invitation of the campaign.
    UnknownInvitation,
    /// The result states another subject, role or position (`field`) than its invitation's.
    /// (Invitations are named to HR, never written in a report: with the campaign file, an
    /// invitation names its rater.)
    InvitationMismatch {
        #[serde(skip)]
        invitation: String,
        field: &'static str,
    },
    /// Completed after its invitation closed.
    AfterClosing {
        #[serde(skip)]
        invitation: String,
        closes: String,
    },
    /// Its invitation's token was used by more than one key: none of them counts.
    Conflict {
        #[serde(skip)]
        invitation: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SetAside {
    pub source: String,
    #[serde(flatten)]
    pub reason: SetAsideReason,
}

/// What binds the raters of a report to who they say they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "raterIdentities")]
pub enum Binding {
    /// Only answers given through an invitation of this campaign count.
    #[serde(rename = "bound-by-campaign")]
    Campaign { campaign: String, title: String },
    /// Nothing: see [`UNBOUND_WARNING`].
    #[serde(rename = "unbound", rename_all = "camelCase")]
    Unbound {
        anonymous_groups_shown: bool,
        warning: &'static str,
    },
}

/// One group's ratings of one competency. Levels are numbered from 1 (the lowest).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Figure {
    /// Raters of the group who rated the competency (a level or "not observed").
    pub raters: usize,
    pub not_observed: usize,
    /// The mean level of those who gave one.
    pub mean: Option<f64>,
    pub min: Option<usize>,
    pub max: Option<usize>,
}

impl Figure {
    fn of(levels: &[usize], not_observed: usize) -> Self {
        let mean =
            (!levels.is_empty()).then(|| levels.iter().sum::<usize>() as f64 / levels.len() as f64);
        Figure {
            raters: levels.len() + not_observed,
            not_observed,
            mean,
            min: levels.iter().min().copied(),
            max: levels.iter().max().copied(),
        }
    }
}

/// What the self rating says against the others'.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Finding {
    /// The person rates themselves at least one level above the others' mean.
    BlindSpot,
    /// The person rates themselves at least one level below the others' mean.
    HiddenStrength,
}

/// One competency of a person's report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Row {
    pub competency: String,
    /// The level the position requires (numbered from 1), when known.
    pub required: Option<usize>,
    pub critical: bool,
    /// The shown groups' figures, by role id.
    pub groups: BTreeMap<String, Figure>,
    /// Every shown group but self, rater by rater.
    pub others: Figure,
    pub finding: Option<Finding>,
}

impl Row {
    /// The shown figure of `role`, if any.
    pub fn group(&self, role: Role) -> Option<&Figure> {
        self.groups.get(role.id())
    }

    /// The others' mean minus the required level.
    pub fn gap(&self) -> Option<f64> {
        Some(self.others.mean? - self.required? as f64)
    }
}

/// A comment or an example given by a rater of a shown group, without its author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comment {
    pub competency: String,
    /// The rater group's role id.
    pub group: String,
    /// `comment` or `evidence`.
    pub kind: &'static str,
    pub text: String,
}

/// The report on one person.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubjectReport {
    /// The HR system's id for the person, when the results give one.
    pub id: String,
    pub name: String,
    /// The position the required levels come from.
    pub position: Option<String>,
    /// The number of results counted, per shown group (by role id).
    pub raters: BTreeMap<String, usize>,
    /// Groups with raters but too few to be shown (by role id); how many is not said.
    pub hidden: Vec<String>,
    /// One row per competency rated, in the framework's order.
    pub rows: Vec<Row>,
    pub comments: Vec<Comment>,
    /// The development plan of the person's own result.
    pub development_plan: Vec<PlanRecord>,
}

/// Every person's report, and what was set aside.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub framework: FrameworkReference,
    pub min_raters: usize,
    #[serde(flatten)]
    pub binding: Binding,
    pub subjects: Vec<SubjectReport>,
    pub set_aside: Vec<SetAside>,
    /// With a campaign: what became of each invitation results were given for, by id. Never
    /// written with the report: which rater answered is for HR's completion view
    /// ([`Campaign::completion`]), not for a report a person may be shown.
    #[serde(skip)]
    pub invitations: BTreeMap<String, Outcome>,
}

/// The key grouping results by person: their HR id, else their name with spaces and case
/// folded (a different person from anyone with an id).
pub fn subject_key(id: &str, name: &str) -> String {
    if id.trim().is_empty() {
        let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
        format!("name:{}", words.join(" "))
    } else {
        format!("id:{}", id.trim())
    }
}

/// A result admitted so far, with the invitation it answers (with a campaign).
type Admitted<'c> = (Option<&'c Invitation>, Source);

/// Brings verified results together, one report per person, in the order people first
/// appear. `expected` is the reference of `framework` (with its content hash). With a
/// `campaign`, only invited answers count (see the module's rules).
pub fn aggregate(
    framework: &Framework,
    expected: &FrameworkReference,
    campaign: Option<&Campaign>,
    sources: Vec<Source>,
    options: &Options,
) -> Report {
    let min_raters = options
        .min_raters
        .max(1)
        .max(campaign.map_or(1, |c| c.min_raters));
    let mut set_aside = Vec::new();
    let mut refuse = |source: Source, reason| {
        set_aside.push(SetAside {
            source: source.name,
            reason,
        })
    };
    let admission = Admission::new(framework, expected, campaign);
    let subject_index = &admission.subjects;
    // Every result on its own: the framework, its moments, and its invitation.
    let mut admitted: Vec<Admitted> = Vec::new();
    for source in sources {
        match admission.admit(&source) {
            Ok(invitation) => admitted.push((invitation, source)),
            Err(reason) => refuse(source, reason),
        }
    }
    // One key per invitation: where two used its token, none of their results counts.
    let mut invitations = BTreeMap::new();
    if campaign.is_some() {
        let mut keys: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for (invitation, source) in &admitted {
            if let Some(invitation) = invitation {
                keys.entry(invitation.id.as_str())
                    .or_default()
                    .insert(source.result.rater.key.as_str());
            }
        }
        let conflicts: BTreeSet<String> = keys
            .into_iter()
            .filter(|(_, keys)| keys.len() > 1)
            .map(|(id, _)| id.to_owned())
            .collect();
        let mut kept = Vec::with_capacity(admitted.len());
        for (invitation, source) in admitted {
            match invitation.filter(|i| conflicts.contains(&i.id)) {
                Some(invitation) => {
                    invitations.insert(invitation.id.clone(), Outcome::Conflict);
                    let reason = SetAsideReason::Conflict {
                        invitation: invitation.id.clone(),
                    };
                    refuse(source, reason);
                }
                None => kept.push((invitation, source)),
            }
        }
        admitted = kept;
    }
    // Into people: the invitation's subject, else the HR id, else the name.
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut people: Vec<(String, Vec<Admitted>)> = Vec::new();
    for (invitation, source) in admitted {
        let subject = &source.result.subject;
        let key = match invitation {
            Some(invitation) => subject_key(&invitation.subject, ""),
            None => subject_key(&subject.id, &subject.name),
        };
        match index.get(&key) {
            Some(&at) => people[at].1.push((invitation, source)),
            None => {
                index.insert(key.clone(), people.len());
                people.push((key, vec![(invitation, source)]));
            }
        }
    }
    // Only the person asked about: whole people are kept or left out, never part of one.
    let wanted = options.subject.as_deref().map(|s| {
        let s = s.trim();
        [subject_key(s, ""), subject_key("", s)]
    });
    let show_anonymous = campaign.is_some() || options.show_unbound_groups;
    let mut subjects = Vec::new();
    for (key, sources) in people {
        if let Some(wanted) = &wanted
            && !wanted.contains(&key)
        {
            for (_, source) in sources {
                let name = source.result.subject.name.clone();
                refuse(source, SetAsideReason::OtherSubject { name });
            }
            continue;
        }
        let counted = one_per_rater(sources, campaign.is_none(), &mut refuse);
        if counted.is_empty() {
            // Every result about this person was set aside: no report on them.
            continue;
        }
        for invitation in counted.iter().filter_map(|(i, _)| *i) {
            invitations.insert(invitation.id.clone(), Outcome::Answered);
        }
        let person = counted
            .iter()
            .find_map(|(i, _)| *i)
            .and_then(|i| subject_index.get(i.subject.as_str()).copied());
        let sources = counted.into_iter().map(|(_, s)| s).collect();
        subjects.push(subject_report(
            framework,
            person,
            sources,
            min_raters,
            show_anonymous,
        ));
    }
    Report {
        framework: expected.clone(),
        min_raters,
        binding: match campaign {
            Some(c) => Binding::Campaign {
                campaign: c.id.clone(),
                title: c.title.clone(),
            },
            None => Binding::Unbound {
                anonymous_groups_shown: options.show_unbound_groups,
                warning: UNBOUND_WARNING,
            },
        },
        subjects,
        set_aside,
        invitations,
    }
}

/// What a result must be, on its own, to count: made against the framework (its reference,
/// and nothing it lacks), completed at a date, and with a campaign an answer to one of its
/// invitations (token, subject, role and position, before the invitation closed). What
/// results are together (one per rater, conflicts) is [`aggregate`]'s.
pub struct Admission<'a> {
    framework: &'a Framework,
    expected: &'a FrameworkReference,
    campaign: Option<&'a Campaign>,
    by_token: BTreeMap<[u8; 32], &'a Invitation>,
    subjects: BTreeMap<&'a str, &'a campaign::Subject>,
}

impl<'a> Admission<'a> {
    pub fn new(
        framework: &'a Framework,
        expected: &'a FrameworkReference,
        campaign: Option<&'a Campaign>,
    ) -> Self {
        Admission {
            framework,
            expected,
            campaign,
            by_token: campaign.map(Campaign::by_token).unwrap_or_default(),
            subjects: campaign.map(Campaign::subject_index).unwrap_or_default(),
        }
    }

    /// The invitation `source` answers (none without a campaign), or why it cannot count.
    pub fn admit(&self, source: &Source) -> Result<Option<&'a Invitation>, SetAsideReason> {
        let result = &source.result;
        if result.framework != *self.expected {
            return Err(SetAsideReason::OtherFramework {
                id: result.framework.id.clone(),
                version: result.framework.version.clone(),
            });
        }
        if let Some(unknown) = not_in_framework(self.framework, result) {
            return Err(SetAsideReason::NotInFramework { what: unknown });
        }
        if result.completed().is_none() {
            return Err(SetAsideReason::BadDate);
        }
        match self.campaign {
            None => Ok(None),
            Some(campaign) => {
                invitation_of(campaign, &self.by_token, &self.subjects, source).map(Some)
            }
        }
    }
}

/// The invitation of `campaign` a result answers, or why it answers none.
fn invitation_of<'c>(
    campaign: &'c Campaign,
    by_token: &BTreeMap<[u8; 32], &'c Invitation>,
    subjects: &BTreeMap<&str, &campaign::Subject>,
    source: &Source,
) -> Result<&'c Invitation, SetAsideReason> {
    let result = &source.result;
    let Some(record) = &result.invitation else {
        return Err(SetAsideReason::NotInvited);
    };
    if record.campaign != campaign.id {
        return Err(SetAsideReason::OtherCampaign {
            id: record.campaign.clone(),
        });
    }
    let invitation = source
        .token_sha256
        .and_then(|hash| by_token.get(&hash).copied())
        .ok_or(SetAsideReason::UnknownInvitation)?;
    let mismatch = |field| SetAsideReason::InvitationMismatch {
        invitation: invitation.id.clone(),
        field,
    };
    if result.subject.id.trim() != invitation.subject {
        return Err(mismatch("subject"));
    }
    if Role::from_id(&result.rater.role) != Some(invitation.role) {
        return Err(mismatch("role"));
    }
    if let Some(position) = subjects
        .get(invitation.subject.as_str())
        .and_then(|s| s.position.as_deref())
        && result.subject.position.as_deref() != Some(position)
    {
        return Err(mismatch("position"));
    }
    if let Some(closes) = &invitation.closes
        && result.completed().is_none_or(|at| at > closes.millis)
    {
        return Err(SetAsideReason::AfterClosing {
            invitation: invitation.id.clone(),
            closes: closes.text.clone(),
        });
    }
    Ok(invitation)
}

/// The first rating of `result` that names a competency or a level `framework` lacks.
fn not_in_framework(framework: &Framework, result: &ResultDocument) -> Option<String> {
    result.ratings.iter().find_map(|r| {
        if framework.competency(&r.competency).is_none() {
            return Some(r.competency.clone());
        }
        let level = r.level.as_deref()?;
        framework
            .level(level)
            .is_none()
            .then(|| format!("{}/{level}", r.competency))
    })
}

/// The root of `i` in a union-find forest, halving the path on the way.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// One result per rater. Results linked by a shared key or (`by_portal_id`, without a
/// campaign) the same portal id in the same role, directly or through others, are one
/// rater's:
/// - all signed with one key: the latest counts (by completion as an instant, then by id,
///   then by content, so that the order of the files never matters); the others are set
///   aside, as repeated when they are the very same result;
/// - signed with several keys: nothing binds a portal id to any key, so none counts
///   ([`SetAsideReason::KeysConflict`]): a forged result naming someone's portal id voids
///   that rater's answer, it never replaces it.
fn one_per_rater<'c>(
    sources: Vec<Admitted<'c>>,
    by_portal_id: bool,
    refuse: &mut impl FnMut(Source, SetAsideReason),
) -> Vec<Admitted<'c>> {
    // Union-find over the results: each joins the first result of each of its links.
    let mut parent: Vec<usize> = (0..sources.len()).collect();
    let mut first: BTreeMap<String, usize> = BTreeMap::new();
    for (i, (_, source)) in sources.iter().enumerate() {
        let rater = &source.result.rater;
        let mut links = vec![format!("key:{}", rater.key)];
        if by_portal_id && let Some(id) = rater.id.as_deref().filter(|id| !id.trim().is_empty()) {
            links.push(format!("id:{}:{}", rater.role, id.trim()));
        }
        for link in links {
            match first.get(&link) {
                Some(&j) => {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    parent[a] = b;
                }
                None => {
                    first.insert(link, i);
                }
            }
        }
    }
    let mut raters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..sources.len() {
        raters.entry(root(&mut parent, i)).or_default().push(i);
    }
    // What each result is set aside for (none: it counts).
    let mut verdicts: Vec<Option<SetAsideReason>> = vec![None; sources.len()];
    for members in raters.values().filter(|m| m.len() > 1) {
        let keys: BTreeSet<&str> = members
            .iter()
            .map(|&i| sources[i].1.result.rater.key.as_str())
            .collect();
        if keys.len() > 1 {
            for &i in members {
                verdicts[i] = Some(SetAsideReason::KeysConflict);
            }
            continue;
        }
        let rank = |i: usize| {
            let result = &sources[i].1.result;
            (
                result.completed(),
                result.id.clone(),
                serde_json::to_string(result).unwrap_or_default(),
            )
        };
        let winner = members
            .iter()
            .copied()
            .max_by_key(|&i| rank(i))
            .expect("a rater has results");
        for &i in members.iter().filter(|&&i| i != winner) {
            let by = sources[winner].1.name.clone();
            verdicts[i] = Some(if sources[i].1.result == sources[winner].1.result {
                SetAsideReason::Repeated { of: by }
            } else {
                SetAsideReason::Superseded { by }
            });
        }
    }
    let mut kept = Vec::new();
    for ((invitation, source), verdict) in sources.into_iter().zip(verdicts) {
        match verdict {
            None => kept.push((invitation, source)),
            Some(reason) => refuse(source, reason),
        }
    }
    kept
}

/// The report on one person from their counted results: `person` is who the campaign says
/// they are, when there is one; `show_anonymous` whether groups of peers, direct reports and
/// others may be shown at all.
fn subject_report(
    framework: &Framework,
    person: Option<&campaign::Subject>,
    sources: Vec<Source>,
    min_raters: usize,
    show_anonymous: bool,
) -> SubjectReport {
    let role_of = |s: &Source| Role::from_id(&s.result.rater.role).unwrap_or(Role::Other);
    let own = sources
        .iter()
        .filter(|s| role_of(s) == Role::SelfAssessment)
        .max_by_key(|s| (s.result.completed(), s.result.id.clone()));
    let first = own.or(sources.first()).expect("a report has results");
    let position = match person {
        Some(person) => person.position.clone(),
        None => own
            .and_then(|s| s.result.subject.position.clone())
            .or_else(|| {
                sources
                    .iter()
                    .find_map(|s| s.result.subject.position.clone())
            }),
    };
    let mut counts: BTreeMap<Role, usize> = BTreeMap::new();
    for source in &sources {
        *counts.entry(role_of(source)).or_default() += 1;
    }
    let shown = |role: Role| {
        !role.is_anonymous() || (show_anonymous && counts.get(&role).copied() >= Some(min_raters))
    };
    let hidden = counts
        .keys()
        .filter(|&&role| !shown(role))
        .map(|role| role.id().to_owned())
        .collect();
    let counted: Vec<&Source> = sources.iter().filter(|s| shown(role_of(s))).collect();
    let rated: BTreeSet<&str> = counted
        .iter()
        .flat_map(|s| s.result.ratings.iter().map(|r| r.competency.as_str()))
        .collect();
    let requirement = |competency: &str| {
        let position = framework.position(position.as_deref()?)?;
        let requirement = position
            .requirements
            .iter()
            .find(|r| r.competency == competency)?;
        let (rank, _) = framework.level(&requirement.level)?;
        Some((rank + 1, requirement.critical))
    };
    let number = |level: &str| framework.level(level).map(|(rank, _)| rank + 1);
    let mut rows = Vec::new();
    let mut comments = Vec::new();
    for competency in framework
        .competencies
        .iter()
        .filter(|c| rated.contains(c.id.as_str()))
    {
        let mut levels: BTreeMap<Role, (Vec<usize>, usize)> = BTreeMap::new();
        let mut said: Vec<(Role, Comment)> = Vec::new();
        for source in &counted {
            let role = role_of(source);
            let Some(rating) = source
                .result
                .ratings
                .iter()
                .find(|r| r.competency == competency.id)
            else {
                continue;
            };
            let entry = levels.entry(role).or_default();
            match rating.level.as_deref().and_then(number) {
                Some(level) => entry.0.push(level),
                None => entry.1 += 1,
            }
            for (kind, text) in [("comment", &rating.comment), ("evidence", &rating.evidence)] {
                if !text.trim().is_empty() {
                    said.push((
                        role,
                        Comment {
                            competency: competency.id.clone(),
                            group: role.id().to_owned(),
                            kind,
                            text: text.trim().to_owned(),
                        },
                    ));
                }
            }
        }
        // An anonymous group that fewer than the minimum answered for this competency (a
        // level or "not observed"), or that fewer than the minimum gave a level to while some
        // did, would point at those few: left out for this competency, from its own figure
        // and from the others'.
        levels.retain(|role, (l, n)| {
            !role.is_anonymous()
                || (l.len() + *n >= min_raters && (l.is_empty() || l.len() >= min_raters))
        });
        // Their comments on it too: a comment from a group left out would point at them.
        comments.extend(
            said.drain(..)
                .filter(|(role, _)| levels.contains_key(role))
                .map(|(_, comment)| comment),
        );
        let mut others = (Vec::new(), 0);
        for (role, (l, n)) in &levels {
            if *role != Role::SelfAssessment {
                others.0.extend_from_slice(l);
                others.1 += n;
            }
        }
        let others = Figure::of(&others.0, others.1);
        let own_level = levels.get(&Role::SelfAssessment).and_then(|(l, _)| {
            (!l.is_empty()).then(|| l.iter().sum::<usize>() as f64 / l.len() as f64)
        });
        let finding = match (own_level, others.mean) {
            (Some(own), Some(theirs)) if own - theirs >= 1.0 => Some(Finding::BlindSpot),
            (Some(own), Some(theirs)) if theirs - own >= 1.0 => Some(Finding::HiddenStrength),
            _ => None,
        };
        let (required, critical) = match requirement(&competency.id) {
            Some((level, critical)) => (Some(level), critical),
            None => (None, false),
        };
        rows.push(Row {
            competency: competency.id.clone(),
            required,
            critical,
            groups: levels
                .iter()
                .map(|(role, (l, n))| (role.id().to_owned(), Figure::of(l, *n)))
                .collect(),
            others,
            finding,
        });
    }
    let order: BTreeMap<&str, usize> = framework
        .competencies
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    comments.sort_by(|a, b| {
        (order.get(a.competency.as_str()), &a.group, a.kind, &a.text).cmp(&(
            order.get(b.competency.as_str()),
            &b.group,
            b.kind,
            &b.text,
        ))
    });
    SubjectReport {
        id: person.map_or_else(|| first.result.subject.id.clone(), |p| p.id.clone()),
        name: person.map_or_else(|| first.result.subject.name.clone(), |p| p.name.clone()),
        position,
        raters: counts
            .iter()
            .filter(|(role, _)| shown(**role))
            .map(|(role, n)| (role.id().to_owned(), *n))
            .collect(),
        hidden,
        rows,
        comments,
        development_plan: own
            .map(|s| s.result.development_plan.clone())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests;
