//! 360 campaigns: who HR invites to rate whom, in which role, and the only answers that count.
//!
//! A signed result proves that its file was not changed since its key signed it, and nothing
//! more: anyone can make a key and sign a file that claims to come from a peer. A campaign is
//! what binds a result to a rater HR chose. It lists the subjects (by HR id) and one
//! invitation per rater and subject: the role, the rater as HR knows them, an optional closing
//! moment, and the SHA-256 of a secret token. The token itself is handed to the rater only
//! (in an invitation link, or a QR code on paper) and comes back signed into their result
//! ([`crate::result::InvitationRecord`]); the campaign file holds no token, so it is not a
//! secret. [`crate::report::aggregate`] with a campaign counts a result only when its token
//! matches an invitation whose subject and role it states, one result per invitation.
//!
//! The campaign's own format is versioned (`formatVersion` 1, [`wire`], JSON Schema in
//! `public/campaign.schema.json`). [`plan`] reads the spreadsheet (CSV) HR plans a campaign in.
//! Tokens are made by the caller (a random source is not the domain's) and hashed by the
//! caller (Rust SHA-256 natively, WebCrypto in the browser).

pub mod plan;
mod problem;
pub mod wire;

use std::collections::BTreeMap;

pub use problem::{CampaignError, CampaignProblem, CampaignProblemKind};

use crate::assessment::Role;
use crate::framework::Framework;
use crate::result::FrameworkReference;
use crate::time::Moment;

/// The value of `type` in every campaign.
pub const CAMPAIGN_TYPE: &str = "CompetencyCampaign";
/// The campaign format this program writes and reads.
pub const FORMAT_VERSION: u64 = 1;
/// Largest campaign file, in bytes: 100,000 invitations with names of a usual length take
/// about 40 MB.
pub const MAX_CAMPAIGN_BYTES: usize = 64 * 1024 * 1024;
/// Most invitations in one campaign (a national administration's 360 of every officer, some
/// three thousand with ten raters each, is well below).
pub const MAX_INVITATIONS: usize = 100_000;
/// Longest campaign or invitation id, in characters.
pub const MAX_ID_CHARS: usize = 100;
/// Longest campaign title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Random bytes in a token this program makes: 128 bits.
pub const TOKEN_BYTES: usize = 16;
/// Shortest and longest token, in characters (22 is 128 bits in base64url).
pub const TOKEN_CHARS: (usize, usize) = (22, 128);

/// A campaign, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Campaign {
    pub id: String,
    pub title: String,
    /// The framework every result must be made against.
    pub framework: FrameworkReference,
    /// The smallest group of peers, direct reports or others a report shows, counted in
    /// answered invitations.
    pub min_raters: usize,
    pub subjects: Vec<Subject>,
    pub invitations: Vec<Invitation>,
}

/// A person HR has rated, known by their HR id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub id: String,
    pub name: String,
    /// The position (by id in the framework) whose required levels the report compares with.
    pub position: Option<String>,
}

/// One rater invited to rate one subject in one role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub id: String,
    /// The subject's HR id.
    pub subject: String,
    pub role: Role,
    /// The rater as HR knows them, when HR said.
    pub rater_name: Option<String>,
    pub rater_id: Option<String>,
    /// After this moment the invitation's answers no longer count.
    pub closes: Option<Moment>,
    /// The SHA-256 of the invitation's token.
    pub token_sha256: [u8; 32],
}

impl Invitation {
    /// Who the invitation is for, in words: the rater's name, else their id, else the
    /// invitation's id.
    pub fn rater_label(&self) -> &str {
        self.rater_name
            .as_deref()
            .or(self.rater_id.as_deref())
            .unwrap_or(&self.id)
    }
}

impl Campaign {
    /// Reads a campaign file, reporting every problem with its JSON path.
    pub fn from_json(text: &str) -> Result<Campaign, CampaignError> {
        wire::read(text)
    }

    /// The campaign as its file holds it (pretty JSON, a final newline).
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(&wire::CampaignDocument::from(self))
            .expect("a campaign serialises");
        json.push('\n');
        json
    }

    pub fn subject(&self, id: &str) -> Option<&Subject> {
        self.subjects.iter().find(|s| s.id == id)
    }

    /// The subjects by HR id, for looking many up (a campaign may have thousands).
    pub fn subject_index(&self) -> BTreeMap<&str, &Subject> {
        self.subjects.iter().map(|s| (s.id.as_str(), s)).collect()
    }

    /// The invitations by the SHA-256 of their token.
    pub fn by_token(&self) -> BTreeMap<[u8; 32], &Invitation> {
        self.invitations
            .iter()
            .map(|i| (i.token_sha256, i))
            .collect()
    }

    /// Checks the campaign against the framework a report is made with: the same framework
    /// (id, version and content hash, `reference`), and positions it has.
    pub fn check_framework(
        &self,
        framework: &Framework,
        reference: &FrameworkReference,
    ) -> Result<(), CampaignError> {
        let mut problems = problem::Problems::default();
        if self.framework != *reference {
            problems.push(
                "$.framework",
                CampaignProblemKind::OtherFramework {
                    id: self.framework.id.clone(),
                    version: self.framework.version.clone(),
                },
            );
        }
        for (i, subject) in self.subjects.iter().enumerate() {
            if let Some(position) = &subject.position
                && framework.position(position).is_none()
            {
                problems.push(
                    format!("$.subjects[{i}].position"),
                    CampaignProblemKind::UnknownPosition(crate::config::clip(position)),
                );
            }
        }
        problems.into_result(())
    }

    /// How far the campaign has come, per subject and role, given what became of the
    /// invitations results were counted or refused for (`outcomes`, by invitation id, as
    /// [`crate::report::Report::invitations`] gives them).
    pub fn completion(&self, outcomes: &BTreeMap<String, Outcome>) -> Vec<Completion> {
        let mut by_subject_and_role: BTreeMap<(&str, Role), Vec<&Invitation>> = BTreeMap::new();
        for invitation in &self.invitations {
            by_subject_and_role
                .entry((invitation.subject.as_str(), invitation.role))
                .or_default()
                .push(invitation);
        }
        let mut rows: Vec<Completion> = Vec::new();
        for subject in &self.subjects {
            for role in Role::ALL {
                let Some(invited) = by_subject_and_role.remove(&(subject.id.as_str(), role)) else {
                    continue;
                };
                let mut row = Completion {
                    subject: subject.id.clone(),
                    name: subject.name.clone(),
                    role,
                    invited: invited.len(),
                    answered: 0,
                    pending: Vec::new(),
                    conflicts: Vec::new(),
                };
                for invitation in invited {
                    match outcomes.get(&invitation.id) {
                        Some(Outcome::Answered) => row.answered += 1,
                        Some(Outcome::Conflict) => {
                            row.conflicts.push(invitation.rater_label().to_owned());
                        }
                        None => row.pending.push(invitation.rater_label().to_owned()),
                    }
                }
                rows.push(row);
            }
        }
        rows
    }
}

