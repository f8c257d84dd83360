use super::*;
use crate::bundled;

fn framework() -> Framework {
    bundled::framework().unwrap()
}

/// `(line, column, problem)` as the command line prints them.
fn problems(csv: &[u8]) -> Vec<String> {
    match read(csv, &framework()) {
        Ok(rows) => panic!("read {} rows", rows.len()),
        Err(e) => e.problems.iter().map(ToString::to_string).collect(),
    }
}

const GOOD: &str = "\
subject_id,subject_name,position,rater_name,rater_id,role
M-1024,Awa Traoré,customs-officer,,,self
M-1024,Awa Traoré,customs-officer,Ibrahim Koné,M-3001,supervisor
M-1024,Awa Traoré,customs-officer,Moussa Diallo,M-2001,peer
M-1024,Awa Traoré,customs-officer,\"Sanogo, Fatou\",,peer
M-2001,Moussa Diallo,,Awa Traoré,M-1024,peer
";

#[test]
fn a_good_plan_gives_its_rows() {
    let rows = read(GOOD.as_bytes(), &framework()).unwrap();
    assert_eq!(rows.len(), 5);
    assert_eq!(
        rows[0],
        PlanRow {
            line: 2,
            subject_id: "M-1024".into(),
            subject_name: "Awa Traoré".into(),
            position: Some("customs-officer".into()),
            rater_name: "Awa Traoré".into(),
            rater_id: Some("M-1024".into()),
            role: Role::SelfAssessment,
        }
    );
    assert_eq!(rows[3].rater_name, "Sanogo, Fatou");
    assert_eq!(rows[3].rater_id, None);
    assert_eq!(rows[4].position, None);
}

#[test]
fn a_french_spreadsheet_in_windows_1252_with_semicolons_reads_the_same() {
    let french = "Matricule évalué;Évalué;Poste;Évaluateur;Matricule évaluateur;Rôle\r\n\
                  M-1024;Awa Traoré;customs-officer;;;Auto-évaluation\r\n\
                  M-1024;Awa Traoré;customs-officer;Ibrahim Koné;M-3001;Supérieur hiérarchique\r\n\
                  M-1024;Awa Traoré;customs-officer;Moussa Diallo;M-2001;Collègue\r\n\
                  M-1024;Awa Traoré;customs-officer;Sanogo, Fatou;;pair\r\n\
                  M-2001;Moussa Diallo;;Awa Traoré;M-1024;COLLÈGUE\r\n\
                  ;;;;;\r\n";
    // Windows-1252: é is 0xE9, è 0xE8, ô 0xF4, É 0xC9, È 0xC8.
    let bytes: Vec<u8> = french
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    let utf8 = read(GOOD.as_bytes(), &framework()).unwrap();
    let cp1252 = read(&bytes, &framework()).unwrap();
    assert_eq!(cp1252.len(), utf8.len());
    for (a, b) in cp1252.iter().zip(&utf8) {
        assert_eq!(
            (&a.subject_name, &a.rater_name, a.role),
            (&b.subject_name, &b.rater_name, b.role)
        );
    }
    // The same in UTF-8 with a byte order mark.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(french.as_bytes());
    assert_eq!(read(&bom, &framework()).unwrap(), cp1252);
}

#[test]
fn every_bad_row_is_reported_at_once_with_its_line_and_column() {
    let plan = "\
subject_id;subject_name;position;rater_name;rater_id;role
M-1024;Awa Traoré;customs-officer;;;self
;Awa Traoré;customs-officer;Ibrahim Koné;M-3001;supervisor
M-1024;Awa Traoré;customs-officer;;M-2001;peer
M-1024;Awa Traoré;customs-officer;Moussa Diallo;M-2001;boss
M-1024;Awa Traoré;juggler;Moussa Diallo;M-2001;peer
M-1024;Awa TRAORE;customs-officer;Fatou Sanogo;M-4001;peer
M-1024;Awa Traoré;customs-officer;Fatou Sanogo;M-4001;other
M-1024;Awa Traoré;customs-officer;;;self
M-1024;Awa Traoré;customs-officer;Awa Traoré;M-1024;peer
M-1024;Awa Traoré;customs-officer;;M-9;self
M-1024;Awa Traoré;customs-officer;Adama;;peer;extra
";
    assert_eq!(
        problems(plan.as_bytes()),
        [
            "line 3, column subject_id: empty",
            "line 4, column rater_name: empty",
            "line 5, column role: unknown role `boss` (self, supervisor, peer, direct-report or other)",
            "line 6, column position: the framework has no position `juggler`",
            "line 7, column subject_name: this HR id has another name on line 2",
            "line 8, column rater_id: this rater is already invited to rate this person, on line 7",
            "line 9: this person already has a self-assessment line, line 2",
            "line 10, column rater_id: the rater is the person rated: use the role `self` for a self-assessment",
            "line 11, column rater_id: a self-assessment's rater is the person: leave rater_id empty or give the subject's",
            "line 12: 7 cells, but the header names 6 columns",
        ]
    );
}

#[test]
fn a_bad_header_is_reported_before_any_row() {
    assert_eq!(
        problems(b"subject_id,subjet_name,rater_name,role,role\nM-1,A,B,peer,peer\n"),
        [
            "line 1, column subjet_name: unknown column `subjet_name` (the columns are subject_id, subject_name, position, rater_name, rater_id and role)",
            "line 1, column role: a second column with this name",
            "line 1, column subject_name: this column is missing from the header",
        ]
    );
    assert_eq!(
        problems(b""),
        ["line 1: the file is empty: the first line must name the columns"]
    );
    assert_eq!(
        problems(b"subject_id,subject_name,rater_name,role\n\n,,,\n"),
        ["line 1: no invitation: the plan has a header and nothing else"]
    );
    assert_eq!(
        problems(b"subject_id,subject_name,rater_name,role\nM-1,\"Awa\nTraore\",B,peer\n"),
        ["line 2, column subject_name: holds a control character (a line break?)"]
    );
}

#[test]
fn a_plan_becomes_a_campaign_with_one_token_per_invitation() {
    let rows = read(GOOD.as_bytes(), &framework()).unwrap();
    let mut n = 0u8;
    let planned = campaign(
        &rows,
        Settings {
            id: "360-2027".into(),
            title: "360 2027".into(),
            framework: FrameworkReference {
                id: "customs-competencies".into(),
                version: "1".into(),
                sha256: "ab".repeat(32),
            },
            min_raters: 3,
            closes: Moment::parse("2027-01-31T23:59:59Z"),
        },
        || {
            n += 1;
            super::super::token_from_bytes(&[n; 16])
        },
        |bytes| {
            let mut hash = [0; 32];
            hash[..bytes.len().min(32)].copy_from_slice(&bytes[..bytes.len().min(32)]);
            hash
        },
    );
    let c = &planned.campaign;
    assert_eq!(c.subjects.len(), 2);
    assert_eq!(c.subjects[1].position, None);
    assert_eq!(c.invitations.len(), 5);
    assert_eq!(planned.tokens.len(), 5);
    assert_eq!(c.invitations[4].id, "I-0005");
    assert_eq!(c.invitations[1].rater_name.as_deref(), Some("Ibrahim Koné"));
    assert!(c.invitations.iter().all(|i| i.closes.is_some()));
    // The campaign keeps each token's hash, never the token.
    assert_eq!(
        &c.invitations[0].token_sha256[..22],
        planned.tokens[0].as_bytes()
    );
    assert!(!c.to_json().contains(&planned.tokens[0]));
    // And it reads back as it was written.
    assert_eq!(&Campaign::from_json(&c.to_json()).unwrap(), c);
}
