/*
 * The chat page, on the same API scripts use: conversations from /api/conversations, answers
 * streamed from /api/chat/stream (server-sent events), ratings to /api/ratings. Text from the
 * server or the user is only ever set with textContent, so nobody's words become markup.
 */
(function () {
  "use strict";

  var api;
  var history = true;
  var current = null;
  var stream = null;
  var pending = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function request(method, path, body) {
    // The header tells the server this page sent the request (another site's page cannot).
    var options = {method: method, headers: {"Accept": "application/json", "X-Requested-With": "XMLHttpRequest"}};
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(api + path, options).then(function (response) {
      if (response.status === 204) {
        return null;
      }
      return response.json().then(function (json) {
        if (!response.ok) {
          throw new Error(json.error || ("the server answered " + response.status));
        }
        return json;
      });
    });
  }

  function showError(text) {
    var messages = document.getElementById("messages");
    messages.appendChild(el("div", "message error", text));
    messages.scrollTop = messages.scrollHeight;
  }

  /* Conversations */

  function loadConversations() {
    if (!history) {
      return;
    }
    var query = document.getElementById("conversation-search").value;
    request("GET", "/conversations?q=" + encodeURIComponent(query)).then(renderConversations)
        .catch(function (e) { showError(e.message); });
  }

  function renderConversations(list) {
    var ul = document.getElementById("conversation-list");
    ul.replaceChildren();
    list.forEach(function (conversation) {
      var li = el("li", conversation.id === current ? "conversation active" : "conversation");
      li.dataset.id = conversation.id;
      var title = el("button", "title", conversation.title);
      title.type = "button";
      title.addEventListener("click", function () { openConversation(conversation.id); });
      var rename = el("button", "icon rename", "✎");
      rename.type = "button";
      rename.title = "Rename";
      rename.addEventListener("click", function () { renameConversation(conversation); });
      var remove = el("button", "icon delete", "✕");
      remove.type = "button";
      remove.title = "Delete";
      remove.addEventListener("click", function () { deleteConversation(conversation); });
      li.append(title, rename, remove);
      ul.appendChild(li);
    });
  }

  function openConversation(id) {
    stopStream();
    request("GET", "/conversations/" + id).then(function (conversation) {
      current = conversation.id;
      var messages = document.getElementById("messages");
      messages.replaceChildren();
      conversation.exchanges.forEach(function (exchange) {
        messages.appendChild(el("div", "message user", exchange.question));
        var answer = assistantMessage();
        renderText(answer.text, exchange.answer);
        finishAnswer(answer, exchange.id, exchange.sources, exchange.rating, exchange.stop_reason);
      });
      messages.scrollTop = messages.scrollHeight;
      loadConversations();
    }).catch(function (e) { showError(e.message); });
  }

  function newConversation() {
    stopStream();
    current = null;
    document.getElementById("messages").replaceChildren();
    document.getElementById("message").focus();
    loadConversations();
  }

  function renameConversation(conversation) {
    var title = window.prompt("New title", conversation.title);
    if (title === null || !title.trim()) {
      return;
    }
    request("PATCH", "/conversations/" + conversation.id, {title: title.trim()})
        .then(loadConversations).catch(function (e) { showError(e.message); });
  }

  function deleteConversation(conversation) {
    if (!window.confirm("Delete “" + conversation.title + "” and its answers?")) {
      return;
    }
    request("DELETE", "/conversations/" + conversation.id).then(function () {
      if (conversation.id === current) {
        newConversation();
      } else {
        loadConversations();
      }
    }).catch(function (e) { showError(e.message); });
  }

  function deleteHistory() {
    if (!window.confirm("Delete all your conversations and their answers? This cannot be undone.")) {
      return;
    }
    request("DELETE", "/conversations").then(newConversation)
        .catch(function (e) { showError(e.message); });
  }

  /* Answers */

  /*
   * Shows an answer as its source wrote it: paragraphs at blank lines, lines indented by four
   * spaces (or a tab) as a code block, `backticked` words as code, everything else as text. Every
   * piece is set with textContent: the shape comes from the text, never markup from it.
   */
  function renderText(container, text) {
    container.replaceChildren();
    text.split(/\n{2,}/).forEach(function (block) {
      var lines = block.split("\n");
      if (lines.every(function (line) { return /^( {4}|\t)/.test(line) || line === ""; })) {
        var pre = el("pre", "code-block");
        pre.appendChild(el("code", null, lines.map(function (line) {
          return line.replace(/^( {4}|\t)/, "");
        }).join("\n")));
        container.appendChild(pre);
        return;
      }
      var paragraph = el("p");
      block.split(/(`[^`\n]+`)/).forEach(function (piece, index) {
        if (index % 2 === 1) {
          paragraph.appendChild(el("code", null, piece.slice(1, -1)));
        } else if (piece) {
          paragraph.appendChild(document.createTextNode(piece));
        }
      });
      container.appendChild(paragraph);
    });
  }

  function assistantMessage() {
    var box = el("div", "message assistant");
    var text = el("div", "text");
    box.appendChild(text);
    document.getElementById("messages").appendChild(box);
    return {box: box, text: text};
  }

  function finishAnswer(answer, exchangeId, sources, rating, stopReason) {
    if (exchangeId) {
      answer.box.dataset.exchange = exchangeId;
    }
    if (stopReason === "cancelled") {
      answer.box.appendChild(el("div", "stopped", "stopped"));
    }
    if (sources && sources.length) {
      var details = el("details", "sources");
      details.appendChild(el("summary", null, "Sources (" + sources.length + ")"));
      var list = el("ol");
      sources.forEach(function (source) {
        var item = el("li");
        item.appendChild(el("span", "source-origin",
            source.dataset_name + ", record " + source.record + " (" + source.kind + ")"));
        item.appendChild(el("span", "source-score",
            " similarity " + source.similarity.toFixed(2) + ", fused " + source.fused_score.toFixed(4)));
        item.appendChild(el("div", "source-text", source.text));
        if (source.answer) {
          item.appendChild(el("div", "source-answer", source.answer));
        }
        list.appendChild(item);
      });
      details.appendChild(list);
      answer.box.appendChild(details);
    }
    if (exchangeId) {
      answer.box.appendChild(ratingControls(exchangeId, rating));
    }
  }

  function ratingControls(exchangeId, rating) {
    var box = el("div", "rating");
    var up = el("button", "icon rate-up");
    var down = el("button", "icon rate-down");
    up.appendChild(el("span", "pi pi-thumbs-up"));
    down.appendChild(el("span", "pi pi-thumbs-down"));
    up.type = down.type = "button";
    up.title = "Good answer";
    down.title = "Bad answer";
    up.setAttribute("aria-label", up.title);
    down.setAttribute("aria-label", down.title);
    var comment = el("input", "rating-comment");
    comment.placeholder = "Optional comment, Enter to save";
    comment.hidden = true;
    var saved = el("span", "rating-saved");
    function mark(value) {
      up.classList.toggle("chosen", value === "up");
      down.classList.toggle("chosen", value === "down");
    }
    function rate(value) {
      request("POST", "/ratings", {exchange_id: exchangeId, rating: value, comment: comment.value || null})
          .then(function (result) {
            mark(result.rating);
            comment.hidden = false;
            saved.textContent = "saved";
          }).catch(function (e) { saved.textContent = e.message; });
    }
    up.addEventListener("click", function () { rate("up"); });
    down.addEventListener("click", function () { rate("down"); });
    comment.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        rate(up.classList.contains("chosen") ? "up" : "down");
      }
    });
    if (rating) {
      mark(rating.rating);
      comment.hidden = false;
      comment.value = rating.comment || "";
    }
    box.append(up, down, comment, saved);
    return box;
  }

  function options() {
    var query = "";
    [["temperature", "opt-temperature"], ["top_k", "opt-top-k"], ["top_p", "opt-top-p"],
      ["max_tokens", "opt-max-tokens"]].forEach(function (pair) {
      var value = document.getElementById(pair[1]).value;
      if (value !== "") {
        query += "&" + pair[0] + "=" + encodeURIComponent(value);
      }
    });
    return query + "&use_rag=" + document.getElementById("opt-use-rag").checked;
  }

  function send() {
    var input = document.getElementById("message");
    var text = input.value.trim();
    if (!text || stream) {
      return;
    }
    input.value = "";
    document.getElementById("messages").appendChild(el("div", "message user", text));
    var answer = assistantMessage();
    answer.box.classList.add("streaming");
    var url = api + "/chat/stream?message=" + encodeURIComponent(text)
        + (current ? "&conversation_id=" + current : "") + options();
    setStreaming(true);
    pending = answer;
    stream = new EventSource(url);
    stream.addEventListener("conversation", function (event) {
      current = JSON.parse(event.data).conversation_id;
    });
    stream.addEventListener("token", function (event) {
      answer.text.textContent += JSON.parse(event.data).text;
      var messages = document.getElementById("messages");
      messages.scrollTop = messages.scrollHeight;
    });
    stream.addEventListener("done", function (event) {
      var result = JSON.parse(event.data);
      closeStream();
      answer.box.classList.remove("streaming");
      renderText(answer.text, result.answer);
      current = result.conversation_id;
      finishAnswer(answer, result.exchange_id, result.sources, null, result.stop_reason);
      loadConversations();
    });
    stream.addEventListener("error", function (event) {
      // The server's own error event carries a reason; a broken connection has none.
      var reason = event.data ? JSON.parse(event.data).error : "the connection was lost";
      closeStream();
      answer.box.remove();
      showError(reason);
    });
  }

  function closeStream() {
    if (stream) {
      stream.close();
      stream = null;
    }
    pending = null;
    setStreaming(false);
  }

  /* Stop: closing the stream stops the generation; the server keeps what it had. */
  function stopStream() {
    if (!stream) {
      return;
    }
    var answer = pending;
    closeStream();
    if (answer) {
      answer.box.classList.remove("streaming");
      answer.box.appendChild(el("div", "stopped", "stopped"));
    }
    window.setTimeout(loadConversations, 500);
  }

  function setStreaming(on) {
    document.getElementById("send").hidden = on;
    document.getElementById("stop").hidden = !on;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var chat = document.getElementById("chat");
    if (!chat) {
      return;
    }
    api = chat.dataset.api;
    history = chat.dataset.history !== "off";
    var input = document.getElementById("message");
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        send();
      }
    });
    document.getElementById("composer").addEventListener("submit", function (event) {
      event.preventDefault();
      send();
    });
    document.getElementById("stop").addEventListener("click", stopStream);
    document.getElementById("new-conversation").addEventListener("click", newConversation);
    if (history) {
      document.getElementById("conversation-search").addEventListener("input", loadConversations);
      document.getElementById("delete-history").addEventListener("click", deleteHistory);
    }
    var requested = new URLSearchParams(window.location.search).get("c");
    if (requested) {
      openConversation(Number(requested));
    } else {
      loadConversations();
    }
  });
})();
