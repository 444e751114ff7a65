import { diskFullSuite } from "./disk-full.suite";

// WAL, which the server sets on its database at start.
diskFullSuite("wal");
