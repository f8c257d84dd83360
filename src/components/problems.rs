//! The notices of a refused configuration or framework, whose wording (every problem in
//! French and English) only a bad document needs: with the `split` feature their code is a
//! chunk of its own (see [`crate::chunk`]), fetched when one is shown.

use std::sync::Arc;

use competency_core::config::ConfigError;
use competency_core::framework::FrameworkError;

use crate::chunk;
use crate::dom::El;
use crate::i18n::*;

/// What was refused, shared (drawn again in another language, or after a failed download,
/// without a copy of every problem).
#[derive(Clone)]
pub enum Refused {
    Config(Arc<ConfigError>),
    Framework(Arc<FrameworkError>),
}

thread_local! {
    /// What draws the notices, once their chunk has arrived.
    static PROBLEMS_ARRIVED: std::cell::Cell<Option<chunk::Draw<Refused>>> = const { std::cell::Cell::new(None) };
}

/// Every problem of what was refused, translated, with its JSON path.
pub fn problems(refused: Refused) -> El {
    chunk::drawn(
        &PROBLEMS_ARRIVED,
        crate::chunk_loader!(problem_notices),
        refused,
        |_| {},
        |locale| td_string!(locale, problems_failed),
    )
}

/// What draws the notices: a split point.
#[cfg_attr(
    feature = "split",
    wasm_split_helpers::wasm_split(problem_notices, fallible, wasm_split_path = ::wasm_split_helpers)
)]
fn problem_notices() -> Result<chunk::Draw<Refused>, chunk::Unloaded> {
    Ok(|refused| match refused {
        Refused::Config(error) => super::config_problems::config_problems(error),
        Refused::Framework(error) => super::framework_problems(error),
    })
}
