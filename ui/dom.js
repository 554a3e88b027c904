// The DOM helpers every screen uses: find, build and replace elements, the code lists as
// options, the page's error area and the "done" line. They render with `textContent` only.

import { t } from "./karna.js";

export const $ = (sel) => document.querySelector(sel);

export function el(tagg, attr = {}, ...barn) {
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
export function ersatt(forelder, ...barn) {
  forelder.replaceChildren(...barn.flat().filter(Boolean));
}

/** The `<option>`s of a code list from the core. */
export function alternativ(lista) {
  return lista.map((k) => el("option", { value: k.kod, text: k.text }));
}

/** Shows an error from the core (its sentence in the person's language) in the page's error area. */
export function visaFel(fel) {
  // Kept at the desk, waiting for the municipality's register: not an error but a state.
  if (fel?.code === "synk-vantar") {
    // The page and the bar are read again, so the act shows there as preliminary.
    document.dispatchEvent(new CustomEvent("valfri-preliminart", { detail: fel.message }));
    return;
  }
  const text = fel && typeof fel === "object" && fel.message ? fel.message : t("ui-fel-okant");
  $("#fel-text").textContent = text;
  $("#fel").hidden = false;
}

export function doljFel() {
  $("#fel").hidden = true;
}

/** Says that an act is done, below the heading of the main section. */
export function visaKlart(text) {
  const sektion = $("#brukare");
  sektion.querySelector(".klart")?.remove();
  const h2 = sektion.querySelector("h2");
  const ankare = h2?.parentElement?.classList.contains("rubrik-rad") ? h2.parentElement : h2;
  ankare?.after(el("p", { class: "klart", role: "status", text }));
}
