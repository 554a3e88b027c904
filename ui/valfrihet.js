// Choice (valfrihet) for a beslut: the providers that can be chosen, recording a choice, the
// ickeval steps and the history. Who can be chosen and why is decided in Rust.

import { anropa, t, tillstand } from "./karna.js";
import { $, alternativ, doljFel, el, ersatt, visaFel } from "./dom.js";
import { bekrafta, hindra } from "./bekrafta.js";
import { oppnaKo } from "./vantelista.js";

export async function oppnaValfrihet(knapp) {
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
  if (!panel.dataset.kopplad) {
    panel.dataset.kopplad = "ja";
    panel.addEventListener("click", (e) => {
      const ko = e.target.closest(".ko-knapp");
      if (ko) oppnaKo(ko, beslutId, panel.valjare ?? []);
    });
  }
  try {
    const arg = { handlaggareId: tillstand.handlaggareId, beslutId };
    const [lista, sida] = await Promise.all([anropa("valbara", arg), anropa("valsida", arg)]);
    panel.valjare = sida.valjare;
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
            el(
              "tr",
              { class: r.valbar ? "valbar" : "ej-valbar", "data-id": r.utforare_id },
              el("td", { text: r.namn }),
              el("td", { text: r.regi }),
              el(
                "td",
                {},
                r.status,
                // At its cap: the brukare may wait for a place (the core says whether they may).
                r.vid_tak
                  ? el("button", { type: "button", class: "knapp liten ko-knapp", "data-utforare": r.utforare_id, "data-namn": r.namn, "aria-label": t("ui-ko-stall-namn", { utforare: r.namn }), text: t("ui-ko-stall") })
                  : null,
              ),
            ),
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
    falt("val-start", "ui-val-start", el("input", { id: "val-start", type: "text", inputmode: "numeric", placeholder: t("ui-datum-platshallare"), autocomplete: "off" })),
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

export async function tillampaIckeval(panel, avstar) {
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
