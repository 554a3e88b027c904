// Recording a follow-up of a beslut: when it was done (empty means today, as the core reads it),
// what it found, and when the next is due (empty: none). The beslut then leaves the worklist
// until that date comes near. Every check is made in Rust; this file only asks and shows.

import { anropa, t, tillstand } from "./karna.js";
import { el, visaKlart } from "./dom.js";
import { stangbar, vakta } from "./bekrafta.js";
import { oppnaBrukare } from "./brukarsida.js";

/** Opens the follow-up form for the beslut of button `knapp`, below its row of buttons. */
export function oppnaUppfoljning(knapp) {
  const beslutId = knapp.dataset.beslut;
  document.querySelector("#uppf-form")?.remove();
  const fel = el("p", { id: "uppf-fel", class: "faltfel", role: "alert", "data-rensas": true });
  const datum = (id, etikett, hjalp) =>
    el(
      "div",
      { class: "falt" },
      el("label", { for: id, text: t(etikett) }),
      el("input", { id, type: "text", inputmode: "numeric", autocomplete: "off", placeholder: t("ui-datum-platshallare"), "aria-describedby": id + "-hjalp uppf-fel" }),
      el("span", { class: "hjalp", id: id + "-hjalp", text: t(hjalp) }),
    );
  const form = vakta(
    el(
      "form",
      { id: "uppf-form", class: "val-form", novalidate: true, "aria-labelledby": "uppf-rubrik" },
      el("h4", { id: "uppf-rubrik", text: t("ui-uppfoljning-rubrik") }),
      datum("uppf-datum", "ui-uppfoljning-datum", "ui-uppfoljning-datum-hjalp"),
      el(
        "div",
        { class: "falt bred" },
        el("label", { for: "uppf-resultat", text: t("ui-uppfoljning-resultat") }),
        el("textarea", { id: "uppf-resultat", rows: "3", "aria-describedby": "uppf-fel" }),
      ),
      datum("uppf-nasta", "ui-uppfoljning-nasta", "ui-uppfoljning-nasta-hjalp"),
      fel,
      el(
        "div",
        { class: "knapprad" },
        el("button", { type: "submit", class: "knapp primar", id: "uppf-spara", text: t("ui-uppfoljning-spara") }),
        el("button", { type: "button", class: "knapp", id: "uppf-avbryt", text: t("ui-form-avbryt") }),
      ),
    ),
  );
  const stang = () => {
    form.remove();
    knapp.focus();
  };
  stangbar(form, "#uppf-avbryt", stang);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await anropa("registrera_uppfoljning", {
        handlaggareId: tillstand.handlaggareId,
        beslutId,
        datum: form.querySelector("#uppf-datum").value,
        resultat: form.querySelector("#uppf-resultat").value,
        nasta: form.querySelector("#uppf-nasta").value,
      });
      form.remove();
      await oppnaBrukare(tillstand.brukareId);
      visaKlart(t("ui-uppfoljning-klar"));
    } catch (f) {
      // Said next to the button the person pressed.
      fel.textContent = f?.message ?? t("ui-fel-okant");
    }
  });
  knapp.closest(".knapprad").after(form);
  form.querySelector("#uppf-datum").focus();
}
