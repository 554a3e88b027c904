//! Who gets the place: the whole decision of an aktivt val, a byte and an ickeval, as pure
//! functions over the facts a store has read inside its write transaction. The desk's `SQLite`
//! store and the municipality's `PostgreSQL` hub both read the same facts ([`Beslutsfakta`],
//! [`Kandidat`]) with their own SQL and call these functions, so a choice refused on one is
//! refused on the other for the same reason ([`Regelbrott`], with the same Fluent id).

use chrono::{Days, NaiveDate};

use crate::val::{
    Hoppad, IckevalHinder, Ickevalsforklaring, Listplats, NyttVal, Valbarhet, ger_val,
    ickeval_tillatet, nasta_i_turordning, pa_turordningslistan, valbarhet,
};
use crate::{
    Anvandarmeddelande, Arg, BeslutStatus, Godkannande, IckevalModell, IckevalOrsak, Regi, Utfall,
    ValTyp,
};

/// What the choice rules need to know about a beslut.
#[derive(Debug, Clone, PartialEq)]
pub struct Beslutsfakta {
    pub id: String,
    pub insats_id: String,
    pub insats_kod: String,
    pub omrade_id: Option<String>,
    pub omrade_kod: Option<String>,
    pub status: BeslutStatus,
    pub utfall: Utfall,
    pub valfrihet: bool,
    pub giltig_fran: NaiveDate,
    pub giltig_till: Option<NaiveDate>,
    pub ickeval: IckevalModell,
    pub ickeval_utforare_id: Option<String>,
    pub turordning_egen_regi: bool,
}

impl Beslutsfakta {
    /// Only a made, granted beslut on an insats in a valfrihetssystem gives a choice.
    pub fn kan_valjas(&self) -> Result<(), Regelbrott> {
        if ger_val(self.status, self.utfall, self.valfrihet) {
            Ok(())
        } else {
            Err(Regelbrott::BeslutUtanVal)
        }
    }

    /// Whether valfrihetsinformation may go out for the beslut on `dag`: it gives a choice and
    /// has not run out. A letter to a person who cannot choose would tell them they can.
    pub fn kan_informeras(&self, dag: NaiveDate) -> Result<(), Regelbrott> {
        self.kan_valjas()?;
        match self.giltig_till {
            Some(till) if till < dag => Err(Regelbrott::BeslutUtgatt { till }),
            _ => Ok(()),
        }
    }
}

/// An approved provider for the insats, with what decides whether it can be chosen. `aktiva`
/// counts the places it holds in the whole store that is the truth (the hub in kommunläge); it
/// decides something only for a provider that serves the område and has a cap that applies, and
/// the hub counts it only for those (0 elsewhere).
#[derive(Debug, Clone, PartialEq)]
pub struct Kandidat {
    pub utforare_id: String,
    pub namn: String,
    pub organisationsnummer: String,
    pub regi: Regi,
    pub godkannande: Godkannande,
    pub serverar: bool,
    pub aktiva: u32,
}

impl Kandidat {
    pub fn status(&self, datum: NaiveDate) -> Valbarhet {
        valbarhet(&self.godkannande, self.serverar, self.aktiva, datum)
    }

    pub fn plats(&self) -> Listplats {
        Listplats { utforare_id: self.utforare_id.clone(), namn: self.namn.clone() }
    }
}

/// The running val of a beslut, as far as a new choice needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagaende {
    pub id: String,
    pub utforare_id: String,
    pub startdatum: NaiveDate,
}

/// Why a choice or an ickeval was refused. The Fluent ids are the desk's own (`fel-…`), so a
/// refusal reads the same whichever store said it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Regelbrott {
    #[error("the provider cannot be chosen: {skal}")]
    InteValbar { skal: &'static str },
    #[error("this beslut gives no choice of provider")]
    BeslutUtanVal,
    #[error("the beslut ran out on {till}")]
    BeslutUtgatt { till: NaiveDate },
    #[error("the beslut already has a provider")]
    HarRedanUtforare,
    #[error("the brukare already has this provider")]
    SammaUtforare,
    #[error("the svarsdatum {svarsdatum} has not passed")]
    SvarsdatumEjPasserat { svarsdatum: NaiveDate },
    #[error("no valfrihetsinformation has been given for this beslut")]
    IngenInformation,
    #[error("the ickeval alternative cannot assign anyone")]
    IngenIckevalsutforare,
    #[error(
        "the register changed (version {andrad}) after the letter was printed (version {brevets})"
    )]
    InaktuelltBrev { brevets: i64, andrad: i64 },
}

