// Request headers (runtime/http-headers.ts): sets start from shared defaults, so a change to one
// request's headers must never reach another request.
import { describe, expect, it } from "vitest";
import { PLAIN_HEADERS, defaultHeaders } from "../runtime/http/headers.ts";

describe("HeaderSet", () => {
  it("hands out the shared defaults only while nothing changed them", () => {
    expect(defaultHeaders(false).toObject()).toBe(PLAIN_HEADERS);
    expect(PLAIN_HEADERS).toEqual({ Accept: "application/json" });
    expect(Object.isFrozen(PLAIN_HEADERS)).toBe(true);
  });

  it("copies before a change, leaving the defaults and other requests untouched", () => {
    const withAuth = defaultHeaders(false);
    withAuth.set("Authorization", "Bearer t0ken");
    withAuth.applyOption({ accept: "text/csv", "X-Trace": 7 }, "request");
    const withoutAccept = defaultHeaders(false);
    withoutAccept.applyOption({ Accept: null }, "source");

    expect(withAuth.toObject()).toEqual({ accept: "text/csv", Authorization: "Bearer t0ken", "X-Trace": "7" });
    expect(withoutAccept.toObject()).toEqual({});
    expect(defaultHeaders(false).toObject()).toEqual({ Accept: "application/json" });
    expect(defaultHeaders(true).toObject()).toEqual({ Accept: "application/json", "Content-Type": "application/json" });
  });

  it("removing a header that is not there changes nothing", () => {
    const headers = defaultHeaders(false);
    headers.delete("X-Absent");
    expect(headers.toObject()).toBe(PLAIN_HEADERS);
    expect(headers.get("accept")).toBe("application/json");
  });
});
