// Asking before what cannot be undone, and before throwing away what was typed. The sentence a
// person confirms is made by the core (valfri-l10n) from what the act will really do; this file
// only shows it. Enter confirms, Esc cancels, and focus goes back where it was.

import { t } from "./karna.js";
import { el } from "./dom.js";

/**
 * Shows `text` (one sentence from the core) and resolves to true when the person confirms with
 * the button `ja` (or Enter), false on Avbryt or Esc. Focus returns to the element that had it.
 */
export function bekrafta(text, ja, id = "bekrafta-dialog") {
  const tillbaka = document.activeElement;
  document.querySelector("#" + id)?.remove();
  return new Promise((klar) => {
    const jaKnapp = el("button", { type: "button", class: "knapp primar", id: id + "-ja", text: ja });
    const nejKnapp = el("button", { type: "button", class: "knapp", id: id + "-nej", text: t("ui-bekrafta-avbryt") });
    const dialog = el(
      "dialog",
      { id, class: "bekrafta", role: "alertdialog", "aria-labelledby": id + "-rubrik", "aria-describedby": id + "-text" },
      el("h2", { id: id + "-rubrik", text: t("ui-bekrafta-rubrik") }),
      el("p", { id: id + "-text", class: "bekrafta-text", text }),
      el("p", { class: "hjalp", text: t("ui-bekrafta-tangenter") }),
      el("div", { class: "knapprad" }, jaKnapp, nejKnapp),
    );
    let svarat = false;
    const stang = (svar) => {
      if (svarat) return;
      svarat = true;
      dialog.close();
      dialog.remove();
      if (tillbaka && document.contains(tillbaka)) tillbaka.focus();
      klar(svar);
    };
    jaKnapp.addEventListener("click", () => stang(true));
    nejKnapp.addEventListener("click", () => stang(false));
    dialog.addEventListener("cancel", (e) => {
      e.preventDefault();
      stang(false);
    });
    dialog.addEventListener("keydown", (e) => {
      // Enter confirms wherever focus is in the dialog, except on Avbryt itself.
      if (e.key === "Enter" && document.activeElement !== nejKnapp) {
        e.preventDefault();
        stang(true);
      }
    });
    document.body.append(dialog);
    dialog.showModal();
    jaKnapp.focus();
  });
}

/** Marks `form` as changed from the first input on, so closing it can ask first. */
export function vakta(form) {
  form.dataset.andrad = "false";
  // A message about the last attempt goes away when the person starts changing things.
  const markera = () => {
    form.dataset.andrad = "true";
    for (const m of form.querySelectorAll("[data-rensas]")) m.textContent = "";
  };
  form.addEventListener("input", markera);
  form.addEventListener("change", markera);
  return form;
}

/**
 * Closes `form` (runs `stang`), asking first when something was typed in it. Resolves to whether
 * it was closed.
 */
export async function stangFormular(form, stang = () => form.remove()) {
  if (form.dataset.andrad === "true") {
    const ja = await bekrafta(t("ui-kasta-text"), t("ui-kasta-ja"), "kasta-dialog");
    if (!ja) return false;
  }
  stang();
  return true;
}

/**
 * Lets `form` be closed by its Cancel button (`avbryt`, a selector inside it) and by Esc, both
 * asking first when something was typed (see `stangFormular`); `stang` closes it. Esc while a
 * question is open belongs to the question.
 */
export function stangbar(form, avbryt, stang) {
  form.querySelector(avbryt).addEventListener("click", () => stangFormular(form, stang));
  form.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !document.querySelector("dialog[open]")) {
      e.preventDefault();
      e.stopPropagation();
      stangFormular(form, stang);
    }
  });
}

/** Disables `knapp` (which has an id) when `hinder` (a sentence from the core) says it cannot
 * succeed, and shows why next to it; enables it otherwise. Returns the nodes to place: the
 * button, and the reason when there is one (already placed when the button is on the page). */
export function hindra(knapp, hinder) {
  const id = knapp.id + "-hinder";
  document.getElementById(id)?.remove();
  knapp.disabled = Boolean(hinder);
  if (!hinder) {
    knapp.removeAttribute("aria-describedby");
    return [knapp];
  }
  const rad = el("span", { class: "hinder", id, text: hinder });
  knapp.setAttribute("aria-describedby", id);
  if (knapp.parentElement) {
    knapp.after(rad);
    return [knapp];
  }
  return [knapp, rad];
}
