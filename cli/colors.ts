// Colour only for terminals, and never when NO_COLOR is set (https://no-color.org).
import picocolors from "picocolors";

export type Colors = ReturnType<typeof picocolors.createColors>;

export function colorsFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Colors {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== "";
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0";
  return picocolors.createColors(!noColor && (forced || stream.isTTY === true));
}
