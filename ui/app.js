// Valfri's window. It shows what the core returns and sends what the caseworker does; every rule
// (validation, ordering, who may see what) lives in Rust. Every text comes from the core's Fluent
// files through the `texter` command.

import { andraLockEfter, startaLock } from "./lock.js";
import { bekrafta, hindra, initBekrafta, stangFormular, vakta } from "./bekrafta.js";
import { initAvslut, oppnaAvslut } from "./avslut.js";
import { initUppfoljning, oppnaUppfoljning } from "./uppfoljning.js";
import { initBrukare, visaBrukarformular } from "./brukare.js";

const invoke = window.__TAURI__.core.invoke;

const tillstand = {
  sprak: "sv",
  texter: {},
  handlaggareId: null,
  sokNr: 0,
  oppnaNr: 0,
  brukareId: null,
  insatser: [],
  // The domain's code lists with their words in the current language (from `texter`).
  koder: { utfall: [], vem_valde: [], kanal: [], avslutsorsak: [] },
  zoom: 1,
};

const $ = (sel) => document.querySelector(sel);

/** A text by id, with `{$namn}` placeholders filled in. A missing id shows itself, never blank. */
function t(id, varden = {}) {
  const mall = tillstand.texter[id] ?? id;
  return mall.replace(/\{\s*\$([a-z_]+)\s*\}/g, (_, namn) => String(varden[namn] ?? ""));
}

/** The `<option>`s of a code list from the core. */
function alternativ(lista) {
  return lista.map((k) => el("option", { value: k.kod, text: k.text }));
}

function el(tagg, attr = {}, ...barn) {
  const e = document.createElement(tagg);
  for (const [k, v] of Object.entries(attr)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "text") e.textContent = v;
    else if (k === "class") e.className = v;
    else if (k.startsWith("data-")) e.setAttribute(k, v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const b of barn.flat()) if (b) e.append(b);
  return e;
}

/** Replaces an element's content; absent (null) parts are left out rather than shown as "null". */
function ersatt(forelder, ...barn) {
  forelder.replaceChildren(...barn.flat().filter(Boolean));
}

function visaFel(fel) {
  const text = fel && typeof fel === "object" && fel.message ? fel.message : t("ui-fel-okant");
  $("#fel-text").textContent = text;
  $("#fel").hidden = false;
}

function doljFel() {
  $("#fel").hidden = true;
}

let pagaende = 0;

/** Calls a command; when it takes longer than 150 ms, shows that the program is working. */
async function anropa(kommando, arg = {}) {
  pagaende += 1;
  const timer = setTimeout(() => {
    document.body.classList.add("upptagen");
    $("#arbetar").hidden = false;
  }, 150);
  try {
    return await invoke(kommando, { sprak: tillstand.sprak, ...arg });
  } finally {
    clearTimeout(timer);
    pagaende -= 1;
    if (pagaende === 0) {
      document.body.classList.remove("upptagen");
      $("#arbetar").hidden = true;
    }
  }
}

async function laddaTexter(sprak) {
  const svar = await invoke("texter", { sprak });
  tillstand.sprak = svar.sprak;
  tillstand.texter = svar.texter;
  tillstand.koder = svar.koder;
  document.documentElement.lang = svar.sprak;
  document.title = t("ui-app-titel");
  for (const e of document.querySelectorAll("[data-t]")) e.textContent = t(e.dataset.t);
  for (const e of document.querySelectorAll("[data-t-placeholder]")) e.placeholder = t(e.dataset.tPlaceholder);
  for (const e of document.querySelectorAll("[data-t-aria-label]")) e.setAttribute("aria-label", t(e.dataset.tAriaLabel));
  const val = $("#sprak");
  val.replaceChildren(...svar.sprak_lista.map((s) => el("option", { value: s, text: s.toUpperCase() })));
  val.value = svar.sprak;
}

async function laddaHandlaggare() {
  const lista = await anropa("handlaggare");
  const val = $("#handlaggare");
  val.replaceChildren(
    ...lista.map((h) => el("option", { value: h.id, text: `${h.namn} (${t("roll-" + h.roll)})` })),
  );
  const sparad = localStorage.getItem("valfri.handlaggare");
  tillstand.handlaggareId = lista.some((h) => h.id === sparad) ? sparad : (lista[0]?.id ?? null);
  val.value = tillstand.handlaggareId ?? "";
}

// --- Search -----------------------------------------------------------------------------------

let sokTimer = null;

function planeraSok() {
  clearTimeout(sokTimer);
  sokTimer = setTimeout(sok, 120);
}

async function sok() {
  const fraga = $("#sok").value.trim();
  const nr = ++tillstand.sokNr;
  const status = $("#traff-status");
  if (!fraga || !tillstand.handlaggareId) {
    $("#traffar").replaceChildren();
    $("#inga-traffar").hidden = true;
    status.textContent = fraga ? "" : t("ui-skriv-for-att-soka");
    return;
  }
  const laddar = setTimeout(() => { if (nr === tillstand.sokNr) status.textContent = t("ui-laddar"); }, 150);
  try {
    const traffar = await anropa("sok_brukare", { handlaggareId: tillstand.handlaggareId, fraga });
    if (nr !== tillstand.sokNr) return; // an older answer arriving late
    doljFel();
    visaTraffar(traffar, fraga);
  } catch (fel) {
    if (nr === tillstand.sokNr) visaFel(fel);
  } finally {
    clearTimeout(laddar);
  }
}

function visaTraffar(traffar, fraga) {
  const lista = $("#traffar");
  ersatt(lista,
    ...traffar.map((h) =>
      el(
        "li",
        {},
        el(
          "button",
          { type: "button", class: "traff", "data-id": h.id },
          el("span", { class: "namn", text: `${h.fornamn} ${h.efternamn}` }),
          el("span", { class: "pnr", text: h.personnummer }),
          h.omrade ? el("span", { class: "pnr", text: ` · ${h.omrade}` }) : null,
          h.skyddad ? el("span", { class: "markering", text: t("ui-skyddad-markering") }) : null,
        ),
      ),
    ),
  );
  const inga = $("#inga-traffar");
  inga.hidden = traffar.length > 0;
  inga.textContent = traffar.length ? "" : t("ui-inga-traffar", { fraga });
  $("#traff-status").textContent = traffar.length ? t("ui-traffar-antal", { antal: traffar.length }) : "";
}

// --- A brukare's page ---------------------------------------------------------------------------

async function oppnaBrukare(id) {
  const nr = ++tillstand.oppnaNr;
  for (const b of document.querySelectorAll(".traff")) b.setAttribute("aria-current", String(b.dataset.id === id));
  try {
    // The record of a brukare with skyddade personuppgifter opens only with a reason, which the
    // core logs; showing the same record again to the same handläggare reuses the reason given.
    let skal = tillstand.skal && tillstand.skal.id === id && tillstand.skal.av === tillstand.handlaggareId ? tillstand.skal.text : null;
    let sida;
    try {
      sida = await anropa("oppna_brukare", { handlaggareId: tillstand.handlaggareId, id, skal });
    } catch (fel) {
      if (!fel || fel.code !== "fel-skal-kravs") throw fel;
      skal = await fragaSkal();
      if (skal === null || nr !== tillstand.oppnaNr) return;
      sida = await anropa("oppna_brukare", { handlaggareId: tillstand.handlaggareId, id, skal });
    }
    tillstand.skal = skal ? { id, av: tillstand.handlaggareId, text: skal } : null;
    if (nr !== tillstand.oppnaNr) return;
    doljFel();
    tillstand.brukareId = id;
    visaBrukare(sida);
  } catch (fel) {
    visaFel(fel);
  }
}

/** Asks why the record of a brukare with skyddade personuppgifter is opened. Resolves to the
 * reason, or null when the handläggare cancels. */
