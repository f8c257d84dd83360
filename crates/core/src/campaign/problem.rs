//! What can be wrong with a campaign file, as data: each interface words it in its own
//! language; `Display` gives the English of the command line.

use std::fmt;

use crate::problems::{Located, Refused};

/// Why a campaign was refused: every problem found, not only the first.
pub type CampaignError = Refused<CampaignProblemKind>;

/// One problem, located by a JSON path such as `$.invitations[3].tokenSha256`.
pub type CampaignProblem = Located<CampaignProblemKind>;

pub(super) type Problems = crate::problems::Problems<CampaignProblemKind>;

/// What is wrong at a path. Values quoted from the file are cut to 64 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CampaignProblemKind {
    /// The file is larger than the limit, in bytes.
    TooLarge { limit: usize },
    /// Not JSON, or not of the campaign's structure (the reader's words).
    Unreadable(String),
    /// JSON refused by the strict reading step: a member given twice, an inexact number,
    /// nesting too deep (see [`crate::json`]).
    Strict(crate::json::JsonError),
    /// JSON of another kind than a campaign (its `type`, or none).
    NotACampaign,
    /// A campaign of another format version than 1.
    UnsupportedVersion(String),
    /// An id other than 1 to 100 ASCII letters, digits, `.`, `_` and `-`.
    BadId,
    /// A text that is empty or only spaces.
    Empty,
    /// A text longer than the limit, in characters.
    TooLong { limit: usize },
    /// A list longer than the limit.
    TooMany { limit: usize },
    /// A number outside its range.
    OutOfRange { min: u64, max: u64 },
    /// Not a SHA-256 written as 64 lowercase hexadecimal digits.
    BadSha256,
    /// Not an RFC 3339 date and time.
    BadDate,
    /// A role other than `self`, `supervisor`, `peer`, `direct-report`, `other`.
    UnknownRole(String),
    /// Two subjects with this HR id.
    DuplicateSubject(String),
    /// Two invitations with this id.
    DuplicateInvitation(String),
    /// Two invitations with the same token.
    DuplicateToken,
    /// An invitation for a subject the campaign does not list.
    UnknownSubject(String),
    /// A second self-assessment invitation for the same subject.
    SecondSelf,
    /// The same rater (by their HR id) invited twice to rate the same subject.
    DuplicateRater(String),
    /// The campaign was planned with another framework (or version, or content) than the
    /// one given.
    OtherFramework { id: String, version: String },
    /// A position the framework does not have.
    UnknownPosition(String),
}

impl fmt::Display for CampaignProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use CampaignProblemKind::*;
        match self {
            TooLarge { limit } => write!(f, "the file is larger than {limit} bytes"),
            Unreadable(why) => write!(f, "not a campaign file: {why}"),
            Strict(error) => write!(f, "{error}"),
            NotACampaign => write!(f, "not a campaign (its `type` is not `CompetencyCampaign`)"),
            UnsupportedVersion(v) => write!(f, "campaign format {v} is not supported (only 1)"),
            BadId => write!(
                f,
                "an id is 1 to 100 ASCII letters, digits, `.`, `_` and `-`"
            ),
            Empty => write!(f, "empty"),
            TooLong { limit } => write!(f, "longer than {limit} characters"),
            TooMany { limit } => write!(f, "more than {limit} entries"),
            OutOfRange { min, max } => write!(f, "must be a whole number from {min} to {max}"),
            BadSha256 => write!(f, "not a SHA-256 in 64 lowercase hexadecimal digits"),
            BadDate => write!(f, "not an RFC 3339 date and time"),
            UnknownRole(role) => write!(
                f,
                "unknown role `{role}` (self, supervisor, peer, direct-report or other)"
            ),
            DuplicateSubject(id) => write!(f, "a second subject with the HR id `{id}`"),
            DuplicateInvitation(id) => write!(f, "a second invitation with the id `{id}`"),
            DuplicateToken => write!(f, "the same token as another invitation"),
            UnknownSubject(id) => write!(f, "no subject has the HR id `{id}`"),
            SecondSelf => write!(f, "a second self-assessment invitation for this subject"),
            DuplicateRater(id) => write!(f, "rater `{id}` is already invited to rate this subject"),
            OtherFramework { id, version } => write!(
                f,
                "the campaign uses framework {id} {version}, not the one given (or another content of it)"
            ),
            UnknownPosition(p) => write!(f, "the framework has no position `{p}`"),
        }
    }
}
