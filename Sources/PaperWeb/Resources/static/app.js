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

// Upvotes without a page load: the vote form is posted with the page's CSRF token and the
// count updated in place; without JavaScript the form posts and the page comes back.
document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form.votes");
  if (!form) return;
  event.preventDefault();
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const response = await fetch(form.action, {
    method: "POST", headers: { "Accept": "application/json", "X-CSRF-Token": token }, credentials: "same-origin",
  });
  if (response.status === 401) {
    window.location = (await response.json()).login;
    return;
  }
  if (!response.ok) { form.submit(); return; }
  const state = await response.json();
  form.classList.toggle("voted", state.voted);
  form.querySelector("button").setAttribute("aria-pressed", String(state.voted));
  form.querySelector(".count").textContent = state.upvotes;
});
