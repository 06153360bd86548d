// Copy buttons on code blocks: shown only when this script runs (the page works without it).
/* global document, navigator, setTimeout */
for (const button of document.querySelectorAll("button.copy")) {
  button.hidden = false;
  button.addEventListener("click", async () => {
    const code = button.closest("figure")?.querySelector("pre code");
    if (!code) return;
    const label = button.textContent;
    try {
      await navigator.clipboard.writeText(code.textContent ?? "");
      button.textContent = button.dataset.copied ?? "Copied";
    } catch {
      button.textContent = button.dataset.failed ?? "Copy failed";
    }
    setTimeout(() => {
      button.textContent = label;
    }, 1500);
  });
}
