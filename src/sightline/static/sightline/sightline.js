// Progressive enhancement only: every page reads fully without this file.
import { initAll } from "../govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// Charts: each <div data-chart="ID"> is drawn from the JSON in <script type="application/json" id="ID">.
for (const holder of document.querySelectorAll("[data-chart]")) {
  const source = document.getElementById(holder.dataset.chart);
  if (!source || !window.Plotly) continue;
  const figure = JSON.parse(source.textContent);
  window.Plotly.newPlot(holder, figure.data, figure.layout, { displayModeBar: false, responsive: true });
}
