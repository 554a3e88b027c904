// The lock screen: unlock with the passphrase, choose one on first start, restore the newest
// backup when the file is damaged, lock on request (Ctrl+L) or after the configured idle time,
// offer to encrypt a plaintext database and change the passphrase. Which state applies and every
// check on a passphrase is decided in Rust (src-tauri/src/lock.rs); this file only shows it.

import { invoke, t, tillstand } from "./karna.js";
import { $, el } from "./dom.js";

let ctx = null; // { efterUnlock(meddelande), narLocked() } from app.js
let senastAktiv = performance.now();
let lockEfterMinuter = 15;

async function anropa(kommando, arg = {}) {
  return invoke(kommando, { sprak: document.documentElement.lang || "sv", ...arg });
}

/** Makes the page behind the lock unreachable and invisible, or gives it back. */
function skymBakom(skym) {
  for (const e of document.querySelectorAll("body > :not(#lock)")) {
    e.inert = skym;
    if (skym) e.setAttribute("aria-hidden", "true");
    else e.removeAttribute("aria-hidden");
  }
  document.body.classList.toggle("locked", skym);
}

function falt(id, etikett, autocomplete) {
  return el(
    "p",
    { class: "falt" },
    el("label", { for: id, text: etikett }),
    el("input", { id, type: "password", autocomplete, spellcheck: "false", "aria-describedby": "lock-fel" }),
  );
}

/** The screen when Valfri must not start (a broken organisation file): the sentence, no form. */
function visaStoppad(meddelande) {
  $("#lock")?.remove();
  const skarm = el(
    "div",
    { id: "lock", class: "lock", role: "dialog", "aria-modal": "true", "aria-labelledby": "lock-rubrik" },
    el("main", {}, el("div", { class: "lock-form" }, el("h1", { id: "lock-rubrik", tabindex: "-1", text: t("ui-start-stoppad-rubrik") }), el("p", { id: "lock-fel", class: "fel-text", role: "alert", text: meddelande }))),
  );
  document.body.prepend(skarm);
  skymBakom(true);
  skarm.querySelector("#lock-rubrik").focus();
}

/** Kommunläge's second step: the person logs in to the hub with their own password. */
function visaHubbinloggning(status, meddelande = "", arFel = false) {
  const k = status.kommun;
  const form = el(
    "form",
    { id: "lock-form", class: "lock-form", novalidate: true },
    el("h1", { id: "lock-rubrik", text: t("ui-hubb-rubrik") }),
    el("p", { text: t("ui-hubb-text", { hubb: k.hubb }) }),
    k.demo_losenord ? el("p", { class: "hjalp", id: "lock-demo", text: t("ui-hubb-demo", { losenord: k.demo_losenord }) }) : null,
    el("p", { class: "falt" }, el("label", { for: "hubb-anvandare", text: t("ui-hubb-anvandare") }),
      el("input", { id: "hubb-anvandare", type: "text", readonly: true, value: k.anvandare, autocomplete: "username" })),
    el("p", { class: "falt" }, el("label", { for: "hubb-losenord", text: t("ui-hubb-losenord") }),
      el("input", { id: "hubb-losenord", type: "password", autocomplete: "current-password", spellcheck: "false", "aria-describedby": "lock-fel" })),
    el("p", { id: "lock-fel", class: arFel ? "fel-text" : "status", role: arFel ? "alert" : "status", text: meddelande }),
    el(
      "p",
      { class: "knapprad" },
      el("button", { type: "submit", class: "knapp primar", id: "hubb-knapp", text: t("ui-hubb-knapp") }),
      el("button", { type: "button", class: "knapp", id: "hubb-offline", hidden: true, text: t("ui-hubb-offline-knapp") }),
    ),
  );
  const skarm = el("div", { id: "lock", class: "lock", role: "dialog", "aria-modal": "true", "aria-labelledby": "lock-rubrik" }, el("main", {}, form));
  document.body.prepend(skarm);
  skymBakom(true);
  const losen = form.querySelector("#hubb-losenord");
  losen.focus();
  const rad = form.querySelector("#lock-fel");
  const logga = async (offline) => {
    for (const b of form.querySelectorAll("button")) b.disabled = true;
    form.setAttribute("aria-busy", "true");
    rad.className = "status";
    rad.setAttribute("role", "status");
    rad.textContent = t("ui-hubb-loggar-in");
    try {
      await oppnad(await anropa("logga_in_hubb", { losenord: losen.value, offline }));
    } catch (fel) {
      rad.className = "fel-text";
      rad.setAttribute("role", "alert");
      // Working offline is offered only when the hub could not be reached, never after a
      // wrong password.
      const nas = fel?.code === "hubb-offline";
      rad.textContent = (fel?.message ?? t("ui-fel-okant")) + (nas ? " " + t("ui-hubb-offline-text") : "");
      form.querySelector("#hubb-offline").hidden = !nas;
      losen.setAttribute("aria-invalid", String(!nas));
      losen.select();
    } finally {
      for (const b of form.querySelectorAll("button")) b.disabled = false;
      form.setAttribute("aria-busy", "false");
    }
  };
  form.addEventListener("submit", (e) => { e.preventDefault(); logga(false); });
  form.querySelector("#hubb-offline").addEventListener("click", () => logga(true));
}

