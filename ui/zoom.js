// Zoom: Ctrl and plus, minus or zero change the page zoom in steps, as in a web browser.
// The shell applies it within its limits; the level is remembered on this computer.

import { invoke, tillstand } from "./karna.js";
import { visaFel } from "./dom.js";

/** The zoom steps of Ctrl and plus or minus, as in a web browser. */
const ZOOMSTEG = [0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3];

/** Sets the page zoom (the shell keeps it within its limits) and remembers it on this computer. */
export async function zooma(niva) {
  // Set before the shell answers, so a second Ctrl and plus pressed quickly takes the next step.
  tillstand.zoom = niva;
  try {
    tillstand.zoom = await invoke("zooma", { sprak: tillstand.sprak, niva });
    localStorage.setItem("valfri.zoom", String(tillstand.zoom));
  } catch (fel) {
    visaFel(fel);
  }
}

export function zoomaSteg(riktning) {
  const nu = tillstand.zoom;
  const nasta = riktning > 0 ? ZOOMSTEG.find((z) => z > nu + 0.001) : [...ZOOMSTEG].reverse().find((z) => z < nu - 0.001);
  if (nasta !== undefined) zooma(nasta);
}
