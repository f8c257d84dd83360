//! The printable page of invitation slips: one per rater, with whom to rate, in which role,
//! until when, and the link as text and as a QR code (officers at border posts open it with
//! a phone). A page HR prints from their browser: every text from the plan is escaped.

use std::fmt::Write;

use competency_core::Framework;
use competency_core::assessment::Role;
use competency_core::campaign::{Campaign, Invitation, Subject};
use qrcodegen::{QrCode, QrCodeEcc};

use crate::Failure;

/// The slips of every invitation (`links[i]` is `campaign.invitations[i]`'s), worded in
/// `language` (`fr` or `en`), as one HTML page.
pub fn page(
    campaign: &Campaign,
    framework: &Framework,
    links: &[String],
    language: &str,
) -> Result<String, Failure> {
    let words = Words::of(language);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n\
         <p class=\"intro\">{}</p>\n",
        escape(words.heading),
        escape(&campaign.title),
        escape(&campaign.title),
        escape(words.intro),
    );
    let subjects = campaign.subject_index();
    for (invitation, link) in campaign.invitations.iter().zip(links) {
        let subject = subjects.get(invitation.subject.as_str()).copied();
        slip(
            &mut out, campaign, subject, framework, invitation, link, &words, language,
        )?;
    }
    out.push_str("</body>\n</html>\n");
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn slip(
    out: &mut String,
    campaign: &Campaign,
    subject: Option<&Subject>,
    framework: &Framework,
    invitation: &Invitation,
    link: &str,
    words: &Words,
    language: &str,
) -> Result<(), Failure> {
    let name = subject.map_or(invitation.subject.as_str(), |s| s.name.as_str());
    let position = subject
        .and_then(|s| s.position.as_deref())
        .and_then(|p| framework.position(p))
        .and_then(|p| p.title.resolve(language, &framework.default_language))
        .map(|t| t.text.to_owned());
    let whom = match &position {
        Some(position) => format!("{name} ({position})"),
        None => name.to_owned(),
    };
    let task = if invitation.role == Role::SelfAssessment {
        words.self_assessment.replace("{name}", &whom)
    } else {
        words
            .rate
            .replace("{name}", &whom)
            .replace("{role}", words.role(invitation.role))
    };
    let _ = write!(
        out,
        "<section class=\"slip\">\n<p class=\"meta\">{} {} · {}</p>\n<p class=\"for\">{} <strong>{}</strong></p>\n<p class=\"task\">{}</p>\n",
        escape(words.invitation),
        escape(&invitation.id),
        escape(&campaign.title),
        escape(words.for_),
        escape(invitation.rater_label()),
        escape(&task),
    );
    if let Some(closes) = &invitation.closes {
        let day = closes.text.get(..10).unwrap_or(&closes.text);
        let day = match (language, day.split('-').collect::<Vec<_>>().as_slice()) {
            ("fr", [y, m, d]) => format!("{d}/{m}/{y}"),
            _ => day.to_owned(),
        };
        let _ = writeln!(
            out,
            "<p class=\"closes\">{}</p>",
            escape(&words.closes.replace("{day}", &day))
        );
    }
    let _ = write!(
        out,
        "<div class=\"open\">{}<div><p>{}</p><p class=\"link\">{}</p></div></div>\n<p class=\"secret\">{}</p>\n</section>\n",
        qr_svg(link, words.qr_label)?,
        escape(words.open),
        escape(link),
        escape(&if invitation.role.is_anonymous() {
            format!(
                "{} {}",
                words.secret,
                words
                    .anonymous
                    .replace("{min}", &campaign.min_raters.to_string())
            )
        } else {
            words.secret.to_owned()
        }),
    );
    Ok(())
}

