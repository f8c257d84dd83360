//! HR's session in the console: the result files checked so far, each with its verdict, the
//! campaign file they answer (or why it cannot be used), and the 360 reports and campaign
//! completion they make. Files arrive one by one, as the platform reads them; checking one
//! is [`check_file`], and the session only keeps what it is given.

use std::sync::Arc;

use crate::Framework;
use crate::campaign::{self, Campaign, CampaignError, Completion};
use crate::report::{self, Options, Report, Source};
use crate::result::FrameworkReference;

use super::checking::{self, Reason, Verdict};
use super::crypto::{Crypto, CryptoError};

/// A campaign file given beside the results: read and checked against the framework, or
/// refused with its problems.
#[derive(Debug, Clone, PartialEq)]
pub enum CampaignFile {
    Loaded { name: String, campaign: Campaign },
    Refused { name: String, error: CampaignError },
}

/// What a file given to the results screen turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum File {
    Result(Verdict),
    Campaign(CampaignFile),
}

/// Whether `text` is a campaign file (JSON whose `type` is a campaign's), rather than a
/// result.
pub fn is_campaign(text: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct Kind {
        #[serde(rename = "type")]
        kind: String,
    }
    serde_json::from_str::<Kind>(text).is_ok_and(|k| k.kind == campaign::CAMPAIGN_TYPE)
}

/// Reads file `name`: a campaign, checked against `framework`, or a result, checked at
/// `now` against `reference` (what results made against `framework` must carry; why it
/// could not be computed, when it could not). `text` is `None` when the platform could not
/// read the file as text.
pub async fn check_file(
    crypto: &impl Crypto,
    framework: &Framework,
    reference: &Result<FrameworkReference, CryptoError>,
    name: &str,
    text: Option<&str>,
    now: i64,
) -> File {
    let Some(text) = text else {
        return File::Result(Verdict::Invalid(Reason::NotJson));
    };
    let reference = match reference {
        Ok(reference) => reference,
        // The framework's hash could not be computed: nothing can be checked.
        Err(error) => return File::Result(Verdict::Invalid(Reason::Crypto(error.clone()))),
    };
    if is_campaign(text) {
        let name = name.to_owned();
        let read = Campaign::from_json(text)
            .and_then(|c| c.check_framework(framework, reference).map(|()| c));
        return File::Campaign(match read {
            Ok(campaign) => CampaignFile::Loaded { name, campaign },
            Err(error) => CampaignFile::Refused { name, error },
        });
    }
    File::Result(checking::check(crypto, text, reference, now).await)
}

/// The results screen's state.
#[derive(Debug, Clone)]
pub struct Results {
    framework: Arc<Framework>,
    min_raters: usize,
    expected: Option<FrameworkReference>,
    checked: Vec<(String, Verdict)>,
    campaign: Option<CampaignFile>,
}

impl Results {
    /// Nothing checked yet; reports show groups of at least `min_raters`.
    pub fn new(framework: Arc<Framework>, min_raters: usize) -> Self {
        Results {
            framework,
            min_raters,
            expected: None,
            checked: Vec::new(),
            campaign: None,
        }
    }

    pub fn framework(&self) -> &Arc<Framework> {
        &self.framework
    }

    /// What valid results must have been made against, once known.
    pub fn set_expected(&mut self, reference: FrameworkReference) {
        self.expected.get_or_insert(reference);
    }

    /// File `name` was read: a result joins the list (in the order files were given), a
    /// campaign replaces the one given before.
    pub fn add(&mut self, name: &str, file: File) {
        match file {
            File::Result(verdict) => self.checked.push((name.to_owned(), verdict)),
            File::Campaign(campaign) => self.campaign = Some(campaign),
        }
    }

    /// Every result file given, with its verdict, in order.
    pub fn checked(&self) -> &[(String, Verdict)] {
        &self.checked
    }

    pub fn campaign(&self) -> Option<&CampaignFile> {
        self.campaign.as_ref()
    }

    /// The 360 reports from the valid results, and the campaign's completion when a campaign
    /// was given (only its invited answers count then). Without a campaign, a quick look:
    /// every group shown, and the report says that nothing binds its raters. `None` before
    /// any valid result.
    pub fn report(&self) -> Option<(Report, Option<Vec<Completion>>)> {
        let expected = self.expected.as_ref()?;
        let sources: Vec<Source> = self
            .checked
            .iter()
            .filter_map(|(name, verdict)| match verdict {
                Verdict::Valid {
                    result,
                    token_sha256,
                    ..
                } => Some(Source {
                    name: name.clone(),
                    result: (**result).clone(),
                    token_sha256: *token_sha256,
                }),
                Verdict::Invalid(_) => None,
            })
            .collect();
        if sources.is_empty() {
            return None;
        }
        let options = Options {
            min_raters: self.min_raters,
            subject: None,
            show_unbound_groups: true,
        };
        let campaign = match &self.campaign {
            Some(CampaignFile::Loaded { campaign, .. }) => Some(campaign),
            _ => None,
        };
        let report = report::aggregate(&self.framework, expected, campaign, sources, &options);
        let completion = campaign.map(|c| c.completion(&report.invitations));
        Some((report, completion))
    }
}