/// What became of an invitation results were given for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// One result counts for it.
    Answered,
    /// Its token was used by more than one key: none of its results counts until HR settles
    /// it (a new invitation for the rater).
    Conflict,
}

/// The completion of one subject's invitations in one role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The subject's HR id and name.
    pub subject: String,
    pub name: String,
    pub role: Role,
    pub invited: usize,
    /// Invitations with a result that counts.
    pub answered: usize,
    /// The raters who have not answered (their name, else their id, else the invitation's).
    pub pending: Vec<String>,
    /// The raters whose token was used by two keys.
    pub conflicts: Vec<String>,
}

/// Completion as CSV (RFC 4180, UTF-8 with a byte order mark, in the style of `language`'s
/// spreadsheets, [`crate::report::CsvStyle`]): one line per subject and role, the pending
/// raters' names separated by `, `.
pub fn completion_csv(rows: &[Completion], language: &str) -> String {
    let style = crate::report::CsvStyle::of(language);
    let mut out = String::from(crate::report::BOM);
    out += &style.line(
        &[
            "subject_id",
            "subject_name",
            "role",
            "invited",
            "answered",
            "pending",
            "conflicts",
        ]
        .map(str::to_owned),
    );
    for row in rows {
        out += &style.line(&[
            row.subject.clone(),
            row.name.clone(),
            row.role.id().to_owned(),
            row.invited.to_string(),
            row.answered.to_string(),
            row.pending.join(", "),
            row.conflicts.join(", "),
        ]);
    }
    out
}

/// Whether `text` can be a campaign or invitation id: 1 to 100 ASCII letters, digits, `.`,
/// `_` and `-`.
pub fn is_id(text: &str) -> bool {
    (1..=MAX_ID_CHARS).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// Whether `text` can be a token: 22 to 128 characters that need no escaping in an address
/// (ASCII letters, digits, `-`, `_`, `.`, `~`). A portal that issues its own tokens must give
/// each at least 128 random bits; this program's are 16 random bytes in base64url.
pub fn is_token(text: &str) -> bool {
    (TOKEN_CHARS.0..=TOKEN_CHARS.1).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'))
}

/// A token from random bytes: base64url without padding (22 characters for 16 bytes).
pub fn token_from_bytes(bytes: &[u8; TOKEN_BYTES]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(22);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// The address that opens `invitation` (of the campaign `campaign_id`, about `subject`) in
/// the widget deployed at `base_url`: the widget's own address parameters (see
/// [`crate::config::from_url_params`]) for whom, which position and role, the campaign and
/// the token. `language` is the widget's language for the rater; `upload`, where the widget
/// sends the signed result (`competency serve`'s `/results`, say).
pub fn invitation_link(
    base_url: &str,
    language: &str,
    campaign_id: &str,
    subject: Option<&Subject>,
    invitation: &Invitation,
    token: &str,
    upload: Option<&str>,
) -> String {
    let mut link = base_url.to_owned();
    let mut separator = if base_url.contains('?') { '&' } else { '?' };
    let mut add = |name: &str, value: &str| {
        link.push(separator);
        link.push_str(name);
        link.push('=');
        link.push_str(&percent_encode(value));
        separator = '&';
    };
    add("lang", language);
    add("campaign", campaign_id);
    add("token", token);
    add("subject", &invitation.subject);
    if let Some(subject) = subject {
        add("name", &subject.name);
        if let Some(position) = &subject.position {
            add("position", position);
        }
    }
    add("role", invitation.role.id());
    if let Some(upload) = upload {
        add("upload", upload);
    }
    link
}

/// Whether `url` can be the widget's address that invitation links start from: an absolute
/// `http://` or `https://` address, without user name, password or fragment.
pub fn is_base_url(url: &str) -> bool {
    crate::config::is_url(url) && !url.contains('#')
}

/// `text` with every byte but the unreserved characters of RFC 3986 percent-encoded (UTF-8).
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests;
