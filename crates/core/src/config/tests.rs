//! Tests of the configuration: reading, every kind of problem with its path, layers, address
//! parameters and (feature `schema`) the schema's agreement with the reader.

use serde_json::{Map, Value, json};

use super::read::{is_colour, is_font, is_origin, is_radius, is_url};
use super::*;
use crate::read::Structure;
use ConfigProblemKind as Kind;

const LANGUAGES: &[&str] = &["fr", "en"];

fn read(value: &Value) -> Result<Config, ConfigError> {
    from_value(value, LANGUAGES)
}

/// `{"configVersion": 1}` with `fields` added.
fn v1(fields: Value) -> Value {
    let mut config = json!({ "configVersion": 1 });
    for (key, value) in fields.as_object().unwrap() {
        config[key] = value.clone();
    }
    config
}

fn sorted(mut problems: Vec<(String, Kind)>) -> Vec<(String, Kind)> {
    problems.sort_by_key(|(path, kind)| (path.clone(), format!("{kind:?}")));
    problems
}

/// The problems found, in any order, must be exactly `expected`.
#[track_caller]
fn assert_problems(config: &Value, expected: &[(&str, Kind)]) {
    let error = match read(config) {
        Ok(read) => panic!("accepted {config}: {read:?}"),
        Err(error) => error,
    };
    assert!(!error.truncated);
    let found: Vec<(String, Kind)> = error
        .problems
        .into_iter()
        .map(|p| (p.path, p.kind))
        .collect();
    let expected: Vec<(String, Kind)> = expected
        .iter()
        .map(|(path, kind)| ((*path).to_owned(), kind.clone()))
        .collect();
    assert_eq!(sorted(found), sorted(expected), "{config}");
}

fn full() -> Value {
    json!({
        "configVersion": 1,
        "instance": "officer-form",
        "language": "fr",
        "subject": { "id": "M-1024", "name": "Awa Traoré" },
        "position": "customs-officer",
        "rater": { "role": "peer", "id": "R-7", "name": "Chef Diallo" },
        "framework": { "url": "https://hr.example/framework.json" },
        "challenge": "n-123",
        "invitation": { "campaign": "360-2027", "token": "x3JvYSBkZSBsYSBwYWl4LWc" },
        "upload": {
            "url": "https://hr.example/results",
            "headers": { "Authorization": "Bearer x", "X-Trace": "a\tb c" }
        },
        "minRaters": 4,
        "allowedOrigins": ["https://portal.example", "http://localhost:8080"],
        "parentOrigin": "https://portal.example",
        "theme": {
            "colourText": "#1a1a1a",
            "colourMuted": "rgb(90 90 90 / 80%)",
            "colourBackground": "white",
            "colourSurface": "#f5f5f5ff",
            "colourAccent": "#0b5394",
            "colourAccentText": "#FFF",
            "colourError": "hsl(0deg, 70%, 40%)",
            "colourFocus": "rgba(11, 83, 148, 0.5)",
            "font": "Marianne, \"Noto Sans\", 'Helvetica Neue', Arial, sans-serif",
            "radius": "0.25rem"
        },
        "screens": ["results", "assessment"],
        "readOnly": true,
        "shared": true,
        "idleLockSeconds": 120
    })
}

fn full_expected() -> Config {
    Config {
        instance: Some("officer-form".into()),
        language: Some("fr".into()),
        subject: Some(Subject {
            id: "M-1024".into(),
            name: "Awa Traoré".into(),
        }),
        position: Some("customs-officer".into()),
        rater: Some(RaterConfig {
            role: Role::Peer,
            id: "R-7".into(),
            name: "Chef Diallo".into(),
        }),
        framework: FrameworkSource::Url("https://hr.example/framework.json".into()),
        challenge: Some("n-123".into()),
        invitation: Some(InvitationRef {
            campaign: "360-2027".into(),
            token: "x3JvYSBkZSBsYSBwYWl4LWc".into(),
        }),
        upload: Some(Upload {
            url: "https://hr.example/results".into(),
            headers: vec![
                ("Authorization".into(), "Bearer x".into()),
                ("X-Trace".into(), "a\tb c".into()),
            ],
        }),
        min_raters: 4,
        allowed_origins: vec![
            "https://portal.example".into(),
            "http://localhost:8080".into(),
        ],
        parent_origin: Some("https://portal.example".into()),
        theme: Theme {
            pairs: vec![
                ("--cw-colour-text", "#1a1a1a".into()),
                ("--cw-colour-muted", "rgb(90 90 90 / 80%)".into()),
                ("--cw-colour-background", "white".into()),
                ("--cw-colour-surface", "#f5f5f5ff".into()),
                ("--cw-colour-accent", "#0b5394".into()),
                ("--cw-colour-accent-text", "#FFF".into()),
                ("--cw-colour-error", "hsl(0deg, 70%, 40%)".into()),
                ("--cw-colour-focus", "rgba(11, 83, 148, 0.5)".into()),
                (
                    "--cw-font",
                    "Marianne, \"Noto Sans\", 'Helvetica Neue', Arial, sans-serif".into(),
                ),
                ("--cw-radius", "0.25rem".into()),
            ],
        },
        screens: Screens {
            assessment: true,
            framework: false,
            results: true,
        },
        read_only: true,
        shared: true,
        idle_lock_seconds: 120,
    }
}

#[test]
fn a_full_configuration_reads_into_the_expected_config() {
    assert_eq!(read(&full()), Ok(full_expected()));
    let config = read(&full()).unwrap();
    assert_eq!(config.theme.get("--cw-colour-accent"), Some("#0b5394"));
    assert_eq!(config.theme.get("--cw-colour-unknown"), None);
}

