// A brukare's page: the record (after a reason, for skyddade personuppgifter), the ombud and the
// beslut with the buttons each allows. What a beslut allows is decided in Rust.

import { anropa, omradeNamn, sprakNamn, t, tillstand } from "./karna.js";
import { $, doljFel, el, ersatt, visaFel } from "./dom.js";
import { hindra } from "./bekrafta.js";

export async function oppnaBrukare(id) {
  const nr = ++tillstand.oppnaNr;
  for (const b of document.querySelectorAll(".traff")) b.setAttribute("aria-current", String(b.dataset.id === id));
  try {
    // The record of a brukare with skyddade personuppgifter opens only with a reason, which the
    // core logs; showing the same record again to the same handläggare reuses the reason given.
    let skal = tillstand.skal && tillstand.skal.id === id && tillstand.skal.av === tillstand.handlaggareId ? tillstand.skal.text : null;
    let sida;
    try {
      sida = await anropa("oppna_brukare", { handlaggareId: tillstand.handlaggareId, id, skal });
    } catch (fel) {
      if (!fel || fel.code !== "fel-skal-kravs") throw fel;
      skal = await fragaSkal();
      if (skal === null || nr !== tillstand.oppnaNr) return;
      sida = await anropa("oppna_brukare", { handlaggareId: tillstand.handlaggareId, id, skal });
    }
    tillstand.skal = skal ? { id, av: tillstand.handlaggareId, text: skal } : null;
    if (nr !== tillstand.oppnaNr) return;
    doljFel();
    tillstand.brukareId = id;
    visaBrukare(sida);
  } catch (fel) {
    visaFel(fel);
  }
}

/** Asks why the record of a brukare with skyddade personuppgifter is opened. Resolves to the
 * reason, or null when the handläggare cancels. */
function fragaSkal() {
  document.querySelector("#skal-dialog")?.remove();
  return new Promise((klar) => {
    const falt = el("input", { id: "skal-falt", type: "text", maxlength: "200", autocomplete: "off", "aria-describedby": "skal-hjalp skal-fel" });
    const fel = el("p", { id: "skal-fel", class: "faltfel", role: "alert" });
    const form = el(
      "form",
      { class: "skal-form", novalidate: true },
      el("h2", { id: "skal-rubrik", text: t("ui-skal-rubrik") }),
      el("p", { id: "skal-hjalp", text: t("ui-skal-hjalp") }),
      el("label", { for: "skal-falt", text: t("ui-skal-etikett") }),
      falt,
      fel,
      el(
        "div",
        { class: "knapprad" },
        el("button", { type: "submit", class: "knapp primar", id: "skal-oppna", text: t("ui-skal-oppna") }),
        el("button", { type: "button", class: "knapp", id: "skal-avbryt", text: t("ui-skal-avbryt") }),
      ),
    );
    const dialog = el("dialog", { id: "skal-dialog", "aria-labelledby": "skal-rubrik", "aria-describedby": "skal-hjalp" }, form);
    const stang = (svar) => {
      dialog.close();
      dialog.remove();
      klar(svar);
    };
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const skal = falt.value.trim();
      if (!skal) {
        fel.textContent = t("ui-skal-saknas");
        falt.setAttribute("aria-invalid", "true");
        falt.focus();
        return;
      }
      stang(skal);
    });
    dialog.querySelector("#skal-avbryt").addEventListener("click", () => stang(null));
    dialog.addEventListener("cancel", (e) => {
      e.preventDefault();
      stang(null);
    });
    document.body.append(dialog);
    dialog.showModal();
    falt.focus();
  });
}

function fakta(par) {
  return el("dl", { class: "fakta" }, ...par.filter(([, v]) => v !== null && v !== undefined && v !== "").flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })]));
}

function omfattning(b) {
  if (b.omfattning === null || b.omfattning === undefined) return t("enhet-" + b.enhet);
  const tal = new Intl.NumberFormat(tillstand.sprak === "sv" ? "sv-SE" : tillstand.sprak).format(b.omfattning);
  return `${tal} ${t("enhet-" + b.enhet)}`;
}

