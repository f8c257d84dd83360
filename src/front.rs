//! The two front ends of one shell: the widget (officers and raters) and HR's console. Each
//! gives the app what only it has, as plain function pointers, from its own entry point: the
//! widget's from `src/main.rs` and `embed.rs`, the console's from `crates/console`. A
//! WebAssembly file contains only what its entry point reaches, so neither carries the
//! other's screens or start-up.

use leptos::prelude::*;

use crate::components::{AssessmentScreen, HomeScreen};
use crate::console::Console;

/// Which front end the shell is.
#[derive(Clone, Copy)]
pub enum FrontEnd {
    Widget(Widget),
    Console(Console),
}

/// The widget's own screens and start-up.
#[derive(Clone, Copy)]
pub struct Widget {
    /// The list of drafts and the start form.
    pub home: fn() -> AnyView,
    /// The form, its review, the profile and plan, the signed result.
    pub assessment: fn() -> AnyView,
    /// The rater's session at start-up and while it runs (see `app::run_widget`).
    pub run: crate::app::Run,
}

impl FrontEnd {
    /// The widget, for officers and raters.
    pub fn widget() -> Self {
        FrontEnd::Widget(Widget {
            home: || view! { <HomeScreen /> }.into_any(),
            assessment: || view! { <AssessmentScreen /> }.into_any(),
            run: crate::app::run_widget,
        })
    }

    /// HR's console.
    pub fn console() -> Self {
        FrontEnd::Console(Console::hr())
    }
}