impl Anvandarmeddelande for Regelbrott {
    fn meddelande_id(&self) -> &'static str {
        match self {
            Self::InteValbar { .. } => "fel-inte-valbar",
            Self::BeslutUtanVal => "fel-beslut-utan-val",
            Self::BeslutUtgatt { .. } => "fel-beslut-utgatt",
            Self::HarRedanUtforare => "fel-har-redan-utforare",
            Self::SammaUtforare => "fel-samma-utforare",
            Self::SvarsdatumEjPasserat { .. } => "fel-svarsdatum-ej-passerat",
            Self::IngenInformation => "fel-ingen-information",
            Self::IngenIckevalsutforare => "fel-ingen-ickevalsutforare",
            Self::InaktuelltBrev { .. } => "fel-inaktuellt-brev",
        }
    }

    fn argument(&self) -> Vec<(&'static str, Arg)> {
        match self {
            Self::InteValbar { skal } => vec![("skal", (*skal).into())],
            Self::BeslutUtgatt { till } => vec![("till", till.to_string().into())],
            Self::SvarsdatumEjPasserat { svarsdatum } => {
                vec![("svarsdatum", svarsdatum.to_string().into())]
            }
            Self::InaktuelltBrev { brevets, andrad } => {
                vec![("brevets", (*brevets).into()), ("andrad", (*andrad).into())]
            }
            _ => Vec::new(),
        }
    }
}

/// Whether valfrihetsinformation printed from register version `brevets` still told the truth
/// when it reaches the municipality's store: it did not when a provider approved for the
/// beslut's insats changed in a later version (`senast_andrad`, the newest such version). A
/// letter printed offline may be days old when it is synced; then the brukare chose from a
/// stale list and must get a new letter. Information whose version is not known (a talk:
/// `None`) is not judged.
pub fn kontrollera_brevets_register(
    brevets: Option<i64>,
    senast_andrad: Option<i64>,
) -> Result<(), Regelbrott> {
    match (brevets, senast_andrad) {
        (Some(brevets), Some(andrad)) if andrad > brevets => {
            Err(Regelbrott::InaktuelltBrev { brevets, andrad })
        }
        _ => Ok(()),
    }
}

/// What a store writes for an aktivt val or a byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Valplan {
    pub typ: ValTyp,
    pub startdatum: NaiveDate,
    /// The running val that ends, and the day it ends (a byte).
    pub avslutas: Option<(String, NaiveDate)>,
}

/// Decides an aktivt val or a byte: the provider must be approved for the insats and valbar on
/// the day of the choice (the capacity check), and differ from the current one. A byte starts
/// `byte_dagar` after the choice unless a start date is given; the current val ends the day
/// before.
pub fn planera_val(
    b: &Beslutsfakta,
    kandidater: &[Kandidat],
    pagaende: Option<&Pagaende>,
    ny: &NyttVal,
    byte_dagar: u32,
) -> Result<Valplan, Regelbrott> {
    b.kan_valjas()?;
    let kandidat = kandidater
        .iter()
        .find(|k| k.utforare_id == ny.utforare_id)
        .ok_or(Regelbrott::InteValbar { skal: "ej_godkand" })?;
    if pagaende.is_some_and(|t| t.utforare_id == ny.utforare_id) {
        return Err(Regelbrott::SammaUtforare);
    }
    let status = kandidat.status(ny.valdatum);
    if !status.ar_valbar() {
        return Err(Regelbrott::InteValbar { skal: status.kod() });
    }
    let start = match (pagaende, ny.startdatum) {
        (_, Some(s)) => s,
        (Some(_), None) => ny.valdatum + Days::new(u64::from(byte_dagar)),
        (None, None) => ny.valdatum.max(b.giltig_fran),
    };
    let avslutas = pagaende.map(|t| {
        let slut = start.pred_opt().unwrap_or(start);
        (t.id.clone(), slut.max(t.startdatum))
    });
    let typ = if pagaende.is_some() { ValTyp::Byte } else { ValTyp::AktivtVal };
    Ok(Valplan { typ, startdatum: start, avslutas })
}

