//! `competency serve`, run as HR would and spoken to over HTTP on 127.0.0.1: a campaign's
//! invited answers uploaded and kept once, HR's completion and reports read back with the
//! secret, and every kind of bad upload refused with its reason and not kept.

use competency_core::result::{InvitationRecord, ResultDocument};
use serde_json::json;

mod common;
use common::service::*;
use common::*;

/// A plan: Awa with herself, her supervisor and three peers.
const PLAN: &str = "subject_id,subject_name,position,rater_name,rater_id,role\n\
    M-1024,Awa Traoré,customs-officer,,,self\n\
    M-1024,Awa Traoré,customs-officer,Ibrahim Koné,M-3001,supervisor\n\
    M-1024,Awa Traoré,customs-officer,Moussa Diallo,M-2001,peer\n\
    M-1024,Awa Traoré,customs-officer,Fatou Sanogo,M-4001,peer\n\
    M-1024,Awa Traoré,customs-officer,Mariam Cissé,M-6001,peer\n";

/// The campaign's invitations: (role, link).
fn plan(files: &Files, extra: &[&str]) -> Vec<(String, String)> {
    plan_campaign(files, PLAN, extra)
}

/// Awa's result from the rater holding key `[key; 32]`, through the invitation `link`.
fn answer(key: u8, role: &str, link: &str, comment: &str) -> ResultDocument {
    let mut result = document(
        key,
        role,
        AWA,
        T,
        &[("integrity", Some("trained"), comment)],
    );
    result.invitation = Some(InvitationRecord {
        campaign: parameter(link, "campaign"),
        token: parameter(link, "token"),
    });
    result
}

#[test]
fn invited_answers_are_kept_once_and_hr_reads_completion_and_reports() {
    let files = Files::new("serve-campaign");
    let invitations = plan(&files, &[]);
    assert_eq!(invitations.len(), 5);
    let service = Service::start(&files.0, &config(&files, true));

    // Four of five invitations answered, from the portal's page.
    for (i, (role, link)) in invitations.iter().take(4).enumerate() {
        let result = answer(10 + i as u8, role, link, "Rigoureux.");
        let (status, reply) = service.post(&body(&result, 10 + i as u8), Some(PORTAL));
        assert_eq!(status, 201, "{reply}");
        assert_eq!(reply["stored"], true);
    }
    // The same result sent again (a retry after a lost answer): nothing new.
    let (role, link) = &invitations[0];
    let again = body(&answer(10, role, link, "Rigoureux."), 10);
    let (status, reply) = service.post(&again, Some(PORTAL));
    assert_eq!(status, 200, "{reply}");
    assert_eq!(reply["stored"], false);
    // The same rater changing their answer: kept, and the latest counts.
    let (status, reply) = service.post(&body(&answer(10, role, link, "Très rigoureux."), 10), None);
    assert_eq!(status, 201, "{reply}");
    assert!(
        reply["note"]
            .as_str()
            .unwrap()
            .contains("the latest result counts"),
        "{reply}"
    );

    let (status, completion) = service.hr("/hr/completion");
    assert_eq!(status, 200, "{completion}");
    assert_eq!(completion["campaign"], "360-2027");
    assert_eq!(completion["results"], 5);
    let rows = completion["subjects"].as_array().unwrap();
    let peers = rows.iter().find(|r| r["role"] == "peer").unwrap();
    assert_eq!(
        (peers["invited"].as_u64(), peers["answered"].as_u64()),
        (Some(3), Some(2))
    );
    assert_eq!(peers["pending"], json!(["Mariam Cissé"]));

    let (status, reports) = service.hr("/hr/reports");
    assert_eq!(status, 200, "{reports}");
    assert_eq!(reports["subjects"][0]["id"], "M-1024", "{reports}");
    assert_eq!(reports["raterIdentities"], "bound-by-campaign");
    // Two peers of three answered: below the minimum of 3, their group is not shown.
    assert_eq!(reports["subjects"][0]["hidden"], json!(["peer"]));
    assert_eq!(
        reports["subjects"][0]["comments"][0]["text"],
        "Très rigoureux."
    );

    // Every kept result, the bytes exactly as received.
    let (status, list) = service.hr("/hr/results");
    assert_eq!(status, 200);
    assert_eq!(list.as_array().unwrap().len(), 5);
    let first = list[0]["id"].as_i64().unwrap();
    let authorization = format!("Bearer {SECRET}");
    let (status, _, kept) = service.request(
        "GET",
        &format!("/hr/results/{first}"),
        &[("Authorization", &authorization)],
        b"",
    );
    assert_eq!(status, 200);
    let (role, link) = &invitations[0];
    assert_eq!(
        kept.as_bytes(),
        body(&answer(10, role, link, "Rigoureux."), 10)
    );

    // Stopped and started again on the same file: everything is still there.
    service.stop();
    let service = Service::start(&files.0, &config(&files, true));
    let (_, list) = service.hr("/hr/results");
    assert_eq!(list.as_array().unwrap().len(), 5);
    service.stop();
}

