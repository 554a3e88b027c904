//! The HSDS export against the official Open Referral HSDS 3 JSON schemas, vendored under
//! `tests/data/hsds` with their licence (CC BY-SA 4.0). Every organization and every service
//! of the export must validate, formats (uuid, email, uri) included.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod gemensamt;

use std::path::PathBuf;

use gemensamt::*;
use jsonschema::{Retrieve, Uri, Validator};
use serde_json::Value;
use valfri_store::idag;
use valfri_utbyte::{export, tabell, utforare};

fn schemamapp() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/hsds")
}

/// The schemas refer to each other by file name (`"$ref": "phone.json"`): read from the folder.
struct Mappen;

impl Retrieve for Mappen {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let namn = uri.as_str().rsplit('/').next().unwrap_or_default();
        let text = std::fs::read_to_string(schemamapp().join(namn))?;
        Ok(serde_json::from_str(&text)?)
    }
}

fn validator(namn: &str) -> Validator {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schemamapp().join(namn)).unwrap()).unwrap();
    jsonschema::options()
        .with_retriever(Mappen)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn fel(v: &Validator, poster: &[Value], slag: &str) -> Vec<String> {
    poster
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            v.iter_errors(p)
                .map(move |e| format!("{slag}[{i}] {}: {e}", e.instance_path()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The export failed the schema for services (attributes without `id`, `assured_date` null)
/// and, with formats checked, for an empty e-mail or website. The demo register plus providers
/// with the awkward values a real register has: no e-mail, a website without `https://`, an
/// e-mail that is not one, no confirmed capacity, inriktningar and tilläggstjänster.
#[test]
fn every_organization_and_service_of_the_export_validates_against_hsds_3() {
    let store = demo();
    let a = systemforvaltare(&store);
    let fil = format!(
        "{RUBRIK}\n{}\n{}\n{}\n",
        rad("Utan Epost AB", &orgnr(120), "hemtjanst", "4")
            .replace("info@exempel.example", "")
            .replace("https://exempel.example", "www.utan-epost.example"),
        rad("Trasig Epost AB", &orgnr(121), "hemtjanst", "")
            .replace("info@exempel.example", "info at exempel")
            .replace("2025-06-01", "")
            .replace("https://exempel.example", ""),
        rad("Trasig Epost AB", &orgnr(121), "ledsagarservice", "")
            .replace("info@exempel.example", "info at exempel")
            .replace("https://exempel.example", ""),
    );
    let import = utforare::tolka(&tabell::las(fil.as_bytes()).unwrap(), &store).unwrap();
    assert!(import.ar_felfri(), "{:?}", import.fel);
    utforare::tillampa(&store, &a, &import, "test", idag()).unwrap();

    let v = export::hsds(&store, idag()).unwrap();
    let org = v["organizations"].as_array().unwrap();
    let tjanster = v["services"].as_array().unwrap();
    assert!(org.len() >= 5 && tjanster.len() >= 6);
    let mut alla = fel(&validator("organization.json"), org, "organizations");
    alla.extend(fel(&validator("service.json"), tjanster, "services"));
    assert!(alla.is_empty(), "{} errors:\n{}", alla.len(), alla.join("\n"));

    // What the fixes put there is what the register holds.
    let hitta = |namn: &str| org.iter().find(|o| o["name"] == namn).unwrap();
    assert_eq!(hitta("Utan Epost AB").get("email"), None);
    assert_eq!(hitta("Utan Epost AB")["website"], "https://www.utan-epost.example");
    assert_eq!(hitta("Trasig Epost AB").get("email"), None);
    let trasig =
        tjanster.iter().find(|s| s["organization_id"] == hitta("Trasig Epost AB")["id"]).unwrap();
    assert_eq!(trasig.get("assured_date"), None);
    let attribut = trasig["attributes"].as_array().unwrap();
    let varden: Vec<(&str, &str)> = attribut
        .iter()
        .map(|a| (a["taxonomy_term"]["name"].as_str().unwrap(), a["value"].as_str().unwrap()))
        .collect();
    assert_eq!(varden, [("inriktning", "Demens"), ("tillaggstjanst", "Fönsterputs")]);
    assert!(attribut.iter().all(|a| a["link_id"] == trasig["id"] && a["id"].is_string()));
}

/// The validator does find what the export used to write, so the test above can fail.
#[test]
fn the_schema_check_refuses_what_the_old_export_wrote() {
    let tjanst = serde_json::json!({
        "id": "2f3c4a1e-5b6d-8e7f-9a0b-1c2d3e4f5a6b",
        "name": "Hemtjänst – Gammal AB",
        "status": "active",
        "email": "",
        "assured_date": null,
        "attributes": [{ "label": "Demens" }],
    });
    let fel = fel(&validator("service.json"), &[tjanst], "services");
    for sokt in ["/email", "/assured_date", "/attributes/0"] {
        assert!(fel.iter().any(|f| f.contains(sokt)), "{sokt} not found in {fel:?}");
    }
}
