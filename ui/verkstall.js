// Setting a beslut verkställt by hand: the day the provider started (typed, nothing
// prefilled), the core's sentence, then the act. Whether it can be done and for which days is
// decided in Rust (`kontrollera_verkstallighet`); this file only asks and shows.

import { anropa, t, tillstand } from "./karna.js";
import { el, visaKlart } from "./dom.js";
import { bekrafta, stangbar, vakta } from "./bekrafta.js";
import { oppnaBrukare } from "./brukarsida.js";

/** Opens the form to set beslut `knapp.dataset.beslut` verkställt below the button. */
export function oppnaVerkstall(knapp) {
  const beslutId = knapp.dataset.beslut;
  document.querySelector("#verkstall-form")?.remove();
  const fel = el("p", { id: "verkstall-fel", class: "faltfel", role: "alert", "data-rensas": true });
  const datum = el("input", {
    id: "verkstall-datum",
    type: "text",
    inputmode: "numeric",
    autocomplete: "off",
    placeholder: t("ui-datum-platshallare"),
    "aria-describedby": "verkstall-hjalp verkstall-fel",
  });
  const form = vakta(
    el(
      "form",
      { id: "verkstall-form", class: "val-form", novalidate: true, "aria-labelledby": "verkstall-rubrik", "data-beslut": beslutId },
      el("h4", { id: "verkstall-rubrik", text: t("ui-verkstall-rubrik") }),
      el("p", { id: "verkstall-hjalp", class: "hjalp bred", text: t("ui-verkstall-hjalp") }),
      el("div", { class: "falt" }, el("label", { for: "verkstall-datum", text: t("ui-verkstall-datum") }), datum, fel),
      el(
        "div",
        { class: "knapprad" },
        el("button", { type: "submit", class: "knapp primar", id: "verkstall-fortsatt", text: t("ui-avsluta-fortsatt") }),
        el("button", { type: "button", class: "knapp", id: "verkstall-avbryt", text: t("ui-form-avbryt") }),
      ),
    ),
  );
  const stang = () => {
    form.remove();
    knapp.focus();
  };
  stangbar(form, "#verkstall-avbryt", stang);
  datum.addEventListener("input", () => datum.removeAttribute("aria-invalid"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const arg = { handlaggareId: tillstand.handlaggareId, beslutId, datum: datum.value };
    let text;
    try {
      text = await anropa("bekrafta_verkstall", arg);
    } catch (f) {
      // A refusal (no provider, a day before the beslut's start…) is said next to the field.
      fel.textContent = f?.message ?? t("ui-fel-okant");
      datum.setAttribute("aria-invalid", "true");
      datum.focus();
      return;
    }
    if (!(await bekrafta(text, t("ui-verkstall-ja")))) return;
    try {
      await anropa("verkstall_beslut", arg);
      form.remove();
      await oppnaBrukare(tillstand.brukareId);
      visaKlart(t("ui-verkstallt"));
    } catch (f) {
      fel.textContent = f?.message ?? t("ui-fel-okant");
    }
  });
  knapp.closest(".knapprad").after(form);
  datum.focus();
}
