/* webcare4j demo front end: plain DOM, text inserted with textContent only. */
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var state = { meta: null, current: null, checkTimer: null, lastCheck: null };
  var ICON = { WHATSAPP: "WA", FACEBOOK: "FB", MESSENGER: "MS", INSTAGRAM: "IG", X: "X",
    LINKEDIN: "in", EMAIL: "@", WEBCHAT: "chat" };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function api(method, path, body) {
    // every call waits for a sign-in under way, so it goes out as the user now chosen
    var before = path === "session" ? Promise.resolve() : (state.signing || Promise.resolve());
    return before.then(function () {
      var headers = { "Content-Type": "application/json" };
      if (state.csrf) { headers["X-CSRF-Token"] = state.csrf; }
      return fetch("/api/" + path, { method: method, headers: headers, credentials: "same-origin",
        body: body === undefined ? undefined : JSON.stringify(body) });
    }).then(function (r) { return r.json().then(function (j) { return { status: r.status, body: j }; }); });
  }
  function agent() { return $("agent").value || "sanne"; }
  function waiting(s) {
    if (s === undefined) { return ""; }
    if (s < 60) { return "wacht < 1 min"; }
    if (s < 3600) { return "wacht " + Math.floor(s / 60) + " min"; }
    return "wacht " + Math.floor(s / 3600) + " u";
  }

  // ---- tabs ----
  function show(tab) {
    $("inbox").hidden = tab !== "inbox";
    $("planner").hidden = tab !== "planner";
    $("tab-inbox").setAttribute("aria-pressed", String(tab === "inbox"));
    $("tab-planner").setAttribute("aria-pressed", String(tab === "planner"));
    if (tab === "planner") { loadPlanner(); }
  }
  $("tab-inbox").addEventListener("click", function () { show("inbox"); });
  $("tab-planner").addEventListener("click", function () { show("planner"); });

  // ---- inbox ----
  function loadList() {
    var q = "conversations?channel=" + encodeURIComponent($("f-channel").value) +
      "&state=" + encodeURIComponent($("f-state").value) + "&flag=" + encodeURIComponent($("f-flag").value);
    return api("GET", q).then(function (r) {
      var ul = $("conversations");
      ul.textContent = "";
      r.body.forEach(function (c) {
        var li = el("li", "conv" + (state.current === c.id ? " selected" : ""));
        li.dataset.id = c.id;
        li.dataset.kind = c.kind;
        var b = el("button", "conv-open");
        b.type = "button";
        b.appendChild(el("span", "conv-kind k-" + c.kind, ICON[c.kind] || c.kind));
        b.appendChild(el("span", "conv-who", c.inwoner || c.subject || c.channel));
        b.appendChild(el("span", "conv-vis", c.visibility === "PUBLIC" ? "openbaar" : "privé"));
        b.appendChild(el("span", "conv-state", c.state));
        b.appendChild(el("span", "conv-wait", waiting(c.waitingSeconds)));
        (c.flags || []).forEach(function (f) { b.appendChild(el("span", "flag flag-" + f, f)); });
        b.appendChild(el("span", "conv-last", (c.subject && c.inwoner ? c.subject + " — " : "") +
          (c.lastText || "")));
        b.addEventListener("click", function () { openConversation(c.id); });
        li.appendChild(b);
        ul.appendChild(li);
      });
    });
  }
  ["f-channel", "f-state", "f-flag"].forEach(function (id) { $(id).addEventListener("change", loadList); });

  function openConversation(id) {
    state.current = id;
    return api("GET", "conversations/" + id).then(function (r) { renderConversation(r.body); loadList(); });
  }

  function renderConversation(c) {
    var box = $("conversation");
    box.textContent = "";
    var h = el("h2", "conv-title", (ICON[c.kind] || c.kind) + " · " + (c.inwoner || c.channel) +
      " · " + (c.visibility === "PUBLIC" ? "openbaar" : "privé"));
    box.appendChild(h);
    var meta = el("p", "conv-meta", "Status " + c.state + (c.assignee ? " · toegewezen aan " + c.assignee : "") +
      (c.labels.length ? " · labels: " + c.labels.join(", ") : ""));
    box.appendChild(meta);
    var actions = el("div", "actions");
    function action(id, label, fn) {
      var b = el("button", "", label);
      b.type = "button";
      b.id = id;
      b.addEventListener("click", fn);
      actions.appendChild(b);
    }
    action("assign", "Aan mij toewijzen", function () {
      api("POST", "conversations/" + c.id + "/assign", { agent: agent() }).then(function (r) { renderConversation(r.body); });
    });
    var label = el("input");
    label.id = "label-input";
    label.placeholder = "label";
    label.setAttribute("aria-label", "Label");
    actions.appendChild(label);
    action("label-add", "Label toevoegen", function () {
      api("POST", "conversations/" + c.id + "/label", { label: label.value }).then(function (r) { renderConversation(r.body); });
    });
    action("resolve", "Afhandelen", function () {
      api("POST", "conversations/" + c.id + "/resolve", {}).then(function (r) { renderConversation(r.body); loadList(); });
    });
    if (c.canHide) {
      action("hide", "Reactie verbergen", function () {
        api("POST", "conversations/" + c.id + "/hide", {}).then(function () { openConversation(c.id); });
      });
    }
    if (c.canMovePrivate) {
      action("private", "Naar privébericht", function () {
        api("POST", "conversations/" + c.id + "/private", { agent: agent() }).then(function () { openConversation(c.id); });
      });
    }
    box.appendChild(actions);
    var log = el("div", "messages");
    c.messages.forEach(function (m) {
      var d = el("div", "msg " + (m.direction === "INBOUND" ? "in" : "out") + (m.hidden ? " hidden-msg" : ""));
      d.appendChild(el("span", "msg-author", m.author + ": "));
      d.appendChild(el("span", "msg-text", m.text));
      (m.flags || []).forEach(function (f) { d.appendChild(el("span", "flag flag-" + f, f)); });
      if (m.direction === "OUTBOUND") { d.appendChild(el("span", "msg-status", m.status)); }
      log.appendChild(d);
    });
    box.appendChild(log);
    box.appendChild(composer(c));
  }

  function composer(c) {
    var form = el("form", "compose");
    var lab = el("label", "", "Antwoord");
    lab.htmlFor = "reply";
    var ta = el("textarea");
    ta.id = "reply";
    ta.rows = 4;
    var preview = el("div", "preview");
    preview.id = "preview";
    preview.setAttribute("aria-hidden", "true");
    var findings = el("ul", "findings");
    findings.id = "findings";
    findings.setAttribute("aria-live", "polite");
    var signoff = el("button", "", "Ondertekening toevoegen");
    signoff.type = "button";
    signoff.id = "signoff";
    var reasonLabel = el("label", "", "Reden om toch te versturen");
    reasonLabel.htmlFor = "override-reason";
    reasonLabel.hidden = true;
    var reason = el("input");
    reason.id = "override-reason";
    reason.hidden = true;
    var send = el("button", "primary", "Versturen");
    send.type = "submit";
    send.id = "send";
    var result = el("p", "result");
    result.id = "send-result";
    result.setAttribute("role", "status");
    [lab, ta, preview, findings, signoff, reasonLabel, reason, send, result].forEach(function (n) { form.appendChild(n); });

    function check() {
      var text = ta.value;
      api("POST", "conversations/" + c.id + "/check", { text: text, agent: agent() }).then(function (r) {
        if (ta.value !== text) { return; }
        state.lastCheck = r.body;
        renderFindings(text, r.body, preview, findings);
        var blocked = !r.body.sendable;
        reasonLabel.hidden = !blocked;
        reason.hidden = !blocked;
      });
    }
    ta.addEventListener("input", function () {
      clearTimeout(state.checkTimer);
      state.checkTimer = setTimeout(check, 250);
    });
    signoff.addEventListener("click", function () {
      if (state.lastCheck && state.lastCheck.fixedText) { ta.value = state.lastCheck.fixedText; check(); }
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      send.disabled = true;
      api("POST", "conversations/" + c.id + "/reply", { text: ta.value, agent: agent(),
        overrideReason: reason.hidden ? "" : reason.value }).then(function (r) {
        send.disabled = false;
        if (r.status === 200) {
          renderConversation(r.body.conversation);
          $("send-result").textContent = "Verstuurd (" + r.body.state + ")";
          loadList();
        } else if (r.body.blocked) {
          result.textContent = "Geblokkeerd door de huisregels: pas de tekst aan of geef een reden.";
          renderFindings(ta.value, r.body, preview, findings);
          reasonLabel.hidden = false;
          reason.hidden = false;
        } else {
          result.textContent = r.body.error || "Versturen lukte niet";
        }
      });
    });
    return form;
  }

  function renderFindings(text, report, preview, list) {
    preview.textContent = "";
    var spans = report.findings.filter(function (f) { return f.end > f.start && f.end <= text.length; })
      .sort(function (a, b) { return a.start - b.start; });
    var pos = 0;
    spans.forEach(function (f) {
      if (f.start < pos) { return; }
      preview.appendChild(document.createTextNode(text.slice(pos, f.start)));
      var m = el("mark", "sev-" + f.severity, text.slice(f.start, f.end));
      m.title = f.message;
      preview.appendChild(m);
      pos = f.end;
    });
    preview.appendChild(document.createTextNode(text.slice(pos)));
    list.textContent = "";
    report.findings.forEach(function (f) {
      var li = el("li", "finding sev-" + f.severity);
      li.dataset.rule = f.rule;
      li.appendChild(el("strong", "", f.severity + " " + f.rule + ": "));
      li.appendChild(document.createTextNode(f.message + (f.suggestion ? " " + f.suggestion : "")));
      list.appendChild(li);
    });
  }

  $("sim-send").addEventListener("click", function () {
    api("POST", "simulate", { channel: $("sim-channel").value }).then(loadList);
  });

  // ---- planner ----
  function publishers() { return state.meta.channels.filter(function (c) { return c.publishes; }); }

  function draft() {
    var channels = [];
    var variants = {};
    document.querySelectorAll(".p-channel").forEach(function (cb) { if (cb.checked) { channels.push(cb.value); } });
    document.querySelectorAll(".p-variant").forEach(function (t) { variants[t.dataset.channel] = t.value; });
    return { text: $("p-text").value, link: $("p-link").value, image: $("p-image").value,
      channels: channels, variants: variants };
  }

  function validate() {
    var d = draft();
    var out = $("p-report");
    var seq = (state.validateSeq = (state.validateSeq || 0) + 1);
    if (!d.channels.length) { out.textContent = "Kies minstens één kanaal."; return; }
    api("POST", "publications/validate", { draft: d }).then(function (r) {
      if (seq !== state.validateSeq) { return; } // a later check is on its way
      out.textContent = "";
      if (r.status !== 200) { out.textContent = r.body.error; return; }
      Object.keys(r.body.channels).forEach(function (ch) {
        var rep = r.body.channels[ch];
        var h = el("p", "p-count", ch + ": " + rep.length + " / " + rep.maxLength);
        out.appendChild(h);
        var ul = el("ul", "findings");
        rep.findings.forEach(function (f) {
          var li = el("li", "finding sev-" + f.severity, f.severity + " " + f.rule + ": " + f.message);
          li.dataset.rule = f.rule;
          li.dataset.channel = ch;
          ul.appendChild(li);
        });
        out.appendChild(ul);
      });
    });
  }

  function setupPlannerForm() {
    var fs = $("p-channels");
    publishers().forEach(function (c) {
      var lab = el("label", "check");
      var cb = el("input", "p-channel");
      cb.type = "checkbox";
      cb.value = c.id;
      cb.addEventListener("change", validate);
      lab.appendChild(cb);
      lab.appendChild(document.createTextNode(" " + c.id));
      fs.appendChild(lab);
      var vl = el("label", "", "Eigen tekst voor " + c.id + " (optioneel)");
      var vt = el("textarea", "p-variant");
      vt.dataset.channel = c.id;
      vt.rows = 2;
      vt.id = "p-variant-" + c.id;
      vl.htmlFor = vt.id;
      vt.addEventListener("input", validate);
      $("p-variants").appendChild(vl);
      $("p-variants").appendChild(vt);
    });
    ["p-text", "p-link", "p-image"].forEach(function (id) { $(id).addEventListener("input", validate); });
    $("p-form").addEventListener("submit", function (e) {
      e.preventDefault();
      api("POST", "publications", { by: agent(), draft: draft() }).then(function (r) {
        if (r.status !== 200) { $("p-report").textContent = r.body.error; return; }
        $("p-text").value = "";
        loadPlanner();
      });
    });
  }

  function tomorrow() {
    var d = new Date(Date.now() + 24 * 3600 * 1000);
    var pad = function (n) { return String(n).padStart(2, "0"); };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T09:00";
  }

  function loadPlanner() {
    api("GET", "publications").then(function (r) {
      var ul = $("p-list");
      ul.textContent = "";
      r.body.forEach(function (p) {
        var li = el("li", "pub state-" + p.state);
        li.dataset.id = p.id;
        li.appendChild(el("span", "pub-state", p.state));
        li.appendChild(el("span", "pub-text", p.text));
        if (p.scheduledFor) { li.appendChild(el("span", "pub-at", p.scheduledFor.replace("T", " "))); }
        var results = el("ul", "pub-results");
        (p.channels || []).forEach(function (c) {
          var r = el("li", "pub-result status-" + c.status, c.channel + ": " + c.status);
          r.dataset.channel = c.channel;
          if (c.permalink) {
            var a = el("a", null, "bekijk");
            a.href = c.permalink;
            a.rel = "noopener";
            a.target = "_blank";
            r.appendChild(document.createTextNode(" "));
            r.appendChild(a);
          }
          if (c.failure) { r.appendChild(document.createTextNode(" — " + c.failure)); }
          results.appendChild(r);
        });
        li.appendChild(results);
        var msg = el("span", "pub-msg");
        msg.setAttribute("role", "status");
        function act(cls, label, path, body) {
          var b = el("button", cls, label);
          b.type = "button";
          b.addEventListener("click", function () {
            var payload = body();
            payload.by = agent();
            api("POST", "publications/" + p.id + "/" + path, payload).then(function (res) {
              if (res.status !== 200) { msg.textContent = res.body.error || "niet gelukt"; return; }
              loadPlanner();
            });
          });
          li.appendChild(b);
        }
        if (p.state === "DRAFT" || p.state === "REJECTED") {
          var at = el("input", "p-at");
          at.type = "datetime-local";
          at.value = tomorrow();
          at.setAttribute("aria-label", "Moment van publiceren");
          li.appendChild(at);
          act("p-schedule", "Inplannen", "schedule", function () { return { at: at.value }; });
        }
        if (p.state === "AWAITING_APPROVAL") {
          act("p-approve", "Goedkeuren", "approve", function () { return { comment: "Akkoord" }; });
          act("p-reject", "Afkeuren", "reject", function () { return { comment: "Graag aanpassen" }; });
        }
        if (p.state === "PAUSED" || p.state === "NEEDS_ATTENTION") {
          act("p-release", "Vrijgeven", "release", function () { return {}; });
        }
        if (p.state === "FAILED") {
          act("p-retry", "Opnieuw proberen", "retry", function () { return {}; });
        }
        li.appendChild(msg);
        ul.appendChild(li);
      });
    });
    api("GET", "calendar").then(function (r) {
      var cal = $("calendar");
      cal.textContent = "";
      r.body.forEach(function (d) {
        var col = el("div", "day");
        col.appendChild(el("h4", "", new Date(d.date + "T12:00").toLocaleDateString("nl-NL",
          { weekday: "short", day: "numeric", month: "short" })));
        d.entries.forEach(function (e) {
          var item = el("div", "entry state-" + e.state, e.time.slice(0, 5) + " " + e.channel + " · " + e.state);
          item.title = e.text;
          col.appendChild(item);
        });
        cal.appendChild(col);
      });
    });
    loadCrisis();
  }

  function loadCrisis() {
    return api("GET", "crisis").then(function (r) { renderCrisis(r.body); });
  }
  function renderCrisis(c) {
    var banner = $("crisis-banner");
    banner.hidden = !c.active;
    banner.textContent = c.active ? "Crisispauze actief sinds " + new Date(c.at).toLocaleString("nl-NL") +
      " door " + c.by + ": " + c.reason + ". Er wordt niets gepubliceerd." : "";
    $("crisis-release").hidden = !c.active;
    $("crisis-pause").hidden = c.active;
  }
  $("crisis-pause").addEventListener("click", function () {
    api("POST", "crisis", { by: agent(), reason: $("crisis-reason").value }).then(function (r) {
      renderCrisis(r.body);
      loadPlanner();
    });
  });
  $("crisis-release").addEventListener("click", function () {
    api("POST", "crisis/release", { by: agent() }).then(function (r) { renderCrisis(r.body); loadPlanner(); });
  });

  // ---- start ----
  api("GET", "meta").then(function (r) {
    state.meta = r.body;
    r.body.agents.forEach(function (a) {
      var o = el("option", "", a.name);
      o.value = a.id;
      $("agent").appendChild(o);
    });
    r.body.channels.forEach(function (c) {
      var o = el("option", "", c.id);
      o.value = c.id;
      $("f-channel").appendChild(o);
      if (c.simulated) {
        var s = el("option", "", c.label);
        s.value = c.id;
        $("sim-channel").appendChild(s);
      }
    });
    $("sim").hidden = r.body.live;
    return signIn();
  }).then(function () {
    setupPlannerForm();
    loadList();
    loadCrisis();
    document.body.dataset.ready = "true";
  });
  // Who acts is who is signed in: switching "Ingelogd als" signs the other demo user in.
  function signIn() {
    state.signing = api("POST", "session", { user: agent() }).then(function (r) {
      state.csrf = r.body.csrf;
    });
    return state.signing;
  }
  $("agent").addEventListener("change", function () {
    signIn().then(function () { loadList(); if (!$("planner").hidden) { loadPlanner(); } });
  });
  setInterval(function () { if (!$("inbox").hidden) { loadList(); } }, 5000);
}());
