// Registering a new brukare and changing one's record (address, område, language, large print,
// ombud). Every check — the personnummer, the postnummer, the område, the lengths — is made by
// the core, the same code that checks an imported brukare; this file only asks and shows.

import { anropa, t, tillstand } from "./karna.js";
import { el, visaKlart } from "./dom.js";
import { stangbar, vakta } from "./bekrafta.js";
import { oppnaBrukare } from "./brukarsida.js";

/** Shows the brukare form in `sektion`: for a new brukare when `b` is null, else to change `b`.
 * `tillbaka` runs when the form is closed without saving. */
export async function visaBrukarformular(sektion, b, tillbaka) {
  const uppg = await anropa("brukaruppgifter");
  const ny = !b;
  const falt = (id, etikett, varde = "", extra = {}) =>
    el(
      "div",
      { class: "falt" },
      el("label", { for: id, text: t(etikett) }),
      el("input", { id, type: "text", autocomplete: "off", value: varde ?? "", ...extra }),
    );
  const val = (id, etikett, tom, alternativ, varde) => {
    const s = el("select", { id }, tom ? el("option", { value: "", text: t(tom) }) : null, ...alternativ.map(([kod, text]) => el("option", { value: kod, text })));
    s.value = varde ?? "";
    return el("div", { class: "falt" }, el("label", { for: id, text: t(etikett) }), s);
  };
  const ombudRuta = (o, i) =>
    el(
      "fieldset",
      { class: "ombud-ruta bred", "data-nr": String(i) },
      el("legend", { text: o ? t("ui-brukare-ombud-nr", { nr: i + 1 }) : t("ui-brukare-ombud-nytt") }),
      val(`bo-typ-${i}`, "ui-brukare-ombud-typ", "ui-brukare-ombud-valj-typ", (tillstand.koder.ombud_typ ?? []).map((k) => [k.kod, k.text]), o?.typ),
      falt(`bo-namn-${i}`, "ui-brukare-ombud-namn", o?.namn),
      falt(`bo-adress-${i}`, "ui-adress", o?.adress),
      falt(`bo-postnummer-${i}`, "ui-brukare-postnummer", o?.postnummer),
      falt(`bo-postort-${i}`, "ui-brukare-postort", o?.postort),
      o ? el("p", { class: "hjalp", text: t("ui-brukare-ombud-ta-bort") }) : null,
    );
  const ombud = b?.ombud ?? [];
  const form = vakta(
    el(
      "form",
      { id: "brukare-form", class: "beslut-form", novalidate: true, "aria-labelledby": "brukare-form-rubrik" },
      el("h2", { id: "brukare-form-rubrik", class: "bred", text: ny ? t("ui-brukare-ny-rubrik") : t("ui-brukare-andra-rubrik", { namn: `${b.fornamn} ${b.efternamn}` }) }),
      ny ? falt("bf-personnummer", "ui-personnummer", "", { inputmode: "numeric", placeholder: t("ui-brukare-pnr-platshallare") }) : null,
      falt("bf-fornamn", "ui-brukare-fornamn", b?.fornamn),
      falt("bf-efternamn", "ui-brukare-efternamn", b?.efternamn),
      falt("bf-co", "ui-brukare-co", b?.co),
      falt("bf-adress", "ui-adress", b?.adress),
      falt("bf-postnummer", "ui-brukare-postnummer", b?.postnummer),
      falt("bf-postort", "ui-brukare-postort", b?.postort),
      val("bf-omrade", "ui-omrade", "ui-brukare-inget-omrade", uppg.omraden.map((o) => [o.kod, o.namn]), b?.omrade),
      val("bf-sprak", "ui-sprak-for-brev", null, [...new Set([...uppg.sprak, ...(b?.sprak ? [b.sprak] : [])])].map((s) => [s, t("ui-sprak-namn-" + s).startsWith("ui-") ? s.toUpperCase() : t("ui-sprak-namn-" + s)]), b?.sprak ?? "sv"),
      el("label", { class: "val bred" }, el("input", { type: "checkbox", id: "bf-storstil", checked: b?.storstil }), " " + t("ui-storstil")),
      ...ombud.map(ombudRuta),
      ombudRuta(null, ombud.length),
      el(
        "div",
        { class: "knapprad bred" },
        el("button", { type: "submit", class: "knapp primar", id: "bf-spara", text: t(ny ? "ui-brukare-registrera" : "ui-brukare-spara") }),
        el("button", { type: "button", class: "knapp", id: "bf-avbryt", text: t("ui-form-avbryt") }),
        el("p", { id: "bf-fel", class: "faltfel", role: "alert", "data-rensas": true }),
      ),
    ),
  );
  const v = (id) => form.querySelector("#" + id)?.value ?? "";
  stangbar(form, "#bf-avbryt", tillbaka);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    // An ombud whose name is left empty is not sent: it ends (or is not added).
    const ombudLista = [...form.querySelectorAll(".ombud-ruta")]
      .map((r) => r.dataset.nr)
      .map((i) => ({ typ: v(`bo-typ-${i}`), namn: v(`bo-namn-${i}`), adress: v(`bo-adress-${i}`), postnummer: v(`bo-postnummer-${i}`), postort: v(`bo-postort-${i}`) }))
      .filter((o) => o.namn.trim());
    try {
      const id = await anropa("spara_brukare", {
        handlaggareId: tillstand.handlaggareId,
        id: b?.id ?? null,
        brukare: {
          personnummer: ny ? v("bf-personnummer") : "",
          fornamn: v("bf-fornamn"),
          efternamn: v("bf-efternamn"),
          co: v("bf-co"),
          adress: v("bf-adress"),
          postnummer: v("bf-postnummer"),
          postort: v("bf-postort"),
          omrade: v("bf-omrade") || null,
          sprak: v("bf-sprak"),
          storstil: form.querySelector("#bf-storstil").checked,
        },
        ombud: ombudLista,
      });
      await oppnaBrukare(id);
      visaKlart(t(ny ? "ui-brukare-registrerad" : "ui-brukare-sparad"));
    } catch (f) {
      form.querySelector("#bf-fel").textContent = f?.message ?? t("ui-fel-okant");
    }
  });
  sektion.replaceChildren(form);
  form.querySelector("input, select")?.focus();
}
