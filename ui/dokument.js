// Documents about a beslut: the preview of the laid-out pages, saving (to the documents folder or
// where the system's dialog points) and printing. The documents are made in Rust.

import { anropa, invoke, t, tillstand } from "./karna.js";
import { doljFel, el, ersatt, visaFel } from "./dom.js";

/** The documents folder chosen on this computer; empty means the program's default (the
 * organisation's folder, which a folder chosen earlier does not override once it is fixed). */
export function dokumentmapp() {
  if (tillstand.organisationen.includes("dokumentmapp")) return null;
  return localStorage.getItem("valfri.dokumentmapp") || null;
}

/** Opens the preview of a document about a beslut in a dialog: the real laid-out pages. */
export async function oppnaDokument(typ, beslutId, knapp) {
  document.querySelector("#dokument-dialog")?.remove();
  const dialog = el(
    "dialog",
    { id: "dokument-dialog", class: "dokument-dialog", "aria-labelledby": "dok-rubrik", "data-typ": typ, "data-beslut": beslutId },
    el("h2", { id: "dok-rubrik", tabindex: "-1", text: t("ui-dok-" + typ) }),
    el(
      "div",
      { class: "dok-val" },
      el("label", { for: "dok-sprak", text: t("ui-dok-sprak") }),
      el("select", { id: "dok-sprak" }),
      el("label", { class: "val" }, el("input", { type: "checkbox", id: "dok-storstil" }), " " + t("ui-dok-storstil")),
    ),
    el("p", { id: "dok-kopior", class: "hjalp" }),
    el("div", { id: "dok-sidor", class: "dok-sidor", tabindex: "0", role: "region", "aria-label": t("ui-dok-forhandsvisning") }),
    el("div", { id: "dok-klart", role: "status" }),
    el(
      "div",
      { class: "knapprad" },
      el("button", { type: "button", class: "knapp primar", id: "dok-spara", text: t("ui-dok-spara") }),
      el("button", { type: "button", class: "knapp", id: "dok-spara-som", text: t("ui-dok-spara-som") }),
      el("button", { type: "button", class: "knapp", id: "dok-skriv-ut", text: t("ui-dok-skriv-ut") }),
      el("button", { type: "button", class: "knapp", id: "dok-stang", text: t("ui-dok-stang") }),
    ),
  );
  document.body.append(dialog);
  dialog.addEventListener("close", () => { dialog.remove(); knapp?.focus(); });
  dialog.querySelector("#dok-stang").addEventListener("click", () => dialog.close());
  const form = () => ({ dokSprak: dialog.querySelector("#dok-sprak").value || null, storstil: dialog.querySelector("#dok-storstil").checked });
  const visa = async (valt) => {
    try {
      const v = await anropa("forhandsgranska_dokument", { handlaggareId: tillstand.handlaggareId, typ, beslutId, ...valt });
      doljFel();
      const val = dialog.querySelector("#dok-sprak");
      val.replaceChildren(...v.sprak_lista.map((s) => el("option", { value: s, text: s.toUpperCase() })));
      val.value = v.sprak;
      dialog.querySelector("#dok-storstil").checked = v.storstil;
      dialog.querySelector("#dok-rubrik").textContent = v.titel;
      dialog.querySelector("#dok-kopior").textContent = v.kopior ? t("ui-dok-kopior", { antal: v.kopior }) : "";
      ersatt(
        dialog.querySelector("#dok-sidor"),
        ...v.sidor.map((svg, i) =>
          el("img", { class: "dok-sida", src: "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg), alt: t("ui-dok-sida", { nr: i + 1, antal: v.sidor.length }) }),
        ),
      );
    } catch (fel) {
      visaFel(fel);
    }
  };
  dialog.querySelector("#dok-sprak").addEventListener("change", () => visa(form()));
  dialog.querySelector("#dok-storstil").addEventListener("change", () => visa(form()));
  // While the system's save dialog is open the preview stays as it is: no second dialog from
  // a second click, and an Escape meant for the system dialog does not close the preview.
  let fragar = false;
  const knappar = () => dialog.querySelectorAll(".knapprad button");
  dialog.addEventListener("cancel", (e) => { if (fragar) e.preventDefault(); });
  const fraga = async (argument) => {
    fragar = true;
    knappar().forEach((k) => { k.disabled = true; });
    try {
      // Straight to invoke: the busy sign must not show while the person picks a file.
      return await invoke("fraga_sparplats", { sprak: tillstand.sprak, ...argument });
    } finally {
      fragar = false;
      knappar().forEach((k) => { k.disabled = false; });
    }
  };
  // "Spara som…" asks where in the system's own dialog; the others use the documents folder.
  const spara = async (skrivUt, som) => {
    const klart = dialog.querySelector("#dok-klart");
    try {
      const argument = { handlaggareId: tillstand.handlaggareId, typ, beslutId, mapp: dokumentmapp() };
      const fil = som ? await fraga(argument) : null;
      if (som && !fil) {
        ersatt(klart, el("p", { text: t("ui-dok-inte-sparat") }));
        return;
      }
      const filer = await anropa("spara_dokument", { ...argument, ...form(), fil });
      doljFel();
      const oppna = el("button", { type: "button", class: "knapp", id: "dok-oppna", text: t("ui-dok-oppna") });
      oppna.addEventListener("click", () => visaISystemet(filer[0], klart));
      ersatt(klart, el("div", { class: "klart" }, el("p", { text: t("ui-dok-sparat") }), el("ul", { id: "dok-filer", class: "lista" }, ...filer.map((f) => el("li", {}, el("code", { text: f }))))), oppna);
      if (skrivUt) await visaISystemet(filer[0], klart);
    } catch (fel) {
      ersatt(klart, el("p", { class: "fel-text", text: fel?.message ?? t("ui-fel-okant") }));
    }
  };
  dialog.querySelector("#dok-spara").addEventListener("click", () => spara(false, false));
  dialog.querySelector("#dok-spara-som").addEventListener("click", () => spara(false, true));
  dialog.querySelector("#dok-skriv-ut").addEventListener("click", () => spara(true, false));
  dialog.showModal();
  dialog.querySelector("#dok-rubrik").focus();
  await visa({});
}

async function visaISystemet(sokvag, klart) {
  try {
    await anropa("visa_dokument", { sokvag });
    klart.append(el("p", { class: "klart", text: t("ui-dok-oppnat") }));
  } catch (fel) {
    klart.append(el("p", { class: "fel-text", text: fel?.message ?? t("ui-fel-okant") }));
  }
}
