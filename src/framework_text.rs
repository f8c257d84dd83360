//! The bundled framework's whole document in the widget. The release bundle's first download
//! carries it in its default language alone (`bundled::FRAMEWORK_DEFAULT_LANGUAGE_JSON`: 11
//! KB brotli rather than 20); the whole document, `customs.json` beside the app, is fetched
//! for another language and for a signature, whose framework hash is the whole document's.
//! The service worker keeps it for offline use like the rest of the bundle.

use std::cell::RefCell;
use std::sync::Arc;

use competency_core::bundled;
use competency_core::model::crypto::CryptoError;
use competency_core::model::signing::SignError;

/// The whole document's file, beside the app's.
const FILE: &str = "customs.json";

/// Why the whole document could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WholeError {
    /// Not fetched: the network's or the server's words.
    Download(String),
    /// Fetched, but not the document this version of the app carries (a bundle half
    /// updated): never signed against.
    OtherVersion,
}

impl std::fmt::Display for WholeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WholeError::Download(why) => {
                write!(f, "the framework's document could not be fetched ({why})")
            }
            WholeError::OtherVersion => f.write_str(
                "the framework's document fetched is not this version's: reload the page",
            ),
        }
    }
}

impl From<WholeError> for SignError {
    fn from(error: WholeError) -> Self {
        SignError::Crypto(CryptoError::Unavailable(error.to_string()))
    }
}

thread_local! {
    /// The whole document, once fetched.
    static WHOLE: RefCell<Option<Arc<str>>> = const { RefCell::new(None) };
}

/// The bundled framework's whole document: fetched once, and checked to be the one this
/// build carries.
pub async fn whole() -> Result<Arc<str>, WholeError> {
    if let Some(json) = WHOLE.with(|w| w.borrow().clone()) {
        return Ok(json);
    }
    let url = crate::modules::address(FILE).ok_or(WholeError::Download("no address".into()))?;
    let text = crate::files::fetch_text(&url)
        .await
        .map_err(WholeError::Download)?;
    if !bundled::is_this_builds_file(&text) {
        return Err(WholeError::OtherVersion);
    }
    let json: Arc<str> = Arc::from(text);
    WHOLE.with(|w| *w.borrow_mut() = Some(json.clone()));
    Ok(json)
}
