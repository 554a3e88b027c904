// Valfri's window: start-up and the global key and event wiring; each screen is its own module.
// Every rule (validation, ordering, who may see what) lives in Rust, every text in its Fluent files.

import { anropa, laddaTexter, t, tillstand } from "./karna.js";
import { $, doljFel, el, ersatt, visaFel, visaKlart } from "./dom.js";
import { startaLock } from "./lock.js";
import { stangFormular } from "./bekrafta.js";
import { oppnaAvslut } from "./avslut.js";
import { oppnaVerkstall } from "./verkstall.js";
import { oppnaUrKo } from "./vantelista.js";
import { oppnaUppfoljning } from "./uppfoljning.js";
import { visaBrukarformular } from "./brukare.js";
import { flyttaFokus, planeraSok, sok, sokNu } from "./sok.js";
import { oppnaBrukare, visaBeslutet, visaBrukare } from "./brukarsida.js";
import { fattaUtkast, oppnaFormular } from "./beslutsformular.js";
import { andraUtforare, visaRegister } from "./register.js";
import { visaStatistik } from "./statistik.js";
import { exporteraRegister, importeraBrukare, importeraRegister, nyUtforare, nyttGodkannande, tillampaPaket } from "./registerformular.js";
import { oppnaValfrihet, tillampaIckeval } from "./valfrihet.js";
import { oppnaDokument } from "./dokument.js";
import { startaBatch, visaBatch } from "./batch.js";
import { visaInstallningar } from "./installningar.js";
import { visaStart } from "./start.js";
import { visaHjalp } from "./hjalp.js";
import { zooma, zoomaSteg } from "./zoom.js";
import { lyssnaPaKommun, visaKommunstatus, visaVem } from "./kommun.js";

/** The handläggare to work as: in kommunläge the hub's login; standalone the one chosen last on
 * this computer, else the first. */
/** The screens of the menu, by the id of their button (`nav-…`). */
const SIDOR = { start: () => visaStart(), register: () => visaRegister(), statistik: () => visaStatistik(), batch: () => visaBatch(), installningar: () => visaInstallningar() };

/** Shows again the page the person is on (after a language switch or an unlock): the open
 * brukare's page, or the menu's screen. */
function visaSida(brukareId = tillstand.brukareId) {
  if (brukareId) return oppnaBrukare(brukareId);
  return (SIDOR[tillstand.sida] ?? SIDOR.start)();
}

/** Where the person was when the window locked: shown again after the unlock. */
let fore_las = null;

async function laddaHandlaggare() {
  visaVem();
  if (tillstand.inloggad) return;
  const lista = await anropa("handlaggare");
  const val = $("#handlaggare");
  val.replaceChildren(
    ...lista.map((h) => el("option", { value: h.id, text: `${h.namn} (${t("roll-" + h.roll)})` })),
  );
  const sparad = localStorage.getItem("valfri.handlaggare");
  tillstand.handlaggareId = lista.some((h) => h.id === sparad) ? sparad : (lista[0]?.id ?? null);
  val.value = tillstand.handlaggareId ?? "";
}

// --- Keyboard and events ----------------------------------------------------------------------

