//! `competency campaign new` and `status`, and `aggregate --campaign`, run as HR would: a plan
//! written as a spreadsheet would save it, the files it makes, the slips' QR codes read back
//! as a phone would, and results signed in the test through the invitations.

use std::path::Path;
use std::process::Command;

use competency_core::campaign::Campaign;
use competency_core::result::{InvitationRecord, ResultDocument};
use serde_json::Value;

mod common;
use common::*;

const BASE_URL: &str = "https://rh.example/competences/";

/// A French plan in Windows-1252 with semicolons, as French Excel saves CSV: Awa with herself,
/// her supervisor and four peers; Moussa with his supervisor.
fn french_plan() -> Vec<u8> {
    let text = "Matricule évalué;Évalué;Poste;Évaluateur;Matricule évaluateur;Rôle\r\n\
                M-1024;Awa Traoré;customs-officer;;;Auto-évaluation\r\n\
                M-1024;Awa Traoré;customs-officer;Ibrahim Koné;M-3001;Supérieur hiérarchique\r\n\
                M-1024;Awa Traoré;customs-officer;Moussa Diallo;M-2001;Collègue\r\n\
                M-1024;Awa Traoré;customs-officer;Fatou Sanogo;M-4001;Collègue\r\n\
                M-1024;Awa Traoré;customs-officer;Adama Ouédraogo;M-5001;Collègue\r\n\
                M-1024;Awa Traoré;customs-officer;Mariam Cissé;M-6001;Collègue\r\n\
                M-2001;Moussa Diallo;;Ibrahim Koné;M-3001;Supérieur\r\n";
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1"))
        .collect()
}

fn plan_campaign(files: &Files, plan: &[u8], extra: &[&str]) -> (i32, String, String) {
    let path = files.0.join("plan.csv");
    std::fs::write(&path, plan).unwrap();
    let out = files.0.join("out");
    let mut args = vec![
        "campaign",
        "new",
        path.to_str().unwrap(),
        "--base-url",
        BASE_URL,
        "--id",
        "360-2027",
        "--title",
        "360 2027, Ouagadougou",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    competency(&args)
}

/// The invitations' CSV: (invitation, role, rater name, link) per line.
fn links(dir: &Path) -> Vec<(String, String, String, String)> {
    let text = std::fs::read_to_string(dir.join("invitations.csv")).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a byte order mark");
    text.lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(';').collect();
            (
                cells[0].into(),
                cells[3].into(),
                cells[4].into(),
                cells[7].into(),
            )
        })
        .collect()
}

/// The value of `name` in a link's parameters (which hold no escaped `&` or `=`).
fn parameter(link: &str, name: &str) -> String {
    link.split_once('?')
        .unwrap()
        .1
        .split('&')
        .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
        .unwrap()
        .to_owned()
}

