import raw from "./calibration.json" with { type: "json" };
import { calibrationSchema, type Calibration } from "./calibration-schema.js";

/** The shipped calibration (src/sim/market/calibration.json), validated: the simulator never needs the data at run time. */
export function shippedCalibration(): Calibration {
  return calibrationSchema.parse(raw);
}
