// Starts HR's console (console.html): instantiating its module runs its start function. A
// file, not an inline script, so that the page runs under a strict Content-Security-Policy.
import init from "../competency-console.js";

init();
