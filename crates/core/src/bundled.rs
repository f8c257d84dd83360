//! The framework shipped inside the app and the command-line tool.

use crate::framework::{Framework, FrameworkError};

/// The bundled framework document, exactly as shipped.
pub const FRAMEWORK_JSON: &str = include_str!("../frameworks/customs.json");

/// Loads the bundled framework. It is checked by the test suite, so this only fails if the
/// build shipped a broken document.
pub fn framework() -> Result<Framework, FrameworkError> {
    Framework::from_json(FRAMEWORK_JSON)
}