/// `text` as a QR code (error correction M, which survives a crease or a smudge), drawn in
/// SVG: one path of unit squares inside a four-module quiet zone.
pub fn qr_svg(text: &str, label: &str) -> Result<String, Failure> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).map_err(|_| {
        Failure::Usage(format!(
            "the link is too long for a QR code ({} bytes): use a shorter --base-url",
            text.len()
        ))
    })?;
    const BORDER: i32 = 4;
    let size = qr.size();
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if qr.get_module(x, y) {
                let _ = write!(path, "M{},{}h1v1h-1z", x + BORDER, y + BORDER);
            }
        }
    }
    let side = size + 2 * BORDER;
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 {side} {side}\" \
         shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"{}\"><rect width=\"{side}\" \
         height=\"{side}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>",
        escape(label)
    ))
}

/// `text` safe in HTML text and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body { font-family: Arial, Helvetica, sans-serif; margin: 1.5rem; color: #111; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
.intro { margin: 0 0 1rem; color: #444; }
.slip { border: 1px dashed #777; padding: 1rem; margin: 0 0 1rem; break-inside: avoid; page-break-inside: avoid; }
.slip p { margin: .25rem 0; }
.meta { color: #555; font-size: .85rem; }
.for, .task { font-size: 1.05rem; }
.open { display: flex; gap: 1rem; align-items: center; margin: .5rem 0; flex-wrap: wrap; }
.qr { width: 42mm; height: 42mm; flex: none; }
.open > div { flex: 1 1 14rem; min-width: 0; }
.link { font-family: monospace; font-size: .8rem; word-break: break-all; }
.secret { font-size: .85rem; color: #444; }
@media print { body { margin: 0; } .intro { display: none; } @page { size: A4; margin: 12mm; } }
";

/// The slips' words in one language.
struct Words {
    heading: &'static str,
    intro: &'static str,
    invitation: &'static str,
    for_: &'static str,
    rate: &'static str,
    self_assessment: &'static str,
    closes: &'static str,
    open: &'static str,
    qr_label: &'static str,
    secret: &'static str,
    anonymous: &'static str,
    roles: [&'static str; 5],
}

impl Words {
    fn of(language: &str) -> Words {
        if language == "en" {
            Words {
                heading: "Invitations",
                intro: "One slip per rater: cut along the dashed lines and hand each to the person it names, and to nobody else.",
                invitation: "Invitation",
                for_: "For:",
                rate: "You are invited to assess {name} as their {role}.",
                self_assessment: "You are invited to assess yourself: {name}.",
                closes: "Please answer by {day} (end of the day, UTC).",
                open: "Scan the code with your phone, or open this address:",
                qr_label: "QR code of the invitation link",
                secret: "This link is yours alone: do not pass it on. Answer on one device only: answers to one invitation from two devices cancel each other.",
                anonymous: "Your answers are only ever shown grouped with those of others in the same role, never alone (at least {min} per group).",
                roles: ["self", "supervisor", "peer", "direct report", "colleague"],
            }
        } else {
            Words {
                heading: "Invitations",
                intro: "Un coupon par évaluateur : découpez le long des pointillés et remettez chacun à la personne qu'il nomme, et à personne d'autre.",
                invitation: "Invitation",
                for_: "Pour :",
                rate: "Vous êtes invité(e) à évaluer {name} en tant que {role}.",
                self_assessment: "Vous êtes invité(e) à faire votre auto-évaluation : {name}.",
                closes: "Merci de répondre avant la fin du {day} (heure UTC).",
                open: "Scannez le code avec votre téléphone, ou ouvrez cette adresse :",
                qr_label: "Code QR du lien d'invitation",
                secret: "Ce lien est personnel : ne le transmettez à personne. Répondez depuis un seul appareil : deux réponses à la même invitation depuis deux appareils s’annulent.",
                anonymous: "Vos réponses ne sont jamais montrées seules, seulement regroupées avec celles d'autres personnes du même rôle (au moins {min} par groupe).",
                roles: [
                    "auto-évaluation",
                    "supérieur(e) hiérarchique",
                    "collègue",
                    "collaborateur ou collaboratrice",
                    "autre évaluateur ou évaluatrice",
                ],
            }
        }
    }

    fn role(&self, role: Role) -> &'static str {
        let i = Role::ALL.iter().position(|r| *r == role).unwrap_or(4);
        self.roles[i]
    }
}