function fragaSkal() {
  document.querySelector("#skal-dialog")?.remove();
  return new Promise((klar) => {
    const falt = el("input", { id: "skal-falt", type: "text", maxlength: "200", autocomplete: "off", "aria-describedby": "skal-hjalp skal-fel" });
    const fel = el("p", { id: "skal-fel", class: "faltfel", role: "alert" });
    const form = el(
      "form",
      { class: "skal-form" },
      el("h2", { id: "skal-rubrik", text: t("ui-skal-rubrik") }),
      el("p", { id: "skal-hjalp", text: t("ui-skal-hjalp") }),
      el("label", { for: "skal-falt", text: t("ui-skal-etikett") }),
      falt,
      fel,
      el(
        "div",
        { class: "knapprad" },
        el("button", { type: "submit", class: "knapp primar", id: "skal-oppna", text: t("ui-skal-oppna") }),
        el("button", { type: "button", class: "knapp", id: "skal-avbryt", text: t("ui-skal-avbryt") }),
      ),
    );
    const dialog = el("dialog", { id: "skal-dialog", "aria-labelledby": "skal-rubrik", "aria-describedby": "skal-hjalp" }, form);
    const stang = (svar) => {
      dialog.close();
      dialog.remove();
      klar(svar);
    };
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const skal = falt.value.trim();
      if (!skal) {
        fel.textContent = t("ui-skal-saknas");
        falt.setAttribute("aria-invalid", "true");
        falt.focus();
        return;
      }
      stang(skal);
    });
    dialog.querySelector("#skal-avbryt").addEventListener("click", () => stang(null));
    dialog.addEventListener("cancel", (e) => {
      e.preventDefault();
      stang(null);
    });
    document.body.append(dialog);
    dialog.showModal();
    falt.focus();
  });
}

function fakta(par) {
  return el("dl", { class: "fakta" }, ...par.filter(([, v]) => v !== null && v !== undefined && v !== "").flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })]));
}

function omfattning(b) {
  if (b.omfattning === null || b.omfattning === undefined) return t("enhet-" + b.enhet);
  const tal = new Intl.NumberFormat(tillstand.sprak === "sv" ? "sv-SE" : tillstand.sprak).format(b.omfattning);
  return `${tal} ${t("enhet-" + b.enhet)}`;
}

function visaBrukare({ brukare: b, beslut, lagen = [] }) {
  const sektion = $("#brukare");
  tillstand.sida = { brukare: b, beslut, lagen };
  const adress = b.skyddad
    ? t("ui-adress-skyddad")
    : [b.co, b.adress, [b.postnummer, b.postort].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  ersatt(sektion,
    el(
      "div",
      { class: "rubrik-rad" },
      el("h2", {}, `${b.fornamn} ${b.efternamn}`, b.skyddad ? el("span", { class: "markering", text: t("ui-skyddad-markering") }) : null),
      // The record of a brukare with skyddade personuppgifter is not edited here: its address is never shown.
      b.skyddad ? null : el("button", { type: "button", class: "knapp", id: "andra-brukare", text: t("ui-brukare-andra") }),
    ),
    fakta([
      [t("ui-personnummer"), b.personnummer],
      [t("ui-adress"), adress],
      [t("ui-omrade"), b.omrade],
      [t("ui-sprak-for-brev"), b.sprak.toUpperCase()],
      [t("ui-storstil"), b.storstil ? t("ui-ja") : t("ui-nej")],
    ]),
    el("h3", { text: t("ui-ombud-rubrik") }),
    b.ombud.length
      ? el("ul", { class: "lista" }, ...b.ombud.map((o) => el("li", { text: `${o.namn} (${t("ombud-" + o.typ)}), ${o.adress}, ${o.postnummer} ${o.postort}` })))
      : el("p", { class: "tom", text: t("ui-inga-ombud") }),
    el("div", { class: "rubrik-rad" }, el("h3", { text: t("ui-beslut-rubrik") }), el("button", { type: "button", class: "knapp", id: "nytt-beslut", text: t("ui-nytt-beslut"), "aria-keyshortcuts": "Alt+N" })),
    beslut.length
      ? el("ul", { id: "beslut-lista", class: "lista" }, ...beslut.map((x) => beslutRad(x, lagen.find((l) => l.beslut_id === x.id))))
      : el("p", { class: "tom", id: "beslut-lista", text: t("ui-inga-beslut") }),
  );
  sektion.scrollTop = 0;
  sektion.focus({ preventScroll: true });
}

function beslutRad(b, lage = {}) {
  const giltig = `${b.giltig_fran} – ${b.giltig_till ?? t("ui-beslut-tillsvidare")}`;
  const fatta = b.kan_andras ? el("button", { type: "button", class: "knapp primar fatta-beslut", id: "fatta-" + b.id, "data-beslut": b.id, text: t("ui-fatta") }) : null;
  return el(
    "li",
    { class: "beslut", "data-id": b.id },
    el(
      "div",
      { class: "beslut-rubrik" },
      el("strong", { text: b.insats_namn }),
      el("span", { class: `etikett status-${b.status}`, text: t("status-" + b.status) }),
      el("span", { text: t("utfall-" + b.utfall) }),
    ),
    fakta([
      [t("ui-beslut-diarienummer"), b.diarienummer],
      [t("ui-beslut-beslutsdatum"), b.beslutsdatum ?? t("ui-beslut-ej-fattat")],
      [t("ui-beslut-giltighet"), giltig],
      [t("ui-beslut-omfattning"), omfattning(b)],
      [t("ui-beslut-uppfoljning"), b.uppfoljning],
      [t("ui-beslut-handlaggare"), b.handlaggare_namn],
      [t("ui-beslut-utforare"), lage.utforare],
      [t("ui-beslut-avslutat"), lage.avslutat],
      [t("ui-beslut-senaste-uppfoljning"), lage.uppfoljning],
    ]),
    b.ersatter ? el("p", { class: "notis", text: t("ui-beslut-ersatter") }) : null,
    b.ersatt_av ? el("p", { class: "notis", text: t("ui-beslut-ersatt") }) : null,
    el(
      "div",
      { class: "knapprad" },
      b.ger_val
        ? el("button", { type: "button", class: "knapp valfrihet-knapp", "data-beslut": b.id, "aria-expanded": "false", text: t("ui-valfrihet-knapp") })
        : null,
      b.kan_andras ? el("button", { type: "button", class: "knapp andra-utkast", "data-beslut": b.id, text: t("ui-andra-utkast") }) : null,
      fatta ? hindra(fatta, lage.fatta_hinder) : null,
      b.kan_omprovas ? el("button", { type: "button", class: "knapp omprova", "data-beslut": b.id, text: t("ui-omprova") }) : null,
      lage.kan_avslutas ? el("button", { type: "button", class: "knapp uppfoljning-knapp", "data-beslut": b.id, text: t("ui-uppfoljning-knapp") }) : null,
      lage.kan_avslutas ? el("button", { type: "button", class: "knapp avsluta-beslut", "data-beslut": b.id, text: t("ui-avsluta-knapp") }) : null,
    ),
    b.beslutsdatum
      ? el(
          "div",
          { class: "knapprad dokumentrad", role: "group", "aria-label": t("ui-dok-grupp") },
          b.ger_val ? el("button", { type: "button", class: "knapp dok-knapp", "data-beslut": b.id, "data-typ": "valfrihetsbrev", text: t("ui-dok-valfrihetsbrev") }) : null,
          b.ger_val ? el("button", { type: "button", class: "knapp dok-knapp", "data-beslut": b.id, "data-typ": "jamforelseblad", text: t("ui-dok-jamforelseblad") }) : null,
          el("button", { type: "button", class: "knapp dok-knapp", "data-beslut": b.id, "data-typ": "beslutsmeddelande", text: t("ui-dok-beslutsmeddelande") }),
        )
      : null,
  );
}

// --- The beslut form ------------------------------------------------------------------------------

const FORM_FALT = [
  ["insats_kod", "insats", "ui-form-insats"],
  ["utfall", "utfall", "ui-form-utfall"],
  ["omfattning", "omfattning", "ui-form-omfattning"],
  ["ansokningsdatum", "ansokningsdatum", "ui-form-ansokningsdatum"],
  ["giltig_fran", "giltig_fran", "ui-form-giltig-fran"],
  ["giltig_till", "giltig_till", "ui-form-giltig-till"],
  ["uppfoljning", "uppfoljning", "ui-form-uppfoljning"],
  ["diarienummer", "diarienummer", "ui-form-diarienummer"],
  ["motivering", "motivering", "ui-form-motivering"],
  ["ej_beviljat", "ej_beviljat", "ui-form-ej-beviljat"],
];

/** Opens the form: `lage` is "nytt", "andra" (a draft, `beslutId`) or "omprova" (`beslutId` is replaced). */
async function oppnaFormular(lage, beslutId = null) {
  document.querySelector("#beslut-form")?.remove();
  try {
    if (!tillstand.insatser.length) tillstand.insatser = await anropa("insatser");
    const idag = new Date().toISOString().slice(0, 10);
    const varden = beslutId
      ? await anropa("beslutsformular", { handlaggareId: tillstand.handlaggareId, beslutId })
      : { ansokningsdatum: idag, giltig_fran: idag };
    if (lage === "omprova") { varden.ansokningsdatum = idag; varden.giltig_fran = idag; }
    const form = byggFormular(lage, beslutId, varden);
    const lista = $("#beslut-lista");
    lista.before(form);
    form.querySelector("select, input")?.focus();
  } catch (fel) {
    visaFel(fel);
  }
}

function byggFormular(lage, beslutId, varden) {
  const kontroll = (nyckel, falt) => {
    const gemensamt = { id: "f-" + nyckel, name: nyckel, "aria-describedby": "fel-" + falt };
    if (nyckel === "insats_kod") {
      return el("select", gemensamt, el("option", { value: "", text: t("ui-form-valj-insats") }), ...tillstand.insatser.map((i) => el("option", { value: i.kod, text: i.namn })));
    }
    if (nyckel === "utfall") {
      return el("select", gemensamt, el("option", { value: "", text: t("ui-form-valj-utfall") }), ...alternativ(tillstand.koder.utfall));
    }
    if (nyckel === "motivering") return el("textarea", { ...gemensamt, rows: "4" });
    if (nyckel === "ej_beviljat") return el("textarea", { ...gemensamt, rows: "2" });
    const datum = ["ansokningsdatum", "giltig_fran", "giltig_till", "uppfoljning"].includes(nyckel);
    return el("input", { ...gemensamt, type: "text", autocomplete: "off", inputmode: datum || nyckel === "omfattning" ? "decimal" : null, placeholder: datum ? t("ui-datum-platshallare") : null });
  };
  const form = el(
    "form",
    { id: "beslut-form", class: "beslut-form", novalidate: true, "data-lage": lage, "aria-labelledby": "beslut-form-rubrik" },
    el("h4", { id: "beslut-form-rubrik", text: t({ nytt: "ui-form-nytt", andra: "ui-form-andra", omprova: "ui-form-omprova" }[lage]) }),
    ...FORM_FALT.map(([nyckel, falt, etikett]) =>
      el(
        "div",
        { class: "falt" + (nyckel === "motivering" || nyckel === "ej_beviljat" ? " bred" : "") },
        el("label", { for: "f-" + nyckel, text: t(etikett) }),
        kontroll(nyckel, falt),
        nyckel === "omfattning" ? el("span", { class: "hjalp", id: "enhet-text" }) : null,
        el("span", { class: "faltfel", id: "fel-" + falt, role: "alert" }),
      ),
    ),
    el(
      "div",
      { class: "knapprad bred" },
      el("button", { type: "submit", class: "knapp", id: "spara-utkast", value: "utkast", text: t("ui-form-spara") }),
      el("button", { type: "submit", class: "knapp primar", id: "spara-fatta", value: "fatta", text: t("ui-form-spara-fatta") }),
      el("button", { type: "button", class: "knapp", id: "avbryt-form", text: t("ui-form-avbryt") }),
      el("p", { id: "form-fel", class: "faltfel", role: "alert", "data-rensas": true }),
    ),
  );
  for (const [nyckel] of FORM_FALT) {
    const f = form.querySelector("#f-" + nyckel);
    if (varden[nyckel] !== undefined && varden[nyckel] !== null) f.value = varden[nyckel];
  }
  const visaEnhet = () => {
    const insats = tillstand.insatser.find((i) => i.kod === form.querySelector("#f-insats_kod").value);
    form.querySelector("#enhet-text").textContent = insats ? t("enhet-" + insats.enhet) : "";
  };
  visaEnhet();
  let timer = null;
  form.addEventListener("input", () => {
    visaEnhet();
    clearTimeout(timer);
    timer = setTimeout(() => kontrolleraFormular(form), 300);
  });
  vakta(form);
  form.querySelector("#avbryt-form").addEventListener("click", () => stangFormular(form));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const fatta = e.submitter?.value === "fatta";
    const arg = {
      handlaggareId: tillstand.handlaggareId,
      brukareId: tillstand.brukareId,
      beslutId: lage === "andra" ? beslutId : null,
      ersatter: lage === "omprova" ? beslutId : null,
      formular: formularVarden(form),
    };
    try {
      if (fatta) {
        // The core says what making it will do, or why it cannot be made; nothing is saved yet.
        const text = await anropa("bekrafta_fatta_formular", arg);
        visaFaltfel(form, []);
        form.querySelector("#form-fel").textContent = "";
        if (!(await bekrafta(text, t("ui-bekrafta-fatta")))) return;
      }
      await anropa("spara_beslut", { ...arg, fatta });
      await oppnaBrukare(tillstand.brukareId);
      visaKlart(t(fatta ? "ui-fattat" : "ui-sparat"));
    } catch (fel) {
      if (fel?.falt?.length) visaFaltfel(form, fel.falt);
      // Said next to the button that was pressed, and in the page's error area.
      form.querySelector("#form-fel").textContent = fel?.message ?? t("ui-fel-okant");
      visaFel(fel);
    }
  });
  return form;
}

