/** Cache files for providers (tokens): the owner-only atomic writer lives in src/fs/private-file.ts. */
export { writePrivateFileAtomic } from "../../fs/private-file.js";
