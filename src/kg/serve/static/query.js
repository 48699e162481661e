// Query page: runs the query against /sparql, shows a table, offers downloads.
// Plain JavaScript, no libraries, so the page works offline.
"use strict";

const layout = document.querySelector(".layout");
const base = layout.dataset.base + "id/";
const form = document.getElementById("query-form");
const editor = document.getElementById("query");
const statusLine = document.getElementById("status");
const results = document.getElementById("results");
const downloads = document.getElementById("downloads");
const FORMATS = {
  select: [["json", "JSON"], ["xml", "XML"], ["csv", "CSV"], ["tsv", "TSV"]],
  graph: [["ttl", "Turtle"], ["nt", "N-Triples"], ["jsonld", "JSON-LD"], ["rdfxml", "RDF/XML"], ["trig", "TriG"], ["nq", "N-Quads"]],
};

function localHref(iri) {
  return iri.startsWith(base) ? "/id/" + iri.slice(base.length) : iri;
}

function cell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    const a = document.createElement("a");
    a.href = localHref(term.value);
    a.textContent = term.value;
    td.appendChild(a);
  } else {
    td.textContent = term.value;
    if (term["xml:lang"]) td.title = "@" + term["xml:lang"];
    else if (term.datatype) td.title = term.datatype;
  }
  return td;
}

function table(data) {
  const t = document.createElement("table");
  const head = t.createTHead().insertRow();
  for (const v of data.head.vars) {
    const th = document.createElement("th");
    th.textContent = v;
    head.appendChild(th);
  }
  const body = t.createTBody();
  for (const b of data.results.bindings) {
    const row = body.insertRow();
    for (const v of data.head.vars) row.appendChild(cell(b[v]));
  }
  return t;
}

function isGraphQuery(text) {
  const body = text.replace(/#[^\n]*/g, "").replace(/PREFIX\s+\S*\s*<[^>]*>/gi, "");
  return /^\s*(CONSTRUCT|DESCRIBE)/i.test(body.replace(/BASE\s*<[^>]*>/gi, ""));
}

function showDownloads(query) {
  downloads.textContent = "Tải về / Download: ";
  for (const [fmt, label] of FORMATS[isGraphQuery(query) ? "graph" : "select"]) {
    const a = document.createElement("a");
    a.href = "/sparql?" + new URLSearchParams({ query, format: fmt });
    a.textContent = label;
    a.download = "result." + fmt;
    downloads.appendChild(a);
  }
}

async function run(event) {
  if (event) event.preventDefault();
  const query = editor.value;
  statusLine.textContent = "Đang chạy… / Running…";
  results.textContent = "";
  showDownloads(query);
  const graph = isGraphQuery(query);
  const response = await fetch("/sparql", {
    method: "POST",
    headers: {
      "Content-Type": "application/sparql-query",
      Accept: graph ? "text/turtle" : "application/sparql-results+json",
    },
    body: query,
  });
  const text = await response.text();
  if (!response.ok) {
    const err = JSON.parse(text);
    statusLine.textContent = "Lỗi / Error " + response.status;
    const pre = document.createElement("pre");
    pre.className = "error";
    pre.textContent = err.error + (err.detail ? "\n" + JSON.stringify(err.detail) : "");
    results.appendChild(pre);
    return;
  }
  const cut = response.headers.get("X-KG-Truncated") ? " (đã cắt / truncated)" : "";
  statusLine.textContent = (response.headers.get("X-KG-Rows") || "") + " dòng / rows" + cut;
  if (graph) {
    const pre = document.createElement("pre");
    pre.textContent = text;
    results.appendChild(pre);
    return;
  }
  const data = JSON.parse(text);
  if ("boolean" in data) results.textContent = String(data.boolean);
  else results.appendChild(table(data));
}

async function loadExamples() {
  const list = document.getElementById("examples");
  const response = await fetch("/api/queries");
  const data = await response.json();
  list.textContent = data.queries.length ? "" : "(không có / none)";
  for (const q of data.queries) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = "#";
    a.textContent = q.title.vi;
    a.title = q.title.en + (q.description ? " — " + q.description : "");
    a.addEventListener("click", (e) => {
      e.preventDefault();
      editor.value = q.text;
    });
    li.appendChild(a);
    li.appendChild(document.createTextNode(" / " + q.title.en));
    list.appendChild(li);
  }
}

form.addEventListener("submit", run);
loadExamples();
// A link such as /?query=… opens the page with that query and runs it.
const shared = new URLSearchParams(window.location.search).get("query");
if (shared) {
  editor.value = shared;
  run(null);
}
