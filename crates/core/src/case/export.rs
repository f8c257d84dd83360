//! A framework to a CFPackage, in one of its languages (see the mapping in [`super`]).

use serde_json::{Value, json};
use uuid::Uuid;

use super::ident::{self, urn};
use super::{
    COMPETENCY_TYPE, CaseError, Export, ExportOptions, GROUP_TYPE, LEVEL_TYPE, Loss, SCALE_TYPE,
};
use crate::framework::{Competency, Framework};
use crate::text::LocalizedText;

/// Writes `framework` as a CASE 1.0 CFPackage in `options.language`, with every identifier
/// derived from the framework's ids, so the same framework always gives the same package.
pub fn export(framework: &Framework, options: &ExportOptions) -> Result<Export, CaseError> {
    let language = options.language;
    if !framework.speaks(language) {
        return Err(CaseError::UnknownLanguage {
            language: language.to_owned(),
            available: framework.languages.clone(),
        });
    }
    if !ident::is_rfc3339(options.last_change) {
        return Err(CaseError::InvalidTimestamp {
            value: options.last_change.to_owned(),
        });
    }
    let document = ident::document(&framework.id);
    let mut writer = Writer {
        language,
        when: options.last_change,
        document,
        document_link: Value::Null,
        items: Vec::new(),
        associations: Vec::new(),
        criteria: Vec::new(),
        line_breaks: 0,
    };
    let title = writer.text(&framework.title).to_owned();
    writer.document_link = writer.link(&title, &document);
    let document_node = (document, title.as_str());

    for (g, (group, members)) in framework.groups_with_competencies().enumerate() {
        let name = writer.text(&group.name);
        let statement = writer.text_or(&group.description, name);
        let id = writer.object(&format!("group:{}", group.id));
        writer.item(id, GROUP_TYPE, &group.id, Some(name), statement);
        writer.child_of((id, name), document_node, g + 1);
        for (c, competency) in members.into_iter().enumerate() {
            let item = writer.competency(competency, (id, name), c + 1);
            writer.criterion(competency, item, framework);
        }
    }

    let labels: Vec<&str> = framework
        .levels
        .iter()
        .map(|l| writer.text(&l.label))
        .collect();
    let labels = labels.join(", ");
    let scale = writer.object("scale");
    writer.item(scale, SCALE_TYPE, &framework.id, None, &labels);
    writer.child_of((scale, &labels), document_node, framework.groups.len() + 1);
    for (k, level) in framework.levels.iter().enumerate() {
        let label = writer.text(&level.label);
        let statement = writer.text_or(&level.description, label);
        let id = writer.object(&format!("level:{}", level.id));
        writer.item(id, LEVEL_TYPE, &level.id, Some(label), statement);
        writer.child_of((id, label), (scale, &labels), k + 1);
    }

    let rubric = writer.object("rubric");
    let criteria: Vec<Value> = std::mem::take(&mut writer.criteria)
        .into_iter()
        .map(|mut criterion| {
            criterion["rubricId"] = json!(rubric.to_string());
            criterion
        })
        .collect();

    let mut cf_document = json!({
        "identifier": document.to_string(),
        "uri": urn(&document),
        "CFPackageURI": writer.document_link,
        "title": title,
        "creator": writer.text_or(&framework.source, &title),
        "lastChangeDateTime": writer.when,
        "language": language,
        "version": framework.version,
    });
    if let Some(description) = framework.description.get(language) {
        cf_document["description"] = json!(description);
    }
    let package = json!({
        "CFDocument": cf_document,
        "CFItems": writer.items,
        "CFAssociations": writer.associations,
        "CFRubrics": [{
            "identifier": rubric.to_string(),
            "uri": urn(&rubric),
            "title": title,
            "lastChangeDateTime": writer.when,
            "CFRubricCriteria": criteria,
        }],
    });

    Ok(Export {
        package,
        losses: losses(framework, language, writer.line_breaks),
    })
}

/// What the package cannot hold, in a fixed order.
fn losses(framework: &Framework, language: &str, line_breaks: usize) -> Vec<Loss> {
    let mut losses = Vec::new();
    let others: Vec<String> = framework
        .languages
        .iter()
        .filter(|l| *l != language)
        .cloned()
        .collect();
    if !others.is_empty() {
        losses.push(Loss::OtherLanguages { languages: others });
    }
    if !framework.positions.is_empty() {
        losses.push(Loss::Positions {
            ids: framework.positions.iter().map(|p| p.id.clone()).collect(),
        });
    }
    let resources: usize = framework
        .competencies
        .iter()
        .map(|c| c.resources.len())
        .sum();
    if resources > 0 {
        losses.push(Loss::Resources {
            count: resources,
            competencies: framework
                .competencies
                .iter()
                .filter(|c| !c.resources.is_empty())
                .count(),
        });
    }
    if line_breaks > 0 {
        losses.push(Loss::IndicatorLineBreaks { count: line_breaks });
    }
    losses
}

