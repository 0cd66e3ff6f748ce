"""The workbench's web UI: server-rendered pages (Jinja2, autoescaped), SVG charts drawn on
the server, a small committed stylesheet and one small script (PNG download of a chart).
No CDN, no build step."""