function formularVarden(form) {
  return Object.fromEntries(FORM_FALT.map(([nyckel]) => [nyckel, form.querySelector("#f-" + nyckel).value]));
}

async function kontrolleraFormular(form) {
  try {
    const fel = await anropa("kontrollera_beslut", { brukareId: tillstand.brukareId, formular: formularVarden(form) });
    // Only fields the person has filled in are marked while typing; saving marks every field.
    const ifyllda = fel.filter((f) => {
      const nyckel = FORM_FALT.find(([, falt]) => falt === f.falt)?.[0];
      return nyckel && form.querySelector("#f-" + nyckel)?.value.trim();
    });
    visaFaltfel(form, ifyllda);
  } catch (fel) {
    visaFel(fel);
  }
}

function visaFaltfel(form, fel) {
  for (const [nyckel, falt] of FORM_FALT) {
    const meddelande = fel.find((f) => f.falt === falt)?.message ?? "";
    form.querySelector("#fel-" + falt).textContent = meddelande;
    const kontroll = form.querySelector("#f-" + nyckel);
    if (meddelande) kontroll.setAttribute("aria-invalid", "true");
    else kontroll.removeAttribute("aria-invalid");
  }
}

function visaKlart(text) {
  const sektion = $("#brukare");
  sektion.querySelector(".klart")?.remove();
  const h2 = sektion.querySelector("h2");
  const ankare = h2?.parentElement?.classList.contains("rubrik-rad") ? h2.parentElement : h2;
  ankare?.after(el("p", { class: "klart", role: "status", text }));
}

async function fattaUtkast(beslutId) {
  try {
    const text = await anropa("bekrafta_fatta", { handlaggareId: tillstand.handlaggareId, beslutId });
    if (!(await bekrafta(text, t("ui-bekrafta-fatta")))) return;
    await anropa("fatta_beslut", { handlaggareId: tillstand.handlaggareId, beslutId });
    await oppnaBrukare(tillstand.brukareId);
    visaKlart(t("ui-fattat"));
  } catch (fel) {
    visaFel(fel);
  }
}

// --- The provider register ------------------------------------------------------------------------

async function visaRegister(meddelande) {
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
        "table",
        { class: "tabell", id: "register-tabell" },
        el("thead", {}, el("tr", {}, ...["ui-valbara-utforare", "ui-valbara-regi", "ui-register-omraden", "ui-register-tak", ""].map((k) => el("th", { scope: "col", text: k ? t(k) : "" })))),
        el(
          "tbody",
          {},
          ...r.utforare.map((u) =>
            el(
              "tr",
              { "data-id": u.id },
              el("td", {}, el("strong", { text: u.namn }), el("br"), el("span", { class: "hjalp", text: u.organisationsnummer })),
              el("td", { text: t("regi-" + u.regi) }),
              el("td", { text: u.omraden.join(", ") }),
              el("td", { text: u.godkannanden.map((g) => `${g.insats_kod}: ${g.kapacitetstak ?? "–"}`).join("; ") }),
              el("td", {}, r.far_andra ? el("button", { type: "button", class: "knapp andra-utforare", "data-id": u.id, text: t("ui-register-andra") }) : null),
            ),
          ),
        ),
      ),
      el("h3", { text: t("ui-register-historik") }),
      el(
        "ul",
        { class: "lista", id: "register-historik" },
        ...r.historik.map((v) => el("li", { text: t("ui-register-historik-rad", { version: v.nummer, tid: v.tid.slice(0, 16).replace("T", " "), vem: v.vem.replace(/ <.*>$/, ""), beskrivning: v.beskrivning }) })),
      ),
    );
  } catch (fel) {
    visaFel(fel);
  }
}

