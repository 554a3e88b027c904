// Start: today's worklists (ickeval, new choices, follow-ups, ending beslut, providers near
// their cap or with an old confirmation). The lists are made in Rust.

import { anropa, t, tillstand } from "./karna.js";
import { $, el, ersatt, visaFel, visaKlart } from "./dom.js";
import { gePlats } from "./vantelista.js";

/** An insats's name in the window's language; its code only if the list is not loaded. */
function insatsNamn(kod) {
  return tillstand.insatser.find((i) => i.kod === kod)?.namn ?? kod;
}

/** The latest rendering asked for: an older answer arriving late is dropped. */
let senaste = 0;

export async function visaStart() {
  tillstand.sida = "start";
  const sektion = $("#brukare");
  if (!tillstand.handlaggareId) return;
  try {
    // Names in the current language (the list is also what the beslut form offers).
    tillstand.insatser = await anropa("insatser");
    const helaKontoret = Boolean(tillstand.helaKontoret);
    const nr = ++senaste;
    const a = await anropa("arbetslistor", { handlaggareId: tillstand.handlaggareId, helaKontoret });
    if (nr !== senaste) return;
    // Each item opens the beslut it concerns: its brukare's page, at that beslut. A late item
    // (the core says which) is marked in words, not by colour alone; the lists come late first.
    const poster = (id, rubrik, lista) =>
      el(
        "section",
        { class: "arbetslista", id, "aria-labelledby": id + "-rubrik" },
        el("h3", { id: id + "-rubrik", text: `${t(rubrik)} (${lista.length})` }),
        lista.length
          ? el(
              "ul",
              { class: "lista" },
              ...lista.map((p) =>
                el(
                  "li",
                  { class: p.forsenad ? "forsenad" : null },
                  el(
                    "button",
                    { type: "button", class: "lank oppna-brukare", "data-id": p.brukare_id, "data-beslut": p.beslut_id },
                    p.forsenad ? el("span", { class: "markering forsenad-markering", text: t("ui-lista-forsenad") }) : null,
                    `${p.forsenad ? " " : ""}${p.namn}, ${insatsNamn(p.insats_kod)}${p.datum ? ", " + p.datum : ""}${p.orsak ? ": " + t("ui-omval-orsak-" + p.orsak, { utforare: p.utforare ?? "" }) : ""}`,
                  ),
                ),
              ),
            )
          : el("p", { class: "tom", text: t("ui-lista-tom") }),
      );
    const vaxel = el("input", { type: "checkbox", id: "hela-kontoret" });
    vaxel.checked = helaKontoret;
    vaxel.addEventListener("change", () => {
      tillstand.helaKontoret = vaxel.checked;
      visaStart().then(() => $("#hela-kontoret")?.focus());
    });
    const tak = (id, rubrik, lista) =>
      el(
        "section",
        { class: "arbetslista", id, "aria-labelledby": id + "-rubrik" },
        el("h3", { id: id + "-rubrik", text: `${t(rubrik)} (${lista.length})` }),
        lista.length
          ? el(
              "ul",
              { class: "lista" },
              ...lista.map((k) =>
                el("li", { text: t("ui-tak-rad", { utforare: k.namn, insats: insatsNamn(k.insats_kod), aktiva: k.aktiva, tak: k.kapacitetstak }) + ", " + (k.bekraftad ? t("ui-tak-bekraftad", { datum: k.bekraftad }) : t("ui-tak-aldrig")) }),
              ),
            )
          : el("p", { class: "tom", text: t("ui-lista-tom") }),
      );
    // A place free for a waiting brukare, oldest first: open the brukare, or give the place.
    const ledig = el(
      "section",
      { class: "arbetslista", id: "lista-plats-ledig", "aria-labelledby": "lista-plats-ledig-rubrik" },
      el("h3", { id: "lista-plats-ledig-rubrik", text: `${t("ui-lista-plats-ledig")} (${a.plats_ledig.length})` }),
      a.plats_ledig.length
        ? el(
            "ul",
            { class: "lista" },
            ...a.plats_ledig.map((p) =>
              el(
                "li",
                { class: "ledig-rad" },
                el("button", { type: "button", class: "lank oppna-brukare", "data-id": p.brukare_id, text: `${p.namn}, ${insatsNamn(p.insats_kod)}` }),
                el("span", { text: " " + t("ui-plats-ledig-rad", { utforare: p.utforare_namn, datum: p.stalld }) + " " }),
                el("button", { type: "button", class: "knapp ge-plats", "data-ko": p.id, "aria-label": t("ui-ge-plats-namn", { namn: p.namn, utforare: p.utforare_namn }), text: t("ui-ge-plats") }),
              ),
            ),
          )
        : el("p", { class: "tom", text: t("ui-lista-tom") }),
    );
    ledig.addEventListener("click", (e) => {
      const knapp = e.target.closest(".ge-plats");
      if (knapp) gePlats(knapp, async () => { await visaStart(); visaKlart(t("ui-ge-plats-klart")); });
    });
    ersatt(sektion,
      el("h2", { text: t("ui-arbetslistor-rubrik") }),
      el("p", { class: "tom", text: t("ui-valj-brukare") }),
      el("p", { class: "falt-rad" }, el("label", { class: "val" }, vaxel, " " + t("ui-lista-hela-kontoret"))),
      el("p", { class: "hjalp", id: "arbetslistor-urval", text: t(helaKontoret ? "ui-lista-urval-kontoret" : "ui-lista-urval-egna") }),
      poster("lista-ickeval", "ui-lista-ickeval", a.ickeval),
      ledig,
      poster("lista-omval", "ui-lista-omval", a.omval),
      poster("lista-uppfoljning", "ui-lista-uppfoljning", a.uppfoljning),
      poster("lista-upphor", "ui-lista-upphor", a.upphor),
      poster("lista-utkast", "ui-lista-utkast", a.utkast),
      tak("lista-nara-tak", "ui-lista-nara-tak", a.nara_tak),
      tak("lista-gamla-tak", "ui-lista-gamla-tak", a.gamla_tak),
    );
  } catch (fel) {
    visaFel(fel);
  }
}
