//! HR's CASE import on screen. The page fetches this module (built beside the app, like the
//! Ed25519 fallback) only when HR opens the import on the framework screen, so that officers
//! never download the importer or its screen. [`screen`] draws the form and the outcome;
//! [`run`] converts the package with [`case::import_document`] and words the outcome in the
//! interface language. The framework it gives is checked by the page's own reader, which
//! words its problems as it words any framework's.
//!
//! English texts of refusals and losses are the domain's own (`Display`, as the command line
//! prints them), except where they name command-line options; French texts are written here.

pub mod screen;

use std::fmt::Write;

use competency_core::Framework;
use competency_core::case::{self, CaseError, CaseObject, ImportOptions, Loss, Scale, ScaleOrigin};
pub use competency_module_dom::typography;

/// The scale to assume for a package without a rubric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScaleChoice<'a> {
    /// None: such a package is refused.
    None,
    /// The bundled framework's.
    Bundled,
    /// That of this framework (its JSON text).
    Framework(&'a str),
}

/// What the screen shows: the framework's JSON text with the losses, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Imported {
        framework: String,
        losses: Vec<String>,
    },
    Refused(String),
}

/// Imports `package` (a CFPackage's JSON) assuming `scale` when it has no rubric, worded in
/// `lang` (`fr`, else English).
pub fn run(package: &str, scale: ScaleChoice<'_>, lang: &str) -> Outcome {
    let french = lang == "fr";
    let scale = match scale {
        ScaleChoice::None => None,
        ScaleChoice::Bundled => match Scale::bundled() {
            Ok(scale) => Some(scale),
            Err(_) => return Outcome::Refused(scale_unreadable(french)),
        },
        ScaleChoice::Framework(json) => match Framework::from_json(json) {
            Ok(framework) => Some(Scale::of(&framework)),
            Err(_) => return Outcome::Refused(scale_unreadable(french)),
        },
    };
    match case::import_document(package, &ImportOptions { scale }) {
        Ok((framework, losses)) => Outcome::Imported {
            framework,
            losses: losses.iter().map(|loss| loss_text(loss, french)).collect(),
        },
        Err(error) => Outcome::Refused(error_text(&error, french)),
    }
}

fn scale_unreadable(french: bool) -> String {
    if french {
        "Le référentiel qui devait donner l’échelle de maîtrise n’est pas valide.".into()
    } else {
        "The framework that was to give the proficiency scale is not valid.".into()
    }
}

/// The sentence for a refusal, as a sentence (capital, full stop).
pub fn error_text(error: &CaseError, french: bool) -> String {
    if french {
        typography(&error_in_french(error))
    } else {
        error_in_english(error)
    }
}

fn error_in_english(error: &CaseError) -> String {
    sentence(match error {
        CaseError::NoProficiencyScale { items } => format!(
            "none of the package's {items} items has proficiency levels (a CFRubric \
                 criterion with levels): choose the proficiency scale to assume"
        ),
        other => other.to_string(),
    })
}