#[test]
fn bad_uploads_are_refused_with_their_reason_and_not_kept() {
    let files = Files::new("serve-refusals");
    let invitations = plan(&files, &["--closes", "2026-11-19"]);
    let service = Service::start(&files.0, &config(&files, true));
    let (role, link) = &invitations[2];

    let mut tampered = sign(&answer(20, role, link, "Bien."), 20);
    tampered["ratings"][0]["level"] = "expert".into();
    let tampered = serde_json::to_vec(&tampered).unwrap();
    // Anyone can make a key and sign: a well-signed result for no invitation of the campaign.
    let mut forged = answer(21, "peer", link, "Bien.");
    forged.invitation.as_mut().unwrap().token = "A".repeat(43);
    let forged = body(&forged, 21);
    let late = body(&answer(22, role, link, "Bien."), 22);
    let text = String::from_utf8(late.clone()).unwrap();
    let duplicate_key = text.replacen('{', "{\"id\":\"x\",", 1).into_bytes();
    let oversized = vec![b' '; 2 * 1024 * 1024];

    // What is sent, from which origin, and the status and reason code it gets.
    type Case<'a> = (&'a str, &'a [u8], Option<&'a str>, u16, &'a str);
    let cases: [Case; 6] = [
        ("tampered", &tampered, Some(PORTAL), 422, "proof"),
        ("forged", &forged, None, 422, "unknownInvitation"),
        ("after closing", &late, None, 422, "afterClosing"),
        ("duplicate key", &duplicate_key, None, 422, "unreadable"),
        ("oversized", &oversized, None, 413, "tooLarge"),
        (
            "wrong origin",
            &late,
            Some("https://evil.example"),
            403,
            "origin",
        ),
    ];
    for (what, upload, origin, status, code) in cases {
        let (got, reply) = service.post(upload, origin);
        assert_eq!(
            (got, reply["error"].as_str()),
            (status, Some(code)),
            "{what}: {reply}"
        );
        assert!(
            !reply["message"].as_str().unwrap_or_default().is_empty(),
            "{what}"
        );
    }
    let (_, list) = service.hr("/hr/results");
    assert_eq!(list, json!([]), "nothing refused was kept");
    let (_, refusals) = service.hr("/hr/refusals");
    assert_eq!(
        refusals,
        json!({ "afterClosing": 1, "origin": 1, "proof": 1, "tooLarge": 1,
                "unknownInvitation": 1, "unreadable": 1 })
    );

    // HR's endpoints without the secret, or with a wrong one.
    for authorization in [None, Some("Bearer not-the-secret")] {
        let headers: Vec<(&str, &str)> = authorization
            .iter()
            .map(|a| ("Authorization", *a))
            .collect();
        let (status, _, _) = service.request("GET", "/hr/results", &headers, b"");
        assert_eq!(status, 401);
    }

    // CORS for the portal only.
    let preflight = |origin| {
        service.request(
            "OPTIONS",
            "/results",
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                (
                    "Access-Control-Request-Headers",
                    "content-type, authorization",
                ),
            ],
            b"",
        )
    };
    let (status, headers, _) = preflight(PORTAL);
    assert_eq!(status, 204);
    assert!(headers.contains(&("access-control-allow-origin".into(), PORTAL.into())));
    assert!(headers.contains(&(
        "access-control-allow-headers".into(),
        "content-type, authorization".into()
    )));
    let (status, headers, _) = preflight("https://evil.example");
    assert_eq!(status, 403);
    assert!(
        !headers
            .iter()
            .any(|(n, _)| n == "access-control-allow-origin")
    );
    service.stop();
}

