// The About part of the help overlay, and the marks on the settings the organisation's
// configuration file (valfri.toml) sets. What the file sets and that it may not be changed here is
// decided in Rust (valfri-config; the save commands refuse a change); this file only shows it.

import { anropa, t } from "./karna.js";
import { el } from "./dom.js";

// The settings screen's fields for each setting the file can fix.
const FALT = {
  kommunnamn: "#k-namn",
  las_efter_minuter: "#s-lock",
  dokumentmapp: "#inst-mapp-falt",
  sprak: 'input[name="k-sprak"]',
};

/** Adds "Om Valfri" (version and database schema) to the help overlay, once. */
export async function visaOm(dialog) {
  if (dialog.querySelector("#om")) return;
  const om = await anropa("om");
  dialog
    .querySelector("#hjalp-stang")
    .before(el("section", { id: "om", "aria-labelledby": "om-rubrik" }, el("h3", { id: "om-rubrik", text: t("ui-om-rubrik") }), el("p", { id: "om-version", text: om.text })));
}

/** Marks the fields under `rot` that the organisation's file sets: not editable, with the reason. */
export async function markeraOrganisationen(rot) {
  const om = await anropa("om");
  for (const { installning, text } of om.satt) {
    const falt = [...rot.querySelectorAll(FALT[installning] ?? "#inget")];
    if (falt.length === 0) continue;
    const id = `org-${installning}`;
    for (const f of falt) {
      f.disabled = true;
      f.setAttribute("aria-describedby", [f.getAttribute("aria-describedby"), id].filter(Boolean).join(" "));
    }
    const behallare = falt[0].closest(".falt, fieldset") ?? falt[0].parentElement;
    behallare.append(el("p", { id, class: "hjalp org-satt", text }));
  }
}
