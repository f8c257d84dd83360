//! HR's console: the same shell as the widget with HR's screens (checking results, campaigns,
//! 360 reports, their printing, and the framework tools), on a page of its own,
//! `console.html`, built as a WebAssembly file of its own (`crates/console`). Only that file
//! refers to [`Console::hr`], so the widget's WebAssembly, which officers and raters
//! download, carries none of it. Links between the two are plain links.

use leptos::prelude::*;

use crate::components::{CheckResults, case_import};
use crate::dom::El;
use crate::i18n::*;

/// The console's own screens, given to the app by the console's page.
#[derive(Clone, Copy)]
pub struct Console {
    /// Checking result files, campaigns and 360 reports.
    pub results: fn() -> AnyView,
    /// Drawn below the framework: the CASE import.
    pub framework_tools: fn(Locale) -> El,
}

impl Console {
    /// HR's screens.
    pub fn hr() -> Self {
        Console {
            results: || view! { <CheckResults /> }.into_any(),
            framework_tools: case_import::section,
        }
    }
}

/// The console's page in `locale`, beside the widget's files (or at the base a portal's page
/// gave them).
pub fn address(locale: Locale) -> String {
    let page = crate::modules::address("console.html").unwrap_or_else(|| "console.html".into());
    format!("{page}?lang={}", locale.as_str())
}
