package roster

//go:generate go run ./testdata/gen