function utforarFormular(u) {
  document.querySelector("#utforare-form")?.remove();
  const falt = (id, etikett, varde, typ = "text") =>
    el("div", { class: "falt" }, el("label", { for: id, text: etikett }), el("input", { id, type: "text", inputmode: typ === "tal" ? "numeric" : null, value: varde ?? "", autocomplete: "off", placeholder: typ === "datum" ? t("ui-datum-platshallare") : null }));
  const form = el(
    "form",
    { id: "utforare-form", class: "beslut-form", "data-id": u.id, "aria-label": u.namn },
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
    el("div", { class: "falt bred" }, el("label", { for: "u-beskrivning", text: t("ui-register-beskrivning") }), el("input", { id: "u-beskrivning", type: "text", required: true })),
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

// --- Help -------------------------------------------------------------------------------------------

function visaHjalp() {
  let dialog = $("#hjalp");
  if (!dialog) {
    dialog = el(
      "dialog",
      { id: "hjalp", "aria-labelledby": "hjalp-rubrik" },
      el("h2", { id: "hjalp-rubrik", text: t("ui-hjalp-rubrik") }),
      el("ul", { class: "lista" }, ...["ui-hjalp-sok", "ui-hjalp-nytt", "ui-hjalp-pilar", "ui-hjalp-esc", "ui-hjalp-lock", "ui-hjalp-zoom", "ui-hjalp-visa"].map((k) => el("li", { text: t(k) }))),
      el("button", { type: "button", class: "knapp primar", id: "hjalp-stang", text: t("ui-hjalp-stang") }),
    );
    document.body.append(dialog);
    dialog.querySelector("#hjalp-stang").addEventListener("click", () => dialog.close());
  }
  dialog.showModal();
  dialog.querySelector("#hjalp-stang").focus();
}

// --- Choice (valfrihet) ------------------------------------------------------------------------

async function oppnaValfrihet(knapp) {
  const beslutId = knapp.dataset.beslut;
  document.querySelector("#valfrihet")?.remove();
  for (const k of document.querySelectorAll(".valfrihet-knapp")) k.setAttribute("aria-expanded", "false");
  knapp.setAttribute("aria-expanded", "true");
  const panel = el("div", { id: "valfrihet", class: "valfrihet", "data-beslut": beslutId, role: "region", "aria-label": t("ui-valfrihet-knapp") });
  knapp.after(panel);
  await visaValfrihet(panel, beslutId);
  panel.querySelector("h4")?.focus();
}

async function visaValfrihet(panel, beslutId, meddelande) {
  try {
    const arg = { handlaggareId: tillstand.handlaggareId, beslutId };
    const [lista, sida] = await Promise.all([anropa("valbara", arg), anropa("valsida", arg)]);
    doljFel();
    ersatt(
      panel,
      el("h4", { tabindex: "-1", text: t("ui-valfrihet-rubrik") }),
      el("p", { id: "ordningsregel", class: "hjalp", text: t("ui-ordning", { regel: lista.ordning }) }),
      el(
        "table",
        { id: "valbara", class: "tabell" },
        el("thead", {}, el("tr", {}, ...["ui-valbara-utforare", "ui-valbara-regi", "ui-valbara-status"].map((k) => el("th", { scope: "col", text: t(k) })))),
        el(
          "tbody",
          {},
          ...lista.rader.map((r) =>
            el("tr", { class: r.valbar ? "valbar" : "ej-valbar", "data-id": r.utforare_id }, el("td", { text: r.namn }), el("td", { text: r.regi }), el("td", { text: r.status })),
          ),
        ),
      ),
      meddelande ? el("p", { class: "klart", role: "status", text: meddelande }) : null,
      valForm(lista, beslutId, sida),
      el("h4", { text: t("ui-ickeval-rubrik") }),
      el("p", { id: "svarsdatum", text: sida.svarsdatum ? t("ui-svarsdatum", { datum: sida.svarsdatum }) : t("ui-inget-svarsdatum") }),
      el(
        "div",
        { class: "knapprad" },
        hindra(el("button", { type: "button", class: "knapp", id: "ickeval-svarsdatum", text: t("ui-ickeval-svarsdatum") }), sida.hinder_svarsdatum),
        hindra(el("button", { type: "button", class: "knapp", id: "ickeval-avstar", text: t("ui-ickeval-avstar") }), sida.hinder_avstar),
      ),
      el("h4", { text: t("ui-historik-rubrik") }),
      sida.historik.length
        ? el(
            "ul",
            { id: "valhistorik", class: "lista" },
            ...sida.historik.map((v) =>
              el(
                "li",
                {},
                t("ui-historik-rad", { typ: t("valtyp-" + v.typ), utforare: v.utforare_namn, start: v.startdatum }) +
                  (v.slutdatum ? ", " + t("ui-historik-slut", { slut: v.slutdatum }) : "") +
                  (v.vem_valde ? ` (${t("vem-" + v.vem_valde)})` : ""),
              ),
            ),
          )
        : el("p", { id: "valhistorik", class: "tom", text: t("ui-ingen-historik") }),
      ...sida.forklaringar.map((rader) =>
        el("div", { class: "forklaring" }, el("h5", { text: t("ui-forklaring-rubrik") }), el("ul", { class: "lista forklaring-lista" }, ...rader.map((r) => el("li", { text: r })))),
      ),
    );
  } catch (fel) {
    visaFel(fel);
  }
}

function valForm(lista, beslutId, sida) {
  const valbara = lista.rader.filter((r) => r.valbar);
  const falt = (id, etikett, kontroll) => el("div", { class: "falt" }, el("label", { for: id, text: t(etikett) }), kontroll);
  // Nothing is preselected: a provider, who chose and how the information was given are what
  // the caseworker says happened. "By letter" is offered (and suggested) only when a letter
  // was recorded, "the ombud" only for a brukare who has one (the core decides both).
  const tom = (etikett) => el("option", { value: "", text: t(etikett) });
  const kanal = el("select", { id: "val-kanal" }, tom("ui-val-valj-kanal"), ...alternativ(sida.kanaler));
  if (sida.brev) kanal.value = "brev";
  const registrera = el("button", { type: "submit", class: "knapp primar", id: "val-registrera", text: t("ui-val-registrera") });
  const form = el(
    "form",
    { id: "val-form", class: "val-form", novalidate: true },
    el("h5", { text: t("ui-val-rubrik") }),
    falt("val-utforare", "ui-val-utforare", el("select", { id: "val-utforare" }, tom("ui-val-valj-utforare"), ...valbara.map((r) => el("option", { value: r.utforare_id, text: r.namn })))),
    falt("val-vem", "ui-val-vem", el("select", { id: "val-vem" }, tom("ui-val-valj-vem"), ...alternativ(sida.valjare))),
    falt("val-kanal", "ui-val-kanal", kanal),
    // A text field in the ISO form the whole program uses; the platform's date picker follows
    // the system locale (11/23/2026 on an English system), which caseworkers would misread.
    falt("val-start", "ui-val-start", el("input", { id: "val-start", type: "text", inputmode: "numeric", placeholder: t("ui-datum-platshallare"), pattern: "\\d{4}-\\d{2}-\\d{2}", autocomplete: "off" })),
    el("p", { id: "val-fel", class: "faltfel", role: "alert", "data-rensas": true }),
    ...hindra(registrera, valbara.length ? null : t("ui-val-inga-valbara")),
  );
  form.addEventListener("change", () => { form.querySelector("#val-fel").textContent = ""; });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const panel = form.closest("#valfrihet");
    const arg = {
      handlaggareId: tillstand.handlaggareId,
      beslutId,
      utforareId: $("#val-utforare").value,
      vemValde: $("#val-vem").value,
      informationssatt: $("#val-kanal").value,
      startdatum: $("#val-start").value || null,
    };
    let text;
    try {
      text = await anropa("bekrafta_val", arg);
      $("#val-fel").textContent = "";
    } catch (fel) {
      // Said next to the button the person pressed.
      $("#val-fel").textContent = fel?.message ?? t("ui-fel-okant");
      return;
    }
    if (!(await bekrafta(text, t("ui-bekrafta-val")))) return;
    try {
      const val = await anropa("valj", arg);
      await visaValfrihet(panel, beslutId, t("ui-val-klart", { utforare: val.utforare_namn, start: val.startdatum }));
    } catch (fel) {
      visaFel(fel);
    }
  });
  return form;
}

