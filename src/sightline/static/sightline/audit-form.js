// Progressive enhancement: post each change to a draft as it is made, so nothing is lost if the
// session ends. Without this script the form still saves with its "Save draft" button.
const form = document.querySelector("form[data-autosave]");
if (form && form.dataset.autosave) {
  const status = document.getElementById("save-status");
  const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const say = (text) => { if (status) status.textContent = text; };
  const send = async (field, extra = {}) => {
    const body = new URLSearchParams({ field: field.name, value: field.value, ...extra });
    say("Saving…");
    try {
      const response = await fetch(form.dataset.autosave, {
        method: "POST",
        body,
        headers: { "X-CSRFToken": token, "X-Requested-With": "fetch" },
        credentials: "same-origin",
      });
      const result = await response.json();
      say(result.saved ? `Saved at ${new Date(result.at).toLocaleTimeString("en-GB")}.` : result.problems.join(" "));
    } catch (error) {
      say("Not saved: the connection was lost. Use Save draft when it is back.");
    }
  };
  const timers = new Map();
  // A GOV.UK date input's three boxes (NAME-day, -month, -year) are saved together as NAME, once
  // all three are filled in or all are empty, so a half-typed date is not refused mid-way.
  const dateBoxes = (name) => {
    const match = /^(.+)-(day|month|year)$/.exec(name || "");
    if (!match) return null;
    const boxes = ["day", "month", "year"].map((part) => form.querySelector(`[name="${match[1]}-${part}"]`));
    return boxes.every(Boolean) ? { name: match[1], boxes } : null;
  };
  form.addEventListener("change", (event) => {
    const group = dateBoxes(event.target.name);
    if (group) {
      const filled = group.boxes.filter((box) => box.value.trim()).length;
      if (filled === 0 || filled === 3) {
        send({ name: group.name, value: "" }, Object.fromEntries(group.boxes.map((box) => [box.name, box.value])));
      }
    } else if (event.target.name) {
      send(event.target);
    }
  });
  form.addEventListener("input", (event) => {
    const field = event.target;
    if (field.tagName !== "TEXTAREA") return;
    clearTimeout(timers.get(field.name));
    timers.set(field.name, setTimeout(() => send(field), 1500));
  });
}
