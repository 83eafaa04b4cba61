/* The flagged-claim report's keys: the article workspace's model (j/k, c, d, r, u, ? for help), plus
 * x to select a row for the bulk action and o to open the flag's article. Vanilla JS, no dependencies.
 *
 * Decisions made with a key go through the REST API (POST /api/v1/annotations/{id}/review/, session +
 * CSRF) with the version the row showed, so a flag someone changed meanwhile is refused, not decided
 * blind; the row is updated in place from the answer. The buttons and the bulk action stay plain forms.
 * Text reaches the DOM through textContent only.
 */
(function () {
  "use strict";

  const DECISIONS = {open: ["confirm", "dismiss"], confirmed: ["resolve", "reopen"], dismissed: ["reopen"], resolved: ["reopen"]};
  const LABELS = {open: "Open", confirmed: "Confirmed", dismissed: "Dismissed", resolved: "Resolved"};
  const KEYS = [
    ["j", "Next flag"], ["k", "Previous flag"], ["c", "Confirm"], ["d", "Dismiss"],
    ["r", "Resolve (confirms first when open)"], ["u", "Reopen"], ["x", "Select or unselect for the bulk action"],
    ["o", "Open the flag's article workspace"], ["?", "Show or hide this help"], ["Esc", "Close the help"],
  ];

  const {api: request} = window.DeskDom; // annotations/dom.js, loaded first

  function boot() {
    const form = document.getElementById("fcr-review-form");
    if (!form) return;
    const api = form.dataset.annotationsApi;
    const mayReview = form.dataset.mayReview === "1";
    const rows = () => Array.from(form.querySelectorAll("tr.fcr-row"));
    const status = document.createElement("p");
    status.className = "ws-message";
    status.id = "fcr-message";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    form.before(status);
    let current = null;
    let busy = false;

    const help = document.createElement("div");
    help.className = "ws-help";
    help.id = "fcr-help";
    help.hidden = true;
    help.setAttribute("role", "dialog");
    help.setAttribute("aria-label", "Report keys");
    const box = document.createElement("div");
    box.className = "ws-help-box";
    const title = document.createElement("h2");
    title.textContent = "Report keys";
    const table = document.createElement("table");
    for (const [key, what] of KEYS) {
      const tr = table.insertRow();
      const th = document.createElement("th");
      const kbd = document.createElement("kbd");
      kbd.textContent = key;
      th.append(kbd);
      tr.append(th);
      tr.insertCell().textContent = what;
    }
    box.append(title, table);
    help.append(box);
    document.body.append(help);

    function say(text) {
      status.textContent = text;
    }

    function select(row) {
      if (current) current.classList.remove("fcr-current");
      current = row;
      if (!row) return;
      row.classList.add("fcr-current");
      row.scrollIntoView({block: "nearest"});
    }

    function move(step) {
      const all = rows();
      if (!all.length) return say("No flag on this page.");
      const index = current ? all.indexOf(current) : -1;
      select(all[index === -1 ? (step > 0 ? 0 : all.length - 1) : Math.max(0, Math.min(all.length - 1, index + step))]);
    }

    function redrawButtons(row) {
      const cell = row.querySelector(".fcr-actions");
      for (const button of cell.querySelectorAll("button[name=single]")) button.remove();
      const anchor = cell.querySelector(".fcr-detector");
      for (const decision of DECISIONS[row.dataset.status] || []) {
        const button = document.createElement("button");
        button.type = "submit";
        button.name = "single";
        button.value = `${row.dataset.id}:${decision}`;
        button.textContent = decision.charAt(0).toUpperCase() + decision.slice(1);
        cell.insertBefore(button, anchor);
      }
    }

    async function review(row, decision) {
      const note = row.querySelector("textarea") ? row.querySelector("textarea").value : "";
      const result = await request("POST", `${api}${row.dataset.id}/review/`, {decision, note, version: Number(row.dataset.version)});
      const data = result.data;
      if (!result.ok) {
        const detail = data && (data.detail || data.decision || data.version || data.non_field_errors);
        return {ok: false, message: Array.isArray(detail) ? detail.join(" ") : detail || `The server answered ${result.status}.`};
      }
      row.dataset.status = data.status;
      row.dataset.version = String(data.version);
      row.className = `fcr-row fcr-state-${data.status}${row === current ? " fcr-current" : ""}`;
      row.querySelector(`input[name="version-${row.dataset.id}"]`).value = String(data.version);
      row.querySelector(".fcr-status").textContent = LABELS[data.status] || data.status;
      redrawButtons(row);
      return {ok: true};
    }

    async function decide(decision) {
      if (!current) return say("Choose a flag first (j).");
      if (!mayReview) return say("Only reviewers may decide flags.");
      if (busy) return;
      const row = current;
      const steps = decision === "resolve" && row.dataset.status === "open" ? ["confirm", "resolve"] : [decision];
      busy = true;
      try {
        for (const step of steps) {
          const result = await review(row, step);
          if (!result.ok) return say(`Flag ${row.dataset.id}: ${step} refused: ${result.message}`);
        }
      } finally {
        busy = false;
      }
      say(`Flag ${row.dataset.id} is now ${(LABELS[row.dataset.status] || row.dataset.status).toLowerCase()}.`);
      move(1);
    }

    document.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (!help.hidden) {
        if (event.key === "Escape" || event.key === "?") {
          event.preventDefault();
          help.hidden = true;
        }
        return;
      }
      if (event.target.closest && event.target.closest("input, textarea, select, summary")) return;
      const actions = {
        j: () => move(1),
        k: () => move(-1),
        c: () => decide("confirm"),
        d: () => decide("dismiss"),
        r: () => decide("resolve"),
        u: () => decide("reopen"),
        x: () => {
          if (!current) return say("Choose a flag first (j).");
          const check = current.querySelector("input[name=ids]");
          check.checked = !check.checked;
          say(`${form.querySelectorAll("input[name=ids]:checked").length} selected for the bulk action.`);
        },
        o: () => {
          if (current) window.location.href = current.dataset.articleUrl;
        },
        "?": () => {
          help.hidden = false;
        },
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    });
    form.dataset.keysReady = "1";
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
