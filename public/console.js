// Starts HR's console (console.html): instantiating its module runs its start function. A
// file, not an inline script, so that the page runs under a strict Content-Security-Policy.
// Until the console replaces it, the page's own notice is put in the address's language
// (?lang=en), as public/boot.js does for the widget.
import init from "../competency-console.js";

if (new URLSearchParams(location.search).get("lang") === "en") {
  document.documentElement.lang = "en";
  for (const element of document.querySelectorAll("[data-competency-widget=console] [data-en]")) {
    element.textContent = element.dataset.en;
    element.lang = "en";
  }
}

init();
