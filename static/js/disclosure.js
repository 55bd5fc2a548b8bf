// Print button on documents: shown only when JavaScript runs (browsers' own print works without it).
document.querySelectorAll("[data-print]").forEach(function (button) {
    button.closest("[hidden]")?.removeAttribute("hidden");
    button.addEventListener("click", function () { window.print(); });
});
