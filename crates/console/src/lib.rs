//! HR's console, built by trunk beside the widget (`index.html`) and started by
//! `console.html`: the app's shell with HR's screens (see `competency_widget::console`).

use wasm_bindgen::prelude::wasm_bindgen;

/// Runs when `public/console.js` instantiates the module.
#[wasm_bindgen(start)]
pub fn start() {
    competency_widget::start_console();
}