#[test]
fn an_empty_configuration_is_the_default_one() {
    let config = read(&json!({ "configVersion": 1 })).unwrap();
    assert_eq!(config, Config::default());
    assert_eq!(config.framework, FrameworkSource::Bundled);
    assert_eq!(config.min_raters, 3);
    assert_eq!(
        config.screens,
        Screens {
            assessment: true,
            framework: true,
            results: false
        }
    );
    assert!(!config.read_only && config.theme.pairs.is_empty() && config.upload.is_none());
}

#[test]
fn null_means_absent() {
    let mut config = full();
    for (key, value) in config.as_object_mut().unwrap() {
        if key != "configVersion" {
            *value = Value::Null;
        }
    }
    assert_eq!(read(&config), Ok(Config::default()));
    let config = v1(
        json!({ "theme": { "colourAccent": null, "radius": "0" }, "subject": { "name": "A", "id": null } }),
    );
    let config = read(&config).unwrap();
    assert_eq!(config.theme.pairs, [("--cw-radius", "0".to_owned())]);
    assert_eq!(config.subject.unwrap().id, "");
}

#[test]
fn other_framework_sources_and_partial_rater() {
    let inline = json!({ "formatVersion": 1, "id": "x" });
    let config = read(&v1(json!({ "framework": { "inline": inline.clone() } }))).unwrap();
    assert_eq!(config.framework, FrameworkSource::Inline(inline));
    let config = read(&v1(json!({ "framework": { "bundled": true } }))).unwrap();
    assert_eq!(config.framework, FrameworkSource::Bundled);
    let config = read(&v1(json!({ "rater": { "role": "direct-report" } }))).unwrap();
    assert_eq!(
        config.rater,
        Some(RaterConfig {
            role: Role::DirectReport,
            id: String::new(),
            name: String::new()
        })
    );
}

