//! What can be wrong with a workbook, where, and how to say it to HR in French or English.

use std::fmt;

use competency_core::framework::ProblemKind;

/// Where a problem is: a sheet, and in it a row (numbered as the spreadsheet shows it, from 1)
/// and a column (its header). A problem of the whole workbook has no sheet.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Place {
    pub sheet: Option<String>,
    pub row: Option<u32>,
    pub column: Option<String>,
}

impl Place {
    pub fn workbook() -> Self {
        Place::default()
    }

    pub fn sheet(sheet: &str) -> Self {
        Place {
            sheet: Some(sheet.to_owned()),
            ..Place::default()
        }
    }

    pub fn row(sheet: &str, row: u32) -> Self {
        Place {
            row: Some(row),
            ..Place::sheet(sheet)
        }
    }

    pub fn cell(sheet: &str, row: u32, column: &str) -> Self {
        Place {
            column: Some(column.to_owned()),
            ..Place::row(sheet, row)
        }
    }

    /// `Compétences, ligne 14, colonne nom_en` (French) or `Compétences, row 14, column nom_en`.
    pub fn describe(&self, language: Language) -> String {
        let (row, column, workbook) = match language {
            Language::French => ("ligne", "colonne", "Classeur"),
            Language::English => ("row", "column", "Workbook"),
        };
        let mut parts = vec![self.sheet.clone().unwrap_or_else(|| workbook.to_owned())];
        if let Some(r) = self.row {
            parts.push(format!("{row} {r}"));
        }
        if let Some(c) = &self.column {
            parts.push(format!("{column} {c}"));
        }
        parts.join(", ")
    }

    /// Whether a problem here is already explained by a problem at `other`, which may name
    /// only a sheet, a row or a column (a missing column explains every row's empty cell).
    pub(crate) fn within(&self, other: &Place) -> bool {
        fn covers<T: PartialEq>(outer: &Option<T>, inner: &Option<T>) -> bool {
            outer.is_none() || outer == inner
        }
        other.sheet.is_some()
            && covers(&other.sheet, &self.sheet)
            && covers(&other.row, &self.row)
            && covers(&other.column, &self.column)
    }
}

/// The language a problem is worded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    French,
    English,
}

impl Language {
    /// French for `fr` and its regional tags, English otherwise.
    pub fn of(tag: &str) -> Self {
        if tag == "fr" || tag.starts_with("fr-") {
            Language::French
        } else {
            Language::English
        }
    }
}

/// What is wrong in a workbook, before its content is checked as a framework.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetProblem {
    /// Not an XLSX or ODS file, or a damaged one. `message` is the reader's own (English).
    Unreadable {
        message: String,
    },
    /// The file is larger than frameworks may be.
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    /// Unpacked, the file would be larger than workbooks may be (at least `bytes`).
    TooLargeUnpacked {
        bytes: u64,
        limit: u64,
    },
    /// An OpenDocument sheet that repeats more than `limit` cells.
    TooManyRepeated {
        limit: u64,
    },
    /// More problems than `shown`: the rest are left out.
    MoreProblems {
        shown: usize,
    },
    /// More cells or more text than any framework needs.
    TooMuch {
        cells: u64,
        bytes: u64,
    },
    MissingSheet,
    /// A required column is not among the headers.
    MissingColumn {
        column: String,
    },
    /// A header that is none of the sheet's columns (a renamed column, say).
    UnknownColumn {
        header: String,
    },
    DuplicateColumn {
        header: String,
    },
    /// A row of the `Cadre` sheet that names no field of the framework.
    UnknownField {
        field: String,
    },
    /// Cells merged into one, given as `B3:D3`.
    MergedCells {
        range: String,
    },
    /// A required cell left empty.
    EmptyCell,
    /// A formula where a value is expected.
    Formula {
        formula: String,
    },
    /// A number, a date or a true/false value where text is expected.
    NotText {
        found: String,
    },
    /// An error value such as `#REF!`.
    ErrorValue {
        found: String,
    },
    /// Not a whole number of hours.
    NotWholeNumber {
        found: String,
    },
    /// Not `oui` or `non`.
    NotYesNo {
        found: String,
    },
    /// A row that names a competency or a position no row of its sheet has.
    UnknownReference {
        sheet: String,
        id: String,
    },
    /// More rows or columns than any framework needs; the rest was not read.
    TooBig {
        rows: u32,
        columns: u32,
    },
}

