/**
 * 3Dolphins tokens and files: POST graph/auth (vendor-notes 4.1: `{username, password}` ->
 * `{token, expireAt}` with expireAt a Java ZonedDateTime) and POST graph/tickets/files[/media]
 * (doc lines 248-272), whose answer is a link with the caller's token appended.
 */
import { randomBytes } from "node:crypto";
import type { Router } from "../shared/server.js";
import { G, type SimContext } from "./context.js";
import { zonedDateTime } from "./model.js";
import { Answer, isAnswer, ok, springError } from "./replies.js";
import { jsonObject, requiredStrings, uploadedFile } from "./rules.js";

export function registerAuthAndFiles(router: Router, c: SimContext): void {
  const { state, reading, auth, guarded } = c;

  router.on("POST", `${G}/auth`, (req) => {
    const body = jsonObject(req);
    if (isAnswer(body)) return body;
    const bad = requiredStrings(body, ["username", "password"], req.path);
    if (bad) return bad;
    const user = state.users.find((u) => u.username === body["username"]);
    if (!user || body["password"] !== auth.password) return springError(401, "Bad credentials", req.path);
    const at = c.clock();
    state.tokens = state.tokens.filter((t) => t.expiresAtMs > at);
    const token = `sbx-3d-${randomBytes(16).toString("hex")}`;
    const expiresAtMs = at + auth.tokenTtlMs;
    state.tokens.push({ token, userId: user.id, expiresAtMs });
    return new Answer(200, { token, expireAt: zonedDateTime(expiresAtMs) });
  });

  const upload = guarded((req, who) => {
    const file = uploadedFile(req);
    if (isAnswer(file)) return file;
    const id = c.nextId();
    const name = file.filename || "file";
    state.files.push({
      id,
      name,
      type: file.type || "application/octet-stream",
      size: file.size,
      contentBase64: file.content.toString("base64"),
      uploadedBy: who.user.id,
      uploadedAt: c.clock(),
    });
    // The doc's sample (lines 259, 272): "null?access_token=Bearer [generatedToken]".
    const link = reading.uploadAnswer === "doc-sample" ? "null" : `${c.origin()}${G}/tickets/files/${id}/${encodeURIComponent(name)}`;
    return ok(`${link}?access_token=Bearer ${who.token}`);
  });
  router.on("POST", `${G}/tickets/files`, upload);
  router.on("POST", `${G}/tickets/files/media`, upload);

  router.on(
    "GET",
    `${G}/tickets/files/:fileId/:name`,
    guarded(
      (req) => {
        const f = state.files.find((x) => x.id === req.params["fileId"]);
        if (!f) return c.refuse(req, "not_found", `File ${req.params["fileId"]} not found`);
        return new Answer(200, Buffer.from(f.contentBase64, "base64").toString("utf8"), { "content-type": f.type });
      },
      { tokenInQuery: true },
    ),
  );
}
