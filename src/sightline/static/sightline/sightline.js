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

// A table box that scrolls sideways can be scrolled from the keyboard (WCAG 2.1.1).
function markScrollable() {
  for (const region of document.querySelectorAll(".sightline-table-scroll, .govuk-table")) {
    if (region.scrollWidth > region.clientWidth + 1) {
      region.tabIndex = 0;
    } else if (region.tabIndex === 0 && !region.matches("a, button, input, select, textarea")) {
      region.removeAttribute("tabindex");
    }
  }
}
markScrollable();
window.addEventListener("resize", markScrollable);