/** The lock screen for `status` (`locked`, `ny`, `skadad` or `hubb`), with an optional message (an error or why it locked). */
function visaLockskarm(status, meddelande = "", arFel = false) {
  $("#lock")?.remove();
  if (status.lage === "hubb") {
    visaHubbinloggning(status, meddelande, arFel);
    return;
  }
  const ny = status.lage === "ny";
  const skadad = status.lage === "skadad";
  const rubrik = ny ? "ui-lock-ny-rubrik" : skadad ? "ui-lock-skadad-rubrik" : "ui-lock-rubrik";
  const text = ny ? "ui-lock-ny-text" : skadad ? (status.sakerhetskopia ? "ui-lock-skadad-text" : "ui-lock-skadad-ingen") : status.personlig ? "ui-lock-person-text" : "ui-lock-text";
  const form = el(
    "form",
    { id: "lock-form", class: "lock-form", novalidate: true },
    el("h1", { id: "lock-rubrik", text: t(rubrik) }),
    el("p", { text: t(text) }),
    status.demo_losenfras && !status.personlig ? el("p", { class: "hjalp", id: "lock-demo", text: t("ui-lock-demo", { losenfras: status.demo_losenfras }) }) : null,
    status.demo_losenfras && status.personlig
      ? el("p", { class: "hjalp", id: "lock-demo", text: t("ui-lock-demo-inloggningar", { anvandare: status.demo_inloggningar.map((d) => `${d.anvandare} (${d.namn})`).join(", "), losenfras: status.demo_losenfras }) })
      : null,
    status.personlig
      ? el("p", { class: "falt" }, el("label", { for: "lock-anvandare", text: t("ui-lock-anvandare") }),
          el("input", { id: "lock-anvandare", type: "text", autocomplete: "username", spellcheck: "false", autocapitalize: "off", value: localStorage.getItem("valfri.anvandare") ?? "", "aria-describedby": "lock-fel" }))
      : null,
    falt("lock-losenfras", t("ui-lock-losenfras"), ny ? "new-password" : "current-password"),
    ny ? falt("lock-upprepad", t("ui-lock-upprepa"), "new-password") : null,
    el("p", { id: "lock-fel", class: arFel ? "fel-text" : "status", role: arFel ? "alert" : "status", text: meddelande }),
    el(
      "p",
      { class: "knapprad" },
      skadad ? null : el("button", { type: "submit", class: "knapp primar", id: "lock-knapp", text: t(ny ? "ui-lock-ny-knapp" : "ui-lock-knapp") }),
      !ny && status.sakerhetskopia
        ? el("button", { type: "button", class: skadad ? "knapp primar" : "knapp", id: "lock-aterstall", text: t("ui-lock-aterstall", { tid: status.sakerhetskopia }) })
        : null,
    ),
  );
  const skarm = el("div", { id: "lock", class: "lock", role: "dialog", "aria-modal": "true", "aria-labelledby": "lock-rubrik" }, el("main", {}, form));
  document.body.prepend(skarm);
  skymBakom(true);
  const losen = form.querySelector("#lock-losenfras");
  const anvandare = form.querySelector("#lock-anvandare");
  (anvandare && !anvandare.value ? anvandare : losen).focus();

  const arbetar = (pagar) => {
    for (const b of form.querySelectorAll("button")) b.disabled = pagar;
    form.setAttribute("aria-busy", String(pagar));
    if (pagar) {
      const rad = form.querySelector("#lock-fel");
      rad.className = "status";
      rad.setAttribute("role", "status");
      rad.textContent = t("ui-lock-oppnar");
    }
  };
  const visaFel = (fel) => {
    const rad = form.querySelector("#lock-fel");
    rad.className = "fel-text";
    rad.setAttribute("role", "alert");
    rad.textContent = fel?.message ?? t("ui-fel-okant");
    losen.setAttribute("aria-invalid", "true");
    losen.select();
  };
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (skadad) return;
    arbetar(true);
    try {
      const svar = ny
        ? await anropa("skapa_databas", { losenfras: losen.value, upprepad: form.querySelector("#lock-upprepad").value })
        : await anropa("unlock", { losenfras: losen.value, anvandare: anvandare?.value ?? null });
      // The login name is no secret: the next unlock on this computer starts at the passphrase.
      if (anvandare) localStorage.setItem("valfri.anvandare", anvandare.value.trim());
      await oppnad(svar);
    } catch (fel) {
      visaFel(fel);
    } finally {
      arbetar(false);
    }
  });
  form.querySelector("#lock-aterstall")?.addEventListener("click", async () => {
    if (!losen.value) {
      visaFel({ message: t("ui-lock-aterstall-losenfras") });
      return;
    }
    arbetar(true);
    try {
      await oppnad(await anropa("aterstall_sakerhetskopia", { losenfras: losen.value }), t("ui-lock-aterstall-klar"));
    } catch (fel) {
      visaFel(fel);
    } finally {
      arbetar(false);
    }
  });
}

