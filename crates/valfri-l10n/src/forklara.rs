//! Sentences built from several messages: the status of a provider and the explanation of an
//! ickeval. The window, the CLI and the letters all say these the same way.

use valfri_domain::Arg;
use valfri_domain::val::{Ickevalsforklaring, Valbarhet};

use crate::Localizer;

impl Localizer {
    /// "Tar för närvarande inte emot nya (12 av 12 platser är tagna)".
    pub fn valbarhet(&self, sprak: &str, v: &Valbarhet) -> String {
        let kort = self.t(sprak, &v.meddelande_id());
        let detalj = match v {
            Valbarhet::EjBorjat { fran: d }
            | Valbarhet::Upphort { till: d }
            | Valbarhet::Pausad { till: d } => Some(self.text(
                sprak,
                &format!("valbarhet-detalj-{}", v.kod()),
                &[("datum", d.to_string().into())],
            )),
            Valbarhet::VidTak { tak, aktiva } => Some(self.text(
                sprak,
                "valbarhet-detalj-vid_tak",
                &[("tak", Arg::Tal(i64::from(*tak))), ("aktiva", Arg::Tal(i64::from(*aktiva)))],
            )),
            Valbarhet::Valbar | Valbarhet::EjOmrade => None,
        };
        match detalj {
            Some(d) => format!("{kort} ({d})"),
            None => kort,
        }
    }

    /// The explanation of an ickeval, one sentence a line: who was assigned under which model
    /// and why, the rotation list, who had the previous turn, who was skipped and why.
    pub fn ickevalsforklaring(&self, sprak: &str, f: &Ickevalsforklaring) -> Vec<String> {
        let mut rader = vec![
            self.text(
                sprak,
                "forklaring-tilldelad",
                &[
                    ("utforare", f.tilldelad.namn.clone().into()),
                    ("modell", self.t(sprak, f.modell.meddelande_id()).into()),
                ],
            ),
            self.text(
                sprak,
                "forklaring-orsak",
                &[
                    ("orsak", self.t(sprak, f.orsak.meddelande_id()).into()),
                    ("datum", f.datum.to_string().into()),
                ],
            ),
        ];
        if !f.lista.is_empty() {
            let lista = f.lista.iter().map(|p| p.namn.as_str()).collect::<Vec<_>>().join(", ");
            rader.push(self.text(
                sprak,
                "forklaring-lista",
                &[("omrade", f.omrade.clone().unwrap_or_default().into()), ("lista", lista.into())],
            ));
            rader.push(match &f.senast_tilldelad {
                Some(p) => {
                    self.text(sprak, "forklaring-forra", &[("utforare", p.namn.clone().into())])
                }
                None => self.t(sprak, "forklaring-ingen-forra"),
            });
        }
        for h in &f.hoppade {
            rader.push(self.text(
                sprak,
                "forklaring-hoppad",
                &[
                    ("utforare", h.namn.clone().into()),
                    ("varfor", self.valbarhet(sprak, &h.status).into()),
                ],
            ));
        }
        rader.push(self.text(
            sprak,
            "forklaring-version",
            &[("version", Arg::Tal(f.registerversion))],
        ));
        rader
    }
}

