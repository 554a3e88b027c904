// The provider register: the providers, their approvals and areas, a change with a preview of
// the brukare it affects, and the register's versions. Who may change it is decided in Rust.

import { anropa, t, tillstand } from "./karna.js";
import { $, doljFel, el, ersatt, visaFel } from "./dom.js";
import { hindra, stangFormular, vakta } from "./bekrafta.js";

export async function visaRegister(meddelande) {
  tillstand.sida = "register";
  tillstand.brukareId = null;
  const sektion = $("#brukare");
  try {
    const r = await anropa("register", { handlaggareId: tillstand.handlaggareId });
    tillstand.register = r;
    doljFel();
    ersatt(
      sektion,
      el("h2", { text: t("ui-register-rubrik") }),
      meddelande ? el("p", { class: "klart", role: "status", text: meddelande }) : null,
      el("p", { class: "hjalp", text: t("ui-register-version", { version: r.historik[0]?.nummer ?? 0 }) + (r.far_andra ? "" : " " + t("ui-register-endast-visning")) }),
      el(
        "div",
        { class: "knapprad" },
        ...hindra(el("button", { type: "button", class: "knapp", id: "ny-utforare", text: t("ui-register-ny-utforare") }), r.far_andra ? null : t("ui-register-bara-systemforvaltare")),
        ...hindra(el("button", { type: "button", class: "knapp", id: "importera-register", text: t("ui-register-importera") }), r.far_andra ? null : t("ui-register-bara-systemforvaltare")),
        ...hindra(el("button", { type: "button", class: "knapp", id: "registerpaket", text: t("ui-register-paket") }), r.far_andra ? null : t("ui-register-bara-systemforvaltare")),
        ...hindra(el("button", { type: "button", class: "knapp", id: "importera-brukare", text: t("ui-brukarimport-knapp") }), r.far_andra ? null : t("ui-brukarimport-bara-systemforvaltare")),
        el("button", { type: "button", class: "knapp", id: "exportera-register", text: t("ui-register-exportera") }),
      ),
      el("p", { id: "export-klart", role: "status" }),
      el(
        "table",
        { class: "tabell", id: "register-tabell" },
        el("thead", {}, el("tr", {}, ...["ui-valbara-utforare", "ui-register-godkannanden", "ui-register-omraden", ""].map((k) => el("th", { scope: "col", text: k ? t(k) : "" })))),
        el(
          "tbody",
          {},
          ...r.utforare.map((u) =>
            el(
              "tr",
              { "data-id": u.id },
              el("td", {}, el("strong", { text: u.namn }), el("br"), el("span", { class: "hjalp", text: `${u.organisationsnummer}, ${t("regi-" + u.regi)}` })),
              el("td", { class: "lage" }, ...u.godkannanden.map((g, i) => lageRad(g, r.lage[u.id]?.[i]))),
              el("td", { text: u.omraden.map((kod) => r.omraden.find((o) => o.kod === kod)?.namn ?? kod).join(", ") }),
              el(
                "td",
                {},
                r.far_andra ? el("div", { class: "knapprad" }, el("button", { type: "button", class: "knapp andra-utforare", "data-id": u.id, text: t("ui-register-andra") }), el("button", { type: "button", class: "knapp nytt-godkannande", "data-id": u.id, text: t("ui-register-nytt-godkannande") })) : null,
              ),
            ),
          ),
        ),
      ),
      el("h3", { text: t("ui-register-historik") }),
      el(
        "ul",
        { class: "lista", id: "register-historik" },
        ...r.historik.map((v) => el("li", { text: t("ui-register-historik-rad", { version: v.nummer, tid: v.tid_visning, vem: v.vem.replace(/ <.*>$/, ""), beskrivning: v.beskrivning }) })),
      ),
    );
  } catch (fel) {
    visaFel(fel);
  }
}

/** An approval's state today (from Rust) in words: approved, paused, not yet approved, ended. */
function lageRad(g, lage) {
  const insats = tillstand.insatser.find((i) => i.kod === g.insats_kod)?.namn ?? g.insats_kod;
  const status = lage?.status ?? "valbar";
  const tak = g.kapacitetstak === null ? t("ui-register-inget-tak") : t("ui-register-tak-kort", { tak: g.kapacitetstak });
  return el(
    "p",
    { class: "godkannande" },
    el("span", { class: "lage-" + status, "data-lage": status, text: t("ui-register-lage-" + status, { insats, datum: lage?.till ?? lage?.fran ?? "" }) }),
    `, ${tak}`,
  );
}