fn error_in_french(error: &CaseError) -> String {
    use CaseError::*;
    sentence(match error {
        UnknownLanguage {
            language,
            available,
        } => format!(
            "le référentiel n’a pas de texte en « {language} » ; ses langues : {}",
            available.join(", ")
        ),
        InvalidTimestamp { value } => {
            format!("« {value} » n’est pas une date et heure RFC 3339 comme 2025-03-01T09:30:00Z")
        }
        TooLarge { bytes, limit } => {
            format!("le paquet fait {bytes} octets, plus que les {limit} acceptés")
        }
        NotJson { line, column, .. } => {
            format!("ce n’est pas du JSON valide (ligne {line}, colonne {column})")
        }
        NotAPackage { found } => format!(
            "ce n’est pas un paquet CASE : un objet CFPackage était attendu, le fichier contient \
             {}",
            json_type(found)
        ),
        NoDocument => "ce n’est pas un paquet CASE : il n’a pas de CFDocument".into(),
        WrongType { path, expected } => {
            format!("{path} : {} attendu", json_type(expected))
        }
        MissingField { path, field } => format!("{path} : le champ « {field} » manque"),
        ItemWithoutText { item } => {
            format!("le CFItem {item} n’a pas de fullStatement, donc pas de texte à afficher")
        }
        DuplicateIdentifier { identifier } => {
            format!("l’identifiant {identifier} est utilisé deux fois")
        }
        NoItems => "le paquet n’a pas de CFItems, donc aucune compétence".into(),
        NoProficiencyScale { items } => format!(
            "{} de niveaux de maîtrise (pas de critère de grille CFRubric avec des niveaux) : \
             choisissez l’échelle de maîtrise à supposer",
            if *items == 1 {
                "l’unique élément du paquet n’a pas".to_owned()
            } else {
                format!("aucun des {items} éléments du paquet n’a")
            }
        ),
        LevelCount {
            competency,
            found,
            expected,
        } => format!(
            "la grille de {competency} a {found} niveaux, mais l’échelle de maîtrise en a \
             {expected}"
        ),
        NoIndicators { competency, level } => format!(
            "la grille de {competency} n’a pas de description pour le niveau « {level} », donc \
             pas d’indicateur de comportement"
        ),
        Invalid(_) => "le paquet ne donne pas un référentiel valide".into(),
    })
}

/// A JSON type as the domain names it ("a string"), in French.
fn json_type(english: &str) -> &str {
    match english {
        "true or false" => "vrai ou faux",
        "a number" => "un nombre",
        "a string" => "un texte",
        "an array" => "un tableau",
        "an object" => "un objet",
        "a link object with an identifier" => "un lien (objet avec un identifiant)",
        other => other,
    }
}

/// The sentence for what the conversion could not carry or assumed.
pub fn loss_text(loss: &Loss, french: bool) -> String {
    if french {
        typography(&loss_in_french(loss))
    } else {
        sentence(loss.to_string())
    }
}

