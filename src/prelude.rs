//! What the views and the shell use everywhere: Leptos's reactive system (`reactive_graph`,
//! the crate Leptos's signals, memos and effects are) and the browser's helpers.

pub use reactive_graph::effect::Effect;
pub use reactive_graph::graph::untrack;
pub use reactive_graph::owner::{
    LocalStorage, Owner, StoredValue, expect_context, on_cleanup, provide_context, use_context,
};
pub use reactive_graph::prelude::*;
pub use reactive_graph::signal::{ArcRwSignal, ArcTrigger, RwSignal, Trigger};

pub use crate::derived::Derived;
pub use crate::web::*;
