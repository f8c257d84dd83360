//! The two front ends of one shell: the widget (officers and raters) and HR's console. Each
//! gives the app what only it has, as plain function pointers, from its own entry point: the
//! widget's from `src/main.rs` and `embed.rs`, the console's from `crates/console`. A
//! WebAssembly file contains only what its entry point reaches, so neither carries the
//! other's screens or start-up.

use std::sync::Arc;

use competency_core::Framework;

use crate::components::{assessment_screen, framework_reference, home_screen};
use crate::console::Console;
use crate::dom::El;

/// Which front end the shell is.
#[derive(Clone, Copy)]
pub enum FrontEnd {
    Widget(Widget),
    Console(Console),
}

/// The bundled framework as a front end has it at start.
#[derive(Clone, Copy)]
pub enum Bundled {
    /// The whole document.
    Whole(&'static str),
    /// The framework in its default language alone, in the compact form
    /// ([`crate::framework_text::BUNDLED_COMPACT`]): the whole document is fetched for
    /// another language and for a signature (see [`crate::framework_text`]).
    DefaultLanguage(&'static [u8]),
}

/// The widget's own screens and start-up.
#[derive(Clone, Copy)]
pub struct Widget {
    /// The bundled framework: in its default language alone in the release bundle (the
    /// `split` feature), whole elsewhere (the component tests).
    pub bundled: Bundled,
    /// The list of drafts and the start form.
    pub home: fn() -> El,
    /// The form, its review, the profile and plan, the signed result.
    pub assessment: fn() -> El,
    /// The framework, for reference.
    pub framework: fn(Arc<Framework>) -> El,
    /// The rater's session at start-up and while it runs (see `app::run_widget`).
    pub run: crate::app::Run,
}

impl FrontEnd {
    /// The widget, for officers and raters.
    pub fn widget() -> Self {
        FrontEnd::Widget(Widget {
            #[cfg(feature = "split")]
            bundled: Bundled::DefaultLanguage(crate::framework_text::BUNDLED_COMPACT),
            #[cfg(not(feature = "split"))]
            bundled: Bundled::Whole(competency_core::bundled::FRAMEWORK_JSON),
            home: home_screen,
            assessment: assessment_screen,
            framework: framework_reference,
            run: crate::app::run_widget,
        })
    }

    /// HR's console.
    pub fn console() -> Self {
        FrontEnd::Console(Console::hr())
    }

    /// The bundled framework, as this front end has it at start.
    pub fn bundled(&self) -> Bundled {
        match self {
            FrontEnd::Widget(widget) => widget.bundled,
            FrontEnd::Console(console) => console.bundled,
        }
    }
}
