//! Values derived from the reactive state (Leptos's memos), all of one memo type.
//!
//! Each type given to Leptos's `Memo` makes its own copy of the memo's code in the
//! WebAssembly (about 1.5 KB uncompressed); the app derives values of ten types. A
//! [`Derived`] keeps its value behind a type-erased pointer in a memo of one type, compared
//! with the value's own `PartialEq`, so that the memo's code is there once. It is read like a
//! memo, tracked or not; its value is recomputed when what it read changes, and the views that
//! read it follow only when the new value differs.

use std::any::Any;
use std::marker::PhantomData;
use std::sync::Arc;

use reactive_graph::computed::Memo;
use reactive_graph::traits::{With, WithUntracked};

/// A value of any type the app derives, comparable with another of the same type.
trait Value: Any + Send + Sync {
    fn same(&self, other: &dyn Value) -> bool;
    fn any(&self) -> &dyn Any;
}

impl<T: PartialEq + Send + Sync + 'static> Value for T {
    fn same(&self, other: &dyn Value) -> bool {
        other.any().downcast_ref::<T>() == Some(self)
    }

    fn any(&self) -> &dyn Any {
        self
    }
}

/// What every [`Derived`]'s memo holds.
#[derive(Clone)]
struct Held(Arc<dyn Value>);

impl PartialEq for Held {
    fn eq(&self, other: &Self) -> bool {
        self.0.same(other.0.as_ref())
    }
}

/// A value derived from the reactive state: see the module's documentation.
pub struct Derived<T> {
    memo: Memo<Held>,
    value: PhantomData<fn() -> T>,
}

impl<T> Clone for Derived<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Derived<T> {}

impl<T: PartialEq + Send + Sync + 'static> Derived<T> {
    /// The value `derive` computes from what it reads, owned by the current reactive owner.
    pub fn new(derive: impl Fn() -> T + Send + Sync + 'static) -> Self {
        Self {
            memo: memo(Box::new(move || Held(Arc::new(derive())))),
            value: PhantomData,
        }
    }

    /// `read` given the value, tracked: the reader runs again when the value changes.
    pub fn with<U>(&self, read: impl FnOnce(&T) -> U) -> U {
        self.memo.with(|held| read(value(held)))
    }

    /// `read` given the value, untracked.
    pub fn with_untracked<U>(&self, read: impl FnOnce(&T) -> U) -> U {
        self.memo.with_untracked(|held| read(value(held)))
    }
}

impl<T: Clone + PartialEq + Send + Sync + 'static> Derived<T> {
    /// The value, tracked.
    pub fn get(&self) -> T {
        self.with(T::clone)
    }

    /// The value, untracked.
    pub fn get_untracked(&self) -> T {
        self.with_untracked(T::clone)
    }
}

/// The one memo type: its code is in the WebAssembly once.
#[inline(never)]
fn memo(derive: Box<dyn Fn() -> Held + Send + Sync>) -> Memo<Held> {
    Memo::new(move |_| derive())
}

fn value<T: 'static>(held: &Held) -> &T {
    held.0
        .any()
        .downcast_ref()
        .expect("a derived value keeps the type it was made with")
}
