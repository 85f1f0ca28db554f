/* The writer's desk on the article form: autosave, leave warning, presence, counters,
   search and social previews, live preview and tag suggestions. No inline code (strict CSP);
   the server keeps every rule, this only helps. */
(function () {
  "use strict";
  const desk = document.getElementById("writers-desk");
  const form = document.getElementById("article_form");
  // Steps that take a story off the site ask first, naming what happens.
  document.querySelectorAll("button[data-confirm]").forEach((button) => {
    button.addEventListener("click", (event) => {
      if (!window.confirm(button.dataset.confirm)) event.preventDefault();
    });
  });
  if (!desk || !form) return;
  const data = desk.dataset;
  const byName = (name) => form.elements.namedItem(name);
  const valueOf = (name) => {
    const field = byName(name);
    return field && typeof field.value === "string" ? field.value.trim() : "";
  };
  const csrf = () => valueOf("csrfmiddlewaretoken");
  const post = (url, body) =>
    fetch(url, {
      method: "POST",
      body: body || new FormData(),
      headers: { "X-CSRFToken": csrf(), "X-Requested-With": "fetch" },
      credentials: "same-origin",
    });
  const make = (tag, className, text) => {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  };

  // -- autosave and the leave warning ---------------------------------------------------------
  const status = document.getElementById("autosave-status");
  let dirty = false;
  let saving = false;
  let submitting = false;
  const autosaveEvery = 3000;

  function formData() {
    const body = new FormData(form);
    body.delete("_transition");
    return body;
  }
  function say(text, isError) {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("autosave-status--error", !!isError);
  }
  async function autosave() {
    if (!dirty || saving || submitting || !data.autosaveUrl) return;
    saving = true;
    dirty = false;
    try {
      const response = await post(data.autosaveUrl, formData());
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(answer.error || "the server refused it");
      say("Autosaved at " + answer.time);
    } catch (error) {
      dirty = true;
      say("Not autosaved (" + error.message + "): keep this page open and try saving.", true);
    } finally {
      saving = false;
    }
  }
  function changed(event) {
    if (event && event.target && event.target.closest && event.target.closest(".no-autosave")) return;
    dirty = true;
    say("Changes not yet autosaved…");
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", () => { submitting = true; });
  window.setInterval(autosave, autosaveEvery);
  window.addEventListener("beforeunload", (event) => {
    if (dirty && !submitting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  function sendBeacon(url, body) {
    if (url && navigator.sendBeacon) navigator.sendBeacon(url, body);
  }
  // Closing the tab or switching away keeps what is not autosaved yet, without waiting.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden" && dirty && !submitting) {
      sendBeacon(data.autosaveUrl, formData());
      dirty = false;
    }
  });
  window.addEventListener("pagehide", () => {
    if (dirty && !submitting) sendBeacon(data.autosaveUrl, formData());
    if (data.leaveUrl) {
      const body = new FormData();
      body.append("csrfmiddlewaretoken", csrf());
      sendBeacon(data.leaveUrl, body);
    }
  });

  // -- presence -------------------------------------------------------------------------------
  const presenceBox = document.getElementById("presence");
  async function heartbeat(opened) {
    if (!data.presenceUrl || !presenceBox) return;
    const body = new FormData();
    if (opened) body.append("opened", "1");
    try {
      const response = await post(data.presenceUrl, body);
      if (!response.ok) return;
      showPresence(await response.json());
    } catch (error) {
      /* offline for a moment: the next beat tries again */
    }
  }
  function showPresence(answer) {
    const list = presenceBox.querySelector(".presence__others");
    const takenOver = presenceBox.querySelector(".presence__taken-over");
    list.replaceChildren(
      ...answer.others.map((other) => make("li", "", `${other.name} is editing this since ${other.since}`))
    );
    presenceBox.querySelector(".presence__take-over").hidden = answer.others.length === 0;
    if (answer.taken_over_by) {
      takenOver.textContent =
        `${answer.taken_over_by.name} took over editing at ${answer.taken_over_by.at}. ` +
        "Your changes are kept in your autosaved draft; reload to see their version before saving.";
      takenOver.hidden = false;
    } else {
      takenOver.hidden = true;
    }
    presenceBox.hidden = answer.others.length === 0 && !answer.taken_over_by;
  }
  if (data.presenceUrl) {
    heartbeat(true);
    window.setInterval(() => heartbeat(false), (Number(data.heartbeatSeconds) || 15) * 1000);
  }

  // -- counts and the search and social previews ----------------------------------------------
  function countFor(field) {
    const min = Number(field.dataset.countMin);
    const max = Number(field.dataset.countMax);
    const counter = make("span", "char-count");
    counter.id = field.id + "-count";
    field.setAttribute("aria-describedby", [field.getAttribute("aria-describedby"), counter.id].filter(Boolean).join(" "));
    field.insertAdjacentElement("afterend", counter);
    const update = () => {
      const length = field.value.length;
      let verdict = "in range";
      if (length === 0) verdict = "empty";
      else if (length < min) verdict = "short";
      else if (length > max) verdict = "long";
      counter.textContent = `${length} characters · recommended ${min}–${max}` + (verdict === "in range" || verdict === "empty" ? "" : ` (${verdict})`);
      counter.dataset.verdict = verdict.replace(" ", "-");
    };
    field.addEventListener("input", update);
    update();
  }
  form.querySelectorAll("[data-count-min]").forEach(countFor);

  const body = byName("body");
  const words = make("p", "word-count");
  words.id = "word-count";
  function bodyText() {
    const scratch = document.createElement("div");
    scratch.innerHTML = body ? body.value.replace(/<\/(p|h\d|li|blockquote|figcaption)>/g, " ") : "";
    return scratch.textContent || "";
  }
  function updateWords() {
    const count = (bodyText().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) || []).length;
    const minutes = Math.max(1, Math.round(count / 230));
    words.textContent = count ? `${count} words · about ${minutes} min read` : "0 words";
  }
  if (body) {
    const row = body.closest(".form-row") || body.parentElement;
    row.append(words);
    body.addEventListener("input", updateWords);
    updateWords();
  }

  const cut = (text, limit) => (text.length > limit ? text.slice(0, limit - 1).trimEnd() + "…" : text);
  const chosenText = (name) => {
    const field = byName(name);
    const option = field && field.selectedOptions && field.selectedOptions[0];
    return option && option.value ? option.textContent.trim() : "";
  };
  function updatePreviews() {
    const headline = valueOf("headline");
    const standfirst = valueOf("standfirst");
    const searchTitle = valueOf("seo_title") || headline;
    const searchText = valueOf("meta_description") || standfirst || headline;
    const slug = valueOf("slug") || "…";
    const set = (id, text) => { const el = document.getElementById(id); if (el) el.textContent = text; };
    set("search-preview-title", cut(searchTitle || "Your headline", 60) + " | " + data.siteName);
    set("search-preview-url", data.publicUrlPrefix + slug + "/");
    set("search-preview-text", cut(searchText || "Your standfirst shows here.", 160));
    set("card-preview-title", cut(valueOf("social_title") || searchTitle || "Your headline", 90));
    set("card-preview-text", cut(valueOf("social_description") || searchText || "", 200));
    const image = chosenText("social_image") || chosenText("lead_image");
    set("card-preview-image", image ? "Picture: " + image : "No picture: add a lead or social image");
  }
  form.addEventListener("input", updatePreviews);
  form.addEventListener("change", updatePreviews);
  updatePreviews();

  // -- live preview ---------------------------------------------------------------------------
  const frame = document.getElementById("live-preview-frame");
  let previewTimer = null;
  function refreshPreview() {
    if (!frame || !data.livePreviewUrl) return;
    const action = form.getAttribute("action");
    const target = form.getAttribute("target");
    form.setAttribute("action", data.livePreviewUrl);
    form.setAttribute("target", frame.name);
    HTMLFormElement.prototype.submit.call(form);
    if (action === null) form.removeAttribute("action"); else form.setAttribute("action", action);
    if (target === null) form.removeAttribute("target"); else form.setAttribute("target", target);
  }
  const panel = document.getElementById("live-preview");
  if (panel) {
    panel.querySelector(".live-preview__refresh").addEventListener("click", refreshPreview);
    panel.querySelectorAll("[data-width]").forEach((button) => {
      button.addEventListener("click", () => {
        panel.dataset.width = button.dataset.width;
        panel.querySelectorAll("[data-width]").forEach((b) => b.setAttribute("aria-pressed", String(b === button)));
        if (!frame.dataset.loaded) refreshPreview();
      });
    });
    panel.addEventListener("toggle", () => { if (panel.open) refreshPreview(); });
    frame.addEventListener("load", () => { frame.dataset.loaded = "1"; });
    form.addEventListener("input", () => {
      if (!panel.open) return;
      window.clearTimeout(previewTimer);
      previewTimer = window.setTimeout(refreshPreview, 1500);
    });
  }

  // -- tag suggestions ------------------------------------------------------------------------
  const tags = byName("tags");
  if (tags && data.tagSuggestionsUrl) {
    const list = make("datalist");
    list.id = "tag-suggestions";
    tags.setAttribute("list", list.id);
    tags.setAttribute("autocomplete", "off");
    tags.insertAdjacentElement("afterend", list);
    let asked = "";
    tags.addEventListener("input", async () => {
      const parts = tags.value.split(",");
      const typed = parts[parts.length - 1].trim();
      if (!typed || typed === asked) return;
      asked = typed;
      const before = parts.slice(0, -1).map((p) => p.trim()).filter(Boolean);
      const response = await fetch(data.tagSuggestionsUrl + "?q=" + encodeURIComponent(typed), { credentials: "same-origin" });
      if (!response.ok) return;
      const answer = await response.json();
      if (typed !== asked) return; // a slower answer to an earlier keystroke: drop it
      list.replaceChildren(
        ...answer.tags
          .filter((name) => !before.some((b) => b.toLowerCase() === name.toLowerCase()))
          .map((name) => {
            const option = make("option");
            option.value = [...before, name].join(", ") + ", ";
            option.label = name;
            return option;
          })
      );
    });
  }
})();
