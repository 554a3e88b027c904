// Settings: the municipality, its areas, each insats's lagrum and ickeval model, the documents
// folder and the security (idle lock, backups). Who may change them is decided in Rust.

import { anropa, t, tillstand } from "./karna.js";
import { $, doljFel, el, ersatt, visaFel } from "./dom.js";
import { dokumentmapp } from "./dokument.js";
import { andraLockEfter } from "./lock.js";
import { markeraOrganisationen } from "./om.js";

export async function visaInstallningar(meddelande) {
  tillstand.sida = "installningar";
  tillstand.brukareId = null;
  const sektion = $("#brukare");
  try {
    const inst = await anropa("installningar", { handlaggareId: tillstand.handlaggareId });
    doljFel();
    const k = inst.kommun;
    const endastVisning = !inst.far_andra;
    const falt = (id, etikett, varde) => el("div", { class: "falt" }, el("label", { for: id, text: t(etikett) }), el("input", { id, type: "text", value: varde ?? "", autocomplete: "off", disabled: endastVisning }));
    const kommunForm = el(
      "form",
      { id: "kommun-form", class: "beslut-form", novalidate: true, "aria-labelledby": "inst-kommun" },
      el("h3", { id: "inst-kommun", class: "bred", text: t("ui-inst-kommun") }),
      falt("k-namn", "ui-inst-namn", k.namn),
      falt("k-namnd", "ui-inst-namnd", k.namnd),
      falt("k-adress", "ui-inst-adress", k.adress),
      falt("k-postnummer", "ui-inst-postnummer", k.postnummer),
      falt("k-postort", "ui-inst-postort", k.postort),
      falt("k-telefon", "ui-inst-telefon", k.telefon),
      el(
        "div",
        { class: "falt" },
        el("label", { for: "k-ordning", text: t("ui-inst-ordning") }),
        el("select", { id: "k-ordning", disabled: endastVisning }, ...inst.ordningsregler.map((o) => el("option", { value: o.kod, text: o.namn, selected: o.kod === k.ordning }))),
      ),
      el(
        "fieldset",
        { class: "omraden" },
        el("legend", { text: t("ui-inst-sprak") }),
        ...inst.sprak_lista.map((s) => el("label", { class: "val" }, el("input", { type: "checkbox", name: "k-sprak", value: s, checked: k.sprak.includes(s), disabled: endastVisning || s === "sv" }), " " + s.toUpperCase())),
      ),
      el(
        "fieldset",
        { class: "omraden" },
        el("legend", { text: t("ui-inst-krav") }),
        el("label", { class: "val" }, el("input", { type: "checkbox", id: "k-krav-diarienummer", checked: k.beslutskrav?.diarienummer, disabled: endastVisning }), " " + t("ui-inst-krav-diarienummer")),
        el("label", { class: "val" }, el("input", { type: "checkbox", id: "k-krav-motivering", checked: k.beslutskrav?.motivering, disabled: endastVisning }), " " + t("ui-inst-krav-motivering")),
      ),
      el("div", { class: "knapprad bred" }, el("button", { type: "submit", class: "knapp primar", id: "k-spara", text: t("ui-inst-spara"), disabled: endastVisning })),
    );
    kommunForm.addEventListener("submit", async (e) => {
      e.preventDefault();
      const v = (id) => kommunForm.querySelector("#" + id).value;
      const ny = {
        ...k,
        namn: v("k-namn"), namnd: v("k-namnd"), adress: v("k-adress"), postnummer: v("k-postnummer"), postort: v("k-postort"), telefon: v("k-telefon"),
        ordning: v("k-ordning"),
        sprak: [...kommunForm.querySelectorAll("input[name=k-sprak]:checked")].map((c) => c.value),
        beslutskrav: {
          diarienummer: kommunForm.querySelector("#k-krav-diarienummer").checked,
          motivering: kommunForm.querySelector("#k-krav-motivering").checked,
        },
      };
      try {
        await anropa("spara_kommun", { handlaggareId: tillstand.handlaggareId, kommun: ny });
        await visaInstallningar(t("ui-inst-sparat"));
      } catch (fel) {
        visaFel(fel);
      }
    });

    const omradeForm = el(
      "form",
      { id: "omrade-form", class: "val-form", novalidate: true, "aria-label": t("ui-inst-omrade-ny") },
      el("div", { class: "falt" }, el("label", { for: "o-kod", text: t("ui-inst-omrade-kod") }), el("input", { id: "o-kod", type: "text", autocomplete: "off", disabled: endastVisning })),
      el("div", { class: "falt" }, el("label", { for: "o-namn", text: t("ui-inst-omrade-namn") }), el("input", { id: "o-namn", type: "text", autocomplete: "off", disabled: endastVisning })),
      el("label", { class: "val" }, el("input", { type: "checkbox", id: "o-landsbygd", disabled: endastVisning }), " " + t("ui-inst-landsbygd")),
      el("button", { type: "submit", class: "knapp", id: "o-ny", text: t("ui-inst-omrade-ny"), disabled: endastVisning }),
    );
    omradeForm.addEventListener("submit", async (e) => {
      e.preventDefault();
      try {
        await anropa("nytt_omrade", { handlaggareId: tillstand.handlaggareId, kod: $("#o-kod").value, namn: $("#o-namn").value, landsbygd: $("#o-landsbygd").checked });
        await visaInstallningar(t("ui-inst-sparat"));
      } catch (fel) {
        visaFel(fel);
      }
    });

    const insatsRad = (i, n) => {
      const rad = el(
        "tr",
        { "data-kod": i.kod },
        el("th", { scope: "row", text: i.namn }),
        el("td", {}, el("input", { id: `i${n}-lagrum`, type: "text", value: i.lagrum, "aria-label": `${t("ui-inst-lagrum")}, ${i.namn}`, disabled: endastVisning })),
        el(
          "td",
          {},
          i.valfrihet
            ? el("select", { id: `i${n}-ickeval`, class: "ickeval-val", "aria-label": `${t("ui-inst-ickeval")}, ${i.namn}`, disabled: endastVisning }, ...inst.ickeval_modeller.map((m) => el("option", { value: m.kod, text: m.namn, selected: m.kod === i.ickeval })))
            : el("span", { class: "hjalp", text: "–" }),
        ),
        el("td", {}, el("button", { type: "button", class: "knapp spara-insats", "data-nr": String(n), text: t("ui-inst-spara"), "aria-label": t("ui-inst-spara-insats", { insats: i.namn }), disabled: endastVisning })),
      );
      return rad;
    };
    const insatser = el(
      "table",
      { class: "tabell", id: "insats-tabell" },
      el("thead", {}, el("tr", {}, ...["ui-inst-insats", "ui-inst-lagrum", "ui-inst-ickeval", "ui-inst-atgard"].map((k2) => el("th", { scope: "col", text: t(k2) })))),
      el("tbody", {}, ...inst.insatser.map(insatsRad)),
    );
    insatser.addEventListener("click", async (e) => {
      const knapp = e.target.closest(".spara-insats");
      if (!knapp) return;
      const n = Number(knapp.dataset.nr);
      const i = inst.insatser[n];
      const varning = $("#ickeval-varning");
      try {
        const lagrum = $(`#i${n}-lagrum`).value;
        if (lagrum !== i.lagrum) await anropa("andra_lagrum", { handlaggareId: tillstand.handlaggareId, insats: i.kod, lagrum });
        const modell = $(`#i${n}-ickeval`)?.value;
        let text = null;
        if (modell && modell !== i.ickeval) {
          text = await anropa("satt_ickeval", { handlaggareId: tillstand.handlaggareId, insats: i.kod, modell, utsedd: i.ickeval_utforare_id, egenRegiITurordning: i.turordning_egen_regi });
        }
        await visaInstallningar(t("ui-inst-insats-sparat", { insats: i.namn }));
        if (text) {
          const ny = $("#ickeval-varning");
          ny.textContent = text;
          ny.hidden = false;
          ny.focus();
          ny.scrollIntoView({ block: "center" });
        }
      } catch (fel) {
        varning.hidden = true;
        visaFel(fel);
      }
    });

    const mappForm = el(
      "form",
      { id: "mapp-form", class: "val-form", novalidate: true, "aria-labelledby": "inst-mapp" },
      el(
        "div",
        { class: "falt" },
        el("label", { for: "inst-mapp-falt", id: "inst-mapp", text: t("ui-inst-mapp") }),
        el("input", { id: "inst-mapp-falt", type: "text", value: dokumentmapp() ?? "", placeholder: inst.dokumentmapp, "aria-describedby": "inst-mapp-hjalp", autocomplete: "off" }),
      ),
      el("button", { type: "submit", class: "knapp", id: "mapp-spara", text: t("ui-inst-mapp-spara") }),
      el("p", { id: "inst-mapp-hjalp", class: "hjalp bred", text: t("ui-inst-mapp-hjalp", { mapp: inst.dokumentmapp }) }),
    );
    mappForm.addEventListener("submit", async (e) => {
      e.preventDefault();
      const mapp = $("#inst-mapp-falt").value.trim();
      if (mapp) localStorage.setItem("valfri.dokumentmapp", mapp);
      else localStorage.removeItem("valfri.dokumentmapp");
      await visaInstallningar(t("ui-inst-mapp-sparat", { mapp: mapp || inst.dokumentmapp }));
    });

    ersatt(
      sektion,
      el("h2", { text: t("ui-inst-rubrik") }),
      meddelande ? el("p", { class: "klart", role: "status", text: meddelande }) : null,
      el("p", { id: "ickeval-varning", class: "varning", role: "alert", tabindex: "-1", hidden: true }),
      endastVisning ? el("p", { class: "hjalp", text: t("ui-inst-endast-visning") }) : null,
      kommunForm,
      el("h3", { text: t("ui-inst-omraden") }),
      el("ul", { class: "lista", id: "omrade-lista" }, ...inst.omraden.map((o) => el("li", { text: `${o.kod} ${o.namn}${o.landsbygd ? ` (${t("ui-inst-landsbygd").toLowerCase()})` : ""}` }))),
      omradeForm,
      el("h3", { text: t("ui-inst-insatser") }),
      insatser,
      el("h3", { text: t("ui-inst-dokument") }),
      mappForm,
      await sakerhetsForm(endastVisning),
    );
    await markeraOrganisationen(sektion);
  } catch (fel) {
    visaFel(fel);
  }
}

