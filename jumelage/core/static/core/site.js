// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Language switcher: submit as soon as a language is chosen.
  const select = document.getElementById("language-select");
  if (select) select.addEventListener("change", () => select.form.submit());
  // Tables stack on a phone (site.css): each cell shows its column's header.
  document.querySelectorAll("main table:not(.keep-table)").forEach((table) => {
    const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    if (!heads.length) return;
    table.querySelectorAll("tbody tr").forEach((row) => {
      [...row.children].forEach((cell, i) => {
        if (cell.tagName === "TD" && heads[i] && !cell.dataset.label) cell.dataset.label = heads[i];
      });
    });
  });
  // The header's menu closes on Escape and on a click elsewhere.
  const menu = document.querySelector("details.site-menu");
  if (menu) {
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && menu.open) { menu.open = false; menu.querySelector("summary").focus(); }
    });
    document.addEventListener("click", (event) => {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
  }
  // Forms that ask for confirmation before a destructive action.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
});

// The rich-text editor (django-prose-editor): its editable area is named by the field's
// label and keeps the browser's spell-check on (issue 14). Asked when an editor says it
// is ready, and once more when the page has loaded, whichever comes first.
function nameEditors() {
  document.querySelectorAll(".prose-editor").forEach((wrapper) => {
    const area = wrapper.querySelector("[contenteditable]");
    const textarea = wrapper.querySelector("textarea");
    if (!area || !textarea) return;
    const label = textarea.id && document.querySelector(`label[for="${textarea.id}"]`);
    if (label && !area.hasAttribute("aria-labelledby")) {
      if (!label.id) label.id = `${textarea.id}-label`;
      area.setAttribute("aria-labelledby", label.id);
    }
    area.setAttribute("aria-multiline", "true");
    area.setAttribute("spellcheck", "true");
    // The toolbar's titles are fixed English in the package: in the reader's language.
    if (window.gettext) {
      wrapper.querySelectorAll(".prose-menubar [title]").forEach((button) => {
        const title = window.gettext(button.getAttribute("title"));
        button.setAttribute("title", title);
        if (button.hasAttribute("aria-label")) button.setAttribute("aria-label", title);
      });
    }
  });
}
document.addEventListener("prose-editor:ready", () => setTimeout(nameEditors));
window.addEventListener("load", nameEditors);
