// Upload the chosen files one by one, showing each file's progress.
// Without JavaScript the form posts all files at once and the page reloads.
(function () {
  "use strict";

  function uploadOne(form, file, status) {
    return new Promise(function (resolve) {
      var item = document.createElement("li");
      var label = document.createElement("span");
      label.textContent = file.name + " ";
      var bar = document.createElement("progress");
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute("aria-label", file.name);
      var note = document.createElement("span");
      item.append(label, bar, note);
      status.appendChild(item);

      var maxSize = parseInt(form.dataset.maxSize || "0", 10);
      if (maxSize && file.size > maxSize) {
        // Refused at once rather than after sending it all; the server checks again.
        note.textContent = " " + (form.dataset.tooLarge || "");
        item.className = "error";
        resolve(false);
        return;
      }

      var data = new FormData();
      data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      data.append("files", file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      xhr.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) {
          bar.value = Math.round((event.loaded / event.total) * 100);
        }
      });
      xhr.addEventListener("load", function () {
        var message = "";
        var ok = false;
        try {
          var result = JSON.parse(xhr.responseText).results[0];
          message = result.message;
          ok = result.ok;
        } catch (e) {
          message = xhr.statusText || String(xhr.status);
        }
        bar.value = 100;
        note.textContent = " " + message;
        item.className = ok ? "success" : "error";
        resolve(ok);
      });
      xhr.addEventListener("error", function () {
        note.textContent = " " + (form.dataset.networkError || "Network error");
        item.className = "error";
        resolve(false);
      });
      xhr.send(data);
    });
  }

  function init(form) {
    var input = form.querySelector("input[type=file]");
    var status = form.querySelector("[data-upload-status]");
    form.addEventListener("submit", function (event) {
      if (!window.FormData || !input.files.length) {
        return;
      }
      event.preventDefault();
      status.textContent = "";
      var files = Array.prototype.slice.call(input.files);
      var chain = Promise.resolve(false);
      var anyOk = false;
      files.forEach(function (file) {
        chain = chain.then(function () {
          return uploadOne(form, file, status).then(function (ok) {
            anyOk = anyOk || ok;
          });
        });
      });
      chain.then(function () {
        input.value = "";
        if (anyOk) {
          var link = document.createElement("a");
          link.href = window.location.href;
          link.textContent = form.dataset.refreshLabel || "Show the updated list";
          var li = document.createElement("li");
          li.appendChild(link);
          status.appendChild(li);
        }
      });
    });
  }

  document.querySelectorAll("form[data-upload]").forEach(init);
})();
