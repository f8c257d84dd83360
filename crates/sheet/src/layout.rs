//! The workbook's layout, shared by the writer and the reader: its sheets, in order, and each
//! sheet's columns. Names are French, as the administration writes them; a translated column
//! is one column per language, named `nom_fr`, `nom_en`, ...

/// The first sheet: what to write where, in French and English. The reader ignores it.
pub const INSTRUCTIONS: &str = "Instructions";
/// The framework's own fields, one per row: `champ` then `valeur`.
pub const FRAMEWORK: &str = "Cadre";
pub const LEVELS: &str = "Niveaux";
pub const GROUPS: &str = "Groupes";
pub const COMPETENCIES: &str = "Compétences";
pub const INDICATORS: &str = "Indicateurs";
pub const RESOURCES: &str = "Ressources";
pub const POSITIONS: &str = "Postes";
pub const REQUIREMENTS: &str = "Exigences";

/// The columns of [`FRAMEWORK`].
pub const FIELD: &str = "champ";
pub const VALUE: &str = "valeur";

/// The rows of [`FRAMEWORK`], by their `champ`.
pub const ID: &str = "id";
pub const VERSION: &str = "version";
pub const DEFAULT_LANGUAGE: &str = "langue_par_defaut";
pub const LANGUAGES: &str = "langues";
/// Translated rows of [`FRAMEWORK`]: `titre_fr`, `titre_en`, ...
pub const TITLE: &str = "titre";
pub const DESCRIPTION: &str = "description";
pub const SOURCE: &str = "source";

/// The answers of the `critique` column.
pub const YES: &str = "oui";
pub const NO: &str = "non";

/// A column of a table sheet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    /// Its header, or for a translated column the header before `_` and the language.
    pub name: &'static str,
    /// One column per declared language.
    pub translated: bool,
    /// A sheet without it is refused; an optional column may be left out.
    pub required: bool,
    /// Its width in the written workbook, in characters.
    pub width: f64,
}

const fn column(name: &'static str, translated: bool, required: bool, width: f64) -> Column {
    Column {
        name,
        translated,
        required,
        width,
    }
}

/// A sheet of rows, one item per row, headers on the first row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Table {
    pub sheet: &'static str,
    pub columns: &'static [Column],
}

impl Table {
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}

pub const LEVEL_TABLE: Table = Table {
    sheet: LEVELS,
    columns: &[
        column("id", false, true, 14.0),
        column("libelle", true, true, 24.0),
        column("description", true, false, 50.0),
    ],
};

pub const GROUP_TABLE: Table = Table {
    sheet: GROUPS,
    columns: &[
        column("id", false, true, 14.0),
        column("nom", true, true, 30.0),
        column("description", true, false, 50.0),
    ],
};

pub const COMPETENCY_TABLE: Table = Table {
    sheet: COMPETENCIES,
    columns: &[
        column("id", false, true, 24.0),
        column("groupe", false, true, 18.0),
        column("nom", true, true, 30.0),
        column("definition", true, true, 60.0),
    ],
};

pub const INDICATOR_TABLE: Table = Table {
    sheet: INDICATORS,
    columns: &[
        column("competence", false, true, 24.0),
        column("niveau", false, true, 14.0),
        column("texte", true, true, 60.0),
    ],
};

pub const RESOURCE_TABLE: Table = Table {
    sheet: RESOURCES,
    columns: &[
        column("competence", false, true, 24.0),
        column("type", false, true, 14.0),
        column("titre", true, true, 40.0),
        column("lien", false, false, 40.0),
        column("duree_heures", false, false, 14.0),
    ],
};

pub const POSITION_TABLE: Table = Table {
    sheet: POSITIONS,
    columns: &[
        column("id", false, true, 24.0),
        column("titre", true, true, 30.0),
        column("description", true, false, 50.0),
        column("famille", true, false, 20.0),
    ],
};

pub const REQUIREMENT_TABLE: Table = Table {
    sheet: REQUIREMENTS,
    columns: &[
        column("poste", false, true, 22.0),
        column("competence", false, true, 24.0),
        column("niveau", false, true, 14.0),
        column("critique", false, false, 10.0),
    ],
};

/// Every table sheet, in the workbook's order (after [`INSTRUCTIONS`] and [`FRAMEWORK`]).
pub const TABLES: [Table; 7] = [
    LEVEL_TABLE,
    GROUP_TABLE,
    COMPETENCY_TABLE,
    INDICATOR_TABLE,
    RESOURCE_TABLE,
    POSITION_TABLE,
    REQUIREMENT_TABLE,
];

/// The header of a translated column in `language`: `nom_fr`.
pub fn translated(name: &str, language: &str) -> String {
    format!("{name}_{language}")
}

/// The headers of `table` for a framework in `languages`, in order.
pub fn headers(table: &Table, languages: &[String]) -> Vec<String> {
    let mut headers = Vec::new();
    for column in table.columns {
        if column.translated {
            headers.extend(languages.iter().map(|l| translated(column.name, l)));
        } else {
            headers.push(column.name.to_owned());
        }
    }
    headers
}

/// A column's letters as a spreadsheet names them: 0 is `A`, 26 is `AA`.
pub fn column_letters(index: u32) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}
