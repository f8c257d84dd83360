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
mod profile_plan;
mod rating;
mod redraw;
mod report_view;
mod storage_notice;
mod table;

pub use assessment_screen::AssessmentScreen;
pub use check_results::CheckResults;
pub use config_problems::ConfigProblems;
pub use export_panel::ExportPanel;
pub use framework_problems::FrameworkProblems;
pub use framework_screen::FrameworkScreen;
pub use home::HomeScreen;
pub use language_switch::LanguageSwitch;
pub use redraw::redraw_on;
pub use storage_notice::StorageNotice;
