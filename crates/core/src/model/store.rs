//! Where the rater's session keeps what must outlive the page: a key-value store, as the
//! browser's localStorage is, with a durable journal beside it. The browser app implements
//! [`Store`] over localStorage and IndexedDB; [`MemoryStore`] is the same contract in memory,
//! for tests and for a page where storage is refused.

use std::cell::RefCell;
use std::collections::BTreeMap;

/// The largest stored value read (an upload, a receipt, a sealed draft): more than browser
/// storage holds (about 5 MB an origin), so that nothing the app could store is refused.
pub const MAX_STORED_BYTES: usize = 16 * 1024 * 1024;

/// The start of every key the app writes, so that "clear my data" removes exactly that.
pub const PREFIX: &str = "competency-widget.";

/// Where one instance of the widget keeps its drafts: the page's own, or, for a widget a
/// portal mounted with an `instance` name, a space of its own, so that two widgets on one
/// page never list or resume each other's drafts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope(String);

impl Scope {
    /// The scope of the instance `name` (validated by the configuration), or the page's.
    pub fn new(instance: Option<&str>) -> Self {
        Scope(
            instance
                .map(|name| format!("i.{name}."))
                .unwrap_or_default(),
        )
    }

    /// The start of this scope's keys of `kind` (`draft.`, `last-draft`, ...).
    pub fn key(&self, kind: &str) -> String {
        format!("{PREFIX}{}{kind}", self.0)
    }

    /// The scope key `key` belongs to.
    pub fn of(key: &str) -> Option<Scope> {
        let kind = Self::kind_of(key)?;
        let scoped = key.strip_prefix(PREFIX)?;
        Some(Scope(scoped[..scoped.len() - kind.len()].to_owned()))
    }

    /// The kind of key `key` is (what follows the scope), whatever its scope.
    pub fn kind_of(key: &str) -> Option<&str> {
        let rest = key.strip_prefix(PREFIX)?;
        match rest.strip_prefix("i.") {
            Some(scoped) => scoped.split_once('.').map(|(_, kind)| kind),
            None => Some(rest),
        }
    }
}

/// Whether what the user does is being saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Health {
    Saving,
    /// The browser refuses access to storage: answers live only in this tab.
    Unavailable,
    /// Storage is full: the last changes live only in this tab.
    Full,
    /// A newer version of the app saved the draft (in another tab), in a format this one
    /// cannot read: it is kept as it is, and the last changes live only in this tab.
    NewerDraft,
}

/// A key-value store with a journal: every write and removal is made to both, except
/// [`Store::remove_locally`], which leaves the journal's copy for a later restore.
pub trait Store {
    /// Whether the store can be used at all.
    fn usable(&self) -> bool;
    /// The value under `key`.
    fn get(&self, key: &str) -> Option<String>;
    /// Writes `value` under `key`, or says why it could not ([`Health::Unavailable`],
    /// [`Health::Full`]).
    fn set(&self, key: &str, value: &str) -> Result<(), Health>;
    /// Removes `key`, from the journal too.
    fn remove(&self, key: &str);
    /// Removes `key` but keeps the journal's copy.
    fn remove_locally(&self, key: &str);
    /// Every key that starts with `prefix`.
    fn keys(&self, prefix: &str) -> Vec<String>;
    /// Removes everything the app wrote, journal included.
    fn clear_all(&self);
}

/// A [`Store`] in memory: `entries` stand for localStorage, `journal` for its durable copy.
/// It can be made to refuse access, to hold only so many bytes, and to lose what was not yet
/// on disk, as a killed browser does.
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: RefCell<BTreeMap<String, String>>,
    journal: RefCell<BTreeMap<String, String>>,
    /// The most bytes (keys and values) the entries may hold.
    capacity: Option<usize>,
    refused: bool,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// A store that holds at most `bytes` of keys and values.
    pub fn with_capacity(bytes: usize) -> Self {
        MemoryStore {
            capacity: Some(bytes),
            ..Self::default()
        }
    }

    /// A store the browser refuses access to (a policy, a sandboxed frame).
    pub fn refused() -> Self {
        MemoryStore {
            refused: true,
            ..Self::default()
        }
    }

    /// The browser was killed before it wrote its last changes to disk: `keys` lose their
    /// entries (the journal keeps its copies).
    pub fn lose(&self, keys: &[&str]) {
        let mut entries = self.entries.borrow_mut();
        for key in keys {
            entries.remove(*key);
        }
    }

    /// Writes `value` under `key` in the entries alone, as a damaged copy or another
    /// version of the app would leave it.
    pub fn put_raw(&self, key: &str, value: &str) {
        self.entries
            .borrow_mut()
            .insert(key.to_owned(), value.to_owned());
    }

    /// What the journal holds, as the browser app reads it at start-up.
    pub fn journal(&self) -> Vec<(String, String)> {
        self.journal
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// Every entry, for tests that look at what is kept.
    pub fn entries(&self) -> BTreeMap<String, String> {
        self.entries.borrow().clone()
    }
}

impl Store for MemoryStore {
    fn usable(&self) -> bool {
        !self.refused
    }

    fn get(&self, key: &str) -> Option<String> {
        self.entries.borrow().get(key).cloned()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), Health> {
        self.journal
            .borrow_mut()
            .insert(key.to_owned(), value.to_owned());
        if self.refused {
            return Err(Health::Unavailable);
        }
        let mut entries = self.entries.borrow_mut();
        if let Some(capacity) = self.capacity {
            let others: usize = entries
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| k.len() + v.len())
                .sum();
            if others + key.len() + value.len() > capacity {
                return Err(Health::Full);
            }
        }
        entries.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) {
        self.journal.borrow_mut().remove(key);
        self.entries.borrow_mut().remove(key);
    }

    fn remove_locally(&self, key: &str) {
        self.entries.borrow_mut().remove(key);
    }

    fn keys(&self, prefix: &str) -> Vec<String> {
        self.entries
            .borrow()
            .keys()
            .filter(|k| k.starts_with(prefix))
            .cloned()
            .collect()
    }

    fn clear_all(&self) {
        self.journal.borrow_mut().clear();
        self.entries
            .borrow_mut()
            .retain(|k, _| !k.starts_with(PREFIX));
    }
}
