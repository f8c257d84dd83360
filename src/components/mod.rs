//! The app's components, one per file.

mod framework_overview;
mod language_switch;
mod localized;

pub use framework_overview::FrameworkOverview;
pub use language_switch::LanguageSwitch;
pub use localized::Localized;
