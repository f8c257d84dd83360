//! `competency`: the command-line companion for HR, built on the same domain crate as the app.

use std::process::ExitCode;

use competency_core::{Framework, bundled};

const USAGE: &str = "\
Usage: competency <command>

Commands:
  summary [--lang LANG] [FILE]   Summarise a framework: its title, groups and competencies.
                                 Without FILE, the framework bundled with the app.
  help                           Show this message.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(output) => {
            print!("{output}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<String, String> {
    match args.split_first() {
        Some((command, rest)) if command == "summary" => summary(rest),
        Some((command, _)) if command == "help" || command == "--help" || command == "-h" => {
            Ok(format!("{USAGE}\n"))
        }
        Some((command, _)) => Err(format!("unknown command `{command}`\n\n{USAGE}")),
        None => Err(USAGE.to_owned()),
    }
}

fn summary(args: &[String]) -> Result<String, String> {
    let mut language = None;
    let mut file = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--lang" => {
                let value = args.next().ok_or("--lang needs a language tag")?;
                language = Some(value.clone());
            }
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            path if file.is_none() => file = Some(path.to_owned()),
            extra => return Err(format!("unexpected argument `{extra}`")),
        }
    }

    let framework = match &file {
        None => bundled::framework(),
        Some(path) => {
            let json =
                std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            Framework::from_json(&json)
        }
    }
    .map_err(|e| {
        let source = file.as_deref().unwrap_or("the bundled framework");
        format!("{source} is not a valid framework:\n{e}")
    })?;

    let language = language.unwrap_or_else(|| framework.default_language.clone());
    Ok(render_summary(&framework, &language))
}

fn render_summary(framework: &Framework, language: &str) -> String {
    let fallback = framework.default_language.as_str();
    let text = |t: &competency_core::LocalizedText| {
        t.resolve(language, fallback)
            .map_or("", |r| r.text)
            .to_owned()
    };
    let mut out = format!(
        "{} ({} {}, languages: {})\n",
        text(&framework.title),
        framework.id,
        framework.version,
        framework.languages.join(", ")
    );
    for (group, members) in framework.groups_with_competencies() {
        out += &format!("\n{} ({})\n", text(&group.name), members.len());
        for competency in members {
            out += &format!("  - {}\n", text(&competency.name));
        }
    }
    out += &format!(
        "\n{} groups, {} competencies\n",
        framework.groups.len(),
        framework.competencies.len()
    );
    out
}
