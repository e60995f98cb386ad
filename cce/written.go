package cce

import "strconv"

// Written lists the annotations the function writes on a selected Ingress,
// with their values, in the order it writes them. The transformer writes
// them and the validator checks them (validateOnly), from this one list.
func Written(port int, ciphersPolicy string) [3][2]string {
	return [3][2]string{
		{PoolProtocol, HTTPS},
		{Port, strconv.Itoa(port)},
		{CiphersPolicy, ciphersPolicy},
	}
}
