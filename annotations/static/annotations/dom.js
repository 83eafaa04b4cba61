/* The helpers the editor's desk scripts share (annotator.js, workspace.js, credibility's report.js),
 * one copy under one global, window.DeskDom. Loaded before them (ArticleAdmin.Media, the report's
 * extrahead). Vanilla JS, no dependencies.
 *
 * Invariants:
 * - el() puts text into the DOM through text nodes / textContent only (never innerHTML), so article
 *   text holding markup stays inert.
 * - api() never throws: a network failure is {ok: false, status: 0}; a body that is not JSON is data null.
 */
(function () {
  "use strict";

  /** el("button", {type: "button", className: "x", onclick: fn, text: "…"}, ...children); null/false attributes and children are skipped. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = value;
      else if (name === "className") node.className = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function cookie(name) {
    for (const part of document.cookie.split(";")) {
      const [key, ...rest] = part.trim().split("=");
      if (key === name) return decodeURIComponent(rest.join("="));
    }
    return "";
  }

  /** Django's CSRF token: the cookie, or the form field when the cookie is HttpOnly. */
  function csrfToken() {
    const field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return cookie("csrftoken") || (field ? field.value : "");
  }

  /** A JSON request with the session and the CSRF token: {ok, status, data, etag}. */
  async function api(method, url, body, headers) {
    const init = {method, credentials: "same-origin", headers: {Accept: "application/json", ...(headers || {})}};
    if (method !== "GET") init.headers["X-CSRFToken"] = csrfToken();
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      return {ok: false, status: 0, data: {detail: "The server could not be reached."}};
    }
    let data = null;
    try {
      data = await response.json();
    } catch (error) {
      data = null;
    }
    return {ok: response.ok, status: response.status, data, etag: response.headers.get("ETag")};
  }

  /** An API error in words: its detail, else every field's messages (the 409's bookkeeping fields left out). */
  function errorText(result) {
    const data = result.data;
    if (!data) return `The server answered ${result.status}.`;
    if (typeof data.detail === "string") return data.detail;
    const parts = [];
    for (const [field, messages] of Object.entries(data)) {
      if (["current_version", "current_status", "requested_status"].includes(field)) continue;
      const text = Array.isArray(messages) ? messages.join(" ") : typeof messages === "string" ? messages : JSON.stringify(messages);
      parts.push(field === "detail" || field === "non_field_errors" ? text : `${field}: ${text}`);
    }
    return parts.join(" ") || `The server answered ${result.status}.`;
  }

  window.DeskDom = Object.freeze({el, cookie, csrfToken, api, errorText});
})();
