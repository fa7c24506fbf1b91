/*
 * The chat page, on the same API scripts use: conversations from /api/conversations, answers
 * streamed from /api/chat/stream (server-sent events), ratings to /api/ratings. Text from the
 * server or the user is only ever set with textContent, so nobody's words become markup.
 */
(function () {
  "use strict";

  var api;
  var dataPage;
  var admin = false;
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
      document.getElementById("messages").replaceChildren();
      turnsOf(conversation.exchanges).forEach(function (turn) {
        showTurn(turn, turn.versions.length - 1);
      });
      scrollDown();
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

  /* Turns: a question and its answer; regenerating or editing adds versions of a turn. */

  function turnsOf(exchanges) {
    var turns = [];
    var byId = {};
    exchanges.forEach(function (exchange) {
      var id = exchange.alternative_of || exchange.id;
      if (!byId[id]) {
        byId[id] = {id: id, versions: [], shown: 0, node: null};
        turns.push(byId[id]);
      }
      byId[id].versions.push(exchange);
    });
    return turns;
  }

  /* A chat answer (POST /api/chat, or the stream's done event) as a version of its turn. */
  function versionOf(result, question) {
    return {id: result.exchange_id, question: question, answer: result.answer,
      sources: result.sources, also_retrieved: result.also_retrieved,
      attributions: result.attributions, stop_reason: result.stop_reason, rating: null};
  }

  function turnNode(turn) {
    if (!turn.node) {
      turn.node = el("div", "turn");
      document.getElementById("messages").appendChild(turn.node);
    }
    return turn.node;
  }

  function showTurn(turn, index) {
    turn.shown = index;
    var version = turn.versions[index];
    var node = turnNode(turn);
    node.replaceChildren(userMessage(turn, version));
    var answer = assistantMessage(node);
    renderText(answer.text, version.answer, version.attributions);
    finishAnswer(answer, turn, version);
  }

  function userMessage(turn, version) {
    var box = el("div", "message user");
    box.appendChild(el("div", "text", version.question));
    if (version.id) {
      var edit = iconButton("edit-question", "pi pi-pencil", "Edit and resend");
      edit.addEventListener("click", function () { editQuestion(turn, box, version.question); });
      box.appendChild(edit);
    }
    return box;
  }

  function editQuestion(turn, box, question) {
    if (stream) {
      return;
    }
    var editor = el("textarea", "edit-text");
    editor.value = question;
    editor.setAttribute("aria-label", "Edited question");
    var resend = el("button", "button primary resend", "Send");
    var cancel = el("button", "button cancel-edit", "Cancel");
    resend.type = cancel.type = "button";
    resend.addEventListener("click", function () {
      var text = editor.value.trim();
      if (text) {
        ask(text, turn, options());
      }
    });
    cancel.addEventListener("click", function () { showTurn(turn, turn.shown); });
    editor.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        resend.click();
      }
    });
    box.replaceChildren(editor, resend, cancel);
    editor.focus();
  }

  /* Answers */

  /*
   * Shows an answer as its source wrote it: paragraphs at blank lines, lines indented by four
   * spaces (or a tab) as a code block, `backticked` words as code, everything else as text. The
   * stretches copied from a source are marks. Every piece is set with textContent: the shape comes
   * from the text, never markup from it.
   */
  function renderText(container, text, attributions) {
    container.replaceChildren();
    var copied = (attributions || []).map(function (a, index) {
      return {from: a.start, to: a.end, index: index, source: a.source};
    });
    var offset = 0;
    text.split(/(\n{2,})/).forEach(function (block, index) {
      var start = offset;
      offset += block.length;
      if (index % 2 === 1 || block === "") {
        return;
      }
      var lines = block.split("\n");
      if (lines.every(function (line) { return /^( {4}|\t)/.test(line) || line === ""; })) {
        var code = el("code");
        var at = start;
        lines.forEach(function (line, number) {
          var indent = (line.match(/^( {4}|\t)/) || [""])[0].length;
          if (number > 0) {
            code.appendChild(document.createTextNode("\n"));
          }
          appendMarked(code, line.slice(indent), at + indent, copied, "mark", "copied");
          at += line.length + 1;
        });
        var pre = el("pre", "code-block");
        pre.appendChild(code);
        container.appendChild(pre);
        return;
      }
      var paragraph = el("p");
      var position = start;
      block.split(/(`[^`\n]+`)/).forEach(function (piece, part) {
        if (part % 2 === 1) {
          var inline = el("code");
          appendMarked(inline, piece.slice(1, -1), position + 1, copied, "mark", "copied");
          paragraph.appendChild(inline);
        } else if (piece) {
          appendMarked(paragraph, piece, position, copied, "mark", "copied");
        }
        position += piece.length;
      });
      container.appendChild(paragraph);
    });
  }

  /*
   * Appends text that starts at `start` of a longer text, the parts of it inside `ranges` (sorted,
   * in the longer text's characters) as elements that name their attribution.
   */
  function appendMarked(parent, text, start, ranges, tag, className) {
    var at = 0;
    ranges.forEach(function (range) {
      var from = Math.max(range.from - start, at);
      var to = Math.min(range.to - start, text.length);
      if (to <= from) {
        return;
      }
      if (from > at) {
        parent.appendChild(document.createTextNode(text.slice(at, from)));
      }
      var node = el(tag, className, text.slice(from, to));
      node.dataset.attribution = range.index;
      if (range.source !== undefined) {
        node.dataset.source = range.source;
        node.tabIndex = 0;
        node.title = "Copied from source " + (range.source + 1);
      }
      parent.appendChild(node);
      at = to;
    });
    if (at < text.length) {
      parent.appendChild(document.createTextNode(text.slice(at)));
    }
  }

  function assistantMessage(parent) {
    var box = el("div", "message assistant");
    var text = el("div", "text");
    box.appendChild(text);
    parent.appendChild(box);
    return {box: box, text: text};
  }

  function finishAnswer(answer, turn, version) {
    if (version.id) {
      answer.box.dataset.exchange = version.id;
    }
    if (version.stop_reason === "cancelled") {
      answer.box.appendChild(el("div", "stopped", "stopped"));
    }
    var declined = version.stop_reason === "no_answer";
    if (declined) {
      answer.box.classList.add("no-answer");
    }
    var attributions = version.attributions || [];
    var used = sourceList("sources", "Sources", version.sources, attributions);
    if (used) {
      answer.box.appendChild(used);
    }
    var also = sourceList("also-retrieved", declined ? "Closest passages" : "Also retrieved",
        version.also_retrieved, []);
    if (also) {
      also.open = declined;
      answer.box.appendChild(also);
    }
    linkMarks(answer, used);
    answer.box.appendChild(answerActions(turn, version));
  }

  /* Hovering or focusing a copied stretch lights it, its source and the source's words. */
  function linkMarks(answer, used) {
    answer.text.querySelectorAll("mark.copied").forEach(function (mark) {
      function light(on) {
        mark.classList.toggle("active", on);
        if (!used) {
          return;
        }
        if (on) {
          used.open = true;
        }
        var item = used.querySelector("li[data-source='" + mark.dataset.source + "']");
        if (item) {
          item.classList.toggle("active", on);
        }
        used.querySelectorAll(".copied-source[data-attribution='" + mark.dataset.attribution + "']")
            .forEach(function (words) { words.classList.toggle("active", on); });
      }
      mark.addEventListener("mouseenter", function () { light(true); });
      mark.addEventListener("mouseleave", function () { light(false); });
      mark.addEventListener("focus", function () { light(true); });
      mark.addEventListener("blur", function () { light(false); });
    });
  }

  function sourceList(className, label, sources, attributions) {
    if (!sources || !sources.length) {
      return null;
    }
    var details = el("details", "sources " + className);
    details.appendChild(el("summary", null, label + " (" + sources.length + ")"));
    var list = el("ol");
    sources.forEach(function (source, index) {
      var item = el("li");
      item.dataset.source = index;
      item.appendChild(sourceOrigin(source));
      item.appendChild(el("span", "source-score",
          " similarity " + source.similarity.toFixed(2) + ", fused " + source.fused_score.toFixed(4)));
      item.appendChild(sourceField("source-text", source.text, index, "text", attributions));
      if (source.answer) {
        item.appendChild(sourceField("source-answer", source.answer, index, "answer", attributions));
      }
      list.appendChild(item);
    });
    details.appendChild(list);
    return details;
  }

  /* Where a source comes from; for the admin, a link that opens the record on the Data page. */
  function sourceOrigin(source) {
    var text = source.dataset_name + ", record " + source.record
        + (source.heading ? ", \u201c" + source.heading + "\u201d" : "") + " (" + source.kind + ")";
    if (!admin) {
      return el("span", "source-origin", text);
    }
    var link = el("a", "source-origin", text);
    link.href = dataPage + "?dataset=" + source.dataset_id + "&record=" + source.record;
    link.target = "_blank";
    link.rel = "noopener";
    return link;
  }

  function sourceField(className, text, source, field, attributions) {
    var ranges = [];
    attributions.forEach(function (a, index) {
      if (a.source === source && a.field === field) {
        ranges.push({from: a.source_start, to: a.source_end, index: index});
      }
    });
    ranges.sort(function (a, b) { return a.from - b.from; });
    var node = el("div", className);
    appendMarked(node, text, 0, ranges, "span", "copied-source");
    return node;
  }

  function iconButton(className, icon, title) {
    var button = el("button", "icon " + className);
    button.type = "button";
    button.title = title;
    button.setAttribute("aria-label", title);
    button.appendChild(el("span", icon));
    return button;
  }

  /* Copy, regenerate, the versions of the turn, and the rating. */
  function answerActions(turn, version) {
    var box = el("div", "answer-actions");
    var copy = iconButton("copy-answer", "pi pi-copy", "Copy the answer");
    var note = el("span", "action-note");
    copy.addEventListener("click", function () {
      copyText(version.answer).then(function () { note.textContent = "copied"; },
          function () { note.textContent = "could not copy"; });
    });
    box.appendChild(copy);
    if (version.id) {
      var again = iconButton("regenerate", "pi pi-refresh", "Regenerate the answer");
      again.addEventListener("click", function () {
        ask(version.question, turn, regenerateOptions());
      });
      box.appendChild(again);
    }
    if (turn.versions.length > 1) {
      box.appendChild(pager(turn));
    }
    box.appendChild(note);
    if (version.id) {
      box.appendChild(ratingControls(version.id, version.rating));
    }
    return box;
  }

  function pager(turn) {
    var box = el("span", "versions");
    var previous = iconButton("previous-version", "pi pi-angle-left", "Previous version");
    var next = iconButton("next-version", "pi pi-angle-right", "Next version");
    previous.disabled = turn.shown === 0;
    next.disabled = turn.shown === turn.versions.length - 1;
    previous.addEventListener("click", function () { showTurn(turn, turn.shown - 1); });
    next.addEventListener("click", function () { showTurn(turn, turn.shown + 1); });
    box.append(previous, el("span", "version-count", (turn.shown + 1) + " / " + turn.versions.length), next);
    return box;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyBySelection(text); });
    }
    return copyBySelection(text);
  }

  /* Without a secure context (or the page's focus) there is no clipboard API: copy a selection. */
  function copyBySelection(text) {
    var area = el("textarea");
    area.value = text;
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = document.execCommand("copy");
    area.remove();
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
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
    return optionQuery(true);
  }

  /* A regenerated answer samples (at the greedy default it would be the same answer again). */
  function regenerateOptions() {
    var temperature = Number(document.getElementById("opt-temperature").value);
    return optionQuery(false) + "&temperature=" + (temperature > 0 ? temperature : 0.7);
  }

  function optionQuery(withTemperature) {
    var query = "";
    [["temperature", "opt-temperature"], ["top_k", "opt-top-k"], ["top_p", "opt-top-p"],
      ["max_tokens", "opt-max-tokens"]].forEach(function (pair) {
      var value = document.getElementById(pair[1]).value;
      if (value !== "" && (withTemperature || pair[0] !== "temperature")) {
        query += "&" + pair[0] + "=" + encodeURIComponent(value);
      }
    });
    return query + "&use_rag=" + document.getElementById("opt-use-rag").checked;
  }

  function scrollDown() {
    var messages = document.getElementById("messages");
    messages.scrollTop = messages.scrollHeight;
  }

  function send() {
    var input = document.getElementById("message");
    var text = input.value.trim();
    if (!text || stream) {
      return;
    }
    input.value = "";
    ask(text, null, options());
  }

  /*
   * Asks `text` and streams the answer: a new turn, or (with `turn`) another version of that turn,
   * a regenerated answer or an edited question's.
   */
  function ask(text, turn, query) {
    if (stream) {
      return;
    }
    var node = turn ? turn.node : el("div", "turn");
    if (!turn) {
      document.getElementById("messages").appendChild(node);
    }
    var question = el("div", "message user");
    question.appendChild(el("div", "text", text));
    node.replaceChildren(question);
    var answer = assistantMessage(node);
    answer.box.classList.add("streaming");
    var url = api + "/chat/stream?message=" + encodeURIComponent(text)
        + (current ? "&conversation_id=" + current : "")
        + (turn ? "&alternative_of=" + turn.versions[turn.shown].id : "") + query;
    setStreaming(true);
    pending = answer;
    stream = new EventSource(url);
    stream.addEventListener("conversation", function (event) {
      current = JSON.parse(event.data).conversation_id;
    });
    stream.addEventListener("token", function (event) {
      answer.text.textContent += JSON.parse(event.data).text;
      scrollDown();
    });
    stream.addEventListener("done", function (event) {
      var result = JSON.parse(event.data);
      closeStream();
      current = result.conversation_id;
      var version = versionOf(result, text);
      var shown = turn || {id: result.exchange_id, versions: [], shown: 0, node: node};
      shown.versions.push(version);
      showTurn(shown, shown.versions.length - 1);
      scrollDown();
      loadConversations();
    });
    stream.addEventListener("error", function (event) {
      // The server's own error event carries a reason; a broken connection has none.
      var reason = event.data ? JSON.parse(event.data).error : "the connection was lost";
      closeStream();
      if (turn) {
        showTurn(turn, turn.shown);
      } else {
        node.remove();
      }
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
    dataPage = chat.dataset.dataPage;
    admin = chat.dataset.admin === "yes";
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