/** The idle lock and how many automatic backups to keep. */
async function sakerhetsForm(endastVisning) {
  const s = await anropa("sakerhet");
  const tal = (id, etikett, varde) =>
    el("div", { class: "falt" }, el("label", { for: id, text: t(etikett) }), el("input", { id, type: "text", inputmode: "numeric", autocomplete: "off", value: varde, disabled: endastVisning }));
  const form = el(
    "form",
    { id: "sakerhet-form", class: "beslut-form", novalidate: true, "aria-labelledby": "inst-sakerhet" },
    el("h3", { id: "inst-sakerhet", class: "bred", text: t("ui-inst-sakerhet") }),
    tal("s-lock", "ui-inst-lock-minuter", s.las_efter_minuter),
    tal("s-kopior", "ui-inst-kopior", s.sakerhetskopior),
    el("div", { class: "knapprad bred" }, el("button", { type: "submit", class: "knapp primar", id: "s-spara", text: t("ui-inst-spara"), disabled: endastVisning })),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const heltal = (id) => Math.trunc(Number(form.querySelector("#" + id).value)) || 0;
    try {
      const sparat = await anropa("spara_sakerhet", {
        handlaggareId: tillstand.handlaggareId,
        sakerhet: { las_efter_minuter: heltal("s-lock"), sakerhetskopior: heltal("s-kopior") },
      });
      andraLockEfter(sparat.las_efter_minuter);
      await visaInstallningar(t("ui-inst-sakerhet-sparat", { minuter: sparat.las_efter_minuter, kopior: sparat.sakerhetskopior }));
    } catch (fel) {
      visaFel(fel);
    }
  });
  return form;
}
