//! Signing in the browser: the app model's workflow ([`competency_core::model::signing`])
//! with WebCrypto, the rater's key from [`keys`], and localStorage.

use competency_core::Framework;
use competency_core::assessment::Assessment;
use competency_core::model::signing::{self, SignError, Signing};
use competency_core::result::App;

pub use competency_core::model::signing::Signed;

use crate::crypto::WebCrypto;
use crate::keys::{self, KeyOrigin};
use crate::storage::Browser;

/// The signed result of assessment `assessment_id`, when it has been signed in this browser.
pub async fn stored(assessment_id: &str) -> Option<Signed> {
    signing::stored(&Browser, &WebCrypto, assessment_id).await
}

/// Signs the submitted `assessment` with its rater's key (created when they have none here)
/// and keeps the result. Returns it and how the key came to be.
pub async fn sign(
    assessment: &Assessment,
    framework: &Framework,
    locale: &str,
    now: u64,
) -> Result<(Signed, KeyOrigin), SignError> {
    let (key, origin) = keys::for_identity(&assessment.key_identity()).await?;
    let signing = Signing {
        app: App {
            name: env!("CARGO_PKG_NAME").to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        },
        framework,
        locale,
        now,
        result_id: crate::drafts::new_id(),
    };
    let signed = signing::sign(&Browser, &WebCrypto, &key, assessment, signing).await?;
    Ok((signed, origin))
}