struct Writer<'a> {
    language: &'a str,
    when: &'a str,
    document: Uuid,
    document_link: Value,
    items: Vec<Value>,
    associations: Vec<Value>,
    /// Criteria in competency order, their `rubricId` still to be set.
    criteria: Vec<Value>,
    /// Indicators whose line breaks became spaces.
    line_breaks: usize,
}

impl Writer<'_> {
    /// A text in the exported language. A validated framework has every text in each of its
    /// languages; a hand-built one may not, and gets an empty text rather than a panic.
    fn text<'t>(&self, text: &'t LocalizedText) -> &'t str {
        text.get(self.language).unwrap_or_default()
    }

    /// An optional text in the exported language, else `fallback`.
    fn text_or<'t>(&self, text: &'t LocalizedText, fallback: &'t str) -> &'t str {
        text.get(self.language).unwrap_or(fallback)
    }

    fn object(&self, name: &str) -> Uuid {
        ident::object(&self.document, name)
    }

    /// A CASE link (LinkURI, LinkGenURI) to an object of this package.
    fn link(&self, title: &str, id: &Uuid) -> Value {
        json!({ "title": title, "identifier": id.to_string(), "uri": urn(id) })
    }

    fn item(&mut self, id: Uuid, kind: &str, code: &str, name: Option<&str>, statement: &str) {
        let mut item = json!({
            "identifier": id.to_string(),
            "uri": urn(&id),
            "CFDocumentURI": self.document_link,
            "lastChangeDateTime": self.when,
            "CFItemType": kind,
            "humanCodingScheme": code,
            "fullStatement": statement,
        });
        if let Some(name) = name {
            item["abbreviatedStatement"] = json!(name);
        }
        self.items.push(item);
    }

    fn child_of(&mut self, child: (Uuid, &str), parent: (Uuid, &str), sequence: usize) {
        let id = self.object(&format!("isChildOf:{}", child.0));
        let association = json!({
            "identifier": id.to_string(),
            "uri": urn(&id),
            "CFDocumentURI": self.document_link,
            "lastChangeDateTime": self.when,
            "associationType": "isChildOf",
            "originNodeURI": self.link(child.1, &child.0),
            "destinationNodeURI": self.link(parent.1, &parent.0),
            "sequenceNumber": sequence,
        });
        self.associations.push(association);
    }

    /// The competency's item and its place in its group; returns the item's identifier.
    fn competency(
        &mut self,
        competency: &Competency,
        group: (Uuid, &str),
        sequence: usize,
    ) -> Uuid {
        let name = self.text(&competency.name);
        let definition = self.text(&competency.definition);
        let id = self.object(&format!("competency:{}", competency.id));
        self.item(id, COMPETENCY_TYPE, &competency.id, Some(name), definition);
        self.child_of((id, name), group, sequence);
        id
    }

    /// The competency's rubric criterion: one level per level of the scale, whose description
    /// is the competency's indicators for that level, one per line.
    fn criterion(&mut self, competency: &Competency, item: Uuid, framework: &Framework) {
        let id = self.object(&format!("criterion:{}", competency.id));
        let levels: Vec<Value> = framework
            .levels
            .iter()
            .zip(&competency.indicators)
            .enumerate()
            .map(|(k, (level, indicators))| {
                let lines: Vec<String> = indicators
                    .iter()
                    .map(|indicator| self.indicator_line(indicator))
                    .collect();
                let level_id =
                    self.object(&format!("criterion-level:{}:{}", competency.id, level.id));
                json!({
                    "identifier": level_id.to_string(),
                    "uri": urn(&level_id),
                    "lastChangeDateTime": self.when,
                    "rubricCriterionId": id.to_string(),
                    "quality": self.text(&level.label),
                    "score": k + 1,
                    "position": k + 1,
                    "description": lines.join("\n"),
                })
            })
            .collect();
        let criterion = json!({
            "identifier": id.to_string(),
            "uri": urn(&id),
            "lastChangeDateTime": self.when,
            "CFItemURI": self.link(self.text(&competency.name), &item),
            "position": self.criteria.len() + 1,
            "CFRubricCriterionLevels": levels,
        });
        self.criteria.push(criterion);
    }

    /// An indicator on one line: its own line breaks become spaces (and are counted).
    fn indicator_line(&mut self, indicator: &LocalizedText) -> String {
        let text = self.text(indicator);
        if !text.contains(['\n', '\r']) {
            return text.to_owned();
        }
        self.line_breaks += 1;
        text.split(['\n', '\r'])
            .filter(|part| !part.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}