#[test]
fn each_kind_of_bad_configuration_is_reported_at_its_path() {
    let long = |n: usize| "x".repeat(n);
    let many_origins: Vec<String> = (0..21).map(|i| format!("https://p{i}.example")).collect();
    let many_headers: Map<String, Value> =
        (0..21).map(|i| (format!("X-H{i}"), json!("v"))).collect();
    let cases: Vec<(Value, Vec<(&str, Kind)>)> = vec![
        // The configuration itself.
        (json!([1, 2]), vec![("$", Kind::NotAnObject)]),
        (json!("{}"), vec![("$", Kind::NotAnObject)]),
        (
            json!({ "configVersion": 2, "bogus": true }),
            vec![("$.configVersion", Kind::UnsupportedVersion("2".into()))],
        ),
        (
            json!({ "configVersion": "1" }),
            vec![("$.configVersion", Kind::UnsupportedVersion("\"1\"".into()))],
        ),
        (
            json!({ "language": "en" }),
            vec![(
                "$",
                Kind::Structure(Structure::MissingField {
                    field: "configVersion".into(),
                }),
            )],
        ),
        (
            v1(json!({ "minRater": 3 })),
            vec![(
                "$.minRater",
                Kind::Structure(Structure::UnknownField {
                    field: "minRater".into(),
                }),
            )],
        ),
        (
            v1(json!({ "theme": { "accent": "#000" } })),
            vec![(
                "$.theme.accent",
                Kind::Structure(Structure::UnknownField {
                    field: "accent".into(),
                }),
            )],
        ),
        (
            v1(json!({ "subject": { "name": "A", "e mail": "a@b" } })),
            vec![(
                r#"$.subject["e mail"]"#,
                Kind::Structure(Structure::UnknownField {
                    field: "e mail".into(),
                }),
            )],
        ),
        // Instance, language, subject, position, rater.
        (
            v1(json!({ "instance": "my form" })),
            vec![("$.instance", Kind::BadInstance)],
        ),
        (
            v1(json!({ "instance": long(41) })),
            vec![("$.instance", Kind::BadInstance)],
        ),
        (
            v1(json!({ "instance": "" })),
            vec![("$.instance", Kind::BadInstance)],
        ),
        (
            v1(json!({ "language": "de" })),
            vec![("$.language", Kind::UnknownLanguage("de".into()))],
        ),
        (
            v1(json!({ "language": ["fr"] })),
            vec![(
                "$.language",
                Kind::Structure(Structure::WrongType {
                    expected: Expected::String,
                }),
            )],
        ),
        (
            v1(json!({ "subject": { "id": "M-1" } })),
            vec![(
                "$.subject",
                Kind::Structure(Structure::MissingField {
                    field: "name".into(),
                }),
            )],
        ),
        (
            v1(json!({ "subject": { "name": "  " } })),
            vec![("$.subject.name", Kind::Structure(Structure::Empty))],
        ),
        (
            v1(json!({ "subject": { "name": long(201) } })),
            vec![(
                "$.subject.name",
                Kind::Structure(Structure::TooLong {
                    length: 201,
                    limit: 200,
                }),
            )],
        ),
        (
            v1(json!({ "subject": "Awa" })),
            vec![(
                "$.subject",
                Kind::Structure(Structure::WrongType {
                    expected: Expected::Object,
                }),
            )],
        ),
        (
            v1(json!({ "position": "" })),
            vec![("$.position", Kind::Structure(Structure::Empty))],
        ),
        (
            v1(json!({ "rater": { "role": "boss" } })),
            vec![("$.rater.role", Kind::UnknownRole("boss".into()))],
        ),
        (
            v1(json!({ "rater": { "name": "Chef Diallo" } })),
            vec![(
                "$.rater",
                Kind::Structure(Structure::MissingField {
                    field: "role".into(),
                }),
            )],
        ),
        // Framework.
        (
            v1(json!({ "framework": { "bundled": true, "url": "https://hr.example/f.json" } })),
            vec![("$.framework", Kind::FrameworkSource)],
        ),
        (
            v1(json!({ "framework": {} })),
            vec![("$.framework", Kind::FrameworkSource)],
        ),
        (
            v1(json!({ "framework": { "bundled": false } })),
            vec![("$.framework.bundled", Kind::FrameworkSource)],
        ),
        (
            v1(json!({ "framework": { "url": "ftp://hr.example/f.json" } })),
            vec![(
                "$.framework.url",
                Kind::BadUrl("ftp://hr.example/f.json".into()),
            )],
        ),
        (
            v1(json!({ "framework": { "inline": "{}" } })),
            vec![(
                "$.framework.inline",
                Kind::Structure(Structure::WrongType {
                    expected: Expected::Object,
                }),
            )],
        ),
        (
            v1(json!({ "framework": { "file": "f.json" } })),
            vec![
                (
                    "$.framework.file",
                    Kind::Structure(Structure::UnknownField {
                        field: "file".into(),
                    }),
                ),
                ("$.framework", Kind::FrameworkSource),
            ],
        ),
        // Challenge.
        (
            v1(json!({ "challenge": "" })),
            vec![("$.challenge", Kind::Structure(Structure::Empty))],
        ),
        (
            v1(json!({ "challenge": long(513) })),
            vec![(
                "$.challenge",
                Kind::Structure(Structure::TooLong {
                    length: 513,
                    limit: 512,
                }),
            )],
        ),
        // Upload.
        (
            v1(json!({ "upload": { "url": "javascript:alert(1)" } })),
            vec![("$.upload.url", Kind::BadUrl("javascript:alert(1)".into()))],
        ),
        (
            v1(json!({ "upload": { "url": "https://user:pw@hr.example/results" } })),
            vec![(
                "$.upload.url",
                Kind::BadUrl("https://user:pw@hr.example/results".into()),
            )],
        ),
        (
            v1(json!({ "upload": { "url": "/results" } })),
            vec![("$.upload.url", Kind::BadUrl("/results".into()))],
        ),
        (
            v1(json!({ "upload": { "headers": {} } })),
            vec![(
                "$.upload",
                Kind::Structure(Structure::MissingField {
                    field: "url".into(),
                }),
            )],
        ),
        (
            v1(
                json!({ "upload": { "url": "https://hr.example/r", "headers": { "Cookie": "s=1" } } }),
            ),
            vec![(
                "$.upload.headers.Cookie",
                Kind::ForbiddenHeader("Cookie".into()),
            )],
        ),
        (
            v1(
                json!({ "upload": { "url": "https://hr.example/r", "headers": {
                "content-type": "text/plain",
                "Sec-Fetch-Mode": "cors",
                "PROXY-Authorization": "x",
                "Host": "evil.example",
                "Origin": "https://evil.example",
                "Referer": "https://evil.example",
                "Content-Length": "1"
            } } }),
            ),
            vec![
                (
                    "$.upload.headers.content-type",
                    Kind::ForbiddenHeader("content-type".into()),
                ),
                (
                    "$.upload.headers.Sec-Fetch-Mode",
                    Kind::ForbiddenHeader("Sec-Fetch-Mode".into()),
                ),
                (
                    "$.upload.headers.PROXY-Authorization",
                    Kind::ForbiddenHeader("PROXY-Authorization".into()),
                ),
                (
                    "$.upload.headers.Host",
                    Kind::ForbiddenHeader("Host".into()),
                ),
                (
                    "$.upload.headers.Origin",
                    Kind::ForbiddenHeader("Origin".into()),
                ),
                (
                    "$.upload.headers.Referer",
                    Kind::ForbiddenHeader("Referer".into()),
                ),
                (
                    "$.upload.headers.Content-Length",
                    Kind::ForbiddenHeader("Content-Length".into()),
                ),
            ],
        ),
        (
            v1(
                json!({ "upload": { "url": "https://hr.example/r", "headers": {
                "X Bad": "v",
                "X-Line": "a\r\nSet-Cookie: x",
                "X-Number": 1,
                "X-Long": long(1001)
            } } }),
            ),
            vec![
                (
                    r#"$.upload.headers["X Bad"]"#,
                    Kind::BadHeader("X Bad".into()),
                ),
                (
                    "$.upload.headers.X-Line",
                    Kind::BadHeaderValue("X-Line".into()),
                ),
                (
                    "$.upload.headers.X-Number",
                    Kind::Structure(Structure::WrongType {
                        expected: Expected::String,
                    }),
                ),
                (
                    "$.upload.headers.X-Long",
                    Kind::Structure(Structure::TooLong {
                        length: 1001,
                        limit: 1000,
                    }),
                ),
            ],
        ),
        (
            v1(
                json!({ "upload": { "url": "https://hr.example/r", "headers": { "X-A": "1", "x-a": "2" } } }),
            ),
            vec![("$.upload.headers.x-a", Kind::DuplicateHeader("x-a".into()))],
        ),
        (
            v1(json!({ "upload": { "url": "https://hr.example/r", "headers": many_headers } })),
            vec![(
                "$.upload.headers",
                Kind::Structure(Structure::TooMany {
                    count: 21,
                    limit: 20,
                }),
            )],
        ),
        // Raters.
        (
            v1(json!({ "minRaters": 0 })),
            vec![(
                "$.minRaters",
                Kind::Structure(Structure::OutOfRange { min: 1, max: 50 }),
            )],
        ),
        (
            v1(json!({ "minRaters": 51 })),
            vec![(
                "$.minRaters",
                Kind::Structure(Structure::OutOfRange { min: 1, max: 50 }),
            )],
        ),
        (
            v1(json!({ "minRaters": 2.5 })),
            vec![(
                "$.minRaters",
                Kind::Structure(Structure::OutOfRange { min: 1, max: 50 }),
            )],
        ),
        (
            v1(json!({ "minRaters": "3" })),
            vec![(
                "$.minRaters",
                Kind::Structure(Structure::WrongType {
                    expected: Expected::Integer,
                }),
            )],
        ),
        // Origins.
        (
            v1(json!({ "allowedOrigins": ["*"] })),
            vec![("$.allowedOrigins[0]", Kind::BadOrigin("*".into()))],
        ),
        (
            v1(
                json!({ "allowedOrigins": ["https://portal.example", "null", "https://portal.example/hr"] }),
            ),
            vec![
                ("$.allowedOrigins[1]", Kind::BadOrigin("null".into())),
                (
                    "$.allowedOrigins[2]",
                    Kind::BadOrigin("https://portal.example/hr".into()),
                ),
            ],
        ),
        (
            v1(json!({ "allowedOrigins": "https://portal.example" })),
            vec![(
                "$.allowedOrigins",
                Kind::Structure(Structure::WrongType {
                    expected: Expected::Array,
                }),
            )],
        ),
        (
            v1(json!({ "allowedOrigins": many_origins })),
            vec![(
                "$.allowedOrigins",
                Kind::Structure(Structure::TooMany {
                    count: 21,
                    limit: 20,
                }),
            )],
        ),
        (
            v1(json!({ "parentOrigin": "https://portal.example/" })),
            vec![(
                "$.parentOrigin",
                Kind::BadOrigin("https://portal.example/".into()),
            )],
        ),
        // Theme.
        (
            v1(json!({ "theme": { "colourAccent": "red;} body{display:none" } })),
            vec![(
                "$.theme.colourAccent",
                Kind::BadColour("red;} body{display:none".into()),
            )],
        ),
        (
            v1(
                json!({ "theme": { "colourText": "rgb(0,0,0);background:url(https://evil.example)" } }),
            ),
            vec![(
                "$.theme.colourText",
                Kind::BadColour("rgb(0,0,0);background:url(https://evil.example)".into()),
            )],
        ),
        (
            v1(json!({ "theme": { "colourText": long(101) } })),
            vec![(
                "$.theme.colourText",
                Kind::Structure(Structure::TooLong {
                    length: 101,
                    limit: 100,
                }),
            )],
        ),
        (
            v1(json!({ "theme": { "font": "Arial</style><script>alert(1)</script>" } })),
            vec![("$.theme.font", Kind::BadFont)],
        ),
        (
            v1(json!({ "theme": { "radius": "1e9px" } })),
            vec![("$.theme.radius", Kind::BadRadius("1e9px".into()))],
        ),
        (
            v1(json!({ "theme": { "radius": 4 } })),
            vec![(
                "$.theme.radius",
                Kind::Structure(Structure::WrongType {
                    expected: Expected::String,
                }),
            )],
        ),
        // Screens, read-only.
        (
            v1(json!({ "screens": ["assessment", "admin"] })),
            vec![("$.screens[1]", Kind::UnknownScreen("admin".into()))],
        ),
        (
            v1(json!({ "screens": [] })),
            vec![("$.screens", Kind::NoScreens)],
        ),
        (
            v1(json!({ "screens": ["results", "results"] })),
            vec![("$.screens[1]", Kind::DuplicateScreen("results".into()))],
        ),
        (
            v1(json!({ "readOnly": "yes" })),
            vec![(
                "$.readOnly",
                Kind::Structure(Structure::WrongType {
                    expected: Expected::Boolean,
                }),
            )],
        ),
    ];
    let mut kinds = std::collections::BTreeSet::new();
    for (config, expected) in &cases {
        assert_problems(config, expected);
        for (_, kind) in expected {
            // Each structural problem counts as a kind of its own.
            let name = format!("{kind:?}");
            let name = name.strip_prefix("Structure(").unwrap_or(&name);
            kinds.insert(name.split(['(', ' ']).next().unwrap().to_owned());
        }
    }
    assert!(kinds.len() >= 25, "{kinds:?}");
}

