//! `competency framework export` and `competency framework import`: a framework as the
//! workbook HR writes it in a spreadsheet (`competency_sheet`), and back.

use competency_core::framework::limits::MAX_DOCUMENT_BYTES;
use competency_core::{Framework, bundled};

use crate::Failure;
use crate::args::Args;
use crate::commands::{ReadError, described, load, problem_lines, read_bytes_limited};
use crate::printable::{self, printable};

pub fn run(args: &[String]) -> Result<String, Failure> {
    match args.split_first() {
        Some((command, rest)) if command == "export" => export(rest),
        Some((command, rest)) if command == "import" => import(rest),
        Some((help, _)) if help == "--help" || help == "-h" => {
            Err(Failure::Help(crate::help("framework")))
        }
        _ => Err(Failure::Usage(
            "usage: competency framework export|import … (see competency help framework)".into(),
        )),
    }
}

fn export(args: &[String]) -> Result<String, Failure> {
    const USAGE: &str = "competency framework export --to xlsx FRAMEWORK OUT.xlsx";
    let args = Args::parse(args, "framework export", &["--to"])?;
    match args.option("--to") {
        Some("xlsx") => {}
        Some(other) => {
            return Err(Failure::Usage(format!(
                "--to must be `xlsx`, not `{}`",
                printable(other)
            )));
        }
        None => return Err(Failure::Usage(format!("--to is required\nusage: {USAGE}"))),
    }
    let [input, output] = args.exactly(USAGE)?;
    let framework = if input == "bundled" {
        bundled::framework().map_err(|e| {
            Failure::Invalid(format!(
                "the bundled framework is not valid:\n{}",
                problem_lines(&e)
            ))
        })?
    } else {
        load(input)?
    };
    let workbook = competency_sheet::export(&framework)
        .map_err(|e| Failure::Invalid(format!("{}\n", printable(&e.to_string()))))?;
    if output == "-" {
        return Err(Failure::Usage(
            "a workbook is written to a file, not to standard output".into(),
        ));
    }
    std::fs::write(output, workbook)
        .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", printable(output))))?;
    Ok(format!("{} -> {}\n", printable(input), printable(output)))
}

fn import(args: &[String]) -> Result<String, Failure> {
    const USAGE: &str = "competency framework import IN.xlsx|IN.ods OUT.json";
    let args = Args::parse(args, "framework import", &[])?;
    let [input, output] = args.exactly(USAGE)?;
    let bytes = read_bytes_limited(input, MAX_DOCUMENT_BYTES).map_err(|e| match e {
        ReadError::Io(e) => Failure::Usage(format!("cannot read {}: {e}", printable(input))),
        other => Failure::Invalid(format!("{}: {other}\n", printable(input))),
    })?;
    let framework: Framework = competency_sheet::import(&bytes).map_err(|problems| {
        let mut out = format!("{} is not a valid framework:\n", printable(input));
        for problem in &problems {
            out += &printable(&problem.to_string());
            out.push('\n');
        }
        Failure::Invalid(out)
    })?;
    let json = framework.to_json();
    if output == "-" {
        return Ok(printable::json(&json));
    }
    std::fs::write(output, json)
        .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", printable(output))))?;
    Ok(format!(
        "{} -> {}: {}\n",
        printable(input),
        printable(output),
        described(&framework)
    ))
}
