//! A running `competency serve` for the tests and the benchmark, and the campaigns and signed
//! answers they upload to it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use competency_core::result::{InvitationRecord, ResultDocument};
use serde_json::{Value, json};

use super::*;

pub const SECRET: &str = "a-secret-of-hr-that-is-long-enough-0123456789";
pub const PORTAL: &str = "https://rh.example";

/// Plans a campaign `360-2027` from `plan` (CSV) with `campaign new` in `files`; its
/// invitations as (role, link).
pub fn plan_campaign(files: &Files, plan: &str, extra: &[&str]) -> Vec<(String, String)> {
    let path = files.0.join("plan.csv");
    std::fs::write(&path, plan).unwrap();
    let out = files.0.join("campaign");
    let mut args = vec![
        "campaign",
        "new",
        path.to_str().unwrap(),
        "--base-url",
        "https://rh.example/evaluation/",
        "--id",
        "360-2027",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let (code, _, err) = competency(&args);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(out.join("invitations.csv")).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let separator = if text.lines().next().unwrap().contains(';') {
        ';'
    } else {
        ','
    };
    text.lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(separator).collect();
            (cells[3].to_owned(), cells[7].to_owned())
        })
        .collect()
}

/// The value of `name` in a link's parameters.
pub fn parameter(link: &str, name: &str) -> String {
    link.split_once('?')
        .unwrap()
        .1
        .split('&')
        .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
        .unwrap()
        .to_owned()
}

/// A running service, stopped (SIGTERM) when dropped.
pub struct Service {
    pub child: Child,
    pub address: String,
}

impl Service {
    /// Starts `competency serve` with the configuration `config` (its files in `dir`).
    pub fn start(dir: &Path, config: &Value) -> Service {
        std::fs::write(dir.join("hr-secret.txt"), SECRET).unwrap();
        let path = dir.join("serve.json");
        std::fs::write(&path, config.to_string()).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_competency"))
            .args(["serve", "--config", path.to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let address = line
            .trim()
            .strip_prefix("competency serve: listening on http://")
            .unwrap_or_else(|| panic!("not the listening line: {line:?}"))
            .to_owned();
        Service { child, address }
    }

    /// One HTTP/1.1 request; the status, the headers (lower-case names) and the body.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> (u16, Vec<(String, String)>, String) {
        // A service that is down answers nothing: status 0.
        let Ok(mut stream) = TcpStream::connect(&self.address) else {
            return (0, Vec::new(), String::new());
        };
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.address,
            body.len()
        );
        for (name, value) in headers {
            head += &format!("{name}: {value}\r\n");
        }
        head += "\r\n";
        let _ = stream.write_all(head.as_bytes());
        // A refused body may be cut short by the server: that is its answer.
        let _ = stream.write_all(body);
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        let response = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap_or_default()
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_lowercase(), v.trim().to_owned()))
            .collect();
        (status, headers, body.to_owned())
    }

    pub fn post(&self, body: &[u8], origin: Option<&str>) -> (u16, Value) {
        let mut headers = vec![("Content-Type", "application/json")];
        if let Some(origin) = origin {
            headers.push(("Origin", origin));
        }
        let (status, _, body) = self.request("POST", "/results", &headers, body);
        (status, serde_json::from_str(&body).unwrap_or(Value::Null))
    }

    pub fn hr(&self, path: &str) -> (u16, Value) {
        let authorization = format!("Bearer {SECRET}");
        let (status, _, body) =
            self.request("GET", path, &[("Authorization", &authorization)], b"");
        (status, serde_json::from_str(&body).unwrap_or(Value::Null))
    }

    pub fn stop(mut self) {
        signal(self.child.id(), "TERM");
        let status = self.child.wait().unwrap();
        assert!(status.success(), "the service stopped with {status}");
        std::mem::forget(self);
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn config(files: &Files, campaign: bool) -> Value {
    let mut config = json!({
        "listen": "127.0.0.1:0",
        "database": "results.sqlite",
        "allowedOrigins": [PORTAL],
        "hrSecretFile": "hr-secret.txt",
    });
    if campaign {
        config["campaign"] = files
            .0
            .join("campaign/campaign.json")
            .to_str()
            .unwrap()
            .into();
    }
    config
}

pub fn body(document: &ResultDocument, key: u8) -> Vec<u8> {
    serde_json::to_vec(&sign(document, key)).unwrap()
}

/// A campaign of `subjects` people, each rated by ten peers: `10 × subjects` invitations.
pub fn large_plan(files: &Files, subjects: usize) -> Vec<(String, String)> {
    let mut plan = String::from("subject_id,subject_name,position,rater_name,rater_id,role\n");
    for s in 0..subjects {
        for r in 0..10 {
            plan += &format!("S-{s},Agent {s},customs-officer,Pair {s}-{r},R-{s}-{r},peer\n");
        }
    }
    plan_campaign(files, &plan, &[])
}

/// The signed answer to each invitation, each from a key of its own rater (by invitation).
pub fn answers(invitations: &[(String, String)]) -> Vec<Vec<u8>> {
    invitations
        .iter()
        .enumerate()
        .map(|(i, (_, link))| {
            let subject = parameter(link, "subject");
            let key = (i % 250) as u8 + 1;
            let mut result = document(
                key,
                "peer",
                (&subject, &format!("Agent {}", &subject[2..])),
                T,
                &[("integrity", Some("trained"), &format!("Réponse {i}."))],
            );
            result.id = format!("result-{i}");
            result.invitation = Some(InvitationRecord {
                campaign: parameter(link, "campaign"),
                token: parameter(link, "token"),
            });
            body(&result, key)
        })
        .collect()
}

/// Posts every body from `threads` threads at once; the statuses, by body.
pub fn post_all(service: &Service, bodies: &[Vec<u8>], threads: usize) -> Vec<u16> {
    let statuses = std::sync::Mutex::new(vec![0u16; bodies.len()]);
    std::thread::scope(|scope| {
        for t in 0..threads {
            let statuses = &statuses;
            scope.spawn(move || {
                for i in (t..bodies.len()).step_by(threads) {
                    let (status, _) = service.post(&bodies[i], None);
                    statuses.lock().unwrap()[i] = status;
                }
            });
        }
    });
    statuses.into_inner().unwrap()
}

/// Sends `signal` (`TERM`, `KILL`) to process `pid` with the shell's own `kill`: a fresh
/// machine may have no `kill` program, every shell has the builtin.
pub fn signal(pid: u32, signal: &str) {
    let status = Command::new("sh")
        .args(["-c", &format!("kill -{signal} {pid}")])
        .status()
        .expect("sh runs");
    assert!(status.success(), "kill -{signal} {pid}: {status}");
}
