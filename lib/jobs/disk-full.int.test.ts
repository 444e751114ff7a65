import { diskFullSuite } from "./disk-full.suite";

// The rollback journal, which a fresh database file starts in.
diskFullSuite("delete");
