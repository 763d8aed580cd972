package beta

import (
	"fmt"
	"strings"
)

// variant is one Of… field of a request union: its name, whether it is set, and the value
// sent when it is (nil for an explicit JSON null).
type variant struct {
	name  string
	set   bool
	value any
}

// pickVariant returns the value of the one variant that is set, or an error naming the
// union type and the variants that were set. Every request union's MarshalVariant uses it.
func pickVariant(union string, variants ...variant) (any, error) {
	chosen, n := -1, 0
	for i := range variants {
		if variants[i].set {
			chosen, n = i, n+1
		}
	}
	switch n {
	case 1:
		return variants[chosen].value, nil
	case 0:
		return nil, fmt.Errorf("llamacloud: %s has no variant set; set exactly one Of field", union)
	}
	var names []string
	for _, v := range variants {
		if v.set {
			names = append(names, v.name)
		}
	}
	return nil, fmt.Errorf("llamacloud: %s has %d variants set (%s); set exactly one", union, n, strings.Join(names, ", "))
}
