/*
 * Data page uploads: drag and drop or choose a file, send it to the same API scripts use
 * (POST /api/datasets), show the progress, then the report. Text from the server is only ever
 * set with textContent, never parsed as markup.
 */
(function () {
  "use strict";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function number(n) {
    return Number(n).toLocaleString();
  }

  function showReport(zone, ok, body) {
    var report = zone.querySelector("#upload-report");
    report.replaceChildren();
    report.hidden = false;
    report.className = "upload-report " + (ok ? "ok" : "failed");
    var rejections;
    var rejected;
    if (ok) {
      report.appendChild(element("p", "summary",
          "Added “" + body.dataset.name + "”: " + number(body.accepted)
          + (body.accepted === 1 ? " record" : " records") + " accepted, "
          + number(body.rejected) + " rejected."));
      rejections = body.rejections;
      rejected = body.rejected;
    } else {
      report.appendChild(element("p", "summary", "Not added: " + (body.error || "the upload failed") + "."));
      rejections = body.detail && body.detail.rejections ? body.detail.rejections : [];
      rejected = body.detail && body.detail.rejected ? body.detail.rejected : rejections.length;
    }
    if (rejections && rejections.length) {
      var table = element("table", "rejections");
      var head = table.createTHead().insertRow();
      head.appendChild(element("th", null, "Where"));
      head.appendChild(element("th", null, "Why"));
      var rows = table.createTBody();
      rejections.forEach(function (r) {
        var row = rows.insertRow();
        row.insertCell().textContent = r.location;
        row.insertCell().textContent = r.reason;
      });
      report.appendChild(table);
      if (rejected > rejections.length) {
        report.appendChild(element("p", "more",
            "… and " + number(rejected - rejections.length) + " more rejected records."));
      }
    }
  }

  function upload(zone, file) {
    var progress = zone.querySelector("#upload-progress");
    var bar = zone.querySelector("#upload-progress-bar");
    var label = zone.querySelector("#upload-progress-text");
    var form = new FormData();
    form.append("file", file, file.name);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", zone.dataset.endpoint);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    progress.hidden = false;
    bar.style.width = "0%";
    label.textContent = "Uploading " + file.name + "…";
    xhr.upload.onprogress = function (event) {
      if (event.lengthComputable) {
        var percent = Math.round(100 * event.loaded / event.total);
        bar.style.width = percent + "%";
        label.textContent = "Uploading " + file.name + ": " + percent + "%";
        if (event.loaded === event.total) {
          label.textContent = "Reading the records of " + file.name + "…";
        }
      }
    };
    xhr.onload = function () {
      progress.hidden = true;
      var body;
      try {
        body = JSON.parse(xhr.responseText);
      } catch (e) {
        body = {error: "the server answered " + xhr.status};
      }
      showReport(zone, xhr.status >= 200 && xhr.status < 300, body);
      if (window.refreshDatasets) {
        window.refreshDatasets();
      }
    };
    xhr.onerror = function () {
      progress.hidden = true;
      showReport(zone, false, {error: "the connection failed"});
    };
    xhr.send(form);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var zone = document.getElementById("upload-zone");
    if (!zone) {
      return;
    }
    var input = document.getElementById("upload-file");
    input.addEventListener("change", function () {
      if (input.files.length) {
        upload(zone, input.files[0]);
        input.value = "";
      }
    });
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (event) {
        event.preventDefault();
        zone.classList.add("dragging");
      });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function (event) {
        event.preventDefault();
        zone.classList.remove("dragging");
      });
    });
    zone.addEventListener("drop", function (event) {
      if (event.dataTransfer.files.length) {
        upload(zone, event.dataTransfer.files[0]);
      }
    });
  });
})();

/* ARPA import on the Data page: the file goes to POST /api/model/arpa, then the page reloads. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var input = document.getElementById("arpa-file");
    if (!input) {
      return;
    }
    var status = document.getElementById("arpa-status");
    input.addEventListener("change", function () {
      if (!input.files.length) {
        return;
      }
      var form = new FormData();
      form.append("file", input.files[0], input.files[0].name);
      status.textContent = "Reading " + input.files[0].name + "…";
      fetch(input.dataset.endpoint, {method: "POST", body: form, headers: {"Accept": "application/json", "X-Requested-With": "XMLHttpRequest"}})
          .then(function (response) {
            return response.json().then(function (body) {
              return {ok: response.ok, body: body};
            });
          })
          .then(function (result) {
            if (result.ok) {
              status.textContent = "Now answering with " + result.body.id + ".";
              window.location.reload();
            } else {
              status.textContent = "Not imported: " + result.body.error
                  + (result.body.detail ? " (" + result.body.detail + ")" : "");
            }
          })
          .catch(function () {
            status.textContent = "Not imported: the connection failed.";
          });
      input.value = "";
    });
  });
})();