#[test]
fn a_configuration_with_several_problems_reports_them_all() {
    let config = json!({
        "instance": "a/b",
        "language": "de",
        "subject": {},
        "rater": { "role": "boss" },
        "framework": { "bundled": true, "inline": {} },
        "upload": { "url": "javascript:alert(1)", "headers": { "Cookie": "x" } },
        "minRaters": 0,
        "allowedOrigins": ["*"],
        "parentOrigin": "null",
        "theme": { "colourAccent": "red;}", "font": "a{b}", "radius": "100px" },
        "screens": ["admin"],
        "readOnly": 1,
        "extra": true
    });
    assert_problems(
        &config,
        &[
            (
                "$",
                Kind::Structure(Structure::MissingField {
                    field: "configVersion".into(),
                }),
            ),
            (
                "$.extra",
                Kind::Structure(Structure::UnknownField {
                    field: "extra".into(),
                }),
            ),
            ("$.instance", Kind::BadInstance),
            ("$.language", Kind::UnknownLanguage("de".into())),
            (
                "$.subject",
                Kind::Structure(Structure::MissingField {
                    field: "name".into(),
                }),
            ),
            ("$.rater.role", Kind::UnknownRole("boss".into())),
            ("$.framework", Kind::FrameworkSource),
            ("$.upload.url", Kind::BadUrl("javascript:alert(1)".into())),
            (
                "$.upload.headers.Cookie",
                Kind::ForbiddenHeader("Cookie".into()),
            ),
            (
                "$.minRaters",
                Kind::Structure(Structure::OutOfRange { min: 1, max: 50 }),
            ),
            ("$.allowedOrigins[0]", Kind::BadOrigin("*".into())),
            ("$.parentOrigin", Kind::BadOrigin("null".into())),
            ("$.theme.colourAccent", Kind::BadColour("red;}".into())),
            ("$.theme.font", Kind::BadFont),
            ("$.theme.radius", Kind::BadRadius("100px".into())),
            ("$.screens[0]", Kind::UnknownScreen("admin".into())),
            (
                "$.readOnly",
                Kind::Structure(Structure::WrongType {
                    expected: Expected::Boolean,
                }),
            ),
        ],
    );
}

