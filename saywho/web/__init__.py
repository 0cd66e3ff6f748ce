"""The workbench's web UI: server-rendered pages (Jinja2, autoescaped), SVG charts drawn on
the server, and a small committed stylesheet. No scripts, no CDN, no build step."""
