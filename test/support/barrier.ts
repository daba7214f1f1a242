// Proving that requests run at the same time without timing them: a barrier answers none of its
// requests until `count` have arrived. A runtime that sends them one after another never gets
// past it, and the test fails by its timeout instead of by a race against server delays.
//
//   const together = barrier(3);
//   for (const p of ["/a", "/b", "/c"]) api.route("GET", p, together.reply({ json: {} }));
import type { LoggedRequest, Reply } from "./api-server.ts";

export interface Barrier {
  /** A responder that holds its request until the barrier opens, then gives `reply`. */
  reply(reply: Reply): (request: LoggedRequest, index: number) => Promise<Reply>;
  /** Settles when `count` requests have arrived. */
  readonly opened: Promise<void>;
}

export function barrier(count: number): Barrier {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  return {
    opened,
    reply: (reply) => async () => {
      if (++arrived >= count) open();
      await opened;
      return reply;
    },
  };
}
