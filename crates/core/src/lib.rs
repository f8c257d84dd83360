//! The competency domain, independent of any user interface.
//!
//! This crate knows nothing of Leptos, web-sys, browser storage or the network: it is driven
//! and tested natively, and the browser app and the command-line tool are thin shells over it.

pub mod assessment;
pub mod bundled;
pub mod campaign;
pub mod case;
pub mod config;
pub mod fnv;
pub mod framework;
pub mod json;
pub mod model;
pub mod problems;
pub mod profile;
pub mod proof;
pub mod read;
pub mod report;
pub mod result;
pub mod text;
pub mod time;

pub use framework::{
    Competency, Framework, FrameworkError, Group, Level, Position, Problem, ProblemKind,
    Requirement, Resource, ResourceKind,
};
pub use text::{LanguageTag, LocalizedText};
