//! The app's components, one per file.

mod framework_problems;
mod framework_screen;
mod language_switch;

pub use framework_problems::FrameworkProblems;
pub use framework_screen::FrameworkScreen;
pub use language_switch::LanguageSwitch;