async function oppnad(status, meddelande = "") {
  // A desk's replica opened with its passphrase: next, the person's login to the hub.
  if (status.lage === "hubb") {
    visaLockskarm(status, meddelande);
    return;
  }
  tillstand.kommun = status.kommun ?? null;
  tillstand.inloggad = status.inloggad ?? null;
  $("#lock")?.remove();
  skymBakom(false);
  senastAktiv = performance.now();
  lockEfterMinuter = status.las_efter_minuter;
  visaKrypteringsrad(status);
  await ctx.efterUnlock(meddelande);
}

/** A plaintext database gets a standing notice with the offer to encrypt it. */
function visaKrypteringsrad(status) {
  $("#okrypterad")?.remove();
  $("#lock-knapp-topp")?.toggleAttribute("hidden", !status.krypterad);
  $("#losenfras-knapp")?.toggleAttribute("hidden", !status.krypterad);
  if (status.krypterad) return;
  const rad = el(
    "div",
    // data-t: a language switch translates the notice with the rest of the page.
    { id: "okrypterad", class: "varning-rad", role: "region", "aria-label": t("ui-lock-okrypterad-etikett"), "data-t-aria-label": "ui-lock-okrypterad-etikett" },
    el("span", { text: t("ui-lock-okrypterad"), "data-t": "ui-lock-okrypterad" }),
    el("button", { type: "button", class: "knapp", id: "kryptera-knapp", text: t("ui-lock-kryptera-knapp"), "data-t": "ui-lock-kryptera-knapp" }),
  );
  rad.querySelector("#kryptera-knapp").addEventListener("click", () => visaLosenfrasDialog("kryptera"));
  $("header")?.after(rad);
}

