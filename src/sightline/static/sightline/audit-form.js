// Progressive enhancement: post each change to a draft as it is made, so nothing is lost if the
// session ends. Without this script the form still saves with its "Save draft" button.
const form = document.querySelector("form[data-autosave]");
if (form && form.dataset.autosave) {
  const status = document.getElementById("save-status");
  const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const say = (text) => { if (status) status.textContent = text; };
  const send = async (field) => {
    const body = new URLSearchParams({ field: field.name, value: field.value });
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
  form.addEventListener("change", (event) => { if (event.target.name) send(event.target); });
  form.addEventListener("input", (event) => {
    const field = event.target;
    if (field.tagName !== "TEXTAREA") return;
    clearTimeout(timers.get(field.name));
    timers.set(field.name, setTimeout(() => send(field), 1500));
  });
}
