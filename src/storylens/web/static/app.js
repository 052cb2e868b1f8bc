// storylens pages: the only script, served from /static so that the CSP forbids inline code.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("pick-form");
  if (!form) return;
  const button = document.getElementById("compare-button");
  const count = document.getElementById("pick-count");
  const boxes = Array.from(form.querySelectorAll('input[type="checkbox"][name="pick"]'));

  const picked = () => boxes.filter((box) => box.checked);

  const update = () => {
    const n = picked().length;
    button.disabled = n !== 2;
    // a third tick is not allowed: the comparison is always of a pair
    boxes.forEach((box) => { box.disabled = n >= 2 && !box.checked; });
    count.textContent = n === 2 ? "Ready to compare." : `Pick ${2 - n} more.`;
  };

  boxes.forEach((box) => box.addEventListener("change", update));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const [a, b] = picked();
    if (!a || !b) return;
    const query = new URLSearchParams({ a: a.value, b: b.value });
    button.disabled = true;
    count.textContent = "Comparing…";
    window.location.assign(`/compare?${query.toString()}`);
  });
  update();
});
