/* Select-to-annotate on the article admin page. Vanilla JS, no dependencies, nothing from a CDN.
 *
 * Invariants:
 * - Offsets are code points of Article.body, as in the API and Python (str indices). JavaScript
 *   strings count UTF-16 units, so lengths are always taken with for..of / Array.from, never .length.
 * - The rendered body maps 1:1 onto Article.body: every segment is a span.seg whose data-start is its
 *   code-point offset, and its text nodes hold exactly body[start:end]. A DOM selection is turned into
 *   offsets by finding the segment of each boundary and counting code points from its data-start.
 * - Article text only ever reaches the DOM through text nodes / textContent (never innerHTML), so a
 *   body holding markup stays inert.
 * - The server decides: every write goes through the REST API (session + CSRF), whose answer is what
 *   gets re-rendered. The user flags in the config only decide which controls are offered.
 * - Highlights carry their review state (hl-state-open|confirmed|dismissed|resolved) and origin
 *   (hl-human), and a ``filter`` predicate (set by workspace.js) decides which annotations are drawn.
 *   Every render dispatches "annotator:render" on the body; workspace.js builds the flag list from it.
 */
(function () {
  "use strict";

  // When several annotations of one kind cover a passage, the highlight shows the state needing the most attention.
  const STATE_PRIORITY = ["open", "confirmed", "resolved", "dismissed"];
  const DECISIONS = {open: ["confirm", "dismiss"], confirmed: ["resolve", "reopen"], dismissed: ["reopen"], resolved: ["reopen"]};
  const CONFLICT_MESSAGE = "This annotation was changed by someone else; reload.";

  // --- helpers ---------------------------------------------------------------------------------

  function cpLength(text) {
    let n = 0;
    for (const _ of text) n += 1; // eslint-disable-line no-unused-vars
    return n;
  }

  const {el, api} = window.DeskDom;

  function errorText(result) {
    return result.status === 412 ? CONFLICT_MESSAGE : window.DeskDom.errorText(result);
  }

  /** The id of the annotation a 409 says already exists (issue 21: the duplicate's body names it), or null. */
  function existingId(data) {
    if (!data || typeof data !== "object") return null;
    for (const key of ["existing_id", "existing", "existing_annotation", "duplicate_of", "annotation"]) {
      const value = data[key];
      const id = value && typeof value === "object" ? value.id : value;
      if (Number.isInteger(Number(id)) && Number(id) > 0) return Number(id);
    }
    return null;
  }

  function results(data) {
    return Array.isArray(data) ? data : data && Array.isArray(data.results) ? data.results : [];
  }

  function debounce(fn, ms) {
    let timer = null;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
  }

  // A word that reads as an attribution ("said", "according to") makes a selection a source attribution.
  const ATTRIBUTION_CUE = /\b(according to|said|says|told|stated|announced|claimed|reported|spokes(?:man|woman|person))\b/iu;

  /** The kind a new annotation of ``quote`` most likely has: one word is a typo, a sentence an unverified claim. */
  function likelyKind(quote) {
    const words = quote.trim().split(/\s+/u).filter(Boolean);
    if (words.length === 1 && cpLength(words[0]) <= 40) return "typo";
    const sentence = words.length >= 8 || /[.!?…]["'”’)]*$/u.test(quote.trim());
    if (!sentence && ATTRIBUTION_CUE.test(quote)) return "source_attribution";
    if (sentence || words.length >= 4) return "unverified_claim";
    return "note";
  }

  // --- offsets ---------------------------------------------------------------------------------

  /** The code-point offset in the body of a DOM boundary point (node, offset), or null outside. */
  function boundaryOffset(container, node, offset, total) {
    if (!container.contains(node)) {
      // Outside the body: before it or after it.
      const position = container.compareDocumentPosition(node);
      if (position & Node.DOCUMENT_POSITION_PRECEDING) return 0;
      if (position & Node.DOCUMENT_POSITION_FOLLOWING) return total;
      return null;
    }
    const start = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    const seg = start && start.closest(".seg[data-start]");
    if (seg && container.contains(seg) && node.nodeType === Node.TEXT_NODE) {
      // Walk the segment's text nodes up to the boundary, counting code points.
      let count = Number(seg.dataset.start);
      const walker = document.createTreeWalker(seg, NodeFilter.SHOW_TEXT);
      for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        if (text === node) return count + cpLength(text.data.slice(0, offset));
        count += cpLength(text.data);
      }
    }
    // An element boundary (e.g. between segments): count every text node before it.
    const range = document.createRange();
    range.setStart(container, 0);
    range.setEnd(node, offset);
    return cpLength(range.toString());
  }

  // --- the annotator -------------------------------------------------------------------------------

  class Annotator {
    constructor(container, config) {
      this.container = container;
      this.config = config;
      this.kinds = new Map(config.kinds.map((k) => [k.value, k]));
      this.reasons = new Map(config.reasons.map((r) => [r.value, r.label]));
      this.body = "";
      this.codePoints = [];
      this.annotations = [];
      this.etag = null; // the article's ETag as last read (If-Match of writes to the article)
      this.filter = () => true; // which annotations are drawn (workspace.js sets it)
      this.currentId = null; // the flag the workspace has selected; its passage is outlined
      this.pending = null; // the passage the create panel is open for
      this.panel = null;
      this.returnFocus = null;
      this.status = el("p", {className: "annotator-status", role: "status", "aria-live": "polite"});
      this.block = container.closest(".annotated-text-block") || container.parentElement;
    }

    async start() {
      this.container.setAttribute("aria-label", "Article body: select text to annotate it");
      const help = this.block.querySelector("p.help");
      const toolbar = el(
        "div", {className: "annotator-toolbar"},
        el("button", {type: "button", className: "button", id: "annotator-annotate-selection", onclick: () => this.openCreateFromSelection(true)}, "Annotate selected text"),
        el("span", {className: "annotator-hint", text: " Select a passage to annotate it; Tab to a highlight and press Enter for its details, history and review."}),
      );
      this.container.before(toolbar);
      this.container.after(this.status);
      if (help) help.hidden = true;
      this.container.addEventListener("mouseup", () => setTimeout(() => this.openCreateFromSelection(false), 0));
      this.container.addEventListener("keyup", (event) => {
        if (event.shiftKey) setTimeout(() => this.openCreateFromSelection(false), 0);
      });
      this.container.addEventListener("click", (event) => {
        const seg = event.target.closest(".seg[data-ids]");
        const selection = window.getSelection();
        if (seg && (!selection || selection.isCollapsed)) this.openDetails(seg);
      });
      this.container.addEventListener("keydown", (event) => {
        const seg = event.target.closest && event.target.closest(".seg[data-ids]");
        if (seg && (event.key === "Enter" || event.key === " ")) {
          event.preventDefault();
          this.openDetails(seg);
        }
      });
      document.addEventListener("keydown", (event) => {
        if (event.key === "Escape" && this.panel) {
          event.preventDefault();
          this.closePanel();
        }
      });
      // Before the first render: workspace.js installs its filter and list here, so a long article is drawn once.
      this.container.dispatchEvent(new CustomEvent("annotator:start", {bubbles: true, detail: {annotator: this}}));
      await this.reload();
      this.container.dataset.annotatorReady = "1";
    }

    announce(text) {
      this.status.textContent = text;
    }

    async reload() {
      const result = await api("GET", this.config.api.article);
      if (!result.ok) {
        this.announce(`Could not load the annotations: ${errorText(result)}`);
        return false;
      }
      this.body = result.data.body;
      this.etag = result.etag;
      this.codePoints = Array.from(this.body);
      this.annotations = result.data.annotations || [];
      this.render();
      return true;
    }

    upsert(annotation) {
      const index = this.annotations.findIndex((a) => a.id === annotation.id);
      if (index === -1) this.annotations.push(annotation);
      else this.annotations[index] = annotation;
      this.render();
    }

    kindLabel(kind) {
      return (this.kinds.get(kind) || {label: kind}).label;
    }

    describe(a) {
      const parts = [this.kindLabel(a.kind)];
      if (a.reason) parts.push(`reason: ${this.reasons.get(a.reason) || a.reason}`);
      if (a.suggestion !== null && a.suggestion !== undefined) parts.push(`suggestion: "${a.suggestion}"`);
      if (a.source) parts.push(`source: ${a.source.name}`);
      else if (a.vague_source) parts.push(`unnamed source: ${a.vague_source}`);
      if (a.evidence && a.evidence.claim_reviewed) parts.push(`evidence: ${a.evidence.claim_reviewed}`);
      parts.push(`status: ${a.status}`);
      if (a.comment) parts.push(`comment: ${a.comment}`);
      return parts.join(" · ");
    }

    /** Segment-based rendering, like the server's: overlaps nest one span per kind. */
    render() {
      const cps = this.codePoints;
      const total = cps.length;
      const spans = this.annotations.filter((a) => a.anchor_state !== "orphaned" && a.start >= 0 && a.start < a.end && a.end <= total && this.filter(a));
      const pending = this.pending;
      const bounds = [0, total, ...spans.map((a) => a.start), ...spans.map((a) => a.end)];
      if (pending) bounds.push(pending.start, pending.end);
      const cuts = Array.from(new Set(bounds)).sort((x, y) => x - y);
      const fragment = document.createDocumentFragment();
      // One sweep: spans enter at their start and leave at their end (a long article has a thousand flags).
      const entering = spans.slice().sort((x, y) => x.start - y.start || y.end - x.end || x.id - y.id);
      let next = 0;
      let active = [];
      for (let i = 0; i + 1 < cuts.length; i += 1) {
        const left = cuts[i];
        const right = cuts[i + 1];
        const text = cps.slice(left, right).join("");
        active = active.filter((a) => a.end > left);
        while (next < entering.length && entering[next].start <= left) active.push(entering[next++]);
        const covering = active;
        const seg = el("span", {className: "seg", "data-start": left});
        if (pending && pending.start <= left && right <= pending.end) seg.classList.add("seg-pending");
        if (!covering.length) {
          seg.textContent = text;
        } else {
          const kinds = Array.from(new Set(covering.map((a) => a.kind)));
          let inner = document.createTextNode(text);
          for (const kind of kinds.slice().reverse()) {
            const ofKind = covering.filter((a) => a.kind === kind);
            const state = STATE_PRIORITY.find((s) => ofKind.some((a) => a.status === s)) || "open";
            const human = ofKind.some((a) => a.origin === "editor");
            inner = el("span", {className: `hl hl-${kind} hl-state-${state}${human ? " hl-human" : ""}`}, inner);
          }
          seg.append(inner);
          if (this.currentId !== null && covering.some((a) => a.id === this.currentId)) seg.classList.add("seg-current");
          seg.classList.add("seg-hl");
          seg.dataset.ids = covering.map((a) => a.id).join(" ");
          seg.dataset.kinds = kinds.join(" ");
          seg.tabIndex = 0;
          seg.setAttribute("role", "button");
          seg.setAttribute("aria-haspopup", "dialog");
          seg.title = covering.map((a) => this.describe(a)).join("\n");
          seg.setAttribute("aria-label", `${kinds.map((k) => this.kindLabel(k)).join(", ")}: ${text.trim().slice(0, 80)}`);
        }
        fragment.append(seg);
      }
      this.container.replaceChildren(fragment);
      this.updateLegend(spans);
      this.container.dispatchEvent(new CustomEvent("annotator:render", {bubbles: true, detail: {annotator: this, drawn: spans}}));
    }

    /** The legend counts what is drawn: the annotations that pass the filter and have a place in the text. */
    updateLegend(spans) {
      const counts = new Map();
      for (const a of spans) counts.set(a.kind, (counts.get(a.kind) || 0) + 1);
      for (const item of this.block.querySelectorAll(".annotated-legend li")) {
        const swatch = item.querySelector(".hl");
        const count = item.querySelector(".annotated-count");
        if (!swatch || !count) continue;
        const kind = Array.from(swatch.classList).find((c) => c.startsWith("hl-"));
        if (kind) count.textContent = String(counts.get(kind.slice(3)) || 0);
      }
      const orphans = this.annotations.filter((a) => a.anchor_state === "orphaned").length;
      this.container.dataset.count = String(this.annotations.length);
      this.container.dataset.drawn = String(spans.length);
      if (orphans > 0) this.announce(`${orphans} annotation${orphans === 1 ? " has" : "s have"} lost its place after an edit (orphaned); the annotation list links to them.`);
    }

    /** The current selection as {start, end, quote} in code points, trimmed of surrounding whitespace. */
    selectionSpan() {
      const selection = window.getSelection();
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
      const range = selection.getRangeAt(0);
      if (!this.container.contains(range.commonAncestorContainer) && !range.intersectsNode(this.container)) return null;
      const total = this.codePoints.length;
      let start = boundaryOffset(this.container, range.startContainer, range.startOffset, total);
      let end = boundaryOffset(this.container, range.endContainer, range.endOffset, total);
      if (start === null || end === null) return null;
      start = Math.max(0, Math.min(start, total));
      end = Math.max(0, Math.min(end, total));
      while (start < end && /\s/u.test(this.codePoints[start])) start += 1;
      while (end > start && /\s/u.test(this.codePoints[end - 1])) end -= 1;
      if (start >= end) return null;
      return {start, end, quote: this.codePoints.slice(start, end).join(""), rect: range.getBoundingClientRect()};
    }

    // --- the floating panel ---------------------------------------------------------------------

    closePanel() {
      if (!this.panel) return;
      this.panel.remove();
      this.panel = null;
      if (this.pending) {
        this.pending = null;
        this.render();
      }
      const target = this.returnFocus;
      this.returnFocus = null;
      if (target && document.contains(target)) target.focus();
      else if (target && target.dataset && target.dataset.start) {
        const again = this.container.querySelector(`.seg[data-start="${target.dataset.start}"]`);
        if (again) again.focus();
      }
    }

    showPanel(panel, rect, returnFocus) {
      if (this.panel) this.panel.remove();
      if (this.pending) {
        this.pending = null;
        this.render();
      }
      this.panel = panel;
      this.returnFocus = returnFocus || document.activeElement;
      document.body.append(panel);
      const width = Math.min(440, window.innerWidth - 24);
      panel.style.width = `${width}px`;
      const left = Math.max(12, Math.min(rect.left, window.innerWidth - width - 12));
      panel.style.left = `${left + window.scrollX}px`;
      // Below the passage when it fits, else above it, else pinned to the viewport's bottom edge: the
      // panel (max 70vh, its actions sticky at its foot) never reaches below the fold, so Save stays visible.
      const height = panel.offsetHeight;
      let top = rect.bottom + 8;
      if (top + height > window.innerHeight - 12) top = rect.top - height - 8;
      if (top < 12) top = Math.max(12, window.innerHeight - height - 12);
      panel.style.top = `${top + window.scrollY}px`;
      const first = panel.querySelector("select, input, textarea, button:not(.annotator-close)");
      if (first) first.focus();
    }

    panelShell(titleText, id) {
      const title = el("h2", {id: `${id}-title`, text: titleText});
      const close = el("button", {type: "button", className: "annotator-close", "aria-label": "Close (Escape)", onclick: () => this.closePanel()}, "×");
      const error = el("div", {className: "annotator-error", role: "alert", id: `${id}-error`});
      const panel = el("div", {className: "annotator-panel", id, role: "dialog", "aria-labelledby": `${id}-title`}, el("div", {className: "annotator-panel-head"}, title, close), error);
      panel.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && event.target.tagName === "INPUT" && event.target.type !== "button") event.preventDefault();
      });
      return {panel, error};
    }

    field(id, label, control, hint) {
      return el("div", {className: "annotator-field", id: `${id}-field`}, el("label", {for: id, text: label}), control, hint ? el("div", {className: "annotator-hint", id: `${id}-hint`, text: hint}) : null);
    }

    // --- create ---------------------------------------------------------------------------------

    openCreateFromSelection(fromButton) {
      if (!this.config.user.can_annotate) {
        if (fromButton) this.announce("Only annotators, reviewers and staff may annotate.");
        return;
      }
      const span = this.selectionSpan();
      if (!span) {
        if (fromButton) this.announce("Select a passage of the article body first.");
        return;
      }
      if (this.panel && this.panel.id === "annotator-create" && this.panel.dataset.start === String(span.start) && this.panel.dataset.end === String(span.end)) return;
      this.openCreate(span);
    }

    openCreate(span) {
      const {panel, error} = this.panelShell("New annotation", "annotator-create");
      panel.dataset.start = String(span.start);
      panel.dataset.end = String(span.end);
      const kind = el("select", {id: "ann-kind", name: "kind"}, ...this.config.kinds.map((k) => el("option", {value: k.value, text: k.label})));
      kind.value = likelyKind(span.quote);
      const comment = el("textarea", {id: "ann-comment", rows: 2});
      const suggestion = el("input", {id: "ann-suggestion", type: "text", autocomplete: "off"});
      const reason = el("select", {id: "ann-reason"}, ...this.config.reasons.map((r) => el("option", {value: r.value, text: r.label})));
      const source = this.picker({
        id: "ann-source", label: "Source", url: this.config.api.sources, describe: (s) => `${s.name} (${s.kind}${s.rating !== null && s.rating !== undefined ? `, rating ${s.rating}` : ""})`,
        create: this.config.user.can_create_sources ? (name, kind) => this.createSource(name, kind) : null,
        none: this.config.user.can_create_sources ? "No matching source." : "No matching source. Only staff can add sources; ask one, or choose an existing source.",
      });
      const evidence = this.picker({
        id: "ann-evidence", label: "Evidence (fact-check)", url: this.config.api.factchecks,
        describe: (f) => `${f.claim_reviewed} — ${f.verdict}${f.publisher ? ` (${f.publisher})` : ""}`, create: null, none: "No matching fact-check.",
      });
      const fields = {
        suggestion: this.field("ann-suggestion", "Suggestion (the correct text)", suggestion),
        reason: this.field("ann-reason", "Reason", reason),
        source: source.node,
        evidence: evidence.node,
      };
      const sync = () => {
        fields.suggestion.hidden = kind.value !== "typo";
        fields.reason.hidden = kind.value !== "unverified_claim";
        fields.source.hidden = kind.value !== "source_attribution";
        fields.evidence.hidden = kind.value !== "contradicted_claim";
      };
      kind.addEventListener("change", sync);
      const save = el("button", {type: "button", className: "button default", id: "ann-save"}, "Save annotation");
      const cancel = el("button", {type: "button", className: "button", onclick: () => this.closePanel()}, "Cancel");
      save.addEventListener("click", async () => {
        const payload = {article: this.config.article, kind: kind.value, start: span.start, end: span.end, quote: span.quote, comment: comment.value};
        if (kind.value === "typo" && suggestion.value !== "") payload.suggestion = suggestion.value;
        if (kind.value === "unverified_claim") payload.reason = reason.value;
        if (kind.value === "source_attribution" && source.value()) payload.source = source.value().id;
        if (kind.value === "contradicted_claim" && evidence.value()) payload.evidence_factcheck = evidence.value().id;
        save.disabled = true;
        const result = await api("POST", this.config.api.annotations, payload);
        save.disabled = false;
        if (!result.ok) {
          error.replaceChildren(errorText(result));
          // A duplicate (same article, kind and span): the 409 names the annotation already there.
          const existing = result.status === 409 ? existingId(result.data) : null;
          if (existing !== null) {
            error.append(" ", el("button", {type: "button", className: "button", id: "ann-open-existing", "data-annotation": existing, onclick: async () => {
              this.closePanel();
              if (!this.annotations.some((a) => a.id === existing)) await this.reload();
              // The workspace selects it in its list; the details open in either page.
              this.container.dispatchEvent(new CustomEvent("annotator:show", {bubbles: true, detail: {annotator: this, id: existing}}));
              await this.openExisting(existing);
            }}, `Open annotation #${existing}`));
          }
          return;
        }
        this.returnFocus = null;
        this.pending = null;
        this.closePanel();
        this.upsert(result.data);
        window.getSelection().removeAllRanges();
        this.announce(`${this.kindLabel(result.data.kind)} saved (annotation ${result.data.id}).`);
        const seg = this.container.querySelector(`.seg[data-start="${result.data.start}"]`);
        if (seg) seg.focus();
      });
      panel.append(
        el("blockquote", {className: "annotator-quote", text: span.quote}),
        el("p", {className: "annotator-offsets", text: `Characters ${span.start}–${span.end}`}),
        this.field("ann-kind", "Kind", kind),
        this.field("ann-comment", "Comment", comment),
        fields.suggestion, fields.reason, fields.source, fields.evidence,
        el("div", {className: "annotator-actions annotator-actions-sticky"}, save, cancel),
      );
      sync();
      this.showPanel(panel, span.rect, this.container);
      // Keep the chosen passage marked while the panel is open (focus moves into the panel).
      this.pending = {start: span.start, end: span.end};
      this.render();
    }

    /** Open the details of annotation ``id`` (reloading first when someone else just made it). */
    async openExisting(id) {
      if (!this.annotations.some((a) => a.id === id)) await this.reload();
      const seg = this.container.querySelector(`.seg[data-ids~="${id}"]`);
      if (!seg) {
        this.announce(`Annotation ${id} is not anchored in the text; see the annotations below.`);
        return;
      }
      this.returnFocus = null;
      this.openDetails(seg);
    }

    async createSource(name, kind) {
      const result = await api("POST", this.config.api.sources, {name, kind});
      return result.ok ? {ok: true, item: result.data} : {ok: false, message: errorText(result)};
    }

    /** A search box with a list of result buttons (keyboard: type, Tab to a result, Enter). */
    picker({id, label, url, describe, create, none}) {
      let chosen = null;
      const input = el("input", {id: `${id}-search`, type: "search", autocomplete: "off", "aria-describedby": `${id}-chosen`});
      const list = el("ul", {className: "annotator-results", id: `${id}-results`, "aria-label": `${label}: results`});
      const chosenText = el("div", {className: "annotator-chosen", id: `${id}-chosen`, "aria-live": "polite", text: "None chosen."});
      const choose = (item) => {
        chosen = item;
        chosenText.textContent = item ? `Chosen: ${describe(item)}` : "None chosen.";
        list.replaceChildren();
        input.focus();
      };
      const search = async () => {
        const q = input.value.trim();
        if (!q) {
          list.replaceChildren();
          return;
        }
        const result = await api("GET", `${url}?search=${encodeURIComponent(q)}&page_size=8`);
        if (input.value.trim() !== q) return; // a newer search is on its way
        const items = result.ok ? results(result.data).slice(0, 8) : [];
        const rows = items.map((item) => el("li", {}, el("button", {type: "button", className: "annotator-result", "data-id": item.id, onclick: () => choose(item)}, describe(item))));
        if (create && !items.some((item) => (item.name || "").toLowerCase() === q.toLowerCase())) {
          // A new source needs its kind (person, outlet...): no default, so nothing is filed as a person by accident.
          const kindSelect = el("select", {id: `${id}-new-kind`, className: "annotator-create-kind", "aria-label": `Kind of the new source “${q}”`},
            el("option", {value: "", text: "Kind…"}),
            ...(this.config.source_kinds || []).map((k) => el("option", {value: k.value, text: k.label})));
          rows.push(el("li", {}, kindSelect, el("button", {
            type: "button", className: "annotator-result annotator-create-source", onclick: async () => {
              if (!kindSelect.value) {
                chosenText.textContent = "Choose the kind of the new source first.";
                kindSelect.focus();
                return;
              }
              const made = await create(q, kindSelect.value);
              if (made.ok) choose(made.item);
              else chosenText.textContent = made.message;
            },
          }, `Create source “${q}”`)));
        }
        if (!rows.length) rows.push(el("li", {className: "annotator-none", text: result.ok ? none : errorText(result)}));
        list.replaceChildren(...rows);
      };
      input.addEventListener("input", debounce(search, 200));
      input.addEventListener("keydown", (event) => {
        if (event.key === "ArrowDown") {
          const first = list.querySelector("button");
          if (first) {
            event.preventDefault();
            first.focus();
          }
        }
      });
      list.addEventListener("keydown", (event) => {
        if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
        const buttons = Array.from(list.querySelectorAll("button"));
        const index = buttons.indexOf(document.activeElement);
        if (index === -1) return;
        event.preventDefault();
        if (event.key === "ArrowUp" && index === 0) input.focus();
        else buttons[Math.max(0, Math.min(buttons.length - 1, index + (event.key === "ArrowDown" ? 1 : -1)))].focus();
      });
      const node = el("div", {className: "annotator-field", id: `${id}-field`}, el("label", {for: `${id}-search`, text: `${label}: search`}), input, list, chosenText);
      return {node, value: () => chosen};
    }

    // --- details, history, review, edit -----------------------------------------------------------

    openDetails(seg) {
      const ids = (seg.dataset.ids || "").split(" ").map(Number);
      const covering = ids.map((id) => this.annotations.find((a) => a.id === id)).filter(Boolean);
      if (!covering.length) return;
      const {panel} = this.panelShell(covering.length === 1 ? "Annotation" : `${covering.length} annotations`, "annotator-details");
      panel.dataset.segStart = seg.dataset.start;
      for (const a of covering) panel.append(this.detailsCard(a, seg));
      this.showPanel(panel, seg.getBoundingClientRect(), seg);
    }

    refreshDetails(seg, annotation) {
      this.upsert(annotation);
      const again = this.container.querySelector(`.seg[data-start="${seg.dataset.start}"]`) || this.container.querySelector(`.seg[data-start="${annotation.start}"]`);
      if (again) this.openDetails(again);
    }

    canEdit(a) {
      return this.config.user.can_edit_any || (this.config.user.can_annotate && a.created_by === this.config.user.id);
    }

    detailsCard(a, seg) {
      const colour = (this.kinds.get(a.kind) || {}).colour || "#000";
      const rows = [
        ["Quote", a.quote],
        ["Status", a.status],
        ["Origin", a.detector ? `${a.origin} (${a.detector})` : a.origin],
        a.reason ? ["Reason", this.reasons.get(a.reason) || a.reason] : null,
        a.suggestion !== null && a.suggestion !== undefined ? ["Suggestion", a.suggestion === "" ? "(delete)" : a.suggestion] : null,
        a.source ? ["Source", `${a.source.name} (${a.source.kind})`] : null,
        !a.source && a.vague_source ? ["Source", `${a.vague_source} (unnamed)`] : null,
        a.evidence && a.evidence.claim_reviewed ? ["Evidence", `${a.evidence.claim_reviewed} — ${a.evidence.verdict}`] : null,
        a.evidence && a.evidence.annotation ? ["Evidence", `annotation ${a.evidence.annotation}: ${a.evidence.quote}`] : null,
        a.comment ? ["Comment", a.comment] : null,
        a.explanation ? ["Explanation", a.explanation] : null,
        a.review_note ? ["Review note", a.review_note] : null,
        ["Offsets", `${a.start}–${a.end} (version ${a.version})`],
      ].filter(Boolean);
      const list = el("dl", {className: "annotator-dl"});
      for (const [term, value] of rows) list.append(el("dt", {text: term}), el("dd", {text: value}));
      const error = el("div", {className: "annotator-error", role: "alert"});
      const card = el("section", {className: "annotator-card", "data-annotation": a.id, "aria-label": `${this.kindLabel(a.kind)} ${a.id}`},
        el("h3", {}, el("span", {className: "annotator-swatch", style: `background:${colour}`, "aria-hidden": "true"}), ` ${this.kindLabel(a.kind)} #${a.id}`),
        list, error);
      const buttons = el("div", {className: "annotator-actions"});
      const history = el("div", {className: "annotator-history", "aria-live": "polite"});
      buttons.append(el("button", {type: "button", className: "button", "data-action": "history", onclick: () => this.loadHistory(a, history)}, "History"));
      if (this.canEdit(a)) buttons.append(el("button", {type: "button", className: "button", "data-action": "edit", onclick: () => this.openEdit(a, card, seg)}, "Edit"));
      card.append(buttons);
      if (this.config.user.can_review) {
        const note = el("textarea", {id: `ann-review-note-${a.id}`, rows: 2});
        const decisions = el("div", {className: "annotator-actions"});
        for (const decision of DECISIONS[a.status] || []) {
          decisions.append(el("button", {
            type: "button", className: "button", "data-decision": decision, onclick: async () => {
              // The version this card shows: a flag changed since is a 409, never decided blind.
              const result = await api("POST", `${this.config.api.annotations}${a.id}/review/`, {decision, note: note.value, version: a.version});
              if (!result.ok) {
                error.textContent = errorText(result);
                return;
              }
              this.announce(`Annotation ${a.id}: ${decision} recorded; it is now ${result.data.status}.`);
              this.refreshDetails(seg, result.data);
            },
          }, decision.charAt(0).toUpperCase() + decision.slice(1)));
        }
        card.append(el("div", {className: "annotator-review"}, this.field(`ann-review-note-${a.id}`, "Review note", note), decisions));
      }
      card.append(history);
      return card;
    }

    async loadHistory(a, target) {
      const [reviews, changes] = await Promise.all([
        api("GET", `${this.config.api.annotations}${a.id}/reviews/`),
        api("GET", `${this.config.api.annotations}${a.id}/history/`),
      ]);
      const reviewList = el("ol", {className: "annotator-reviews"});
      for (const r of results(reviews.data)) {
        reviewList.append(el("li", {text: `${r.created_at.slice(0, 16).replace("T", " ")} ${r.reviewer ? r.reviewer.username : "?"}: ${r.decision} (${r.from_status} → ${r.to_status})${r.note ? ` — ${r.note}` : ""}`}));
      }
      if (!reviewList.children.length) reviewList.append(el("li", {text: "No review decisions yet."}));
      const changeList = el("ol", {className: "annotator-changes"});
      for (const c of results(changes.data)) {
        changeList.append(el("li", {text: `${c.date.slice(0, 16).replace("T", " ")} ${c.user ? c.user.username : "system"}: ${c.type}${c.changed_fields.length ? ` (${c.changed_fields.join(", ")})` : ""}`}));
      }
      target.replaceChildren(el("h4", {text: "Reviews"}), reviewList, el("h4", {text: "Changes"}), changeList);
    }

    openEdit(a, card, seg) {
      const loadedVersion = a.version;
      const comment = el("textarea", {id: `ann-edit-comment-${a.id}`, rows: 2});
      comment.value = a.comment || "";
      const form = el("div", {className: "annotator-edit"}, this.field(`ann-edit-comment-${a.id}`, "Comment", comment));
      let suggestion = null;
      let reason = null;
      if (a.kind === "typo") {
        suggestion = el("input", {id: `ann-edit-suggestion-${a.id}`, type: "text"});
        suggestion.value = a.suggestion || "";
        form.append(this.field(`ann-edit-suggestion-${a.id}`, "Suggestion", suggestion));
      }
      if (a.kind === "unverified_claim") {
        reason = el("select", {id: `ann-edit-reason-${a.id}`}, el("option", {value: "", text: "—"}), ...this.config.reasons.map((r) => el("option", {value: r.value, text: r.label})));
        reason.value = a.reason || "";
        form.append(this.field(`ann-edit-reason-${a.id}`, "Reason", reason));
      }
      const error = el("div", {className: "annotator-error", role: "alert", id: `ann-edit-error-${a.id}`});
      const save = el("button", {type: "button", className: "button default", id: `ann-edit-save-${a.id}`}, "Save changes");
      save.addEventListener("click", async () => {
        const changes = {comment: comment.value};
        if (suggestion) changes.suggestion = suggestion.value;
        if (reason) changes.reason = reason.value;
        const result = await api("PATCH", `${this.config.api.annotations}${a.id}/`, changes, {"If-Match": `"${loadedVersion}"`});
        if (!result.ok) {
          error.replaceChildren(errorText(result));
          if (result.status === 412) {
            error.append(" ", el("button", {type: "button", className: "button", onclick: async () => {
              await this.reload();
              const again = this.container.querySelector(`.seg[data-start="${seg.dataset.start}"]`);
              if (again) this.openDetails(again);
            }}, "Reload"));
          }
          return;
        }
        this.announce(`Annotation ${a.id} saved (version ${result.data.version}).`);
        this.refreshDetails(seg, result.data);
      });
      form.append(error, el("div", {className: "annotator-actions"}, save, el("button", {type: "button", className: "button", onclick: () => form.remove()}, "Cancel")));
      const existing = card.querySelector(".annotator-edit");
      if (existing) existing.remove();
      card.append(form);
      comment.focus();
    }
  }

  function boot() {
    const container = document.querySelector("[data-annotator-body]");
    const configNode = document.getElementById("annotator-config");
    if (!container || !configNode) return;
    const annotator = new Annotator(container, JSON.parse(configNode.textContent));
    window.__annotator = annotator; // for debugging and the browser tests
    annotator.start();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
