// The register's forms for a new provider (with its first approval) and for a new approval of
// a provider: typed as strings, checked by the core field by field, confirmed, then saved.

import { anropa, t, tillstand } from "./karna.js";
import { $, el, visaFel } from "./dom.js";
import { bekrafta, hindra, stangbar, vakta } from "./bekrafta.js";
import { visaRegister } from "./register.js";

/** One field: label, control with id `id`, and the core's message for field `falt` beside it. */
function falt(id, falt, etikett, kontroll) {
  kontroll.id = id;
  kontroll.dataset.falt = falt;
  return el("div", { class: "falt" }, el("label", { for: id, text: etikett }), kontroll, el("span", { class: "faltfel", id: `${id}-fel`, "data-falt": falt }));
}

const text = (attr = {}) => el("input", { type: "text", autocomplete: "off", ...attr });
const datum = () => text({ placeholder: t("ui-datum-platshallare") });

function insatsVal(utom = []) {
  return el(
    "select",
    {},
    el("option", { value: "", text: t("ui-register-valj") }),
    ...tillstand.insatser.filter((i) => i.valfrihet && !utom.includes(i.kod)).map((i) => el("option", { value: i.kod, text: i.namn })),
  );
}

function godkannandeFalt(prefix, utom) {
  return [
    falt(`${prefix}-insats`, "insats", t("ui-register-insats"), insatsVal(utom)),
    falt(`${prefix}-fran`, "godkand_fran", t("ui-register-godkand-fran"), datum()),
    falt(`${prefix}-till`, "godkand_till", t("ui-register-godkand-till"), datum()),
    falt(`${prefix}-tak`, "kapacitetstak", t("ui-register-tak"), text({ inputmode: "numeric" })),
  ];
}

function godkannandeVarden(form, prefix) {
  const v = (id) => form.querySelector(`#${prefix}-${id}`).value;
  return { insats_kod: v("insats"), godkand_fran: v("fran"), godkand_till: v("till"), kapacitetstak: v("tak") };
}

/** Puts each field's message (from the core) next to its field; clears the others. */
function visaFaltfel(form, fel) {
  for (const span of form.querySelectorAll(".faltfel[data-falt]")) {
    const meddelande = fel.find((f) => f.falt === span.dataset.falt)?.message ?? "";
    span.textContent = meddelande;
    const kontroll = form.querySelector(`[data-falt="${span.dataset.falt}"]:not(.faltfel)`);
    if (meddelande) kontroll?.setAttribute("aria-invalid", "true");
    else kontroll?.removeAttribute("aria-invalid");
  }
}

function insatsIMening(kod) {
  const i = tillstand.insatser.find((x) => x.kod === kod);
  return i?.namn_i_mening || i?.namn || kod;
}

/** Checks, asks, saves: the flow both forms share. `kontroll` and `spara` call the core; the
 * check answers with the sentence to confirm, made by the core. */
function koppla(form, { kontroll, spara, klart }) {
  vakta(form);
  stangbar(form, ".avbryt", () => visaRegister());
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const fel = form.querySelector(".form-fel");
    try {
      const fraga = await kontroll();
      visaFaltfel(form, []);
      fel.textContent = "";
      if (!(await bekrafta(fraga, t("ui-register-lagg-till")))) return;
      const sparat = await spara();
      form.dataset.andrad = "false";
      await visaRegister(klart(sparat));
    } catch (f) {
      visaFaltfel(form, f?.falt ?? []);
      fel.textContent = f?.message ?? t("ui-fel-okant");
      if (!f?.falt?.length) visaFel(f);
      form.querySelector("[aria-invalid=true]")?.focus();
    }
  });
}

function knappar() {
  return el(
    "div",
    { class: "knapprad bred" },
    el("button", { type: "submit", class: "knapp primar", text: t("ui-register-lagg-till") }),
    el("button", { type: "button", class: "knapp avbryt", text: t("ui-form-avbryt") }),
    el("p", { class: "faltfel form-fel", role: "alert", "data-rensas": true }),
  );
}