/** The dialog to encrypt (`kryptera`) or to change the passphrase (`byt`). */
function visaLosenfrasDialog(lage) {
  $("#losenfras-dialog")?.remove();
  const byt = lage === "byt";
  const dialog = el(
    "dialog",
    { id: "losenfras-dialog", "aria-labelledby": "losenfras-rubrik" },
    el(
      "form",
      { method: "dialog", novalidate: true },
      el("h2", { id: "losenfras-rubrik", text: t(byt ? "ui-lock-byt-rubrik" : "ui-lock-kryptera-rubrik") }),
      el("p", { text: t("ui-lock-ny-text") }),
      byt ? falt("lf-gammal", t("ui-lock-gammal"), "current-password") : null,
      falt("lf-ny", t("ui-lock-losenfras"), "new-password"),
      falt("lf-upprepad", t("ui-lock-upprepa"), "new-password"),
      el("p", { id: "lock-fel", class: "status", role: "status" }),
      el(
        "p",
        { class: "knapprad" },
        el("button", { type: "submit", class: "knapp primar", id: "lf-spara", text: t(byt ? "ui-lock-byt-knapp" : "ui-lock-kryptera-gor") }),
        el("button", { type: "button", class: "knapp", id: "lf-avbryt", text: t("ui-lock-avbryt") }),
      ),
    ),
  );
  document.body.append(dialog);
  dialog.querySelector("#lf-avbryt").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => dialog.remove());
  dialog.querySelector("form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const rad = dialog.querySelector("#lock-fel");
    const knapp = dialog.querySelector("#lf-spara");
    knapp.disabled = true;
    rad.className = "status";
    rad.setAttribute("role", "status");
    rad.textContent = t("ui-lock-arbetar");
    try {
      const arg = {
        handlaggareId: tillstand.handlaggareId,
        losenfras: dialog.querySelector("#lf-ny").value,
        upprepad: dialog.querySelector("#lf-upprepad").value,
      };
      const status = byt
        ? await anropa("byt_losenfras", { ...arg, gammal: dialog.querySelector("#lf-gammal").value })
        : await anropa("kryptera_databas", arg);
      dialog.close();
      visaKrypteringsrad(status);
      await ctx.efterUnlock(t(byt ? "ui-lock-byt-klar" : "ui-lock-kryptera-klar"));
    } catch (fel) {
      rad.className = "fel-text";
      rad.setAttribute("role", "alert");
      rad.textContent = fel?.message ?? t("ui-fel-okant");
    } finally {
      knapp.disabled = false;
    }
  });
  dialog.showModal();
  dialog.querySelector("input").focus();
}

/** After the settings changed: the idle time applies at once. */
export function andraLockEfter(minuter) {
  lockEfterMinuter = minuter;
}

/** Locks now; `varfor` is shown on the lock screen. */
export async function lockNu(varfor = "") {
  try {
    const status = await anropa("lock");
    if (status.lage === "oppen") return; // a plaintext database cannot be locked: nothing to protect it with
    for (const d of document.querySelectorAll("dialog[open]")) d.close();
    ctx.narLocked?.();
    visaLockskarm(status, varfor);
  } catch {
    // Locking must not fail silently: hide everything even if the call did not go through.
    visaLockskarm({ lage: "locked" }, t("ui-fel-okant"), true);
  }
}

/**
 * Decides what the window shows first. Resolves once the database is open (possibly after the
 * caseworker has typed the passphrase). `c` gives what app.js does on unlock and on lock.
 */
export async function startaLock(c) {
  ctx = c;
  for (const typ of ["keydown", "pointerdown", "pointermove", "wheel"]) {
    document.addEventListener(typ, () => { senastAktiv = performance.now(); }, { passive: true, capture: true });
  }
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey && !e.altKey && (e.key === "l" || e.key === "L") && !$("#lock")) {
      e.preventDefault();
      lockNu();
    }
  });
  $("#lock-knapp-topp")?.addEventListener("click", () => lockNu());
  $("#losenfras-knapp")?.addEventListener("click", () => visaLosenfrasDialog("byt"));
  setInterval(() => {
    if (!$("#lock") && performance.now() - senastAktiv > lockEfterMinuter * 60_000) {
      lockNu(t("ui-lock-inaktiv", { minuter: lockEfterMinuter }));
    }
  }, 15_000);
  let status;
  try {
    status = await anropa("lock_status");
  } catch (fel) {
    // The organisation's configuration is broken: say why and offer nothing to unlock.
    visaStoppad(fel?.message ?? t("ui-fel-okant"));
    // Nothing behind it starts: only an unlock would, and the core refuses that too.
    return;
  }
  // What the start did about an interrupted encryption is said once, wherever the window lands.
  if (status.lage === "oppen" || status.lage === "hubb") {
    await oppnad(status, status.meddelande ?? "");
  } else {
    visaLockskarm(status, status.meddelande ?? "");
  }
}
