/* The article workspace: the flag list beside the annotated text, its filters and the review keys.
 * Vanilla JS, no dependencies. Builds on annotator.js (loaded first), which owns the text, the
 * highlights and the panels; this file listens for its "annotator:render" event.
 *
 * Invariants:
 * - Offsets are code points, as in the API; this file never measures text, it only compares the
 *   API's start/end (reading order) and finds a flag's passage by its id (span.seg[data-ids~=id]).
 * - Every write goes through the REST API (session + CSRF): review decisions with the version the
 *   reviewer saw (a flag changed since is a 409, never decided blind), "apply suggestion" with the
 *   article's ETag in If-Match. The list is redrawn from what the server answered.
 * - Text reaches the DOM through textContent only.
 * - "Apply all visible suggestions" sends every open/confirmed typo with a suggestion that passes the
 *   filters and has a place in the text, in ONE bulk call (one edit, one revision), after a confirmation.
 * - The list shows one page of PAGE_SIZE flags: a 150,000-character article has a thousand, and a
 *   thousand list items would cost more than the text itself. j/k turn the page as they go.
 */
(function () {
  "use strict";

  const PAGE_SIZE = 50;
  const STATE_LABELS = {open: "Open", confirmed: "Confirmed", dismissed: "Dismissed", resolved: "Resolved"};
  const ORIGIN_LABELS = {machine: "Machine", editor: "Human"};
  const KEYS = [
    ["j", "Next flag"],
    ["k", "Previous flag"],
    ["c", "Confirm the flag"],
    ["d", "Dismiss the flag"],
    ["r", "Resolve the flag (confirms it first when it is open)"],
    ["u", "Reopen the flag"],
    ["a", "Apply the suggestion (typos): replace the quoted text with it"],
    ["A", "Apply every visible typo suggestion at once (Shift+A; asks first)"],
    ["o", "Open the flag's details (also Enter)"],
    ["h", "Hide or show dismissed flags"],
    ["?", "Show or hide this help"],
    ["Esc", "Close the help or the panel"],
  ];

  const {el, api, errorText} = window.DeskDom;

  function isTyping(target) {
    if (!target || !target.closest) return false;
    return Boolean(target.closest("input, textarea, select, [contenteditable=''], [contenteditable=true], .annotator-panel"));
  }

  class Workspace {
    constructor(annotator, side) {
      this.annotator = annotator;
      this.config = annotator.config;
      this.side = side;
      this.block = annotator.block;
      this.kinds = new Map(this.config.kinds.map((k) => [k.value, k]));
      this.reasons = new Map(this.config.reasons.map((r) => [r.value, r]));
      this.filters = {kind: "", status: "", origin: "", hideDismissed: false};
      this.flags = []; // the annotations passing the filters, in reading order
      this.currentId = null;
      this.page = 0;
      this.busy = false;
      this.build();
      annotator.filter = (a) => this.passes(a);
    }

    // --- the side panel ------------------------------------------------------------------------

    build() {
      const select = (id, label, options) => {
        const control = el("select", {id, "aria-label": label}, el("option", {value: "", text: `${label}: all`}),
          ...options.map(([value, text]) => el("option", {value, text})));
        control.addEventListener("change", () => this.setFilter(id.replace("ws-filter-", ""), control.value));
        return control;
      };
      this.kindSelect = select("ws-filter-kind", "Kind", this.config.kinds.map((k) => [k.value, k.label]));
      this.statusSelect = select("ws-filter-status", "State", this.config.statuses.map((s) => [s.value, s.label]));
      this.originSelect = select("ws-filter-origin", "Origin", [["machine", "Machine"], ["editor", "Human"]]);
      this.hideDismissed = el("input", {type: "checkbox", id: "ws-hide-dismissed"});
      this.hideDismissed.addEventListener("change", () => this.setFilter("hideDismissed", this.hideDismissed.checked));
      this.summary = el("p", {className: "ws-summary", id: "ws-summary", "aria-live": "polite"});
      this.list = el("ol", {className: "ws-list", id: "ws-list", "aria-label": "Flags in reading order"});
      this.pager = el("div", {className: "ws-pager", id: "ws-pager"});
      this.message = el("p", {className: "ws-message", id: "ws-message", role: "status", "aria-live": "polite"});
      this.applyReport = el("ul", {className: "ws-apply-report", id: "ws-apply-report", "aria-label": "What the last bulk apply did"});
      this.applyAllButton = el("button", {type: "button", className: "button", id: "ws-apply-all", hidden: true, onclick: () => this.askApplyAll()});
      this.applyConfirm = el("div", {className: "ws-apply-confirm", id: "ws-apply-confirm", role: "alertdialog", "aria-labelledby": "ws-apply-confirm-text", hidden: true});
      this.help = this.buildHelp();
      this.side.append(
        el("div", {className: "ws-head"},
          el("h2", {className: "ws-title", text: "Flags"}),
          el("button", {type: "button", className: "button ws-help-button", id: "ws-help-button", "aria-haspopup": "dialog", onclick: () => this.toggleHelp()}, "Keys (?)")),
        el("div", {className: "ws-filters", role: "group", "aria-label": "Filters"},
          this.kindSelect, this.statusSelect, this.originSelect,
          el("label", {className: "ws-check", for: "ws-hide-dismissed"}, this.hideDismissed, " Hide dismissed")),
        this.summary, this.applyAllButton, this.applyConfirm, this.message, this.applyReport, this.list, this.pager,
      );
      document.body.append(this.help);
      for (const button of this.block.querySelectorAll(".legend-toggle")) {
        button.addEventListener("click", () => this.setFilter("kind", this.filters.kind === button.dataset.kind ? "" : button.dataset.kind));
      }
      this.list.addEventListener("click", (event) => {
        const item = event.target.closest("li[data-id]");
        if (!item || event.target.closest("button")) return;
        this.select(Number(item.dataset.id), {scroll: "text"});
      });
      this.annotator.container.addEventListener("click", (event) => {
        const seg = event.target.closest(".seg[data-ids]");
        const selection = window.getSelection();
        if (seg && (!selection || selection.isCollapsed)) this.select(Number(seg.dataset.ids.split(" ")[0]), {scroll: "list"});
      });
      document.addEventListener("keydown", (event) => this.onKey(event));
    }

    buildHelp() {
      const rows = KEYS.map(([key, what]) => el("tr", {}, el("th", {scope: "row"}, el("kbd", {text: key})), el("td", {text: what})));
      const close = el("button", {type: "button", className: "button", onclick: () => this.toggleHelp(false)}, "Close");
      return el("div", {className: "ws-help", id: "ws-help", role: "dialog", "aria-modal": "true", "aria-labelledby": "ws-help-title", hidden: true},
        el("div", {className: "ws-help-box"},
          el("h2", {id: "ws-help-title", text: "Review keys"}),
          el("p", {text: "A review works without the mouse: j and k walk the flags in reading order; each decision is saved at once and moves on to the next flag."}),
          el("table", {}, el("tbody", {}, ...rows)),
          close));
    }

    toggleHelp(show) {
      const open = show === undefined ? this.help.hidden : show;
      this.help.hidden = !open;
      if (open) {
        this.helpReturn = document.activeElement;
        this.help.querySelector("button").focus();
      } else if (this.helpReturn && document.contains(this.helpReturn)) {
        this.helpReturn.focus();
      }
    }

    // --- filters -------------------------------------------------------------------------------

    passes(a) {
      const f = this.filters;
      if (f.kind && a.kind !== f.kind) return false;
      if (f.status && a.status !== f.status) return false;
      if (f.origin && a.origin !== f.origin) return false;
      if (f.hideDismissed && a.status === "dismissed" && f.status !== "dismissed") return false;
      return true;
    }

    setFilter(name, value) {
      this.filters[name] = value;
      this.kindSelect.value = this.filters.kind;
      this.statusSelect.value = this.filters.status;
      this.originSelect.value = this.filters.origin;
      this.hideDismissed.checked = this.filters.hideDismissed;
      for (const button of this.block.querySelectorAll(".legend-toggle")) {
        button.setAttribute("aria-pressed", String(button.dataset.kind === this.filters.kind));
      }
      this.annotator.render();
    }

    // --- the list --------------------------------------------------------------------------------

    /** Called after every render of the text: the flags drawn (with a place in the text) and the orphans that pass. */
    refresh() {
      const all = this.annotator.annotations;
      const drawn = all.filter((a) => a.anchor_state !== "orphaned" && this.passes(a));
      const orphans = all.filter((a) => a.anchor_state === "orphaned" && this.passes(a));
      this.flags = drawn.concat(orphans).sort((x, y) =>
        Number(x.anchor_state === "orphaned") - Number(y.anchor_state === "orphaned") || x.start - y.start || x.end - y.end || x.id - y.id);
      const index = this.indexOf(this.currentId);
      if (index !== -1) this.page = Math.floor(index / PAGE_SIZE);
      this.page = Math.min(this.page, Math.max(0, Math.ceil(this.flags.length / PAGE_SIZE) - 1));
      this.drawList();
      const hidden = all.length - this.flags.length;
      const open = this.flags.filter((a) => a.status === "open").length;
      this.summary.textContent = `${this.flags.length} flag${this.flags.length === 1 ? "" : "s"} shown, ${open} open` +
        (hidden ? `; ${hidden} hidden by the filters` : "") + (orphans.length ? `; ${orphans.length} orphaned (listed last)` : "") + ".";
      const applicable = this.applicable().length;
      this.applyAllButton.hidden = !this.config.user.can_review || !applicable;
      this.applyAllButton.textContent = `Apply all ${applicable} visible suggestion${applicable === 1 ? "" : "s"}`;
    }

    indexOf(id) {
      return id === null ? -1 : this.flags.findIndex((a) => a.id === id);
    }

    describeReason(a) {
      const kind = this.kinds.get(a.kind);
      const label = kind ? kind.label : a.kind;
      if (a.kind === "typo") return a.suggestion !== null && a.suggestion !== undefined ? "Possible misspelling." : "Possible typo.";
      if (a.kind === "unverified_claim") {
        const reason = this.reasons.get(a.reason);
        return reason ? `${reason.label}: ${reason.description}` : "A claim the article does not back up.";
      }
      if (a.kind === "source_attribution") return a.source ? `Attributed to ${a.source.name}.` : "An attribution to a source not in the registry.";
      if (a.kind === "contradicted_claim") return "Contradicted by other evidence.";
      return a.comment || `${label}.`;
    }

    detailLine(a) {
      if (a.kind === "typo" && a.suggestion !== null && a.suggestion !== undefined) {
        return ["Suggestion", a.suggestion === "" ? "(delete the text)" : a.suggestion];
      }
      if (a.source) return ["Source", `${a.source.name} (${a.source.kind})`];
      if (a.evidence && a.evidence.claim_reviewed) return ["Evidence", `${a.evidence.claim_reviewed} — ${a.evidence.verdict || a.evidence.rating || ""}`];
      if (a.evidence && a.evidence.quote) return ["Evidence", `another article: “${a.evidence.quote}”`];
      if (a.kind === "unverified_claim") return ["Source", "none named"];
      return null;
    }

    drawList() {
      const start = this.page * PAGE_SIZE;
      const shown = this.flags.slice(start, start + PAGE_SIZE);
      const items = shown.map((a) => {
        const kind = this.kinds.get(a.kind) || {label: a.kind, colour: "#000"};
        const detail = this.detailLine(a);
        const origin = a.origin === "editor" ? "Human" : `Machine${a.detector ? ` (${a.detector})` : ""}`;
        const item = el("li", {
          className: `ws-item ws-state-${a.status}${a.id === this.currentId ? " ws-current" : ""}`,
          "data-id": a.id, "data-kind": a.kind, "data-status": a.status, "data-origin": a.origin,
          "aria-current": a.id === this.currentId ? "true" : null, tabindex: "-1",
        },
        el("div", {className: "ws-item-head"},
          el("span", {className: `ws-kind hl hl-${a.kind}`, text: kind.label}),
          el("span", {className: `ws-badge ws-badge-${a.status}`, text: STATE_LABELS[a.status] || a.status}),
          a.anchor_state === "orphaned" ? el("span", {className: "ws-badge ws-badge-orphaned", text: "Orphaned"}) : null,
          el("span", {className: "ws-origin", text: origin})),
        el("p", {className: "ws-reason", text: this.describeReason(a)}),
        el("blockquote", {className: "ws-quote", dir: "auto", lang: this.config.language || null, text: a.quote}),
        detail ? el("p", {className: "ws-detail"}, el("strong", {text: `${detail[0]}: `}), el("span", {dir: "auto", text: detail[1]})) : null);
        return item;
      });
      if (!items.length) items.push(el("li", {className: "ws-empty", text: this.annotator.annotations.length ? "No flag matches these filters." : "No flags on this article."}));
      this.list.replaceChildren(...items);
      const pages = Math.ceil(this.flags.length / PAGE_SIZE);
      if (pages <= 1) {
        this.pager.replaceChildren();
        return;
      }
      this.pager.replaceChildren(
        el("button", {type: "button", className: "button", "data-page": "previous", disabled: this.page === 0, onclick: () => this.turn(-1)}, "‹ Previous"),
        el("span", {text: ` ${start + 1}–${Math.min(start + PAGE_SIZE, this.flags.length)} of ${this.flags.length} `}),
        el("button", {type: "button", className: "button", "data-page": "next", disabled: this.page >= pages - 1, onclick: () => this.turn(1)}, "Next ›"),
      );
    }

    turn(step) {
      this.page = Math.max(0, Math.min(this.page + step, Math.ceil(this.flags.length / PAGE_SIZE) - 1));
      this.drawList();
      this.list.scrollTop = 0;
    }

    // --- the current flag ---------------------------------------------------------------------------

    current() {
      const index = this.indexOf(this.currentId);
      return index === -1 ? null : this.flags[index];
    }

    select(id, {scroll} = {}) {
      this.currentId = id;
      this.annotator.currentId = id; // later renders outline it too
      const index = this.indexOf(id);
      if (index !== -1) this.page = Math.floor(index / PAGE_SIZE);
      // Move the outline without redrawing the text (a long article has thousands of segments).
      for (const seg of this.annotator.container.querySelectorAll(".seg-current")) seg.classList.remove("seg-current");
      for (const seg of this.annotator.container.querySelectorAll(`.seg[data-ids~="${id}"]`)) seg.classList.add("seg-current");
      this.drawList();
      const item = this.list.querySelector(`li[data-id="${id}"]`);
      const seg = this.segOf(id);
      if (seg && scroll !== "list") seg.scrollIntoView({block: "center"});
      if (item) {
        if (scroll !== "text") item.scrollIntoView({block: "nearest"});
        // A click on a highlight also opened its details panel, which keeps the focus.
        if (!this.annotator.panel) item.focus({preventScroll: true});
      }
    }

    segOf(id) {
      return this.annotator.container.querySelector(`.seg[data-ids~="${id}"]`);
    }

    move(step) {
      if (!this.flags.length) {
        this.say("No flag to go to.");
        return;
      }
      const index = this.indexOf(this.currentId);
      const next = index === -1 ? (step > 0 ? 0 : this.flags.length - 1) : Math.max(0, Math.min(this.flags.length - 1, index + step));
      this.select(this.flags[next].id);
      if (index === next) this.say(step > 0 ? "That is the last flag." : "That is the first flag.");
    }

    say(text) {
      this.message.textContent = text;
    }

    // --- keys -----------------------------------------------------------------------------------

    onKey(event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (!this.help.hidden) {
        if (event.key === "Escape" || event.key === "?") {
          event.preventDefault();
          this.toggleHelp(false);
        }
        return;
      }
      if (isTyping(event.target) || this.annotator.panel) return;
      if (!this.applyConfirm.hidden) {
        // While the confirmation is up only its buttons (Enter on the focused one) and Escape count.
        if (event.key === "Escape") {
          event.preventDefault();
          this.closeApplyConfirm("Nothing applied.");
        }
        return;
      }
      const actions = {
        j: () => this.move(1),
        k: () => this.move(-1),
        c: () => this.decide(["confirm"]),
        d: () => this.decide(["dismiss"]),
        r: () => this.decide(["resolve"]),
        u: () => this.decide(["reopen"]),
        a: () => this.applySuggestion(),
        A: () => this.askApplyAll(),
        o: () => this.openDetails(),
        Enter: () => this.openDetails(),
        h: () => this.setFilter("hideDismissed", !this.filters.hideDismissed),
        "?": () => this.toggleHelp(true),
      };
      const action = actions[event.key];
      if (!action) return;
      // Enter opens the details only from the list or the page itself; on a button or link it keeps its own meaning.
      if (event.key === "Enter" && event.target !== document.body && !(event.target.closest && event.target.closest("#ws-list"))) return;
      event.preventDefault();
      action();
    }

    openDetails() {
      const a = this.current();
      if (!a) return this.say("Choose a flag first (j).");
      const seg = this.segOf(a.id);
      if (!seg) return this.say("This flag has no place in the text (orphaned); open it from the annotation list.");
      this.annotator.openDetails(seg);
    }

    /** Review decisions in order (resolve on an open flag confirms it first), then on to the next flag. */
    async decide(wanted) {
      const a = this.current();
      if (!a) return this.say("Choose a flag first (j).");
      if (!this.config.user.can_review) return this.say("Only reviewers may confirm, dismiss or resolve flags.");
      if (this.busy) return;
      let decisions = wanted;
      if (wanted[0] === "resolve" && a.status === "open") decisions = ["confirm", "resolve"];
      const index = this.indexOf(a.id);
      const following = this.flags[index + 1] || null;
      this.busy = true;
      let annotation = a;
      try {
        for (const decision of decisions) {
          const result = await api("POST", `${this.config.api.annotations}${annotation.id}/review/`, {decision, note: "", version: annotation.version});
          if (!result.ok) {
            this.say(`${this.kindLabel(a)} #${a.id}: ${decision} refused: ${errorText(result)}`);
            if (result.status === 409) await this.refreshOne(a.id);
            return;
          }
          annotation = result.data;
        }
      } finally {
        this.busy = false;
      }
      this.annotator.upsert(annotation);
      this.say(`${this.kindLabel(annotation)} #${annotation.id} is now ${(STATE_LABELS[annotation.status] || annotation.status).toLowerCase()}.`);
      // On to the flag that followed it (the decided one may have left the filtered list).
      const stillShown = this.indexOf(annotation.id) !== -1;
      if (following && this.indexOf(following.id) !== -1) this.select(following.id);
      else if (stillShown) this.select(annotation.id);
      else if (this.flags.length) this.select(this.flags[Math.min(index, this.flags.length - 1)].id);
    }

    async refreshOne(id) {
      const result = await api("GET", `${this.config.api.annotations}${id}/`);
      if (result.ok) this.annotator.upsert(result.data);
    }

    kindLabel(a) {
      return (this.kinds.get(a.kind) || {label: a.kind}).label;
    }

    /** POST /annotations/{id}/apply/ with the article's ETag; then the article is read again (new body, moved spans). */
    async applySuggestion() {
      const a = this.current();
      if (!a) return this.say("Choose a flag first (j).");
      if (a.suggestion === null || a.suggestion === undefined) return this.say("This flag has no suggestion to apply.");
      const template = this.config.api.apply;
      if (this.busy) return;
      this.busy = true;
      let result;
      try {
        result = await api("POST", template.replace("{id}", String(a.id)), {}, {"If-Match": this.annotator.etag || ""});
      } finally {
        this.busy = false;
      }
      if (!result.ok) {
        const why = result.status === 409 ? "the text under this flag has changed; reload the page"
          : result.status === 412 ? "the article was changed by someone else; it has been reloaded, try again" : errorText(result);
        this.say(`Suggestion not applied: ${why}.`);
        if (result.status === 412 || result.status === 409) await this.annotator.reload();
        return;
      }
      await this.annotator.reload(); // the new body, the new ETag and every re-anchored flag
      this.say(`Applied “${a.suggestion}” in place of “${a.quote}”.`);
      if (this.indexOf(a.id) !== -1) this.select(a.id);
    }

    // --- apply all visible suggestions ------------------------------------------------------------

    /** The visible typos a bulk apply would send: open or confirmed, with a suggestion, drawn in the text. */
    applicable() {
      return this.flags.filter((a) => a.kind === "typo" && (a.status === "open" || a.status === "confirmed") &&
        a.suggestion !== null && a.suggestion !== undefined && a.anchor_state !== "orphaned");
    }

    askApplyAll() {
      if (!this.config.user.can_review) return this.say("Only reviewers may apply suggestions.");
      if (this.busy) return;
      const typos = this.applicable();
      if (!typos.length) return this.say("No visible typo with a suggestion to apply.");
      this.applyReturn = document.activeElement;
      const count = `${typos.length} suggestion${typos.length === 1 ? "" : "s"}`;
      const yes = el("button", {type: "button", className: "button default", id: "ws-apply-confirm-yes", onclick: () => this.applyAll(typos)}, `Apply ${count}`);
      this.applyConfirm.replaceChildren(
        el("p", {id: "ws-apply-confirm-text", text: `Apply ${count} to the article text? Each typo's text is replaced by its suggestion and the typo is resolved, all in one revision.`}),
        el("div", {className: "annotator-actions"}, yes,
          el("button", {type: "button", className: "button", id: "ws-apply-confirm-cancel", onclick: () => this.closeApplyConfirm("Nothing applied.")}, "Cancel")));
      this.applyConfirm.hidden = false;
      yes.focus();
    }

    closeApplyConfirm(message) {
      this.applyConfirm.hidden = true;
      this.applyConfirm.replaceChildren();
      if (message) this.say(message);
      if (this.applyReturn && document.contains(this.applyReturn)) this.applyReturn.focus({preventScroll: true});
    }

    /** One POST /annotations/apply/ for all of them with the article's ETag, then the article is read again. */
    async applyAll(typos) {
      if (this.busy) return;
      this.closeApplyConfirm();
      this.busy = true;
      let result;
      try {
        result = await api("POST", this.config.api.apply_bulk, {annotations: typos.map((a) => a.id)}, {"If-Match": this.annotator.etag || ""});
      } finally {
        this.busy = false;
      }
      if (!result.ok) {
        this.applyReport.replaceChildren();
        const why = result.status === 412 ? "the article was changed by someone else; it has been reloaded, try again" : errorText(result);
        this.say(`Suggestions not applied: ${why}`);
        if (result.status === 412) await this.annotator.reload();
        return;
      }
      await this.annotator.reload(); // the new body, the new ETag and every re-anchored flag
      const byId = new Map(typos.map((a) => [a.id, a]));
      const outcomes = result.data.results || [];
      this.applyReport.replaceChildren(...outcomes.map((o) => {
        const a = byId.get(o.annotation);
        const what = a ? `“${a.quote}” → “${a.suggestion}”` : "";
        const detail = o.status === "applied" ? "" : (o.detail || []).join(" ");
        return el("li", {className: `ws-apply-${o.status}`, "data-id": o.annotation, "data-status": o.status},
          `#${o.annotation} ${what}: ${o.status.replace("_", " ")}${detail ? ` (${detail})` : ""}`);
      }));
      const refused = outcomes.length - result.data.applied;
      this.say(`Applied ${result.data.applied} of ${outcomes.length} suggestion${outcomes.length === 1 ? "" : "s"}` +
        (refused ? `; ${refused} not applied (see below).` : "."));
    }
  }

  document.addEventListener("annotator:start", (event) => {
    const annotator = event.detail.annotator;
    const side = document.getElementById("workspace-side");
    if (!side || annotator.workspace) return;
    annotator.workspace = new Workspace(annotator, side);
    window.__workspace = annotator.workspace; // for debugging and the browser tests
  });
  document.addEventListener("annotator:show", (event) => {
    const workspace = event.detail.annotator.workspace;
    if (!workspace) return;
    const id = event.detail.id;
    if (workspace.indexOf(id) === -1) workspace.setFilter("kind", ""); // it may be of a kind filtered out
    if (workspace.indexOf(id) === -1) return workspace.say(`Annotation #${id} is hidden by the filters.`);
    workspace.select(id);
  });
  document.addEventListener("annotator:render", (event) => {
    const workspace = event.detail.annotator.workspace;
    if (!workspace) return;
    workspace.refresh();
    workspace.side.dataset.workspaceReady = "1";
  });
})();