#[test]
fn problems_are_worded_in_english_with_their_paths() {
    let error = read(&v1(json!({
        "upload": { "url": "https://hr.example/r", "headers": { "Cookie": "x" } },
        "allowedOrigins": ["*"]
    })))
    .unwrap_err();
    let text = error.to_string();
    assert!(
        text.contains("$.upload.headers.Cookie: the header `Cookie` cannot be set here"),
        "{text}"
    );
    assert!(
        text.contains("$.allowedOrigins[0]: `*` is not an origin"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 2, "{text}");
    let error = read(&json!({ "configVersion": 7 })).unwrap_err();
    assert_eq!(
        error.to_string(),
        "$.configVersion: configuration version 7 is not supported (this widget reads version 1)"
    );
}

#[test]
fn the_problem_list_is_cut_at_the_limit() {
    let fields: Map<String, Value> = (0..2 * MAX_PROBLEMS)
        .map(|i| (format!("field{i}"), json!(1)))
        .collect();
    let mut config = Value::Object(fields);
    config["configVersion"] = json!(1);
    let error = read(&config).unwrap_err();
    assert_eq!(error.problems.len(), MAX_PROBLEMS);
    assert!(error.truncated);
    assert!(
        error
            .to_string()
            .ends_with("(more problems were found and left out)")
    );
}

#[test]
fn sizes_are_checked_before_anything_is_read() {
    // Over 1 MiB outside an inline framework: refused with that problem alone.
    let big = "x".repeat(MAX_CONFIG_BYTES);
    assert_problems(
        &json!({ "configVersion": 9, "position": big }),
        &[(
            "$",
            Kind::TooLarge {
                limit: MAX_CONFIG_BYTES,
            },
        )],
    );
    // An inline framework may be larger, up to the framework loader's limit.
    let description = "x".repeat(2 * MAX_CONFIG_BYTES);
    let config = v1(json!({ "framework": { "inline": { "description": description } } }));
    assert!(matches!(
        read(&config).unwrap().framework,
        FrameworkSource::Inline(_)
    ));
    let limit = crate::framework::limits::MAX_DOCUMENT_BYTES;
    // `{"d":"…"}` is 8 bytes more than its text.
    let exactly = v1(json!({ "framework": { "inline": { "d": "x".repeat(limit - 8) } } }));
    assert_eq!(
        serde_json::to_string(&exactly["framework"]["inline"])
            .unwrap()
            .len(),
        limit
    );
    assert!(read(&exactly).is_ok());
    let over = v1(json!({ "framework": { "inline": { "d": "x".repeat(limit - 7) } } }));
    assert_problems(&over, &[("$.framework.inline", Kind::TooLarge { limit })]);
    // Both at once.
    let both =
        v1(json!({ "position": big, "framework": { "inline": { "d": "x".repeat(limit) } } }));
    assert_problems(
        &both,
        &[
            (
                "$",
                Kind::TooLarge {
                    limit: MAX_CONFIG_BYTES,
                },
            ),
            ("$.framework.inline", Kind::TooLarge { limit }),
        ],
    );
}

#[test]
fn accepted_and_refused_values() {
    for colour in [
        "#fff",
        "#ffff",
        "#0b5394",
        "#0B5394CC",
        "rgb(11 83 148)",
        "rgb(11 83 148 / 50%)",
        "rgba(11,83,148,.5)",
        "hsl(210deg 50% 40%)",
        "hsla(210, 50%, 40%, 0.5)",
        "RebeccaPurple",
        "red",
        "transparent",
    ] {
        assert!(is_colour(colour), "{colour}");
    }
    for colour in [
        "",
        "#ff",
        "#fffff",
        "#ggg",
        "red;",
        "re",
        "var(--x)",
        "url(x)",
        "rgb(1,2,3",
        "rgb(1;2)",
        "RGB(1,2,3)",
        "rgb(calc(1))",
        "expression(alert(1))",
        "red }",
        " red",
        "#fff ",
        "rgb(1,2,3)x",
        "hsl(1turn,0%,0%)",
        "abcdefghijklmnopqrstu",
    ] {
        assert!(!is_colour(colour), "{colour}");
    }
    for radius in ["0", "4px", "0.25rem", "1.5em", "99.999%", "12%", "05px"] {
        assert!(is_radius(radius), "{radius}");
    }
    for radius in [
        "",
        "0px ",
        "100px",
        "1e9px",
        "4",
        ".5rem",
        "4.px",
        "1.2345px",
        "4PX",
        "4pt",
        "-1px",
        "calc(1px)",
        "4px;",
        "00",
    ] {
        assert!(!is_radius(radius), "{radius}");
    }
    for font in [
        "Marianne, Arial, sans-serif",
        "\"Noto Sans\"",
        "'Source Sans 3'",
        "Яндекс Сans",
        "思源黑体",
    ] {
        assert!(is_font(font), "{font}");
    }
    for font in [
        "a;b", "a{b", "a}b", "a(b)", "a\\b", "a<b", "a>b", "a:b", "a\nb", "a/b",
    ] {
        assert!(!is_font(font), "{font}");
    }
    for origin in [
        "https://portal.example",
        "http://localhost:8080",
        "https://a-b.c-d.example:8443",
        "https://[::1]:8443",
        "http://127.0.0.1",
        "https://xn--bcher-kva.example",
        "https://portal.example:65535",
    ] {
        assert!(is_origin(origin), "{origin}");
    }
    for origin in [
        "*",
        "null",
        "",
        "https://",
        "https://portal.example/",
        "https://portal.example/hr",
        "https://portal.example?x",
        "https://portal.example#x",
        "https://user@portal.example",
        "https://Portal.example",
        "HTTPS://portal.example",
        "https://portal.example:443",
        "http://portal.example:80",
        "https://portal.example:0",
        "https://portal.example:65536",
        "https://portal.example:08443",
        "https://portal.example:",
        "ftp://portal.example",
        "https://-portal.example",
        "https://portal-.example",
        "https://portal..example",
        "https://portal.example.",
        "https://*.portal.example",
        "https://[::G]",
        "https:// portal.example",
        "file://",
        "https://portal.example ",
    ] {
        assert!(!is_origin(origin), "{origin}");
    }
    for url in [
        "https://hr.example/results",
        "http://localhost:8080/r?x=1#y",
        "https://hr.example",
        "https://[::1]:8443/r",
        "https://hr.example?x",
        "https://hôte.example/é",
        "https://hr.example/a@b",
    ] {
        assert!(is_url(url), "{url}");
    }
    for url in [
        "",
        "javascript:alert(1)",
        "data:text/html,x",
        "//hr.example/r",
        "/results",
        "ftp://hr.example",
        "HTTPS://hr.example",
        "https://",
        "https:///x",
        "https://user:pw@hr.example/",
        "https://@hr.example",
        "https://hr.example:99999/",
        "https://hr.example:x/",
        "https://hr.example/a b",
        "https://hr.example/\n",
        "https://hr.example\\@evil.example",
        "https://[::1/x",
    ] {
        assert!(!is_url(url), "{url}");
    }
}

#[test]
fn url_parameters_map_to_configuration_fields() {
    let params = [
        ("lang", "en"),
        ("name", "Awa Traoré"),
        ("subject", "M-1024"),
        ("position", "customs-officer"),
        ("role", "peer"),
        ("rater", "R-7"),
        ("raterName", "Chef Diallo"),
        ("challenge", "n-123"),
        ("upload", "https://hr.example/results"),
        ("framework", "https://hr.example/framework.json"),
        ("minRaters", "4"),
        ("instance", "officer-form"),
        ("readOnly", "true"),
        ("screens", "assessment, results"),
        (
            "allowedOrigins",
            "https://portal.example,http://127.0.0.1:8081",
        ),
        ("parentOrigin", "https://portal.example"),
        ("ignored", "x"),
    ];
    let get = |name: &str| {
        params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| (*v).to_owned())
    };
    let layer = from_url_params(get);
    assert_eq!(
        Value::Object(layer.clone()),
        json!({
            "configVersion": 1,
            "language": "en",
            "subject": { "id": "M-1024", "name": "Awa Traoré" },
            "position": "customs-officer",
            "rater": { "role": "peer", "id": "R-7", "name": "Chef Diallo" },
            "challenge": "n-123",
            "upload": { "url": "https://hr.example/results" },
            "framework": { "url": "https://hr.example/framework.json" },
            "minRaters": 4,
            "instance": "officer-form",
            "readOnly": true,
            "screens": ["assessment", "results"],
            "allowedOrigins": ["https://portal.example", "http://127.0.0.1:8081"],
            "parentOrigin": "https://portal.example"
        })
    );
    let config = read(&Value::Object(layer)).unwrap();
    assert_eq!(config.allowed_origins.len(), 2);
    assert_eq!(config.rater.unwrap().role, Role::Peer);
    assert_eq!(config.min_raters, 4);
    assert_eq!(
        config.framework,
        FrameworkSource::Url("https://hr.example/framework.json".into())
    );

    // No parameter: only the version. Empty parameters count as absent.
    assert_eq!(
        Value::Object(from_url_params(|_| None)),
        json!({ "configVersion": 1 })
    );
    assert_eq!(
        Value::Object(from_url_params(|_| Some(String::new()))),
        json!({ "configVersion": 1 })
    );

    // What cannot be converted stays a string, for the reader to report.
    let bad = [
        ("minRaters", "three"),
        ("readOnly", "yes"),
        ("name", "A"),
        ("role", "boss"),
    ];
    let layer = from_url_params(|name| {
        bad.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| (*v).to_owned())
    });
    assert_eq!(layer["minRaters"], json!("three"));
    assert_eq!(layer["readOnly"], json!("yes"));
    assert_problems(
        &Value::Object(layer),
        &[
            (
                "$.minRaters",
                Kind::Structure(Structure::WrongType {
                    expected: Expected::Integer,
                }),
            ),
            (
                "$.readOnly",
                Kind::Structure(Structure::WrongType {
                    expected: Expected::Boolean,
                }),
            ),
            ("$.rater.role", Kind::UnknownRole("boss".into())),
        ],
    );
    let negative = from_url_params(|name| (name == "minRaters").then(|| "-1".to_owned()));
    assert_eq!(negative["minRaters"], json!(-1));
    assert_problems(
        &Value::Object(negative),
        &[(
            "$.minRaters",
            Kind::Structure(Structure::OutOfRange { min: 1, max: 50 }),
        )],
    );
    // A subject id without a name: the name is missing.
    let id_only = from_url_params(|name| (name == "subject").then(|| "M-1".to_owned()));
    assert_problems(
        &Value::Object(id_only),
        &[(
            "$.subject",
            Kind::Structure(Structure::MissingField {
                field: "name".into(),
            }),
        )],
    );
}