function kopplaHandelser() {
  $("#sok").addEventListener("input", planeraSok);
  $("#sok-form").addEventListener("submit", (e) => { e.preventDefault(); sokNu(); });
  $("#sok").addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown") { e.preventDefault(); flyttaFokus(1); }
    if (e.key === "Escape") { $("#sok").value = ""; sok(); }
  });
  for (const namn of Object.keys(SIDOR)) {
    $("#nav-" + namn).addEventListener("click", () => { tillstand.brukareId = null; SIDOR[namn](); });
  }
  $("#brukare").addEventListener("click", (e) => {
    const andra = e.target.closest(".andra-utforare");
    if (andra) andraUtforare(andra);
    if (e.target.id === "ny-utforare") nyUtforare();
    if (e.target.id === "exportera-register") exporteraRegister();
    if (e.target.id === "importera-register") importeraRegister();
    if (e.target.id === "registerpaket") tillampaPaket();
    if (e.target.id === "importera-brukare") importeraBrukare();
    const godk = e.target.closest(".nytt-godkannande");
    if (godk) nyttGodkannande(godk);
    if (e.target.id === "nytt-beslut") oppnaFormular("nytt");
    const knapp = e.target.closest(".andra-utkast, .omprova, .fatta-beslut");
    if (knapp?.classList.contains("andra-utkast")) oppnaFormular("andra", knapp.dataset.beslut);
    if (knapp?.classList.contains("omprova")) oppnaFormular("omprova", knapp.dataset.beslut);
    if (knapp?.classList.contains("fatta-beslut")) fattaUtkast(knapp.dataset.beslut);
    if (e.target.id === "andra-brukare" && tillstand.sida) {
      const sida = tillstand.sida;
      visaBrukarformular($("#brukare"), sida.brukare, () => visaBrukare(sida)).catch(visaFel);
    }
    const uppf = e.target.closest(".uppfoljning-knapp");
    if (uppf) oppnaUppfoljning(uppf);
    const avsluta = e.target.closest(".avsluta-beslut");
    if (avsluta) oppnaAvslut(avsluta);
    const verkstall = e.target.closest(".verkstall-knapp");
    if (verkstall) oppnaVerkstall(verkstall);
    const urKo = e.target.closest(".ur-ko");
    if (urKo) oppnaUrKo(urKo);
    const valfrihet = e.target.closest(".valfrihet-knapp");
    if (valfrihet) oppnaValfrihet(valfrihet);
    const dok = e.target.closest(".dok-knapp");
    if (dok) oppnaDokument(dok.dataset.typ, dok.dataset.beslut, dok);
    if (e.target.id === "batch-starta") startaBatch();
    if (e.target.id === "batch-avbryt") anropa("avbryt_batch").catch(visaFel);
    const oppna = e.target.closest(".oppna-brukare");
    if (oppna) oppnaBrukare(oppna.dataset.id).then(() => visaBeslutet(oppna.dataset.beslut));
    const panel = e.target.closest("#valfrihet");
    if (panel && e.target.id === "ickeval-avstar") tillampaIckeval(panel, true);
    if (panel && e.target.id === "ickeval-svarsdatum") tillampaIckeval(panel, false);
  });
  $("#traffar").addEventListener("click", (e) => {
    const knapp = e.target.closest(".traff");
    if (knapp) oppnaBrukare(knapp.dataset.id);
  });
  $("#traffar").addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown") { e.preventDefault(); flyttaFokus(1); }
    if (e.key === "ArrowUp") {
      e.preventDefault();
      if (document.activeElement === document.querySelector(".traff")) $("#sok").focus();
      else flyttaFokus(-1);
    }
  });
  // An act kept here, waiting for the municipality's register: the page shows it as preliminary.
  document.addEventListener("valfri-preliminart", async (e) => {
    await visaKommunstatus().catch(() => {});
    if (tillstand.brukareId && !document.querySelector("dialog[open]") && !$("#beslut-form")) await oppnaBrukare(tillstand.brukareId).catch(() => {});
    visaKlart(e.detail);
  });
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k") { e.preventDefault(); $("#sok").focus(); $("#sok").select(); }
    if ((e.ctrlKey || e.metaKey) && !e.altKey) {
      if (e.key === "+" || e.key === "=") { e.preventDefault(); zoomaSteg(1); }
      if (e.key === "-") { e.preventDefault(); zoomaSteg(-1); }
      if (e.key === "0") { e.preventDefault(); zooma(1); }
    }
    if (e.altKey && e.key.toLowerCase() === "n" && tillstand.brukareId && $("#nytt-beslut")) { e.preventDefault(); oppnaFormular("nytt"); }
    const skriver = ["INPUT", "TEXTAREA", "SELECT"].includes(document.activeElement?.tagName);
    if (e.key === "F1" || (e.key === "?" && !skriver)) { e.preventDefault(); visaHjalp(); }
    const dialogOppen = document.querySelector("dialog[open]");
    if (e.key === "Escape" && $("#beslut-form") && !dialogOppen) {
      // Else the same key press would cancel the question it opens.
      e.preventDefault();
      stangFormular($("#beslut-form"));
    }
  });
  $("#hjalp-knapp").addEventListener("click", visaHjalp);
  $("#ny-brukare").addEventListener("click", () => {
    tillstand.brukareId = null;
    visaBrukarformular($("#brukare"), null, () => visaStart()).catch(visaFel);
  });
  $("#handlaggare").addEventListener("change", (e) => {
    tillstand.handlaggareId = e.target.value;
    localStorage.setItem("valfri.handlaggare", e.target.value);
    sok();
    if (!document.querySelector("#brukare dl.fakta")) visaStart();
  });
  $("#sprak").addEventListener("change", async (e) => {
    try {
      await laddaTexter(e.target.value);
      localStorage.setItem("valfri.sprak", tillstand.sprak);
      await laddaHandlaggare();
      await sok();
      // The same page, in the new language.
      await visaSida();
    } catch (fel) { visaFel(fel); }
  });
}