export function visaBrukare({ brukare: b, beslut, lagen = [], ko = [], preliminara = [] }) {
  const sektion = $("#brukare");
  tillstand.sida = { brukare: b, beslut, lagen, ko };
  const adress = b.skyddad
    ? t("ui-adress-skyddad")
    : [b.co, b.adress, [b.postnummer, b.postort].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  ersatt(sektion,
    el(
      "div",
      { class: "rubrik-rad" },
      el("h2", {}, `${b.fornamn} ${b.efternamn}`, b.skyddad ? el("span", { class: "markering", text: t("ui-skyddad-markering") }) : null),
      // The record of a brukare with skyddade personuppgifter is not edited here: its address is never shown.
      b.skyddad ? null : el("button", { type: "button", class: "knapp", id: "andra-brukare", text: t("ui-brukare-andra") }),
    ),
    fakta([
      [t("ui-personnummer"), b.personnummer],
      [t("ui-adress"), adress],
      [t("ui-omrade"), b.omrade ? omradeNamn(b.omrade) : null],
      [t("ui-sprak-for-brev"), sprakNamn(b.sprak)],
      [t("ui-storstil"), b.storstil ? t("ui-ja") : t("ui-nej")],
    ]),
    el("h3", { text: t("ui-ombud-rubrik") }),
    b.ombud.length
      ? el("ul", { class: "lista" }, ...b.ombud.map((o) => el("li", { text: `${o.namn} (${t("ombud-" + o.typ)}), ${o.adress}, ${o.postnummer} ${o.postort}` })))
      : el("p", { class: "tom", text: t("ui-inga-ombud") }),
    el("div", { class: "rubrik-rad" }, el("h3", { text: t("ui-beslut-rubrik") }), el("button", { type: "button", class: "knapp", id: "nytt-beslut", text: t("ui-nytt-beslut"), "aria-keyshortcuts": "Alt+N" })),
    beslut.length
      ? el("ul", { id: "beslut-lista", class: "lista" }, ...beslut.map((x) => beslutRad(x, lagen.find((l) => l.beslut_id === x.id))))
      : el("p", { class: "tom", id: "beslut-lista", text: t("ui-inga-beslut") }),
    ko.length ? koLista(ko) : null,
    // Kommunläge: what was done here and waits for the municipality's register.
    preliminara.length ? el("h3", { text: t("ui-preliminara-rubrik") }) : null,
    preliminara.length
      ? el(
          "ul",
          { id: "preliminara", class: "lista" },
          ...preliminara.map((text) => el("li", { class: "preliminar" }, el("span", { class: "etikett preliminar-etikett", text: t("ui-preliminar-etikett") }), " ", el("span", { text }))),
        )
      : null,
  );
  sektion.scrollTop = 0;
  sektion.focus({ preventScroll: true });
}

/** The brukare's waiting-list entries: whom they wait for since when, whether a place is free
 * now (else why not), and taking one off. */
function koLista(ko) {
  return el(
    "section",
    { class: "vantelista", "aria-labelledby": "ko-lista-rubrik" },
    el("h3", { id: "ko-lista-rubrik", text: t("ui-ko-lista-rubrik") }),
    el(
      "ul",
      { id: "ko-lista", class: "lista", tabindex: "-1" },
      ...ko.map((p) =>
        el(
          "li",
          { class: "kopost", "data-id": p.id },
          el("span", { text: p.text }),
          p.plats_ledig ? el("strong", { class: "etikett plats-ledig", text: t("ui-plats-ledig") }) : el("span", { class: "hjalp", text: " " + (p.hinder ?? "") }),
          el("div", { class: "knapprad" }, el("button", { type: "button", class: "knapp ur-ko", "data-ko": p.id, text: t("ui-urko-knapp") })),
        ),
      ),
    ),
  );
}

function beslutRad(b, lage = {}) {
  const giltig = `${b.giltig_fran} – ${b.giltig_till ?? t("ui-beslut-tillsvidare")}`;
  const fatta = b.kan_andras ? el("button", { type: "button", class: "knapp primar fatta-beslut", id: "fatta-" + b.id, "data-beslut": b.id, text: t("ui-fatta") }) : null;
  return el(
    "li",
    { class: "beslut", "data-id": b.id },
    el(
      "div",
      { class: "beslut-rubrik" },
      el("strong", { text: b.insats_namn }),
      el("span", { class: `etikett status-${b.status}`, text: t("status-" + b.status) }),
      el("span", { text: t("utfall-" + b.utfall) }),
    ),
    fakta([
      [t("ui-beslut-diarienummer"), b.diarienummer],
      [t("ui-beslut-beslutsdatum"), b.beslutsdatum ?? t("ui-beslut-ej-fattat")],
      [t("ui-beslut-giltighet"), giltig],
      [t("ui-beslut-omfattning"), omfattning(b)],
      [t("ui-beslut-uppfoljning"), b.uppfoljning],
      [t("ui-beslut-handlaggare"), b.handlaggare_namn],
      [t("ui-beslut-utforare"), lage.utforare],
      [t("ui-beslut-avslutat"), lage.avslutat],
      [t("ui-beslut-senaste-uppfoljning"), lage.uppfoljning],
    ]),
    // Marked for a new choice (the provider no longer works where the brukare lives…).
    lage.omval ? el("p", { class: "notis varning omval-notis", text: lage.omval }) : null,
    b.ersatter ? el("p", { class: "notis", text: t("ui-beslut-ersatter") }) : null,
    b.ersatt_av ? el("p", { class: "notis", text: t("ui-beslut-ersatt") }) : null,
    el(
      "div",
      { class: "knapprad" },
      b.ger_val
        ? el("button", { type: "button", class: "knapp valfrihet-knapp", "data-beslut": b.id, "aria-expanded": "false", text: t("ui-valfrihet-knapp") })
        : null,
      b.kan_andras ? el("button", { type: "button", class: "knapp andra-utkast", "data-beslut": b.id, text: t("ui-andra-utkast") }) : null,
      fatta ? hindra(fatta, lage.fatta_hinder) : null,
      b.kan_omprovas ? el("button", { type: "button", class: "knapp omprova", "data-beslut": b.id, text: t("ui-omprova") }) : null,
      lage.kan_verkstallas ? hindra(el("button", { type: "button", class: "knapp verkstall-knapp", id: "verkstall-" + b.id, "data-beslut": b.id, text: t("ui-verkstall-knapp") }), lage.verkstall_hinder) : null,
      lage.kan_avslutas ? el("button", { type: "button", class: "knapp uppfoljning-knapp", "data-beslut": b.id, text: t("ui-uppfoljning-knapp") }) : null,
      lage.kan_avslutas ? el("button", { type: "button", class: "knapp avsluta-beslut", "data-beslut": b.id, text: t("ui-avsluta-knapp") }) : null,
    ),
    b.beslutsdatum
      ? el(
          "div",
          { class: "knapprad dokumentrad", role: "group", "aria-label": t("ui-dok-grupp") },
          b.ger_val ? el("button", { type: "button", class: "knapp dok-knapp", "data-beslut": b.id, "data-typ": "valfrihetsbrev", text: t("ui-dok-valfrihetsbrev") }) : null,
          b.ger_val ? el("button", { type: "button", class: "knapp dok-knapp", "data-beslut": b.id, "data-typ": "jamforelseblad", text: t("ui-dok-jamforelseblad") }) : null,
          el("button", { type: "button", class: "knapp dok-knapp", "data-beslut": b.id, "data-typ": "beslutsmeddelande", text: t("ui-dok-beslutsmeddelande") }),
        )
      : null,
  );
}

/** Brings the beslut `id` on the open brukare's page into view and gives it focus (a worklist
 * item opens the beslut it concerns). Nothing when there is no such beslut on the page. */
export function visaBeslutet(id) {
  if (!id) return;
  const rad = [...document.querySelectorAll("#beslut-lista li.beslut")].find((li) => li.dataset.id === id);
  if (!rad) return;
  for (const li of document.querySelectorAll("#beslut-lista li.beslut")) li.removeAttribute("aria-current");
  rad.setAttribute("aria-current", "true");
  rad.tabIndex = -1;
  rad.scrollIntoView({ block: "start" });
  rad.focus({ preventScroll: true });
}