impl SheetProblem {
    pub fn describe(&self, language: Language) -> String {
        use SheetProblem::*;
        let fr = language == Language::French;
        match self {
            Unreadable { message } if fr => {
                format!("ce fichier n’est pas un classeur XLSX ou ODS lisible ({message})")
            }
            Unreadable { message } => {
                format!("this file is not a readable XLSX or ODS workbook ({message})")
            }
            TooLarge { bytes, limit } if fr => {
                format!("le fichier fait {bytes} octets, plus que les {limit} acceptés")
            }
            TooLarge { bytes, limit } => {
                format!("the file has {bytes} bytes, more than the {limit} accepted")
            }
            TooLargeUnpacked { bytes, limit } if fr => format!(
                "une fois décompressé, ce classeur ferait au moins {bytes} octets, plus que les \
                 {limit} acceptés"
            ),
            TooLargeUnpacked { bytes, limit } => format!(
                "unpacked, this workbook would have at least {bytes} bytes, more than the \
                 {limit} accepted"
            ),
            TooManyRepeated { limit } if fr => format!(
                "ce classeur répète des cellules remplies plus de {limit} fois : supprimez les \
                 lignes et colonnes copiées jusqu’au bord de la feuille"
            ),
            TooManyRepeated { limit } => format!(
                "this workbook repeats filled cells more than {limit} times: delete the rows \
                 and columns copied to the sheet's edge"
            ),
            MoreProblems { shown } if fr => {
                format!("plus de {shown} problèmes : les suivants ne sont pas listés")
            }
            MoreProblems { shown } => {
                format!("more than {shown} problems: the others are not listed")
            }
            TooMuch { cells, bytes } if fr => format!(
                "ce classeur contient plus de {cells} cellules ou de {bytes} octets de texte \
                 qu’un référentiel n’en demande"
            ),
            TooMuch { cells, bytes } => format!(
                "this workbook holds more than the {cells} cells or {bytes} bytes of text any \
                 framework needs"
            ),
            MissingSheet if fr => {
                "l’onglet manque ; gardez-le, même vide, avec sa ligne d’en-têtes".into()
            }
            MissingSheet => "the sheet is missing; keep it, even empty, with its header row".into(),
            MissingColumn { column } if fr => format!("la colonne {column} manque"),
            MissingColumn { column } => format!("the column {column} is missing"),
            UnknownColumn { header } if fr => {
                format!("la colonne « {header} » n’est pas attendue ici : a-t-elle été renommée ?")
            }
            UnknownColumn { header } => {
                format!("the column “{header}” is not expected here: was it renamed?")
            }
            DuplicateColumn { header } if fr => format!("la colonne {header} est en double"),
            DuplicateColumn { header } => format!("the column {header} appears twice"),
            UnknownField { field } if fr => {
                format!("« {field} » n’est pas un champ du cadre")
            }
            UnknownField { field } => format!("“{field}” is not a field of the framework"),
            MergedCells { range } if fr => {
                format!(
                    "les cellules {range} sont fusionnées : annulez la fusion et remplissez chaque cellule"
                )
            }
            MergedCells { range } => {
                format!("the cells {range} are merged: unmerge them and fill in each cell")
            }
            EmptyCell if fr => "la cellule est vide".into(),
            EmptyCell => "the cell is empty".into(),
            Formula { formula } if fr => {
                format!("une formule ({formula}) : saisissez la valeur elle-même")
            }
            Formula { formula } => format!("a formula ({formula}): type the value itself"),
            NotText { found } if fr => format!(
                "{found} alors qu’un texte est attendu : saisissez-le comme texte (précédé d’une apostrophe)"
            ),
            NotText { found } => {
                format!("{found} where text is expected: type it as text (after an apostrophe)")
            }
            ErrorValue { found } if fr => format!("la cellule contient l’erreur {found}"),
            ErrorValue { found } => format!("the cell holds the error {found}"),
            NotWholeNumber { found } if fr => {
                format!("« {found} » n’est pas un nombre entier d’heures")
            }
            NotWholeNumber { found } => format!("“{found}” is not a whole number of hours"),
            NotYesNo { found } if fr => format!("« {found} » : écrivez oui ou non"),
            NotYesNo { found } => format!("“{found}”: write oui (yes) or non (no)"),
            UnknownReference { sheet, id } if fr => {
                format!("aucune ligne de l’onglet {sheet} n’a l’identifiant « {id} »")
            }
            UnknownReference { sheet, id } => {
                format!("no row of the sheet {sheet} has the id “{id}”")
            }
            TooBig { rows, columns } if fr => format!(
                "l’onglet dépasse {rows} lignes ou {columns} colonnes ; la suite n’a pas été lue"
            ),
            TooBig { rows, columns } => format!(
                "the sheet has more than {rows} rows or {columns} columns; the rest was not read"
            ),
        }
    }
}

/// What is wrong: in the workbook itself, or in the framework it holds (worded by the
/// framework's own reader: in English here, in the page's language in HR's console).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Sheet(SheetProblem),
    Framework(ProblemKind),
}

/// One problem and its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub place: Place,
    pub kind: Kind,
}

impl fmt::Display for Problem {
    /// In English, as the command line prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = self.place.describe(Language::English);
        match &self.kind {
            Kind::Sheet(problem) => write!(f, "{place}: {}", problem.describe(Language::English)),
            Kind::Framework(problem) => write!(f, "{place}: {problem}"),
        }
    }
}
