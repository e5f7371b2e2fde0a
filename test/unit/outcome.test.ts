/** The write-outcome rules (src/http/outcome.ts) and the text comparison used to find a reply again. */
import { describe, expect, it } from "vitest";
import { AuthError, NetworkError, OperationError } from "../../src/errors.js";
import { neverLeft, stateForStatus, WriteLog } from "../../src/http/outcome.js";
import { comparableText } from "../../src/commands/shared/reconcile.js";

const url = new URL("http://127.0.0.1/v4/ticketing/messages");

describe("WriteLog.outcome", () => {
  it("no write sent is not_sent, whatever the error", () => {
    const log = new WriteLog();
    log.read();
    expect(log.outcome(new NetworkError("x"))).toBe("not_sent");
  });

  it("a write that got 2xx is done even when its answer failed to parse", () => {
    const log = new WriteLog();
    log.start("POST", url).state = "done";
    expect(log.outcome(new OperationError("unexpected answer"))).toBe("done");
  });

  it("an envelope refusal right after the write means the write did not happen", () => {
    const log = new WriteLog();
    log.start("POST", url).state = "done";
    expect(log.outcome(new OperationError("Sobot refused", { vendorCode: "400006" }))).toBe("not_sent");
  });

  it("an envelope error on a read after the write leaves the write done", () => {
    const log = new WriteLog();
    log.start("POST", url).state = "done";
    log.read();
    expect(log.outcome(new OperationError("Sobot failed", { vendorCode: "999999" }))).toBe("done");
  });

  it("a write refused for an expired token and then sent again counts as the later one", () => {
    const log = new WriteLog();
    log.start("POST", url).state = "not_sent";
    log.start("POST", url).state = "done";
    expect(log.outcome()).toBe("done");
  });

  it("a write with no answer is unknown; done plus unknown is unknown; done then refused is partial", () => {
    const a = new WriteLog();
    a.start("POST", url);
    expect(a.outcome(new NetworkError("reset"))).toBe("unknown");
    const b = new WriteLog();
    b.start("PUT", url).state = "done";
    b.start("POST", url);
    expect(b.outcome(new NetworkError("reset"))).toBe("unknown");
    const c = new WriteLog();
    c.start("PUT", url).state = "done";
    c.start("POST", url).state = "not_sent";
    expect(c.outcome(new AuthError("403"))).toBe("partial");
  });

  it("statuses and connection-phase errors", () => {
    expect(stateForStatus(201)).toBe("done");
    expect(stateForStatus(409)).toBe("not_sent");
    expect(stateForStatus(502)).toBe("unknown");
    expect(stateForStatus(307)).toBeUndefined();
    expect(neverLeft({ code: "ECONNREFUSED" })).toBe(true);
    expect(neverLeft({ name: "TimeoutError", event: "connect" })).toBe(true);
    expect(neverLeft({ name: "TimeoutError", event: "request" })).toBe(false);
    expect(neverLeft({ code: "ECONNRESET" })).toBe(false);
  });
});

describe("comparableText", () => {
  it("reads HTML as a person would, so a vendor that stores replies as HTML still matches", () => {
    expect(comparableText("<p>Thanks,&nbsp;fixed&amp;done</p><p>Bye</p>")).toBe(comparableText("Thanks, fixed&done\nBye"));
    expect(comparableText("a&#39;b &#x41;")).toBe("a'b A");
    expect(comparableText("  many   spaces\n\nand lines ")).toBe("many spaces and lines");
  });
});
