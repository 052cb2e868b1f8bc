// The story view's facts × outlets matrix: click (or Enter on) a column head to sort by it.
// Served from /static: the CSP forbids inline code. Without JavaScript the matrix stays in its
// server order, most widely carried first.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // the fullest carrying sorts first in an outlet's column
  const CELL_RANK = { verbatim: 3, paraphrase: 2, partial: 1, absent: 0 };

  document.querySelectorAll("table[data-sortable]").forEach((table) => {
    const body = table.tBodies[0];
    const heads = Array.from(table.tHead.rows[0].cells);

    const key = (row, index, kind) => {
      const cell = row.cells[index];
      if (kind === "number") return Number(cell.dataset.value || cell.textContent) || 0;
      if (kind === "cell") {
        const how = Array.from(cell.classList).find((c) => c.startsWith("sl-") && c !== "sl-cell");
        return CELL_RANK[(how || "").slice(3)] || 0;
      }
      return cell.textContent.trim().toLowerCase();
    };

    heads.forEach((head, index) => {
      const kind = head.dataset.sort;
      if (!kind) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sl-sort";
      while (head.firstChild) button.appendChild(head.firstChild);
      head.appendChild(button);
      head.setAttribute("aria-sort", "none");
      button.addEventListener("click", () => {
        // numbers and outlet columns sort high first; text sorts A to Z first
        const first = kind === "text" ? "ascending" : "descending";
        const next = head.getAttribute("aria-sort") === first
          ? (first === "ascending" ? "descending" : "ascending") : first;
        heads.forEach((h) => h.dataset.sort && h.setAttribute("aria-sort", "none"));
        head.setAttribute("aria-sort", next);
        const sign = next === "ascending" ? 1 : -1;
        const rows = Array.from(body.rows).map((row, i) => ({ row, i, k: key(row, index, kind) }));
        rows.sort((a, b) => (a.k < b.k ? -sign : a.k > b.k ? sign : a.i - b.i));
        rows.forEach(({ row }) => body.appendChild(row));
      });
    });
  });
});
