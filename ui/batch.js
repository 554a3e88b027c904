// The batch of letters: everyone who must choose again gets a letter, with progress, stop and
// go on. The batch runs in Rust; this file polls its status.

import { anropa, invoke, t, tillstand } from "./karna.js";
import { $, doljFel, el, ersatt, visaFel } from "./dom.js";
import { dokumentmapp } from "./dokument.js";

let batchTimer = null;

export async function visaBatch() {
  tillstand.sida = "batch";
  tillstand.brukareId = null;
  const sektion = $("#brukare");
  try {
    const [status, listor] = await Promise.all([anropa("batchstatus"), anropa("arbetslistor", { handlaggareId: tillstand.handlaggareId, helaKontoret: true })]);
    doljFel();
    ersatt(
      sektion,
      el("h2", { text: t("ui-batch-rubrik") }),
      el("p", { text: t("ui-batch-text") }),
      el("p", { id: "batch-antal", text: listor.omval.length ? t("ui-batch-antal", { antal: listor.omval.length }) : t("ui-batch-inga") }),
      el("progress", { id: "batch-framsteg", max: "1", value: "0", "aria-label": t("ui-batch-framsteg-etikett") }),
      el("p", { id: "batch-status", role: "status" }),
      el(
        "div",
        { class: "knapprad" },
        el("button", { type: "button", class: "knapp primar", id: "batch-starta", text: t("ui-batch-starta"), disabled: !listor.omval.length }),
        el("button", { type: "button", class: "knapp", id: "batch-avbryt", text: t("ui-batch-avbryt"), disabled: true }),
      ),
      el("div", { id: "batch-fel" }),
    );
    visaBatchstatus(status);
    if (status.kor) folj();
  } catch (fel) {
    visaFel(fel);
  }
}

function visaBatchstatus(s) {
  const framsteg = $("#batch-framsteg");
  if (!framsteg) return;
  framsteg.max = Math.max(s.antal, 1);
  framsteg.value = s.klara;
  let text = "";
  if (s.antal) text = t("ui-batch-status", { klara: s.klara, antal: s.antal, skrivna: s.skrivna, redan: s.redan_klara });
  if (!s.kor && s.avbruten) text += " " + t("ui-batch-avbrutet");
  else if (!s.kor && s.antal && s.klara === s.antal) text += " " + t("ui-batch-klar");
  if (s.katalog) text += " " + t("ui-batch-mapp", { katalog: s.katalog });
  $("#batch-status").textContent = text.trim();
  $("#batch-avbryt").disabled = !s.kor;
  const starta = $("#batch-starta");
  starta.textContent = s.avbruten && !s.kor ? t("ui-batch-fortsatt") : t("ui-batch-starta");
  if (s.kor) starta.disabled = true;
  else if ($("#batch-antal").textContent !== t("ui-batch-inga")) starta.disabled = false;
  ersatt($("#batch-fel"), s.fel.length ? [el("h3", { text: t("ui-batch-fel-rubrik") }), el("ul", { class: "lista" }, ...s.fel.map((f) => el("li", { text: f })))] : []);
}

/** Polls the batch until it stops: no event permission is needed. */
function folj() {
  clearTimeout(batchTimer);
  batchTimer = setTimeout(async () => {
    try {
      const s = await invoke("batchstatus");
      visaBatchstatus(s);
      if (s.kor) folj();
    } catch (fel) {
      visaFel(fel);
    }
  }, 200);
}

export async function startaBatch() {
  try {
    visaBatchstatus(await anropa("starta_batch", { handlaggareId: tillstand.handlaggareId, mapp: dokumentmapp() }));
    folj();
  } catch (fel) {
    visaFel(fel);
  }
}