#[test]
fn a_configuration_with_mistakes_gets_every_one() {
    let files = Files::new("serve-config");
    let path = files.0.join("serve.json");
    std::fs::write(
        &path,
        json!({ "listen": "everywhere", "allowedOrigins": ["rh.example/page"], "colour": 1,
                "hrSecretFile": "missing.txt" })
        .to_string(),
    )
    .unwrap();
    let (code, _, err) = competency(&["serve", "--config", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    for line in [
        "$.colour: unknown field",
        "$.database: missing",
        "$.listen: `everywhere` is not an address and port such as 127.0.0.1:8787",
        "$.allowedOrigins[0]: expected an origin such as https://portal.example",
        "$.hrSecretFile: cannot read",
    ] {
        assert!(
            err.lines().any(|l| l.starts_with(line)),
            "{line} not in:\n{err}"
        );
    }
}

#[test]
fn a_thousand_results_uploaded_at_once_are_all_kept_none_twice() {
    let files = Files::new("serve-load");
    let invitations = large_plan(&files, 100);
    assert_eq!(invitations.len(), 1000);
    let bodies = answers(&invitations);
    let service = Service::start(&files.0, &config(&files, true));
    let statuses = post_all(&service, &bodies, 100);
    assert!(statuses.iter().all(|&s| s == 201), "{statuses:?}");
    // Sent again at once (every rater's retry): nothing new.
    let statuses = post_all(&service, &bodies[..200], 100);
    assert!(statuses.iter().all(|&s| s == 200), "{statuses:?}");
    let (_, list) = service.hr("/hr/results");
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1000);
    let fingerprints: std::collections::BTreeSet<&str> = list
        .iter()
        .map(|r| r["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(fingerprints.len(), 1000, "no result twice");
    let (_, completion) = service.hr("/hr/completion");
    let answered: u64 = completion["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["answered"].as_u64().unwrap())
        .sum();
    assert_eq!(answered, 1000);
    service.stop();
}

#[test]
fn killed_while_receiving_nothing_is_half_kept_and_the_retries_keep_each_once() {
    let files = Files::new("serve-kill");
    let invitations = large_plan(&files, 20);
    let bodies = answers(&invitations);
    let mut service = Service::start(&files.0, &config(&files, true));
    let pid = service.child.id();
    // The service is killed (no clean shutdown) while uploads are coming in.
    std::thread::scope(|scope| {
        scope.spawn(|| {
            // Once some are kept, so that the kill falls among the uploads.
            while service
                .hr("/hr/results")
                .1
                .as_array()
                .is_none_or(|l| l.len() < 20)
            {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            signal(pid, "KILL");
        });
        let _ = post_all(&service, &bodies, 20);
    });
    let _ = service.child.wait();
    // The file reopens intact, and what it holds is whole: each body exactly as sent.
    let database = rusqlite::Connection::open(files.0.join("results.sqlite")).unwrap();
    let check: String = database
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let kept: Vec<Vec<u8>> = database
        .prepare("SELECT body FROM results")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        (20..bodies.len()).contains(&kept.len()),
        "the kill fell outside the uploads: {} kept",
        kept.len()
    );
    assert!(
        kept.iter().all(|body| bodies.contains(body)),
        "a body was kept damaged"
    );
    drop(database);
    // The widgets' retries: every result kept, none twice.
    let service = Service::start(&files.0, &config(&files, true));
    let statuses = post_all(&service, &bodies, 20);
    assert!(
        statuses.iter().all(|&s| s == 200 || s == 201),
        "{statuses:?}"
    );
    assert_eq!(statuses.iter().filter(|&&s| s == 200).count(), kept.len());
    let (_, list) = service.hr("/hr/results");
    assert_eq!(list.as_array().unwrap().len(), bodies.len());
    service.stop();
}