/// What the store knows when the ickeval alternative is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ickevalsfraga {
    pub orsak: IckevalOrsak,
    pub dag: NaiveDate,
    /// Whether the beslut already has a running val.
    pub har_utforare: bool,
    /// The latest svarsdatum of the valfrihetsinformation given.
    pub svarsdatum: Option<NaiveDate>,
    /// Who had the last turn in this insats's and område's rotation (turordning only).
    pub senast_tilldelad: Option<String>,
    pub registerversion: i64,
}

/// Decides an ickeval: whom the insats's alternative assigns, and the explanation that is
/// stored with it. The rotation list is the approved providers that serve the område, in the
/// order they joined; the position moves only past the one really assigned.
pub fn planera_ickeval(
    b: &Beslutsfakta,
    kandidater: &[Kandidat],
    fraga: &Ickevalsfraga,
) -> Result<Ickevalsforklaring, Regelbrott> {
    b.kan_valjas()?;
    if fraga.har_utforare {
        return Err(Regelbrott::HarRedanUtforare);
    }
    let dag = fraga.dag;
    ickeval_tillatet(fraga.orsak, fraga.svarsdatum, dag).map_err(|h| match h {
        IckevalHinder::IngenInformation => Regelbrott::IngenInformation,
        IckevalHinder::SvarsdatumEjPasserat { svarsdatum } => {
            Regelbrott::SvarsdatumEjPasserat { svarsdatum }
        }
    })?;
    let (tilldelad, lista, senast, hoppade) = match b.ickeval {
        IckevalModell::EgenRegi | IckevalModell::Utsedd => {
            let vald = kandidater
                .iter()
                .find(|k| match b.ickeval {
                    IckevalModell::EgenRegi => k.regi == Regi::EgenRegi,
                    _ => b.ickeval_utforare_id.as_deref() == Some(k.utforare_id.as_str()),
                })
                .ok_or(Regelbrott::IngenIckevalsutforare)?;
            let status = vald.status(dag);
            if !status.ar_valbar() {
                return Err(Regelbrott::InteValbar { skal: status.kod() });
            }
            (vald.plats(), Vec::new(), None, Vec::new())
        }
        IckevalModell::Turordning => {
            let lista: Vec<&Kandidat> = kandidater
                .iter()
                .filter(|k| {
                    pa_turordningslistan(
                        k.serverar,
                        k.godkannande.godkand_till,
                        k.regi,
                        b.turordning_egen_regi,
                        dag,
                    )
                })
                .collect();
            let status: Vec<(String, Valbarhet)> =
                lista.iter().map(|k| (k.utforare_id.clone(), k.status(dag))).collect();
            let utfall = nasta_i_turordning(&status, fraga.senast_tilldelad.as_ref());
            let namn = |id: &str| {
                lista
                    .iter()
                    .find(|k| k.utforare_id == id)
                    .map(|k| k.namn.clone())
                    .unwrap_or_default()
            };
            let hoppade = utfall
                .hoppade
                .iter()
                .map(|(id, status)| Hoppad {
                    utforare_id: id.clone(),
                    namn: namn(id),
                    status: status.clone(),
                })
                .collect();
            let vald = utfall
                .tilldelad
                .and_then(|id| lista.iter().copied().find(|k| k.utforare_id == id))
                .ok_or(Regelbrott::IngenIckevalsutforare)?;
            let senast = fraga
                .senast_tilldelad
                .as_ref()
                .map(|id| Listplats { namn: namn(id), utforare_id: id.clone() });
            (vald.plats(), lista.iter().map(|k| k.plats()).collect(), senast, hoppade)
        }
    };
    Ok(Ickevalsforklaring {
        modell: b.ickeval,
        orsak: fraga.orsak,
        datum: dag,
        insats_kod: b.insats_kod.clone(),
        omrade: b.omrade_kod.clone(),
        registerversion: fraga.registerversion,
        lista,
        senast_tilldelad: senast,
        hoppade,
        tilldelad,
    })
}

