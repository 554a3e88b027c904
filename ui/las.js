// The lock screen: unlock with the passphrase, choose one on first start, restore the newest
// backup when the file is damaged, lock on request (Ctrl+L) or after the configured idle time,
// offer to encrypt a plaintext database and change the passphrase. Which state applies and every
// check on a passphrase is decided in Rust (src-tauri/src/las.rs); this file only shows it.

let ctx = null; // { invoke, t, el, handlaggareId(), efterUpplasning() }
let senastAktiv = Date.now();
let lasEfterMinuter = 15;

const $ = (sel) => document.querySelector(sel);

async function anropa(kommando, arg = {}) {
  return ctx.invoke(kommando, { sprak: document.documentElement.lang || "sv", ...arg });
}

/** Makes the page behind the lock unreachable and invisible, or gives it back. */
function skymBakom(skym) {
  for (const e of document.querySelectorAll("body > :not(#las)")) {
    e.inert = skym;
    if (skym) e.setAttribute("aria-hidden", "true");
    else e.removeAttribute("aria-hidden");
  }
  document.body.classList.toggle("last", skym);
}

function falt(id, etikett, autocomplete) {
  const { el } = ctx;
  return el(
    "p",
    { class: "falt" },
    el("label", { for: id, text: etikett }),
    el("input", { id, type: "password", autocomplete, spellcheck: "false", required: true, "aria-describedby": "las-fel" }),
  );
}

/** The lock screen for `status` (`last` or `ny`), with an optional message (an error or why it locked). */
function visaLasskarm(status, meddelande = "", arFel = false) {
  const { el, t } = ctx;
  $("#las")?.remove();
  const ny = status.lage === "ny";
  const skadad = status.lage === "skadad";
  const rubrik = ny ? "ui-las-ny-rubrik" : skadad ? "ui-las-skadad-rubrik" : "ui-las-rubrik";
  const text = ny ? "ui-las-ny-text" : skadad ? (status.sakerhetskopia ? "ui-las-skadad-text" : "ui-las-skadad-ingen") : "ui-las-text";
  const form = el(
    "form",
    { id: "las-form", class: "las-form", novalidate: true },
    el("h1", { id: "las-rubrik", text: t(rubrik) }),
    el("p", { text: t(text) }),
    status.demo_losenfras ? el("p", { class: "hjalp", id: "las-demo", text: t("ui-las-demo", { losenfras: status.demo_losenfras }) }) : null,
    falt("las-losenfras", t("ui-las-losenfras"), ny ? "new-password" : "current-password"),
    ny ? falt("las-upprepad", t("ui-las-upprepa"), "new-password") : null,
    el("p", { id: "las-fel", class: arFel ? "fel-text" : "status", role: arFel ? "alert" : "status", text: meddelande }),
    el(
      "p",
      { class: "knapprad" },
      skadad ? null : el("button", { type: "submit", class: "knapp primar", id: "las-knapp", text: t(ny ? "ui-las-ny-knapp" : "ui-las-knapp") }),
      !ny && status.sakerhetskopia
        ? el("button", { type: "button", class: skadad ? "knapp primar" : "knapp", id: "las-aterstall", text: t("ui-las-aterstall", { tid: status.sakerhetskopia }) })
        : null,
    ),
  );
  const skarm = el("div", { id: "las", class: "las", role: "dialog", "aria-modal": "true", "aria-labelledby": "las-rubrik" }, el("main", {}, form));
  document.body.prepend(skarm);
  skymBakom(true);
  const losen = form.querySelector("#las-losenfras");
  losen.focus();

  const arbetar = (pagar) => {
    for (const b of form.querySelectorAll("button")) b.disabled = pagar;
    form.setAttribute("aria-busy", String(pagar));
    if (pagar) {
      const rad = form.querySelector("#las-fel");
      rad.className = "status";
      rad.setAttribute("role", "status");
      rad.textContent = t("ui-las-oppnar");
    }
  };
  const visaFel = (fel) => {
    const rad = form.querySelector("#las-fel");
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
        ? await anropa("skapa_databas", { losenfras: losen.value, upprepad: form.querySelector("#las-upprepad").value })
        : await anropa("las_upp", { losenfras: losen.value });
      await oppnad(svar);
    } catch (fel) {
      visaFel(fel);
    } finally {
      arbetar(false);
    }
  });
  form.querySelector("#las-aterstall")?.addEventListener("click", async () => {
    if (!losen.value) {
      visaFel({ message: t("ui-las-aterstall-losenfras") });
      return;
    }
    arbetar(true);
    try {
      await oppnad(await anropa("aterstall_sakerhetskopia", { losenfras: losen.value }), t("ui-las-aterstall-klar"));
    } catch (fel) {
      visaFel(fel);
    } finally {
      arbetar(false);
    }
  });
}

async function oppnad(status, meddelande = "") {
  $("#las")?.remove();
  skymBakom(false);
  senastAktiv = Date.now();
  lasEfterMinuter = status.las_efter_minuter;
  visaKrypteringsrad(status);
  await ctx.efterUpplasning(meddelande);
}

