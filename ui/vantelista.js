// The waiting list (väntelista): putting a brukare in the queue of a provider at its cap (from
// the choice panel), taking them off with a reason (from the brukare's page), and giving a free
// place (from the worklist). Who may wait, whose turn it is and what each act does are decided
// in Rust; this file asks, shows the core's sentence and acts.

import { anropa, t, tillstand } from "./karna.js";
import { el, visaFel, visaKlart } from "./dom.js";
import { bekrafta, stangbar, vakta } from "./bekrafta.js";
import { oppnaBrukare } from "./brukarsida.js";

/** Opens the form to put the brukare of `beslutId` in the queue of the provider on `knapp`'s
 * row; `valjare` are who may be named as asking (nothing preselected). */
export function oppnaKo(knapp, beslutId, valjare) {
  document.querySelector("#ko-form")?.remove();
  const utforareId = knapp.dataset.utforare;
  const fel = el("p", { id: "ko-fel", class: "faltfel", role: "alert", "data-rensas": true });
  const vem = el(
    "select",
    { id: "ko-vem", "aria-describedby": "ko-fel" },
    el("option", { value: "", text: t("ui-val-valj-vem") }),
    ...valjare.map((v) => el("option", { value: v.kod, text: v.text })),
  );
  const form = vakta(
    el(
      "form",
      { id: "ko-form", class: "val-form", novalidate: true, "aria-labelledby": "ko-rubrik" },
      el("h5", { id: "ko-rubrik", text: t("ui-ko-rubrik", { utforare: knapp.dataset.namn }) }),
      el("p", { class: "hjalp bred", text: t("ui-ko-hjalp") }),
      el("div", { class: "falt" }, el("label", { for: "ko-vem", text: t("ui-ko-vem") }), vem, fel),
      el(
        "div",
        { class: "knapprad" },
        el("button", { type: "submit", class: "knapp primar", id: "ko-fortsatt", text: t("ui-ko-fortsatt") }),
        el("button", { type: "button", class: "knapp", id: "ko-avbryt", text: t("ui-form-avbryt") }),
      ),
    ),
  );
  const stang = () => {
    form.remove();
    knapp.focus();
  };
  stangbar(form, "#ko-avbryt", stang);
  vem.addEventListener("change", () => vem.removeAttribute("aria-invalid"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const arg = { handlaggareId: tillstand.handlaggareId, beslutId, utforareId, vemValde: vem.value };
    let text;
    try {
      text = await anropa("bekrafta_ko", arg);
    } catch (f) {
      // Said next to the field; the form stays as it was.
      fel.textContent = f?.message ?? t("ui-fel-okant");
      vem.setAttribute("aria-invalid", "true");
      vem.focus();
      return;
    }
    if (!(await bekrafta(text, t("ui-ko-ja")))) return;
    try {
      await anropa("stall_i_ko", arg);
      await oppnaBrukare(tillstand.brukareId);
      visaKlart(t("ui-ko-klart"));
      document.querySelector("#ko-lista")?.focus();
    } catch (f) {
      fel.textContent = f?.message ?? t("ui-fel-okant");
    }
  });
  knapp.closest("table").after(form);
  vem.focus();
}

/** Opens the form to take the entry on `knapp` off its waiting list: a reason is required. */
export function oppnaUrKo(knapp) {
  document.querySelector("#urko-form")?.remove();
  const id = knapp.dataset.ko;
  const fel = el("p", { id: "urko-fel", class: "faltfel", role: "alert", "data-rensas": true });
  const skal = el("input", { id: "urko-skal", type: "text", autocomplete: "off", maxlength: "200", "aria-describedby": "urko-fel" });
  const form = vakta(
    el(
      "form",
      { id: "urko-form", class: "val-form", novalidate: true, "aria-labelledby": "urko-rubrik" },
      el("h4", { id: "urko-rubrik", text: t("ui-urko-rubrik") }),
      el("div", { class: "falt" }, el("label", { for: "urko-skal", text: t("ui-urko-skal") }), skal, fel),
      el(
        "div",
        { class: "knapprad" },
        el("button", { type: "submit", class: "knapp primar", id: "urko-fortsatt", text: t("ui-ko-fortsatt") }),
        el("button", { type: "button", class: "knapp", id: "urko-avbryt", text: t("ui-form-avbryt") }),
      ),
    ),
  );
  const stang = () => {
    form.remove();
    knapp.focus();
  };
  stangbar(form, "#urko-avbryt", stang);
  skal.addEventListener("input", () => skal.removeAttribute("aria-invalid"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const arg = { handlaggareId: tillstand.handlaggareId, id, skal: skal.value };
    let text;
    try {
      text = await anropa("bekrafta_ur_ko", arg);
    } catch (f) {
      fel.textContent = f?.message ?? t("ui-fel-okant");
      skal.setAttribute("aria-invalid", "true");
      skal.focus();
      return;
    }
    if (!(await bekrafta(text, t("ui-urko-ja")))) return;
    try {
      await anropa("ta_ur_ko", arg);
      await oppnaBrukare(tillstand.brukareId);
      visaKlart(t("ui-urko-klart"));
    } catch (f) {
      fel.textContent = f?.message ?? t("ui-fel-okant");
    }
  });
  knapp.closest("li").append(form);
  skal.focus();
}

/** Gives the free place of the entry on `knapp` (a worklist line): the core's sentence says the
 * choice or byte it registers; `klar` runs after it (the worklist is shown again). */
export async function gePlats(knapp, klar) {
  const arg = { handlaggareId: tillstand.handlaggareId, id: knapp.dataset.ko };
  try {
    const text = await anropa("bekrafta_ge_plats", arg);
    if (!(await bekrafta(text, t("ui-ge-plats-ja")))) return;
    await anropa("ge_plats", arg);
    await klar();
  } catch (f) {
    visaFel(f);
  }
}