/** Opens the form for a new provider above the register's table. */
export function nyUtforare() {
  document.querySelector("#ny-utforare-form")?.remove();
  const form = el(
    "form",
    { id: "ny-utforare-form", class: "beslut-form", novalidate: true, "aria-labelledby": "ny-utforare-rubrik" },
    el("h3", { id: "ny-utforare-rubrik", class: "bred", text: t("ui-register-ny-rubrik") }),
    falt("nu-namn", "namn", t("ui-register-namn"), text()),
    falt("nu-orgnr", "organisationsnummer", t("ui-register-orgnr"), text({ inputmode: "numeric" })),
    falt("nu-regi", "regi", t("ui-register-regi"), el("select", {}, el("option", { value: "", text: t("ui-register-valj") }), ...["egen_regi", "privat", "ideburen"].map((r) => el("option", { value: r, text: t("regi-" + r) })))),
    el(
      "fieldset",
      { class: "bred omraden", "data-falt": "omraden", id: "nu-omraden", "aria-describedby": "nu-omraden-fel" },
      el("legend", { text: t("ui-register-omraden") }),
      ...tillstand.register.omraden.map((o) => el("label", { class: "val" }, el("input", { type: "checkbox", name: "nu-omrade", value: o.kod }), ` ${o.kod} ${o.namn}`)),
    ),
    el("span", { class: "faltfel bred", id: "nu-omraden-fel", "data-falt": "omraden" }),
    el("h4", { class: "bred", text: t("ui-register-forsta-godkannande") }),
    ...godkannandeFalt("nu", []),
    knappar(),
  );
  const formular = () => ({
    namn: form.querySelector("#nu-namn").value,
    organisationsnummer: form.querySelector("#nu-orgnr").value,
    regi: form.querySelector("#nu-regi").value,
    omraden: [...form.querySelectorAll("input[name=nu-omrade]:checked")].map((c) => c.value),
    godkannande: godkannandeVarden(form, "nu"),
  });
  const arg = () => ({ handlaggareId: tillstand.handlaggareId, formular: formular() });
  const f = () => formular();
  koppla(form, {
    kontroll: () => anropa("kontrollera_ny_utforare", arg()),
    spara: () => anropa("ny_utforare", { ...arg(), beskrivning: t("ui-register-ny-beskrivning", { namn: f().namn.trim() }) }),
    klart: (s) => t("ui-register-tillagd", { namn: f().namn.trim(), version: s.version }),
  });
  $("#register-tabell").before(form);
  form.querySelector("input").focus();
}

/** Opens the form for a new approval of the provider of button `knapp`, below its row. */
export function nyttGodkannande(knapp) {
  document.querySelector("#nytt-godkannande-form")?.closest("tr")?.remove();
  const u = tillstand.register.utforare.find((x) => x.id === knapp.dataset.id);
  const form = el(
    "form",
    { id: "nytt-godkannande-form", class: "beslut-form", novalidate: true, "data-id": u.id, "aria-labelledby": "nytt-godkannande-rubrik" },
    el("h4", { id: "nytt-godkannande-rubrik", text: t("ui-register-nytt-godkannande-rubrik", { namn: u.namn }) }),
    ...godkannandeFalt("ng", u.godkannanden.map((g) => g.insats_kod)),
    knappar(),
  );
  const arg = () => ({ handlaggareId: tillstand.handlaggareId, utforareId: u.id, formular: godkannandeVarden(form, "ng") });
  const insats = () => insatsIMening(godkannandeVarden(form, "ng").insats_kod);
  koppla(form, {
    kontroll: () => anropa("kontrollera_nytt_godkannande", arg()),
    spara: () => anropa("nytt_godkannande", { ...arg(), beskrivning: t("ui-register-godkannande-beskrivning", { namn: u.namn, insats: insats() }) }),
    klart: (s) => t("ui-register-sparat", { version: s.version }),
  });
  knapp.closest("tr").after(el("tr", {}, el("td", { colspan: "4" }, form)));
  form.querySelector("select").focus();
}

/** Saves the register as CSV where the system's save dialog points, and says where. */
export async function exporteraRegister() {
  const klart = $("#export-klart");
  klart.textContent = "";
  try {
    const sokvag = await anropa("exportera_register", { handlaggareId: tillstand.handlaggareId });
    klart.textContent = sokvag ? t("ui-register-exporterat", { sokvag }) : t("ui-register-ej-exporterat");
  } catch (fel) {
    visaFel(fel);
  }
}

/**
 * Shows a preview (from the core, in words) above the register's table, with a button that
 * does the act after a confirmation; disabled with `hinder` when it cannot succeed.
 */