async function tillampaIckeval(panel, avstar) {
  const beslutId = panel.dataset.beslut;
  try {
    const text = await anropa("bekrafta_ickeval", { handlaggareId: tillstand.handlaggareId, beslutId, avstar });
    if (!(await bekrafta(text, t("ui-bekrafta-ickeval")))) return;
    await anropa("ickeval", { handlaggareId: tillstand.handlaggareId, beslutId, avstar });
    await visaValfrihet(panel, beslutId);
  } catch (fel) {
    visaFel(fel);
  }
}

// --- Documents: preview, save, print -------------------------------------------------------------

/** The documents folder chosen on this computer; empty means the program's default. */
function dokumentmapp() {
  return localStorage.getItem("valfri.dokumentmapp") || null;
}

/** Opens the preview of a document about a beslut in a dialog: the real laid-out pages. */
async function oppnaDokument(typ, beslutId, knapp) {
  document.querySelector("#dokument-dialog")?.remove();
  const dialog = el(
    "dialog",
    { id: "dokument-dialog", class: "dokument-dialog", "aria-labelledby": "dok-rubrik", "data-typ": typ, "data-beslut": beslutId },
    el("h2", { id: "dok-rubrik", tabindex: "-1", text: t("ui-dok-" + typ) }),
    el(
      "div",
      { class: "dok-val" },
      el("label", { for: "dok-sprak", text: t("ui-dok-sprak") }),
      el("select", { id: "dok-sprak" }),
      el("label", { class: "val" }, el("input", { type: "checkbox", id: "dok-storstil" }), " " + t("ui-dok-storstil")),
    ),
    el("p", { id: "dok-kopior", class: "hjalp" }),
    el("div", { id: "dok-sidor", class: "dok-sidor", tabindex: "0", role: "region", "aria-label": t("ui-dok-forhandsvisning") }),
    el("div", { id: "dok-klart", role: "status" }),
    el(
      "div",
      { class: "knapprad" },
      el("button", { type: "button", class: "knapp primar", id: "dok-spara", text: t("ui-dok-spara") }),
      el("button", { type: "button", class: "knapp", id: "dok-spara-som", text: t("ui-dok-spara-som") }),
      el("button", { type: "button", class: "knapp", id: "dok-skriv-ut", text: t("ui-dok-skriv-ut") }),
      el("button", { type: "button", class: "knapp", id: "dok-stang", text: t("ui-dok-stang") }),
    ),
  );
  document.body.append(dialog);
  dialog.addEventListener("close", () => { dialog.remove(); knapp?.focus(); });
  dialog.querySelector("#dok-stang").addEventListener("click", () => dialog.close());
  const form = () => ({ dokSprak: dialog.querySelector("#dok-sprak").value || null, storstil: dialog.querySelector("#dok-storstil").checked });
  const visa = async (valt) => {
    try {
      const v = await anropa("forhandsgranska_dokument", { handlaggareId: tillstand.handlaggareId, typ, beslutId, ...valt });
      doljFel();
      const val = dialog.querySelector("#dok-sprak");
      val.replaceChildren(...v.sprak_lista.map((s) => el("option", { value: s, text: s.toUpperCase() })));
      val.value = v.sprak;
      dialog.querySelector("#dok-storstil").checked = v.storstil;
      dialog.querySelector("#dok-rubrik").textContent = v.titel;
      dialog.querySelector("#dok-kopior").textContent = v.kopior ? t("ui-dok-kopior", { antal: v.kopior }) : "";
      ersatt(
        dialog.querySelector("#dok-sidor"),
        ...v.sidor.map((svg, i) =>
          el("img", { class: "dok-sida", src: "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg), alt: t("ui-dok-sida", { nr: i + 1, antal: v.sidor.length }) }),
        ),
      );
    } catch (fel) {
      visaFel(fel);
    }
  };
  dialog.querySelector("#dok-sprak").addEventListener("change", () => visa(form()));
  dialog.querySelector("#dok-storstil").addEventListener("change", () => visa(form()));
  // While the system's save dialog is open the preview stays as it is: no second dialog from
  // a second click, and an Escape meant for the system dialog does not close the preview.
  let fragar = false;
  const knappar = () => dialog.querySelectorAll(".knapprad button");
  dialog.addEventListener("cancel", (e) => { if (fragar) e.preventDefault(); });
  const fraga = async (argument) => {
    fragar = true;
    knappar().forEach((k) => { k.disabled = true; });
    try {
      // Straight to invoke: the busy sign must not show while the person picks a file.
      return await invoke("fraga_sparplats", { sprak: tillstand.sprak, ...argument });
    } finally {
      fragar = false;
      knappar().forEach((k) => { k.disabled = false; });
    }
  };
  // "Spara som…" asks where in the system's own dialog; the others use the documents folder.
  const spara = async (skrivUt, som) => {
    const klart = dialog.querySelector("#dok-klart");
    try {
      const argument = { handlaggareId: tillstand.handlaggareId, typ, beslutId, mapp: dokumentmapp() };
      const fil = som ? await fraga(argument) : null;
      if (som && !fil) {
        ersatt(klart, el("p", { text: t("ui-dok-inte-sparat") }));
        return;
      }
      const filer = await anropa("spara_dokument", { ...argument, ...form(), fil });
      doljFel();
      const oppna = el("button", { type: "button", class: "knapp", id: "dok-oppna", text: t("ui-dok-oppna") });
      oppna.addEventListener("click", () => visaISystemet(filer[0], klart));
      ersatt(klart, el("div", { class: "klart" }, el("p", { text: t("ui-dok-sparat") }), el("ul", { id: "dok-filer", class: "lista" }, ...filer.map((f) => el("li", {}, el("code", { text: f }))))), oppna);
      if (skrivUt) await visaISystemet(filer[0], klart);
    } catch (fel) {
      ersatt(klart, el("p", { class: "fel-text", text: fel?.message ?? t("ui-fel-okant") }));
    }
  };
  dialog.querySelector("#dok-spara").addEventListener("click", () => spara(false, false));
  dialog.querySelector("#dok-spara-som").addEventListener("click", () => spara(false, true));
  dialog.querySelector("#dok-skriv-ut").addEventListener("click", () => spara(true, false));
  dialog.showModal();
  dialog.querySelector("#dok-rubrik").focus();
  await visa({});
}

async function visaISystemet(sokvag, klart) {
  try {
    await anropa("visa_dokument", { sokvag });
    klart.append(el("p", { class: "klart", text: t("ui-dok-oppnat") }));
  } catch (fel) {
    klart.append(el("p", { class: "fel-text", text: fel?.message ?? t("ui-fel-okant") }));
  }
}

// --- The batch of letters ---------------------------------------------------------------------------

let batchTimer = null;

async function visaBatch() {
  tillstand.brukareId = null;
  const sektion = $("#brukare");
  try {
    const [status, listor] = await Promise.all([anropa("batchstatus"), anropa("arbetslistor", { handlaggareId: tillstand.handlaggareId })]);
    doljFel();
    ersatt(
      sektion,
      el("h2", { text: t("ui-batch-rubrik") }),
      el("p", { text: t("ui-batch-text") }),
      el("p", { id: "batch-antal", text: listor.omval.length ? t("ui-batch-antal", { antal: listor.omval.length }) : t("ui-batch-inga") }),
      el("progress", { id: "batch-framsteg", max: "1", value: "0", "aria-label": t("ui-batch-framsteg-etikett") }),
      el("p", { id: "batch-status", role: "status" }),
      el(
        "div",
        { class: "knapprad" },
        el("button", { type: "button", class: "knapp primar", id: "batch-starta", text: t("ui-batch-starta"), disabled: !listor.omval.length }),
        el("button", { type: "button", class: "knapp", id: "batch-avbryt", text: t("ui-batch-avbryt"), disabled: true }),
      ),
      el("div", { id: "batch-fel" }),
    );
    visaBatchstatus(status);
    if (status.kor) folj();
  } catch (fel) {
    visaFel(fel);
  }
}

function visaBatchstatus(s) {
  const framsteg = $("#batch-framsteg");
  if (!framsteg) return;
  framsteg.max = Math.max(s.antal, 1);
  framsteg.value = s.klara;
  let text = "";
  if (s.antal) text = t("ui-batch-status", { klara: s.klara, antal: s.antal, skrivna: s.skrivna, redan: s.redan_klara });
  if (!s.kor && s.avbruten) text += " " + t("ui-batch-avbrutet");
  else if (!s.kor && s.antal && s.klara === s.antal) text += " " + t("ui-batch-klar");
  if (s.katalog) text += " " + t("ui-batch-mapp", { katalog: s.katalog });
  $("#batch-status").textContent = text.trim();
  $("#batch-avbryt").disabled = !s.kor;
  const starta = $("#batch-starta");
  starta.textContent = s.avbruten && !s.kor ? t("ui-batch-fortsatt") : t("ui-batch-starta");
  if (s.kor) starta.disabled = true;
  else if ($("#batch-antal").textContent !== t("ui-batch-inga")) starta.disabled = false;
  ersatt($("#batch-fel"), s.fel.length ? [el("h3", { text: t("ui-batch-fel-rubrik") }), el("ul", { class: "lista" }, ...s.fel.map((f) => el("li", { text: f })))] : []);
}

/** Polls the batch until it stops: no event permission is needed. */
function folj() {
  clearTimeout(batchTimer);
  batchTimer = setTimeout(async () => {
    try {
      const s = await invoke("batchstatus");
      visaBatchstatus(s);
      if (s.kor) folj();
    } catch (fel) {
      visaFel(fel);
    }
  }, 200);
}

async function startaBatch() {
  try {
    visaBatchstatus(await anropa("starta_batch", { handlaggareId: tillstand.handlaggareId, mapp: dokumentmapp() }));
    folj();
  } catch (fel) {
    visaFel(fel);
  }
}

// --- Settings ----------------------------------------------------------------------------------------

async function visaInstallningar(meddelande) {
  tillstand.brukareId = null;
  const sektion = $("#brukare");
  try {
    const inst = await anropa("installningar", { handlaggareId: tillstand.handlaggareId });
    doljFel();
    const k = inst.kommun;
    const endastVisning = !inst.far_andra;
    const falt = (id, etikett, varde) => el("div", { class: "falt" }, el("label", { for: id, text: t(etikett) }), el("input", { id, type: "text", value: varde ?? "", autocomplete: "off", disabled: endastVisning }));
    const kommunForm = el(
      "form",
      { id: "kommun-form", class: "beslut-form", "aria-labelledby": "inst-kommun" },
      el("h3", { id: "inst-kommun", class: "bred", text: t("ui-inst-kommun") }),
      falt("k-namn", "ui-inst-namn", k.namn),
      falt("k-namnd", "ui-inst-namnd", k.namnd),
      falt("k-adress", "ui-inst-adress", k.adress),
      falt("k-postnummer", "ui-inst-postnummer", k.postnummer),
      falt("k-postort", "ui-inst-postort", k.postort),
      falt("k-telefon", "ui-inst-telefon", k.telefon),
      el(
        "div",
        { class: "falt" },
        el("label", { for: "k-ordning", text: t("ui-inst-ordning") }),
        el("select", { id: "k-ordning", disabled: endastVisning }, ...inst.ordningsregler.map((o) => el("option", { value: o.kod, text: o.namn, selected: o.kod === k.ordning }))),
      ),
      el(
        "fieldset",
        { class: "omraden" },
        el("legend", { text: t("ui-inst-sprak") }),
        ...inst.sprak_lista.map((s) => el("label", { class: "val" }, el("input", { type: "checkbox", name: "k-sprak", value: s, checked: k.sprak.includes(s), disabled: endastVisning || s === "sv" }), " " + s.toUpperCase())),
      ),
      el(
        "fieldset",
        { class: "omraden" },
        el("legend", { text: t("ui-inst-krav") }),
        el("label", { class: "val" }, el("input", { type: "checkbox", id: "k-krav-diarienummer", checked: k.beslutskrav?.diarienummer, disabled: endastVisning }), " " + t("ui-inst-krav-diarienummer")),
        el("label", { class: "val" }, el("input", { type: "checkbox", id: "k-krav-motivering", checked: k.beslutskrav?.motivering, disabled: endastVisning }), " " + t("ui-inst-krav-motivering")),
      ),
      el("div", { class: "knapprad bred" }, el("button", { type: "submit", class: "knapp primar", id: "k-spara", text: t("ui-inst-spara"), disabled: endastVisning })),
    );
    kommunForm.addEventListener("submit", async (e) => {
      e.preventDefault();
      const v = (id) => kommunForm.querySelector("#" + id).value;
      const ny = {
        ...k,
        namn: v("k-namn"), namnd: v("k-namnd"), adress: v("k-adress"), postnummer: v("k-postnummer"), postort: v("k-postort"), telefon: v("k-telefon"),
        ordning: v("k-ordning"),
        sprak: [...kommunForm.querySelectorAll("input[name=k-sprak]:checked")].map((c) => c.value),
        beslutskrav: {
          diarienummer: kommunForm.querySelector("#k-krav-diarienummer").checked,
          motivering: kommunForm.querySelector("#k-krav-motivering").checked,
        },
      };
      try {
        await anropa("spara_kommun", { handlaggareId: tillstand.handlaggareId, kommun: ny });
        await visaInstallningar(t("ui-inst-sparat"));
      } catch (fel) {
        visaFel(fel);
      }
    });

    const omradeForm = el(
      "form",
      { id: "omrade-form", class: "val-form", "aria-label": t("ui-inst-omrade-ny") },
      el("div", { class: "falt" }, el("label", { for: "o-kod", text: t("ui-inst-omrade-kod") }), el("input", { id: "o-kod", type: "text", required: true, disabled: endastVisning })),
      el("div", { class: "falt" }, el("label", { for: "o-namn", text: t("ui-inst-omrade-namn") }), el("input", { id: "o-namn", type: "text", required: true, disabled: endastVisning })),
      el("label", { class: "val" }, el("input", { type: "checkbox", id: "o-landsbygd", disabled: endastVisning }), " " + t("ui-inst-landsbygd")),
      el("button", { type: "submit", class: "knapp", id: "o-ny", text: t("ui-inst-omrade-ny"), disabled: endastVisning }),
    );
    omradeForm.addEventListener("submit", async (e) => {
      e.preventDefault();
      try {
        await anropa("nytt_omrade", { handlaggareId: tillstand.handlaggareId, kod: $("#o-kod").value, namn: $("#o-namn").value, landsbygd: $("#o-landsbygd").checked });
        await visaInstallningar(t("ui-inst-sparat"));
      } catch (fel) {
        visaFel(fel);
      }
    });

    const insatsRad = (i, n) => {
      const rad = el(
        "tr",
        { "data-kod": i.kod },
        el("th", { scope: "row", text: i.namn }),
        el("td", {}, el("input", { id: `i${n}-lagrum`, type: "text", value: i.lagrum, "aria-label": `${t("ui-inst-lagrum")}, ${i.namn}`, disabled: endastVisning })),
        el(
          "td",
          {},
          i.valfrihet
            ? el("select", { id: `i${n}-ickeval`, class: "ickeval-val", "aria-label": `${t("ui-inst-ickeval")}, ${i.namn}`, disabled: endastVisning }, ...inst.ickeval_modeller.map((m) => el("option", { value: m.kod, text: m.namn, selected: m.kod === i.ickeval })))
            : el("span", { class: "hjalp", text: "–" }),
        ),
        el("td", {}, el("button", { type: "button", class: "knapp spara-insats", "data-nr": String(n), text: t("ui-inst-spara"), "aria-label": t("ui-inst-spara-insats", { insats: i.namn }), disabled: endastVisning })),
      );
      return rad;
    };
    const insatser = el(
      "table",
      { class: "tabell", id: "insats-tabell" },
      el("thead", {}, el("tr", {}, ...["ui-inst-insats", "ui-inst-lagrum", "ui-inst-ickeval", "ui-inst-atgard"].map((k2) => el("th", { scope: "col", text: t(k2) })))),
      el("tbody", {}, ...inst.insatser.map(insatsRad)),
    );
    insatser.addEventListener("click", async (e) => {
      const knapp = e.target.closest(".spara-insats");
      if (!knapp) return;
      const n = Number(knapp.dataset.nr);
      const i = inst.insatser[n];
      const varning = $("#ickeval-varning");
      try {
        const lagrum = $(`#i${n}-lagrum`).value;
        if (lagrum !== i.lagrum) await anropa("andra_lagrum", { handlaggareId: tillstand.handlaggareId, insats: i.kod, lagrum });
        const modell = $(`#i${n}-ickeval`)?.value;
        let text = null;
        if (modell && modell !== i.ickeval) {
          text = await anropa("satt_ickeval", { handlaggareId: tillstand.handlaggareId, insats: i.kod, modell, utsedd: i.ickeval_utforare_id, egenRegiITurordning: i.turordning_egen_regi });
        }
        await visaInstallningar(t("ui-inst-insats-sparat", { insats: i.namn }));
        if (text) {
          const ny = $("#ickeval-varning");
          ny.textContent = text;
          ny.hidden = false;
          ny.focus();
          ny.scrollIntoView({ block: "center" });
        }
      } catch (fel) {
        varning.hidden = true;
        visaFel(fel);
      }
    });

    const mappForm = el(
      "form",
      { id: "mapp-form", class: "val-form", "aria-labelledby": "inst-mapp" },
      el(
        "div",
        { class: "falt" },
        el("label", { for: "inst-mapp-falt", id: "inst-mapp", text: t("ui-inst-mapp") }),
        el("input", { id: "inst-mapp-falt", type: "text", value: dokumentmapp() ?? "", placeholder: inst.dokumentmapp, "aria-describedby": "inst-mapp-hjalp", autocomplete: "off" }),
      ),
      el("button", { type: "submit", class: "knapp", id: "mapp-spara", text: t("ui-inst-mapp-spara") }),
      el("p", { id: "inst-mapp-hjalp", class: "hjalp bred", text: t("ui-inst-mapp-hjalp", { mapp: inst.dokumentmapp }) }),
    );
    mappForm.addEventListener("submit", async (e) => {
      e.preventDefault();
      const mapp = $("#inst-mapp-falt").value.trim();
      if (mapp) localStorage.setItem("valfri.dokumentmapp", mapp);
      else localStorage.removeItem("valfri.dokumentmapp");
      await visaInstallningar(t("ui-inst-mapp-sparat", { mapp: mapp || inst.dokumentmapp }));
    });

    ersatt(
      sektion,
      el("h2", { text: t("ui-inst-rubrik") }),
      meddelande ? el("p", { class: "klart", role: "status", text: meddelande }) : null,
      el("p", { id: "ickeval-varning", class: "varning", role: "alert", tabindex: "-1", hidden: true }),
      endastVisning ? el("p", { class: "hjalp", text: t("ui-inst-endast-visning") }) : null,
      kommunForm,
      el("h3", { text: t("ui-inst-omraden") }),
      el("ul", { class: "lista", id: "omrade-lista" }, ...inst.omraden.map((o) => el("li", { text: `${o.kod} ${o.namn}${o.landsbygd ? ` (${t("ui-inst-landsbygd").toLowerCase()})` : ""}` }))),
      omradeForm,
      el("h3", { text: t("ui-inst-insatser") }),
      insatser,
      el("h3", { text: t("ui-inst-dokument") }),
      mappForm,
      await sakerhetsForm(endastVisning),
    );
  } catch (fel) {
    visaFel(fel);
  }
}

/** The idle lock and how many automatic backups to keep. */
async function sakerhetsForm(endastVisning) {
  const s = await anropa("sakerhet");
  const tal = (id, etikett, varde, max) =>
    el("div", { class: "falt" }, el("label", { for: id, text: t(etikett) }), el("input", { id, type: "number", min: 1, max, step: 1, value: varde, disabled: endastVisning }));
  const form = el(
    "form",
    { id: "sakerhet-form", class: "beslut-form", "aria-labelledby": "inst-sakerhet" },
    el("h3", { id: "inst-sakerhet", class: "bred", text: t("ui-inst-sakerhet") }),
    tal("s-lock", "ui-inst-lock-minuter", s.las_efter_minuter, 480),
    tal("s-kopior", "ui-inst-kopior", s.sakerhetskopior, 100),
    el("div", { class: "knapprad bred" }, el("button", { type: "submit", class: "knapp primar", id: "s-spara", text: t("ui-inst-spara"), disabled: endastVisning })),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const heltal = (id) => Math.trunc(Number(form.querySelector("#" + id).value)) || 0;
    try {
      const sparat = await anropa("spara_sakerhet", {
        handlaggareId: tillstand.handlaggareId,
        sakerhet: { las_efter_minuter: heltal("s-lock"), sakerhetskopior: heltal("s-kopior") },
      });
      andraLockEfter(sparat.las_efter_minuter);
      await visaInstallningar(t("ui-inst-sakerhet-sparat", { minuter: sparat.las_efter_minuter, kopior: sparat.sakerhetskopior }));
    } catch (fel) {
      visaFel(fel);
    }
  });
  return form;
}

// --- Start: today's worklists --------------------------------------------------------------------

/** An insats's name in the window's language; its code only if the list is not loaded. */
function insatsNamn(kod) {
  return tillstand.insatser.find((i) => i.kod === kod)?.namn ?? kod;
}

async function visaStart() {
  const sektion = $("#brukare");
  if (!tillstand.handlaggareId) return;
  try {
    // Names in the current language (the list is also what the beslut form offers).
    tillstand.insatser = await anropa("insatser");
    const a = await anropa("arbetslistor", { handlaggareId: tillstand.handlaggareId });
    const poster = (id, rubrik, lista) =>
      el(
        "section",
        { class: "arbetslista", id, "aria-labelledby": id + "-rubrik" },
        el("h3", { id: id + "-rubrik", text: `${t(rubrik)} (${lista.length})` }),
        lista.length
          ? el("ul", { class: "lista" }, ...lista.map((p) => el("li", {}, el("button", { type: "button", class: "lank oppna-brukare", "data-id": p.brukare_id, text: `${p.namn}, ${insatsNamn(p.insats_kod)}${p.datum ? ", " + p.datum : ""}` }))))
          : el("p", { class: "tom", text: t("ui-lista-tom") }),
      );
    const tak = (id, rubrik, lista) =>
      el(
        "section",
        { class: "arbetslista", id, "aria-labelledby": id + "-rubrik" },
        el("h3", { id: id + "-rubrik", text: `${t(rubrik)} (${lista.length})` }),
        lista.length
          ? el(
              "ul",
              { class: "lista" },
              ...lista.map((k) =>
                el("li", { text: t("ui-tak-rad", { utforare: k.namn, insats: insatsNamn(k.insats_kod), aktiva: k.aktiva, tak: k.kapacitetstak }) + ", " + (k.bekraftad ? t("ui-tak-bekraftad", { datum: k.bekraftad }) : t("ui-tak-aldrig")) }),
              ),
            )
          : el("p", { class: "tom", text: t("ui-lista-tom") }),
      );
    ersatt(sektion,
      el("h2", { text: t("ui-arbetslistor-rubrik") }),
      el("p", { class: "tom", text: t("ui-valj-brukare") }),
      poster("lista-ickeval", "ui-lista-ickeval", a.ickeval),
      poster("lista-omval", "ui-lista-omval", a.omval),
      poster("lista-uppfoljning", "ui-lista-uppfoljning", a.uppfoljning),
      poster("lista-upphor", "ui-lista-upphor", a.upphor),
      tak("lista-nara-tak", "ui-lista-nara-tak", a.nara_tak),
      tak("lista-gamla-tak", "ui-lista-gamla-tak", a.gamla_tak),
    );
  } catch (fel) {
    visaFel(fel);
  }
}

// --- Keyboard ----------------------------------------------------------------------------------

function flyttaFokus(steg) {
  const knappar = [...document.querySelectorAll(".traff")];
  if (!knappar.length) return;
  const nu = knappar.indexOf(document.activeElement);
  const nasta = nu < 0 ? (steg > 0 ? 0 : knappar.length - 1) : Math.min(knappar.length - 1, Math.max(0, nu + steg));
  knappar[nasta].focus();
}

function kopplaHandelser() {
  $("#sok").addEventListener("input", planeraSok);
  $("#sok-form").addEventListener("submit", (e) => { e.preventDefault(); clearTimeout(sokTimer); sok(); });
  $("#sok").addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown") { e.preventDefault(); flyttaFokus(1); }
    if (e.key === "Escape") { $("#sok").value = ""; sok(); }
  });
  $("#nav-start").addEventListener("click", () => { tillstand.brukareId = null; visaStart(); });
  $("#nav-register").addEventListener("click", () => visaRegister());
  $("#nav-batch").addEventListener("click", () => visaBatch());
  $("#nav-installningar").addEventListener("click", () => visaInstallningar());
  $("#brukare").addEventListener("click", (e) => {
    const andra = e.target.closest(".andra-utforare");
    if (andra) {
      const u = tillstand.register.utforare.find((x) => x.id === andra.dataset.id);
      const form = utforarFormular(u);
      andra.closest("tr").after(el("tr", {}, el("td", { colspan: "5" }, form)));
      form.querySelector("input")?.focus();
    }
    if (e.target.id === "nytt-beslut") oppnaFormular("nytt");
    const knapp = e.target.closest(".andra-utkast, .omprova, .fatta-beslut");
    if (knapp?.classList.contains("andra-utkast")) oppnaFormular("andra", knapp.dataset.beslut);
    if (knapp?.classList.contains("omprova")) oppnaFormular("omprova", knapp.dataset.beslut);
    if (knapp?.classList.contains("fatta-beslut")) fattaUtkast(knapp.dataset.beslut);
    if (e.target.id === "andra-brukare" && tillstand.sida) {
      const sida = tillstand.sida;
      visaBrukarformular($("#brukare"), sida.brukare, () => visaBrukare(sida)).catch(visaFel);
    }
    const uppf = e.target.closest(".uppfoljning-knapp");
    if (uppf) oppnaUppfoljning(uppf);
    const avsluta = e.target.closest(".avsluta-beslut");
    if (avsluta) oppnaAvslut(avsluta);
    const valfrihet = e.target.closest(".valfrihet-knapp");
    if (valfrihet) oppnaValfrihet(valfrihet);
    const dok = e.target.closest(".dok-knapp");
    if (dok) oppnaDokument(dok.dataset.typ, dok.dataset.beslut, dok);
    if (e.target.id === "batch-starta") startaBatch();
    if (e.target.id === "batch-avbryt") anropa("avbryt_batch").catch(visaFel);
    const oppna = e.target.closest(".oppna-brukare");
    if (oppna) oppnaBrukare(oppna.dataset.id);
    const panel = e.target.closest("#valfrihet");
    if (panel && e.target.id === "ickeval-avstar") tillampaIckeval(panel, true);
    if (panel && e.target.id === "ickeval-svarsdatum") tillampaIckeval(panel, false);
  });
  $("#traffar").addEventListener("click", (e) => {
    const knapp = e.target.closest(".traff");
    if (knapp) oppnaBrukare(knapp.dataset.id);
  });
  $("#traffar").addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown") { e.preventDefault(); flyttaFokus(1); }
    if (e.key === "ArrowUp") {
      e.preventDefault();
      if (document.activeElement === document.querySelector(".traff")) $("#sok").focus();
      else flyttaFokus(-1);
    }
  });
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k") { e.preventDefault(); $("#sok").focus(); $("#sok").select(); }
    if ((e.ctrlKey || e.metaKey) && !e.altKey) {
      if (e.key === "+" || e.key === "=") { e.preventDefault(); zoomaSteg(1); }
      if (e.key === "-") { e.preventDefault(); zoomaSteg(-1); }
      if (e.key === "0") { e.preventDefault(); zooma(1); }
    }
    if (e.altKey && e.key.toLowerCase() === "n" && tillstand.brukareId && $("#nytt-beslut")) { e.preventDefault(); oppnaFormular("nytt"); }
    const skriver = ["INPUT", "TEXTAREA", "SELECT"].includes(document.activeElement?.tagName);
    if (e.key === "F1" || (e.key === "?" && !skriver)) { e.preventDefault(); visaHjalp(); }
    const dialogOppen = document.querySelector("dialog[open]");
    if (e.key === "Escape" && $("#beslut-form") && !dialogOppen) {
      // Else the same key press would cancel the question it opens.
      e.preventDefault();
      stangFormular($("#beslut-form"));
    }
  });
  $("#hjalp-knapp").addEventListener("click", visaHjalp);
  $("#ny-brukare").addEventListener("click", () => {
    tillstand.brukareId = null;
    visaBrukarformular($("#brukare"), null, () => visaStart()).catch(visaFel);
  });
  $("#handlaggare").addEventListener("change", (e) => {
    tillstand.handlaggareId = e.target.value;
    localStorage.setItem("valfri.handlaggare", e.target.value);
    sok();
    if (!document.querySelector("#brukare dl.fakta")) visaStart();
  });
  $("#sprak").addEventListener("change", async (e) => {
    try {
      await laddaTexter(e.target.value);
      localStorage.setItem("valfri.sprak", tillstand.sprak);
      await laddaHandlaggare();
      await sok();
      await visaStart();
    } catch (fel) { visaFel(fel); }
  });
}