fn loss_in_french(loss: &Loss) -> String {
    use Loss::*;
    let mut text = String::new();
    let t = &mut text;
    match loss {
        OtherLanguages { languages } => {
            let _ = write!(
                t,
                "les textes en {} n’ont pas été exportés : un document CASE est dans une seule \
                 langue",
                languages.join(", ")
            );
        }
        Positions { ids } => {
            let _ = match ids.len() {
                1 => write!(t, "1 poste et les niveaux qu’il exige n’ont"),
                n => write!(t, "{n} postes et les niveaux qu’ils exigent n’ont"),
            };
            t.push_str(" pas été exportés (CASE n’a pas de postes) : ");
            list(t, ids);
        }
        Resources {
            count,
            competencies,
        } => {
            let resources = match count {
                1 => "1 ressource d’apprentissage".to_owned(),
                n => format!("{n} ressources d’apprentissage"),
            };
            let of = match competencies {
                1 => "d’une compétence".to_owned(),
                n => format!("de {n} compétences"),
            };
            let lost = if *count == 1 {
                "n’a pas été exportée"
            } else {
                "n’ont pas été exportées"
            };
            let _ = write!(t, "{resources} {of} {lost} (CASE n’en a pas)");
        }
        IndicatorLineBreaks { count } => {
            let of = match count {
                1 => "d’un indicateur".to_owned(),
                n => format!("de {n} indicateurs"),
            };
            let _ = write!(
                t,
                "les retours à la ligne {of} de comportement sont devenus des espaces (un niveau \
                 de grille tient un indicateur par ligne)"
            );
        }
        AssumedLanguage { found: None } => t.push_str(
            "le document ne dit pas sa langue : ses textes ont été lus comme de l’anglais (en)",
        ),
        AssumedLanguage { found: Some(found) } => {
            let _ = write!(
                t,
                "la langue du document, « {found} », n’est pas une étiquette de langue : ses \
                 textes ont été lus comme de l’anglais (en)"
            );
        }
        Associations { counts } => {
            t.push_str("associations laissées de côté : ");
            for (i, (kind, count)) in counts.iter().enumerate() {
                if i > 0 {
                    t.push_str(", ");
                }
                let _ = write!(t, "{count} {kind}");
            }
        }
        NotAssessable { items } => {
            let _ = match items.len() {
                1 => write!(
                    t,
                    "1 élément n’a pas de niveaux de maîtrise (pas de critère de grille) et a \
                     été laissé de côté : "
                ),
                n => write!(
                    t,
                    "{n} éléments n’ont pas de niveaux de maîtrise (pas de critère de grille) \
                     et ont été laissés de côté : "
                ),
            };
            list(t, items);
        }
        Flattened { competencies } => {
            let _ = match competencies.len() {
                1 => write!(
                    t,
                    "1 compétence était plus profonde et est maintenant directement dans son \
                     groupe : "
                ),
                n => write!(
                    t,
                    "{n} compétences étaient plus profondes et sont maintenant directement dans \
                     leur groupe : "
                ),
            };
            list(t, competencies);
        }
        UnusedCriteria { count } => {
            let _ = match count {
                1 => write!(
                    t,
                    "1 critère de grille a été laissé de côté : il ne désigne pas une \
                     compétence, ou en désigne une qui a déjà son critère"
                ),
                n => write!(
                    t,
                    "{n} critères de grille ont été laissés de côté : ils ne désignent pas une \
                     compétence, ou en désignent une qui a déjà son critère"
                ),
            };
        }
        LevelLabels { competencies } => {
            let _ = match competencies.len() {
                1 => write!(t, "1 compétence nomme ses niveaux"),
                n => write!(t, "{n} compétences nomment leurs niveaux"),
            };
            t.push_str(" autrement que l’échelle ; les noms de l’échelle ont été gardés : ");
            list(t, competencies);
        }
        AssumedScale {
            origin,
            levels,
            labels_language,
            competencies,
        } => {
            let _ = write!(
                t,
                "le paquet n’a pas de grille, donc pas de niveaux de maîtrise : l’échelle {} a \
                 été supposée ({} niveaux : ",
                origin_text(origin),
                levels.len()
            );
            list(t, levels);
            t.push(')');
            if let Some(language) = labels_language {
                let _ = write!(
                    t,
                    ", ses libellés pris en « {language} » (l’échelle n’en a pas dans la langue \
                     du paquet)"
                );
            }
            match competencies {
                1 => t.push_str(
                    " ; la seule compétence a son énoncé comme seul indicateur de comportement \
                     à chaque niveau",
                ),
                n => {
                    let _ = write!(
                        t,
                        " ; chacune des {n} compétences a son énoncé comme seul indicateur de \
                         comportement à chaque niveau"
                    );
                }
            }
        }
        ScaleNotUsed { origin } => {
            let _ = write!(
                t,
                "la grille du paquet a donné les niveaux de maîtrise : l’échelle {} n’a pas été \
                 utilisée",
                origin_text(origin)
            );
        }
        Fields {
            object,
            count,
            fields,
        } => {
            let _ = if *count == 1 {
                write!(t, "champs du {} non repris : ", object_name(*object, false))
            } else {
                write!(
                    t,
                    "champs de {count} {} non repris : ",
                    object_name(*object, true)
                )
            };
            t.push_str(&fields.join(", "));
        }
    }
    sentence(text)
}

fn object_name(object: CaseObject, plural: bool) -> &'static str {
    if plural {
        object.plural()
    } else {
        object.singular()
    }
}

/// "du référentiel …", as the French sentences name a scale's origin.
fn origin_text(origin: &ScaleOrigin) -> String {
    match origin {
        ScaleOrigin::Bundled => "du référentiel fourni avec l’application".into(),
        ScaleOrigin::Framework { id, version } => {
            format!("du référentiel {id} (version {version})")
        }
    }
}

/// `a, b, c` and, past ten, `et N autres`.
fn list(t: &mut String, items: &[String]) {
    const SHOWN: usize = 10;
    t.push_str(&items[..items.len().min(SHOWN)].join(", "));
    if items.len() > SHOWN {
        let _ = write!(t, " et {} autres", items.len() - SHOWN);
    }
}

/// `text` with a capital first letter, ending with a full stop.
fn sentence(text: String) -> String {
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests;