/** A plaintext database gets a standing notice with the offer to encrypt it. */
function visaKrypteringsrad(status) {
  const { el, t } = ctx;
  $("#okrypterad")?.remove();
  $("#las-knapp-topp")?.toggleAttribute("hidden", !status.krypterad);
  $("#losenfras-knapp")?.toggleAttribute("hidden", !status.krypterad);
  if (status.krypterad) return;
  const rad = el(
    "div",
    // data-t: a language switch translates the notice with the rest of the page.
    { id: "okrypterad", class: "varning-rad", role: "region", "aria-label": t("ui-las-okrypterad-etikett"), "data-t-aria-label": "ui-las-okrypterad-etikett" },
    el("span", { text: t("ui-las-okrypterad"), "data-t": "ui-las-okrypterad" }),
    el("button", { type: "button", class: "knapp", id: "kryptera-knapp", text: t("ui-las-kryptera-knapp"), "data-t": "ui-las-kryptera-knapp" }),
  );
  rad.querySelector("#kryptera-knapp").addEventListener("click", () => visaLosenfrasDialog("kryptera"));
  $("header")?.after(rad);
}

/** The dialog to encrypt (`kryptera`) or to change the passphrase (`byt`). */
function visaLosenfrasDialog(lage) {
  const { el, t } = ctx;
  $("#losenfras-dialog")?.remove();
  const byt = lage === "byt";
  const dialog = el(
    "dialog",
    { id: "losenfras-dialog", "aria-labelledby": "losenfras-rubrik" },
    el(
      "form",
      { method: "dialog", novalidate: true },
      el("h2", { id: "losenfras-rubrik", text: t(byt ? "ui-las-byt-rubrik" : "ui-las-kryptera-rubrik") }),
      el("p", { text: t("ui-las-ny-text") }),
      byt ? falt("lf-gammal", t("ui-las-gammal"), "current-password") : null,
      falt("lf-ny", t("ui-las-losenfras"), "new-password"),
      falt("lf-upprepad", t("ui-las-upprepa"), "new-password"),
      el("p", { id: "las-fel", class: "status", role: "status" }),
      el(
        "p",
        { class: "knapprad" },
        el("button", { type: "submit", class: "knapp primar", id: "lf-spara", text: t(byt ? "ui-las-byt-knapp" : "ui-las-kryptera-gor") }),
        el("button", { type: "button", class: "knapp", id: "lf-avbryt", text: t("ui-las-avbryt") }),
      ),
    ),
  );
  document.body.append(dialog);
  dialog.querySelector("#lf-avbryt").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => dialog.remove());
  dialog.querySelector("form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const rad = dialog.querySelector("#las-fel");
    const knapp = dialog.querySelector("#lf-spara");
    knapp.disabled = true;
    rad.className = "status";
    rad.setAttribute("role", "status");
    rad.textContent = t("ui-las-arbetar");
    try {
      const arg = {
        handlaggareId: ctx.handlaggareId(),
        losenfras: dialog.querySelector("#lf-ny").value,
        upprepad: dialog.querySelector("#lf-upprepad").value,
      };
      const status = byt
        ? await anropa("byt_losenfras", { ...arg, gammal: dialog.querySelector("#lf-gammal").value })
        : await anropa("kryptera_databas", arg);
      dialog.close();
      visaKrypteringsrad(status);
      await ctx.efterUpplasning(t(byt ? "ui-las-byt-klar" : "ui-las-kryptera-klar"));
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
export function sattLasEfter(minuter) {
  lasEfterMinuter = minuter;
}

/** Locks now; `varfor` is shown on the lock screen. */
export async function lasNu(varfor = "") {
  try {
    const status = await anropa("las");
    if (status.lage === "oppen") return; // a plaintext database cannot be locked: nothing to protect it with
    for (const d of document.querySelectorAll("dialog[open]")) d.close();
    ctx.narLast?.();
    visaLasskarm(status, varfor);
  } catch {
    // Locking must not fail silently: hide everything even if the call did not go through.
    visaLasskarm({ lage: "last" }, ctx.t("ui-fel-okant"), true);
  }
}

/**
 * Decides what the window shows first. Resolves once the database is open (possibly after the
 * caseworker has typed the passphrase). `c` gives the helpers from app.js.
 */
export async function startaLas(c) {
  ctx = c;
  for (const typ of ["keydown", "pointerdown", "pointermove", "wheel"]) {
    document.addEventListener(typ, () => { senastAktiv = Date.now(); }, { passive: true, capture: true });
  }
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey && !e.altKey && (e.key === "l" || e.key === "L") && !$("#las")) {
      e.preventDefault();
      lasNu();
    }
  });
  $("#las-knapp-topp")?.addEventListener("click", () => lasNu());
  $("#losenfras-knapp")?.addEventListener("click", () => visaLosenfrasDialog("byt"));
  setInterval(() => {
    if (!$("#las") && Date.now() - senastAktiv > lasEfterMinuter * 60_000) {
      lasNu(ctx.t("ui-las-inaktiv", { minuter: lasEfterMinuter }));
    }
  }, 15_000);
  const status = await anropa("las_status");
  // What the start did about an interrupted encryption is said once, wherever the window lands.
  if (status.lage === "oppen") {
    await oppnad(status, status.meddelande ?? "");
  } else {
    visaLasskarm(status, status.meddelande ?? "");
  }
}