/** What the window shows once the database is open (at start and after every unlock). */
async function efterUnlock(meddelande = "") {
  try {
    await laddaHandlaggare();
    $("#traff-status").textContent = t("ui-skriv-for-att-soka");
    await visaStart();
    if (meddelande) visaKlart(meddelande);
  } catch (fel) {
    visaFel(fel);
  }
  $("#sok").focus();
}

/** On lock: nothing about a brukare stays on the page behind the lock screen. */
function rensaVidLock() {
  $("#sok").value = "";
  $("#traffar").replaceChildren();
  $("#traff-status").textContent = "";
  ersatt($("#brukare"));
  tillstand.brukareId = null;
  doljFel();
}

/** The zoom steps of Ctrl and plus or minus, as in a web browser. */
const ZOOMSTEG = [0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3];

/** Sets the page zoom (the shell keeps it within its limits) and remembers it on this computer. */
async function zooma(niva) {
  // Set before the shell answers, so a second Ctrl and plus pressed quickly takes the next step.
  tillstand.zoom = niva;
  try {
    tillstand.zoom = await invoke("zooma", { sprak: tillstand.sprak, niva });
    localStorage.setItem("valfri.zoom", String(tillstand.zoom));
  } catch (fel) {
    visaFel(fel);
  }
}