fn map(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => panic!("not an object"),
    }
}

#[test]
fn layers_merge_url_then_mount_then_message() {
    let url = from_url_params(|name| match name {
        "lang" => Some("fr".into()),
        "name" => Some("Awa Traoré".into()),
        "subject" => Some("M-1024".into()),
        "role" => Some("self".into()),
        "minRaters" => Some("5".into()),
        "upload" => Some("https://url.example/r".into()),
        _ => None,
    });
    let mount = map(json!({
        "configVersion": 1,
        "language": "en",
        "subject": { "name": "Awa Traoré-Diallo" },
        "upload": { "headers": { "Authorization": "Bearer mount" } },
        "framework": { "url": "https://hr.example/f.json" },
        "allowedOrigins": ["https://portal.example"],
        "theme": { "colourAccent": "#0b5394", "font": "Marianne, sans-serif", "radius": "4px" },
        "screens": ["assessment"]
    }));
    let message = map(json!({
        "theme": { "colourAccent": "#8a1538", "radius": null },
        "framework": { "bundled": true },
        "screens": ["results"],
        "readOnly": true
    }));
    let merged = layer(&[url.clone(), mount.clone(), message.clone()]);
    assert_eq!(
        merged,
        json!({
            "configVersion": 1,
            "language": "en",
            "subject": { "id": "M-1024", "name": "Awa Traoré-Diallo" },
            "rater": { "role": "self" },
            "minRaters": 5,
            "upload": {
                "url": "https://url.example/r",
                "headers": { "Authorization": "Bearer mount" }
            },
            "framework": { "bundled": true },
            "allowedOrigins": ["https://portal.example"],
            "theme": { "colourAccent": "#8a1538", "font": "Marianne, sans-serif", "radius": null },
            "screens": ["results"],
            "readOnly": true
        })
    );
    let config = read(&merged).unwrap();
    assert_eq!(config.language.as_deref(), Some("en"));
    assert_eq!(
        config.theme.pairs,
        [
            ("--cw-colour-accent", "#8a1538".to_owned()),
            ("--cw-font", "Marianne, sans-serif".to_owned())
        ]
    );
    assert_eq!(config.framework, FrameworkSource::Bundled);
    assert!(config.screens.results && !config.screens.assessment);
    assert_eq!(
        config.upload.unwrap().headers,
        [("Authorization".to_owned(), "Bearer mount".to_owned())]
    );

    // Precedence is the order of the layers: the earlier one loses.
    let reversed = layer(&[message, mount, url]);
    assert_eq!(reversed["language"], json!("fr"));
    assert_eq!(reversed["theme"]["colourAccent"], json!("#0b5394"));
    assert_eq!(reversed["theme"]["radius"], json!("4px"));

    // A merged field replaced by something else than an object is replaced whole, and back.
    let replaced = layer(&[
        map(json!({ "theme": { "font": "Arial" } })),
        map(json!({ "theme": null })),
        map(json!({ "theme": { "radius": "0" } })),
    ]);
    assert_eq!(replaced, json!({ "theme": { "radius": "0" } }));
    // Headers are a value of `upload`, replaced whole.
    let headers = layer(&[
        map(json!({ "upload": { "headers": { "A": "1" } } })),
        map(json!({ "upload": { "headers": { "B": "2" } } })),
    ]);
    assert_eq!(headers, json!({ "upload": { "headers": { "B": "2" } } }));
    assert_eq!(layer(&[]), json!({}));
}

