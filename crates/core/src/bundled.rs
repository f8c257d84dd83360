//! The framework shipped inside the app and the command-line tool, so both work offline.

use crate::framework::{Framework, FrameworkError};

/// The bundled framework document, as shipped: `frameworks/customs.json` without the
/// whitespace between its tokens (see `build.rs`).
pub const FRAMEWORK_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/customs.json"));

/// Loads the bundled framework. The test suite proves it valid, so this fails only if a build
/// shipped a broken document.
pub fn framework() -> Result<Framework, FrameworkError> {
    Framework::from_json(FRAMEWORK_JSON)
}

#[cfg(test)]
mod tests {
    /// What ships is the indented file, token for token: only whitespace outside strings went.
    #[test]
    fn the_shipped_framework_is_the_file_without_its_indentation() {
        let file = include_str!("../frameworks/customs.json");
        let parse = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
        assert_eq!(parse(super::FRAMEWORK_JSON), parse(file));
        assert!(super::FRAMEWORK_JSON.len() * 4 < file.len() * 3);
        assert!(!super::FRAMEWORK_JSON.contains('\n'));
        // Spaces inside texts stay.
        assert!(super::FRAMEWORK_JSON.contains("\"Formé\""));
        assert!(super::FRAMEWORK_JSON.contains("Intégrité et déontologie"));
    }
}