impl Localizer {
    /// The one sentence a person confirms before an irreversible act: "Beslutet om Hemtjänst,
    /// 28 timmar per månad, för Märta Ekström fattas och kan sedan inte ändras, bara omprövas."
    pub fn bekraftelse(
        &self,
        sprak: &str,
        b: &valfri_domain::beslutsregler::Bekraftelse,
    ) -> String {
        use valfri_domain::beslutsregler::Bekraftelse as B;
        match b {
            B::Fatta { insats, utfall, omfattning, enhet, namn, ersatter } => {
                let omfattning = match omfattning {
                    Some(tal) if *utfall != valfri_domain::Utfall::Avslag => self.text(
                        sprak,
                        "bekrafta-omfattning",
                        &[
                            ("tal", tal_text(sprak, *tal).into()),
                            ("enhet", self.t(sprak, enhet.meddelande_id()).into()),
                        ],
                    ),
                    _ => String::new(),
                };
                let id = match (utfall, ersatter) {
                    (valfri_domain::Utfall::Avslag, false) => "bekrafta-fatta-avslag",
                    (valfri_domain::Utfall::Avslag, true) => "bekrafta-fatta-avslag-omprovning",
                    (_, false) => "bekrafta-fatta",
                    (_, true) => "bekrafta-fatta-omprovning",
                };
                self.text(
                    sprak,
                    id,
                    &[
                        ("insats", insats.clone().into()),
                        ("omfattning", omfattning.into()),
                        ("namn", namn.clone().into()),
                        ("utfall", self.t(sprak, utfall.meddelande_id()).into()),
                    ],
                )
            }
            B::Ickeval { insats, namn, utforare, start } => self.text(
                sprak,
                "bekrafta-ickeval",
                &[
                    ("insats", insats.clone().into()),
                    ("namn", namn.clone().into()),
                    ("utforare", utforare.clone().into()),
                    ("start", start.to_string().into()),
                ],
            ),
            B::Val { insats, namn, utforare, start, tidigare } => {
                let mut args: Vec<(&str, Arg)> = vec![
                    ("insats", insats.clone().into()),
                    ("namn", namn.clone().into()),
                    ("utforare", utforare.clone().into()),
                    ("start", start.to_string().into()),
                ];
                let id = if let Some(t) = tidigare {
                    args.push(("tidigare", t.clone().into()));
                    "bekrafta-byte"
                } else {
                    "bekrafta-val"
                };
                self.text(sprak, id, &args)
            }
            B::Avsluta { insats, namn, orsak, dag, utforare } => {
                let mut args: Vec<(&str, Arg)> = vec![
                    ("insats", insats.clone().into()),
                    ("namn", namn.clone().into()),
                    ("orsak", self.t(sprak, &orsak.meddelande_id()).into()),
                    ("datum", dag.to_string().into()),
                ];
                let id = if let Some(u) = utforare {
                    args.push(("utforare", u.clone().into()));
                    "bekrafta-avsluta-utforare"
                } else {
                    "bekrafta-avsluta"
                };
                self.text(sprak, id, &args)
            }
            B::Verkstall { insats, namn, utforare, dag } => self.text(
                sprak,
                "bekrafta-verkstall",
                &[
                    ("insats", insats.clone().into()),
                    ("namn", namn.clone().into()),
                    ("utforare", utforare.clone().into()),
                    ("datum", dag.to_string().into()),
                ],
            ),
            B::Ko { insats, namn, utforare, behaller } => {
                let mut args: Vec<(&str, Arg)> = vec![
                    ("insats", insats.clone().into()),
                    ("namn", namn.clone().into()),
                    ("utforare", utforare.clone().into()),
                ];
                let id = if let Some(b) = behaller {
                    args.push(("behaller", b.clone().into()));
                    "bekrafta-ko-behaller"
                } else {
                    "bekrafta-ko"
                };
                self.text(sprak, id, &args)
            }
            B::UrKo { namn, utforare } => self.text(
                sprak,
                "bekrafta-ur-ko",
                &[("namn", namn.clone().into()), ("utforare", utforare.clone().into())],
            ),
            B::NyUtforare { utforare, insats, fran }
            | B::NyttGodkannande { utforare, insats, fran } => {
                let id = if matches!(b, B::NyUtforare { .. }) {
                    "bekrafta-ny-utforare"
                } else {
                    "bekrafta-nytt-godkannande"
                };
                self.text(
                    sprak,
                    id,
                    &[
                        ("utforare", utforare.clone().into()),
                        ("insats", insats.clone().into()),
                        ("datum", fran.to_string().into()),
                    ],
                )
            }
        }
    }
}

/// An omfattning as the language writes numbers: 28, 7,5 (Swedish and Finnish) or 7.5.
fn tal_text(sprak: &str, tal: f64) -> String {
    let text = format!("{tal}");
    if sprak == "en" { text } else { text.replace('.', ",") }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use valfri_domain::val::{Hoppad, Listplats};
    use valfri_domain::{IckevalModell, IckevalOrsak};

    use super::*;

    #[test]
    fn an_explanation_reads_as_sentences_in_each_language() {
        let l = Localizer::new().unwrap();
        let p = |id: &str, namn: &str| Listplats { utforare_id: id.into(), namn: namn.into() };
        let f = Ickevalsforklaring {
            modell: IckevalModell::Turordning,
            orsak: IckevalOrsak::Svarsdatum,
            datum: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            insats_kod: "hemtjanst".into(),
            omrade: Some("N".into()),
            registerversion: 7,
            lista: vec![p("a", "Almgården"), p("b", "Björk"), p("c", "Ceder")],
            senast_tilldelad: Some(p("a", "Almgården")),
            hoppade: vec![Hoppad {
                utforare_id: "b".into(),
                namn: "Björk".into(),
                status: Valbarhet::VidTak { tak: 2, aktiva: 2 },
            }],
            tilldelad: p("c", "Ceder"),
        };
        let sv = l.ickevalsforklaring("sv", &f);
        assert_eq!(
            sv[0],
            "Ceder tilldelades enligt ickevalsalternativet: Turordning mellan utförarna."
        );
        assert!(
            sv.contains(
                &"Björk hoppades över: Tar för närvarande inte emot nya (2 av 2 platser är tagna)."
                    .to_owned()
            ),
            "{sv:?}"
        );
        assert!(sv.contains(&"Förra tilldelningen på listan gick till Almgården.".to_owned()));
        assert!(sv.last().unwrap().contains('7'));
        let en = l.ickevalsforklaring("en", &f);
        assert!(en[0].starts_with("Ceder was assigned"));
    }
}
