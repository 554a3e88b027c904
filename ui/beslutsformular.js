// The beslut form: a new beslut, a changed draft (utkast) or a reconsideration, checked by the
// core while typing; saving or making it, and making a saved draft. Every check is in Rust.

import { anropa, t, tillstand } from "./karna.js";
import { $, alternativ, el, visaFel, visaKlart } from "./dom.js";
import { bekrafta, stangFormular, vakta } from "./bekrafta.js";
import { oppnaBrukare } from "./brukarsida.js";

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
export async function oppnaFormular(lage, beslutId = null) {
  document.querySelector("#beslut-form")?.remove();
  try {
    if (!tillstand.insatser.length) tillstand.insatser = await anropa("insatser");
    // Today as the core reads it (Sweden's day), not the window's UTC date.
    const idag = lage === "andra" ? null : await anropa("dagens_datum");
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

export async function fattaUtkast(beslutId) {
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