#[test]
fn a_plan_becomes_a_campaign_links_and_slips() {
    let files = Files::new("campaign-new");
    let (code, out, err) = plan_campaign(&files, &french_plan(), &["--closes", "2027-01-31"]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    assert!(out.starts_with("planned campaign 360-2027 (2 people, 7 invitations):"));
    let dir = files.0.join("out");
    let campaign =
        Campaign::from_json(&std::fs::read_to_string(dir.join("campaign.json")).unwrap()).unwrap();
    assert_eq!(campaign.subjects.len(), 2);
    assert_eq!(campaign.invitations.len(), 7);
    assert_eq!(
        campaign.invitations[0].closes.as_ref().unwrap().text,
        "2027-01-31T23:59:59Z"
    );

    let links = links(&dir);
    assert_eq!(links.len(), 7);
    assert_eq!(
        (
            links[2].0.as_str(),
            links[2].1.as_str(),
            links[2].2.as_str()
        ),
        ("I-0003", "peer", "Moussa Diallo")
    );
    let campaign_json = std::fs::read_to_string(dir.join("campaign.json")).unwrap();
    for (_, role, _, link) in &links {
        assert!(link.starts_with(&format!("{BASE_URL}?lang=fr&campaign=360-2027&token=")));
        assert_eq!(&parameter(link, "role"), role);
        // The campaign file holds no token: it is not a secret.
        let token = parameter(link, "token");
        assert_eq!(token.len(), 22);
        assert!(!campaign_json.contains(&token));
    }
    let tokens: std::collections::BTreeSet<String> =
        links.iter().map(|l| parameter(&l.3, "token")).collect();
    assert_eq!(tokens.len(), 7, "every token differs");

    // Each slip's QR code reads back as its link.
    let slips = std::fs::read_to_string(dir.join("invitations.html")).unwrap();
    let codes: Vec<String> = slips
        .split("<svg ")
        .skip(1)
        .map(|svg| decode_svg(svg.split("</svg>").next().unwrap()))
        .collect();
    let expected: Vec<String> = links.iter().map(|l| l.3.clone()).collect();
    assert_eq!(codes, expected);
    assert!(slips.contains("en tant que collègue"));
    assert!(slips.contains("Merci de répondre avant la fin du 31/01/2027"));

    // A campaign whose links were handed out is never replaced.
    let (code, _, err) = plan_campaign(&files, &french_plan(), &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("campaign.json exists: choose another --out folder"),
        "{err}"
    );
}

/// Reads the QR code an `<svg …>` of the slips draws (unit squares `M x,y h1v1h-1z`), drawn
/// at 4 pixels a module as a scanner would see it.
fn decode_svg(svg: &str) -> String {
    let side: usize = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .and_then(|v| v.split(' ').next())
        .unwrap()
        .parse()
        .unwrap();
    let path = svg
        .split(" d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let mut dark = vec![false; side * side];
    for square in path.split('M').skip(1) {
        let (xy, _) = square.split_once('h').unwrap();
        let (x, y) = xy.split_once(',').unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        dark[y * side + x] = true;
    }
    const SCALE: usize = 4;
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(side * SCALE, side * SCALE, |x, y| {
            if dark[(y / SCALE) * side + x / SCALE] {
                0
            } else {
                255
            }
        });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1);
    grids[0].decode().expect("the QR code decodes").1
}

#[test]
fn the_printed_slips_qr_codes_read_back_as_their_links() {
    // Printed by Chromium to PDF and rasterised as a scanner would (150 dpi, grey), where
    // both tools are here (the test command installs them).
    let chromium = Path::new("/usr/bin/chromium");
    let pdftoppm = Path::new("/usr/bin/pdftoppm");
    if !chromium.exists() || !pdftoppm.exists() {
        println!("skipped: Chromium or pdftoppm is absent (the test command installs them)");
        return;
    }
    let files = Files::new("campaign-print");
    let (code, _, err) = plan_campaign(&files, &french_plan(), &[]);
    assert_eq!((code, err.as_str()), (0, ""));
    let dir = files.0.join("out");
    let pdf = files.0.join("slips.pdf");
    let status = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            files.0.join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", dir.join("invitations.html").display()))
        .output()
        .unwrap();
    assert!(pdf.exists(), "{}", String::from_utf8_lossy(&status.stderr));
    let page = files.0.join("page");
    let status = Command::new(pdftoppm)
        .args(["-gray", "-r", "150", "-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg(&page)
        .status()
        .unwrap();
    assert!(status.success());
    let pgm = std::fs::read_dir(&files.0)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pgm"))
        .expect("a page image");
    let (width, height, pixels) = read_pgm(&std::fs::read(pgm).unwrap());
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| pixels[y * width + x]);
    let decoded: Vec<String> = image
        .detect_grids()
        .iter()
        .filter_map(|grid| grid.decode().ok().map(|(_, text)| text))
        .collect();
    let links: Vec<String> = links(&dir).into_iter().map(|l| l.3).collect();
    assert!(!decoded.is_empty(), "no QR code read on the printed page");
    for text in &decoded {
        assert!(links.contains(text), "{text} is no invitation's link");
    }
    assert_eq!(
        decoded[0], links[0],
        "the first slip is the first invitation's"
    );
}

/// A binary PGM (P5, 8 bits): width, height and the grey levels.
fn read_pgm(bytes: &[u8]) -> (usize, usize, Vec<u8>) {
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    assert_eq!((fields[0].as_str(), fields[3].as_str()), ("P5", "255"));
    let (width, height) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (width, height, bytes[at + 1..].to_vec())
}

#[test]
fn every_bad_line_of_a_plan_is_reported_and_nothing_is_written() {
    let files = Files::new("campaign-bad");
    let plan = "subject_id,subject_name,position,rater_name,rater_id,role\n\
                M-1024,Awa Traoré,customs-officer,,,self\n\
                M-1024,Awa Traoré,customs-officer,,M-2001,peer\n\
                M-1024,Awa Traoré,juggler,Fatou Sanogo,M-4001,peer\n\
                M-1024,Awa Traoré,customs-officer,Adama,M-5001,colleague\n\
                M-1024,Awa Traoré,customs-officer,Moussa Diallo,M-2001,peer\n\
                M-1024,Awa Traoré,customs-officer,Moussa D.,M-2001,other\n";
    let (code, out, err) = plan_campaign(&files, plan.as_bytes(), &[]);
    assert_eq!((code, out.as_str()), (1, ""));
    let path = files.0.join("plan.csv");
    assert_eq!(
        err,
        format!(
            "{} cannot be planned:\n\
             line 3, column rater_name: empty\n\
             line 4, column position: the framework has no position `juggler`\n\
             line 5, column role: unknown role `colleague` (self, supervisor, peer, direct-report or other)\n\
             line 7, column rater_id: this rater is already invited to rate this person, on line 6\n",
            path.display()
        )
    );
    assert!(!files.0.join("out").exists(), "nothing is written");
}

/// Awa's result from the rater holding key `[key; 32]` through the invitation `link`.
fn answer(key: u8, role: &str, link: &str, level: &str, comment: &str) -> ResultDocument {
    let mut result = document(
        key,
        role,
        AWA,
        T,
        &[("integrity", Some(level), comment), ("teamwork", None, "")],
    );
    result.invitation = Some(InvitationRecord {
        campaign: parameter(link, "campaign"),
        token: parameter(link, "token"),
    });
    result
}

#[test]
fn only_invited_answers_count_and_status_names_who_has_not_answered() {
    let files = Files::new("campaign-aggregate");
    let (code, _, err) = plan_campaign(&files, &french_plan(), &[]);
    assert_eq!((code, err.as_str()), (0, ""));
    let dir = files.0.join("out");
    let links = links(&dir);
    let campaign = dir.join("campaign.json");
    let campaign = campaign.to_str().unwrap();
    let mut results = vec![
        files.signed(
            "self.json",
            &answer(1, "self", &links[0].3, "expert", ""),
            1,
        ),
        files.signed(
            "boss.json",
            &answer(2, "supervisor", &links[1].3, "trained", "Solide."),
            2,
        ),
    ];
    for (n, level) in [(2, "awareness"), (3, "trained"), (4, "trained")] {
        results.push(files.signed(
            &format!("peer-{n}.json"),
            &answer(
                10 + n as u8,
                "peer",
                &links[n].3,
                level,
                "Un collègue parle.",
            ),
            10 + n as u8,
        ));
    }
    // An outsider's key, claiming to be a peer, without an invitation.
    let outsider = files.signed(
        "outsider.json",
        &document(
            66,
            "peer",
            AWA,
            T,
            &[("integrity", Some("expert"), "Forged.")],
        ),
        66,
    );
    results.push(outsider.clone());

    let mut args = vec!["aggregate", "--campaign", campaign];
    args.extend(results.iter().map(String::as_str));
    let (code, out, err) = competency(&args);
    assert_eq!(code, 1, "a result was set aside: {err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["raterIdentities"], "bound-by-campaign");
    assert_eq!(report["campaign"], "360-2027");
    assert_eq!(
        report["setAside"],
        serde_json::json!([{ "source": outsider, "reason": "notInvited" }])
    );
    let awa = &report["subjects"][0];
    assert_eq!(
        awa["raters"],
        serde_json::json!({ "self": 1, "supervisor": 1, "peer": 3 })
    );
    let integrity = &awa["rows"][0];
    // (1 + 2 + 2) / 3: the outsider's 4 is not in it.
    assert_eq!(
        integrity["groups"]["peer"]["mean"].as_f64(),
        Some(5.0 / 3.0)
    );
    assert!(!out.contains("Forged."));
    assert!(!out.contains("Mariam"), "the report names no rater");

    // With the outsider left out of the files, nothing is set aside.
    let mut args = vec!["aggregate", "--campaign", campaign, "--format", "csv"];
    args.extend(results[..5].iter().map(String::as_str));
    let (code, out, err) = competency(&args);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.lines().nth(1).unwrap().ends_with(";campaign:360-2027"));

    // Completion: Mariam has not answered, nor has Moussa's supervisor.
    let mut args = vec!["campaign", "status", campaign];
    args.extend(results.iter().map(String::as_str));
    let (code, out, err) = competency(&args);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "360 2027, Ouagadougou (360-2027): 5 of 7 invitations answered\n\
         \n\
         Awa Traoré (M-1024)\n  \
         self          1/1 answered\n  \
         supervisor    1/1 answered\n  \
         peer          3/4 answered; pending: Mariam Cissé\n\
         \n\
         Moussa Diallo (M-2001)\n  \
         supervisor    0/1 answered; pending: Ibrahim Koné\n"
    );
    assert_eq!(
        err,
        format!(
            "{outsider}: set aside: answers no invitation: only invited answers count in campaign 360-2027\n"
        )
    );
    args.extend(["--format", "csv"]);
    let (_, out, _) = competency(&args);
    assert_eq!(
        out.lines().nth(3),
        Some("M-1024;Awa Traoré;peer;4;3;Mariam Cissé;")
    );
}

#[test]
fn a_campaign_for_another_framework_is_refused() {
    let files = Files::new("campaign-framework");
    let (code, _, _) = plan_campaign(&files, &french_plan(), &[]);
    assert_eq!(code, 0);
    let campaign = files.0.join("out/campaign.json");
    let other = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/valid/hostile-text.json");
    let (code, _, err) = competency(&[
        "campaign",
        "status",
        campaign.to_str().unwrap(),
        "--framework",
        other.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("is not a valid campaign:\n$.framework: the campaign uses framework customs-competencies"),
        "{err}"
    );
    let (code, _, err) = competency(&[
        "aggregate",
        "--campaign",
        campaign.to_str().unwrap(),
        "--show-unbound-groups",
        "x.json",
    ]);
    assert_eq!(code, 2);
    assert!(err.starts_with("--show-unbound-groups is for results without a campaign"));
}

#[test]
fn campaign_new_checks_its_options() {
    let files = Files::new("campaign-options");
    for (extra, expected) in [
        (
            &["--closes", "31/01/2027"][..],
            "--closes must be a day (2027-01-31, meaning its end in UTC)",
        ),
        (&["--lang", "de"], "--lang must be `fr` or `en`"),
        (
            &["--min-raters", "1"],
            "--min-raters must be a whole number from 2 to 50",
        ),
        (&["--id", "360 2027"], "--id must be 1 to 100 ASCII letters"),
    ] {
        let (code, _, err) = plan_campaign(&files, &french_plan(), extra);
        assert_eq!(code, 2, "{extra:?}");
        assert!(err.starts_with(expected), "{extra:?}: {err}");
    }
    let plan = files.0.join("plan.csv");
    let (code, _, err) = competency(&[
        "campaign",
        "new",
        plan.to_str().unwrap(),
        "--base-url",
        "https://rh.example/#start",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("--base-url must be the widget's absolute"),
        "{err}"
    );
}

#[test]
fn the_committed_campaign_schema_is_what_the_types_generate_and_accepts_a_campaign() {
    let (code, out, _) = competency(&["schema", "campaign"]);
    assert_eq!(code, 0);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let committed = std::fs::read_to_string(root.join("public/campaign.schema.json")).unwrap();
    assert_eq!(
        out, committed,
        "public/campaign.schema.json is stale: run `cargo run -p competency-cli -- schema campaign > public/campaign.schema.json`"
    );
    let schema: Value = serde_json::from_str(&committed).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let files = Files::new("campaign-schema");
    let (code, _, _) = plan_campaign(&files, &french_plan(), &["--closes", "2027-01-31"]);
    assert_eq!(code, 0);
    let campaign: Value =
        serde_json::from_str(&std::fs::read_to_string(files.0.join("out/campaign.json")).unwrap())
            .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&campaign)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let mut typo = campaign.clone();
    typo["invitations"][0]["tokenSHA256"] = "x".into();
    assert!(!validator.is_valid(&typo));
}
