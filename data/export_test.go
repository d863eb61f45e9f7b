package data

// OldFile makes the file at path with the first n migrations only, as an
// older build left it, with the rows that stmts write.
var OldFile = oldFile
