// saywho workbench: the one script. Charts are SVG files drawn by the server; this turns one
// into a PNG in the browser (canvas) for the "Download PNG" buttons. No inline code: the
// Content-Security-Policy allows scripts from /static/ only.
"use strict";

function downloadPng(button) {
  const img = new Image();
  img.onload = () => {
    const scale = 2;
    const canvas = document.createElement("canvas");
    canvas.width = img.naturalWidth * scale;
    canvas.height = img.naturalHeight * scale;
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    canvas.toBlob((blob) => {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = button.dataset.name || "chart.png";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    }, "image/png");
  };
  img.src = button.dataset.src;
}

document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button.png[data-src]")) {
    button.hidden = false;
    button.addEventListener("click", () => downloadPng(button));
  }
});
