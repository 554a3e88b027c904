// Search: the search field's answers as a list of hits, newest question wins. Which brukare a
// handläggare may find, and in what order, is decided in Rust; this file only asks and shows.

import { anropa, omradeNamn, t, tillstand } from "./karna.js";
import { $, doljFel, el, ersatt, visaFel } from "./dom.js";

let sokTimer = null;

export function planeraSok() {
  clearTimeout(sokTimer);
  sokTimer = setTimeout(sok, 120);
}

export async function sok() {
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
          h.omrade ? el("span", { class: "pnr", text: ` · ${omradeNamn(h.omrade)}` }) : null,
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

/** Searches now, dropping a search planned by typing. */
export function sokNu() {
  clearTimeout(sokTimer);
  return sok();
}

/** Moves focus `steg` hits down (or up when negative) in the list of hits. */
export function flyttaFokus(steg) {
  const knappar = [...document.querySelectorAll(".traff")];
  if (!knappar.length) return;
  const nu = knappar.indexOf(document.activeElement);
  const nasta = nu < 0 ? (steg > 0 ? 0 : knappar.length - 1) : Math.min(knappar.length - 1, Math.max(0, nu + steg));
  knappar[nasta].focus();
}
