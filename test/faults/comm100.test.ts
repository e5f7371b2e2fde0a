/** comm100 through the fault proxy: every fault × a read, a reply-like write and a create-like write (issue 8 item 11). */
import { describeFaultMatrix } from "./matrix.js";

describeFaultMatrix("comm100");
