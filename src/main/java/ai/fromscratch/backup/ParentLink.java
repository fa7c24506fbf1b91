package ai.fromscratch.backup;

/** A child table's column holding the id of a row of its parent table. */
record ParentLink(String child, String column, String parent) {}
