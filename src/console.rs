//! HR's console: the same shell as the widget with HR's screens (checking results, campaigns,
//! 360 reports, their printing, and the framework tools), on a page of its own,
//! `console.html`, built as a WebAssembly file of its own (`crates/console`). Only that file
//! refers to [`Console::hr`] (through `front::FrontEnd::console`), so the widget's
//! WebAssembly, which officers and raters download, carries none of it. Links between the
//! two are plain links.

use std::sync::Arc;

use competency_core::config::{Config, FrameworkSource};

use competency_core::Framework;

use crate::components::{check_results, framework_screen, framework_tools};
use crate::dom::El;
use crate::i18n::*;

/// The console's own screens, given to the app by the console's page.
#[derive(Clone, Copy)]
pub struct Console {
    /// Checking result files, campaigns and 360 reports.
    pub results: fn() -> El,
    /// The framework, with HR's tools below it: the spreadsheet round trip and the CASE
    /// import.
    pub framework: fn(Arc<Framework>) -> El,
    /// The bundled framework: whole (HR reads and exports every language).
    pub bundled: crate::front::Bundled,
}

impl Console {
    /// HR's screens.
    pub fn hr() -> Self {
        Console {
            results: check_results,
            framework: |framework| framework_screen(framework, Some(framework_tools::sections)),
            bundled: crate::front::Bundled::Whole(competency_core::bundled::FRAMEWORK_JSON),
        }
    }
}

/// The console's page, beside the widget's files (or at the base a portal's page gave them),
/// in `locale`, with what of the widget's configuration the console must share: the smallest
/// group a report shows, and the framework's address when it has one (a framework given
/// inline cannot travel in an address: such a portal configures the console itself, see
/// docs/INTEGRATION.md).
pub fn address(locale: Locale, config: &Config) -> String {
    let page = crate::modules::address("console.html").unwrap_or_else(|| "console.html".into());
    let Ok(query) = web_sys::UrlSearchParams::new() else {
        return page;
    };
    query.append("lang", locale.as_str());
    query.append("minRaters", &config.min_raters.to_string());
    if let FrameworkSource::Url(url) = &config.framework {
        query.append("framework", url);
    }
    format!("{page}?{}", String::from(query.to_string()))
}
