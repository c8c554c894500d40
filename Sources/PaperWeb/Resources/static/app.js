// Copy buttons: <button data-copy="ID"> copies the text of the element with that id.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (!source) return;
  try {
    await navigator.clipboard.writeText(source.textContent);
    button.textContent = "Copied";
  } catch {
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    button.textContent = "Selected: press Ctrl+C";
  }
  setTimeout(() => { button.textContent = "Copy BibTeX"; }, 2000);
});

// Posts `form` from a script with the page's CSRF token, asking for JSON. Returns the answer,
// or null after sending the visitor to log in (401) or posting the form the plain way (any
// other failure), so that nothing is lost without JavaScript's help.
async function postForJSON(form) {
  const token = document.querySelector('meta[name="csrf-token"]').content;
  let response;
  try {
    response = await fetch(form.action, {
      method: "POST", headers: { "Accept": "application/json", "X-CSRF-Token": token }, credentials: "same-origin",
    });
  } catch {
    form.submit();
    return null;
  }
  if (response.status === 401) {
    window.location = (await response.json()).login;
    return null;
  }
  if (!response.ok) { form.submit(); return null; }
  return response.json();
}

// Posts the forms matching `selector` from a script (postForJSON), then calls `update` with
// the form and the server's answer.
function enhanceForms(selector, update) {
  document.addEventListener("submit", async (event) => {
    const form = event.target.closest(selector);
    if (!form) return;
    event.preventDefault();
    const answer = await postForJSON(form);
    if (answer) update(form, answer);
  });
}

// Upvotes without a page load: the count is updated in place.
enhanceForms("form.votes", (form, state) => {
  form.classList.toggle("voted", state.voted);
  form.querySelector("button").setAttribute("aria-pressed", String(state.voted));
  form.querySelector(".count").textContent = state.upvotes;
});

// Save and "Not interested" without a page load: the server answers with the paper's controls
// as they now are, which replace the old ones (focus stays on the control used). A card marked
// not interested is dimmed here; it leaves the list at the next page load.
enhanceForms(".library form", (form, answer) => {
  const kind = form.classList.contains("save") ? ".save" : ".not-interested";
  const template = document.createElement("template");
  template.innerHTML = answer.html.trim();
  const fresh = template.content.firstElementChild;
  form.closest(".library").replaceWith(fresh);
  fresh.querySelector(`${kind} button`)?.focus();
  fresh.closest("article.card")?.classList.toggle("dismissed", fresh.querySelector(".not-interested.marked") !== null);
});
