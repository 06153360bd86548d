export { type AdminAuth, createAdminAuth } from "./admin-auth.js";
export { createWebApp, type WebAppOptions } from "./app.js";
export { loadAssets } from "./assets.js";
export { clientAddress } from "./client-address.js";
export { CSP } from "./layout.js";
export { markdownToHtml } from "./markdown-html.js";
export { type NodeHandler, webHandler } from "./web-server.js";
