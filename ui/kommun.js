// Kommunläge's bar under the header: who is logged in (as the hub said), connected or offline
// since when, what waits for the municipality's register, and the conflicts with their remedies.

import { anropa, t, tillstand } from "./karna.js";
import { $, el } from "./dom.js";

let lyssnar = false;

/** Shows who works: the login's person (the hub's in kommunläge, a key slot's standalone), and
 * then the choice list is gone; on a database with one shared passphrase, the list. */
export function visaVem() {
  const inloggad = tillstand.inloggad;
  for (const e of [$("#handlaggare"), $("label[for=handlaggare]")]) e.hidden = Boolean(inloggad);
  $("#inloggad")?.remove();
  if (!inloggad) return;
  tillstand.handlaggareId = inloggad.handlaggare_id;
  $("#handlaggare").before(
    el("span", { id: "inloggad", class: "inloggad", text: t("ui-kommun-inloggad", { namn: inloggad.namn, login: inloggad.login }) }),
  );
}

/** The bar, read again from the core; gone when the desk is standalone. */
export async function visaKommunstatus() {
  if (!tillstand.kommun?.inloggad) {
    $("#kommun-rad")?.remove();
    return;
  }
  const s = await anropa("kommun_status");
  if (!s) return;
  const delar = [s.text];
  if (s.synkar) delar.push(s.synkar);
  if (s.vantande > 0) delar.push(t("ui-kommun-vantar", { antal: s.vantande }));
  if (s.klocka) delar.push(s.klocka);
  const konflikter = s.konflikter.length
    ? el(
        "details",
        { id: "kommun-konflikter" },
        el("summary", { text: t("ui-kommun-konflikter", { antal: s.konflikter.length }) }),
        el("h2", { class: "visuellt-dold", text: t("ui-kommun-konflikter-rubrik") }),
        el("ul", {}, ...s.konflikter.map((k) => el("li", {}, el("span", { text: `${k.registrerad_lokalt}: ${k.text}` }), k.atgard ? el("span", { class: "hjalp", text: " " + k.atgard }) : null))),
      )
    : null;
  const rad = el(
    "div",
    { id: "kommun-rad", class: s.ansluten && !s.konflikter.length ? "kommun-rad" : "kommun-rad varning-rad", role: "status", "data-ansluten": String(s.ansluten) },
    el("span", { id: "kommun-text", text: delar.join(" · ") }),
    konflikter,
  );
  const gammal = $("#kommun-rad");
  // An open list of conflicts stays open when the bar is read again.
  if (gammal?.querySelector("details")?.open) rad.querySelector("details")?.setAttribute("open", "");
  if (gammal) gammal.replaceWith(rad);
  else $("header")?.after(rad);
}

/** Listens once to the shell's events: the connection changed, or the replica did. */
export function lyssnaPaKommun(narAndrat) {
  if (lyssnar) return;
  lyssnar = true;
  const { listen } = window.__TAURI__.event;
  listen("kommun-status", () => visaKommunstatus().catch(() => {}));
  listen("kommun-andrat", () => {
    visaKommunstatus().catch(() => {});
    narAndrat();
  });
}
