/**
 * The four vendors, by id. Descriptors are light (no provider code): `ticket vendors`,
 * `ticket profile add` and `ticket sandbox` read them; providers load lazily through them.
 */
import type { VendorName } from "../model/enums.js";
import type { VendorDescriptor } from "./descriptor.js";
import { threeDolphins } from "./3dolphins/descriptor.js";
import { comm100 } from "./comm100/descriptor.js";
import { sobot } from "./sobot/descriptor.js";
import { zaia } from "./zaia/descriptor.js";

export const VENDOR_DESCRIPTORS = {
  "3dolphins": threeDolphins,
  comm100,
  sobot,
  zaia,
} satisfies Record<VendorName, VendorDescriptor>;

export function descriptorFor(vendor: VendorName): VendorDescriptor {
  return VENDOR_DESCRIPTORS[vendor];
}
