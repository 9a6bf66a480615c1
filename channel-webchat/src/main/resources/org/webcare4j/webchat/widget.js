/*
 * webcare4j live chat widget. One file, no framework, no build step:
 *   <script src="https://chat.example.nl/webchat/widget.js" data-lang="nl" defer></script>
 * All text from either side is inserted as text (textContent), never as HTML.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__webcare4jChat) { return; }
  window.__webcare4jChat = true;
  var base = script.src.replace(/widget\.js(\?.*)?$/, "");
  var lang = (script.getAttribute("data-lang") || navigator.language || "nl").slice(0, 2) === "en" ? "en" : "nl";
  var T = {
    nl: {
      launcher: "Chat met ons", title: "Chat met de gemeente", close: "Chat sluiten",
      label: "Uw bericht", send: "Versturen", you: "U", team: "Medewerker",
      typing: "{name} typt een bericht…", typingAnon: "Een medewerker typt een bericht…",
      waitUnknown: "We reageren zo snel mogelijk.", wait: "Verwachte wachttijd: ongeveer {min} minuten.",
      waitShort: "Verwachte wachttijd: minder dan een minuut.",
      closed: "We zijn nu niet bereikbaar via de chat. We zijn er weer op {when}.",
      closedNoTime: "We zijn nu niet bereikbaar via de chat.",
      offlineIntro: "Laat een bericht achter, dan mailen we u het antwoord.",
      email: "Uw e-mailadres", message: "Uw bericht", leave: "Bericht achterlaten",
      offlineDone: "Dank u. We mailen u het antwoord zo snel mogelijk.",
      transcript: "Gesprek downloaden", tooMany: "U stuurt veel berichten kort na elkaar. Wacht even en probeer het opnieuw.",
      tooLong: "Uw bericht is te lang.", failed: "Versturen lukte niet. Probeer het opnieuw.",
      invalidEmail: "Vul een geldig e-mailadres in.", reconnecting: "Verbinding herstellen…",
      expired: "Uw vorige chatgesprek is afgesloten. Een nieuw bericht begint een nieuw gesprek.",
      busy: "De chat is nu erg druk. Probeer het over een paar minuten opnieuw."
    },
    en: {
      launcher: "Chat with us", title: "Chat with the municipality", close: "Close chat",
      label: "Your message", send: "Send", you: "You", team: "Agent",
      typing: "{name} is typing…", typingAnon: "An agent is typing…",
      waitUnknown: "We will answer as soon as we can.", wait: "Expected wait: about {min} minutes.",
      waitShort: "Expected wait: less than a minute.",
      closed: "The chat is closed right now. We are back on {when}.",
      closedNoTime: "The chat is closed right now.",
      offlineIntro: "Leave a message and we will e-mail you the answer.",
      email: "Your e-mail address", message: "Your message", leave: "Leave message",
      offlineDone: "Thank you. We will e-mail you the answer as soon as we can.",
      transcript: "Download conversation", tooMany: "You are sending many messages in a row. Please wait a moment.",
      tooLong: "Your message is too long.", failed: "Sending failed. Please try again.",
      invalidEmail: "Please enter a valid e-mail address.", reconnecting: "Reconnecting…",
      expired: "Your earlier chat has ended. A new message starts a new chat.",
      busy: "The chat is very busy right now. Please try again in a few minutes."
    }
  }[lang];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function fmt(s, vars) {
    return s.replace(/\{(\w+)\}/g, function (m, k) { return vars[k]; });
  }
  var uid = 0;
  function id(prefix) { uid += 1; return "wc-" + prefix + "-" + uid; }

  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = base + "widget.css";
  document.head.appendChild(css);

  var root = el("div", "wc-root");
  root.setAttribute("lang", lang);
  var launcher = el("button", "wc-launcher", T.launcher);
  launcher.type = "button";
  launcher.setAttribute("aria-expanded", "false");
  var panel = el("div", "wc-panel");
  var panelId = id("panel");
  panel.id = panelId;
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  launcher.setAttribute("aria-controls", panelId);
  var titleId = id("title");
  var header = el("div", "wc-header");
  var title = el("h2", "wc-title", T.title);
  title.id = titleId;
  panel.setAttribute("aria-labelledby", titleId);
  var close = el("button", "wc-close", "×");
  close.type = "button";
  close.setAttribute("aria-label", T.close);
  header.appendChild(title);
  header.appendChild(close);
  var status = el("p", "wc-status");
  status.setAttribute("aria-live", "polite");
  var log = el("div", "wc-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-relevant", "additions");
  log.tabIndex = 0;
  log.setAttribute("aria-label", T.title);
  var typing = el("p", "wc-typing");
  typing.setAttribute("aria-live", "polite");
  typing.hidden = true;

  var form = el("form", "wc-form");
  var inputId = id("input");
  var label = el("label", "wc-label", T.label);
  label.htmlFor = inputId;
  var input = el("textarea", "wc-input");
  input.id = inputId;
  input.rows = 2;
  input.maxLength = 2000;
  var send = el("button", "wc-send", T.send);
  send.type = "submit";
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(send);
  var transcript = el("button", "wc-transcript", T.transcript);
  transcript.type = "button";

  var offline = el("form", "wc-offline");
  offline.hidden = true;
  var offlineIntro = el("p", "wc-offline-intro", T.offlineIntro);
  var emailId = id("email");
  var emailLabel = el("label", "wc-label", T.email);
  emailLabel.htmlFor = emailId;
  var email = el("input", "wc-offline-email");
  email.type = "email";
  email.id = emailId;
  email.autocomplete = "email";
  email.required = true;
  var offTextId = id("offtext");
  var offLabel = el("label", "wc-label", T.message);
  offLabel.htmlFor = offTextId;
  var offText = el("textarea", "wc-offline-text");
  offText.id = offTextId;
  offText.rows = 3;
  offText.required = true;
  var offSend = el("button", "wc-offline-send", T.leave);
  offSend.type = "submit";
  var offDone = el("p", "wc-offline-done");
  offDone.setAttribute("role", "status");
  [offlineIntro, emailLabel, email, offLabel, offText, offSend, offDone].forEach(function (n) {
    offline.appendChild(n);
  });

  [header, status, log, typing, form, transcript, offline].forEach(function (n) { panel.appendChild(n); });
  root.appendChild(launcher);
  root.appendChild(panel);
  document.body.appendChild(root);

  var KEY = "webcare4j.chat.token";
  var token = null;
  try { token = sessionStorage.getItem(KEY); } catch (e) { token = null; }
  var lastId = 0;
  var seen = {};
  var source = null;
  var failures = 0;
  var polling = false;
  var isOpen = true;
  var typingTimer = null;

  function api(method, path, body) {
    var headers = { "Content-Type": "application/json" };
    if (token) { headers.Authorization = "Bearer " + token; }
    return fetch(base + path, { method: method, headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body) });
  }

  function showStatus(s) {
    isOpen = !!s.open;
    form.hidden = !isOpen;
    transcript.hidden = !isOpen;
    offline.hidden = isOpen;
    if (!isOpen) {
      var when = s.opensAt ? new Date(s.opensAt).toLocaleString(lang === "en" ? "en-GB" : "nl-NL",
        { weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" }) : null;
      status.textContent = when ? fmt(T.closed, { when: when }) : T.closedNoTime;
    } else if (typeof s.expectedWaitSeconds === "number") {
      var min = Math.round(s.expectedWaitSeconds / 60);
      status.textContent = min < 1 ? T.waitShort : fmt(T.wait, { min: min });
    } else {
      status.textContent = T.waitUnknown;
    }
  }

  function render(ev) {
    if (seen[ev.id]) { return; }
    seen[ev.id] = true;
    if (ev.id > lastId) { lastId = ev.id; }
    if (ev.type === "typing") {
      // An agent who stops typing without sending says nothing more: hide it after a while.
      clearTimeout(typingTimer);
      typing.hidden = !ev.typing;
      typing.textContent = ev.typing ? T.typingAnon : "";
      if (ev.typing) { typingTimer = setTimeout(function () { typing.hidden = true; }, 20000); }
      return;
    }
    if (ev.type !== "message") { return; }
    var mine = ev.from === "visitor";
    var item = el("div", "wc-msg " + (mine ? "wc-msg-visitor" : "wc-msg-agent"));
    var who = el("span", "wc-who", (mine ? T.you : (ev.author || T.team)) + ": ");
    var text = el("span", "wc-text", ev.text);
    item.appendChild(who);
    item.appendChild(text);
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    if (!mine) { typing.hidden = true; }
  }

  // The server forgot the session (it expired or the server restarted): start afresh on the
  // next message, and say so; what is on screen stays.
  function forgetSession() {
    token = null;
    lastId = 0;
    seen = {};
    polling = false;
    failures = 0;
    if (source && source.close) { source.close(); } // not while a ticket is being fetched
    source = null;
    try { sessionStorage.removeItem(KEY); } catch (e) { /* private mode */ }
    log.appendChild(el("div", "wc-notice", T.expired));
  }

  function longPoll() {
    if (!token) { polling = false; return; }
    polling = true;
    var forToken = token;
    api("GET", "events?after=" + lastId).then(function (r) {
      if (r.status === 401) { if (token === forToken) { forgetSession(); } return null; }
      if (!r.ok) { throw new Error("events " + r.status); }
      return r.json();
    }).then(function (body) {
      if (token !== forToken) { return; }
      if (body && body.events) { body.events.forEach(render); }
      if (token) { setTimeout(longPoll, 0); }
    }).catch(function () { setTimeout(longPoll, 2000); });
  }

  // An EventSource cannot send headers, and the session token must not appear in a URL: each
  // connection takes a one-time ticket, so a reconnect takes a new one.
  function connect() {
    if (!token || source || polling) { return; }
    if (!window.EventSource || failures >= 3) { longPoll(); return; }
    var forToken = token;
    source = "pending";
    api("POST", "stream/ticket").then(function (r) {
      if (r.status === 401) { source = null; if (token === forToken) { forgetSession(); } return null; }
      if (!r.ok) { throw new Error("ticket " + r.status); }
      return r.json();
    }).then(function (t) {
      if (!t) { return; }
      if (token !== forToken) { source = null; return; }
      var es = new EventSource(base + "stream?ticket=" + encodeURIComponent(t.ticket) +
        "&lastEventId=" + lastId);
      source = es;
      ["message", "typing"].forEach(function (type) {
        es.addEventListener(type, function (e) {
          failures = 0;
          render(JSON.parse(e.data));
        });
      });
      es.onopen = function () { failures = 0; };
      es.onerror = function () {
        es.close();
        if (source === es) { source = null; }
        failures += 1;
        if (failures >= 3) { status.textContent = T.reconnecting; }
        setTimeout(connect, 1000 * failures);
      };
    }).catch(function () {
      source = null;
      failures += 1;
      setTimeout(connect, 1000 * failures);
    });
  }

  function ensureSession() {
    if (token) { return Promise.resolve(token); }
    return api("POST", "session", { lang: lang }).then(function (r) {
      if (!r.ok) { var e = new Error("session " + r.status); e.status = r.status; throw e; }
      return r.json();
    }).then(function (s) {
      token = s.token;
      try { sessionStorage.setItem(KEY, token); } catch (e) { /* private mode */ }
      connect();
      return token;
    });
  }

  // Posts a message; when the server no longer knows the session, once more in a new one.
  function post(text, cid, again) {
    return ensureSession().then(function () {
      return api("POST", "messages", { text: text, clientId: cid });
    }).then(function (r) {
      if (r.status === 401 && again) { forgetSession(); return post(text, cid, false); }
      return r;
    });
  }

  function openPanel() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    api("GET", "status").then(function (r) { return r.json(); }).then(function (s) {
      showStatus(s);
      (isOpen ? input : email).focus();
    });
    if (token) { connect(); }
    input.focus();
  }

  function closePanel() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  launcher.addEventListener("click", function () { if (panel.hidden) { openPanel(); } else { closePanel(); } });
  close.addEventListener("click", closePanel);
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") { closePanel(); } });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit ? form.requestSubmit() : send.click(); }
  });

  function clientId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    var cid = clientId();
    send.disabled = true;
    post(text, cid, true).then(function (r) {
      send.disabled = false;
      if (r.status === 429) { status.textContent = T.tooMany; return; }
      if (r.status === 413) { status.textContent = T.tooLong; return; }
      if (!r.ok) { status.textContent = T.failed; return; }
      input.value = "";
      return r.json().then(function (b) {
        render({ id: b.id, type: "message", from: "visitor", text: text });
      });
    }).catch(function (err) {
      send.disabled = false;
      status.textContent = err && (err.status === 429 || err.status === 503) ? T.busy : T.failed;
    });
  });

  offline.addEventListener("submit", function (e) {
    e.preventDefault();
    api("POST", "offline", { email: email.value.trim(), text: offText.value.trim() }).then(function (r) {
      if (r.status === 400) { offDone.textContent = T.invalidEmail; return; }
      if (!r.ok) { offDone.textContent = T.failed; return; }
      offDone.textContent = T.offlineDone;
      offText.value = "";
    });
  });

  transcript.addEventListener("click", function () {
    if (!token) { return; }
    api("GET", "transcript").then(function (r) {
      if (r.status === 401) { forgetSession(); return null; }
      return r.ok ? r.blob() : null;
    }).then(function (blob) {
      if (!blob) { return; }
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "chat.txt";
      document.body.appendChild(a);
      a.click();
      a.remove();
    });
  });

  if (token) { connect(); }
}());
