// Upload the chosen files one by one, showing each file's progress.
// Without JavaScript the form posts all files at once and the page reloads.
// Each file is sent with its own upload key: when the connection fails after the
// server stored the file, the automatic retry carries the same key and the server
// answers with the file it already has instead of storing it twice.
(function () {
  "use strict";

  var RETRIES = 3;

  function uploadKey() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    // randomUUID needs a secure context; getRandomValues does not.
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function send(form, file, key, bar) {
    return new Promise(function (resolve) {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      data.append("upload_key", key);
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
        if (xhr.status >= 500) {
          resolve({ retry: true });
          return;
        }
        try {
          var result = JSON.parse(xhr.responseText).results[0];
          resolve({ ok: result.ok, message: result.message });
        } catch (e) {
          resolve({ ok: false, message: xhr.statusText || String(xhr.status) });
        }
      });
      xhr.addEventListener("error", function () {
        resolve({ retry: true });
      });
      xhr.send(data);
    });
  }

  function uploadOne(form, file, status) {
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
      return Promise.resolve(false);
    }

    var key = uploadKey();
    function attempt(left, delay) {
      return send(form, file, key, bar).then(function (outcome) {
        if (outcome.retry && left > 0) {
          return new Promise(function (resolve) {
            window.setTimeout(resolve, delay);
          }).then(function () {
            return attempt(left - 1, delay * 2);
          });
        }
        if (outcome.retry) {
          outcome = { ok: false, message: form.dataset.networkError || "Network error" };
        }
        bar.value = 100;
        note.textContent = " " + outcome.message;
        item.className = outcome.ok ? "success" : "error";
        return outcome.ok;
      });
    }
    return attempt(RETRIES, 1000);
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
