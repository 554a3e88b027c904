// Statistics of choice: aktivt val against ickeval per insats and provider, month by month, as a
// table and a bar chart drawn from the same numbers. The counts and the period come from Rust.

import { anropa, t, tillstand } from "./karna.js";
import { $, doljFel, el, ersatt, visaFel } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";

function svg(tagg, attr = {}, ...barn) {
  const e = document.createElementNS(SVG, tagg);
  for (const [k, v] of Object.entries(attr)) e.setAttribute(k, v);
  for (const b of barn) if (b) e.append(b);
  return e;
}

/** "2026-03" as the reader's language writes a month: "mars 2026". */
function manadNamn(manad, form = "long") {
  const [ar, m] = manad.split("-").map(Number);
  return new Intl.DateTimeFormat(tillstand.sprak, { month: form, year: form === "long" ? "numeric" : undefined, timeZone: "UTC" }).format(Date.UTC(ar, m - 1, 1));
}

/** Two bars a month, aktivt val and ickeval, on a scale from 0 to the largest count. The table
 * below is the chart's text alternative, so the picture itself is hidden from screen readers. */
function diagram(manader) {
  const hojd = 160, bas = 180, bredd = 40 * manader.length + 40;
  const storst = Math.max(1, ...manader.flatMap((m) => [m.aktiva_val, m.ickeval]));
  const stapel = (varde, x, klass) =>
    svg("rect", { class: klass, x, y: bas - (varde / storst) * hojd, width: 14, height: (varde / storst) * hojd, "data-varde": varde });
  const text = (x, y, innehall, attr = {}) => {
    const e = svg("text", { x, y, ...attr });
    e.textContent = innehall;
    return e;
  };
  return svg(
    "svg",
    { id: "statistik-diagram", viewBox: `0 0 ${bredd} 210`, "aria-hidden": "true", focusable: "false" },
    svg("line", { x1: 30, y1: bas, x2: bredd, y2: bas, class: "axel" }),
    svg("line", { x1: 30, y1: bas - hojd, x2: bredd, y2: bas - hojd, class: "stodlinje" }),
    text(26, bas + 4, "0", { "text-anchor": "end" }),
    text(26, bas - hojd + 4, String(storst), { "text-anchor": "end" }),
    ...manader.flatMap((m, i) => {
      const x = 40 + i * 40;
      return [
        stapel(m.aktiva_val, x, "stapel-aktivt"),
        stapel(m.ickeval, x + 15, "stapel-ickeval"),
        text(x + 14, bas + 16, manadNamn(m.manad, "short"), { "text-anchor": "middle" }),
      ];
    }),
  );
}

function visaUrval(vy) {
  const insats = vy.insatser.find((i) => i.insats_kod === $("#statistik-insats").value) ?? vy.insatser[0];
  const utforareVal = $("#statistik-utforare");
  const valdUtforare = utforareVal.value;
  utforareVal.replaceChildren(
    el("option", { value: "", text: t("ui-statistik-alla-utforare") }),
    ...insats.utforare.map((u) => el("option", { value: u.utforare_id, text: u.namn })),
  );
  utforareVal.value = insats.utforare.some((u) => u.utforare_id === valdUtforare) ? valdUtforare : "";
  const utforare = insats.utforare.find((u) => u.utforare_id === utforareVal.value);
  const manader = utforare ? utforare.manader : insats.manader;
  const vad = utforare ? `${insats.insats_namn}, ${utforare.namn}` : insats.insats_namn;
  ersatt(
    $("#statistik-resultat"),
    el("h3", { id: "statistik-vad", text: vad }),
    el(
      "figure",
      { class: "diagram" },
      diagram(manader),
      el(
        "figcaption",
        {},
        el("span", { class: "nyckel nyckel-aktivt", "aria-hidden": "true" }),
        ` ${t("ui-statistik-aktivt-val")} `,
        el("span", { class: "nyckel nyckel-ickeval", "aria-hidden": "true" }),
        ` ${t("ui-statistik-ickeval")}. ${t("ui-statistik-diagram-text")}`,
      ),
    ),
    el(
      "table",
      { class: "tabell", id: "statistik-tabell", "aria-labelledby": "statistik-vad" },
      el("thead", {}, el("tr", {}, ...["ui-statistik-manad", "ui-statistik-aktivt-val", "ui-statistik-ickeval"].map((k) => el("th", { scope: "col", text: t(k) })))),
      el(
        "tbody",
        {},
        ...manader.map((m) =>
          el("tr", { "data-manad": m.manad }, el("th", { scope: "row", text: manadNamn(m.manad) }), el("td", { class: "tal", text: String(m.aktiva_val) }), el("td", { class: "tal", text: String(m.ickeval) })),
        ),
      ),
    ),
  );
}

export async function visaStatistik() {
  tillstand.sida = "statistik";
  tillstand.brukareId = null;
  const sektion = $("#brukare");
  try {
    const vy = await anropa("statistik");
    doljFel();
    const val = (id, etikett, ...alternativ) =>
      el("div", { class: "falt" }, el("label", { for: id, text: etikett }), el("select", { id }, ...alternativ));
    ersatt(
      sektion,
      el("h2", { text: t("ui-statistik-rubrik") }),
      el("p", { class: "hjalp", text: t("ui-statistik-period", { fran: vy.fran, till: vy.till }) }),
      el(
        "div",
        { class: "val-form", id: "statistik-urval" },
        val("statistik-insats", t("ui-statistik-insats"), ...vy.insatser.map((i) => el("option", { value: i.insats_kod, text: i.insats_namn }))),
        val("statistik-utforare", t("ui-statistik-utforare")),
      ),
      el("div", { id: "statistik-resultat", "aria-live": "polite" }),
    );
    $("#statistik-insats").addEventListener("change", () => visaUrval(vy));
    $("#statistik-utforare").addEventListener("change", () => visaUrval(vy));
    if (vy.insatser.length) visaUrval(vy);
  } catch (fel) {
    visaFel(fel);
  }
}