/// The day an ickeval's provider starts: the day it is applied, not before the beslut runs.
pub fn ickeval_start(b: &Beslutsfakta, dag: NaiveDate) -> NaiveDate {
    dag.max(b.giltig_fran)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_letter_is_stale_only_when_a_provider_of_its_insats_changed_after_it_was_printed() {
        assert_eq!(kontrollera_brevets_register(Some(7), None), Ok(()));
        assert_eq!(kontrollera_brevets_register(Some(7), Some(7)), Ok(()));
        assert_eq!(kontrollera_brevets_register(None, Some(9)), Ok(()));
        let fel = kontrollera_brevets_register(Some(7), Some(9)).unwrap_err();
        assert_eq!(fel, Regelbrott::InaktuelltBrev { brevets: 7, andrad: 9 });
        assert_eq!(fel.meddelande_id(), "fel-inaktuellt-brev");
        assert_eq!(fel.argument().len(), 2);
    }

    fn beslut() -> Beslutsfakta {
        Beslutsfakta {
            id: "B".into(),
            insats_id: "I".into(),
            insats_kod: "hemtjanst".into(),
            omrade_id: Some("O".into()),
            omrade_kod: Some("norr".into()),
            status: BeslutStatus::Beslutat,
            utfall: Utfall::Bifall,
            valfrihet: true,
            giltig_fran: d("2026-12-10"),
            giltig_till: None,
            ickeval: IckevalModell::Turordning,
            ickeval_utforare_id: None,
            turordning_egen_regi: true,
        }
    }

    fn kandidat(id: &str, tak: Option<u32>, aktiva: u32) -> Kandidat {
        Kandidat {
            utforare_id: id.into(),
            namn: format!("Utförare {id}"),
            organisationsnummer: String::new(),
            regi: Regi::Privat,
            godkannande: Godkannande {
                insats_kod: "hemtjanst".into(),
                godkand_fran: d("2020-01-01"),
                godkand_till: None,
                kapacitetstak: tak,
                kapacitet_fran: None,
                kapacitet_till: None,
                kapacitet_bekraftad: None,
                paus_till: None,
            },
            serverar: true,
            aktiva,
        }
    }

    fn val(utforare: &str) -> NyttVal {
        NyttVal {
            beslut_id: "B".into(),
            utforare_id: utforare.into(),
            vem_valde: crate::VemValde::Brukare,
            informationssatt: None,
            informationssprak: None,
            valdatum: d("2026-12-02"),
            startdatum: None,
        }
    }

    #[test]
    fn the_last_place_can_be_taken_once() {
        let b = beslut();
        let plan = planera_val(&b, &[kandidat("A", Some(3), 2)], None, &val("A"), 0).unwrap();
        assert_eq!(plan.typ, ValTyp::AktivtVal);
        assert_eq!(plan.startdatum, d("2026-12-10"), "not before the beslut runs");
        let fullt = planera_val(&b, &[kandidat("A", Some(3), 3)], None, &val("A"), 0);
        assert_eq!(fullt, Err(Regelbrott::InteValbar { skal: "vid_tak" }));
    }

    #[test]
    fn a_byte_ends_the_running_val_the_day_before_it_starts() {
        let b = beslut();
        let pagaende =
            Pagaende { id: "V1".into(), utforare_id: "A".into(), startdatum: d("2026-01-01") };
        let plan = planera_val(
            &b,
            &[kandidat("A", None, 1), kandidat("B", None, 0)],
            Some(&pagaende),
            &val("B"),
            14,
        )
        .unwrap();
        assert_eq!(plan.typ, ValTyp::Byte);
        assert_eq!(plan.startdatum, d("2026-12-16"));
        assert_eq!(plan.avslutas, Some(("V1".into(), d("2026-12-15"))));
        let samma =
            planera_val(&b, &[kandidat("A", None, 1)], Some(&pagaende), &val("A"), 14).unwrap_err();
        assert_eq!(samma, Regelbrott::SammaUtforare);
    }

    #[test]
    fn the_rotation_skips_a_full_provider_and_says_so() {
        let b = beslut();
        let fraga = Ickevalsfraga {
            orsak: IckevalOrsak::Avstar,
            dag: d("2026-12-02"),
            har_utforare: false,
            svarsdatum: None,
            senast_tilldelad: Some("A".into()),
            registerversion: 7,
        };
        let lista = [kandidat("A", None, 0), kandidat("B", Some(1), 1), kandidat("C", None, 0)];
        let f = planera_ickeval(&b, &lista, &fraga).unwrap();
        assert_eq!(f.tilldelad.utforare_id, "C");
        assert_eq!(f.hoppade.len(), 1);
        assert_eq!(f.hoppade[0].utforare_id, "B");
        assert_eq!(f.senast_tilldelad.unwrap().utforare_id, "A");
        assert_eq!(f.registerversion, 7);
        let redan = planera_ickeval(&b, &lista, &Ickevalsfraga { har_utforare: true, ..fraga });
        assert_eq!(redan, Err(Regelbrott::HarRedanUtforare));
    }
}