function zoomaSteg(riktning) {
  const nu = tillstand.zoom;
  const nasta = riktning > 0 ? ZOOMSTEG.find((z) => z > nu + 0.001) : [...ZOOMSTEG].reverse().find((z) => z < nu - 0.001);
  if (nasta !== undefined) zooma(nasta);
}

async function start() {
  initBekrafta({ t, el });
  initAvslut({
    anropa,
    t,
    el,
    visaFel,
    handlaggareId: () => tillstand.handlaggareId,
    orsaker: () => tillstand.koder.avslutsorsak,
    klar: async (text) => {
      await oppnaBrukare(tillstand.brukareId);
      visaKlart(text);
    },
  });
  initBrukare({
    anropa,
    t,
    el,
    handlaggareId: () => tillstand.handlaggareId,
    ombudTyper: () => tillstand.koder.ombud_typ ?? [],
    oppna: async (id, text) => {
      await oppnaBrukare(id);
      visaKlart(text);
    },
  });
  initUppfoljning({
    anropa,
    t,
    el,
    handlaggareId: () => tillstand.handlaggareId,
    klar: async (text) => {
      await oppnaBrukare(tillstand.brukareId);
      visaKlart(text);
    },
  });
  kopplaHandelser();
  const zoom = Number(localStorage.getItem("valfri.zoom"));
  if (zoom && zoom !== 1) await zooma(zoom);
  try {
    await laddaTexter(localStorage.getItem("valfri.sprak") ?? "sv");
    await startaLock({ invoke, t, el, handlaggareId: () => tillstand.handlaggareId, efterUnlock, narLocked: rensaVidLock });
  } catch (fel) {
    visaFel(fel);
  } finally {
    document.body.dataset.ready = "true";
  }
}

start();
