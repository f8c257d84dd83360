//! The bundled framework's whole document in the widget, and the framework reader. The
//! release bundle's first download carries the bundled framework in its default language
//! alone, checked at build time, in the compact form its code decodes in a few hundred bytes
//! ([`BUNDLED_COMPACT`]); the whole document, `customs.json` beside the app, is fetched for
//! another language and for a signature, whose framework hash is the whole document's. It
//! is read, as is a framework a portal gives, by [`read`], whose code is a chunk of its own
//! in the release bundle. The service worker keeps both for offline use like the rest of
//! the bundle.

use std::cell::RefCell;
use std::sync::Arc;

use competency_core::bundled;
use competency_core::framework::{Framework, FrameworkError};
use competency_core::model::crypto::CryptoError;
use competency_core::model::signing::SignError;

use crate::chunk::Unloaded;

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

/// Why a framework document was not read.
#[derive(Debug)]
pub enum ReadError {
    /// Read, and refused: its problems, and them in English (for the portal's developers;
    /// worded here, so that the wording's code comes with the reader's).
    Invalid(FrameworkError, String),
    /// The reader's code could not be fetched (the network, most likely).
    Unloaded,
}

/// Reads and checks a framework document ([`Framework::from_json`]) and gives `then` the
/// outcome. With the `split` feature the reader's code (tens of kilobytes that the bundled
/// framework, decoded from [`BUNDLED_COMPACT`], does without) is a chunk of its own, fetched the
/// first time a framework comes as JSON: `then` is called once it has arrived. Otherwise, and
/// once it is here, `then` is called at once.
pub fn read(json: Arc<str>, then: impl FnOnce(Result<Framework, ReadError>) + 'static) {
    #[cfg(feature = "split")]
    if READER.get().is_none() {
        crate::web::spawn_local(async move { then(read_when_here(&json).await) });
        return;
    }
    then(reader_here().map_or(Err(ReadError::Unloaded), |reader| reader(&json)));
}

/// The same as [`read`], as a future.
pub async fn read_when_here(json: &str) -> Result<Framework, ReadError> {
    #[cfg(feature = "split")]
    if READER.get().is_none() {
        let reader = framework_reader()
            .await
            .map_err(|Unloaded| ReadError::Unloaded)?;
        READER.set(Some(reader));
    }
    let reader = reader_here().ok_or(ReadError::Unloaded)?;
    reader(json)
}

/// The reader, if its code is here.
fn reader_here() -> Option<Reader> {
    #[cfg(feature = "split")]
    return READER.get();
    #[cfg(not(feature = "split"))]
    framework_reader().ok()
}

/// Reads a framework document.
type Reader = fn(&str) -> Result<Framework, ReadError>;

#[cfg(feature = "split")]
thread_local! {
    /// The reader, once its chunk has arrived.
    static READER: std::cell::Cell<Option<Reader>> = const { std::cell::Cell::new(None) };
}

/// The framework reader: a split point.
#[cfg_attr(
    feature = "split",
    wasm_split_helpers::wasm_split(framework_reader, fallible, wasm_split_path = ::wasm_split_helpers)
)]
fn framework_reader() -> Result<Reader, Unloaded> {
    Ok(|json| {
        Framework::from_json(json).map_err(|error| {
            let english = error.to_string();
            ReadError::Invalid(error, english)
        })
    })
}

/// The bundled framework in its default language alone, in the compact form
/// (`competency_core::framework::compact`) that `build.rs` writes from
/// `bundled::FRAMEWORK_DEFAULT_LANGUAGE_JSON`: what the release bundle's first download
/// carries.
pub const BUNDLED_COMPACT: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/customs.default-language.bin"));
