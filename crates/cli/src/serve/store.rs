//! The results, in one SQLite file HR can back up: each accepted result with the bytes exactly
//! as received, and a count of what was refused. Every write is one transaction, durable when
//! it returns (write-ahead log, full synchronous): the service answers only after it.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

/// The database's layout version (`PRAGMA user_version`).
const VERSION: i64 = 1;

pub struct Store {
    connection: Connection,
}

/// A result to keep, as checked.
pub struct Received<'a> {
    /// The SHA-256 of the result's canonical JSON (the same result, however it is spaced).
    pub fingerprint: &'a str,
    pub result_id: &'a str,
    /// The invitation it answers, with a campaign.
    pub invitation: Option<&'a str>,
    /// The fingerprint of the key that signed it.
    pub rater_key: &'a str,
    pub file_name: &'a str,
    pub received_at: i64,
    pub body: &'a [u8],
}

/// What storing a result did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// Kept, under this id. `earlier_keys`: the keys of the results kept before for the
    /// same invitation (the same key: this one replaces them; another: a conflict).
    New { id: i64, earlier_keys: Vec<String> },
    /// The same result was kept before, under this id: nothing new.
    Again { id: i64 },
}

/// A kept result.
pub struct Kept {
    pub id: i64,
    pub file_name: String,
    pub fingerprint: String,
    pub received_at: i64,
    pub body: Vec<u8>,
}

impl Store {
    /// Opens the database at `path`, creating it when missing.
    pub fn open(path: &Path) -> rusqlite::Result<Self> {
        let connection = Connection::open(path)?;
        connection.busy_timeout(std::time::Duration::from_secs(10))?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "FULL")?;
        let version: i64 = connection.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version == 0 {
            connection.execute_batch(
                "BEGIN;
                 CREATE TABLE IF NOT EXISTS results (
                   id INTEGER PRIMARY KEY,
                   fingerprint TEXT NOT NULL UNIQUE,
                   result_id TEXT NOT NULL,
                   invitation TEXT,
                   rater_key TEXT NOT NULL,
                   file_name TEXT NOT NULL,
                   received_at INTEGER NOT NULL,
                   body BLOB NOT NULL
                 );
                 CREATE INDEX IF NOT EXISTS results_invitation ON results (invitation);
                 CREATE TABLE IF NOT EXISTS refusals (
                   id INTEGER PRIMARY KEY,
                   at INTEGER NOT NULL,
                   code TEXT NOT NULL,
                   reason TEXT NOT NULL,
                   origin TEXT,
                   bytes INTEGER NOT NULL
                 );
                 PRAGMA user_version = 1;
                 COMMIT;",
            )?;
        } else if version != VERSION {
            return Err(rusqlite::Error::InvalidParameterName(format!(
                "the database's layout is version {version}, this program's {VERSION}"
            )));
        }
        Ok(Store { connection })
    }

    /// Keeps `received` unless the same result is kept already, in one transaction.
    pub fn store(&mut self, received: &Received) -> rusqlite::Result<Stored> {
        let transaction = self.connection.transaction()?;
        let known: Option<i64> = transaction
            .query_row(
                "SELECT id FROM results WHERE fingerprint = ?1",
                [received.fingerprint],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(id) = known {
            return Ok(Stored::Again { id });
        }
        let earlier_keys = match received.invitation {
            Some(invitation) => {
                let mut statement = transaction
                    .prepare("SELECT DISTINCT rater_key FROM results WHERE invitation = ?1")?;
                statement
                    .query_map([invitation], |row| row.get(0))?
                    .collect::<rusqlite::Result<Vec<String>>>()?
            }
            None => Vec::new(),
        };
        transaction.execute(
            "INSERT INTO results (fingerprint, result_id, invitation, rater_key, file_name,
                                  received_at, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                received.fingerprint,
                received.result_id,
                received.invitation,
                received.rater_key,
                received.file_name,
                received.received_at,
                received.body,
            ],
        )?;
        let id = transaction.last_insert_rowid();
        transaction.commit()?;
        Ok(Stored::New { id, earlier_keys })
    }

    /// Counts a refused upload.
    pub fn refused(
        &mut self,
        at: i64,
        code: &str,
        reason: &str,
        origin: Option<&str>,
        bytes: usize,
    ) -> rusqlite::Result<()> {
        self.connection.execute(
            "INSERT INTO refusals (at, code, reason, origin, bytes) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![at, code, reason, origin, bytes as i64],
        )?;
        Ok(())
    }

    /// How many uploads were refused, by reason code.
    pub fn refusals(&self) -> rusqlite::Result<Vec<(String, i64)>> {
        let mut statement = self
            .connection
            .prepare("SELECT code, COUNT(*) FROM refusals GROUP BY code ORDER BY code")?;
        statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect()
    }

    /// Every kept result, in the order received.
    pub fn all(&self) -> rusqlite::Result<Vec<Kept>> {
        self.select(
            "SELECT id, file_name, fingerprint, received_at, body FROM results ORDER BY id",
            [],
        )
    }

    /// Every kept result, in the order received, without its body.
    pub fn list(&self) -> rusqlite::Result<Vec<Kept>> {
        self.select(
            "SELECT id, file_name, fingerprint, received_at FROM results ORDER BY id",
            [],
        )
    }

    /// The kept result `id`.
    pub fn get(&self, id: i64) -> rusqlite::Result<Option<Kept>> {
        let mut found = self.select(
            "SELECT id, file_name, fingerprint, received_at, body FROM results WHERE id = ?1",
            [id],
        )?;
        Ok(found.pop())
    }

    /// Kept results a query selects (`id, file_name, fingerprint, received_at`, then maybe
    /// `body`).
    fn select(&self, query: &str, params: impl rusqlite::Params) -> rusqlite::Result<Vec<Kept>> {
        let mut statement = self.connection.prepare(query)?;
        let with_body = statement.column_count() > 4;
        statement
            .query_map(params, |row| {
                Ok(Kept {
                    id: row.get(0)?,
                    file_name: row.get(1)?,
                    fingerprint: row.get(2)?,
                    received_at: row.get(3)?,
                    body: if with_body { row.get(4)? } else { Vec::new() },
                })
            })?
            .collect()
    }
}
