// Ending a beslut by hand: the reason (nothing preselected), the sentence from the core that says
// what will happen (the provider stops, the place is freed), then the act. Whether a beslut can
// be ended and what ending it does is decided in Rust; this file only asks and shows.

import { anropa, t, tillstand } from "./karna.js";
import { el, visaFel, visaKlart } from "./dom.js";
import { bekrafta, stangbar, vakta } from "./bekrafta.js";
import { oppnaBrukare } from "./brukarsida.js";

/** Opens the form to end beslut `beslutId` below the button `knapp`. */
export function oppnaAvslut(knapp) {
  const beslutId = knapp.dataset.beslut;
  document.querySelector("#avslut-form")?.remove();
  const fel = el("p", { id: "avslut-fel", class: "faltfel", role: "alert", "data-rensas": true });
  const orsak = el(
    "select",
    { id: "avslut-orsak", "aria-describedby": "avslut-fel" },
    el("option", { value: "", text: t("ui-avsluta-valj-orsak") }),
    ...tillstand.koder.avslutsorsak.map((o) => el("option", { value: o.kod, text: o.text })),
  );
  const form = vakta(
    el(
      "form",
      { id: "avslut-form", class: "val-form", novalidate: true, "aria-labelledby": "avslut-rubrik", "data-beslut": beslutId },
      el("h4", { id: "avslut-rubrik", text: t("ui-avsluta-rubrik") }),
      el("div", { class: "falt" }, el("label", { for: "avslut-orsak", text: t("ui-avsluta-orsak") }), orsak, fel),
      el(
        "div",
        { class: "knapprad" },
        el("button", { type: "submit", class: "knapp primar", id: "avslut-fortsatt", text: t("ui-avsluta-fortsatt") }),
        el("button", { type: "button", class: "knapp", id: "avslut-avbryt", text: t("ui-form-avbryt") }),
      ),
    ),
  );
  const stang = () => {
    form.remove();
    knapp.focus();
  };
  stangbar(form, "#avslut-avbryt", stang);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const arg = { handlaggareId: tillstand.handlaggareId, beslutId, orsak: orsak.value };
    let text;
    try {
      text = await anropa("bekrafta_avslut", arg);
    } catch (f) {
      // A missing reason is said next to the field; any other refusal where errors are shown.
      fel.textContent = f?.message ?? "";
      orsak.setAttribute("aria-invalid", "true");
      orsak.focus();
      return;
    }
    if (!(await bekrafta(text, t("ui-avsluta-ja")))) return;
    try {
      await anropa("avsluta_beslut", arg);
      form.remove();
      await oppnaBrukare(tillstand.brukareId);
      visaKlart(t("ui-avslutat"));
    } catch (f) {
      visaFel(f);
    }
  });
  knapp.closest(".knapprad").after(form);
  orsak.focus();
}
