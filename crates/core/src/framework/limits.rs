//! Limits that keep a hostile or broken document from hanging the page or filling memory.
//! Each is far above what a real framework needs (the bundled one has 25 competencies).

/// Largest document accepted, in bytes.
pub const MAX_DOCUMENT_BYTES: usize = 4 * 1024 * 1024;
/// Longest text, in characters.
pub const MAX_TEXT_CHARS: usize = 4_000;
/// Longest id, version or language tag, in characters.
pub const MAX_ID_CHARS: usize = 64;
/// Longest link, in characters.
pub const MAX_LINK_CHARS: usize = 2_000;
pub const MAX_LANGUAGES: usize = 20;
pub const MIN_LEVELS: usize = 2;
pub const MAX_LEVELS: usize = 10;
pub const MAX_GROUPS: usize = 50;
pub const MAX_COMPETENCIES: usize = 500;
pub const MAX_INDICATORS_PER_LEVEL: usize = 12;
pub const MAX_RESOURCES: usize = 20;
pub const MAX_POSITIONS: usize = 1_000;
pub const MAX_REQUIREMENTS: usize = MAX_COMPETENCIES;
/// Longest learning resource, in hours.
pub const MAX_DURATION_HOURS: u64 = 10_000;
/// Problems reported for one document; past this the list says it was cut.
pub const MAX_PROBLEMS: usize = crate::problems::MAX_PROBLEMS;
