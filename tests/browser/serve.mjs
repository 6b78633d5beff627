// A static file server on 127.0.0.1 for the browser tests: serves SITE_DIR under the path
// PREFIX (default "/", as a base_url with a path is served), folders as their index.html,
// unknown paths as 404.html with status 404.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
  ".xml": "application/xml", ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8", ".png": "image/png",
};

export function serve(site, prefix = "/") {
  const root = path.resolve(site);
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    let file = pathname.startsWith(prefix) ? path.join(root, pathname.slice(prefix.length - 1)) : "";
    if (!file.startsWith(root)) file = path.join(root, "404.html");
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    const found = fs.existsSync(file);
    const body = fs.readFileSync(found ? file : path.join(root, "404.html"));
    res.writeHead(found ? 200 : 404, { "content-type": TYPES[path.extname(found ? file : ".html")] || "application/octet-stream" });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

export const CHROMIUM_ARGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
];