/** What the window shows once the database is open (at start and after every unlock). */
async function efterUnlock(meddelande = "") {
  try {
    tillstand.organisationen = (await anropa("om")).satt.map((s) => s.installning);
    await laddaHandlaggare();
    tillstand.omraden = (await anropa("brukaruppgifter")).omraden;
    $("#traff-status").textContent = t("ui-skriv-for-att-soka");
    if (tillstand.kommun?.inloggad) lyssnaPaKommun(efterAndring);
    await visaKommunstatus();
    // The start page runs the day's automatic steps (verkställt, run out) before its lists;
    // then the page the person was on when the window locked comes back.
    await visaStart();
    const var_pa = fore_las;
    fore_las = null;
    // Only for the same person: someone else unlocking starts at the start page.
    if (var_pa && var_pa.vem === tillstand.handlaggareId && (var_pa.brukareId || var_pa.sida !== "start")) {
      tillstand.sida = var_pa.sida;
      await visaSida(var_pa.brukareId);
    }
    if (meddelande) visaKlart(meddelande);
  } catch (fel) {
    visaFel(fel);
  }
  $("#sok").focus();
}

/** The hub changed the replica (another desk's act, or this desk's confirmed): what is on the
 * screen is read again, unless the person is typing in a form or a dialog is open. */
function efterAndring() {
  if ($("#lock") || document.querySelector("dialog[open]") || $("#brukare form")) return;
  if (tillstand.brukareId) oppnaBrukare(tillstand.brukareId);
  else if ($("#sok").value.trim()) sok();
  else visaStart();
}

/** On lock: nothing about a brukare stays on the page behind the lock screen. */
function rensaVidLock() {
  fore_las = { sida: tillstand.sida, brukareId: tillstand.brukareId, vem: tillstand.handlaggareId };
  $("#sok").value = "";
  $("#traffar").replaceChildren();
  $("#traff-status").textContent = "";
  ersatt($("#brukare"));
  tillstand.brukareId = null;
  tillstand.kommun = null;
  tillstand.inloggad = null;
  $("#inloggad")?.remove();
  $("#kommun-rad")?.remove();
  doljFel();
}

async function start() {
  kopplaHandelser();
  const zoom = Number(localStorage.getItem("valfri.zoom"));
  if (zoom && zoom !== 1) await zooma(zoom);
  try {
    await laddaTexter(localStorage.getItem("valfri.sprak") ?? "sv");
    await startaLock({ efterUnlock, narLocked: rensaVidLock });
  } catch (fel) {
    visaFel(fel);
  } finally {
    document.body.dataset.ready = "true";
  }
}

start();
