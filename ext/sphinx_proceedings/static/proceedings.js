// sphinx-proceedings: a "Copy" button on every Cite box. No framework, no network.
document.addEventListener("DOMContentLoaded", () => {
  for (const box of document.querySelectorAll(".proc-cite")) {
    const pre = box.querySelector("pre");
    if (!pre) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "proc-copy";
    button.textContent = "Copy BibTeX";
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(pre.innerText.trim());
        button.textContent = "Copied";
      } catch (error) {
        button.textContent = "Select the text and copy it";
      }
      setTimeout(() => { button.textContent = "Copy BibTeX"; }, 2000);
    });
    box.insertBefore(button, pre.closest("div.highlight") || pre);
  }
});
