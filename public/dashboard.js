// The dashboard's charts (uPlot, served by the bot from its own node_modules). The figures and
// tables are in the page already; this only draws the series from /admin/data.json.
/* global uPlot, document, fetch, window, console */
const COLORS = ["#0969da", "#1a7f37", "#bf8700", "#cf222e", "#8250df", "#57606a"];
const OUTCOME_COLORS = { answered: "#1a7f37", closest: "#bf8700", nothing: "#cf222e", invalid: "#57606a" };

function draw(target, days, series, labels) {
  const x = days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
  const width = Math.max(260, target.clientWidth - 16);
  const opts = {
    width,
    height: 220,
    scales: { x: { time: true } },
    axes: [{}, { size: 40 }],
    series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: s.color ?? COLORS[i % COLORS.length], width: 2 }))],
  };
  target.querySelector(".placeholder")?.remove();
  const plot = new uPlot(opts, [x, ...series.map((s) => s.values)], target);
  plot.root.setAttribute("role", "img");
  plot.root.setAttribute("aria-label", labels);
  return plot;
}

async function main() {
  const root = document.getElementById("charts");
  if (!root || typeof uPlot === "undefined") return;
  const response = await fetch(root.dataset.src ?? "data.json", { credentials: "same-origin" });
  if (!response.ok) return;
  const data = await response.json();
  const { days } = data.series;
  const platforms = Object.entries(data.series.platforms).map(([name, values]) => ({ label: name, values }));
  const outcomes = Object.entries(data.series.outcomes).map(([name, values]) => ({
    label: data.labels.outcomes[name] ?? name,
    values,
    color: OUTCOME_COLORS[name],
  }));
  const votes = [
    { label: "👍", values: data.series.votes.up, color: "#1a7f37" },
    { label: "👎", values: data.series.votes.down, color: "#cf222e" },
  ];
  const plots = [
    draw(document.getElementById("chart-platforms"), days, platforms, data.labels.platforms),
    draw(document.getElementById("chart-outcomes"), days, outcomes, data.labels.outcomes.title),
    draw(document.getElementById("chart-votes"), days, votes, data.labels.votes),
  ];
  root.dataset.drawn = String(plots.length);
  window.addEventListener("resize", () => {
    for (const p of plots) p.setSize({ width: Math.max(260, p.root.parentElement.clientWidth - 16), height: 220 });
  });
}

main().catch((err) => {
  console.warn("charts not drawn", err);
});
