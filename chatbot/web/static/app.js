/* Progressive enhancement only: without this file every form posts and the page
   comes back whole. With it, a question's answer is added to the conversation log
   (a role="log" live region, so screen readers hear it) without a reload, and the
   focus stays in the question box. Nothing is stored in the browser. */
(function () {
  "use strict";
  if (!window.fetch || !window.FormData || !window.URLSearchParams ||
      !("content" in document.createElement("template"))) {
    return;
  }
  var log = document.getElementById("log");
  var chat = document.getElementById("chat");
  var input = document.getElementById("question");
  var status = document.getElementById("ask-status");
  if (!log || !chat || !status) {
    return;
  }
  var busy = false;
  var posting = null; // a form handed back to the browser after a failure

  function addHistory(question, alone) {
    var forms = document.querySelectorAll("form[data-chat-form]");
    for (var i = 0; i < forms.length; i++) {
      var field = document.createElement("input");
      field.type = "hidden";
      field.name = alone ? "history_alone" : "history";
      field.value = question;
      forms[i].appendChild(field);
    }
  }

  function showTurn(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var turn = template.content.querySelector("article.turn");
    if (!turn) {
      throw new Error("no turn");
    }
    var previous = document.getElementById("latest");
    if (previous) {
      previous.removeAttribute("id");
      previous.removeAttribute("tabindex");
    }
    // The forms already on the page learn the new question; the new turn's own
    // forms ("You could ask") came from the server with the whole history. An
    // earlier turn's "ask it on its own" choice goes: it would replace that turn.
    var stale = log.querySelectorAll("form.alone-choice");
    for (var i = 0; i < stale.length; i++) {
      stale[i].parentNode.removeChild(stale[i]);
    }
    addHistory(turn.getAttribute("data-question"), turn.hasAttribute("data-alone"));
    log.appendChild(turn);
    var save = document.querySelector("button[data-export]");
    if (save) {
      save.hidden = false;
    }
    return turn;
  }

  // The same error the server shows for an empty question, next to the box and
  // read out with it (aria-describedby); the status region announces it once.
  function showError(text) {
    var error = document.getElementById("question-error");
    if (error) {
      error.textContent = text;
      error.hidden = false;
      var described = (input.getAttribute("aria-describedby") || "").split(" ");
      if (described.indexOf("question-error") < 0) {
        described.push("question-error");
        input.setAttribute("aria-describedby", described.join(" ").trim());
      }
    }
    status.textContent = text;
    input.setAttribute("aria-invalid", "true");
    input.focus();
  }

  function clearError() {
    var error = document.getElementById("question-error");
    if (error) {
      error.hidden = true;
      error.textContent = "";
    }
    input.removeAttribute("aria-invalid");
    input.setAttribute("aria-describedby", "question-hint");
  }

  function emptyQuestion(form, submitter) {
    return form === chat && input && !(submitter && submitter.name) &&
      !input.value.trim();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter || null;
    if (!form.hasAttribute || !form.hasAttribute("data-chat-form") || form === posting) {
      return;
    }
    if (submitter && submitter.hasAttribute("formaction")) {
      return; // "Save this conversation": a normal download
    }
    event.preventDefault();
    if (busy) {
      return;
    }
    if (emptyQuestion(form, submitter)) {
      showError(chat.getAttribute("data-empty"));
      return;
    }
    var data = new FormData(form);
    if (submitter && submitter.name) {
      data.append(submitter.name, submitter.value);
    }
    busy = true;
    status.textContent = "Looking in the sources\u2026";
    fetch("/ask/turn", {
      method: "POST",
      body: new URLSearchParams(data),
      credentials: "omit",
      cache: "no-store"
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("status " + response.status);
      }
      return response.text();
    }).then(function (html) {
      var turn = showTurn(html);
      status.textContent = "";
      if (input) {
        input.value = "";
        clearError();
      }
      busy = false;
      turn.scrollIntoView({ block: "start" });
      if (input) {
        input.focus({ preventScroll: true });
      }
    }).catch(function () {
      // Let the browser post the form as it would without this script: the
      // server's own page then says what went wrong.
      busy = false;
      status.textContent = "";
      posting = form;
      if (form.requestSubmit) {
        form.requestSubmit(submitter);
      } else {
        form.submit();
      }
    });
  });
})();