function utforarFormular(u) {
  document.querySelector("#utforare-form")?.remove();
  const falt = (id, etikett, varde, typ = "text") =>
    el("div", { class: "falt" }, el("label", { for: id, text: etikett }), el("input", { id, type: "text", inputmode: typ === "tal" ? "numeric" : null, value: varde ?? "", autocomplete: "off", placeholder: typ === "datum" ? t("ui-datum-platshallare") : null }));
  const form = el(
    "form",
    { id: "utforare-form", class: "beslut-form", novalidate: true, "data-id": u.id, "aria-label": u.namn },
    el("h4", { text: u.namn }),
    ...u.godkannanden.flatMap((g, i) => [
      el("h5", { class: "bred", text: t("ui-register-godkannande", { insats: g.insats_kod }) }),
      falt(`g${i}-fran`, t("ui-register-godkand-fran"), g.godkand_fran, "datum"),
      falt(`g${i}-till`, t("ui-register-godkand-till"), g.godkand_till, "datum"),
      falt(`g${i}-tak`, t("ui-register-tak"), g.kapacitetstak, "tal"),
      falt(`g${i}-bekraftad`, t("ui-register-bekraftad"), g.kapacitet_bekraftad, "datum"),
      falt(`g${i}-paus`, t("ui-register-paus"), g.paus_till, "datum"),
    ]),
    el(
      "fieldset",
      { class: "bred omraden" },
      el("legend", { text: t("ui-register-omraden") }),
      ...tillstand.register.omraden.map((o) =>
        el("label", { class: "val" }, el("input", { type: "checkbox", name: "omrade", value: o.kod, checked: u.omraden.includes(o.kod) }), ` ${o.kod} ${o.namn}`),
      ),
    ),
    el("div", { class: "falt bred" }, el("label", { for: "u-beskrivning", text: t("ui-register-beskrivning") }), el("input", { id: "u-beskrivning", type: "text", autocomplete: "off" })),
    el("div", { id: "paverkan", class: "bred", role: "status" }),
    el(
      "div",
      { class: "knapprad bred" },
      el("button", { type: "button", class: "knapp", id: "u-forhandsgranska", text: t("ui-register-forhandsgranska") }),
      el("button", { type: "submit", class: "knapp primar", id: "u-spara", text: t("ui-register-spara") }),
      el("button", { type: "button", class: "knapp", id: "u-avbryt", text: t("ui-form-avbryt") }),
    ),
  );
  const hamtaFormular = () => {
    const v = (id) => form.querySelector("#" + id).value.trim() || null;
    return {
      ...u,
      omraden: [...form.querySelectorAll("input[name=omrade]:checked")].map((c) => c.value),
      godkannanden: u.godkannanden.map((g, i) => ({
        ...g,
        godkand_fran: v(`g${i}-fran`) ?? g.godkand_fran,
        godkand_till: v(`g${i}-till`),
        kapacitetstak: v(`g${i}-tak`) === null ? null : Number(v(`g${i}-tak`)),
        kapacitet_bekraftad: v(`g${i}-bekraftad`),
        paus_till: v(`g${i}-paus`),
      })),
    };
  };
  const visaPaverkan = (lista) => {
    ersatt(
      form.querySelector("#paverkan"),
      el("p", { text: lista.length ? t("ui-register-paverkar", { antal: lista.length }) : t("ui-register-paverkar-ingen") }),
      lista.length ? el("ul", { class: "lista", id: "paverkade" }, ...lista.map((p) => el("li", { text: `${p.namn}, ${p.insats_kod}: ${t("ui-orsak-" + p.orsak)}` }))) : null,
    );
  };
  form.querySelector("#u-forhandsgranska").addEventListener("click", async () => {
    try {
      visaPaverkan(await anropa("forhandsgranska_utforare", { utforare: hamtaFormular() }));
    } catch (fel) {
      visaFel(fel);
    }
  });
  vakta(form);
  form.querySelector("#u-avbryt").addEventListener("click", () => stangFormular(form));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const sparat = await anropa("spara_utforare", { handlaggareId: tillstand.handlaggareId, utforare: hamtaFormular(), beskrivning: form.querySelector("#u-beskrivning").value });
      await visaRegister(t("ui-register-sparat", { version: sparat.version }));
    } catch (fel) {
      visaFel(fel);
    }
  });
  return form;
}

/** Opens the form to change the provider of button `knapp`, in a row below its own. */
export function andraUtforare(knapp) {
  const u = tillstand.register.utforare.find((x) => x.id === knapp.dataset.id);
  const form = utforarFormular(u);
  knapp.closest("tr").after(el("tr", {}, el("td", { colspan: "4" }, form)));
  form.querySelector("input")?.focus();
}
