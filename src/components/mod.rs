//! The app's components, one per file.

mod assessment_screen;
mod chart;
mod check_results;
mod config_problems;
mod export_panel;
pub mod framework_problems;
mod framework_screen;
pub mod framework_tools;
mod home;
mod language_switch;
mod live_completion;
mod problems;
mod profile_plan;
mod rating;
mod report_view;
mod storage_notice;
mod table;

pub use assessment_screen::assessment_screen;
pub use check_results::check_results;
pub use export_panel::export_panel;
pub use framework_problems::framework_problems;
pub use framework_screen::{framework_reference, framework_screen};
pub use home::home_screen;
pub use language_switch::language_switch;
pub use problems::{Refused, problems};
pub use storage_notice::storage_notice;