function visaForhandsgranskning({ id, inledning, vy, hinder, knappText, fraga, gor }) {
  const lista = (lid, rader) => el("ul", { class: "lista", id: lid }, ...rader.map((r) => el("li", { text: r })));
  const knapp = el("button", { type: "button", class: "knapp primar", id: id + "-gor", text: knappText });
  const sektion = el(
    "section",
    { id, class: "beslut-form", "aria-labelledby": id + "-rubrik" },
    el("h3", { id: id + "-rubrik", class: "bred", tabindex: "-1", text: t("ui-register-import-rubrik") }),
    el("p", { class: "bred", text: inledning }),
    ...(vy.lasning ?? []).map((l) => el("p", { class: "bred hjalp", text: l })),
    vy.fel?.length ? el("div", { class: "bred" }, el("h4", { text: t("ui-register-import-fel-rubrik") }), lista(id + "-fel", vy.fel)) : null,
    vy.varningar?.length ? el("div", { class: "bred" }, el("h4", { text: t("ui-register-import-varningar") }), lista(id + "-varningar", vy.varningar)) : null,
    ...vy.avsnitt.map((a) => el("div", { class: "bred", "data-avsnitt": a.id }, el("h4", { text: a.rubrik }), lista(null, a.rader))),
    el("p", { class: "bred", text: vy.oforandrade }),
    el("div", { class: "knapprad bred" }, ...hindra(knapp, hinder), el("button", { type: "button", class: "knapp", id: id + "-avbryt", text: t("ui-form-avbryt") })),
  );
  sektion.querySelector(`#${id}-avbryt`).addEventListener("click", () => sektion.remove());
  knapp.addEventListener("click", async () => {
    try {
      if (!(await bekrafta(fraga, knappText))) return;
      await gor();
    } catch (fel) {
      visaFel(fel);
    }
  });
  $("#register-tabell").before(sektion);
  sektion.querySelector("h3").focus();
}

const filnamn = (sokvag) => sokvag.split(/[\\/]/).pop();

/** Asks for a register file, shows what importing it would do, and imports it when confirmed. */
export async function importeraRegister() {
  const klart = $("#export-klart");
  klart.textContent = "";
  document.querySelector("#import-forhandsgranskning, #paket-forhandsgranskning")?.remove();
  try {
    const sokvag = await anropa("valj_registerfil", { handlaggareId: tillstand.handlaggareId });
    if (!sokvag) {
      klart.textContent = t("ui-register-import-ingen-fil");
      return;
    }
    const arg = { handlaggareId: tillstand.handlaggareId, sokvag };
    const vy = await anropa("forhandsgranska_registerimport", arg);
    visaForhandsgranskning({
      id: "import-forhandsgranskning",
      inledning: t("ui-register-import-rader", { rader: vy.rader, fil: filnamn(sokvag) }),
      vy,
      hinder: vy.fel.length ? t("ui-register-import-felrader") : vy.andrar ? null : t("ui-register-import-inget"),
      knappText: t("ui-register-import-knapp"),
      fraga: t("ui-register-import-bekrafta", { paverkade: vy.paverkade }),
      gor: async () => {
        const version = await anropa("importera_register", arg);
        await visaRegister(version ? t("ui-register-importerat", { version }) : t("ui-register-import-inget"));
      },
    });
  } catch (fel) {
    visaFel(fel);
  }
}

/** Asks for a signed register package and the key it must be signed with, shows what applying
 * it would do, and applies it when confirmed. */
export async function tillampaPaket() {
  const klart = $("#export-klart");
  klart.textContent = "";
  document.querySelector("#import-forhandsgranskning, #paket-forhandsgranskning")?.remove();
  try {
    // The organisation's key, when its file sets one, is the core's: nobody is asked for it.
    const egenNyckel = tillstand.organisationen.includes("registerpaket_nyckel");
    const paket = await anropa("valj_paketfil", { handlaggareId: tillstand.handlaggareId, slag: "paket" });
    const nyckel = paket && !egenNyckel ? await anropa("valj_paketfil", { handlaggareId: tillstand.handlaggareId, slag: "nyckel" }) : null;
    if (!paket || (!nyckel && !egenNyckel)) {
      klart.textContent = t("ui-register-import-ingen-fil");
      return;
    }
    const arg = { handlaggareId: tillstand.handlaggareId, paket, nyckel };
    const vy = await anropa("forhandsgranska_registerpaket", arg);
    visaForhandsgranskning({
      id: "paket-forhandsgranskning",
      inledning: t("ui-register-paket-om", { version: vy.paketversion, kommun: vy.kommun, skapad: vy.skapad, fil: filnamn(paket) }),
      vy,
      hinder: vy.andrar ? null : t("ui-register-import-inget"),
      knappText: t("ui-register-paket-knapp"),
      fraga: t("ui-register-import-bekrafta", { paverkade: vy.paverkade }),
      gor: async () => {
        const version = await anropa("tillampa_registerpaket", arg);
        await visaRegister(version ? t("ui-register-paket-tillampat", { paket: vy.paketversion, version }) : t("ui-register-import-inget"));
      },
    });
  } catch (fel) {
    visaFel(fel);
  }
}

