// Help: the dialog with the keyboard shortcuts (F1 or ?).
// Its texts come from the core like every other text.

import { t } from "./karna.js";
import { $, el } from "./dom.js";
import { visaOm } from "./om.js";

export function visaHjalp() {
  // Made anew each time: its texts are in the language chosen now.
  $("#hjalp")?.remove();
  const dialog = el(
    "dialog",
    { id: "hjalp", "aria-labelledby": "hjalp-rubrik" },
    el("h2", { id: "hjalp-rubrik", text: t("ui-hjalp-rubrik") }),
    el("ul", { class: "lista" }, ...["ui-hjalp-sok", "ui-hjalp-nytt", "ui-hjalp-pilar", "ui-hjalp-esc", "ui-hjalp-lock", "ui-hjalp-zoom", "ui-hjalp-visa"].map((k) => el("li", { text: t(k) }))),
    el("button", { type: "button", class: "knapp primar", id: "hjalp-stang", text: t("ui-hjalp-stang") }),
  );
  document.body.append(dialog);
  dialog.querySelector("#hjalp-stang").addEventListener("click", () => dialog.close());
  dialog.showModal();
  dialog.querySelector("#hjalp-stang").focus();
  visaOm(dialog).catch(() => {});
}
