// Insert images from the project's materials library into the page editor.
// Progressive enhancement: without JavaScript the picker stays hidden and the help
// text explains how to insert an image by its address.
document.addEventListener("DOMContentLoaded", () => {
  // The editor replaces the labelled textarea: give its editable area the same name.
  const label = document.querySelector('label[for="id_body"]');
  if (label) {
    label.id = label.id || "id_body-label";
    const name = () => {
      const editable = document.querySelector(".ProseMirror[contenteditable=true]");
      if (editable && !editable.hasAttribute("aria-labelledby")) {
        editable.setAttribute("aria-labelledby", label.id);
        return true;
      }
      return false;
    };
    if (!name()) {
      const observer = new MutationObserver(() => name() && observer.disconnect());
      observer.observe(document.body, { childList: true, subtree: true });
    }
  }

  const box = document.getElementById("image-picker");
  if (!box) return;
  const results = box.querySelector("[data-picker-results]");
  const query = box.querySelector("input[type=search]");
  const status = box.querySelector("[role=status]");
  let loaded = false;

  async function load() {
    const url = new URL(box.dataset.pickerUrl, window.location.href);
    if (query.value.trim()) url.searchParams.set("q", query.value.trim());
    status.textContent = box.dataset.loadingText;
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      // A fragment rendered (and escaped) by our own server.
      results.innerHTML = await response.text();
      status.textContent = "";
      loaded = true;
    } catch (error) {
      status.textContent = box.dataset.errorText;
    }
  }

  box.hidden = false;
  box.addEventListener("toggle", () => {
    if (box.open && !loaded) load();
  });
  box.querySelector("[data-picker-search]").addEventListener("click", load);
  query.addEventListener("keydown", (event) => {
    // Enter searches the library instead of submitting the page.
    if (event.key === "Enter") {
      event.preventDefault();
      load();
    }
  });
  results.addEventListener("click", (event) => {
    const button = event.target.closest("[data-insert-image]");
    if (!button) return;
    const element = document.querySelector(".ProseMirror[contenteditable=true]");
    const editor = element && element.editor; // Tiptap keeps its instance on the element
    if (!editor) return;
    editor
      .chain()
      .focus()
      .setImage({ src: button.dataset.insertImage, alt: button.dataset.alt || "" })
      .run();
    status.textContent = box.dataset.insertedText;
  });
});