/**
 * Asks for a brukare file (CSV or XLSX), shows what importing it would do (how many new, which
 * rows are refused and why, by row number), and imports it — only a file without a bad row,
 * after a confirmation — with its progress for a large file. Every check is the core's.
 */
export async function importeraBrukare() {
  const klart = $("#export-klart");
  klart.textContent = "";
  document.querySelector("#import-forhandsgranskning, #paket-forhandsgranskning, #brukarimport")?.remove();
  try {
    const sokvag = await anropa("valj_brukarfil", { handlaggareId: tillstand.handlaggareId });
    if (!sokvag) {
      klart.textContent = t("ui-register-import-ingen-fil");
      return;
    }
    const arg = { handlaggareId: tillstand.handlaggareId, sokvag };
    const vy = await anropa("forhandsgranska_brukarimport", arg);
    const id = "brukarimport";
    const knapp = el("button", { type: "button", class: "knapp primar", id: id + "-gor", text: t("ui-brukarimport-gor") });
    const hinder = vy.fel.length ? t("ui-register-import-felrader") : vy.nya ? null : t("ui-brukarimport-inga");
    const framsteg = el("progress", { id: id + "-framsteg", max: String(Math.max(vy.nya, 1)), value: "0", "aria-labelledby": id + "-framsteg-text", hidden: true });
    const framstegText = el("p", { id: id + "-framsteg-text", class: "bred", role: "status" });
    const sektion = el(
      "section",
      { id, class: "beslut-form", "aria-labelledby": id + "-rubrik" },
      el("h3", { id: id + "-rubrik", class: "bred", tabindex: "-1", text: t("ui-brukarimport-rubrik") }),
      el("p", { class: "bred", text: t("ui-register-import-rader", { rader: vy.rader, fil: filnamn(sokvag) }) }),
      ...vy.lasning.map((l) => el("p", { class: "bred hjalp", text: l })),
      el(
        "ul",
        { class: "lista bred", id: id + "-summa" },
        el("li", { "data-summa": "nya", text: t("ui-brukarimport-nya", { antal: vy.nya }) }),
        el("li", { "data-summa": "andrade", text: t("ui-brukarimport-andrade") }),
        el("li", { "data-summa": "avvisade", text: t("ui-brukarimport-avvisade", { antal: vy.avvisade }) }),
      ),
      vy.fel.length ? el("div", { class: "bred" }, el("h4", { text: t("ui-register-import-fel-rubrik") }), el("ul", { class: "lista", id: id + "-fel" }, ...vy.fel.map((f) => el("li", { text: f })))) : null,
      el("div", { class: "knapprad bred" }, ...hindra(knapp, hinder), el("button", { type: "button", class: "knapp", id: id + "-avbryt", text: t("ui-form-avbryt") })),
      framsteg,
      framstegText,
    );
    sektion.querySelector(`#${id}-avbryt`).addEventListener("click", () => sektion.remove());
    knapp.addEventListener("click", async () => {
      let sluta = null;
      try {
        if (!(await bekrafta(t("ui-brukarimport-bekrafta", { antal: vy.nya }), t("ui-brukarimport-gor")))) return;
        knapp.disabled = true;
        framsteg.hidden = false;
        framstegText.textContent = t("ui-brukarimport-framsteg", { klara: 0, totalt: vy.nya });
        sluta = await window.__TAURI__.event.listen("brukarimport-framsteg", (e) => {
          framsteg.max = String(Math.max(e.payload.totalt, 1));
          framsteg.value = String(e.payload.klara);
          framstegText.textContent = t("ui-brukarimport-framsteg", { klara: e.payload.klara, totalt: e.payload.totalt });
        });
        const antal = await anropa("importera_brukarfil", arg);
        sektion.remove();
        await visaRegister(t("ui-brukarimport-klar", { antal }));
      } catch (fel) {
        knapp.disabled = false;
        visaFel(fel);
      } finally {
        sluta?.();
      }
    });
    $("#register-tabell").before(sektion);
    sektion.querySelector("h3").focus();
  } catch (fel) {
    visaFel(fel);
  }
}
