//! The framework shipped inside the app and the command-line tool, so both work offline.

use crate::framework::{Framework, FrameworkError};

/// The bundled framework document, exactly as shipped.
pub const FRAMEWORK_JSON: &str = include_str!("../frameworks/customs.json");

/// Loads the bundled framework. The test suite proves it valid, so this fails only if a build
/// shipped a broken document.
pub fn framework() -> Result<Framework, FrameworkError> {
    Framework::from_json(FRAMEWORK_JSON)
}