/// The shipped schema must accept what the reader accepts, and refuse what it refuses,
/// wherever a schema can say it.
#[cfg(feature = "schema")]
mod schema {
    use super::*;

    fn validator() -> jsonschema::Validator {
        jsonschema::validator_for(&json_schema()).expect("a valid JSON Schema")
    }

    #[test]
    fn the_schema_has_its_id_and_refuses_unknown_fields() {
        let schema = json_schema();
        assert_eq!(schema["$id"], "config.schema.json");
        assert_eq!(schema["additionalProperties"], false);
        // The schema names exactly the fields the reader reads.
        let mut fields: Vec<&str> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut read = super::super::read::FIELDS.to_vec();
        fields.sort_unstable();
        read.sort_unstable();
        assert_eq!(fields, read);
    }

    #[test]
    fn the_schema_agrees_with_the_reader() {
        let validator = validator();
        let mut accepted = vec![full(), json!({ "configVersion": 1 })];
        let mut nulls = full();
        for (key, value) in nulls.as_object_mut().unwrap() {
            if key != "configVersion" {
                *value = Value::Null;
            }
        }
        accepted.push(nulls);
        accepted.push(v1(
            json!({ "framework": { "inline": { "formatVersion": 1 } } }),
        ));
        accepted.push(v1(json!({ "framework": { "bundled": true } })));
        accepted.push(v1(json!({ "rater": { "role": "self", "id": null } })));
        for config in &accepted {
            assert!(read(config).is_ok(), "{config}");
            let errors: Vec<String> = validator
                .iter_errors(config)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{config}: {errors:#?}");
        }
    }

    /// Every value in the theme, origin, URL and header samples: the schema and the reader
    /// give the same verdict.
    #[test]
    fn the_schema_patterns_match_the_reader_checks() {
        /// A configuration with one value in one place.
        type Sample = fn(&str) -> Value;
        let validator = validator();
        let samples: &[(&str, Sample)] = &[
            ("colour", |s| v1(json!({ "theme": { "colourAccent": s } }))),
            ("font", |s| v1(json!({ "theme": { "font": s } }))),
            ("radius", |s| v1(json!({ "theme": { "radius": s } }))),
            ("origin", |s| v1(json!({ "parentOrigin": s }))),
            ("url", |s| v1(json!({ "upload": { "url": s } }))),
            ("instance", |s| v1(json!({ "instance": s }))),
            ("name", |s| v1(json!({ "subject": { "name": s } }))),
            ("header", |s| {
                v1(json!({ "upload": { "url": "https://h.example", "headers": { s: "v" } } }))
            }),
            ("value", |s| {
                v1(json!({ "upload": { "url": "https://h.example", "headers": { "X-V": s } } }))
            }),
        ];
        let values = [
            "",
            " ",
            "#fff",
            "#ffff",
            "#0b5394",
            "#0B5394CC",
            "#ff",
            "#fffff",
            "#ggg",
            "red",
            "re",
            "RebeccaPurple",
            "abcdefghijklmnopqrstu",
            "red;",
            "rgb(11 83 148 / 50%)",
            "rgba(11,83,148,.5)",
            "hsl(210deg 50% 40%)",
            "RGB(1,2,3)",
            "rgb(calc(1))",
            "red;} body{display:none",
            "var(--x)",
            "0",
            "4px",
            "0.25rem",
            "99.999%",
            "05px",
            "100px",
            "1e9px",
            ".5rem",
            "4.px",
            "1.2345px",
            "4PX",
            "00",
            "Marianne, Arial, sans-serif",
            "\"Noto Sans\"",
            "Яндекс Сans",
            "思源黑体",
            "a;b",
            "a<b",
            "a(b)",
            "https://portal.example",
            "http://localhost:8080",
            "https://[::1]:8443",
            "https://portal.example:65535",
            "https://portal.example/",
            "https://Portal.example",
            "https://portal.example:443",
            "http://portal.example:80",
            "http://portal.example:443",
            "https://portal.example:0",
            "https://portal.example:65536",
            "https://portal.example:08443",
            "https://-p.example",
            "https://p-.example",
            "https://p..example",
            "*",
            "null",
            "https://hr.example/results",
            "http://localhost:8080/r?x=1#y",
            "https://hôte.example/é",
            "https://hr.example/a@b",
            "javascript:alert(1)",
            "//hr.example/r",
            "HTTPS://hr.example",
            "https://",
            "https:///x",
            "https://user:pw@hr.example/",
            "https://hr.example:99999/",
            "https://hr.example/a b",
            "https://hr.example/\n",
            "https://hr.example\\@e.example",
            "https://[::1/x",
            "https://hr.example/\u{85}",
            "officer-form",
            "my form",
            "a_b-C9",
            "Authorization",
            "X Bad",
            "Cookie",
            "cOoKiE",
            "Sec-Fetch-Mode",
            "proxy-x",
            "Content-Type",
            "X-Sec-Thing",
            "a\tb",
            "a\r\nb",
            "é",
            "~!#$%&'*+.^_`|",
        ];
        let long_instance = "x".repeat(41);
        let exact_instance = "x".repeat(40);
        for (what, config) in samples {
            for value in values
                .iter()
                .copied()
                .chain([long_instance.as_str(), exact_instance.as_str()])
            {
                let config = config(value);
                let reader = read(&config).is_ok();
                let schema = validator.is_valid(&config);
                assert_eq!(
                    reader, schema,
                    "{what} {value:?}: reader {reader}, schema {schema}"
                );
            }
        }
    }

    #[test]
    fn the_schema_refuses_the_bad_configurations_it_can_describe() {
        let validator = validator();
        for config in [
            json!({ "configVersion": 2 }),
            json!({}),
            json!([]),
            v1(json!({ "minRater": 3 })),
            v1(json!({ "rater": { "role": "boss" } })),
            v1(json!({ "rater": { "id": "R" } })),
            v1(json!({ "subject": { "id": "M-1" } })),
            v1(json!({ "framework": { "bundled": true, "url": "https://h.example/f" } })),
            v1(json!({ "framework": {} })),
            v1(json!({ "framework": { "bundled": false } })),
            v1(json!({ "framework": { "inline": "x" } })),
            v1(json!({ "challenge": "" })),
            v1(json!({ "challenge": "x".repeat(513) })),
            v1(json!({ "minRaters": 0 })),
            v1(json!({ "minRaters": 51 })),
            v1(json!({ "minRaters": "3" })),
            v1(json!({ "allowedOrigins": ["*"] })),
            v1(
                json!({ "allowedOrigins": (0..21).map(|i| format!("https://p{i}.example")).collect::<Vec<_>>() }),
            ),
            v1(
                json!({ "upload": { "url": "https://h.example", "headers": (0..21).map(|i| (format!("X-{i}"), json!("v"))).collect::<Map<_, _>>() } }),
            ),
            v1(json!({ "upload": { "headers": {} } })),
            v1(json!({ "screens": [] })),
            v1(json!({ "screens": ["admin"] })),
            v1(json!({ "screens": ["results", "results"] })),
            v1(json!({ "readOnly": "yes" })),
            v1(json!({ "theme": { "accent": "#000" } })),
            v1(json!({ "theme": { "colourText": "x".repeat(101) } })),
        ] {
            assert!(read(&config).is_err(), "{config}");
            assert!(!validator.is_valid(&config), "the schema accepts {config}");
        }
    }
}

#[test]
fn configuration_text_is_read_strictly() {
    // A portal's `config` attribute with a member twice: which language would it mean?
    let error = parse(r#"{"configVersion":1,"language":"fr","language":"en"}"#).unwrap_err();
    assert_eq!(error.problems.len(), 1);
    assert_eq!(
        error.problems[0].to_string(),
        "$: the member `language` is given twice"
    );
    let error = parse(r#"{"configVersion":1,"minRaters":18446744073709551619}"#).unwrap_err();
    assert_eq!(
        error.problems[0].to_string(),
        "$.minRaters: a number beyond ±9007199254740991, which JSON readers round"
    );
    let error = parse("{configVersion: 1}").unwrap_err();
    assert!(
        error.problems[0]
            .to_string()
            .starts_with("$: not JSON at line 1, column 2: key must be a string"),
        "{}",
        error.problems[0]
    );
    assert_eq!(
        from_value(
            &parse(r#"{"configVersion":1,"minRaters":4}"#).unwrap(),
            &["fr"]
        )
        .unwrap()
        .min_raters,
        4
    );
}
