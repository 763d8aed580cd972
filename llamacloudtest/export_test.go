package llamacloudtest

import "sort"

// RouteKeys returns the API routes s serves, as "METHOD pattern" ("POST /api/v1/indexes"),
// sorted. It is compiled only into this package's tests, for TestSDKEveryEndpoint.
func RouteKeys(s *Server) []string {
	keys := make([]string, 0, len(s.routes))
	for k := range s.routes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
