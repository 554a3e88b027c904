// The calls to the core: `invoke`, `anropa` (with the busy sign), the state the screens share,
// and the texts (`t`, `laddaTexter`) from the core's Fluent files through the `texter` command.

export const invoke = window.__TAURI__.core.invoke;

/** What the screens share: the language and its texts, who works, which brukare is open. */
export const tillstand = {
  sprak: "sv",
  texter: {},
  handlaggareId: null,
  sokNr: 0,
  oppnaNr: 0,
  brukareId: null,
  // The menu's screen shown (`start`, `register`, …): a language switch or an unlock shows it again.
  sida: "start",
  insatser: [],
  // The municipality's områden with their names (read after every unlock).
  omraden: [],
  // The domain's code lists with their words in the current language (from `texter`).
  koder: { utfall: [], vem_valde: [], kanal: [], avslutsorsak: [] },
  zoom: 1,
  // What the organisation's configuration file fixes (from `om`, after every unlock): the
  // names of the settings, e.g. "dokumentmapp", "registerpaket_nyckel".
  organisationen: [],
  // Kommunläge: the hub and who is logged in (from the lock), `null` standalone.
  kommun: null,
  // Who works, as a login said (hub or key slot), `null` with one shared passphrase.
  inloggad: null,
};

/** An område's name, for a person to read; its code only when the list does not have it. */
export function omradeNamn(kod) {
  return tillstand.omraden.find((o) => o.kod === kod)?.namn ?? kod;
}

/** A language's name in the window's language; its code only when there is no word for it. */
export function sprakNamn(kod) {
  const id = "ui-sprak-namn-" + kod;
  return id in tillstand.texter ? t(id) : String(kod ?? "").toUpperCase();
}

/** A text by id, with `{$namn}` placeholders filled in. A missing id shows itself, never blank. */
export function t(id, varden = {}) {
  // A count of exactly one has its own form where the text has one (see `mall_for_ett`).
  const ett = Object.entries(varden).find(([namn, v]) => v === 1 && tillstand.texter[`${id}#${namn}=1`] !== undefined);
  const mall = (ett ? tillstand.texter[`${id}#${ett[0]}=1`] : tillstand.texter[id]) ?? id;
  return mall.replace(/\{\s*\$([a-z_]+)\s*\}/g, (_, namn) => String(varden[namn] ?? ""));
}

let pagaende = 0;

/** Calls a command; when it takes longer than 150 ms, shows that the program is working. */
export async function anropa(kommando, arg = {}) {
  pagaende += 1;
  const timer = setTimeout(() => {
    document.body.classList.add("upptagen");
    document.querySelector("#arbetar").hidden = false;
  }, 150);
  try {
    return await invoke(kommando, { sprak: tillstand.sprak, ...arg });
  } finally {
    clearTimeout(timer);
    pagaende -= 1;
    if (pagaende === 0) {
      document.body.classList.remove("upptagen");
      document.querySelector("#arbetar").hidden = true;
    }
  }
}

/** Loads the texts of language `sprak` and puts them on the page's fixed parts. */
export async function laddaTexter(sprak) {
  const svar = await invoke("texter", { sprak });
  tillstand.sprak = svar.sprak;
  tillstand.texter = svar.texter;
  tillstand.koder = svar.koder;
  document.documentElement.lang = svar.sprak;
  document.title = t("ui-app-titel");
  for (const e of document.querySelectorAll("[data-t]")) e.textContent = t(e.dataset.t);
  for (const e of document.querySelectorAll("[data-t-placeholder]")) e.placeholder = t(e.dataset.tPlaceholder);
  for (const e of document.querySelectorAll("[data-t-aria-label]")) e.setAttribute("aria-label", t(e.dataset.tAriaLabel));
  const val = document.querySelector("#sprak");
  val.replaceChildren(...svar.sprak_lista.map((s) => new Option(sprakNamn(s), s)));
  val.value = svar.sprak;
}
